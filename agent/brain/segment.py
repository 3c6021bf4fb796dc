"""Splitting a message into the requests it makes ("log $30 for groceries and remind me to
call Mum tomorrow at 10" is two), keeping lists and trailing details with their request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from agent.brain import reckon
from agent.brain.asking import (
    READ_OF,
    REPORTS,
    WRITES,
    answer_to_question,
    asks_bare,
    asks_somewhere,
    asks_to_do,
    fuel_figures,
    holds_back,
    holds_back_unasked,
    is_question,
    mood_told,
    signs_off,
    still_to_come,
    told_to,
    told_to_keep,
    unreal_act,
)
from agent.brain.blend import ACTS_ON_ROWS, DOUBT, RESCUE, can_be
from agent.brain.categories import category_of
from agent.brain.dates import find_day
from agent.brain.errands import errand
from agent.brain.general import about_the_app, talk_only
from agent.brain.intents import (
    EXPLICIT,
    MAINTENANCE_ON,
    STRONG,
    Candidate,
    classify,
    filed_under,
    other_sense,
    scene,
    shows_it,
)
from agent.brain.learned import guess, probability
from agent.brain.money import best_amount, currency_named
from agent.brain.only_that import taken_back
from agent.brain.ranges import find_range
from agent.brain.reminders import DETAIL as REMINDER_DETAIL
from agent.brain.row_acts import ACTS as ROW_ACTS
from agent.brain.row_acts import REPLACES as ACT_REPLACES
from agent.brain.row_acts import UNKEPT_REPLACES, act_on_row, points_back, unkept
from agent.brain.shares import DETAIL as SHARE_DETAIL
from agent.brain.slots import DOMAIN, KIND
from agent.brain.slots_places import place_kind
from agent.brain.spelling import correct
from agent.brain.tasks_done import done_things
from agent.brain.times import find_time

# The lookbehinds: a run of stops or blanks is tried from its start only, not again from
# each of its n characters (each try reading the rest of the run: ";" * 4,000 or " \n" *
# 2,000 cost O(n^2)). The matches are the same, but for an "and"/"then" right after a
# line break and a space: it stays with its clause (which reads a leading "and" anyway).
_SEP = re.compile(
    r"(?:(?<![.;!?])[.;!?]+\s+|\n+|\s+\+\s+"
    r"|,?(?<!\s)\s+(?:and then|and also|then|also|plus|as well as"
    r"|after that|oh and)\s+|,?(?<!\s)\s+and\s+|,\s+)",
    re.IGNORECASE,
)
# Requests whose text runs to the end of the message: a post, a note, a comment.
GREEDY = {"create_post", "comment_on_post", "remember", "create_group"}
TRAILING = {"add_pantry_item"}  # its detail can trail in its own clause: "..., use by Friday"
WEAK = 6  # a request read from its details alone, without a trigger phrase
# Requests a message can make twice ("$50 on fuel and $30 on groceries").
REPEATABLE = {"add_expense", "add_income", "create_event", "add_task", "add_pantry_item"}
# Each clause is read on its own and against the clauses before it: past this many, the
# rest of a message stays in its last clause, so "1, 2, 3, ..." x 2,500 costs no more.
MAX_CLAUSES = 50


@dataclass(frozen=True)
class Piece:
    text: str
    intent: Candidate | None


def _complete(tool: str, text: str) -> bool:
    """Whether a piece has its tool's main value (so "coffee and cake for $12" merges)."""
    if tool in ("add_expense", "add_income"):
        return best_amount(text) is not None
    if tool == "add_pantry_item":  # "..., use by Friday" finishes the item before it
        # (said of the item: "it expires 10.12.", "they're good till Friday")
        return not re.match(
            r"\s*(?:(?:it|they|which|that|these|those)(?:'s|'re| is| are| will| should)?\s+)?"
            r"(?:use|best|expir|goes|going|go off|good|keeps? (?:good )?(?:until|till)|runs? out"
            r"|off)",
            text,
            re.IGNORECASE,
        )
    if tool == "create_event":
        return bool(re.search(r"\d|tomorrow|today|tonight|day\b", text, re.IGNORECASE))
    return True


_ACTS_ON_BEFORE = re.compile(
    r"^(?:and |so |then )?(?:please |pls |can you |could you )?(?:delete|remove|scrap|bin|cancel"
    r"|undo|get rid of|change|fix|update)\s+(?:one of (?:them|those|the two)|it|that|one"
    r"|the (?:second|other|extra|duplicate|double) one)\b",
    re.IGNORECASE,
)
# The request's own verb said after its values, pointing back: "tyres were 38 all round,
# cold — pop that in the tyre log", "…, log that for me": the clause before is what it
# puts in (a word or three of the reading may come first)
_PUT_THAT_IN = re.compile(
    r"^(?:[\w'-]+[\s,;:—–-]+){0,3}?(?:and |so |then )?(?:please |pls |can you |could you )?"
    r"(?:pop|put|stick|chuck|bung|log|add|save|record|note|jot|enter|write|keep|remember"
    r"|memori[sz]e)\s+"
    r"(?:that|it|them|those|this|these|all that)(?:\s+(?:down|in|on|into|onto|to|for)\b.*)?"
    r"\W*$",
    re.IGNORECASE,
)
# Requests whose details often follow in clauses of their own ("add our car: 2019
# LandCruiser, diesel, 140 L across both tanks"; "oil change at 185,000 km, cost $289").
DETAILED = {"add_vehicle", "log_maintenance", "log_fuel", "save_place", "plan_trip"}
# A clause that asks for something: it starts with a request verb or a question word.
_ASKS = re.compile(
    r"^(?:and |then |also |oh |so )*(?:please |can you |could you |pls )?(?:log|add|put|stick"
    r"|chuck|pop|remind|set|book|plan|show|tell|what|what's|whats|how|when|where|which|who|is"
    r"|are|do|does|check|save|find|record|delete|remove|cancel|schedule|list|post|share|join"
    r"|like|comment|mark|tick|create|make|start|give|get|filled|fill|spent|paid|bought|got"
    r"|remember|note|move|change|update)\b",
    re.IGNORECASE,
)
# "put it in the calendar", "post that for everyone": the clause before is what it means.
# Money just told, filed by a verb of record-keeping: "…, log it as maintenance", "record
# that under food" (the same expense, its category said; _POINTER's verbs put things places).
_FILE_IT = re.compile(
    r"^(?:and |then |so |also |please |pls )*(?:log|record|file|enter|class|note down|book)"
    r"\s+(?:it|that|this|them|'?em)\b",
    re.IGNORECASE,
)
_POINTER = re.compile(
    r"^(?:oh |and |then |also |so )*(?:please |can you |could you |would you )?(?:(?:put|add|stick"
    r"|pop|chuck|bung|whack|throw|slap|post|share|publish|save|book|pin|pencil|write|jot)\s+(?:it"
    r"|that|this|them"
    r"|those|these|'?em)(?!\w)"
    # (not "pop it in the diary that I'm to ring …": "it" is what follows)
    r"(?!.{0,30}\bthat (?:i|i'm|we|we're|you|he|she|they|the|my|our)\b)"
    # "... should be the 3rd. Could you fix the date on that one?": the change said before
    r"|(?:fix|change|update|correct|amend|sort)\s+(?:the\s+\w+\s+(?:on|of|for|in)\s+)?"
    r"(?:it|that|this|them)\b)",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\b(?:all up|in total|all together|altogether|total(?: of| was| is)?)\b", re.I)
# "Just the last 5 posts.", "only the 3 most recent": how many rows a reading shows, said
# in a sentence of its own after the request
_HOW_MANY = re.compile(
    r"^(?:and |but )?(?:just |only )?(?:(?:show|give|get)(?: me| us)? )?(?:the )?"
    r"(?:(?:last|latest|top|first|newest|most recent)\s+\d{1,3}|\d{1,3}\s+(?:most recent|latest"
    r"|newest|last))\b(?:\s+(?:posts?|entries|items|ones|rows|results|of them|expenses"
    r"|readings|fills))?\s*(?:please|pls|thanks)?[.!]?$",
    re.I,
)
# Clauses that are a detail of the request before them, whatever they sound like alone.
_DETAIL_OF = {
    "get_feed": _HOW_MANY,
    "list_expenses": _HOW_MANY,
    "tyre_pressure_history": _HOW_MANY,
    # "done, I bought it on the way home": how the task got done, told in the past
    "complete_task": re.compile(
        r"^(?:and |so )?(?:my \w+|the \w+|\w+)\s+(?:\w+ed|bought|got|did|went"
        r"|picked|paid|took|made|rang|sent|sorted|found|brought)\b(?!.*\d)",
        re.I,
    ),
    "save_place": re.compile(r"^(?:and )?(?:share|make it public|keep it)\b", re.I),
    "create_event": REMINDER_DETAIL,
    # "…, my half is 60", "…, split it 50/50": how the bill was shared (i15-values10, 11)
    "add_expense": SHARE_DETAIL,  # ("…, remind me the night before": i15-values10)
    # "…, and tell me when it hits 80 percent": the budget's alert, not a status asked
    "set_budget": re.compile(
        r"^(?:and |then )?(?:warn|tell|alert|let|ping|notify|give) (?:me|us)(?: know| a (?:heads"
        r" up|shout|yell))? (?:when|if|once|at|before)\b",
        re.I,
    ),
    # "add the Patrol, 2005, 14.5 litres per 100": how much it uses is the vehicle's, no fill
    "add_vehicle": re.compile(
        r"^(?:(?:it|she|he)\s+)?(?:(?:uses|does|gets|burns|drinks|averages)\s+)?"
        r"(?:about\s+|around\s+|roughly\s+|approx\.?\s+)?\d+(?:\.\d+)?\s*(?:l|litres?|liters?)?"
        r"\s*(?:/|per|to the|every|for every)\s*100(?!\d)"  # ("18 L/100km")
        # "…, 95 L tank", "…, tank holds 140": the size of its tank
        r"|^(?:(?:a|an|with|the)\s+)?\d+(?:\.\d+)?\s*(?:l|litres?|liters?|gals?|gallons?)?[\s-]*"
        r"(?:fuel\s+|long[\s-]range\s+|main\s+)?tanks?\b|^(?:the\s+)?tanks?\s+(?:holds?|takes|is|of)?\s*\d",
        re.I,
    ),
    # "… was done today. The next one's due in 6 months.": when the work is due again
    "log_maintenance": re.compile(
        r"^(?:and |so )?(?:the )?next(?: one| service| check| inspection)?(?:'s| is| will be)?"
        r"\s+(?:due|needed)\b",
        re.I,
    ),
    # "add a task: check the tyres, high priority": the priority is the task's
    "add_task": re.compile(
        r"^(?:and |it's |its |make it |mark it |set it )?"
        r"(?:(?:fairly|pretty|quite|very|really|rather|kinda|kind of|a bit|bit|somewhat|super) )?"
        r"(?:(?:high|low|top|medium|normal)"
        r"(?: pr\w*rit\w*| prio\w*)?|urgent|asap|no rush|not urgent)"
        r"(?:\s+(?:fr|pls|please|thx|ty|thanks|ta|mate|lol|ok|eh|too|tho|as well))*[.!]?$",
        re.I,
    ),
}


# Words that say only when or how money moved ("paid yesterday", "came in on Monday",
# "cash"): a clause of nothing else is the date of the amount before it.
_WHEN_WORDS = re.compile(
    r"\b(?:paid|got paid|was paid|received|came in|came through|landed|arrived|went out"
    r"|it was|that was|was|were|on|in|by|cash|in cash|bank transfer|transfer|eftpos|card"
    r"|the|just|back|it|me|us|i|we|they|he|she|my|our|wages?|pay|money|cheque|check"
    r"|have|has|had|him|her|them|already|i've|we've|i'd|we'd|did|paid for)\b",
    re.IGNORECASE,
)


MONEY = ("add_expense", "add_income")
# Money the user says they paid, with its subject: "today I paid the booking", "we spent".
_PAID_OWN = re.compile(
    r"\b(?:i|we)(?:'ve| have)? (?:just |also |already |then )?"
    r"(?:paid|spent|forked out|shelled out)\b",
    re.IGNORECASE,
)
# A figure said as a price by its verb: "charged me 240", "cost us 95".
_CHARGED = re.compile(
    r"\b(?:charged|charge|cost|paid|billed)\b(?:\s+(?:me|us|him|her|them))?\s+\$?\d", re.I
)
# Money said as money: a sign, a unit, cents.
_MONEY_SAID = re.compile(
    r"[$£€]|\d\.\d\d\b|\b(?:dollars?|bucks|quid|cents|grand|aud|usd|nzd)\b", re.IGNORECASE
)


def _only_when(chunk: str, today: date) -> bool:
    day = find_day(chunk, today, future=False)
    if day is None:
        return False
    rest = chunk[: day.start] + " " + chunk[day.end :]
    return not re.sub(r"[\s,.!]+", "", _WHEN_WORDS.sub(" ", rest))


# A clause that opens with the name of a reading of its own ("weather Dubbo 3 days",
# "wx Broome"): terse, but a request, not a detail of the fill or trip before it.
_NAMES_READING = re.compile(r"\s*(?:wx|weather|forecast)\b(?! permitting)", re.IGNORECASE)


_ALSO = re.compile(r"[;.!?]|\b(?:also|plus|as well as|oh and|and then)\b", re.I)
# A clause that names a new row of some kind, its verb left out ("…, and a task to ring the
# bank", "+ a reminder for the 9th", "also an appointment with the vet on Monday").
_ROW_NAMED = re.compile(
    r"^(?:(?:and|also|plus|oh|then)\s+)*(?:a|an|another|one more|a new|new)\s+(?:task|to-?do"
    r"|job|reminder|event|appointment|appt|booking|expense|entry)\s*(?:(?:to|for|about|with|on)\b|:)",
    re.I,
)


def _is_detail(prev: Candidate, chunk: str, today: date) -> bool:
    own = _DETAIL_OF.get(prev.tool)
    if own and own.match(chunk.strip()):
        return True
    if prev.tool in MONEY and _only_when(chunk, today):
        return True
    said = chunk.strip()
    # a request in question form ("…, can you take it out of his calendar") is its own
    asks = _ASKS.match(said) or _NAMES_READING.match(chunk) or _ADDRESSED.match(said)
    # ("log the service …, and a task for the tyre rotation on monday": a row of its own
    # named with its verb left out)
    return prev.tool in DETAILED and not asks and not _ROW_NAMED.match(said)


def _greedy_ends(before: str, chunk: str) -> bool:
    """A post or note whose words were not set off by a colon or quotes ends where a clause
    asks for something else ("post in Grey Nomads that ..., and log $22 for chips")."""
    return not _words_open(before) and bool(_ASKS.match(chunk.strip()))


def _words_open(before: str) -> bool:
    """Whether the words of a post or note are still running: after a colon, or inside
    quotes not yet closed ('comment "sounds great, count us in" and like it too' ends at
    its closing quote)."""
    if ":" in before:
        return True
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


# "Could you log that, and tell me the weather at Eucla": a request of the words before it,
# done with; the next clause asks for something of its own.
_DONE_POINTING = re.compile(
    r"(?:^|[,;:.!?]\s*)(?:and |then |also |so )*"
    r"(?:please |pls |can you |could you |would you |will you )?"
    r"(?:log|record|add|save|put|note|enter|book|post|share|keep|remember|jot)\s+(?:it|that|this"
    r"|them|those|these|'?em)(?: down| in| up| for me| please)*[.!?]*$",
    re.IGNORECASE,
)


# An amount denied, then the right one in the next clause: "wasn't 45, it was 54".
_DENIED = re.compile(r"\b(?:wasn'?t|isn'?t|weren'?t|not)\b[^,;]{0,30}\d[\d.,]*\s*$", re.IGNORECASE)
_SAID_INSTEAD = re.compile(
    r"^(?:but\s+)?(?:it|that|they)(?: was|'s| is| were)\s+(?:actually\s+|really\s+)?[$£€]?\s?\d",
    re.IGNORECASE,
)
# A clause that puts what the clause before said where it goes: "…, note that in the pantry"
_POINTER_OF = re.compile(
    r"^\s*(?:(?:and|so|then|please|pls|can you|could you|would you)\s+)*(?:note|put|add|pop"
    r"|log|record|jot|stick|chuck|bung|save)\s+(?:it|that|this|them|those)\b",
    re.IGNORECASE,
)
# A clause that only offers the answers to the question before it: "…, in or out?"
_ALTERNATIVES = re.compile(r"^(?:\w+\s+){0,2}or\s+\w+(?:\s+\w+)?\s*\?*$", re.IGNORECASE)


# A clause that is a figure and nothing else ("37.80", "$12", "45 bucks").
_FIGURE_ALONE = re.compile(
    r"[$£€]?\s?\d[\d,]*(?:\.\d{1,2})?\s*(?:dollars|bucks|quid)?[.!]*$", re.IGNORECASE
)


def _joins(prev: Candidate | None, new: Candidate | None, before: str, chunk: str) -> bool:
    if prev is not None and new is not None and prev.tool == new.tool and _POINTER_OF.match(chunk):
        return True  # "we've got 2 tins of Milo …, could you note that in the pantry": one row
    if prev is not None and _ALTERNATIVES.match(chunk.strip()):
        return True  # "where does that leave us for the month, in or out?": one question
    # ("… which was $65, could you log that, and also pop in …": the pointing ends it)
    if prev is None and new is not None and _DONE_POINTING.search(before.strip()):
        return False
    if prev is None or new is None:
        return True
    if prev.tool in GREEDY:
        return not _greedy_ends(before, chunk)
    if (own := _DETAIL_OF.get(prev.tool)) and own.match(chunk.strip()):
        return True
    if prev.tool in ("add_expense", "add_income") and _TOTAL.search(chunk):
        return True  # "$42 a night, we did 2 nights so 84 all up": the total of the same
    if (
        prev.tool in MONEY
        and new.score <= WEAK
        and best_amount(chunk, loose=True) is not None
        and not _complete(prev.tool, before)
    ):
        return True  # "payday! 3,120.80 from the hospital": the money the word named
    if prev.tool != new.tool:
        return False
    if prev.tool not in REPEATABLE or (not _complete(new.tool, chunk) and new.tool in TRAILING):
        return True
    if not _complete(prev.tool, before) and _complete(new.tool, chunk):
        return True  # "paid the Optus bill, $65 for the month": the amount comes after
    # "bought milk" + "bread for $12" is one purchase; "log an expense" is its own.
    weak = min(prev.score, new.score) <= WEAK
    return weak and not (_complete(prev.tool, before) and _complete(new.tool, chunk))


# Sentences: a stop, then a blank (the lookbehind: a run of blanks is read from its start).
# Dictated or unpunctuated text has no stops: a request in question form after other words
# starts a sentence of its own ("… gets busy at easter anyway could you add a task to …"),
# its lead word ("anyway", "so", "but") left with the words before.
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\s)\s+"
    r"|(?<=\w)\s+(?:(?:anyway|anyhow|so|but|and|oh)\s+)?(?=(?:can|could|would|will) (?:you|ya|u)"
    r"\s+(?:please\s+|pls\s+)?(?:add|log|put|remind|set|book|plan|save|create|make|post|note"
    r"|record|schedule|pop|stick|chuck|pencil|jot|write|share|find|check|show|tell|change|move"
    r"|update|delete|remove|cancel|take|cross|scratch)\b)",
    re.IGNORECASE,
)
# A sentence addressed to PAM: a request in question form, "please …", or a question.
_ADDRESSED = re.compile(
    r"^(?:(?:ok|okay|so|now|and|oh|also|thanks|ta|lovely|great|right|anyway|hmm)\b[,.!]?\s+)*"
    r"(?:please\s+|pls\s+)?(?:(?:can|could|would|will) (?:you|ya|u|ye)\b|would you mind\b"
    r"|be a (?:dear|love|darling|gem|legend|champ|sweetheart|doll)\b"
    r"|do you mind\b|i(?:'d| would| should) (?:like|love) (?:you|ya) to\b"
    r"|i was wondering if you could\b"
    # a formal letter's request: "I would be most grateful if you would …"
    r"|i (?:would|should|'d|will) be (?:\w+ )?(?:grateful|obliged|thankful|pleased) if you\b"
    r"|any chance you could\b|is it possible to\b|i need you to\b|please\b)",
    re.IGNORECASE,
)
# A sentence that only adds a detail to the request before it: "Make it high priority.",
# "Mark it urgent", "Set it for Friday".
_DETAIL = re.compile(
    r"^(?:and |oh and |(?:can|could) you )?(?:please )?(?:make|mark|flag) (?:it|that|this) "
    r"(?:as )?",
    re.I,
)
# A sentence that opens by taking back what was just said ("No wait, …", "I mean …").
_TAKES_BACK = re.compile(
    r"^\W*(?:(?:oh|um+|er+|ah)\s+)?(?:no wait|wait no|no no|no sorry|sorry no|nah wait|wait|hang on"
    r"|hold on|oops|whoops|scratch that|strike that|or rather|i mean|i meant|correction"
    r"|my mistake|my bad)\b",
    re.I,
)
# A clause that opens by taking back the one before it ("…, actually it was 55").
# "…, not 58.20", "…, instead of 12": the amount before set against the one it replaces
_NOT_THAT_AMOUNT = re.compile(r"^(?:and\s+)?(?:not|instead of|rather than)\s+\$?\d", re.I)
_AMOUNT_FIXES = frozenset({"update_expense", "update_income"})
_TAKES_BACK_CLAUSE = re.compile(
    r"^(?:no wait|wait no|no sorry|sorry|oops|whoops|i mean|i meant|actually|scratch that"
    r"|or rather|correction|my mistake|my bad)\b",
    re.I,
)
# "Could you put it in the calendar?": the sentences before are what "it" is.
# A spot pointed at, not named: "save this spot", "keep that place".
_THIS_SPOT = re.compile(r"\b(?:this|that|the) (?:spot|place|location|one)\b", re.IGNORECASE)
_POINTS = re.compile(r"\b(?:it|that|this|them|those|these|her|him)\b", re.IGNORECASE)
# A change that names the field and not its value ("Change the date.", "fix the amount
# please"): the value, and the row, are in the sentences told before it.
_FIELD_ONLY = re.compile(
    r"^\W*(?:(?:please|pls|can you|could you|so)\s+)?(?:change|fix|update|correct|amend)\s+"
    r"(?:the\s+)?(?:date|day|amount|price|cost|category|time)\s*(?:please|pls|thanks)?\W*$",
    re.IGNORECASE,
)
# What a statement can ask for on its own beside a sentence addressed to PAM: a purchase,
# an income, a fill, work done, a tyre reading, each with its value ("Spent 40 on fuel.
# Could you add milk to the list?"). Anything else it says is context ("We travel with
# two terriers. Are there groups for dogs?" asks for groups only).
SURE = 0.9  # the classifier this sure of a clause no rule reads makes it a request
STANDALONE = {"add_expense", "add_income", "log_fuel", "log_maintenance", "log_tyre_pressures"}


