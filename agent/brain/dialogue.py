"""The next turn read against the previous one (the dialogue state, agent/dialogue.py,
which the prompt's `Previous action/filters/rows` lines carry).

- A **correction** of what the previous turn wrote ("actually 55", "no, it was Sunday",
  "sorry, make it 10.15", "oops, I meant Friday") updates that row: `update_expense` /
  `update_event` on the id the state names, with only the value the message gives.
- A **follow-up** of the previous question ("and the month before?", "what about
  fuel?", "and last month?") asks it again with the filters the message does not
  change (category, vehicle, place) and the period it names, or the one beside the
  previous period.
Both give the call's arguments whole; the rules that read a single message never see
the previous turn's filters.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from typing import Any

from agent.brain import figures
from agent.brain.calendar_words import WEEKDAYS
from agent.brain.categories import category_of
from agent.brain.clock import add_months, month_end
from agent.brain.convo import Env
from agent.brain.dates import MONTHS, find_day
from agent.brain.draft import blank, tidy
from agent.brain.money import bare_numbers, best_amount, find_amounts, spoken_pair
from agent.brain.places import (
    capitalised_place,
    known_town,
    named_town,
    place_after,
    town_after_word,
    trip_places,
)
from agent.brain.previous import Previous
from agent.brain.ranges import PERIODS, Range, find_range, next_to
from agent.brain.slots import EXTRACT
from agent.brain.slots_places import place_kind
from agent.brain.slots_vehicle import vehicle_named
from agent.brain.textutil import title_case
from agent.brain.times import find_time
from tools.registry import ACTIONS_BY_NAME

_I = re.IGNORECASE
MAX_WORDS = 12  # a correction or a follow-up is short; longer is a request of its own


# --- corrections -------------------------------------------------------------------------

# tool written -> (the update tool, the kind of row, its id argument)
CORRECTS = {
    "add_expense": ("update_expense", "expense", "expense_id"),
    "update_expense": ("update_expense", "expense", "expense_id"),
    "create_event": ("update_event", "event", "event_id"),
    "update_event": ("update_event", "event", "event_id"),
}
_CUE = re.compile(
    r"^\W*(?:(?:oh|ah|um|umm|hmm|ok|okay|er|uh)\b[\s,.]*)?"  # "Oh sorry, ...": a sound first
    r"(?:no|nah|nope|oops|whoops|sorry|actually|wait|hang on|hold on|my bad|i meant|meant"
    # ("my mistake, it's at four", "typo, should be 18"): owning up to the slip
    r"|my mistake|mistake|typo|my error|got (?:that|it) wrong"
    r"|make (?:it|that)|change (?:it|that)|(?:move|shift|push|bump) (?:it|that)|it was|that was"
    r"|(?:put|stick|pop|file|chuck|move) (?:it|that|this)(?: one)? (?:under|in|into|as)"
    r"|should (?:be|have been)"
    r"|correction|not)\b"
    r"|\b(?:actually|i meant|i mean|should (?:be|have been)|not \$?\d+|instead|make (?:it|that))\b"
    # a row's new place: "it's at the RSL now, not the pub", "it's moved to the RSL"
    r"|^\W*(?:it's|it is|its|it has|it's been|they've|they have)\s+(?:now\s+)?(?:at|moved|changed"
    r"|been moved)\b"
    # "tuesday, not monday" (how "not monday, tuesday" is normalised: the new day first)
    r"|\bnot (?:on )?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    # the amount just written, multiplied: "double it", "so that's twice that"
    r"|\b(?:double|triple|treble|halve|half|twice|three times)\s+(?:it|that|this|the (?:amount"
    r"|cost|price|figure|total))\b",
    _I,
)
# The amount just written, multiplied ("so double it", "halve that", "make it twice that"):
# the factor, applied to the row's own amount.
_TIMES = re.compile(
    r"\b(?P<word>double|triple|treble|halve|half|twice|three times)\s+(?:it|that|this|the"
    r" (?:amount|cost|price|figure|total))\b",
    _I,
)
_FACTORS = {
    "double": 2.0, "twice": 2.0, "triple": 3.0, "treble": 3.0, "three times": 3.0,
    "halve": 0.5, "half": 0.5,
}  # fmt: skip
# Words that ask for something new: "sorry, I also spent 20 on bread" logs another.
_NEW = re.compile(
    r"\b(?:spent|spend|paid|bought|log|add|remind|book|also|another|too|delete|remove|show"
    r"|what|how|list)\b",
    _I,
)
_NOT = re.compile(
    r"\b(?:not|instead of|rather than)\s+(?:\$\s*)?[\d.:,]+\s*(?:am|pm|dollars|bucks)?", _I
)
# ("make it 10 15": the minutes said as a number of their own, from "ten fifteen")
_CLOCK = re.compile(r"(?<![\d$.])(\d{1,2})(?:[.:](\d{2})| ([0-5]\d)\b)?\s*(am|pm)?(?![\d%])", _I)


def _newest(rows: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    return next((r for r in rows if r.get("kind") == kind and r.get("id")), None)


def _clock(text: str, old: time | None = None) -> time | None:
    """ "10.15", "11", "2pm": the time a correction gives. An hour without am/pm is the one
    of its two readings nearer the old time ("make it 7" after 6 pm is 7 pm); with no old
    time a bare 1–6 is the afternoon."""
    m = _CLOCK.search(text)
    if hit := find_time(text):
        at: time | None = hit.at
    elif not m:
        return None
    else:
        hour, minute = int(m[1]), int(m[2] or m[3] or 0)
        if m[4]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if m[4].lower() == "pm" else 0)
        elif 1 <= hour <= 6:
            hour += 12
        at = time(hour, minute) if hour < 24 and minute < 60 else None
    bare = m is not None and not m[4] and 1 <= int(m[1]) <= 12 and not _SAID_HALF.search(text)
    if at is None or old is None or not bare:
        return at
    other = time((at.hour + 12) % 24, at.minute)
    base = old.hour * 60 + old.minute
    return min((at, other), key=lambda t: abs(t.hour * 60 + t.minute - base))


# A part of the day said with the hour decides its half ("7 in the morning", "8 tonight").
_SAID_HALF = re.compile(
    r"\b(?:morning|mornin|arvo|afternoon|evening|tonight|night|noon|midday|midnight|a\.?m|p\.?m)\b"
    r"|\d\s*(?:am|pm)\b|\b(?:lunch|dinner|breakfast|brekkie)\s*time\b",
    _I,
)
# "the day before", "a day later", "the week after", "a fortnight later", "the following
# week": a day said from the row's own day ("the week after next", "the day after
# tomorrow" are counted from today: dates.py).
_DAY_BESIDE = re.compile(
    r"\b(?:the|a|one|1|(?P<n>two|2|three|3|four|4))\s+(?P<unit>days?|weeks?|wks?|fortnights?"
    r"|months?)\s+(?P<way>before|earlier|after|later|on)\b"
    # ("the day before yesterday", "the week before last": counted from today)
    r"(?!\s+(?:next|tomorrow|today|yesterday|last)\b)"
    r"|\bthe\s+(?:following|next)\s+(?P<unit2>day|week|fortnight|month)\b",
    _I,
)
_STEP_DAYS = {"d": 1, "w": 7, "f": 14}


_SAME_TIME = re.compile(r"\b(?:same|usual|the same) time\b|\bat the same hour\b", _I)
# "the thursday after", "the monday before": that weekday beside the row's own day.
_WEEKDAY_BESIDE = re.compile(
    r"\bthe (mon|tue|wed|thu|fri|sat|sun)[a-z]* (after|before)\b(?! (?:next|this|that|the)\b)", _I
)


def _beside_row(said: str, old: date | None) -> date | None:
    if old is not None and (named := _WEEKDAY_BESIDE.search(said)):
        target = WEEKDAYS.index(named[1].lower())
        if named[2].lower() == "after":
            return old + timedelta(days=(target - old.weekday()) % 7 or 7)
        return old - timedelta(days=(old.weekday() - target) % 7 or 7)
    m = _DAY_BESIDE.search(said)
    if not m or old is None:
        return None
    count = {"two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4}.get((m["n"] or "").lower(), 1)
    if (m["way"] or "after").lower() in ("before", "earlier"):
        count = -count
    unit = (m["unit"] or m["unit2"]).lower()[0]
    if unit == "m":
        return add_months(old, count)
    return old + timedelta(days=count * _STEP_DAYS[unit])


def _row_day(row: dict[str, Any], key: str) -> date | None:
    with suppress(ValueError, TypeError):
        return date.fromisoformat(str(row.get(key) or "")[:10])
    return None


def _expense_changes(said: str, row: dict[str, Any], env: Env) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if beside := _beside_row(said, _row_day(row, "date")):
        changes["date"] = beside.isoformat()
        said = _WEEKDAY_BESIDE.sub(" ", _DAY_BESIDE.sub(" ", said))
    day = find_day(said, env.today, future=False)
    rest = blank(said, [(day.start, day.end)]) if day else said
    if day:
        changes["date"] = day.day.isoformat()
    times = _TIMES.search(rest)
    if times and not find_amounts(rest) and isinstance(row.get("amount"), int | float | str):
        with suppress(ValueError):
            old = float(row["amount"])
            changes["amount"] = round(old * _FACTORS[times["word"].lower()], 2)
            cut = blank(rest, [(times.start(), times.end())])
            category = category_of(cut, american=env.american)
            if category and category != row.get("category"):
                changes["category"] = category
            return changes  # "it's for two nights, so double it": the count is no new amount
    amount = best_amount(rest, loose=True)
    numbers = bare_numbers(rest)
    if amount and not find_amounts(rest) and len(numbers) > 1:
        amount = numbers[-1]  # "it was for 2 nights so 90": the new value is said last
    if amount:
        changes["amount"] = float(amount.value)
    category = category_of(rest, american=env.american)
    if category and category != row.get("category"):
        changes["category"] = category
    return changes


def _event_changes(said: str, row: dict[str, Any], env: Env) -> dict[str, Any]:
    old = str(row.get("start") or "")
    start: datetime | None = None
    with suppress(ValueError):
        start = datetime.fromisoformat(old) if "T" in old else None
    old_day = start.astimezone(env.tz).date() if start else _row_day(row, "start")
    beside = _beside_row(said, old_day)
    if beside:
        said = _WEEKDAY_BESIDE.sub(" ", _DAY_BESIDE.sub(" ", said))
    day = find_day(said, env.today, future=True)
    rest = blank(said, [(day.start, day.end)]) if day else said
    clock = _clock(rest, start.astimezone(env.tz).time() if start else None)
    if _SAME_TIME.search(said):
        clock = None  # "the thursday after, same time": the row's own time, whatever else

    place = _new_place(said) if day is None and clock is None and beside is None else None
    if place:
        return {"location": place}  # "it's at the RSL now, not the pub"
    if day is None and clock is None and beside is None:
        return {}
    new_day = day.day if day else beside or old_day
    if new_day is None:
        return {}
    at = clock or (start.astimezone(env.tz).time() if start else None)
    if at is None:
        return {"start": new_day.isoformat()}
    return {"start": datetime.combine(new_day, at, tzinfo=env.tz).isoformat()}


# Where an event now is: "at the RSL now", "moved to the Royal", "in Katherine instead"
# (not a time: "at 7"; not a day: "to Friday").
_AT_PLACE = re.compile(
    r"\b(?:at|to|in)\s+(?P<loc>(?!(?:\d|mon|tue|wed|thu|fri|sat|sun|tomorrow|today|tonight"
    r"|noon|midday|midnight|the (?:morning|afternoon|evening|arvo)|(?:the )?same|next|this)\b)"
    r"(?!\d)(?:the\s+)?[\w'&-]+(?:\s+(?!(?:now|instead|not|then|please|pls)\b)[\w'&-]+){0,3}?)"
    r"\s*(?=\b(?:now|instead|not|then|please|pls)\b|[,.!?;]|$)",
    _I,
)


def _new_place(said: str) -> str | None:
    m = _AT_PLACE.search(_NOT_PLACE.sub(" ", said))
    if not m:
        return None
    return re.sub(r"^the\s+", "", m["loc"].strip(), flags=_I) or None


# "not the pub", "not at the Royal anymore": the place it was, not the place it is.
_NOT_PLACE = re.compile(
    r"[,;]?\s*\b(?:not|no longer)\s+(?:at\s+|in\s+)?(?:the\s+)?[\w'&-]+(?:\s+[\w'&-]+){0,2}?"
    r"(?:\s+(?:anymore|any more))?\s*(?=[,.!?;]|$)",
    _I,
)


def row_changes(kind: str, said: str, row: dict[str, Any], env: Env) -> dict[str, Any]:
    """What a message changes on a row of this kind (an expense or an event)."""
    return (_expense_changes if kind == "expense" else _event_changes)(said, row, env)


# An acknowledgement before what the message says: "Thanks. And …", "Hmm. What about …".
_ACK = re.compile(
    r"^\W*(?:(?:hmm+|ok(?:ay)?|right|righto|thanks|thank you|thx|ta|cheers|lovely|great|good"
    r"|beaut|perfect|sweet|cool|oh|ah|no worries)\b[\s.,!]*)+(?=\S)",
    _I,
)


def without_ack(text: str) -> str:
    return _ACK.sub("", text, count=1)


# "the first one", "the other one", "the earlier expense": a row of the recent writes.
_WHICH = re.compile(
    r"\bthe (?P<n>first|1st|second|2nd|third|3rd|other|earlier|previous|one before)"
    r"(?: (?:one|expense|entry|purchase|event|booking|appointment))?\b",
    _I,
)
_NTH = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}
# "the groceries was …", "the caravan park one should be …": a row named by what it was for.
_SUBJECT = re.compile(
    r"\bthe ([a-z][a-z' ]{1,25}?)(?: one| expense| bill)? (?:was|were|is|should|cost|came to"
    r"|wasn't|isn't)\b",
    _I,
)


def _named_row(said: str, written: list[dict[str, Any]], env: Env) -> dict[str, Any] | None:
    """The row of the recent writes (newest first) a correction names: by its old amount
    ("66 not 60"), its place in order ("the first one"), or its category ("the groceries
    was …"); None when it names none of them."""
    if len(written) < 2:
        return None
    if m := _NOT.search(said):
        old = best_amount(re.sub(r"^\D+", "", m[0]), loose=True)
        same = [r for r in written if old and _same_amount(r.get("amount"), old.value)]
        if len(same) == 1:
            return same[0]
    if m := _WHICH.search(said):
        n = m["n"].lower()
        if n in _NTH:
            index = _NTH[n]
            return written[::-1][index] if index < len(written) else None
        return written[1]  # "the other one", "the earlier one": the one before the newest
    if m := _SUBJECT.search(said):
        category = category_of(m[1], american=env.american)
        found = [r for r in written if category and r.get("category") == category]
        return found[0] if found else None
    return None


def _same_amount(value: Any, said: Any) -> bool:
    with suppress(TypeError, ValueError):
        return abs(float(value) - float(said)) < 0.005
    return False


_ASKS_AGAIN = re.compile(
    r"\b(?:spent|spend|paid|bought|log|add|remind|book|also|another|delete|remove|show|list"
    r"|can you|could you|please)\b",
    _I,
)


def _first_clause_if_long(text: str) -> str:
    """ "sorry it was 95 not 85, my eyes aren't what they were": a long correction is its
    first clause when the rest gives a reason and asks for nothing new."""
    if len(text.split()) <= MAX_WORDS:
        return text
    head, *rest = re.split(r"[,;.!?]\s+|\s+-\s+", text, maxsplit=1)
    reason = rest[0] if rest else ""
    if reason and not _ASKS_AGAIN.search(reason) and not re.search(r"\d|\?\s*$", reason):
        return head
    return text


# The kind of row written -> (its update tool, its id argument).
UPDATES = {kind: (tool, arg) for tool, kind, arg in CORRECTS.values()}


# "the 72 one", "the $40 expense": a row named by its amount.
_THE_AMOUNT_ONE = re.compile(
    r"\bthe \$?(\d+(?:\.\d{1,2})?)(?: dollars?| bucks?)?"
    r" (?:one|expense|entry|bill|purchase|charge)\b",
    _I,
)
# "not monday, tuesday": the old day, which is no new value.
_NOT_DAY = re.compile(
    r"\b(?:not|instead of|rather than)\s+(?:on\s+)?(?:the\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?"
    r"|fri|sat(?:ur)?|sun)(?:day)?\b"
    r"|\b(?:not|instead of|rather than)\s+(?:today|tomorrow|yesterday)\b",
    _I,
)
# "not food", "instead of groceries": the old category, which is no new value.
_NOT_WORD = re.compile(r"\b(?:not|instead of|rather than)\s+(?:for\s+|on\s+)?([a-z]+)\b", _I)
# "…, fix it please": the ask for the change itself, which says nothing new.
_FIX_ASK = re.compile(
    r"[,;.]?\s*(?:(?:can|could) (?:you|u) |pls |please )?(?:fix|change|update|correct|sort)"
    r"\s+(?:it|that|this)(?:\s+(?:up|out|please|pls|for me|thanks|ta))*\W*$",
    _I,
)
# "make the groceries 35": the thing named, then its new value.
_THE_THING_THEN_VALUE = re.compile(r"\bthe ([a-z][a-z' ]{1,25}?)(?: one)? \$?\d", _I)


def _named_anywhere(said: str, written: list[dict[str, Any]], env: Env) -> dict[str, Any] | None:
    """The one row of the recent writes, of any kind that can be changed, that a correction
    names by its old amount ("… 35 not 30") or its category ("make the groceries 35"):
    the row meant even when another kind was written after it or a question came between."""
    rows = [r for r in written if r.get("kind") in UPDATES and r.get("id")]
    if m := _THE_AMOUNT_ONE.search(said):  # "the 72 one at the servo was …"
        same = [r for r in rows if _same_amount(r.get("amount"), m[1])]
        if len(same) == 1:
            return same[0]
    if m := _NOT.search(said):
        old = best_amount(re.sub(r"^\D+", "", m[0]), loose=True)
        same = [r for r in rows if old and _same_amount(r.get("amount"), old.value)]
        if len(same) == 1:
            return same[0]
    subject = _SUBJECT.search(said) or _THE_THING_THEN_VALUE.search(said)
    if subject and (category := category_of(subject[1], american=env.american)):
        found = [r for r in rows if r.get("category") == category]
        if found or not _titled(rows, subject[1]):
            return found[0] if len(found) == 1 else None
    if subject and len(found := _titled(rows, subject[1])) == 1:
        # "no wait the dentist is wednesday same time" after the dentist and a budget were
        # set: the event named by a word of its title
        return found[0]
    return None


_TITLE_WORD = re.compile(r"[a-z][a-z']{2,}", _I)
_NOT_TITLE = frozenset({"the", "one", "and", "for", "with", "our", "my", "that", "this", "thing"})


def _titled(rows: list[dict[str, Any]], said: str) -> list[dict[str, Any]]:
    """The events among `rows` whose title has a word of `said` ("the dentist")."""
    words = {w.lower() for w in _TITLE_WORD.findall(said)} - _NOT_TITLE
    return [
        r
        for r in rows
        if r.get("kind") == "event"
        and words & {w.lower() for w in _TITLE_WORD.findall(str(r.get("title") or ""))}
    ]


def correction(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """The update a correction of the previous turn's write asks for, or of a row of the
    recent writes it names ("the first one was 66 not 60" after two expenses; "make the
    groceries 35 not 30" after an expense and a reminder, or with a question between)."""
    prev = env.previous
    if prev is None:
        return None
    direct = prev.turns_ago == 1 and prev.wrote and prev.action in CORRECTS
    if direct and (reminder := reminder_for_last(text, env)):
        return reminder
    head, _, tail = text.partition(",")
    if (
        tail
        and re.search(r"\d", head)
        and not re.search(r"\d|\?", tail)
        and _CUE.search(head)
        and not _TIMES.search(tail)  # "…for 2 nights, so double it": the change said after
    ):
        text = head  # "sorry, it was 95 not 85, my eyes aren't what they were": an excuse after
    asked_fix = _FIX_ASK.search(text)
    if asked_fix and asked_fix.start() > 0:
        text = text[: asked_fix.start()]  # "…, fix it please": the ask is a cue, no value
    text = _first_clause_if_long(text)
    if len(text.split()) > MAX_WORDS or not (_CUE.search(text) or asked_fix) or _NEW.search(text):
        return None
    row: dict[str, Any] | None = None
    if direct:
        tool, kind, id_arg = CORRECTS[prev.action]
        written = [r for r in prev.written if r.get("kind") == kind and r.get("id")]
        row = _named_row(text, written, env)
    listed = [] if prev.wrote or prev.turns_ago != 1 else prev.rows  # rows just shown
    if row is None and (named := _named_anywhere(text, [*prev.written, *listed], env)):
        row, kind = named, str(named["kind"])
        tool, id_arg = UPDATES[kind]
    if row is None and direct:
        row = _newest(prev.rows, kind)
    events = [r for r in listed if r.get("kind") == "event" and r.get("id")]
    if row is None and len(events) == 1 and _IT_SAID.match(text):
        # "what time's dinner on friday?", then "it's at the RSL now": the one event shown
        row, kind = events[0], "event"
        tool, id_arg = UPDATES[kind]
    if row is None:
        return None
    said = _NOT.sub(" ", text)  # "45 not 50": the new value is the one left
    said = _NOT_DAY.sub(" ", said)  # "not monday, tuesday"
    said = _WHICH.sub(" ", said)  # "the first one" says which row, not a category ("first aid")
    said = _THE_AMOUNT_ONE.sub(" ", said)  # "the 72 one" says which row, not a new amount
    said = _NOT_WORD.sub(lambda m: " " if category_of(m[1]) else m[0], said)
    changes = (_expense_changes if kind == "expense" else _event_changes)(said, row, env)
    return (tool, {id_arg: row["id"], **changes}) if changes else None


_IT_SAID = re.compile(
    r"^\W*(?:(?:oh|ah|ok|okay|right|yeah|yep|nah|no)\b[\s,.!]*)*(?:it|it's|its|that|that's)\b", _I
)


def reminder_for_last(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "add a reminder an hour before" after an event was written: that event's reminder."""
    prev = env.previous
    if prev is None or prev.turns_ago != 1 or not prev.wrote:
        return None
    if prev.action not in ("create_event", "update_event") or len(text.split()) > MAX_WORDS:
        return None
    lead = figures.reminder_before(text)
    row = _newest(prev.rows, "event")
    if lead is None or row is None or not re.search(r"\bremind", text, _I):
        return None
    if find_day(blank(text, [(lead.start, lead.end)]), env.today, future=True):
        return None  # a day of its own: a new reminder, not this event's
    return "update_event", {"event_id": row["id"], "reminder_minutes": int(lead.value)}


PLACE_FILTERS = ("destination", "location", "near")  # where a turn's action was about


def previous_place(env: Env) -> str | None:
    """The place the previous turn was about ("the weather there" after a trip question
    is the destination's)."""
    prev = env.previous
    if prev is None or prev.turns_ago > 2:
        return None
    for key in PLACE_FILTERS:
        value = prev.filters.get(key)
        if isinstance(value, str) and value.strip() and "," not in value:
            return value.strip()
    # a list of one trip ("show my planned trips"): the place it goes to
    places = {str(r["destination"]) for r in prev.rows if r.get("destination")}
    return places.pop() if len(places) == 1 else None


# Writes that no tool can change afterwards: a correction of one is answered, not guessed
# at (the rules once read "actually it was 55 litres" as a change to some expense).
FIXED = {
    "log_fuel": "a fill-up", "add_income": "an income", "log_maintenance": "a service record",
    "log_tyre_pressures": "a tyre reading", "add_task": "a task",
    "add_pantry_item": "a pantry item",
}  # fmt: skip
_VALUE = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today"
    # "make that task high priority": a task's priority is a value of it too
    r"|tomorrow|(?:high|low|top|normal|medium)(?:\s+|-)priority|priority|urgent)\b",
    _I,
)


def uncorrectable(text: str, env: Env) -> str | None:
    """What to say to a correction of a write that can't be changed."""
    prev = env.previous
    if prev is None or prev.turns_ago != 1 or not prev.wrote or prev.action not in FIXED:
        return None
    if len(text.split()) > MAX_WORDS or not _CUE.search(text) or _NEW.search(text):
        return None
    if not _VALUE.search(text) and not _another_vehicle(text, prev, env):
        return None
    return f"Sorry, I can't change {FIXED[prev.action]} once it's saved, so nothing was changed."


def _another_vehicle(text: str, prev: Previous, env: Env) -> bool:
    """ "nah that was the cruiser not the van" after a fill for the van: the write's vehicle
    said to be another (a value too, though no number), not a change of some other row."""
    was = prev.filters.get("vehicle")
    if not isinstance(was, str) or not was:
        return False
    bare = re.sub(r"^the\s+", "", was, flags=_I)
    ruled_out = re.search(rf"\bnot (?:the |my |our |for the )?{re.escape(bare)}\b", text, _I)
    return bool(ruled_out or vehicle_named(text, env))


def unsaved_trip_of(env: Env) -> dict[str, Any] | None:
    """The trip the previous turn worked out without saving it (a distance question)."""
    prev = env.previous
    if prev is None or prev.turns_ago != 1 or prev.action != "plan_trip":
        return None
    return dict(prev.filters) if prev.filters.get("save") is False else None


# --- more of the same, and acting on what was listed ------------------------------------

_MORE = re.compile(
    r"^\W*(?:oh,?\s+)?(?:and|also|plus|oh and|and also)\s+(?:some\s+)?(.+?)"
    r"(?:\s+(?:also|too|as well))?[.!?]*$",  # "and eggs also": still the one list
    _I,
)
_THOSE = re.compile(
    r"\b(?:add|put|pop|stick|chuck|whack|grab)\b.{0,20}\b(?:those|them|these|they|all of them"
    r"|the lot|that lot|everything)\b",
    _I,
)
_LIST = re.compile(r"\b(?:shopping|list|shops)\b", _I)
_CHANGE_LIMIT = re.compile(
    r"\b(?:bump|raise|increase|lift|up|drop|lower|cut|reduce|change|make|set|put)\b", _I
)
# A pointer at what the previous turn was about.
_IT = re.compile(r"\b(?:it|that|this|that one|this one|the same)\b", _I)
_COMPARE = re.compile(
    r"\b(?:compare[sd]?|comparison|how does (?:that|it|this) (?:look|stack)|is (?:that|it|this)"
    r" (?:normal|ok|okay|good|bad|high|low|more|less|better|worse)|than (?:last|before|usual))\b",
    _I,
)
# A write, and the read that shows it beside the earlier ones ("how does that compare?").
HISTORY_OF = {
    "log_tyre_pressures": "tyre_pressure_history", "log_fuel": "fuel_stats",
    "add_expense": "spending_summary",
}  # fmt: skip


SHOPPING_LIST_TURNS = ("add_to_shopping_list", "get_shopping_list")


def more_of_the_same(text: str, env: Env) -> tuple[str, str] | None:
    """ "and sausages" after items went on the shopping list, or after it was shown: an add
    to that list, for what this message names (a text for the tool's own extractor)."""
    prev = env.previous
    if prev is not None and prev.turns_ago == 1 and prev.action == "remember":
        # "remember I'm allergic to shellfish", then "and that the dog is called Biscuit":
        # another thing to remember, its verb left out
        if (fact := _MORE_FACT.match(text)) and len(text.split()) <= 2 * MAX_WORDS:
            return "remember", f"remember that {fact[1]}"
        return None
    if prev is None or prev.turns_ago != 1 or prev.action not in SHOPPING_LIST_TURNS:
        return None
    m = _MORE.match(text)
    if not m or len(text.split()) > MAX_WORDS or _NEW.search(m[1]) or _STOCKED.search(m[1]):
        return None
    return "add_to_shopping_list", f"add {m[1]} to the shopping list"


_MORE_FACT = re.compile(
    r"^\W*(?:oh,?\s+)?(?:and|also|plus|oh and|and also)\s+(?:also\s+)?that\s+(\S.*?)[.!]*$", _I
)


# "and we've got 3 kg of rice in the cupboard": what is in stock, not more to buy.
_STOCKED = re.compile(
    r"\b(?:we've got|we have|i've got|i have|we got|got some|there's)\b"
    r"|\b(?:in|into) the (?:cupboard|pantry|fridge|freezer|esky)\b",
    _I,
)


# "same again at Threeways", "same again yesterday", "ditto": the previous turn's write
# once more, with the place or day this message names instead.
_SAME_AGAIN = re.compile(
    r"^\W*(?:(?:and|ok|okay|oh|then|also)\b[\s,]*)?(?:(?:the )?same (?:again|as before|deal"
    r"|thing again|(?=(?:for|on|next|last|this|yesterday|today|the \w+ before|the \w+ after"
    r"|an? \w+ (?:later|earlier)|the following|the next)\b))|ditto|again)\b"
    r"(?P<rest>.*?)(?:\s+(?:too|as well))?\W*$",
    _I,
)
REPEATS = ("log_fuel", "add_expense", "add_income", "log_tyre_pressures", "create_event")
_RESTATED = (
    "amount", "litres", "total_cost", "price_per_litre", "odometer_km", "vehicle", "pressures",
)  # fmt: skip


def same_again(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """The previous turn's write again, with the place (and day) this message names."""
    prev = env.previous
    if prev is None or prev.turns_ago != 1 or not prev.wrote or prev.action not in REPEATS:
        return None
    text = _EXCUSE.sub("", text)  # "…, I forgot to log it": why, not what
    m = _SAME_AGAIN.match(text)
    if m is None or len(text.split()) > MAX_WORDS or _NEW.search(m["rest"]):
        return None
    if "?" in text and re.search(r"\bsame (?:for|on|next)\b", text, _I):
        return None  # "same for last month?" asks; it writes nothing
    if prev.action == "create_event":
        return _event_again(m["rest"], prev, env)
    args = {k: v for k, v in prev.filters.items() if k not in ("date", *PLACE_FILTERS)}
    # "same again but 29", "again for the Bus, 45L $88.20": the values this message gives
    # stand in for the previous ones; the rest are carried over
    said = EXTRACT[prev.action](m["rest"], env).args
    args |= {k: v for k, v in said.items() if k in _RESTATED and v is not None}
    if (place := place_after(m["rest"], "at|in")) is not None:
        takes = ACTIONS_BY_NAME[prev.action].args.model_fields
        if "location" in takes:
            args["location"] = place[0]
        elif "description" in takes:  # an expense says where in its description
            when = find_day(m["rest"], env.today, future=False)
            where = blank(m["rest"], [(when.start, when.end)]) if when else m["rest"]
            args["description"] = tidy(where, r"for|at|in|on|the|same|again|please|pls|thanks")
    if (before := _day_before(m["rest"], prev)) is not None:
        args["date"] = before.isoformat()  # "the friday before that": before the row's day
    elif (beside := _beside_row(m["rest"], _said_day(prev))) is not None:
        args["date"] = beside.isoformat()  # "same again the day after": after the row's day
    elif (day := find_day(m["rest"], env.today, future=False)) is not None:
        args["date"] = day.day.isoformat()
    return prev.action, args


# Why a request is said late, after it: "…, I forgot to log it", "… my bad".
_EXCUSE = re.compile(
    r"(?:[,;.]\s*|\s+)(?:(?:i|we)\s+(?:forgot|forget|didn'?t|never|missed)\b[^,;.?]*"
    r"|my bad|oops)\W*$",
    _I,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_BEFORE_THAT = re.compile(
    r"\bthe (?P<what>day|week|fortnight|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)"
    r"(?:day)?) before(?: that| it| then)?\b",
    _I,
)


def _said_day(prev: Previous) -> date | None:
    said = prev.filters.get("date") or prev.filters.get("start")
    with suppress(ValueError, TypeError):
        return date.fromisoformat(str(said)[:10]) if said else None
    return None


def _day_before(rest: str, prev: Previous) -> date | None:
    """ "the friday before (that)", "the day/week before": counted back from the day of the
    row just written, not from today."""
    m = _BEFORE_THAT.search(rest)
    said = prev.filters.get("date") or prev.filters.get("start")
    if m is None or not isinstance(said, str):
        return None
    try:
        then = date.fromisoformat(said[:10])
    except ValueError:
        return None
    what = m["what"].lower()
    back = {"day": 1, "week": 7, "fortnight": 14}.get(what)
    if back is None:
        weekday = _WEEKDAYS.index(what[:3])
        back = (then.weekday() - weekday) % 7 or 7
    return then - timedelta(days=back)


def _event_again(rest: str, prev: Previous, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "yoga 7am fri" then "same for tues": the event again on the day this message names,
    at its time and for its length."""
    row = next((r for r in [*prev.written, *prev.rows] if r.get("title") and r.get("start")), None)
    if row is None:
        return None
    # "same again the week after": counted from the row's own day, not from today
    beside = _beside_row(rest, _row_day(row, "start"))
    found = find_day(rest, env.today, future=True)
    day = beside or (found.day if found else None)
    if day is None:
        return None
    args: dict[str, Any] = {"title": row["title"]}
    args |= {k: v for k, v in prev.filters.items() if k in ("location", "all_day")}
    try:
        start = datetime.fromisoformat(str(row["start"]))
        end = datetime.fromisoformat(str(row["end"])) if row.get("end") else None
    except ValueError:
        return None
    if "T" not in str(row["start"]):
        args["start"] = day.isoformat()
        return "create_event", args
    start = start.astimezone(env.tz)
    moved = datetime.combine(day, start.time(), tzinfo=env.tz)
    args["start"] = moved.isoformat()
    if end is not None:
        args["end"] = (moved + (end - start)).isoformat()
    return "create_event", args


_TRACKING = re.compile(
    r"\bhow(?:'s| is| are| am)?\b.{0,25}\b(?:going|looking|tracking|travelling|doing)\b|\bso far\b",
    _I,
)
# The place just talked about, as "it"/"there", from or to another town.
_HOW_FAR_IT = re.compile(
    r"\bhow (?:far|long)(?:'s| is| would| will)?\s+(?:it|that|there|the drive|the trip)"
    r"(?:\s+(?:be|take))?\s+(?:(?:to )?drive\s+)?(?:there\s+)?(from|to)\b",
    _I,
)
# A question about the trip just planned: "how long's the drive gonna take?"
_TRIP_QUESTION = re.compile(
    r"\bhow (?:long|far|many (?:hours|kms?|kilometres|miles))\b|\bhow much (?:fuel|diesel|petrol)\b"
    r"|\bdriving time\b",
    _I,
)


# Another category's budget said after one was set: "fuel 250 too", "same for food".
_ANOTHER_BUDGET = re.compile(
    r"\b(?:too|as well|also|same|ditto)\b|^\W*(?:and|also|plus|do|now)\b", _I
)
_SAME_LIMIT = re.compile(r"\b(?:same|ditto)\b", _I)


_WARNING = r"(?:warn(?:ing)?s?|alerts?|threshold|nudges?|heads[- ]?up|notifications?|reminders?)"
_SAME_WARNING = re.compile(
    rf"\b(?:same|ditto)\s+(?:\w+\s+)?{_WARNING}\b|\b{_WARNING}\s+(?:the\s+)?(?:same|too|as well)\b"
    rf"|\b(?:same|ditto)\s+(?:as|for)\s+the\s+{_WARNING}\b",
    _I,
)


def _budget_again(text: str, prev: Previous, env: Env, whole: str = "") -> dict[str, Any] | None:
    """After a budget was set: "and 300 for fuel" sets another, "actually make it
    three-fifty" changes the one just set (a budget is never a few dollars: hundreds);
    "… same warning" keeps the warning just set, "… warn me at 75%" sets its own."""
    if len(text.split()) > MAX_WORDS:
        return None
    pct = figures.percent(text)
    found = _budget_figures(blank(text, [(pct.start, pct.end)]) if pct else text, prev, env, whole)
    if found is None:
        return None
    warn = prev.filters.get("alert_threshold")
    if pct and 0 < pct.value <= 100:
        found["alert_threshold"] = float(pct.value / 100)
    elif _SAME_WARNING.search(text) and isinstance(warn, (int, float)):
        found["alert_threshold"] = float(warn)
    return found


def _budget_figures(text: str, prev: Previous, env: Env, whole: str = "") -> dict[str, Any] | None:
    amount = spoken_pair(text, hundreds=True) or best_amount(text, loose=True)
    category = category_of(text, american=env.american)
    limit = prev.filters.get("monthly_limit")
    if category and category != prev.filters.get("category") and _ANOTHER_BUDGET.search(text):
        # "fuel 250 too", "do food as well, 200"; "same for food": the limit just set
        if amount is not None:
            return {"category": category, "monthly_limit": float(amount.value)}
        if _SAME_LIMIT.search(text) and isinstance(limit, (int, float)):
            return {"category": category, "monthly_limit": float(limit)}
    if amount is None:
        return None
    if category and _MORE.match(text):
        return {"category": category, "monthly_limit": float(amount.value)}
    same = prev.filters.get("category")
    # ("nah make it 650, diesel's gone up again": the budget's own kind, said as the reason)
    if (
        category in (None, same)
        and isinstance(same, str)
        and (_CUE.search(text) or _CUE.search(whole))
    ):
        return {"category": same, "monthly_limit": float(amount.value)}
    return None


def _other_ends(text: str, prev: Previous) -> bool:
    """Whether the message names a trip's end that is no place of the trip just planned
    ("how far to Winton from Longreach" after Roma → Longreach): a trip of its own."""
    origin, dest, _stops = trip_places(text)
    planned = [prev.filters.get(k) for k in ("origin", "destination")]
    planned += list(prev.filters.get("stops") or [])
    known = {str(p).lower() for p in planned if p}
    return any(end and end.lower() not in known for end in (origin, dest))


# A question over the rows just listed, answered by the same read (its reply gives the
# total): "add those up for me", "what's the total?", "how much is that altogether?".
TOTALLED = ("list_expenses", "fuel_stats", "spending_summary")
_TOTAL_OF_SHOWN = re.compile(
    r"\b(?:add|tot|total|sum|tally)\s+(?:those|them|these|'?em|that|it all|the lot|all that)"
    r"(?:\s+up)?\b"
    r"|\bwhat(?:'s| is| do| does) (?:that|those|they|these|it all|the lot) (?:come|add|amount)"
    r"(?: up)? to\b"
    r"|\bhow much (?:is|was|are|were|do|does) (?:that|those|they|these|it|the lot)"
    r"(?: come to| add up to)?\s*(?:all up|altogether|all together|in total|together|total)\b"
    r"|^\W*(?:and |so |ok )?(?:what'?s |what is )?the total\W*$",
    _I,
)


def act_on_listed(text: str, env: Env, before: str = "") -> tuple[str, dict[str, Any]] | None:
    """ "add those to the shopping list" after the pantry was listed; "bump the food one up
    to 700" after the budgets were ("bump it to 500" after `before`, the previous message,
    asked about the food budget); "how does that compare to last week?" after a write."""
    prev = env.previous
    if prev is None or prev.turns_ago != 1:
        return None
    # "Actually, the missus says that's tight. Make it three-fifty.": the last sentence
    last = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()][-1:]
    if prev.action == "set_budget" and last and (again := _budget_again(last[0], prev, env, text)):
        return "set_budget", again
    if len(text.split()) > MAX_WORDS + 4:
        return None
    if (
        prev.action in ("list_pantry", "get_shopping_list")
        and _THOSE.search(text)
        and _LIST.search(text)
    ):
        names = [str(r["name"]) for r in prev.rows if r.get("name")]
        return ("add_to_shopping_list", {"items": names}) if names else None
    if prev.action == "budget_status" and _CHANGE_LIMIT.search(text):
        # ("bump food to 700 and warn me at 90%": the warning's percent is no limit, and is
        # the budget's own alert)
        pct = figures.percent(text)
        cut = blank(text, [(pct.start, pct.end)]) if pct else text
        category, amount = category_of(cut), best_amount(cut, loose=True)
        if category is None and _IT.search(text):  # "bump it to 500": the budget just asked about
            category = category_of(before, american=env.american)
        if category and amount:
            changed: dict[str, Any] = {"category": category, "monthly_limit": float(amount.value)}
            if pct and 0 < pct.value <= 100:
                changed["alert_threshold"] = float(pct.value / 100)
            return "set_budget", changed
    if prev.action in TOTALLED and _TOTAL_OF_SHOWN.search(text) and not best_amount(text):
        return prev.action, dict(prev.filters)  # "add those up": the list again, with its total
    if prev.action == "set_budget" and _TRACKING.search(text) and not best_amount(text):
        return "budget_status", {}  # "how are we looking against that so far?"
    if (
        prev.action == "plan_trip"
        and _TRIP_QUESTION.search(text)
        and not _OTHER.search(text)
        and not _other_ends(text, prev)
    ):
        keep = ("origin", "destination", "stops", "vehicle", "start_date")
        return "plan_trip", {
            **{k: prev.filters[k] for k in keep if k in prev.filters},
            "save": False,
        }
    if (
        (far := _HOW_FAR_IT.search(text))
        and (here := previous_place(env))
        and not all(trip_places(text)[:2])  # "… from Barcaldine to Winton": both ends said
    ):
        # "how far is it from Byron?" after the weather in Coffs: from Byron to Coffs
        other = place_after(text[far.start() :], far[1])
        if other and other[0].lower() != here.lower():
            ends = (other[0], here) if far[1].lower() == "from" else (here, other[0])
            return "plan_trip", {"origin": ends[0], "destination": ends[1], "save": False}
    if prev.action in HISTORY_OF and _COMPARE.search(text):
        tool = HISTORY_OF[prev.action]
        vehicle = prev.filters.get("vehicle")
        args: dict[str, Any] = (
            {"vehicle": vehicle} if vehicle and tool != "spending_summary" else {}
        )
        span = find_range(text, env.today)
        if span and tool == "fuel_stats":  # "how's that compare ... since the 1st?"
            args |= {
                "start_date": span.start.isoformat(),
                "end_date": min(span.end, env.today).isoformat(),
            }
        elif span and span.period and tool == "spending_summary":
            args["period"] = span.period
        return tool, args
    return None


# --- follow-ups --------------------------------------------------------------------------

_FOLLOW = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|cool|hmm+|oh|ah|thanks|ta|great|lovely|righto)\b[\s,.!]*)?"
    r"(?:and|what about|how about|and what about"
    r"|and how about|same for|same again for|now|what of|how's|hows"
    # narrowing what was just shown: "only the fuel ones", "just groceries"
    r"|(?:ok(?:ay)?\s+)?(?:only|just)(?=\s+(?:the\s+)?\w+(?:\s+(?:ones?|stuff|bits|expenses))?\W*$)"
    # a part of what was just shown asked for: "break down the fuel bit", "show me the fuel
    # ones", "which ones were fuel?"
    # the same figures for another span, to set beside them: "how does that compare with the
    # week before?", "and compared to last month?"
    r"|(?:and\s+)?(?:how (?:does|do|did|would) (?:that|it|this|those|these)"
    r" (?:compare|stack up|look)|compared?)"
    r"(?=.*\b(?:before|after|prior|last|previous|next|earlier"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b)"
    r"|break (?:down|up)|(?:show|give|list) (?:me )?(?:just |only )?the(?=\s+\w+\s+(?:ones?|bits?"
    r"|stuff|expenses|part)\b)|which (?:ones|expenses|fills|of them)|what (?:were|was) the"
    r"(?=\s+\w+\s+(?:ones?|bits?|stuff|expenses)\b))\b",
    _I,
)
RANGED = {"list_expenses", "spending_summary", "fuel_stats", "list_events"}
QUERIES = RANGED | {"weather_forecast", "find_places", "budget_status", "maintenance_due"}


def _previous_range(prev: Previous, today: date) -> Range | None:
    filters = prev.filters
    with suppress(ValueError, TypeError):
        if filters.get("start_date"):
            start = date.fromisoformat(str(filters["start_date"]))
            end = date.fromisoformat(str(filters.get("end_date") or today.isoformat()))
            return Range(start, end, None)
    period = filters.get("period")
    if period in PERIODS:
        return find_range(str(period).replace("_", " "), today)
    if prev.action in ("list_expenses", "spending_summary"):  # no period: this month
        first = today.replace(day=1)
        return Range(first, month_end(first), "this_month")
    return None


def _period_named(span: Range, today: date) -> str | None:
    """The spending_summary period name of exactly this span ("the month before" this
    month is last_month), if one is."""
    for name in PERIODS:
        named = find_range(name.replace("_", " "), today)
        if named and (named.start, named.end) == (span.start, span.end):
            return name
    return None


# "and last?", "previous one?", "the one before": the span before the one asked about, said
# with no unit (the unit is the previous question's).
_BARE_STEP = re.compile(
    r"^\W*(?:(?:and|so|ok|what about|how about)\s+)*(?:the\s+)?(last|previous|prior|next"
    r"|the one before|one before|before that|after that|the one after)(?:\s+one)?\W*$",
    _I,
)


def _span(text: str, prev: Previous, env: Env) -> Range | None:
    before = _previous_range(prev, env.today)
    if before and (shifted := next_to(text, before)):
        return shifted[0]
    beside = re.search(r"\b(?:the )?(month|week|year) (before|prior|after)\b", text, _I)
    bare = _BARE_STEP.match(text)
    if bare and before and not beside:  # "and last?": the span before, of the same length
        days = (before.end - before.start).days
        unit = "week" if days <= 7 else "month" if days <= 31 else "year"
        sign = 1 if bare[1].lower() in ("next", "after that", "the one after") else -1
        beside = re.match(r"(\w+) (\w+)", f"{unit} {'after' if sign > 0 else 'before'}")
    if beside and before:  # "and the week after?": the span beside the one asked about
        word, sign = beside[1].lower(), 1 if beside[2].lower() == "after" else -1
        if word == "month":
            first = add_months(before.start.replace(day=1), sign)
            return Range(first, month_end(first), None)
        step = timedelta(days=(7 if word == "week" else 365) * sign)
        return Range(before.start + step, before.end + step, None)
    future = prev.action == "list_events"
    found = find_range(text, env.today, future=future)
    if found is None and (month := re.search(rf"\b(?:{MONTHS})\b", text, _I)):
        found = find_range(f"in {month[0]}", env.today, future=future)  # "what about February?"
    return found


# A follow-up asks again; these words ask for something else ("and remind me …").
_OTHER = re.compile(
    r"\b(?:spent|spend|paid|bought|log|add|remind|book|delete|remove|post|plan|save|join|like"
    r"|put|cancel|change|set)\b",
    _I,
)


def _budget_month(text: str, prev: Previous, env: Env) -> str | None:
    """The month a follow-up of a budget check names, as `YYYY-MM`."""
    said = str(prev.filters.get("month") or env.today.strftime("%Y-%m"))
    try:
        first = date.fromisoformat(f"{said}-01")
    except ValueError:
        first = env.today.replace(day=1)
    before = Range(first, month_end(first), None)
    if beside := next_to(text, before):
        return beside[0].start.strftime("%Y-%m")
    if m := re.search(r"\b(?:the )?month (before|prior|after)\b", text, _I):
        return add_months(first, 1 if m[1].lower() == "after" else -1).strftime("%Y-%m")
    span = find_range(text, env.today)
    if span is None and (month := re.search(rf"\b(?:{MONTHS})\b", text, _I)):
        span = find_range(f"in {month[0]}", env.today)
    return span.start.strftime("%Y-%m") if span else None


def _other_rig(text: str, env: Env) -> tuple[str, int, int] | None:
    """ "and the Jayco?" after the fuel figures of one vehicle: another by its name; "and
    only for kermit?": a name typed in lower case, the one word after "for"/"on"."""
    m = re.search(r"\b(?:the|my|our)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)", text)
    if m:
        return m[1], m.start(), m.end()
    m = re.search(r"\b(?:for|on|of)\s+(?:the\s+)?([a-z][\w'-]{2,})\s*[?.!]*$", text, _I)
    if m is None or find_range(text, env.today) or category_of(m[1]):
        return None
    if re.fullmatch(
        r"it|that|this|them|those|both|all|each|fuel|diesel|petrol|now|real|sure", m[1], _I
    ):
        return None
    return title_case(m[1]), m.start(1), m.end(1)


def bare_town(text: str) -> str | None:
    """ "and coober pedy?": a follow-up that is only a town's name, in any case — all the
    words after the follow-up's cue, when the map knows them."""
    m = _FOLLOW.match(text)
    rest = re.sub(r"[?.!,\s]+$", "", text[m.end() :] if m else text).strip()
    rest = re.sub(r"^(?:in|at|for|near|around)\s+", "", rest, flags=_I)
    if not rest or len(rest.split()) > 4:
        return None
    town = known_town(title_case(rest))
    return town if town and len(town.split()) == len(rest.split()) else None


# A search that names no thing ("any closer to Cloncurry?", "anything near Hay?"): the
# things of the search just before.
_NO_THING = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|righto|right|hmm+|so)\b[\s,]*)*(?:any|anything|anywhere|some"
    r"|what about|how about)\b(?:\s+(?:closer|nearer|further|else|good|decent|around|near"
    r"|at|in|up|down|out|by|to|over|there|one|ones|spots?|places?))*\s+(?:to|near|around|at|in"
    r"|by|past)?\s*[A-Z]",
    _I,
)


def kind_carried(tool: str, text: str, prev: Previous | None) -> str | None:
    """The previous search's kind for a search right after it that names none."""
    if tool != "find_places" or prev is None or prev.turns_ago != 1:
        return None
    kind = prev.filters.get("kind")
    if prev.action != "find_places" or not isinstance(kind, str) or place_kind(text):
        return None
    return kind if _NO_THING.match(text) else None


_A_LIST = re.compile(r"\b(?:list|lists)\b", _I)


# Lists kept by a status, and the words of each status ("any done ones", "and everything
# incl open ones", "what about the finished trips"): the first that fits is meant.
_STATUS_WORDS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "list_tasks": [
        ("all", re.compile(r"\b(?:all|everything|every one|incl\w*|as well|both|too)\b", _I)),
        ("done", re.compile(r"\b(?:done|completed?|finished|ticked(?: off)?|crossed off)\b", _I)),
        ("open", re.compile(r"\b(?:open|outstanding|unfinished|not done|left|still to do)\b", _I)),
    ],
    "list_trips": [
        ("done", re.compile(r"\b(?:done|completed?|finished|past|previous|old|been on)\b", _I)),
        ("active", re.compile(r"\b(?:active|current|underway|on the go)\b", _I)),
        ("planned", re.compile(r"\b(?:planned|upcoming|future|coming up|ahead)\b", _I)),
    ],
}
# A short ask of more of the same rows: "any done ones", "the finished ones?", "and all of them"
_SAME_ROWS = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|so|oh|also|what about|how about|now)\b[\s,]*)*"
    r"(?:(?:show|list|give)(?: me| us)?\s+)?(?:any|the|only|just|all|all the)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:ones?|trips|tasks|jobs|to-?dos|stuff|of them)\b\W*$",
    _I,
)


