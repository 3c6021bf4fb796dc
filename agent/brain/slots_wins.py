"""Arguments of the wins tools from a piece of a message."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from agent.brain import values
from agent.brain.categories import category_of
from agent.brain.convo import Env
from agent.brain.dates import all_days
from agent.brain.draft import Draft, Ref, blank, tidy, without_change_of_mind
from agent.brain.money import Amount, currency_named, find_amounts, spoken_price
from agent.brain.pick import explicit_id, ordinal, ref_words
from agent.brain.shares import SHARE_SAID, for_each_person, split_ways
from agent.brain.times import find_time

_I = re.IGNORECASE
_SPEND_WORDS = (
    r"spent|spend|paid|pay|bought|buy|purchased|cost|costs|costing|log|logged|add|record|an|a"
    r"|expense|of|on|for|at|in|the|me|us|about|around|just|today|dollars|bucks|was|it|that|got"
    r"|some|new|my|our|and|with|to|came to|came|comes to|dropped|blew|forked out|shelled out"
    r"|splashed out"
)
# A rate said with the figure ("45 a night", ", 60 per night", "$25 per person"): how the
# amount was counted, no part of what it was for.
_RATE_WORDS = re.compile(
    r"[,;]?\s*(?:\$\s*)?(?:\d+(?:\.\d+)?\s*(?:dollars|bucks)?\s*)?(?<!\w)(?:a|per|/|each)\s*"
    r"(?:night|nite|day|week|person|head|adult|kid|child|pop)\b",
    _I,
)


def _without_category_said(description: str, category: str | None, american: bool) -> str:
    """ "Woolies on groceries" -> "Woolies": the words the category was read from, after
    "on", when the description says more than them."""
    if category is None:
        return description
    for m in re.finditer(
        r"\s+on\s+((?:the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\b", description, _I
    ):
        if category_of(m[1], american=american) == category:
            left = tidy(description[: m.start()] + description[m.end() :], _SPEND_WORDS)
            return left or description
    return description


# A closing clause that files the money in its category: "…, pop it under repairs".
# Where the user files the money: "put it", "log that", "stick them down" …
_FILING = (
    r"(?:put|pop|stick|chuck|file|log|class|record|enter|book)\s+(?:it|that|this|them)\s+"
    r"(?:in\s+|down\s+)?"
)
# … in a category, closing the message: "…, put it under repairs", "log it as gas"
_FILED_TAIL = re.compile(
    r"\s*[,.;:-]?\s*(?:(?:and|so|then|please|pls|just|can you|could you)\s+)*"
    rf"{_FILING}(?:under|as|in(?:to)? the)\s+[^,.;]*$",
    _I,
)


# Bills that are never a few dollars: "rego was four twenty" is $420, not $4.20.
_DEAR = {"registration", "insurance", "repairs", "maintenance", "camping", "phone_internet"}


def _amount(text: str, env: Env, *, hundreds: bool = False) -> tuple[Amount | None, str]:
    """The amount (dates cut first, so "on the 3rd" is no amount) and the text without it;
    with `hundreds`, "two fifty" is $250."""
    day = values.day(text, env.today, future=False)
    clock = find_time(text)
    if clock and re.fullmatch(r"\d{1,2}(?:\.\d{2})?|\d{4}", text[clock.start : clock.end]):
        clock = None  # "lunch friday 12.50", "pies friday 9", "rego friday 1250": a price
    cut = blank(text, [(h.start, h.end) for h in (day, clock) if h])
    spoken = spoken_price(cut, hundreds=hundreds)
    amount = spoken or values.amount(cut, loose=True)
    spans = [(a.start, a.end) for a in find_amounts(cut)]
    rest = blank(cut, [*spans, (amount.start, amount.end)] if amount else spans)
    return amount, rest


# A figure given to the verb of keeping, then what it was for: "log 76 for camping",
# "record $42 on fuel".
_LOGGED = re.compile(
    r"\b(?:log|record|enter|put down|jot down)\s+(?:[$£€]\s?)?(?P<n>\d[\d,]*(?:\.\d{1,2})?)"
    r"(?:\s*(?:dollars|bucks|pounds|quid|euros))?\s+(?:for|on|as|under)\b",
    _I,
)


_BOUGHT_THING = re.compile(
    r"\b(?:bought|buy|purchased|picked up|grabbed|got)\s+(?:a |an |some |the |us |me )*new\b"
    r"|\bnew\s+\w+\s+(?:for|from)\b",
    _I,
)


# A payment that is never a few dollars either: "the one fifty deposit", "site fees two
# forty".
_DEAR_WORDS = re.compile(r"\b(?:deposits?|fees?|bills?|bookings?|invoices?|rent|bond)\b", _I)


_UNIT_RATE = r"night|day|week|person|head|adult|kid|child"
_RATE_FOR = re.compile(
    rf"(?P<rate>\d+(?:\.\d+)?)\s*(?:dollars|bucks|\$)?\s*(?:a|per|/|each)\s*(?P<u>{_UNIT_RATE})\b"
    rf".{{0,30}}?\bfor\s+(?P<n>\d+)\s+(?P=u)s?\b"
    rf"|(?P<n2>\d+)\s+(?P<u2>{_UNIT_RATE})s?\s+at\s+\$?\s?(?P<rate2>\d+(?:\.\d+)?)\s*"
    rf"(?:dollars|bucks)?\s*(?:a|per|/|each)\s*(?P=u2)\b",
    _I,
)


_RATE = re.compile(
    rf"\$?\s?(?P<rate>\d+(?:\.\d+)?)\s*(?:dollars|bucks)?\s*(?:a|per|/|each|every)\s*(?P<u>{_UNIT_RATE})\b",
    _I,
)


# "2 x 25 for park passes", "3 @ 4.50", "two coffees at 5.50 each": a count times a price
_COUNT_TIMES = re.compile(
    r"(?<![\d.$,])(?P<n>\d{1,2})\s*(?:x|×|@)\s*\$?(?P<rate>\d+(?:\.\d{1,2})?)\b(?!\s*(?:am|pm|%))"
    r"|(?<![\d.$,])(?P<n2>\d{1,2})\s+(?:[a-z']+\s+){1,5}?(?:at|@|for)\s+\$?"
    r"(?P<rate2>\d+(?:\.\d{1,2})?)\s*(?:dollars|bucks)?\s*"
    r"(?:each|apiece|a piece|a pop|per (?:item|one|unit|piece))\b"
    # "3 coffees at 4.50", "two pies @ 6.50": things counted, then the price of one
    r"|(?<![\d.$,])(?P<n3>\d{1,2})\s+(?:[a-z']+\s+){0,2}?[a-z']+s\s+(?:at|@)\s+\$?"
    r"(?P<rate3>\d+(?:\.\d{1,2})?)\b(?!\s*(?:am|pm|%|[ap]\.m|o'?clock|a night|per night))"
    # "45 each for 2 tickets", "25 a head for the 4 of us": the price of one, then the count
    r"|\$?(?P<rate4>\d+(?:\.\d{1,2})?)\s*(?:dollars|bucks)?\s*(?:each|apiece|a head|per head)\s+"
    r"(?:on|for)\s+(?:the\s+)?(?P<n4>\d{1,2})\s+(?!of us\b.*\b(?:mine|my share)\b)[a-z]",
    _I,
)


def _as_read(text: str, amount: Amount) -> str:
    """The text with a spoken price ("4 50") written as the figure read (4.50)."""
    span = text[amount.start : amount.end]
    if re.fullmatch(r"\d{1,2} \d{2}", span):
        return f"{text[: amount.start]}{amount.value}{text[amount.end :]}"
    return text


def _times_rate(text: str, amount: Amount) -> Amount | None:
    """ "the caravan park 38 a night for 3 nights", "2 nights at 45 a night": the rate
    times the count, when the amount read is that rate (a total said wins)."""
    m = _RATE_FOR.search(text) or _COUNT_TIMES.search(text)
    if m:
        groups = m.groupdict()
        rate = Decimal(next(groups[k] for k in ("rate", "rate2", "rate3", "rate4") if groups[k]))
        count = int(next(groups[k] for k in ("n", "n2", "n3", "n4") if groups[k]))
    elif (
        (each := _RATE.search(text))
        and (
            many := re.search(rf"(?<![\d.$])(\d+)\s+{each['u']}s?\b", text[: each.start()], _I)
            # "caravan park, 45 a night, 3 nights": or said after it
            or re.search(
                # ("38 a night, we stayed 2 nights": who stayed between the rate and the count)
                r"^(?:[\s,;.-]|\b(?:x|for|times|we|i|they|stayed|did|booked|had|so|and|it was)\b)*"
                rf"(\d+)\s+{each['u']}s?\b",
                text[each.end() :],
                _I,
            )
        )
    ):
        # "three nights at Big4 Port Macquarie, 58 per night": the count said first, apart
        rate, count = Decimal(each["rate"]), int(many[1])
    else:
        return None
    if amount.value not in (rate, count) or not 1 < count <= 60:
        return None
    return Amount(rate * count, amount.currency, amount.start, amount.end)


# … or on a day: "…, put that under yesterday", "log it for the 3rd"
_FILED_DAY = re.compile(rf"\b{_FILING}(?:under|as|for|on|against)\s+(?P<day>[^,.;!?]+)", _I)
# Where a clause of a story ends: "…on the 14th, they brought…, anyway on the 15th I paid".
_CLAUSE_END = re.compile(r"[,;.!?:]\s|\s[-\u2013\u2014]\s|\b(?:anyway|and then)\b", _I)


def _spent_day(text: str, env: Env, amount: Amount | None) -> date | None:
    """The day of the spending: the one the user files it under, else (of a story's several
    days) the one in the amount's clause, else the first said."""
    for m in _FILED_DAY.finditer(text):
        if said := values.day(m["day"], env.today, future=False):
            return said.day
    days = all_days(text, env.today, future=False)
    if len(days) > 1 and amount:
        ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        opening = max((e for e in ends if e < amount.start), default=0)
        closing = min((e for e in ends if e >= amount.end), default=len(text))
        if inside := [d for d in days if opening <= d.start < closing]:
            return inside[0].day
    return days[0].day if days else None