# "… - add that to the pantry please": a request after its own lead-in.
_ASKED_AFTER = re.compile(
    r"(?:\s[-–—]\s|[,;:]\s)(?:please |pls |(?:can|could|would|will) (?:you|ya|u|ye) (?:please )?"
    r"|(?:would|could) you be a \w+ and )?(?:add|put|pop|stick|chuck|log|write|jot|mark|take"
    r"|save|record|note|delete|remove|change|move|update|tick|cross|knock|strike|check)"
    r"\s+(?:it|that|this|them|those)\b"
    r"|\b(?:please|pls)[.!]*$",
    re.IGNORECASE,
)
# "log 3 things: bread n milk 9.40, campsite 28, and 60 of diesel": a list of purchases,
# one expense per item with an amount.
_EXPENSE_LIST = re.compile(
    r"^\s*(?:(?:please |can you |could you )?(?:log|add|record|put down|jot down|enter)\s+"
    r"(?:\d+\s+(?:things|items|expenses|purchases|bits)|these|the following|a few things|some"
    r" expenses)|(?:today'?s |yesterday'?s )?(?:expenses|spending|purchases))"
    r"\s*[:\-]\s*(?P<items>.+)$",
    re.IGNORECASE,
)


# "to do: wash the van, fill the water tanks, empty the cassette": a task per item after a
# label of jobs (split at commas and semicolons; "and" may join the words of one job).
_TASK_LIST = re.compile(
    r"^\s*(?:(?:please|pls|can you|could you)\s+)?"
    # "add tasks: …", "pop these on the jobs list - …", "new to-dos: …"
    r"(?:(?:add|put|create|make|set up|chuck|pop|stick|bung|jot down|note down|new)\s+"
    r"(?:(?:these|some|a few|a couple of|the following|\d+)\s+)?(?:(?:new|more)\s+)?"
    r"(?:(?:to|on|onto)\s+)?)?"
    r"(?:(?:my|our|the)\s+)?(?:to-?dos?|to do(?: list)?|tasks?|jobs?|chores)(?:\s+list)?"
    r"(?:\s+for\s+(?:today|tomorrow|the weekend|this week|\w+day))?\s*[:\-]\s*(?P<items>[^\n]+)$",
    re.IGNORECASE,
)
# "add the bearings and the awning strap as two separate tasks": what is named, split at its
# commas and "and"s, one task each (the user said they are apart).
_SEPARATE_TASKS = re.compile(
    r"^\s*(?:(?:please|pls|can you|could you)\s+)?(?:add|put|make|create|set up|chuck|pop"
    r"|stick|bung|list|jot down)\s+(?:in\s+)?(?P<items>.+?)\s+(?:in|on|to)?\s*(?:as|into)\s+"
    r"(?:\d+|two|three|four|five|separate|individual|different|their own)\s+"
    r"(?:(?:separate|individual|different)\s+)?(?:tasks|to-?dos|jobs|items|entries)\b"
    r"(?P<tail>.*)$",
    re.IGNORECASE,
)
# A job said after "and" in a list of jobs starts with what to do ("fix the step and clean
# the gutters" is two; "fix the step and rail" one): the verbs of jobs around a van and home.
_JOB_VERBS = (
    r"(?:fix|clean|check|grease|wash|empty|fill|replace|book|call|ring|phone|pay|buy|get|order"
    r"|service|change|top up|renew|sort|pick up|drop off|return|charge|sweep|tighten|adjust"
    r"|repair|paint|organise|organize|email|post|send|cancel|update|defrost|flush|drain|inspect"
    r"|test|oil|lube|mow|vacuum|hoover|tidy|clear|pack|unpack|restock|refill|register|rotate"
    r"|swap|install|fit|mend|patch|seal|reseal|polish|wax|water|feed|walk|take|bring|put|print"
    r"|sign|file|back up|download|look into|research|find|ask|tell|write|read|measure|weigh)\b"
)
_JOB_VERB = re.compile(rf"\s+and\s+(?=(?:then\s+)?{_JOB_VERBS})", re.IGNORECASE)
_JOB_START = re.compile(rf"^\W*(?:and\s+)?(?:then\s+)?{_JOB_VERBS}", re.IGNORECASE)