def status_follow_up(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """ "any done ones" after the planned trips, "and everything incl open ones" after the
    tasks done: the same list with the status the message names."""
    prev = env.previous
    if prev is None or prev.turns_ago > 2 or prev.action not in _STATUS_WORDS:
        return None
    if len(text.split()) > 8 or _OTHER.search(text):
        return None
    if not (_SAME_ROWS.match(text) or _FOLLOW.match(text)):
        return None
    status = next((name for name, said in _STATUS_WORDS[prev.action] if said.search(text)), None)
    if status is None or status == prev.filters.get("status"):
        return None
    return prev.action, {**prev.filters, "status": status}


def follow_up(text: str, env: Env) -> tuple[str, dict[str, Any]] | None:
    """The previous question asked again, changed only where this message says."""
    if other_status := status_follow_up(text, env):
        return other_status
    prev = env.previous
    if prev is None or prev.turns_ago > 2 or prev.action not in QUERIES:
        return None
    if len(text.split()) > MAX_WORDS or not _FOLLOW.search(text) or _OTHER.search(text):
        return None
    tool, args = prev.action, dict(prev.filters)
    changed = False
    if prev.action in RANGED and (span := _span(text, prev, env)):
        args.pop("period", None)
        end = span.end if prev.action == "list_events" else min(span.end, env.today)
        period = span.period or _period_named(span, env.today)
        if tool == "spending_summary" and period:
            args.pop("start_date", None)
            args.pop("end_date", None)
            args["period"] = period
        else:
            args.update(
                start_date=span.start.isoformat(), end_date=max(end, span.start).isoformat()
            )
        changed = True
    if (
        prev.action in ("list_expenses", "spending_summary")
        and (category := category_of(text))
        and not _A_LIST.search(text)  # "and the shopping list?" names the list, not groceries
    ):
        if tool == "spending_summary":  # a category's spending is a list of it
            tool = "list_expenses"
            if period := args.pop("period", None):
                span = find_range(str(period).replace("_", " "), env.today)
                if span:
                    args.update(start_date=span.start.isoformat(), end_date=span.end.isoformat())
        args["category"] = category
        changed = True
    if prev.action == "budget_status" and (month := _budget_month(text, prev, env)):
        args["month"] = month  # "and the month before?", "what about August?"
        changed = True
    if prev.action == "fuel_stats" and (
        vehicle := vehicle_named(text, env) or _other_rig(text, env)
    ):
        args["vehicle"] = vehicle[0]
        changed = True
    if prev.action == "maintenance_due":
        # "and in the next 60 days?", "what about by distance, the next 5000 km?": the
        # window asked again in days or in distance, the other measure dropped
        window = EXTRACT["maintenance_due"](text, env).args
        for said, other in (("within_km", "within_days"), ("within_days", "within_km")):
            if window.get(said) is not None:
                args[said] = window[said]
                args.pop(other, None)
                changed = True
                break
    place = (
        capitalised_place(text)
        or named_town(text)
        or town_after_word(text, "about|for|in|at")
        or bare_town(text)
    )
    if prev.action == "find_places" and (kind := place_kind(text)):
        args["kind"] = kind  # "and dump points?", "what about fuel?": another kind, same town
        changed = True
    if prev.action in ("weather_forecast", "find_places") and place:  # "what about Exmouth?"
        args["location" if prev.action == "weather_forecast" else "near"] = place
        changed = True
    return (tool, args) if changed else None


# --- a correction inside the message ------------------------------------------------------

# "…, no wait", "sorry", "I mean": the words that take back what was just said.
_TAKES_BACK_END = re.compile(
    r"[\s,.;-]+(?:no wait|wait no|no sorry|sorry|oops|whoops|i mean|i meant|actually|no)\W*$", _I
)
_TAKES_BACK_START = re.compile(
    r"^\W*(?:no wait|wait no|no sorry|sorry|oops|whoops|i mean|i meant|actually|correction"
    r"|make that|make it)\b[\s,]*(?:(?:i mean|i meant|it was|that was)\b\s*)?",
    _I,
)


def corrected_in_message(pieces: list[tuple[str, str]], env: Env) -> dict[int, str]:
    """ "spent 80 on camping, no wait, the camping was 85", "paid 30 for parking, sorry 35":
    an expense said again with a new amount right after it, in the same message, takes its
    place. Returns {index of the piece taken back: nothing} and {index of the correction:
    the earlier piece's words with the new amount} — as one map, "" for a dropped piece."""
    out: dict[int, str] = {}
    for i in range(1, len(pieces)):
        (tool_a, text_a), (tool_b, text_b) = pieces[i - 1], pieces[i]
        if tool_a != "add_expense" or tool_b != "add_expense" or i - 1 in out:
            continue
        end, start = _TAKES_BACK_END.search(text_a), _TAKES_BACK_START.match(text_b)
        if not (end or start):
            continue
        said_a = text_a[: end.start()] if end else text_a
        said_b = text_b[start.end() :] if start else text_b
        old, new = best_amount(said_a, loose=True), best_amount(said_b, loose=True)
        category_a, category_b = category_of(said_a), category_of(said_b)
        if old is None or new is None or (category_b and category_b != category_a):
            continue
        out[i - 1] = ""
        out[i] = said_a[: old.start] + str(new.value) + said_a[old.end :]
    return out


# --- a day said in the turn before --------------------------------------------------------

_WORD = re.compile(r"[a-z]{3,}", _I)
_COMMON = {
    "the", "and", "for", "put", "add", "list", "task", "todo", "job", "jobs", "just", "don",
    "log", "any", "money", "yet", "our", "due", "end", "month", "week", "with", "that", "this",
}  # fmt: skip


def day_said_before(text: str, before: str, env: Env) -> str:
    """ "the trailer rego's due end of the month", then "a to-do for the rego": a task with
    no day of its own is due on the day the message before gave the same thing (" on
    <date>" to add to its text, else "")."""
    if find_day(text, env.today, future=True):
        return ""
    found = find_day(before, env.today, future=True)
    if found is None or found.day < env.today:
        return ""
    said = {w.lower() for w in _WORD.findall(text)} - _COMMON
    earlier = {w.lower() for w in _WORD.findall(before)} - _COMMON
    return f" on {found.day.isoformat()}" if said & earlier else ""