def add_expense(text: str, env: Env) -> Draft:
    draft = Draft("add_expense")
    dear = category_of(text, american=env.american) in _DEAR or bool(_DEAR_WORDS.search(text))
    amount, rest = _amount(text, env, hundreds=dear)
    logged = _LOGGED.search(text) if amount else None
    if amount and logged and amount.start < logged.start():
        # "… it was 38 pounds a night and we stayed 2 nights so log 76 for camping": the
        # figure the log verb is given is the one to keep, over figures told in the story
        # before it (not over one said after it: "log 85 … wait no it was 75")
        value = Decimal(logged["n"].replace(",", ""))
        rest = blank(rest, [logged.span("n")])
        amount = Amount(value, amount.currency, logged.start("n"), logged.end("n"))
    # (a price spoken as two numbers, "4 50 each", is read by the rates as the figure it is)
    said = _as_read(text, amount) if amount else text
    if amount and (times := _times_rate(said, amount)):
        amount = times  # "38 a night for 3 nights": what was paid is 114
    elif amount and (everyone := for_each_person(text, amount.value)):
        # "38 a head for the 2 of us": what was paid is 76
        amount = Amount(everyone, amount.currency, amount.start, amount.end)
    if amount and (share := SHARE_SAID.search(text)):
        # "split the $120 dinner, my half is 60": what the user spent is their share
        amount = Amount(Decimal(share["n"]), amount.currency, share.start("n"), share.end("n"))
        rest = blank(rest, [share.span()])
    elif amount and (ways := split_ways(text)):
        # "dinner was 120, split 3 ways": the user's share is what they spent
        mine = (amount.value / ways).quantize(Decimal("0.01"))
        amount = Amount(mine, amount.currency, amount.start, amount.end)
    if amount:
        draft.put("amount", amount.value)
        # "… 30 dollars, this was australian dollars": named apart from the figure
        draft.put("currency", amount.currency or currency_named(text))
    day = _spent_day(text, env, amount)
    # a purchase with no day said is today's, said outright as people expect it
    draft.put("date", (day or env.today).isoformat())
    rest = blank(rest, [m.span() for m in _RATE_WORDS.finditer(text)])  # (positions kept)
    description = tidy(re.sub(r"\s+", " ", rest), _SPEND_WORDS)
    description = re.sub(r"\b(?:yesterday|today|last \w+|on \w+day)\b", "", description, flags=_I)
    # (of two words as strong, the one in the sentence of the amount: a letter tells of more)
    near = amount.start if amount else None
    filed = _FILED_TAIL.search(text)
    # "…, log it as gas": the category the user files it under outranks the story's words
    category = (filed and category_of(filed[0], american=env.american)) or category_of(
        text, american=env.american, near=near
    )
    if category is None and _BOUGHT_THING.search(text):
        category = "shopping"  # a thing bought that no other category names
    draft.put("category", category or ("other" if len(description) > 1 else None))
    description = _without_category_said(description, category, env.american)
    description = _FILED_TAIL.sub("", description)  # "…, put it under repairs": where it goes
    draft.put("description", tidy(description, _SPEND_WORDS)[:200] or None)
    draft.missing = "amount" if not amount else None if draft.args.get("category") else "category"
    return draft