# A clause about the job before it, not a job: "…, it is very important", "…, because …".
_NOT_A_JOB = re.compile(
    r"\s*(?:it|it's|its|that|this|they|which|because|cos|coz|as|so|but|please|pls|thanks|asap"
    r"|urgent|before|by|due|no rush|must|very|really"
    # (a deadline said on its own: "…, until 20.10.", "…, till friday", "…, latest monday")
    r"|until|till|til|latest|deadline|no later than|at the latest|important)\b",
    re.IGNORECASE,
)


def _separate_tasks(text: str) -> list[Piece] | None:
    m = _SEPARATE_TASKS.match(text)
    if m is None:
        return None
    items = [i for i in re.split(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", m["items"]) if i]
    if not 2 <= len(items) <= MAX_CLAUSES:
        return None
    tail = m["tail"].strip(" ,.!")
    return [
        Piece(f"add a task {item}" + (f", {tail}" if tail else ""), Candidate("add_task", WEAK + 1))
        for item in items
    ]


def _task_list(text: str) -> list[Piece] | None:
    if separate := _separate_tasks(text):
        return separate
    m = _TASK_LIST.match(text)
    if m is None:
        return None
    items: list[str] = []
    for said in re.split(r"\s*[,;]\s*(?:and\s+)?|" + _JOB_VERB.pattern, m["items"], flags=re.I):
        if not said.strip():
            continue
        if items and (_DETAIL_OF["add_task"].match(said.strip()) or _NOT_A_JOB.match(said)):
            items[-1] += f", {said.strip()}"  # "…, top prio", "…, it's urgent": the job before
        else:
            items.append(said.strip())
    if not 2 <= len(items) <= MAX_CLAUSES:
        return None
    head = text[: m.start("items")]
    when = re.search(r"\bfor\s+(today|tomorrow|the weekend|this week|\w+day)\b", head, re.I)
    tail = f", {when[1]}" if when else ""
    return [Piece(f"add a task: {item}{tail}", Candidate("add_task", WEAK + 1)) for item in items]


def _expense_list(text: str) -> list[Piece] | None:
    m = _EXPENSE_LIST.match(text)
    if m is None:
        return None
    items = [
        i
        for i in re.split(
            r"\s*(?:,|;)\s*(?:and\s+)?|\s+and\s+(?=\S*\d)|(?<=\d)\s+and\s+", m["items"]
        )
        if i
    ]
    if len(items) < 2 or not all(best_amount(i, loose=True) for i in items):
        return None
    return [Piece(item, Candidate("add_expense", WEAK + 1)) for item in items]


# A list written a line per item under a heading ("yesterday's spends:", "todo:",
# "pantry:"), bulleted or not: one request per item, each with the heading's day.
_LINE_BULLET = re.compile(r"^\s*(?:[-*•·▪+]|\d{1,2}[.)])\s*")
# What an item of each list becomes, read by that tool's own extractor.
_LINE_ITEM = {
    "add_expense": "{item}{day}",
    "add_task": "add a task: {item}{day}",
    "add_pantry_item": "add {item} to the pantry",
}
_LINES_MAX = 30


# Bullets typed inline ("put these on my jobs list • water • tyres"): a line each.
# (?<!\s): a match starts where a run of spaces does, so a long run is read once, not from
# each of its spaces
_INLINE_BULLETS = re.compile(r"(?<!\s)\s*[•·▪]\s*")


def _bullets_as_lines(text: str) -> str:
    return _INLINE_BULLETS.sub("\n", text) if len(_INLINE_BULLETS.findall(text)) >= 2 else text


def _line_list(text: str, today: date, recent_kind: str | None) -> list[Piece] | None:
    text = _bullets_as_lines(text)
    lines = [line.strip() for line in islice(text.splitlines(), _LINES_MAX + 1) if line.strip()]
    if not 3 <= len(lines) <= _LINES_MAX:
        return None
    head, rest = lines[0], lines[1:]
    bulleted = [line for line in rest if _LINE_BULLET.match(line)]
    if len(bulleted) >= 2:
        items = [_LINE_BULLET.sub("", line) for line in bulleted]
    elif head.endswith(":") or any(kind.search(head) for kind in _LIST_OF.values()):
        # ("jobs for tomorrow" over a line a job: the heading names the list, colon or not)
        items = rest
    else:
        return None
    joined = f"{head} {', '.join(items)}"
    intent = classify(joined, today, recent_kind)
    if intent is None and (found := guess(joined)).tool and found.probability >= RESCUE:
        intent = Candidate(found.tool, WEAK)  # "jobs for the weekend: …": no rule's words
    named = next((tool for tool, kind in _LIST_OF.items() if kind.search(head)), None)
    if intent is None and named:
        intent = Candidate(named, WEAK)  # the heading says what the list holds
    if intent is None or intent.tool not in (*_LINE_ITEM, "add_to_shopping_list"):
        return None
    if intent.tool == "add_to_shopping_list":
        return [Piece(f"add {', '.join(items)} to the shopping list", intent)]
    if intent.tool == "add_expense" and not all(best_amount(i, loose=True) for i in items):
        return None
    day = find_day(head, today, future=intent.tool == "add_task")
    when = f", {head[day.start : day.end]}" if day else ""
    form = _LINE_ITEM[intent.tool]
    return [Piece(form.format(item=item, day=when), intent) for item in items]


# Where the user is going, said as news: "we're going in to Cowra", "I'm heading to Dubbo".
_GOING = re.compile(
    r"^(?:as |cos |because |since )?(?:we'?re|we are|i'?m|i am) (?:going|heading|off|driving)\b",
    re.I,
)
_PLANS = re.compile(r"\?|\b(?:plan|route|how far|how long|distance|map|directions|save)\b", re.I)
# A pasted list: lines under a label that ends with a colon ("todo for this arvo:",
# "pantry:"), or lines marked as items ("- coffee 6.50", "• bread", "2) milk").
# What a list's label says it holds: "jobs for tomorrow", "today's spending", "pantry".
_LIST_OF = {
    "add_task": re.compile(r"\b(?:jobs?|tasks?|to-?dos?|to do|chores)\b", re.I),
    "add_expense": re.compile(r"\b(?:spending|spent|expenses?|bought|damage|receipts?)\b", re.I),
    "add_pantry_item": re.compile(r"\b(?:pantry|cupboard|fridge|freezer)\b", re.I),
    "create_event": re.compile(r"\b(?:calendar|diary|appointments?|bookings?)\b", re.I),
}
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+(?P<item>\S.*)$")
# Lists whose items are named things (a job, a stock item): a label that asks for the list
# ("add these to my jobs", "remind me about these") is no part of any item's name.
_ITEM_NAMED = frozenset({"add_task", "add_pantry_item", "add_to_shopping_list"})
_ASKS_FOR_LIST = re.compile(
    r"\b(?:add|put|pop|chuck|stick|remind|note|jot|write|these|this lot|the following)\b", re.I
)


def _pasted_list(text: str, today: date, recent_kind: str | None) -> list[Piece] | None:
    """One request per line of a pasted list, when the label, the words after the list, the
    first line or the whole ask for a tool that is called once per thing (a task, an expense, a
    stock item …); the label's words (a day, "yesterday's") go with each line."""
    lines = [line.strip() for line in _bullets_as_lines(text).split("\n") if line.strip()]
    if len(lines) < 3 or len(lines) > MAX_CLAUSES:
        return None
    marked = [i for i, line in enumerate(lines) if _BULLET.match(line)]
    if len(marked) >= 2 and marked == list(range(marked[0], marked[-1] + 1)):
        first, last = marked[0], marked[-1]
    elif lines[0].endswith(":") and not _BULLET.match(lines[0]):
        first, last = 1, len(lines) - 1
    else:
        return None
    items = [
        (m["item"] if (m := _BULLET.match(line)) else line) for line in lines[first : last + 1]
    ]
    label = " ".join(lines[:first]).rstrip(":").strip()
    after = " ".join(lines[last + 1 :])
    named = next((t for t, kind in _LIST_OF.items() if kind.search(label)), None)
    tool = named or next(
        (
            c.tool
            for said in (label, after, items[0], text)
            if said and (c := classify(said, today, recent_kind)) and c.tool in REPEATABLE
        ),
        None,
    )
    if tool is None or len(items) < 2:
        return None
    if label and tool in _ITEM_NAMED and _ASKS_FOR_LIST.search(label):
        # "remind me about these jobs:" is the request, no part of each job: only its day goes
        # with each item ("jobs for tomorrow")
        day = find_day(label, today, future=True)
        label = label[day.start : day.end] if day else ""
    return [
        Piece(f"{item}, {label}" if label else item, Candidate(tool, WEAK + 1)) for item in items
    ]


# A command: a request verb first ("Like it again.", "Add the lot to the list.").
_IMPERATIVE = re.compile(
    r"^(?:(?:ok|okay|so|now|and|oh|also|then|right|just)\b[,.!]?\s+)*(?:please\s+|pls\s+)?"
    r"(?:log|add|put|stick|chuck|pop|bung|remind|set|book|plan|show|tell|check|save|find|record"
    r"|delete|remove|cancel|schedule|list|post|share|join|like|comment|reply|mark|tick|create"
    r"|start|note|move|change|update|send|write|jot|read)\b",
    re.IGNORECASE,
)


# "…the kids were losing it anyway can you check …": a word that turns from the story to
# the request, often typed or dictated with no stop before it.
_TURN_TO_ASK = re.compile(
    r"(?<![\s,])[\s,]+(?:so |but |and |ok |okay )?(?:anyway|anyways|any way|anyhow|long story short"
    r"|enough about that)\b[,.!]*\s+(?=\S)",
    re.IGNORECASE,
)


# A request at the end that only points at what was said before it: "…, pop it in", "….
# Stick it down there", "… - log that would ye". Its words are the thing to keep.
_POINT = (
    r"(?:pop|put|stick|chuck|bung|whack|jot|add|log|record|note"
    r"|save|enter|pencil|slot|book|write|share)\s+(?:it|that|this|them|those)\b"
    r"(?:\s+(?:in|down|on|there|in there|away|up|for me|for us|with (?:everyone|everybody"
    r"|the community|others|other travellers)))*"
)
# ("…, save it and share it with everyone": two verbs pointing at the same thing)
_POINTING_TAIL = re.compile(
    r"(?:[,;.!?]|\s[-–—])\s*(?:(?:and|so|just|now|please|pls|can you|could you|would you"
    r"|will you|can u|could u)\s+)*"
    + _POINT
    + r"(?:\s+(?:and|&|then|and then)\s+"
    + _POINT
    + r")?(?:[\s,]+(?:please|pls|would ya|would ye|would you|will ya|thanks|ta|cheers|mate|love"
    r"|for me|like a good \w+))*[\s.!?]*$",
    re.IGNORECASE,
)


def _pointed_at(text: str, today: date, recent_kind: str | None) -> list[Piece] | None:
    """The whole message as one request when it ends by pointing at what it said ("midday
    on the 1st, lunch with the Hendersons, pop it in"): what comes before is the row, not
    requests of its own, so it is read whole; None when something before asks by itself."""
    tail = _POINTING_TAIL.search(text)
    if tail is None or tail.start() == 0:
        return None
    said = text[: tail.start()]
    clauses = [c.strip() for c in re.split(r"[,;.!?]|\s[-–—]\s", said) if c.strip()]
    if any(_IMPERATIVE.match(c) or _ADDRESSED.match(c) for c in clauses):
        return None
    intent = classify(text, today, recent_kind)
    if (intent is None or intent.tool not in WRITES) and _KEEP_IT.search(tail[0]):
        intent = _money_kept(text)  # "… at the vet in Kununurra. $220 … log it please"
    if intent is None or intent.tool not in WRITES:
        return None
    if re.search(r"\bshare\b", tail[0], re.IGNORECASE) and intent.tool != "save_place":
        return None  # "…, share it with everyone" points at a post's words unless at a place
    return [Piece(text, intent)]


# The verbs of keeping a record, when they point at what was said: "log it", "jot that down".
_KEEP_IT = re.compile(r"\b(?:log|record|jot|note|enter|write)\b", re.IGNORECASE)
# Money kept as a record: what the classifier reads it as among the records of money.
_MONEY_ROWS = ("add_expense", "add_income", "log_fuel", "log_maintenance")


def _money_kept(text: str) -> Candidate | None:
    """The record a story with its amount asks to keep when it ends "log it please" and no
    rule read a write in it (the places and animals of the story are no request)."""
    if best_amount(text) is None:
        return None
    tool = max(_MONEY_ROWS, key=lambda t: probability(text, t))
    return Candidate(tool if probability(text, tool) >= DOUBT else "add_expense", WEAK)


def _after_story(text: str) -> str:
    """The story before such a word set off as sentences of their own, when what follows
    it asks for something (then the story is context, as any sentence not addressed)."""
    for m in reversed(list(islice(_TURN_TO_ASK.finditer(text), MAX_CLAUSES))):
        after = text[m.end() :]
        if m.start() > 0 and (_ADDRESSED.match(after) or _IMPERATIVE.match(after)):
            return f"{text[: m.start()].rstrip(' ,.')}. {after}"
    return text


# "remember …" opening a sentence commands as the verbs of _IMPERATIVE do ("remember to"
# is a reminder's words, read by its own rules)
_REMEMBER_OPEN = re.compile(
    r"^(?:(?:ok|okay|so|now|and|oh|also|then|right|just)\b[,.!]?\s+)*(?:please\s+|pls\s+)?"
    # ("remember when we got bogged …" recalls a story)
    r"remember\b(?! (?:to|when|how|the time|that time)\b)",
    re.IGNORECASE,
)


_WH_OPEN = re.compile(
    r"^(?:(?:and|also|oh|so|plus)\b[,]?\s+)*(?:what'?s|what is|what are|how'?s|how is|when'?s"
    r"|when is|where'?s|where is|is there|are there|any)\b",
    re.IGNORECASE,
)


def _asks_after(sentence: str, asked_before: bool) -> bool:
    """A question with no mark after a sentence that asked PAM ("…? and what's the
    forecast for Banff") asks too."""
    return asked_before and bool(_WH_OPEN.match(sentence.strip()))


def _commands_first(sentence: str, today: date, recent_kind: str | None) -> bool:
    """Whether a message's first sentence is a command with a request of its own."""
    if _DETAIL.match(sentence) or not (
        _IMPERATIVE.match(sentence) or _REMEMBER_OPEN.match(sentence)
    ):
        return False
    return any(p.intent for p in _split(sentence, today, recent_kind))


# A row of the kind just dealt with, labelled: "New one: get a quote by friday", "and another
# one - ring the bank" (a request of its own, after the one before).
_NEW_ONE = re.compile(
    r"^\W*(?:(?:and|also|plus|oh|ok)\s+)*(?:a\s+)?(?:new|another|one more)(?:\s+one)?"
    r"\s*[:–—-]\s*\S",
    re.IGNORECASE,
)


def _addressed(sentence: str) -> bool:
    text = sentence.rstrip()
    if _NEW_ONE.match(text):
        return True
    return bool(_ADDRESSED.match(text) or _ASKED_AFTER.search(text)) or text.endswith("?")


# A letter's opening and closing: "Dear PAM,", "Good morning PAM.", "Kind regards, Dorothy",
# "Yours sincerely,\nHarold". They ask nothing, and a name signed is no place or title.
_SALUTATION = re.compile(
    r"^\s*(?:dear|hello|hi|hey|g'?day|good (?:morning|afternoon|evening|day))\s+pam\b[,.!]*\s*",
    re.IGNORECASE,
)
_VALEDICTION = re.compile(
    r"(?:(?<=[.!?,])|\n)\s*(?i:(?:kind(?:est)?|best|warm(?:est)?|many) regards|regards|many thanks"
    r"|thanks (?:again|so much|kindly|in advance)|thank you(?: kindly| so much| very much| in"
    r" advance)?|with (?:many )?thanks|with (?:gratitude|best wishes|love)|yours (?:sincerely"
    r"|faithfully|truly)|best wishes|all the best|sincerely|cheers)[,.!]*"
    r"(?:\s*\n?\s*[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)?[.!]*\s*$",
)


_CLOSING_MAX = 80


def _unletter(text: str) -> str:
    """The message without a letter's salutation and closing, when words remain."""
    body = _SALUTATION.sub("", text, count=1)
    # (a closing is short: only the end is searched, so a long run of blanks costs nothing)
    cut = max(0, len(body) - _CLOSING_MAX)
    body = (body[:cut] + _VALEDICTION.sub("", body[cut:], count=1)).strip()
    return body if re.search(r"\w", body) else text


def _jobs_listed(pieces: list[Piece], today: date) -> list[Piece]:
    """ "remind me to ring the bank, book the vet and order the filter": the clauses after a
    task that are each a job said by its verb, with no day, time or amount of their own (a
    "book …" with no day is no event yet), are tasks too; split at "and <verb>"."""
    out: list[Piece] = []
    for whole in pieces:
        for piece in _jobs_in(whole, today):
            prev = out[-1].intent if out else None
            if prev and prev.tool == "add_task" and _plain_job(piece, today):
                jobs = [j.strip() for j in _JOB_VERB.split(piece.text) if j.strip()]
                out += [Piece(f"add a task to {job}", prev) for job in jobs]
            else:
                out.append(piece)
    return out


_JOB_COMMA = re.compile(rf"\s*[,;]\s*(?:and\s+)?(?=(?:then\s+)?{_JOB_VERBS})", re.IGNORECASE)
EXPLICIT_JOB = 8  # a clause read this sure of its own tool keeps it


def _plain_job(piece: Piece, today: date) -> bool:
    """A job said by its verb with no day, time or figure, and no sure request of its own."""
    return (
        bool(_JOB_START.match(piece.text))
        # ("…, put that on my to-do list": a clause pointing back at the job is no job)
        and not _POINTS.search(piece.text)
        and (piece.intent is None or piece.intent.score < EXPLICIT_JOB)
        and find_day(piece.text, today, future=True) is None
        and find_time(piece.text) is None
        and not re.search(r"\d", piece.text)
    )


def _jobs_in(piece: Piece, today: date) -> list[Piece]:
    """A task's clause that goes on ", <verb> …" (clauses with no request of their own
    joined it): its head and the jobs after, apart, when every one after is a plain job."""
    if piece.intent is None or piece.intent.tool != "add_task":
        return [piece]
    head, *rest = _JOB_COMMA.split(piece.text)
    jobs = [Piece(r, None) for r in rest]
    if not jobs or not all(_plain_job(j, today) for j in jobs):
        return [piece]
    return [Piece(head, piece.intent), *jobs]


# "…, the eggs are good until the 20th", "…, the milk expires Friday": an expiry clause that
# names its item by name, after a list of things bought
_ITEM_EXPIRY = re.compile(
    r"[,;]\s*(?:and\s+)?(?:the\s+)?(?P<item>[a-z][\w' -]{1,30}?)\s+"
    r"(?:(?:are|is|'s|will be|should be)\s+)?(?:(?:good|ok|okay|fine|fresh)\s+)?"
    r"(?:until|till|til|to|expires?|expiring|use by|best before|goes off)\b.*$",
    re.IGNORECASE,
)


def _expiry_to_its_item(pieces: list[Piece]) -> list[Piece]:
    """The expiry clause read with the last item goes to the item it names, when that is
    an earlier one ("6 eggs and 1 kg rice, the eggs are good until 20.12": the eggs')."""
    if len(pieces) < 2 or not all(p.intent and p.intent.tool == "add_pantry_item" for p in pieces):
        return pieces
    last = pieces[-1]
    m = _ITEM_EXPIRY.search(last.text)
    if m is None:
        return pieces
    item = m["item"].lower().rstrip("s")
    own = last.text[: m.start()].lower()
    if item in own:
        return pieces
    for i, piece in enumerate(pieces[:-1]):
        if item and re.search(rf"\b{re.escape(item)}", piece.text, re.IGNORECASE):
            moved = last.text[m.start() :].lstrip(",; ")
            out = list(pieces)
            out[i] = Piece(f"{piece.text.rstrip(' .')}, {moved}", piece.intent)
            out[-1] = Piece(last.text[: m.start()], last.intent)
            return out
    return pieces


def split(text: str, today: date, recent_kind: str | None = None) -> list[Piece]:
    """The message's requests; a goodbye that asks nothing tells of tomorrow's drive, it
    plans no trip ("that's all for today, off to bed, big drive to Winton tomorrow")."""
    text = _unletter(correct(text))
    if about_the_app(text) or reckon.asks(text):
        # "if I started a private group could others see my posts?", "how many km is 90
        # miles?": a question of the app, or a sum worked out; no clause of it is a request
        return [Piece(text, None)]
    pieces = _new_of_kind(_shared_place(_requests(text, today, recent_kind), text))
    pieces = _jobs_listed(_on_the_one_named(_acted_on(_verb_carried(pieces))), today)
    pieces = _expiry_to_its_item(_each_post(_each_done(pieces)))
    if any(taken := taken_back(text, [p.intent.tool if p.intent else None for p in pieces])):
        # "… and beans to the shopping list — no wait, just the pantry": one place kept
        pieces = [p for p, dropped in zip(pieces, taken, strict=True) if not dropped]
    if holds_back_unasked(text):
        pieces = [
            Piece(p.text, None) if p.intent and p.intent.tool in WRITES else p for p in pieces
        ]
    elif holds_back(text) or asks_bare(text):
        # "if I set a fuel budget of 800 would I be over? don't set it yet", "physio
        # thursday at 3?": what would be written is only asked about (a message asked by its
        # question mark alone, not a clause of one: "add eggs, best before the 20th?")
        pieces = [_read_only(p) for p in pieces]
    elif (
        any(p.intent for p in pieces)
        and (mood := mood_told(text))
        and (mood == "denied" or any(p.intent and p.intent.tool in _TOLD_DROPS for p in pieces))
    ):
        # "my mate reckons we should join X", "we'll probably fix the awning at some
        # stage": told, not asked to keep; "if we put a 400 cap on fuel would we be over":
        # what would be written is asked about
        # ("if we went darwin to alice how many hours would that be": a trip worked out,
        # which writes nothing, is what a supposition asks)
        drops = WRITES if mood == "supposed" else _TOLD_DROPS
        if mood in ("price", "past"):
            # ("my fuel budget is $800 a month" sets it: a price quoted keeps no act done)
            drops = REPORTS
        if mood == "denied":
            # ("no need to remind me about the rego, it's done": a job told done is kept)
            drops = _TOLD_DROPS - {"complete_task"}
            # ("don't post anything yet, I'm just drafting": the refused verb's words ask
            # for no reading either; a question beside the refusal still does)
            drops |= {
                p.intent.tool
                for p in pieces
                if p.intent and "?" not in p.text and not is_question(p.text)
            } - {"complete_task"}
        if mood == "supposed":
            pieces = [_read_only(p) for p in pieces]
        if _HOW_FAR.search(text):
            # ("was thinking maybe longreach next month, how far is that from here": a
            # distance asked is worked out, which writes nothing, whatever the plan's mood)
            drops = drops - {"plan_trip"}
        pieces = [Piece(p.text, None) if p.intent and p.intent.tool in drops else p for p in pieces]
    pieces = [
        Piece(p.text, None)
        if p.intent and p.intent.tool in REPORTS and len(pieces) > 1 and still_to_come(p.text)
        else p
        for p in pieces
    ]  # "spent 40 on fuel, the rest will be about 30": only the 40 is done
    if len(pieces) > 1:
        # "don't add the markets to the calendar, we're not going. the 20 parking fine has
        # to go in though": the clause said not to be made is refused, the other still asks
        pieces = [
            Piece(p.text, None)
            if p.intent and p.intent.tool in _TOLD_DROPS and mood_told(p.text) == "denied"
            else p
            for p in pieces
        ]
    if any(p.intent for p in pieces) and "?" not in text and not is_question(text):
        told = mood_told(text)
        if told == "others":
            # "our neighbours' caravan did 18 per 100 on the way up": someone else's figures,
            # told with no question, ask for none of ours either
            pieces = [Piece(p.text, None) for p in pieces]
        elif told in ("habit", "past"):
            # "in Japan we use LINE for the groups": a custom told reads nothing; a clause
            # that asks still does ("we usually camp near water, any free camps near X")
            pieces = [
                p if p.intent and asks_somewhere(p.text) else Piece(p.text, None) for p in pieces
            ]
    pieces = _trips_told_beside(_unpriced_beside(_urgent_reminders(pieces, today)))
    if signs_off(text):
        pieces = [p for p in pieces if p.intent is None or p.intent.tool != "plan_trip"]
    # "book me a flight to Perth friday": PAM cannot run the errand, so nothing is written
    return [Piece(p.text, None) if _errand_write(p) else p for p in pieces]


# What "new one:" makes after a row of a kind was dealt with: a job ticked off, then "new
# one: …" is a new job; an event, a new event.
_NEW_OF = {
    "complete_task": "add_task",
    "add_task": "add_task",
    "create_event": "create_event",
    "update_event": "create_event",
}


def _new_of_kind(pieces: list[Piece]) -> list[Piece]:
    """A labelled "new one: …" after a task or an event dealt with is one more of that kind,
    when the rules read no write of its own in it."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.intent is not None
            and (kind := _NEW_OF.get(prev.intent.tool))
            and _NEW_ONE.match(piece.text)
            and (piece.intent is None or piece.intent.tool not in WRITES)
        ):
            piece = Piece(piece.text, Candidate(kind, WEAK + 1))
        out.append(piece)
    return out


# A sentence that only shares what the one before saved: "Save X as a free camp, 4/5. Share
# it with the lot." — the place is saved shared; no post of its own ("share it with everyone"
# after a post's words stays that post's).
_SHARE_POINTER = re.compile(
    r"^\W*(?:(?:and|also|then|oh|please|pls|just)\s+)*(?:share|sharing)\s+(?:it|this|that"
    r"|the (?:spot|place|site|camp|one))\s+(?:with|to)\s+(?:everyone|everybody|all|the lot"
    r"|the community|others|other (?:travellers|travelers|campers|people)|the public)"
    r"(?:\s+(?:please|pls|too|as well|thanks))*\W*$",
    re.IGNORECASE,
)


def _shared_place(pieces: list[Piece], text: str) -> list[Piece]:
    """A share pointer right after a place saved belongs to that place (read as a post, or
    as nothing of its own and left out)."""
    pieces = list(pieces)
    for i, piece in enumerate(pieces):
        if piece.intent is None or piece.intent.tool != "save_place":
            continue
        at = text.find(piece.text)
        if at < 0:
            continue
        after = text[at + len(piece.text) :]
        nxt = _SENTENCE.split(after.strip(), maxsplit=1)[0] if after.strip() else ""
        said = any(nxt and nxt in p.text for p in pieces)
        if nxt and not said and _SHARE_POINTER.match(nxt):
            pieces[i] = Piece(f"{piece.text} {nxt}", piece.intent)
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.intent is not None
            and prev.intent.tool == "save_place"
            and piece.intent is not None
            and piece.intent.tool == "create_post"
            and _SHARE_POINTER.match(piece.text)
        ):
            out[-1] = Piece(f"{prev.text} {piece.text}", prev.intent)
            continue
        out.append(piece)
    return out


_HOW_FAR = re.compile(r"\bhow (?:far|long a drive|many (?:k|kms|km|kilometres|miles))\b", re.I)


# What asks for a trip to be worked out: a verb of planning, a route, a distance or a time,
# a question. Without any, going somewhere is news ("heading to Pak'nSave now", "my
# brother-in-law is doing the driving").
_TRIP_ASKED = re.compile(
    r"\?|\b(?:plan|planning|plot|map|route|directions|how far|how long|distance|get (?:from|to)"
    r"|trip|journey|kms?|kilometres?|kilometers?|miles|hours?|drive time|best way|via|leg|stop"
    # a wish to go, and a route said whole ("I want drive from Darwin to Alice on the 20th")
    r"|stops|want|wanna|would like|'d like)\b|\bfrom\s+[^,;.?!]{2,40}?\bto\b",
    re.IGNORECASE,
)


def _trips_told_beside(pieces: list[Piece]) -> list[Piece]:
    """Going somewhere told beside a request of another kind is the request's context
    ("what's on the shopping list, heading to the supermarket now"): no trip is asked for."""
    others = [p for p in pieces if p.intent and p.intent.tool != "plan_trip"]
    if not others:
        return pieces
    return [
        Piece(p.text, None)
        if p.intent and p.intent.tool == "plan_trip" and not _TRIP_ASKED.search(p.text)
        else p
        for p in pieces
    ]


# An amount and what it was for, right after a money request: that request again with its
# verb left out ("paid 42 for the showground and 31.80 for the pub feed": the feed is a meal)
_ELIDED_MONEY = re.compile(
    r"^\s*(?:and\s+)?\$?\d[\d,]*(?:\.\d+)?\s*(?:bucks|dollars)?\s+(?:for|on)\b", re.IGNORECASE
)
_MONEY_WRITES = frozenset({"add_expense", "add_income"})


def _each_done(pieces: list[Piece]) -> list[Piece]:
    """Jobs told done together are one completion each ("done the fridge and the rego")."""
    out: list[Piece] = []
    for piece in pieces:
        done = piece.intent is not None and piece.intent.tool == "complete_task"
        things = done_things(piece.text) if done else []
        out += [Piece(f"done {thing}", piece.intent) for thing in things] or [piece]
    return out


# Two people's posts given one like: "like geoffs post and jans too", "heart Sam's and
# Jo's posts".
_TWO_POSTS = re.compile(
    r"^(?P<verb>.*?\b(?:like|heart|upvote|thumbs up))\s+(?P<a>[a-z][\w-]*?'?s)"
    r"(?:\s+(?:post|one))?\s*(?:,|and|&|\+)\s*(?P<b>[a-z][\w-]*?'?s)(?:\s+(?:posts?|ones?))?"
    r"(?:\s+(?:too|as well|also|please|pls))*\W*$",
    re.IGNORECASE,
)


def _each_post(pieces: list[Piece]) -> list[Piece]:
    """A like given to two people's posts in one clause is one like each."""
    out: list[Piece] = []
    for piece in pieces:
        m = (
            _TWO_POSTS.match(piece.text)
            if piece.intent and piece.intent.tool == "like_post"
            else None
        )
        if m is None:
            out.append(piece)
            continue
        out += [Piece(f"{m['verb']} {who} post", piece.intent) for who in (m["a"], m["b"])]
    return out


def _verb_carried(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        before = out[-1].intent if out else None
        if (
            before is not None
            and before.tool in _MONEY_WRITES
            and piece.intent is not None
            and piece.intent.tool != before.tool
            and _ELIDED_MONEY.match(piece.text)
        ):
            piece = Piece(piece.text, Candidate(before.tool, piece.intent.score))
        out.append(piece)
    return out


# An act said of a pronoun alone: "mark it done", "tick that off", "delete it", "cancel them".
_ACT_ON_IT = re.compile(
    r"^\W*(?:(?:and|so|then|pls|please|just|now|ok)\s+)*(?:can you\s+|could you\s+)?"
    r"(?:(?:mark|tick|cross|check|strike)\s+(?:it|that|this|them|'?em)\s+(?:off|done|as done"
    r"|complete|completed|finished)|(?:delete|remove|cancel|scrap|bin|ditch)\s+(?:it|that|this"
    r"|them|'?em))\W*(?:please|pls|thanks|ta|cheers)?\W*$",
    re.IGNORECASE,
)
_ACTS_ON_A_ROW = frozenset({"complete_task", "delete_event", "delete_expense"})


def _on_the_one_named(pieces: list[Piece]) -> list[Piece]:
    """An act said of a pronoun acts on the row the clause before names: "I did the ring
    Mum job yesterday, mark it done" completes that job (the clause before told it, it asks
    for no new task; a clause that asks for its own row keeps it)."""
    out: list[Piece] = []
    for piece in pieces:
        before = out[-1].intent if out else None
        tool = piece.intent.tool if piece.intent else None
        if (
            tool in _ACTS_ON_A_ROW
            and before is not None
            and before.tool in WRITES - _ACTS_ON_A_ROW - ACTS_ON_ROWS
            and not told_to(out[-1].text)  # ("add milk and mark it done" asks for both)
            and _ACT_ON_IT.match(piece.text)
        ):
            out[-1] = Piece(f"{out[-1].text}, {piece.text}", piece.intent)
            continue
        out.append(piece)
    return out


def _acted_on(pieces: list[Piece]) -> list[Piece]:
    """A clause that only points back at the kept row the clause before changed or took
    away is part of that request ("the 38.50 for lunch is wrong, it was 42"; "the dentist on
    thursday is at 3 now, fix that"), not a request of its own."""
    out: list[Piece] = []
    for piece in pieces:
        tool = piece.intent.tool if piece.intent else None
        if tool in ACT_REPLACES | UNKEPT_REPLACES and unkept(piece.text):
            piece = Piece(piece.text, None)  # no tool takes it away: general says so
        elif tool in ACT_REPLACES and (act := act_on_row(piece.text, tool)) and act != tool:
            # read by another path than the clause's rules (an edit of the whole message)
            piece = Piece(piece.text, Candidate(act, piece.intent.score if piece.intent else 8))
        before = out[-1].intent if out else None
        if (
            before is not None
            and before.tool in ROW_ACTS
            and (piece.intent is None or piece.intent.tool in ACT_REPLACES)
            and points_back(piece.text)
        ):
            out[-1] = Piece(f"{out[-1].text}, {piece.text}", before)
            continue
        out.append(piece)
    return out


# What a message told, not asked, does not ask for: a write, or a trip to plan ("we tend to
# spend forty a day on tucker when we're travelling").
_TOLD_DROPS = WRITES | {"plan_trip"}


_REMINDED = re.compile(r"\bremind (?:me|us)\b", re.I)


def _urgent_reminders(pieces: list[Piece], today: date) -> list[Piece]:
    """ "Remind me to pay the rego thursday, high priority": how urgent is said only of a job
    (an event has no priority), so a reminder on a day with no time and its priority in the
    next clause is a task due that day (with the priority in its own words, `intents`)."""
    out: list[Piece] = []
    for piece in pieces:
        before = out[-1] if out else None
        if (
            before is not None
            and before.intent is not None
            and before.intent.tool == "create_event"
            and _REMINDED.search(before.text)
            and find_time(before.text) is None
            and find_day(before.text, today, future=True) is not None
            and _DETAIL_OF["add_task"].match(piece.text.strip())
        ):
            out[-1] = Piece(
                f"{before.text}, {piece.text}", Candidate("add_task", before.intent.score)
            )
            continue
        out.append(piece)
    return out


# A whole number right before what was bought counts things ("24 eggs", "3 loaves"), no price.
_COUNTED = re.compile(
    r"\s+(?!(?:for|on|at|in|bucks|dollars|quid|each|all|total|today)\b)[a-z]", re.I
)


_PAID = re.compile(r"\b(?:paid|pay|spent|spend|cost|costs|forked out|shelled out|deposit)\b", re.I)


def _money_said(text: str) -> bool:
    """Whether `text` says how much money ("paid the 95 deposit", "22.80 takeaway"), not only
    how many things ("bought 24 eggs")."""
    if best_amount(text) is not None or _PAID.search(text):
        return True
    loose = best_amount(text, loose=True)
    if loose is None:
        return False
    figure = text[loose.start : loose.end]
    return bool(re.search(r"[.,$£€]", figure)) or not _COUNTED.match(text, loose.end)


def _unpriced_beside(pieces: list[Piece]) -> list[Piece]:
    """A purchase told with no money said, beside another write, is the scene of that write
    ("just bought 2 dozen eggs, put them in the pantry"), not a second request (alone it is
    one, and PAM asks how much; "log groceries and …" asks to keep it)."""
    writes = [p for p in pieces if p.intent and p.intent.tool in WRITES]
    if len(writes) < 2:
        return pieces
    return [
        Piece(p.text, None)
        if p.intent
        and p.intent.tool == "add_expense"
        and not _money_said(p.text)
        and not told_to_keep(p.text)
        and any(w.intent and w.intent.tool != "add_expense" for w in writes)
        else p
        for p in pieces
    ]


def _errand_write(piece: Piece) -> bool:
    """A write, or a trip to plan ("book us flights from Perth to Bali"), read from an
    errand: the errand is the request, and PAM cannot run it."""
    tool = piece.intent.tool if piece.intent else None
    return tool is not None and (tool in WRITES or tool == "plan_trip") and errand(piece.text)


def _read_only(piece: Piece) -> Piece:
    intent = piece.intent
    if intent is None or intent.tool not in WRITES:
        return piece
    read = READ_OF.get(intent.tool)
    return Piece(piece.text, Candidate(read, intent.score) if read else None)


# "how do I add our rig? it's a 2015 Land Cruiser, diesel, we call her Bessie": asking how
# to keep a row, then giving its values, asks for it kept (alone, "how do I add a vehicle?"
# is a question). Read as the request itself, its values after it.
_HOW_TO = re.compile(
    r"^\W*(?:(?:hi|hey|hello|g'?day|morning|ok|okay|so|um|pam)\b[\s,!.]*)*"
    r"(?:how (?:do|can|should|would|will) (?:i|we)(?: go about)?|how to|can (?:i|we)"
    r"|is (?:it|there a way) (?:possible )?to)\s+"
    r"(?P<ask>(?:add|log|save|enter|record|put in|set up|create|book|make|keep|track)"
    r"\s+[^?]{1,60}?)"
    r"\s*\?+\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_VALUES_GIVEN = re.compile(
    r"\d|\b(?:it'?s|its|it is|they'?re|called|named|we call|her name|his name|name'?s)\b",
    re.IGNORECASE,
)


def _how_to_with_values(text: str) -> str:
    m = _HOW_TO.match(text)
    if m is None or not _VALUES_GIVEN.search(m["rest"]) or "?" in m["rest"]:
        return text
    return f"{m['ask']}, {m['rest']}"


# What money just told does to the month: "… . Where does that leave us?", "How's that leave
# me for the week, net?" — a question of its own after the money is kept.
_LEAVES_US = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|right)\s+)?(?:how|where)(?:'s| does| do| did| is| would)"
    r" (?:that|this|it|all that) leave (?:us|me)\b",
    re.IGNORECASE,
)


# A job named by its priority before what it is: "Low priority one, no rush. Look into …",
# "top priority job: ring the insurer" (a priority is said only of a job to do). The words
# after the head are the job, said as a command, not a question or a story.
_PRIORITY_HEAD = re.compile(
    r"^\W*(?:(?:ok|okay|and|also|right|new|next)\b[\s,]*)*(?:a |an |another )?(?P<level>low|lowish"
    r"|high|top|medium|urgent)[- ]priority (?:one|job|task|thing|item|to-?do)"
    r"(?:[,;]?\s*(?:no rush|no hurry|not urgent|when(?:ever)? you can|whenever|asap|please|pls"
    r"|for the list|for the to-?do list))*\s*(?:[.:;!]|\s[-–—])\s+(?P<job>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_NOT_COMMANDED = re.compile(
    r"(?:what|how|when|where|which|who|why|is|are|was|were|do|does|did|can|could|would|will|i|we"
    r"|you|it|they|he|she|the|my|our|that|this)\b",
    re.IGNORECASE,
)


def _money_then_standing(
    sentences: list[str], today: date, recent_kind: str | None
) -> list[Piece] | None:
    """Money told in the sentences before a last one asking where that leaves us: the money
    kept, then the question read on its own (both, not the question swallowing the money)."""
    last = sentences[-1]
    if not _LEAVES_US.match(last):
        return None
    told = _split(" ".join(sentences[:-1]), today, recent_kind)
    asked = _split(last, today, recent_kind)
    if not any(p.intent and p.intent.tool in _MONEY_WRITES for p in told):
        return None
    if not any(p.intent for p in asked):
        return None
    return [p for p in told if p.intent] + asked


def _job_after_its_priority(text: str) -> str | None:
    head = _PRIORITY_HEAD.match(text)
    if not head or _NOT_COMMANDED.match(head["job"]) or "?" in head["job"]:
        return None
    job = head["job"].strip().rstrip(".!")
    level = "low" if head["level"].lower() == "lowish" else head["level"].lower()
    return f"add a task: {job}, {level} priority"


# A command made on the answer to the question before it: "Any posts about X? If so, like
# the newest", "if yes, comment on it: …", "if there is one, save it" (the command is
# asked; whether it can be done is for the tools to find).
_IF_SO = re.compile(
    r"^\s*(?:and |then )?if (?:so|yes|there (?:is|are)(?: one| any| some)?|they (?:have|did)"
    r"|it (?:is|does)|you find (?:one|it|any))\b[,:]?\s*(?:then\s+)?",
    re.IGNORECASE,
)


def _requests(text: str, today: date, recent_kind: str | None = None) -> list[Piece]:
    """The message's requests in order; text without a request joins its neighbour. In a
    message of several sentences where some are addressed to PAM, the others are context:
    the words a pointing request means ("…, thirty-four ninety-five. Could you put it in
    under gas?"), else requests only when they stand alone (STANDALONE)."""
    text = _how_to_with_values(text)
    listed = _expense_list(text) or _task_list(text) or _line_list(text, today, recent_kind)
    if listed := listed or _pasted_list(text, today, recent_kind):
        return listed
    if at_words_before := _pointed_at(text, today, recent_kind):
        return at_words_before
    text = _after_story(text)
    if job := _job_after_its_priority(text):
        text = job  # "low priority one, no rush. look into …": the job, with its priority
    sentences = [s for s in islice(_SENTENCE.split(text), MAX_CLAUSES) if s.strip()]
    if len(sentences) < 2 or len(sentences) >= MAX_CLAUSES:
        return _split(text, today, recent_kind)
    if told_then_asked := _money_then_standing(sentences, today, recent_kind):
        return told_then_asked
    # a command is addressed after another sentence ("did that work? like it again"); a
    # first sentence that commands keeps the sentences after it as its details ("save X
    # as a mechanic, they were quick. 4 stars")
    asked_before = _addressed(sentences[0])
    asked = [
        # ("any trips booked? and what's the forecast for X": a question after one asks too)
        (
            _addressed(s)
            or (
                i > 0
                and (
                    bool(_IMPERATIVE.match(_IF_SO.sub("", s)) or _FIELD_ONLY.match(s))
                    or _asks_after(s, asked_before)
                )
            )
        )
        and not _DETAIL.match(s)
        for i, s in enumerate(sentences)
    ]
    # "Log 40 for fuel. And can you add milk?": a first sentence that commands is a request
    # of its own when a later one is addressed too (it keeps the sentences after it as its
    # details only when none is)
    first = not asked[0] and any(asked[1:]) and _commands_first(sentences[0], today, recent_kind)
    if all(asked) and all(_addressed(s) for s in sentences):
        # "I need you to remember X. And can I get you to put Y on for Saturday?": each
        # sentence addressed to PAM asks on its own, when each holds a request
        each = [_split(s, today, recent_kind) for s in sentences]
        each = [
            own if any(p.intent for p in own) or not _NEW_ONE.match(s) else [Piece(s, None)]
            for s, own in zip(sentences, each, strict=True)
        ]
        flat = _new_of_kind([p for own in each for p in own])
        if all(p.intent for p in flat) and len(flat) >= len(sentences):
            return flat
    if not any(asked) or all(asked):
        return _split(text, today, recent_kind)
    pieces: list[Piece] = []
    context: list[str] = []
    talk = False  # a sentence asks PAM for what only talk gives ("could you recommend a novel?")
    for sentence, addressed in zip(sentences, asked, strict=True):
        if first and sentence is sentences[0]:
            pieces += _split(sentence, today, recent_kind)
            continue
        if pieces and not context and (detail := _DETAIL.match(sentence)):
            # "… to-do list? Make it high priority, …": a detail of that request, read as
            # "…, high priority" (the rest of the sentence is the user's reason)
            said = re.split(r"[,;]\s|\s[-–—]\s", sentence[detail.end() :])[0]
            said = re.sub(r"\s*\b(?:please|pls|thanks)\b|[.!?]+$", "", said.strip(), flags=re.I)
            last = pieces[-1]
            pieces[-1] = Piece(f"{last.text.rstrip(' ?.!')}, {said}", last.intent)
            continue
        before = pieces[-1] if pieces else None
        money = before is not None and before.intent is not None and before.intent.tool in MONEY
        if (
            before
            and money
            and not addressed
            and not context
            and (_only_when(sentence, today) or currency_named(sentence))
        ):
            # "Log 1200 from the harvest. We were paid Friday.": the day of that money;
            # "… this was australian dollars": its currency
            pieces[-1] = Piece(f"{before.text.rstrip(' .!')}, {sentence}", before.intent)
            continue
        if (
            not addressed
            and before is not None
            and before.intent is not None
            and (own_detail := _DETAIL_OF.get(before.intent.tool))
            and own_detail.match(sentence.strip())
        ):
            # "… add a task to get it looked at on Monday? Fairly urgent.": its priority
            pieces[-1] = Piece(f"{before.text.rstrip(' ?.!')}, {sentence}", before.intent)
            continue
        if (
            not addressed
            and not context
            and before is not None
            and before.intent is not None
            and before.intent.tool == "save_place"
            and _THIS_SPOT.search(before.text)
            and place_kind(sentence) is not None
        ):
            # "save this spot? Free camp at Lake Moogerah, 4 stars": the spot pointed at is
            # told in the sentence after
            pieces[-1] = Piece(f"{before.text} {sentence}", before.intent)
            continue
        if (
            not addressed
            and not context
            and before is not None
            and before.intent is not None
            and _TAKES_BACK.match(sentence)
        ):
            # "add the camper - 2019 Jayco? No wait, the ute I mean, …": the request put
            # right, read whole (repairs.py puts the later values over the earlier)
            pieces[-1] = Piece(f"{before.text} {sentence}", before.intent)
            continue
        if (
            not addressed
            and not context
            and before is not None
            and before.intent is not None
            and before.intent.tool in DETAILED
            and not re.search(r"\d", before.text)
            and (same := classify(sentence, today, recent_kind)) is not None
            and same.tool == before.intent.tool
        ):
            # "Could you log a service for the van? Oil and filter today, 84,200 km, £180.":
            # a request with no values, then its values in a sentence of their own
            pieces[-1] = Piece(f"{before.text.rstrip(' ?.!')}, {sentence}", before.intent)
            continue
        if not addressed:
            context.append(sentence)
            continue
        own = _split(sentence, today, recent_kind)
        talk = talk or talk_only(sentence)
        if (
            context
            and own
            and (
                _POINTS.search(own[0].text)
                or _FIELD_ONLY.match(own[0].text)
                # ("Ferry at 9 Saturday. Remind me the night before.": a reminder of
                # nothing named is of the thing told before it)
                or REMINDER_DETAIL.match(own[0].text)
                or _told_before(context, own[0], today, recent_kind)
            )
        ):
            whole = " ".join([*context, own[0].text])
            pointed = _pointed(own[0], whole, today, recent_kind)
            # "Save this camp, …. And tell everyone about it": a command of another domain
            # in the sentences before stays a request of its own
            pieces += [
                p
                for s in context
                if _IMPERATIVE.match(s)
                for p in _split(s, today, recent_kind)
                if p.intent
                and pointed
                and p.intent.score >= STRONG
                and DOMAIN[p.intent.tool] != DOMAIN[pointed.tool]
            ]
            pieces.append(Piece(whole, pointed))
            pieces += own[1:]
        else:
            pieces += _standalone(context, today, recent_kind) + own
        context = []
    pieces = _new_of_kind(pieces + _standalone(context, today, recent_kind))
    if talk:  # the story around such a question is its context, not a request
        return [p for p in pieces if p.intent]
    return [p for p in pieces if p.intent] or _split(text, today, recent_kind)


def told_requests(text: str, today: date) -> list[Piece]:
    """The requests of `text` as its clauses read, before the mood of the whole message is
    weighed ("my sister has a doctors appt tuesday" reads an event that, told of someone
    else, is kept only when asked for after: held_back.py)."""
    return _requests(_unletter(correct(text)), today)


# Requests of one thing described in full, whose values the sentences before may give.
TAKES_CONTEXT = {"update_profile", "add_vehicle", "save_place"}


def _told_before(context: list[str], own: Piece, today: date, recent_kind: str | None) -> bool:
    """Whether the context already asked for the same thing the addressed sentence asks:
    "My wife wants everything in miles. Could you change my units over?" (the value is
    in the sentence before)."""
    tool = own.intent.tool if own.intent else None
    if tool not in TAKES_CONTEXT:
        return False
    return any((c := classify(s, today, recent_kind)) and c.tool == tool for s in context)


def _pointed(own: Piece, whole: str, today: date, recent_kind: str | None) -> Candidate | None:
    """The request of a clause that points at the sentences before it: the rules on the
    whole when they are surer than on the clause alone ("a free camp … could you save it
    and share it?" saves a place), unless not explicit and the classifier gives their pick
    almost no chance (the context's words in another sense: "called off because of the
    wind"); else the clause's own; else the classifier on the whole."""
    if talk_only(own.text):
        return None  # "… drove 9 hours today. Is that normal?" asks no tool
    rules = classify(whole, today, recent_kind)
    if rules and rules.tool in MONEY and own.intent and filed_under(own.text):
        return rules  # "spent 120 on a hose for the van. put it under repairs": that money
    trusted = rules and (rules.score >= EXPLICIT or probability(whole, rules.tool) > DOUBT)
    if rules and trusted and (own.intent is None or rules.score > own.intent.score):
        return rules
    if own.intent:
        return own.intent
    found = guess(whole)
    if found.tool and found.probability >= RESCUE:
        # "have we bought X yet?" reads; "can you post … ? is that ok to share?" asks
        asked, tool = (False, None) if asks_to_do(whole) else answer_to_question(whole, found.tool)
        kept = tool if asked else found.tool
        return Candidate(kept, WEAK) if kept else None
    return rules


# Money noted tersely: a figure first, then what it went on ("64 on diesel", "$12 for pies").
_TERSE = re.compile(
    r"^\W*(?:(?:and|also|oh|so|ok|right|plus)\s+)*[$£€]?\d[\d,]*(?:\.\d\d)?\s*"
    r"(?:dollars|bucks|quid)?\s+(?:on|for)\s+[a-z]",
    re.I,
)


# A reading asked by its name alone, a sentence with no verb: "Weather for Exmouth, next 3
# days.", "Free camps near Broome." (beside a sentence addressed to PAM, still asked).
_TERSE_READ = re.compile(
    r"^\W*(?:(?:the|a|any|some)\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s+(?:for|in|at|near|around"
    r"|on)\s+(?!.*\b(?:was|were|is|are|had|has|have|did|got|went|been|will|would)\b)",
    re.IGNORECASE,
)


def _standalone(context: list[str], today: date, recent_kind: str | None) -> list[Piece]:
    out = []
    for sentence in context:
        for piece in _split(sentence, today, recent_kind):
            intent = piece.intent
            if (
                intent is not None
                and intent.tool not in WRITES
                and intent.tool != "plan_trip"
                and intent.score >= 8
                and _TERSE_READ.match(piece.text)
            ):
                out.append(piece)  # "Weather for Exmouth, next 3 days.": asked by its name
                continue
            if intent is None or intent.tool not in STANDALONE:
                continue
            # ("64 on diesel at Taree this morning, and would you …": money noted tersely, a
            # figure then what it went on, is a purchase told to keep)
            terse = intent.tool == "add_expense" and bool(_TERSE.match(piece.text))
            if intent.score < 7 and not terse:
                continue
            # with its value: an amount, litres, an odometer, pressures ("trying to get
            # the van serviced" is a plan, no work done)
            if re.search(r"\d", piece.text) and (terse or _complete(intent.tool, piece.text)):
                out.append(piece)
    return out


def _sure_of(chunk: str) -> Candidate | None:
    """A clause no rule reads, as the classifier reads it when near certain ("we're from
    the UK so miles please, and remember we're vegetarian" is two requests)."""
    found = guess(chunk)
    if found.tool is None or found.probability < SURE or len(chunk.split()) < 3:
        return None
    if other_sense(found.tool, chunk) or talk_only(chunk):
        return None  # "…, the weather is too bad": a reason, not a request
    if scene(chunk).strip() == chunk.strip():
        return None  # "now that we're in, …": the scene for the request after it
    if unreal_act(chunk, found.tool):
        return None  # "we never did get the gas bottle": nothing done to keep
    if not can_be(chunk, found.tool):
        return None  # "break down the fuel bit for me": no money in it to keep
    # "have we bought a new ute yet?" reads; "… ? is that ok to share?" after a post asked
    # for is about that post, not the feed
    asked, tool = answer_to_question(chunk, found.tool)
    if asked and found.tool not in GREEDY:
        return Candidate(tool, WEAK) if tool else None
    return Candidate(found.tool, WEAK)


# A reading asked beside another in one message: "list my vans and the last tyre
# pressures" (the verb of the first carried to the bare noun phrase of the second), "how
# much diesel have we gone through and are we over budget" (a question of its own that no
# rule reads). Only a reading is taken this way, never a write: a reading keeps nothing.
_SHOW_VERB = re.compile(
    r"^\s*(?:(?:and|also|then|so|ok|okay|now|please|pls|can you|could you|would you)\s+)*"
    r"(?P<verb>(?:list|show|give|pull up|bring up|read out|tell)(?:\s+(?:me|us))?"
    r"|what(?:'s| is| are|s)|whats)\b",
    re.IGNORECASE,
)
_NOUN_PHRASE = re.compile(
    r"^\s*(?:and\s+|also\s+|plus\s+)?(?:(?:the|my|our|all|any|all the|all my|all our|both)\s+)?"
    r"(?:(?:last|latest|recent|current|upcoming|saved|other)\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}"
    r"\s*[?.!]*$",
    re.IGNORECASE,
)
_QUESTION_OPEN = re.compile(
    r"^\s*(?:(?:and|also|so|oh)\s+)*(?:how (?:much|many|far|long)|what|what's|whats|which"
    r"|when|where|(?:how )?(?:are|is|have|has|did|do|does|were|was) (?:we|i|my|our|the)\b)",
    re.IGNORECASE,
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|have|has|had|do|does|did|can|will|add|log|put|set|save|get"
    r"|got|spent|paid|bought|went|need|want)\b",
    re.IGNORECASE,
)
_TO_DO = re.compile(r"\bto[- ]do\b", re.IGNORECASE)
_LEAD_AND = re.compile(r"^\s*(?:and|also|plus)\s+", re.IGNORECASE)
SURE_READING = 0.5  # the classifier this sure of a reading beside another makes it one


_Segment = tuple[int, int, Candidate | None, Candidate | None]


def segments_text(text: str, segments: list[_Segment]) -> str | None:
    """The words of the clause before, when it asked for a reading; else None."""
    if not segments:
        return ""
    s0, e0, prev, _forced = segments[-1]
    if prev is None:
        return None
    return text[s0:e0] if prev.tool not in WRITES and prev.tool not in ("plan_trip",) else None


def _read_beside(chunk: str, before: str | None, whole: str, after: str) -> Candidate | None:
    """The reading a clause no rule reads asks for, beside a reading or first in a message:
    a question of its own, or a bare noun phrase after a reading's verb ("show me X and
    Y")."""
    if before is None:
        return None
    said = chunk.strip()
    probe = ""
    if before and (verb := _SHOW_VERB.match(before)) and _NOUN_PHRASE.match(said):
        if not _VERBISH.search(_TO_DO.sub(" ", said)):  # ("my to do list" names a list)
            probe = f"{verb['verb']} {_LEAD_AND.sub('', said)}"
    elif _QUESTION_OPEN.match(said) and len(said.split()) >= 3 and _QUESTION_OPEN.match(after):
        probe = said  # a question beside a question of its own ("… and are we over budget")
    if not probe or talk_only(probe):
        return None
    dated = find_day(said, _ANY_DAY, future=False) or find_range(said, _ANY_DAY)
    if len(said.split()) <= 3 and dated:
        return None  # ("… for monday and tuesday": a day of the reading before)
    if before and find_range(f"{before} and {said}", _ANY_DAY) != find_range(before, _ANY_DAY):
        return None  # ("… between christmas and new year": the end of the span before)
    rules = classify(probe, _ANY_DAY)
    tool = rules.tool if rules is not None else None
    if tool is None:
        found = guess(probe)
        if found.probability >= SURE_READING and not other_sense(found.tool or "", probe):
            tool = found.tool
    if tool is None or tool in WRITES or tool == "plan_trip":
        return None
    # ("how much on petrol this month and how many litres?": the fuel's figures, one request)
    return Candidate(fuel_figures(whole, tool) or tool, WEAK)


_ANY_DAY = date(2026, 1, 1)  # (a reading's tool does not hang on the day)


# A clause that asks how things stand after a write asks for the status of what was written.
_HOW_IT_STANDS = re.compile(
    r"^(?:and |so )?(?:how'?s|how is|how are|how am|where do|where does) (?:it|that|things|we|i"
    r"|the budget)(?:'re)? (?:looking|going|tracking|travelling|stand(?:ing)?)\b"
    # told as an indirect question: "show me how i go this month", "tell us how we're tracking"
    r"|^(?:and |so )?(?:show|tell|let) (?:me|us)(?: know)? how (?:i|we|it|things|the budget)"
    r"(?:'m|'re|'s| am| are| is)? (?:go|goes|going|track|tracks|tracking|look|looks|looking"
    r"|stand|stands|standing)\b",
    re.IGNORECASE,
)
_THAT_ONE = re.compile(r"\b(?:that|this) (?:one|group|place|spot|event|post)\b", re.IGNORECASE)
_STATUS_OF = {"set_budget": "budget_status", "add_expense": "budget_status"}
# Requests a terse list makes once per item: "groceries $48.20 coles; camp fee 35 yday",
# "income 850 cleaning; 120 markets sat", "budget: groceries 600/mth + fuel 900 @ 90%".
LISTED = {"add_expense", "add_income", "set_budget"}
_HARD_BREAK = re.compile(r"[;\n]|\s\+\s")
# "…, all today", "both yesterday": the day of every item before it.
_ALL_ITEMS = re.compile(r"^\s*(?:all|both|each|the lot|all of (?:them|those|it))\b\s*", re.I)


# A figure said as a price, not a count: with money's marks, after a word of paying ("on",
# "for", "cost"), before "on"/"for" ("25 on bait"), or last after the thing ("muffin 4.80").
_PRICED = re.compile(
    r"[$£€]\s?\d|\d\.\d\d?\b|\b\d+(?:\.\d+)?\s*(?:dollars?|bucks|quid)\b"
    r"|\b(?:for|on|cost|costs|costing|was|paid|spent|spend|received|got|earned|made)"
    r"\s+\$?\d+(?:\.\d+)?\b"
    r"(?!\s*(?!(?:on|at|for|in|from|to|and)\b)[a-z])"  # ("for 2 coffees" counts them)
    r"|^\s*\d+(?:\.\d+)?\s+(?:on|for|at|from)\b|[a-z]\s+\d+(?:\.\d+)?\s*$",
    re.IGNORECASE,
)


def _next_list_item(
    prev: Candidate | None, intent: Candidate | None, sep: str, before: str, chunk: str
) -> bool:
    """After a hard break (a semicolon, a new line, a "+"), a clause with a figure of its own
    and no request word of its own is the next item of the request before it, when that
    one has its figure too; after "and" or a comma, when both figures are said as prices
    ("spent 60 on diesel and 25 on bait", "coffee 5.5 and muffin 4.8")."""
    hard = bool(_HARD_BREAK.search(sep))
    priced = bool(_PRICED.search(before.strip()) and _PRICED.search(chunk.strip()))
    # after a hard break, a rule's guess from the item's words alone ("120 markets sat"
    # sounds like an event) gives way, not money of the other kind ("…, spent $62 on …")
    guessed = (
        hard
        and intent is not None
        and intent.score < STRONG
        and (intent.tool not in LISTED or intent.score <= WEAK)
    )
    return (
        prev is not None
        and prev.tool in LISTED
        and (hard or priced)
        and (intent is None or intent.tool == prev.tool or guessed)
        and find_time(chunk) is None  # nor a clock time of its own
        and not _TOTAL.search(chunk)
        and best_amount(chunk, loose=True) is not None
        and best_amount(before, loose=True) is not None
        and not _share_of_before(prev, chunk)
    )


def _share_of_before(prev: Candidate, chunk: str) -> bool:
    """ "…, my half is 60": the user's share of the purchase before, no item of its own."""
    return prev.tool == "add_expense" and bool(_DETAIL_OF["add_expense"].match(chunk.strip()))


# A clause that gives only values after a LISTED request (above): what `_next_list_item`
# leaves, a value glued to its unit before ("200/mth") or a budget's category with its limit.
_PRICE = re.compile(
    r"(?<![\w.,/:])(?:\d[\d,]*\.\d\d|[1-9]\d[\d,]*|[5-9])\b"
    r"(?!\s*(?:%|(?:percent|per cent|pc|litres?|liters?|l|kg|kgs|g|ml|km|kms|psi|kpa|am|pm|x"
    r"|kwh|hrs?|hours?|mins?|minutes?|days?|nights?|weeks?|months?|years?|people|kids|adults|times|dozen|of)\b))",
    re.I,
)


_WHAT_THEN_PRICE = re.compile(r"^[a-z][a-z' &-]{2,30}\s+\$?\d", re.I)  # "laundromat 12"


def _repeated_request(
    prev: Candidate, intent: Candidate | None, before: str, chunk: str
) -> Candidate | None:
    """The request before, again, for a clause that gives only its values: a price and
    what it was for or from, no verb and no request of another kind of its own ("camp fee
    35 yday" after an expense, "120 markets sat" after an income, "fuel 900 @ 90%" after a
    budget). The clause before must have its own value, else the two are one purchase
    ("bought coffee, cake for $12")."""
    if prev.tool not in LISTED or not _PRICE.search(chunk) or not _PRICE.search(before):
        return None
    if _share_of_before(prev, chunk):
        return None
    said = chunk.strip()
    if _ASKS.match(said) or _IMPERATIVE.match(said) or "?" in said or _TOTAL.search(said):
        return None  # ("…, stayed 3 nights so 90 all up": the total of the same)
    if intent is not None and intent.tool not in MONEY:
        return None
    if intent is not None and intent.score > WEAK:
        return None
    if intent is not None and intent.tool == prev.tool and prev.tool != "add_expense":
        return None
    if intent is None and prev.tool == "add_expense" and not _WHAT_THEN_PRICE.match(said):
        return None  # a count of things ("6 eggs") after a purchase is part of it
    if prev.tool == "set_budget" and not category_of(chunk):
        return None  # "…, warn me at 90": a detail of the budget, not another
    return Candidate(prev.tool, WEAK)


# A single quote that opens (at a word's start: "Shaz's" has none), and one that closes
# (not followed by a letter).
_OPENS = re.compile(r"(?:(?<=^)|(?<=[\s:(]))['‘](?=\w)")
_CLOSES = re.compile(r"(?<=[\w.!?,])['’](?!\w)")


def _in_quotes(before: str) -> bool:
    """Whether `before`, a message up to a clause, leaves a quotation open."""
    if _words_open(before.replace(":", "")):
        return True  # double quotes
    opened = None
    for m in _OPENS.finditer(before):
        opened = m
    return opened is not None and _CLOSES.search(before, opened.end()) is None


# Two people's names joined by "and" ("Tom and Linda", "Bev and Ray"): the capitals of a
# proper name on both sides (not "I", nor a capital that opens a sentence).
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?!I\b)[A-Z][a-z]+\s*$")
_NAME_AFTER = re.compile(r"^(?!I\b)[A-Z][a-z]+\b")


# Days joined by "and" ("Friday 3 and Saturday 4 September", "the 9th and 10th"): one
# span of days, no second request.
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DAY_BEFORE = re.compile(
    rf"\b(?:{_WEEKDAY}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th))"
    r"\s*$",
    re.I,
)
_DAY_AFTER = re.compile(
    rf"^\s*(?:{_WEEKDAY}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b"
    rf"|\d{{1,2}}\s+(?:of\s+)?{_MONTH}\b)",
    re.I,
)


def _days_joined(text: str, sep: re.Match[str]) -> bool:
    if sep[0].strip(" ,").lower() not in ("and", "&"):
        return False
    before = text[max(0, sep.start() - 30) : sep.start()]
    return bool(_DAY_BEFORE.search(before) and _DAY_AFTER.match(text[sep.end() :]))


def _names_joined(text: str, sep: re.Match[str]) -> bool:
    if sep[0].strip(" ,").lower() != "and":
        return False
    before = text[max(0, sep.start() - 30) : sep.start()]
    return bool(_NAME_BEFORE.search(before) and _NAME_AFTER.match(text[sep.end() :]))


# Things joined by "and" before the place they go ("add flour and sugar to the shopping
# list", "put tape and glue on the jobs list"): the words after "and" are more things, no
# verb of their own, ended by where they all go; the words before open with a verb of
# putting and name no place yet.
_PUT_OPEN = re.compile(
    r"(?:^|[,;:.!?]\s*|\b(?:and|also|then|plus)\s+)(?:(?:please|pls|can you|could you|would you"
    r"|also|and|oh)\s+)*(?:add|put|pop|stick|chuck|bung|whack|throw|slap|jot)\s+(?P<things>[^,;.!?]*)$",
    re.I,
)
_THINGS_THEN_PLACE = re.compile(
    r"^(?:(?:some|more|a|an|the|\d+)\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}\s+"
    r"(?:to|on|onto|in|into) (?:the |my |our )?(?:(?:\w+ )?list|pantry|cupboard|fridge|freezer"
    r"|calendar|diary|tasks|to-?dos?)\b",
    re.I,
)
_PLACE_WORDS = re.compile(r"\b(?:to|on|onto|in|into) (?:the|my|our)\b", re.I)