# Words around a source that are not it: "from the vineyard, paid in cash".
_SOURCE_ENDS = (
    r"the|my|some|a|an|paid|got paid|received|came in|came through|in cash|cash|it|was|on"
    r"|were|i|we|they|he|she|me|us"  # "…, we were paid Friday": who was paid is no source
)


# Being paid with no payer named: the user's pay ("we got paid 800 today").
_BEING_PAID = re.compile(r"\b(?:got|get|been|was|were|getting) paid\b(?!\s+(?:for|by|from)\b)", _I)


def add_income(text: str, env: Env) -> Draft:
    draft = Draft("add_income")
    # "350 from tutoring at 3.12": paid on the 3rd of December, when another figure is the
    # amount (a day and month set off by a dot, as much of the world writes them)
    dotted = values.dotted_day(text, env.today, future=False)
    if dotted and not re.search(r"\d", blank(text, [(dotted.start, dotted.end)])):
        dotted = None
    said = blank(text, [(dotted.start, dotted.end)]) if dotted else text
    amount, rest = _amount(said, env, hundreds=True)  # nobody logs $2.50 received
    if amount:
        draft.put("amount", amount.value)
    day = values.day(text, env.today, future=False) or dotted
    draft.put("date", (day.day if day else env.today).isoformat())  # no day said: today
    if day:
        rest = blank(rest, [(day.start, day.end)])
    source = None
    known = re.search(
        r"\b(tax refund|refund|pension|wages|salary|rent|dividends?|interest|centrelink|tips"
        r"|reimbursement|super|allowance|bonus)\b",
        rest,
        _I,
    )
    sold = re.search(r"\bsold\s+(.+?)(?:\s+(?:for|to)\b|$)", rest, _I)
    m = re.search(
        r"\b(?:from|doing|selling|at|for)\s+(.+?)(?:[,;]\s+(?:i|we|they|he|she|it|please|pls"
        r"|can you|could you|would you)\b.*)?$",
        rest,
        _I,
    )
    if sold:
        source = "Sold " + tidy(sold[1]).lower()
    elif m and tidy(m[1], _SOURCE_ENDS):
        source = tidy(m[1], _SOURCE_ENDS)
    elif known:
        source = known[1].capitalize()
    else:
        source = tidy(
            rest,
            r"got paid|been paid|was paid|paid me|paid us|earned|received|got|made|income|i|we"
            r"|of|in|my|our|the|a|an|some|just|today|dollars|bucks|log|add|record|came in"
            r"|arrived|landed",
        )
    if not source and _BEING_PAID.search(rest):
        source = "Pay"  # "got paid 1200": the user's pay, as "my pay came in, 1200" says
    draft.put("source", source[:200] if source else None)
    draft.missing = "amount" if not amount else None if source else "source"
    return draft


# "the 80 one", "two 42s", "the $18 ones": a row named by its amount said bare.
_AMOUNT_ONE = re.compile(
    r"\b(?:the|two|both|those|these|one of the|\d)\s+\$?(\d+(?:\.\d{1,2})?)"
    r"(?:'?s\b|\s+(?:ones?|expenses?|entries|entry|bills?|charges?)\b)",
    _I,
)
# "the 55 from yesterday", "that $12 one": a bare figure after "the"/"that" names a row by
# its amount (not a day, a time, a count of a unit).
_THE_FIGURE = re.compile(
    r"\b(?:the|that|this)\s+\$?(\d+(?:\.\d{1,2})?)\b(?![.,:]\d)"
    r"(?!\s*(?:%|km|kms|k\b|l\b|lt|litres?|liters?|st\b|nd\b|rd\b|th\b|am\b|pm\b|of\b|days?"
    r"|weeks?|months?|years?|nights?|hours?|mins?|minutes?|kg|people|x\b))",
    _I,
)


def _expense_ref(text: str, old: Decimal | None = None) -> Ref:
    text = without_change_of_mind(text)
    amounts = find_amounts(text)
    bare = _AMOUNT_ONE.search(text)
    said = amounts[0].value if amounts else Decimal(bare[1]) if bare else None
    if bare and not amounts:
        text = blank(text, [bare.span(1)])
    if said is None and old is None and (named := _THE_FIGURE.search(text)):
        old = Decimal(named[1])
    return Ref(
        "expense",
        "expense_id",
        ordinal(text),
        ref_words(text, extra=r"expenses?|purchase|transaction|entry|payment|spend"),
        old if old is not None else said,
        explicit_id(text),
    )