def _items_joined(text: str, sep: re.Match[str]) -> bool:
    if sep[0].strip(" ,").lower() != "and":
        return False
    opened = _PUT_OPEN.search(text[max(0, sep.start() - 60) : sep.start()])
    if opened is None or _PLACE_WORDS.search(opened["things"]):
        return False
    after = text[sep.end() :]
    things = _THINGS_THEN_PLACE.match(after)
    return things is not None and not _VERBISH.search(things[0])


# A message that says which list, cupboard or calendar its things go on: its clauses are
# read by its own words, not the kind of the turn before ("chuck bread, milk and tomatoes on
# the shopping list" after the pantry was shown is one shopping request, not "chuck bread,
# milk" for the pantry).
_NAMES_ITS_LIST = re.compile(
    # (a bare "my list" is the list just talked about: "what else is on my list?")
    r"\b(?:to|in|into|on|onto) (?:the |my |our )?(?:(?:shopping|grocery|groceries|supplies"
    r"|to-?do|todo|jobs?|tasks?) list|pantry|cupboard|fridge|freezer|calendar|diary)\b",
    re.I,
)


def _unpriced_last(
    text: str, bounds: list[int], i: int, s0: int, e0: int
) -> tuple[int, int] | None:
    """Where the request before ends and where its last clause starts, when that clause,
    joined to it, names another category than the words before it and has no price, and
    those words have theirs."""
    if i < 4 or bounds[i - 1] != e0 or bounds[i - 2] <= s0:
        return None
    last = text[bounds[i - 2] : e0]
    head = text[s0 : bounds[i - 3]]
    said = category_of(last)
    if _MONEY_SAID.search(last) or best_amount(last, loose=True):
        return None
    if not best_amount(head, loose=True):
        return None
    if said is None or said == "other" or said == category_of(head):
        return None
    return bounds[i - 3], bounds[i - 2]


def _split(text: str, today: date, recent_kind: str | None = None) -> list[Piece]:
    """The requests of `text` read clause by clause."""
    if recent_kind in ("shopping", "pantry", "task", "event") and _NAMES_ITS_LIST.search(text):
        recent_kind = None
    bounds = [0]
    for m in islice(_SEP.finditer(text), MAX_CLAUSES - 1):
        if _names_joined(text, m):
            continue  # "dinner with Tom and Linda on Friday": one party, one clause
        if _items_joined(text, m):
            continue  # "add flour and sugar to the shopping list": one list of things
        if _days_joined(text, m):
            continue  # "Friday 3 and Saturday 4 September": one span of days
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    segments: list[tuple[int, int, Candidate | None, Candidate | None]] = []
    shared = ""  # "all today" after a list: every item's day
    for i in range(0, len(bounds), 2):
        start, end = bounds[i], bounds[i + 1]
        chunk = text[start:end]
        if not chunk.strip():
            continue
        last = segments[-1][2] if segments else None
        if segments and _in_quotes(text[segments[-1][0] : start]):
            # "say 'stunning, where was that?'": a clause inside the quoted words is theirs
            s0, _e0, held, forced = segments[-1]
            segments[-1] = (s0, end, held, forced)
            continue
        if (
            last
            and last.tool in MONEY
            and (every := _ALL_ITEMS.match(chunk))
            and _only_when(chunk[every.end() :], today)
        ):
            shared = chunk[every.end() :].strip()
            continue
        before = segments[-1][2] if segments else None
        # "like Sam's post and tell her …": the post the request before is about
        kind = KIND.get(before.tool, recent_kind) if before else recent_kind
        # ("add them to the list and show me what's on it": the list the clause before named)
        own_kind = kind == "post" or (before is not None and shows_it(chunk, kind))
        intent = classify(chunk, today, kind if own_kind else recent_kind)
        rescued = intent if intent and own_kind and kind != recent_kind else None
        status = _STATUS_OF.get(before.tool) if before else None
        if intent is None and status and _HOW_IT_STANDS.match(chunk.strip()):
            intent = rescued = Candidate(status, WEAK)  # "set it to 500 and how's it looking"
        elif (
            intent is None
            and len(bounds) > 2  # (alone, a message is the follow-up's or the classifier's)
            and (
                found := _read_beside(
                    chunk,
                    segments_text(text, segments),
                    text,
                    text[bounds[i + 2] : bounds[i + 3]] if i + 3 < len(bounds) else "",
                )
            )
        ):
            intent = rescued = found  # "list my vans and the last tyre pressures"
        elif intent is None and (found := _sure_of(chunk)) is not None:
            prev = segments[-1][2] if segments else None
            # after a trip, a fill, a vehicle …, a clause is about that request ("… to
            # Uluru and what'll the fuel cost be?"); after any request, a clause that neither
            # commands nor asks is its reason ("…, we've changed our minds")
            said = chunk.strip()
            own = prev is None or bool(_IMPERATIVE.match(said) or _ASKS.match(said))
            if own and (prev is None or (prev.tool not in DETAILED and found.tool != prev.tool)):
                intent = rescued = found
        if segments:
            s0, e0, prev, forced = segments[-1]
            if _DENIED.search(text[s0:e0]) and _SAID_INSTEAD.match(chunk.strip()):
                # "the campsite wasn't 45, it was 54": one correction, read whole
                segments[-1] = (s0, end, None, None)
                continue
            if (
                (intent is None or intent.tool == "add_pantry_item")
                and prev
                and prev.tool in MONEY
                and not _complete("add_pantry_item", chunk)
                and not _MONEY_SAID.search(text[s0:e0])
            ):
                # "got 2 dozen eggs from the farm, use by the 19th": a use-by date makes
                # the goods before it stock, not money ("they are good until 12.12" too,
                # which alone the classifier reads as nothing)
                stock = intent or Candidate("add_pantry_item", STRONG)
                segments[-1] = (s0, end, stock, stock)
                continue
            if (
                prev
                and prev.tool in MONEY
                and _FIGURE_ALONE.match(chunk.strip())
                and (cut := _unpriced_last(text, bounds, i, s0, e0))
            ):
                # "paid the rego, 812.40 - oh and the insurance came out too, 1,190": the
                # clause before the figure named another thing paid for, with no price of
                # its own; the figure is its price, another of the same request
                segments[-1] = (s0, cut[0], prev, forced)
                segments.append((cut[1], end, prev, prev))
                continue
            if (
                prev
                and prev.tool in MONEY
                and _FIGURE_ALONE.match(chunk.strip())
                and not _MONEY_SAID.search(text[s0:e0])
            ):
                # "fish and chips for two, 37.80": a figure alone after a clause with no
                # price said is that clause's price
                segments[-1] = (s0, end, prev, forced)
                continue
            if _next_list_item(prev, intent, text[e0:start], text[s0:e0], chunk):
                segments.append((start, end, prev, prev))
                continue
            if (
                prev
                and prev.tool in ("log_maintenance", "log_fuel")
                and not re.search(r"\d", chunk)
                and _POINTS.search(chunk)
                and filed_under(chunk)
                and not MAINTENANCE_ON.search(chunk)  # "… as maintenance on the Navara": its work
                and (_MONEY_SAID.search(text[s0:e0]) or _CHARGED.search(text[s0:e0]))
            ):
                # "… charged me 189.99 for a new belt, put that down as an expense under
                # repairs": the money of the work, filed in a category of spending
                spent = Candidate("add_expense", EXPLICIT)
                segments[-1] = (s0, end, spent, spent)
                continue
            if (
                prev
                and prev.tool in WRITES
                # (a list named with more weight than the write before is where it goes:
                # "need the gas struts done, chuck that on my to-do list")
                and (
                    intent is None
                    or (DOMAIN[intent.tool] == DOMAIN[prev.tool] and intent.score <= prev.score)
                    # ("…, Jan doesn't eat pork, remember that": the same write, said again)
                    or intent.tool == prev.tool
                )
                and not re.search(r"\d", chunk)
                and _PUT_THAT_IN.match(chunk.strip())
            ):
                # "…, cold — pop that in the tyre log": the write before, said again
                segments[-1] = (s0, end, prev, forced or prev)
                continue
            if intent and intent.tool in ACTS_ON_ROWS and _ACTS_ON_BEFORE.match(chunk.strip()):
                # "i put the coffee in twice, delete one of them": the clause before is
                # what it acts on, not a request of its own
                segments[-1] = (s0, end, intent, intent)
                continue
            if prev and (kept := _repeated_request(prev, intent, text[s0:e0], chunk)):
                # "income 850 cleaning; 120 markets sat", "budget: groceries 600/mth + fuel
                # 900": another of the same request, its words left out
                segments.append((start, end, kept, kept))
                continue
            if prev and intent and text[e0:start].strip() == "+" and intent.tool != prev.tool:
                # " + " joins two requests: what follows is no detail of the one before
                segments.append((start, end, intent, rescued))
                continue
            # a reading of another kind with its value is its own request ("fuel 52L $104,
            # tyres all 36 psi cold")
            own_reading = (
                intent is not None
                and prev is not None
                # ("add the bus: …, 18 L/100km": what it uses is the vehicle's, no fill)
                and not ((its := _DETAIL_OF.get(prev.tool)) and its.match(chunk.strip()))
                and intent.tool != prev.tool
                and intent.tool in STANDALONE
                and intent.score >= STRONG
                and bool(re.search(r"\d", chunk))
            )
            # a request of another domain said "also" (or after a stop) is its own, whatever
            # the details the request before may take ("55 litres at Benalla for 108.35;
            # also I need a gas bottle on the list")
            own_other = (
                intent is not None
                and prev is not None
                and intent.score >= STRONG
                and DOMAIN[intent.tool] != DOMAIN[prev.tool]
                and bool(_ALSO.search(f"{text[e0:start]} {chunk[:12]}"))
            )
            # money the user paid, told after a trip or a day ("… heading to Rotorua
            # tomorrow, but today I paid the ferry booking, 289 dollars"): money of its own
            own_money = (
                intent is not None
                and prev is not None
                and intent.tool == "add_expense"
                and prev.tool not in MONEY
                and _PAID_OWN.search(chunk) is not None
            )
            detail = (
                prev is not None
                and not own_reading
                and not own_other
                and not own_money
                and _is_detail(prev, chunk, today)
            )
            if (
                prev
                and intent
                and intent.tool == "plan_trip"
                and DOMAIN[prev.tool] != DOMAIN["plan_trip"]
                and _GOING.match(chunk.strip())
                and not _PLANS.search(chunk)
            ):
                # "add milk to the shopping, we're going in to Cowra after morning tea":
                # where the user is going, told after another request, is news
                segments[-1] = (s0, end, prev, forced or prev)
                continue
            if (
                prev
                and intent
                and prev.tool in ACTS_ON_ROWS
                and not re.search(r"\d", chunk)
                and not _IMPERATIVE.match(chunk.strip())
                and "?" not in chunk
                # ("…, and please remember I'm vegetarian": a request addressed, no reason)
                and not (intent.score >= EXPLICIT and _ADDRESSED.match(chunk.strip()))
            ):
                # "take that one out, their mum paid us back": the reason for the change
                segments[-1] = (s0, end, prev, forced or prev)
                continue
            if (
                prev
                and re.match(r"(?:who|whom|whose|which)\b", chunk.strip(), re.I)
                and "?" not in chunk
            ):
                # "…, who are visiting on the weekend": a relative clause tells of the words
                # before it (of things to buy it says nothing to keep: it is left out)
                kept_end = e0 if prev.tool == "add_to_shopping_list" else end
                segments[-1] = (s0, kept_end, prev, forced or prev)
                continue
            if (
                intent
                and (_POINTER.match(chunk.strip()) or _FILE_IT.match(chunk.strip()))
                and not detail
            ):
                if prev and prev.tool in MONEY and filed_under(chunk):
                    # "spent 120 at bunnings on a hose for the van. put it under repairs":
                    # the money before, filed in a category of spending (one expense); filed
                    # as maintenance on a vehicle it is that vehicle's work, costed
                    if MAINTENANCE_ON.search(chunk):
                        prev = Candidate("log_maintenance", prev.score)
                    segments[-1] = (s0, end, prev, forced or prev)
                    continue
                if prev and prev.score > WEAK and DOMAIN[prev.tool] != DOMAIN[intent.tool]:
                    # "plan a trip to X on Saturday and put it in the calendar": the trip
                    # stays a request, and the calendar takes it as its words (in one
                    # domain the clause before is the pointer's object: "don't let me
                    # forget sponges, put em on the list")
                    segments.append((s0, end, intent, intent))
                    continue
                segments[-1] = (s0, end, intent, intent)  # the clause's request, with its words
                continue
            if prev and intent and detail and (intent.tool != prev.tool or prev.tool in MONEY):
                segments[-1] = (s0, end, prev, forced or prev)  # its details stay its own
                continue
            # "did that work? like it again": a question of its own, then a request
            asked_apart = (
                prev is None
                and intent is not None
                and intent.score > WEAK
                and "?" in text[e0:start]
                # "there's a group for X? put me in that one": the question names it
                and not _THAT_ONE.search(chunk)
            )
            if (
                prev is None
                and intent is not None
                and intent.tool == "create_post"
                and _DETAIL_OF["save_place"].match(chunk.strip())
                and (whole := classify(text[s0:e0].strip(), today, recent_kind)) is not None
                and whole.tool == "save_place"
            ):
                # "good dump point at X, save it and share with everyone": the place is
                # saved shared (its request read only from the clauses together)
                segments[-1] = (s0, end, whole, whole)
                continue
            if (
                prev
                and intent
                and (intent.tool == prev.tool or intent.tool.startswith("update_"))
                and DOMAIN[intent.tool] == DOMAIN[prev.tool]
                and _TAKES_BACK_CLAUSE.match(chunk.strip())
            ):
                # "log 50 for fuel, actually it was 55": the request put right, read whole
                # (repairs.py puts the later values over the earlier)
                segments[-1] = (s0, end, prev, forced or prev)
                continue
            if (
                prev
                and prev.tool in _MONEY_WRITES
                and _NOT_THAT_AMOUNT.match(chunk.strip())
                and best_amount(text[s0:e0]) is not None
                and (whole := classify(text[s0:end].strip(), today, recent_kind)) is not None
                and whole.tool in _AMOUNT_FIXES
            ):
                # "that pie on friday was $9.50, not 5.90 - fix it": one amount put right
                # against another, read whole (a row kept, corrected)
                segments[-1] = (s0, end, whole, whole)
                continue
            if not asked_apart and _joins(prev, intent, text[s0:e0], chunk):
                segments[-1] = (s0, end, prev or intent, forced)
                continue
        segments.append((start, end, intent, rescued))
    pieces = []
    for start, end, _intent, forced in segments:
        chunk = text[start:end].strip()
        intent = forced or classify(chunk, today, recent_kind)
        if shared and intent and intent.tool in MONEY:
            chunk = f"{chunk.rstrip(' ,.')}, {shared}"
        if intent and intent.tool == "add_pantry_item":
            pieces += [Piece(one, intent) for one in _stock(chunk)]
        else:
            pieces.append(Piece(chunk, intent))
    return pieces


_STOCK = re.compile(
    r"^(?P<lead>(?:(?:the )?(?:pantry|cupboard|fridge|freezer)\s*[:-]\s*)|.*?\b(?:got|have|bought"
    r"|add|put|stocked up on|picked up|there'?s|there are)\s+)?"
    r"(?P<items>.+?)"
    r"(?P<tail>\s+(?:in|into|to) (?:the|my|our) (?:pantry|cupboard|fridge|freezer)\b.*)?$",
    re.IGNORECASE,
)
# (a count may carry its unit glued on: "1L UHT milk", "500g mince")
_NEXT_ITEM = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:a|an|some|half|a few|several)\b|\d)", re.I
)


def _stock(chunk: str) -> list[str]:
    """ "3 tins of tuna and a bag of pasta in the cupboard": one request per item, each
    with the words around the list ("we've got ... in the cupboard")."""
    m = _STOCK.match(chunk)
    items = _NEXT_ITEM.split(m["items"]) if m else []
    if not m or len(items) < 2:
        return [chunk]
    return [f"{m['lead'] or ''}{item}{m['tail'] or ''}" for item in items if item.strip()]