# "36.20 not 63.20", "95 instead of 85": the amount the row has now names the row.
_OLD_AMOUNT = re.compile(r"\b(?:not|instead of|rather than)\s+\$?\s*(\d+(?:\.\d{1,2})?)\b", _I)


def delete_expense(text: str, env: Env) -> Draft:
    return Draft("delete_expense", ref=_expense_ref(text))


_CHANGE = re.compile(
    r"\b(?:to|into|as|under|should (?:have )?be(?:en)?|was|were|make it|instead)\b", _I
)


_ASKS = re.compile(
    r"\b(?:can|could|would) you\b"
    r"|\b(?:fix(?:ing)?|correct(?:ing)?|chang(?:e|ing)|updat(?:e|ing)|sort(?:ing)?)"
    r"\s+(?:it|that|this|them)(?:\s+(?:up|out))?\b"
    # "could that be fixed", "can you get it corrected", "would you mind fixing it": the
    # asking, in any form of the verb, names no repair
    r"|\b(?:be|get|got|have|had)\s+(?:it\s+|that\s+|this\s+)?"
    r"(?:fixed|corrected|changed|updated|sorted(?:\s+out)?)\b"
    r"|\bmind\s+(?:fixing|correcting|changing|updating|sorting)\b"
    r"|\b(?:fix|correct|change|update)\b(?=\s*(?:pls|plz|please|thanks|ta)?\s*[.!?]*$)",
    _I,
)


# A word that gives the new value, not the one the row has ("under", "was"): what follows it,
# up to the end of its clause, is the new category.
_TO_NEW = re.compile(r"to|into|as|should (?:have )?be(?:en)?|make it|instead", _I)
_CLAUSE_END = re.compile(r"[,.;!?]|\b(?:it was|it's|its|because|coz|cos|since|as it)\b", _I)


def _new_category(text: str, marks: list[re.Match[str]], env: Env) -> str | None:
    """ "the 80 one I put under shopping should be repairs, it was the awning": the category
    said right after the last word of changing to (not the old one, nor the reason's)."""
    for m in reversed(marks):
        if _TO_NEW.fullmatch(m[0]):
            clause = _CLAUSE_END.split(_ASKS.sub(" ", text[m.end() :]), maxsplit=1)[0]
            if category := category_of(clause, american=env.american):
                return category
    return None


# The field a change names at the end, with no value after it: "Change the date.", "fix
# the day please".
_FIELD_NAMED = re.compile(
    r"\b(?:change|fix|update|correct|amend)\s+(?:the\s+)?(?P<field>date|day|category)"
    r"\s*(?:please|pls|thanks)?\W*$",
    _I,
)


def update_expense(text: str, env: Env) -> Draft:
    said_old = _OLD_AMOUNT.search(text)
    old = Decimal(said_old[1]) if said_old else None
    if said_old:
        text = blank(text, [said_old.span()])
    marks = list(_CHANGE.finditer(text))
    before, after = (text[: marks[-1].start()], text[marks[-1].end() :]) if marks else ("", text)
    draft = Draft("update_expense", ref=_expense_ref(text if old and not before else before, old))
    amount = values.amount(after, loose=True) or (None if before else values.amount(text))
    if (amount and (day := values.day(after, env.today, future=False)) is None) or (
        amount and day and not (day.start <= amount.start < day.end)
    ):
        draft.put("amount", amount.value)
    for mark, then in zip(marks, [*marks[1:], None][: len(marks)], strict=True):
        if "amount" in draft.args:
            break
        # "the 45 … should be 54 and put it under entertainment": each change said apart
        said = text[mark.end() : then.start() if then else len(text)]
        found, when = values.amount(said, loose=True), values.day(said, env.today, future=False)
        if found and not (when and when.start <= found.start < when.end):
            draft.put("amount", found.value)
    asks = _ASKS.sub(" ", after)
    # "can you fix it" asks; it names no repair. "put that under repairs, it was a hose
    # clamp": the category is said after the first mark, the reason after the last.
    first = _ASKS.sub(" ", text[marks[0].end() :]) if marks else ""
    draft.put(
        "category",
        _new_category(text, marks, env)
        or category_of(asks, american=env.american)
        or (category_of(first, american=env.american) if re.match(r"\s*\w+", first) else None),
    )
    if day := values.day(after, env.today, future=False):
        draft.put("date", day.day.isoformat())
    if m := re.search(r"\b(?:description|note)\b.*?\b(?:to|as|:)\s+(.+)$", text, _I):
        draft.put("description", tidy(m[1]))
    if named := _FIELD_NAMED.search(text):
        # "… it was on the 3rd, not yesterday. Change the date.": the field named last is the
        # one changed, its value told before; the row's own words ("oil change") change
        # nothing else
        field = named["field"].lower()
        key = (
            "date" if field in ("date", "day") else "category" if field == "category" else "amount"
        )
        told = text[: named.start()]
        # (a day the change already read, "… for Saturday was actually on Friday", stands)
        if (
            key == "date"
            and "date" not in draft.args
            and (day := values.day(told, env.today, future=False))
        ):
            draft.put("date", day.day.isoformat())
        for other in ("amount", "category", "date"):
            if other != key:
                draft.args.pop(other, None)
    keys = {"amount", "category", "date", "description"}
    draft.missing = None if keys & set(draft.args) else "changes"
    return draft
