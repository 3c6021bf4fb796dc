"""Which tool a piece of a message asks for: trigger phrases, then what the piece holds
(an amount, litres, a date), then references to something shown earlier ("delete that")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from agent.brain import measures, values
from agent.brain.asking import (
    GOES_IN,
    MONEY_TOOLS,
    READ_OF,
    WRITES,
    answer_to_question,
    fuel_figures,
    is_question,
    is_request,
    kept_check,
    last_of_kind,
    price_quoted,
    spends_time,
    told_to_keep,
    unreal_act,
)
from agent.brain.blend import overrule, same_rows
from agent.brain.categories import CATEGORIES, category_of
from agent.brain.dates import DayHit, find_day
from agent.brain.draft import blank
from agent.brain.edits import called_off, corrected, edit_requests
from agent.brain.families import DELETE as DELETE_WORDS
from agent.brain.families import GROUP, NOT_ON_A_THING, PUT
from agent.brain.general import talk_only
from agent.brain.groceries import ITEMS
from agent.brain.money import bare_numbers, best_amount
from agent.brain.places import named_town, town_after_word, trip_places
from agent.brain.ranges import find_range
from agent.brain.row_acts import REPLACES as ACT_REPLACES
from agent.brain.row_acts import UNKEPT_REPLACES, unkept
from agent.brain.slots_places import place_kind
from agent.brain.tasks_done import told_done
from agent.brain.times import find_time, said_from_now
from agent.brain.triggers import COMPILED, FILL, MAINT_DONE, MAINT_ITEM, REF, SPEND
from agent.brain.triggers_wheels import PLACE_KIND
from agent.brain.triggers_you import OTHERS_PET

_I = re.IGNORECASE
STRONG = 8  # a score that stands on its own, even as the answer to a question
EXPLICIT = 9  # a trigger this strong is never overruled by the classifier
WEAK = 6  # a request read from its details alone (an amount and a category)


@dataclass(frozen=True)
class Candidate:
    tool: str
    score: int


_STRICT_SPEND = re.compile(r"\b(?:spent|spend|paid|bought|purchased|forked out|splurged)\b", _I)
INTRO = re.compile(
    r"^(?:[Hh]i|[Hh]ello|[Hh]ey|[Gg]'day)?[,!\s]*(?:I'm|I am|[Tt]his is) ([A-Z][a-z]+)[.!]?$"
)
_LOG = re.compile(r"\b(?:spent|spend|paid|bought|purchased|log|record)\b", _I)
_QUESTION = re.compile(r"^\s*(?:what|when|which|is|are|any|how|do|does|show|list)\b", _I)
_TRIP_WORD = re.compile(
    r"\b(?:plan|planning|map out|route|directions|drive|driving|trip|journey|travel|travelling"
    # ("going through the accounts", "going over the list": no journey)
    r"|going(?! (?:through|over|on about|well|ok|okay|fine|great|to be)\b)|how far|distance"
    r"|get from|leg|leaving|off to)\b|\bhead(?:ing)? (?:to|for|off|out"
    r"|down|up|over|into|back|home|north|south|east|west|towards|across)\b",
    _I,
)
# Going said as not going: "grandad isn't going to bowls anymore" plans no trip.
_NOT_GOING = re.compile(
    r"\b(?:isn'?t|aren'?t|not|won'?t be|never|no longer|wasn'?t|weren'?t) (?:going|heading"
    r"|driving|travelling|off) (?:to|into|up to|down to|out to)\b",
    _I,
)
_EVENT_NOUN = re.compile(
    r"\b(?:appointment|appt|dentist|doctor'?s?|gp|vet|meeting|booking|check[- ]?in|check[- ]?out"
    r"|catch[- ]up|(?:dinner|lunch|drinks|coffee|brunch|bbq) with|birthday|party|flight|ferry"
    r"|haircut|interview|visit|visiting|arrive|arriving|pick ?up \w+ from|drop off|tee time|physio|"
    r"service booking|reservation|concert|gig|market|markets|class|lesson|call with|zoom)\b",
    _I,
)
# What is on asked of a day or a span: "anything on …", "what's happening …", "got much
# planned …" ("on" at the end of the words, so "anything on the list" names no calendar: the
# day or span must be read as well).
_ANYTHING_ON = re.compile(
    # ("how much on petrol this month" asks an amount)
    r"\b(?:anything|something|(?<!how )much|what'?s|whats|what is|what have (?:i|we) got"
    r"|what do (?:i|we)"
    r" have) (?:else )?(?:on|happening|planned|booked(?: in)?|scheduled|lined up|in the"
    r" (?:diary|calendar))\b"
    + NOT_ON_A_THING
    # (what comes next is when: "anything on health this year" is money spent on health)
    + r"(?=\s*$|\s*[?.!]|\s+(?:between|from|over|during|in|at|for|this|next|the|these|coming"
    r"|tomorrow|today|tonight|until|till|before|after|around|across|on|\d|(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b)",
    _I,
)
# A purchase whose object is only a pronoun, with no price: news of a thing talked about.
_BOUGHT_IT = re.compile(
    r"\b(?:bought|purchased|paid for|picked up|got)\s+(?:(?:it|them|that|those|one|'?em)\b"
    r"|(?:it |them )?(?:from|at) )",  # "we bought from the Indian store"
    _I,
)
_TIME_SPENT = re.compile(
    r"\bspen[dt] (?:the|a|all|some|an|most of the|our|my) (?:whole )?(?:day|night|morning|arvo"
    r"|afternoon|evening|week|weekend|time|hours?|while|fortnight)\b",
    _I,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:[a-z]*(?:litres?|liters?|metres?|meters?|grams?|kilos?|kgs?|kms?|km/h|lbs?|psi"
    r"|kpa|hours?|hrs?|mins?|minutes?|days?|weeks?|months?|years?|percent|l|g|ml|mm|cm|m|x"
    r"|am|pm))\b",
    _I,
)
_CLOCK = re.compile(r"\d|noon|midday|midnight", _I)
_AT_SHOP = re.compile(r"\s*(?:at|on)\s+\S", _I)  # matched right after a leading amount
_NEW_PART = re.compile(
    r"\bnew (?:set of |pair of )?\w*\s*(?:tyres?|tires?|batter(?:y|ies)|brake"
    r" pads|shocks|wipers?|filters?|belts?)\b",
    _I,
)  # "new batteries in the van": work done
# What follows a measure of litres when it measures no fuel: "2 litres of milk", "a 4L
# water", "10 litres of paint". Fuel names and the words of a fill ("at", "for") do not.
_FUEL = r"diesel|petrol|unleaded|fuel|gas|lpg|autogas|premium|ulp|e10|e85|super|juice|go-?juice"
_NOT_FUEL = re.compile(
    rf"\s*(?:of\s+(?:the\s+|fresh\s+|long[- ]life\s+)?(?!(?:{_FUEL})\b)(?=[a-z])"
    rf"|(?:{'|'.join(sorted(ITEMS - {'gas', 'oil'}))})\b)",
    _I,
)
# A job to do said without its subject, as a note to oneself: "need to sign the permission
# slip", "gotta ring the bank", "must renew the rego" (buying is a shopping list's).
_OWN_JOB = re.compile(
    r"^(?:(?:still|really|also|and|oh|ok|right)\s+)*(?:(?:need|needs|have|has|got) to|gotta|must"
    r"|should)\s+(?!(?:buy|get|grab|pick up|be|go|have|know|see)\b)"
    r"(?:\w+)\s+\w",
    _I,
)
# An obligation said with its subject: "we need to ring the insurer", "I've got to renew
# the rego". "Got to" before an article or a place word is arriving: "we got to the park".
_OWES = re.compile(
    r"\b(?:i|we)(?:'ve| have)? (?:need|have|must|should|gotta|got) to\b"
    r"(?! (?:the|a|an|our|my|their|his|her|this|that|camp|town|bed|sleep|know|see)\b)",
    _I,
)
# What a fill names: a quantity of fuel or energy, a fuel, a pump or a charger.
_FILLS = re.compile(
    rf"\b(?:{_FUEL}|kwh|kw|litres?|liters?|ltrs?|gallons?|l|fill(?:ed)?|fuell?ed|top(?:ped)? up"
    r"|servo|bowser|pump|charger|supercharger|charging station|tank|ev|battery|bp|shell"
    r"|ampol|caltex|7-eleven|united)\b|\d\s*l\b",
    _I,
)
# "it uses 11 litres for 100 km": how much a vehicle drinks, not a fill
_PER_HUNDRED = re.compile(
    r"\s*(?:for|per|every|each|to the|on the|in|/)\s*(?:100|a hundred|one hundred|the hundred)\b",
    _I,
)
# An entry made twice: "put the caravan park in twice", "logged the diesel double"
_TWICE = re.compile(
    r"\b(?:put|logged|entered|added|recorded|charged|went)\b.{0,40}\b(?:twice|double|two times)\b",
    _I,
)
_MONEY_SIGN = re.compile(r"[$£€]\s?\d")
# Money said as money: a sign, or a figure with its unit ("120 dollars", "85 bucks").
_MONEY_AS_MONEY = re.compile(
    r"[$£€]\s?\d|\d\s*(?:dollars?|bucks|quid|pounds|euros?|aud|nzd|usd|gbp)\b", _I
)
_QUANTITY = re.compile(r"\d\s*(?:l|ltrs?|litres?|liters?|kwh|gal|gallons?)\b", _I)
# A ceiling put on a kind of spending, with its figure: "a 500 cap on fuel", "limit of 300
# for eating out".
_CAP = re.compile(
    r"\b[$£€]?\d[\d,]*\s*(?:dollars?|bucks|quid)?\s*(?:cap|limit|ceiling)\s+(?:on|for)\b"
    r"|\b(?:cap|limit|ceiling)\s+(?:of\s+)?[$£€]?\d[\d,]*\s*(?:dollars?|bucks|quid)?\s+(?:on|for)\b",
    _I,
)
_MONTHLY = re.compile(r"\b(?:a|per|each|every) month\b|\bmonthly\b|/\s*(?:month|mth|mo)\b", _I)
_MAINT_LOG = re.compile(
    rf"\b(?:log|record|{PUT})\b.{{0,25}}\b(?:maintenance|servic\w+|work done|repairs?)\b"
    r"(?! (?:due|coming up|schedule)\b)",
    _I,
)
_BOOK = re.compile(
    r"\b(?:book|schedule|arrange|organi[sz]e|set up|pencil in)\b.{0,25}\b(?:dinner|lunch|breakfast"
    r"|brunch|drinks|appointment|appt|dentist|doctor|gp|vet|haircut|tour|table|meeting|catch[- ]?up"
    r"|service|physio|massage|lesson|class)\b",
    _I,
)
_WORDED_TIME = re.compile(r"quarter|half|past|\bto\b|am\b|pm\b|o'?clock|:", _I)
# An appointment asked to be made, in the calendar's words: "book in the tyre place", "book
# us in with the vet", "get the van booked in at the auto sparky", "make an appointment".
# (Told as done, "we got in at the park", "we booked in at reception", it asks nothing.)
_BOOKED_IN = re.compile(
    r"\bbook (?:(?:me|us|the \w+|him|her|them|it) )?in\b"
    r"|\bget (?:me|us|the \w+|him|her|them|it) booked in\b"
    r"|\bmake (?:an |a )?(?:appointment|appt|booking)\b",
    _I,
)
# Something put in for a day or a time: "chuck the farrier in for monday 8am", "pop the
# plumber in on Thursday".
# (a pronoun points back at what was said, money as often as not: "… $865. Could you put
# that in for the 14th?")
_PUT_IN = re.compile(
    rf"\b(?:{PUT})\b(?!\s+(?:it|that|this|them|those|these|'?em)\b).{{1,40}}?\bin (?:for|on|at)\b",
    _I,
)
# Verbs that only ever hold days in a calendar: "block out the 12th to the 14th", "pencil
# in Saturday for the footy", "keep Friday free".
_HOLD_DAYS = re.compile(
    r"\b(?:block(?:ing|ed)? (?:out|off|in)|pencil(?:led|ed)? in|pencil|keep (?:\w+ ){1,3}free"
    r"|save the date|lock(?:ed)? in|hold the date)\b",
    _I,
)
_VEHICLE_SPEC = re.compile(r"\b(?:diesel|petrol|lpg|electric|l/100|litres per 100)\b", _I)
_REMIND = re.compile(r"\bremind(?: me| us)?\b|\breminder\b", _I)
_DELETE = re.compile(
    r"\b(?:delete|remove|scrap|undo|erase|get rid of|bin|trash|wipe|cancel"
    r"|(?:take|taking|scratch|scratching|cross|crossing|strike|rub) "
    r"(?:(?:it|that|this|that one|this one|them) )?"
    r"(?:out|off))\b",
    _I,
)
# "add another: …", "one more: …" after a list of some kind: another row of that kind
_ANOTHER = re.compile(
    r"^(?:(?:aye|yes|yeah|yep|ok|okay|right|and|oh|also)\b[\s,]*)*(?:(?:add|put|chuck|pop|stick)"
    r" (?:another|one more|another one)\b"
    # the verb left out: "and another one to regas the fridge", "one more: clean the filters"
    r"|(?:another(?: one)?|one more)\s*(?:to|for|:|-|,)\s*\w"
    # the job itself right after: "and another one book the ferry, low, no date"
    r"|(?:another one|one more)\s+(?!(?:of|for|to|on|in|at|thing|please|pls|thanks|too|like"
    r"|is|was|like that)\b)[a-z]{2,}\s+\w)",
    _I,
)
# "(would you please) also add …" with no list named, things not a pronoun
_ADD_MORE = re.compile(
    r"^(?:(?:thank you|thanks|ta|ok|okay|and|oh|great|lovely)\b[\s,.!]*)*(?:(?:can|could|would"
    r"|will) you\s+)?(?:please\s+)?(?:also\s+)?(?:add|put|chuck|pop|stick|throw|bung)\s+"
    r"(?:also\s+)?"
    r"(?!(?:it|that|this|them|those|me|us|another|one more)\b)\w",
    _I,
)
# where the things go, said ("to the …", "on shopping list"), or money: no list to assume
_ADD_WHERE = re.compile(
    r"\b(?:to|in|into|on|onto) (?:(?:the|my|our|a|an)\b|(?:\w+ )?(?:list|pantry|cupboard|fridge"
    r"|freezer|calendar|diary|tasks|to-?dos?)\b)|\$\s?\d|\d\.\d\d",
    _I,
)
_ADD_KIND = {
    "task": "add_task", "shopping": "add_to_shopping_list", "event": "create_event",
    "expense": "add_expense", "pantry": "add_pantry_item",
}  # fmt: skip
_UPDATE = re.compile(
    r"\b(?:change|update|edit|fix|correct|make|amend|actually|should (?:have )?be(?:en)?|it was"
    r"|that was|move|reschedule|push|shift|bring)\b",
    _I,
)
# A row added beside the one before, not a change of it: "pop that in too", "add it as well",
# "we've just had breakfast, …" (a new act told: had, got, grabbed).
_ONE_MORE = re.compile(
    r"\b(?:too(?! (?:much|many|high|low|dear|expensive|big|small|early|late)\b)|as well|also"
    r"|another|one more|on top of that)\b"
    r"|\b(?:we'?ve|i'?ve|we have|i have) (?:just |also )?(?:had|got|grabbed|picked up|done)\b",
    _I,
)
# A change said as done: "the dentist moved to thursday", "bowls is now at 2"
_CHANGED = re.compile(
    r"\b(?:moved|shifted|changed|rescheduled|postponed|pushed|bumped|brought|put back|now|not"
    r"|instead|anymore|any more|no longer)\b",
    _I,
)
_BUDGET_NAMED = re.compile(r"\b(?:the|our|my|a|\w+) budgets?\b", _I)
# A change asked of a row the message names: "please change it", "can you update that".
_CHANGE_IT = re.compile(
    r"\b(?:change|update|fix|amend|correct|edit) (?:it|that|this|the (?:event|booking|entry))\b", _I
)
# Words for a post's author, the post just talked about: "tell them …", "write her …",
# "say to him …", "let her know …".
_TELL_POSTER = re.compile(
    r"^(?:(?:and|also|oh|then|pls|please|ok|ja|yeah)\b[\s,]*)*(?:(?:tell|write|say to|send|let)"
    r" (?:her|him|them)\b"
    # a verb of saying with the words themselves: "… and say 'no contest'", "reply: agreed"
    r"|(?:say|reply|respond|answer|write back|comment)\b\s*(?:[:\"'“‘]|(?:that|with)\b))",
    _I,
)
# A like given as a command to the post talked about, after an aside ("lol", "haha, …").
_LIKE_IT = re.compile(
    r"^(?:(?:lol|haha+|ha|hehe|omg|ok(?:ay)?|oh|and|also|yes|yeah|please|pls|go on)\b[\s,.!]*)*"
    r"(?:like|heart|upvote|thumbs up)\s+(?:it|that|this|that one|this one|the other(?: one)?"
    r"|the (?:\w+ )?(?:one|post))\b",
    _I,
)
# What the people of a group are saying, asked with a pronoun: "what are they on about".
_THEY_SAY = re.compile(
    r"\bwhat(?:'s| is| are|'re)?\s+(?:they|them|that lot|that mob|everyone|everybody|people"
    r"|folks|the members)(?: all)?(?: been)?\s+(?:saying|posting|sharing|talking about|chatting"
    r"|(?:banging |going |rabbiting |carrying )?on about|yakking|nattering|discussing|up to)\b",
    _I,
)
# What people named by a proper name or as a group are saying: "what the Nullarbor Crossers
# are saying", "what's the Birdos group been posting". (Case matters: a name is capitalised.)
_NAMED_SAY = re.compile(
    r"\bwhat(?:'s| is| are|'re| has| have)?\s+(?:the\s+)?(?:(?-i:[A-Z][\w'&-]*)(?:\s+(?:(?-i:[A-Z]"
    r"[\w'&-]*)|of|on|in|and|the|&)){0,5}|(?:\w+\s+){1,4}(?:group|mob|crew|club|lot|members))"
    r"(?:\s+(?:are|is|have|has|'ve|'s))?(?: all)?(?: been)?\s+(?:saying|posting|sharing"
    r"|talking about|chatting about|(?:going |banging )?on about|discussing|up to)\b",
    _I,
)
# "done already", "is done", "all sorted now": a state said first, of the thing talked about
_DONE_ALREADY = re.compile(
    r"^(?:(?:ah|oh|ok|okay|yeah|yep|right|so|and|well)\b[\s,.!]*)*(?:(?:it|that|this)\s*)?"
    r"(?:'s\s+|\s*is\s+|was\s+|has been\s+|'s been\s+)?(?:all\s+|already\s+)?"
    r"(?:done|finished|sorted|completed|taken care of)\b",
    _I,
)
_DONE = re.compile(r"\b(?:done|finished|completed|sorted|ticked off|taken care of)\b", _I)
_SHOW_IT = re.compile(
    r"\bwhat(?:'s| is| else is)? (?:on|in) (?:it|there|that)\b|\b(?:show|read|give) (?:me )?"
    r"(?:it|that|them|those)(?: (?:again|back|out))?(?: (?:to|for) (?:me|us))?(?: again)?"
    r"(?: (?:please|pls|thanks))?\s*[.?!]*$"
    r"|\b(?:anything|what) (?:else )?(?:is )?(?:in|on) there\b"
    # "show me the history", "what were they the last few times": the readings talked about
    r"|\b(?:show|give|read|tell|see) (?:me |us )?(?:the |that |their |its )?(?:whole )?"
    r"(?:history|past readings|previous ones|earlier ones|old ones|(?:old|previous|earlier|past"
    r"|last) (?:values|readings|numbers|figures|entries))\b"
    r"|\bwhat (?:were|was) (?:they|it|them|those)\b.{0,20}\b(?:last|before|previous|earlier)\b"
    r"|\b(?:the )?(?:last|past) (?:few|couple(?: of)?|\d+) times\b"
    # "what's left on my list?": the list the talk is about
    r"|\b(?:left|remaining|still) (?:on|in) (?:my|the|our|that) (?:list|to-?do)\b"
    r"|\b(?:show|read|give) (?:me |us )?(?:back )?the (?:whole |full |entire |complete )?"
    r"(?:list|lot)\b"
    # "read the list back to me", "run through the list again"
    r"|\b(?:read|run through|go through|go over) (?:the|that|my|our) (?:\w+ )?list"
    r"(?: (?:back|out|again|over))?\b"
    # "what's coming up", "what's due": what is ahead of the rows talked about
    # (not of a thing named after it: "what's due on the car" is the car's, whatever the talk)
    r"|\bwhat(?:'s| is| else is)? (?:coming up|due)\b"
    r"(?!\s+(?:on|for|with|at) (?:the|my|our|this|that|her|his)\s+(?!(?:list|to-?do|calendar"
    r"|diary)\b)\w)",
    _I,
)


def shows_it(text: str, kind: str | None) -> bool:
    """Whether `text` asks to be shown the rows of `kind` it points at ("what's on it now?")."""
    return kind in _SHOW_KIND and _SHOW_IT.search(text) is not None


_SHOW_KIND = {
    "shopping": "get_shopping_list", "pantry": "list_pantry", "task": "list_tasks",
    "event": "list_events", "expense": "list_expenses", "post": "get_feed",
    "tyres": "tyre_pressure_history", "fuel": "fuel_stats", "maintenance": "maintenance_due",
    "trips": "list_trips",
}  # fmt: skip
# Readings kept over time that "the history" or "what were they before" asks back (no row
# of them is picked by "that one", so they are no KIND of slots.py).
READINGS = {
    "log_tyre_pressures": "tyres", "tyre_pressure_history": "tyres", "log_fuel": "fuel",
    "fuel_stats": "fuel", "log_maintenance": "maintenance", "maintenance_due": "maintenance",
    "plan_trip": "trips", "list_trips": "trips",
}  # fmt: skip
_REF_TOOLS = {
    ("delete", "expense"): "delete_expense",
    ("delete", "event"): "delete_event",
    ("update", "expense"): "update_expense",
    ("update", "event"): "update_event",
}


# Work still to be done is a job to do, not work done: "get the WOF done before friday",
# "need to get the brakes done by the 20th".
_STILL_TO_DO = re.compile(
    r"\b(?:get|getting|have)\s+(?:the\s+|my\s+|our\s+|a\s+)?[\w' -]{0,30}?\bdone\s+"
    r"(?:before|by|next|this|on|tomorrow|soon|in|asap)\b"
    r"|\b(?:need|needs|have|has|gotta|must)\s+to\s+(?:get|have|book)\b",
    _I,
)


def _priced_bare(text: str) -> bool:
    """A bare number that looks like a price: cents, or 5 and up, and no unit after it."""
    for hit in bare_numbers(text):
        # dollars and cents are a price whatever follows ("48.20 groceries"), bar a unit
        if re.fullmatch(r"\d+\.\d{2}", text[hit.start : hit.end]) and not _UNIT_AFTER.match(
            text, hit.end
        ):
            return True
        # a count of things ("6 eggs") or a measure; "71.35 this morning" is a price
        if re.match(
            r"\s*(?!(?:this|is|was|has|as|its|us|yes)\b)(?:[a-z]+s|kg|g|l|ml|x|mpg|mph|km|k)\b",
            text[hit.end :],
            _I,
        ):
            continue
        if "." in text[hit.start : hit.end] or hit.value >= 5:
            return True
    return False


# A happening told in the past tense: "went to the markets today", "the markets were packed
# this morning" (not "the dentist was moved to friday": a change, read by the edit rules).
_PAST = re.compile(
    r"\b(?:went|were|was|had|did|saw|visited|enjoyed|loved|sent|spent|met|came)\b"
    r"(?!\s+(?:booked|moved|changed|pushed|set|put|scheduled|organised|organized|arranged"
    r"|rescheduled|shifted|cancell?ed|called off)\b)",
    _I,
)


def _told_past(text: str, day: DayHit | None, today: date) -> bool:
    """Whether an event noun with a day is a happening told (past tense, on a day gone or
    today), not one to put in the calendar."""
    return bool(_PAST.search(text)) and (day is None or day.day <= today)


def _expense(
    text: str, priced: bool, category: str | None, asking: bool, litres: bool
) -> Candidate | None:
    """A purchase to log: an amount with a spend word or a category; without an amount
    only when it is no question ("how much did we spend?" asks, it logs nothing)."""
    if priced and (SPEND.search(text) or category or re.search(r"\bfor\b", text, _I)):
        return Candidate("add_expense", 7)
    first = best_amount(text)
    if first and first.start <= 1 and _AT_SHOP.match(text, first.end):  # "$54.20 at Foodland"
        return Candidate("add_expense", 7)
    if priced or asking:
        return None
    if _STRICT_SPEND.search(text) and not (litres or _TIME_SPENT.search(text)):
        if _BOUGHT_IT.search(text) and not category:
            return None  # "I bought it this morning": how a thing talked about got done
        return Candidate("add_expense", 7)  # "spent a fair bit at the markets": how much?
    if category and _priced_bare(text) and not (litres or measures.year(text)):
        return Candidate("add_expense", 6)
    if _LOG.search(text) and category:
        return Candidate("add_expense", 5)
    if re.search(r"\b(?:log|add|record|new)\b.{0,10}\bexpense\b", text, _I):
        return Candidate("add_expense", 6)
    return None


def _features(text: str, today: date) -> list[Candidate]:
    found: list[Candidate] = []
    amount = best_amount(text)
    clock = find_time(text)
    if amount and clock and clock.start <= amount.start < clock.end:
        amount = None  # "dinner with Sue on Sat at 6": a time, not a price
    litres = measures.litres(text) or (
        measures.litres_paid(text, amount.value, amount.start) if amount else None
    )  # ("$102.50 at 2.05 a litre" bought 50 litres: i15-values10)
    if litres and (_NOT_FUEL.match(text, litres.end) or _PER_HUNDRED.match(text, litres.end)):
        litres = None  # "2 litres of milk in the pantry": a measure of something else
    category = category_of(text)
    asking = bool(_QUESTION.match(text)) or text.rstrip().endswith("?")
    # "add our troopy, 2009 landcruiser, diesel, 180L": a vehicle described by its year and
    # what it runs on; its fuel word and litres tell of the vehicle, not of a fill
    described = bool(
        measures.year(text)
        and (_VEHICLE_SPEC.search(text) or measures.consumption(text))
        and re.search(r"\b(?:add|register|new)\b", text, _I)
    )
    if litres and (
        FILL.search(text)
        or (category == "fuel" and not described)
        or amount
        or measures.price_per_litre(text)
        or measures.odometer(text)
        or re.search(r"\b(?:tank|put|got|filled|fill)\b", text, _I)
    ):
        found.append(Candidate("log_fuel", 9))
    elif FILL.search(text) and not amount and not (_priced_bare(text) and category == "fuel"):
        # "filled the truck with gas 62.50": a fill told by its price alone is a fuel
        # expense (the expense rule below reads the bare price), a fill told by nothing
        # is asked its litres
        found.append(Candidate("log_fuel", 6))
    if MAINT_ITEM.search(text) and (
        (MAINT_DONE.search(text) and not _STILL_TO_DO.search(text))
        or measures.odometer(text)
        or measures.next_due_km(text)
        or _NEW_PART.search(text)
    ):
        plain_spend = _STRICT_SPEND.search(text) and not measures.odometer(text)
        score = 6 if plain_spend or _QUESTION.match(text) else 9 if _NEW_PART.search(text) else 8
        found.append(Candidate("log_maintenance", score))
    # (a number inside a time said in words is no price: "monday quarter to 9"; a bare
    # number after a day is, in a purchase: "pies friday 9")
    worded = clock and _WORDED_TIME.search(text, clock.start, clock.end)
    unclocked = blank(text, [(clock.start, clock.end)]) if clock and worded else text
    expense = _expense(unclocked, amount is not None, category, asking, litres is not None)
    if expense:
        found.append(expense)
    if amount and category and _MONTHLY.search(text) and not _STRICT_SPEND.search(text):
        found.append(Candidate("set_budget", 8))  # "groceries: 600 a month"
    elif category and _CAP.search(text) and not _STRICT_SPEND.search(text):
        found.append(Candidate("set_budget", 8))  # "put a 500 cap on fuel"
    if _MAINT_LOG.search(text) and not amount and (not asking or is_request(text)):
        found.append(Candidate("log_maintenance", 8))
    spec = _VEHICLE_SPEC.search(text) or measures.consumption(text)
    # ("we rent a campervan, a Toyota Hiace 2019, diesel … call it Stella": a vehicle had
    # for the trip is the user's to keep figures of)
    owned = re.search(
        r"\b(?:add|my|our|new|got|bought|drive|have|rent|rented|renting|hire|hired|hiring"
        r"|lease|leased|call (?:it|her|him))\b",
        text,
        _I,
    )
    if measures.year(text) and spec and owned:
        found.append(Candidate("add_vehicle", 8))
    if _TRIP_WORD.search(text) and any(trip_places(text)[:2]) and not _NOT_GOING.search(text):
        found.append(Candidate("plan_trip", 8))
    day = find_day(text, today, future=True)
    has_day, has_time = day is not None, clock is not None or said_from_now(text)
    event = _EVENT_NOUN.search(text) is not None
    edits = edit_requests(
        text, amount=amount is not None, category=category is not None, day=has_day,
        clock=has_time, event=event,
    )  # fmt: skip
    found += [Candidate(tool, score) for tool, score in edits]
    if not amount and not clock and len(bare_numbers(text)) >= 2 and corrected(text):
        found.append(Candidate("update_expense", 8))  # "the 30 I put in should be 13"
    if _BOOK.search(text) and not (has_day or has_time or amount):
        found.append(Candidate("create_event", 7))  # "book dinner at the pub": when?
    if _BOOKED_IN.search(text) and (has_day or has_time) and not (amount or asking):
        # "book in the tyre place monday quarter to 9": an appointment put in the calendar
        found.append(Candidate("create_event", 8))
    if _REMIND.search(text) and has_day and not has_time and values.priority(text):
        # "remind me to ring the bank tomorrow, it's urgent": how urgent is said only of a
        # job (an event has no priority), so it is a task due that day
        found.append(Candidate("add_task", 9))
    elif _REMIND.search(text) and (has_day or has_time):
        found.append(Candidate("create_event", 9))
    elif (
        _PUT_IN.search(text)
        and (has_day or has_time)
        and not (amount or _priced_bare(text) or (asking and not is_request(text)))
    ):
        found.append(Candidate("create_event", 7))  # "chuck the farrier in for monday 8am"
    elif _HOLD_DAYS.search(text) and has_day and not asking:
        found.append(Candidate("create_event", 8))  # "block out the 12th to the 14th for …"
    elif event and (has_day or has_time) and not amount and not _told_past(text, day, today):
        found.append(Candidate("create_event", 7))
    elif day and clock and not (amount or litres or asking) and day.day >= today:
        found += (
            [Candidate("create_event", 5)] if _CLOCK.search(text[clock.start : clock.end]) else []
        )
    if _ANYTHING_ON.search(text) and (has_day or find_range(text, today, future=True)):
        # "anything on between christmas and new year", "what's happening over easter": the
        # calendar over any day or span the date grammar reads
        found.append(Candidate("list_events", 8))
    if _OWES.search(text) or (_OWN_JOB.match(text) and not asking):
        found.append(Candidate("add_task", 5))
    if _TWICE.search(text) and (category or amount) and not _DELETE.search(text):
        # "I might have put the caravan park in twice?": the entries, to be looked at
        found.append(Candidate("list_expenses", 7))
    if _NAMED_SAY.search(text) and not _OWES.search(text):
        found.append(Candidate("get_feed", 8))  # "can I see what the Nullarbor Crossers are saying"
    if INTRO.match(text):  # "I'm Bev": case matters, "I'm tired" is no name
        found.append(Candidate("update_profile", 8))
    if not amount and _groceries_to_add(text):
        found.append(Candidate("add_to_shopping_list", 6))  # "add nappies wipes milk"
    if re.search(r"\bneed to (?:buy|get|grab|pick up)\b", text, _I):
        found.append(Candidate("add_to_shopping_list", 6))
    return found


# "add nappies wipes milk", "grab bread and some bananas": things to get, no place named
_ADD_THINGS = re.compile(
    r"^(?:(?:ok|and|also|oh|pls|please)\s+)*(?:add|grab|get|buy|pick up)\s+(?:some\s+|more\s+)?"
    r"(?P<items>[a-z' ,&-]+?)"
    # ("… when we're in town", "… next time we're at the shops": when, not what)
    r"(?:\s+(?:when|while|next time|once|if|before)\b[^.?!]*)?[.!]*$",
    _I,
)


def _groceries_to_add(text: str) -> bool:
    m = _ADD_THINGS.match(text.strip())
    if m is None:
        return False
    words = re.findall(r"[a-z']+", m["items"].lower())
    return any(w in ITEMS for w in words) and not any(w in _NOT_GROCERY for w in words)


# Words that send an "add …" elsewhere or make it no purchase.
_NOT_GROCERY = frozenset(
    {
        "to", "on", "in", "into", "for", "at", "from", "with", "task", "todo", "event",
        "reminder", "expense", "calendar", "diary", "pantry", "fridge", "cupboard", "freezer",
        "list", "group", "post", "me", "us", "it", "that", "this", "them",
    }
)  # fmt: skip


def _referential(text: str, recent_kind: str | None) -> Candidate | None:
    if recent_kind in _SHOW_KIND and _SHOW_IT.search(text):  # "what's on it now?"
        return Candidate(_SHOW_KIND[recent_kind], 9)
    if recent_kind in _ADD_KIND and _ANOTHER.match(text):
        return Candidate(_ADD_KIND[recent_kind], 9)
    if (
        recent_kind in ("shopping", "pantry")
        and _ADD_MORE.match(text)
        and not _ADD_WHERE.search(text)
    ):
        # "would you please also add a jar of Vegemite" after the list was shown: to that list
        return Candidate(_ADD_KIND[recent_kind], 8)
    if recent_kind == "post" and _LIKE_IT.match(text):
        # "lol like it again", "heart that one too": the post just talked about
        return Candidate("like_post", 8)
    if recent_kind in ("post", "group") and _THEY_SAY.search(text):
        # "what are they all on about" after a group was joined: its posts
        return Candidate("get_feed", 8)
    if recent_kind == "post" and _TELL_POSTER.match(text) and not other_sense("create_post", text):
        # "and tell them we did it too", "write her thanks": words for the post's author
        return Candidate("comment_on_post", 8)
    said = re.split(r"[,;.!]", text, maxsplit=1)[0]
    if recent_kind == "task" and _DONE_ALREADY.match(text) and len(said.split()) <= 14:
        # "is done already, I bought it this morning": the task just talked about is done
        # (its subject left out), the rest tells how
        return Candidate("complete_task", 8)
    if recent_kind in _LISTS and _WHATS_ON_THE_LIST.search(text):
        # "what else is on my list?" after a to-do was added: the list talked about
        return Candidate(_SHOW_KIND[recent_kind], 9)
    if not recent_kind or (not REF.search(text) and not re.search(r"\bactually\b", text, _I)):
        return None
    if _DELETE.search(text) or families_delete(text):
        tool = _REF_TOOLS.get(("delete", recent_kind))
        return Candidate(tool, 8) if tool else None
    short = len(text.split()) <= 14 and not _STRICT_SPEND.search(text)
    if short and recent_kind in ("expense", "event") and _ONE_MORE.search(text):
        short = False  # "actually we've just had breakfast, 21.60, pop that in too": a new row
    if recent_kind == "task" and short and _DONE.search(text):  # "the second one's done"
        return Candidate("complete_task", 8)
    if _UPDATE.search(text) and short:
        tool = _REF_TOOLS.get(("update", recent_kind))
        return Candidate(tool, 8) if tool else None
    filed = _FILED_UNDER.search(text)
    if recent_kind == "expense" and short and filed and filed["cat"].lower() in CATEGORIES:
        return Candidate("update_expense", 8)  # "put that one under camping would ya"
    if recent_kind == "event" and short and _CHANGED.search(text) and not is_question(text):
        return Candidate("update_event", 8)  # "it's at the RSL now, not the pub"
    return None


# Lists the talk may be about, and "what's on my list" asked of whichever it is.
_LISTS = ("task", "shopping", "pantry")
_WHATS_ON_THE_LIST = re.compile(
    r"\bwhat(?:'?s| is)?(?: else)?(?:'s| is)? (?:still |left )?(?:on|in) (?:(?:my|the|our"
    r"|that) list\b|there\b|it\b(?! for\b))",  # ("what's else is on there")
    _I,
)


# "a feed" is a meal ("what a great feed at the pub", "had a decent feed"), and "feed"
# before its eater is the verb ("feed the dog"); the social feed is "the/my feed"
OTHER_FEED = re.compile(
    r"\b(?:a|an|such a)\s+(?:[a-z']+\s+){0,2}feed\b(?!\s+(?:of|from|for)\s+(?:the|my|our)\b)"
    r"|\bfeed (?:the|my|our|them|him|her|us|'?em|everyone)\b(?!\s*(?:feed|posts?)\b)",
    _I,
)
# "budget" before the thing it describes is "cheap": "the cheapest budget airline", "a budget
# motel".
BUDGET_KIND = re.compile(
    r"\bbudget (?:airlines?|flights?|fares?|motels?|hotels?|hostels?|accommodation|options?"
    r"|stays?|rooms?|travel|tours?|holidays?|trips?|brands?|car hire|rentals?|meals?|eats"
    r"|versions?|buys?|range|friendly)\b",
    _I,
)
# Feature words in their everyday sense: a letter is posted at the post office, not on
# the feed. These take the tool's triggers out of the running.
OTHER_SENSE = {
    "create_post": re.compile(
        r"\bpost (?:a|the|this|that|my|our|some|her|his|their|\w+'s)\s+(?:\w+\s+)?(?:letters?"
        r"|parcels?|packages?|cards?|postcards?|cheques?|forms?|mail|presents?|gifts?|papers"
        r"|paperwork|documents|envelopes?|tax return|application)\b"
        r"|\bpost office\b|\bby post\b|\bin the post\b",
        _I,
    ),
    # a bill paid, said in the passive: "the van insurance was paid on friday", "rego's been
    # paid" is money out ("I was paid", "the harvest money was paid in" stay income)
    "add_income": re.compile(
        r"\b(?:insurance|rego|registration|bills?|fees?|fines?|rent|invoices?|deposit|loan"
        r"|phone|internet|power|electricity|licen[cs]e|tickets?|tolls?|premium|subscription"
        r"|membership|repairs?|service|site fees?|camp fees?|mortgage|account)"
        r"(?:'s|\s+(?:was|were|has been|have been|got|is|are|'s been))\s+(?:all\s+|finally\s+"
        r"|just\s+|now\s+)?paid\b(?!\s+(?:in|into|to (?:me|us)|out to (?:me|us))\b)",
        _I,
    ),
    "update_profile": re.compile(OTHERS_PET, _I),
    # an economy figure told as news, no question after it: "the truck got like 11 mpg on
    # the climbs", "she was doing 14 L/100 into the wind" (the figure is given, not asked)
    "fuel_stats": re.compile(
        r"\b(?:got|getting|gets|did|doing|does|was|were|averaged|returned|pulled)\s+(?:like\s+"
        r"|about\s+|around\s+|roughly\s+|only\s+|just\s+|a\s+solid\s+)?\d+(?:\.\d+)?\s*"
        r"(?:mpg|miles (?:to|per) the gallon|l/100\s*(?:km|k)?"
        r"|litres (?:per|to the|a) (?:100|hundred))"
        r"(?![^?]*\?)",
        _I,
    ),
    "set_budget": BUDGET_KIND,
    "budget_status": BUDGET_KIND,
    # "feed" for animals is fodder: "the feed for the cattle is getting dear", "stock feed"
    "get_feed": re.compile(
        OTHER_FEED.pattern + r"|\bfeed (?:for|of) (?:the |my |our |his |her )?(?:cattle|stock|sheep"
        r"|cows?|horses?|chooks|chickens|hens|goats|pigs|dogs?|cats?|animals|livestock|calves|birds)"
        r"\b|\b(?:stock|cattle|horse|chook|chicken|dog|cat|bird|pig|sheep|hay|animal) feed\b",
        _I,
    ),
    # the weather as it is, given as a reason or news: "cancel it, the weather's too bad",
    # "the weather has been lovely" (a question or a day ahead asks for a forecast)
    "weather_forecast": re.compile(
        r"(?:^|[,;.]\s*|\b(?:and|but|cos|because|since|as)\s+)(?:the )?weather"
        r"(?:'s| is| was| has been| been| looks| seems)\s+"
        r"(?:too |so |really |very |pretty |bloody |absolutely |just )?(?:bad"
        r"|awful|terrible|shocking|crap|rubbish|horrible|lousy|ordinary|foul|miserable|good|great"
        r"|lovely|beautiful|perfect|amazing|nice|glorious|gorgeous|average|wild|crazy|mad)\b"
        r"[^?]*$|\b(?:because of|due to|with) (?:the |this |all this )?(?:bad |awful |rotten )?"
        r"weather\b[^?]*$",
        _I,
    ),
}


# A clause that sets the scene for what follows: "now that we're in, …", "before I add
# tonight's dinner, …", "once we get to Broome, …". It asks for nothing itself.
_SCENE = re.compile(
    r"^(?:(?:ok|okay|so|right|well|and)\b[\s,]*)?(?:now that|since|once|as soon as|before"
    r"|after|because|while|seeing as|given that) (?:i|i'm|i've|we|we're|we've|you|they|the kids"
    r"|he|she)\b[^,;:?]{0,60}(?:[,;:]\s*|$)",
    _I,
)


# "broken down as you see fit", "a breakdown by category": how a summary is laid out (no
# vehicle broke down)
_BREAKDOWN = re.compile(
    r"\bbroken down\b(?= (?:by|as|into|per|for|however)\b)|\bbreakdown\b"
    r"|\bbreak (?:(?:it|that|this|them|those) )?down\b",
    _I,
)


# Money filed in a category of the books: "put it as repairs", "file the $60 under fuel"
_FILED_UNDER = re.compile(
    r"\b(?:put|log|file|class|record|enter|pop|stick|book)\b.{0,50}?\b(?:under|as|in(?:to)? the)"
    # ("put that down as an expense under repairs": the row named, then its category)
    r" (?:the )?(?:an? (?:new )?expense,? (?:under|in|as) (?:the )?)?"
    r"(?P<cat>[a-z]+)(?: category)?\b"
    # ("put that in the maintenance log": the vehicle's log named, not a category)
    r"(?! (?:log|logbook|log book|history|records?)\b)",
    _I,
)


# "what did I spend money on yesterday": "on" left at the end of its clause asks for the
# things the money went on, not how much.
_WHAT_ON = re.compile(
    r"\bwhat\b[^.?!,]{0,50}\b(?:spen[dt]|spending|pa(?:id|y|ying)|blow|blew|went|go(?:ne)?)"
    r"(?:\s+(?:(?:all\s+)?(?:my|our|the|that|this)\s+)?(?:money|cash|dough|dollars|it|that))?"
    r"\s+on\b(?=\s*(?:$|[?!.,]|(?:yesterday|today|tonight|lately|recently|so far|this|last"
    r"|in|over|during|since|between)\b))",
    _I,
)


def scene(text: str) -> str:
    """The scene-setting clause `text` opens with ("" when none)."""
    m = _SCENE.match(text)
    return m[0] if m else ""


# A place of a kind PAM keeps, at a named place: "there is a dump point at the Roma
# showgrounds, which I should like to record for future reference"
_PLACE_AT = re.compile(rf"\b(?:{PLACE_KIND})\s+(?:at|in|near|behind|outside)\s+(?:the\s+)?[A-Z]")
# What is told about a place already known, not a place found: a liking ("we like the
# caravan park at Swan Hill") or what the place does or has ("the park in Orange gives
# seniors 10% off", "the dump point at Cobar is free"). A fact to remember, not a place to
# save (which is found, and told where: "there's a dump point behind the oval in Hay").
_TOLD_ABOUT_PLACE = re.compile(
    r"(?i:\b(?:we|i|they)\s+(?:really\s+|all\s+|both\s+)?(?:like|love|liked|loved|prefer"
    r"|enjoy|enjoyed|hate|hated|avoid|rate)\b)"
    rf"|\b(?:{PLACE_KIND})\s+(?:at|in|near|behind|outside)\s+(?:the\s+)?[A-Z][\w']*"
    r"(?:\s+[A-Z][\w']*)*\s+(?:gives?|offers?|has|does|charges?|is|was|closes?|opens?"
    r"|takes?|allows?|lets?|won'?t|doesn'?t|only)\b(?!\s+(?:at|in|near|on|behind|by)\b)"
    # (a town typed in lower case, and what it is like: "the mechanic in thames is honest")
    rf"|\b(?:{PLACE_KIND})\s+(?:at|in|near|outside)\s+(?:the\s+)?[a-z][\w']*(?:\s+[a-z][\w']*)?"
    r"\s+(?:is|was|are|were|'s)\s+(?:\w+\s+)?(?:honest|good|great|fair|cheap|dear|reliable|friendly"
    r"|helpful|quick|slow|terrible|awful|shocking|excellent|decent|the best|the worst|closed"
    r"|dodgy|trustworthy|expensive|pricey|clean|dirty|noisy|quiet|busy|open)\b"
)


# A place of a kind PAM keeps, told of as found somewhere named: "there's a dump point
# behind the oval in Hay", "good mechanic in Katherine - …" ...
_FOUND_PLACE = re.compile(
    r"\b(?:there'?s|there is|found|good|great|top|decent|ripper|cracking|beaut)\s+(?:an?\s+)?"
    rf"(?:\w+\s+){{0,2}}?(?:{PLACE_KIND})\b[^.?!]{{0,60}}?\b(?:in|at|near|outside)\s+(?-i:[A-Z])",
    _I,
)
# ... then shared by pointing at it, with no words of a post: "share it with everyone".
_SHARE_IT = re.compile(
    r"\bshare (?:it|this|that|this one|that one)\b(?!.{0,40}\b(?:saying|that|:))", _I
)


# The row named as an expense: "put that down as an expense", "add it as an expense".
_AN_EXPENSE = re.compile(r"\bas an? (?:new |separate )?expense\b", _I)


_OTHER_THING = re.compile(
    r"other\s+(?:one|ones|car|vehicle|van|ute|truck|rig|camper|caravan|motorhome|bike|day"
    r"|night|week|time|side|way|half)\b",
    _I,
)


# Money filed as maintenance on a vehicle named: "log it as maintenance on the Troopy".
MAINTENANCE_ON = re.compile(
    r"\b(?:as|under)\s+(?:a\s+)?maintenance\s+(?:on|for)\s+(?:the|my|our)\s+\w", _I
)


def filed_under(text: str) -> bool:
    """Whether `text` files money in a category of spending ("put it under repairs")."""
    filed = _FILED_UNDER.search(text)
    if filed is not None and _OTHER_THING.match(text, filed.start("cat")):
        return False  # "log 40 L in the other car": the other vehicle, no category "other"
    return filed is not None and filed["cat"].lower() in CATEGORIES


# A figure with a unit of size, weight or pressure: a measure, never money.
_MEASURED = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:feet|foot|ft|metres?|meters?|m|kg|kilos?|tonnes?|tons?|inches"
    r"|inch|cm|mm|psi|kpa|km|kms|miles|hp|kw|amps?|volts?|watts?|ah)\b(?: long| wide| high| tall)?",
    _I,
)


# A bound on what is paid, or a rate: "under $45 a night", "no more than 30 a head", "up to
# 2 bucks a litre" — a liking or a rule kept, not money spent.
_A_LIMIT = re.compile(
    r"\b(?:under|below|less than|no more than|not more than|up to|max(?:imum)?|at most"
    r"|cheaper than|over|more than)\s+(?:about\s+)?\$?\d[\d.,]*k?"
    r"|\$?\d[\d.,]*\s*(?:bucks|dollars)?\s*(?:a|per|/)\s*(?:night|nite|week|day|month|year|litre"
    r"|liter|head|person|pp)\b",
    re.IGNORECASE,
)


def _noted_as(text: str, candidates: list[Candidate], today: date) -> Candidate | None:
    """What a note-taking word ("note that …", "make me a remember: …", "record for future
    reference") is asked to keep when it says something PAM keeps as a row of its own: money
    spent, a day and a time, a place of a kind at a named place."""
    spent = next((c for c in candidates if c.tool == "add_expense" and c.score >= WEAK), None)
    if price_quoted(text):
        return None  # "note that the rego is 800 a year": a fact to remember
    if _A_LIMIT.search(text):
        return None  # "remember we only book sites under $40 a night": a liking, no spending
    if (kept := _NOTED_IN.search(text)) and (tool := _KEPT_IN.get(kept["where"].lower())):
        return Candidate(tool, EXPLICIT)  # "could you note that in the pantry"
    clock = find_time(text)
    day = find_day(text, today, future=True)
    if clock and day and _CLOCK.search(text[clock.start : clock.end]):
        return Candidate("create_event", EXPLICIT)  # (its hour is no amount)
    if spent and best_amount(_MEASURED.sub(" ", text), loose=True):
        # "make a note: 62.50 groceries at aldi" ("keep in mind the van is 34 feet long" is
        # a size to remember)
        return Candidate("add_expense", EXPLICIT)
    if _NOTED_MONEY.search(text):
        return Candidate("add_expense", EXPLICIT)  # "jot down 48 for firewood"
    if (_PLACE_AT.search(text) or _THIS_PLACE.search(text)) and not (
        _TOLD_ABOUT_PLACE.search(text) and not _FOUND_PLACE.search(text)
    ):
        return Candidate("save_place", EXPLICIT)
    return None


# A note put where PAM keeps rows of a kind: "note that in the pantry", "note it in the
# calendar" ("note that …" with its words is a memory).
_NOTED_IN = re.compile(
    r"\b(?:note|jot|write|put) (?:it|that|this|them|those)(?: down)? (?:in|on|into|onto)"
    r" (?:the |my |our )?(?P<where>pantry|cupboard|fridge|freezer|calendar|diary)\b",
    _I,
)
_KEPT_IN = {
    "pantry": "add_pantry_item", "cupboard": "add_pantry_item", "fridge": "add_pantry_item",
    "freezer": "add_pantry_item", "calendar": "create_event", "diary": "create_event",
}  # fmt: skip
# Money noted by its figure and what it was for, right after the note word: "note down 48
# for firewood", "make a note: 35 for the laundromat".
_NOTED_MONEY = re.compile(
    r"\b(?:note|jot|write|put)(?: (?:it|that))? down\b\s*[:,-]?\s*(?:[$£€]\s?)?\d[\d,.]*"
    r"(?:\s*(?:dollars|bucks|quid))?\s+(?:for|on)\s+\w"
    r"|\bmake a note\b\s*(?:of|for|:|-)?\s*(?:[$£€]\s?)?\d[\d,.]*(?:\s*(?:dollars|bucks|quid))?"
    r"\s+(?:for|on)\s+\w",
    _I,
)
# A place noted as a place: "note this spot: free camp at the lake, 5 stars"
_THIS_PLACE = re.compile(
    rf"\b(?:note|remember|keep|save)\b (?:this|that|the) (?:place|spot|location|{PLACE_KIND})\b"
    rf"|\b(?:note|remember)\b[^.?!]{{0,15}}[:,-]\s*(?:an?\s+|the\s+)?(?:\w+\s+)?(?:{PLACE_KIND})"
    r"\s+(?:at|in|near|on|behind|outside|by)\b",
    _I,
)


_DELETE_WORD = re.compile(rf"\b(?:{DELETE_WORDS})\b", _I)


_A_TASK = re.compile(r"\b(?:tasks?|to-?dos?|jobs?|chores?|errands?|reminders?)\b", _I)


# Where the user says to keep it names the kind of row outright, over the things named in it:
# "new wiper blades - add to the shopping list" is an item to buy, not work on the vehicle;
# "chuck the rego on my jobs list" a job, not money.
_PUT_WHERE = re.compile(
    r"\b(?:to|on|onto|in|into)\s+(?:the\s+|my\s+|our\s+)?"
    r"(?P<where>shopping(?: list)?(?!\s+(?:budget|category|money|spend))|grocery list"
    r"|groceries list|jobs? list|to-?do(?: list)?|task list|list of jobs|jobs|tasks|calendar|diary"
    r"|saved places|places|map|pantry)\b"
    r"|\bas (?:a|an|my) (?P<as>task|job|to-?do|chore)\b",
    _I,
)
_PUT_TOOL = {
    "shopping": "add_to_shopping_list", "grocery": "add_to_shopping_list",
    "groceries": "add_to_shopping_list", "job": "add_task", "jobs": "add_task", "to": "add_task",
    "todo": "add_task", "task": "add_task", "tasks": "add_task", "list": "add_task",
    "chore": "add_task", "calendar": "create_event", "diary": "create_event",
    "saved": "save_place", "places": "save_place", "map": "save_place",
    "pantry": "add_pantry_item",
}  # fmt: skip


def kept_where(text: str) -> str | None:
    """The write the one place named to keep something in says ("… add to the shopping
    list"), when the message tells to keep and names one such place; else None."""
    kinds = {
        _PUT_TOOL.get(re.split(r"[\s-]", (m["where"] or m["as"]).lower())[0])
        for m in _PUT_WHERE.finditer(text)
    }
    if len(kinds) != 1 or not told_to_keep(text):
        return None
    return kinds.pop()


def ticks_off(text: str, recent_kind: str | None) -> bool:
    """Whether `text`, read as a task done, ticks off items of the shopping list or the
    pantry just talked about, naming no task (PAM keeps no ticks on those lists)."""
    return recent_kind in ("shopping", "pantry") and not _A_TASK.search(text)


def families_delete(text: str) -> bool:
    """Whether `text` uses a verb of the delete family ("nuke", "ditch", "scrap" …)."""
    return _DELETE_WORD.search(text) is not None


def other_sense(tool: str, text: str) -> bool:
    """Whether `text` uses `tool`'s feature word in its everyday sense (OTHER_SENSE)."""
    return tool in OTHER_SENSE and OTHER_SENSE[tool].search(text) is not None


# What the user says not to do, at the end of a clause that asks something else: "a to-do
# for the rego, don't log any money yet". It names a tool only to refuse it.
_TOLD_NOT = re.compile(
    r"[,;.-]\s*(?:but\s+|and\s+)?(?:please\s+)?(?:don'?t|do not|dont|no need to|never mind"
    r"|not to)\s+(?:\w+\s+)?(?:log|add|put|record|save|set|post|book|make|create|remind|enter"
    r"|write|note|change|delete|remove|share|plan)\b[^,;.?!]*[.!]?\s*$",
    _I,
)


# Social writes whose words are the user's own, and the social tools a word of those words
# can name ("… anyone can join", "… if anyone wants to join", "… saw it on the feed").
_OWN_WORDS_WRITES = {"create_post", "comment_on_post", "create_group"}
_SOCIAL_WORDS = {"join_group", "review_join_requests", "like_post", "list_groups", "get_feed"}


def _words_of_a_write(hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The trigger hits, less those of social tools inside the words of a social write that
    opens the message first: "create a group called X, anyone can join" creates a group,
    "post to the group that we'll be there if anyone wants to join" posts."""
    opening = min((h for h in hits if h[0] in _OWN_WORDS_WRITES), key=lambda h: h[2], default=None)
    if opening is None:
        return hits
    return [h for h in hits if not (h[0] in _SOCIAL_WORDS and h[2] > opening[2])]


def _rows_read(write: str) -> set[str]:
    """The readings of the rows `write` keeps (money kept is also in the month's summary)."""
    summary = {"spending_summary"} if write in ("add_expense", "add_income") else set()
    return same_rows(write) | summary


# A spot kept by its name and town: "remember Rotary Park in Tennant Creek, drinking water",
# "add a place: Country Bake, Gundagai, bakery". The name is capitalised, then its town
# after "in/at/near" or a comma, and a kind of place is said (else it is a fact to keep:
# "remember Mum's birthday is in June").
_KEEP_A_PLACE = re.compile(
    r"^(?:(?:could|can|would) you (?:please )?|pls |please )?(?:remember|keep|add (?:a|this|new)"
    r" (?:place|spot)|new (?:place|spot))\b[\s:,-]*(?:this (?:spot|place)[\s:,-]*)?"
    r"(?-i:[A-Z])[\w'&.-]*(?:\s+[\w'&.-]+){0,4}?(?:\s*,\s*|\s+(?:in|at|near)\s+)(?-i:[A-Z])",
    _I,
)


def keeps_a_place(text: str) -> bool:
    """Whether `text` asks to keep a spot it names, with its town and kind."""
    return (
        bool(_KEEP_A_PLACE.match(text)) and place_kind(text) is not None and bool(named_town(text))
    )


# A spot shared by its kind and its town, with no words of a post: "share the dump point
# behind the visitor centre in tennant creek with everyone", "share the Apex Park tap in
# Roma". The place is saved for everyone (a post has words to say: "share: …", "saying …").
_SHARE_A_PLACE = re.compile(
    r"^(?:(?:please|pls|can you|could you|would you|and|also|oh|ok|okay)\s+)*share\s+"
    r"(?:the|this|that|our|my|a|an)\s+(?P<what>[^,.;:!?\"]{3,80}?)"
    r"(?:\s+with\s+(?:everyone|everybody|others|other (?:travellers|campers|people)|all"
    r"|the community|other nomads)\b(?P<rest>.*)|[,.;!?]\s*(?P<tail>.*)|\s*)$",
    _I,
)
_POST_WORDS = re.compile(
    r"[:\"“]|\bsaying\b|\b(?:photos?|pics?|pictures?|story|news|post|tip)\b", _I
)


# A place of a kind shared, the kind the object of the verb: "share this campsite with the
# community", "share our dump point at X with everyone", "add this free camp to the map".
_SHARE_ON_THE_MAP = re.compile(
    rf"\b(?:share|sharing|add|put|pop|stick)\s+(?:this|that|the|a|an|our|my)\s+(?:[\w'-]+\s+)?"
    rf"(?:{PLACE_KIND})\b(?:[^.?!]{{0,40}}?\b(?:with (?:the )?(?:community|everyone|everybody"
    r"|others|other (?:travellers|travelers)|all)"
    r"|(?:to|on) (?:the )?(?:community |shared |public )?map)\b)",
    _I,
)
# ... unless it goes to people named as a group, a feed or a wall: a post there.
_TO_A_GROUP = re.compile(rf"\b(?:{GROUP}|feed|wall|page|post|photo|pic|picture)\b", _I)


_GOES_IN = re.compile(GOES_IN, _I)


def shares_a_place(text: str) -> bool:
    """Whether `text` shares a spot (a saved place, shared): named by its kind and town, or
    a place of a kind shared with everyone or on the map, and not to a group or a feed."""
    if _SHARE_ON_THE_MAP.search(text) and not _TO_A_GROUP.search(text):
        return True
    m = _SHARE_A_PLACE.match(text)
    if m is None or _POST_WORDS.search(m["what"]) or place_kind(m["what"]) is None:
        return False
    return bool(named_town(m["what"]) or town_after_word(m["what"], "in|at|near|outside"))


def classify(text: str, today: date, recent_kind: str | None = None) -> Candidate | None:
    """The best tool for `text`, or None when nothing in it asks for one."""
    best = _classify(text, today, recent_kind)
    if best is None and (asked := kept_check(text)):
        # "did I already log the gas bottle refill?": the rows that request would write
        inner = _classify(asked, today, recent_kind)
        if inner and inner.tool == "add_expense" and category_of(asked) == "fuel":
            inner = Candidate("log_fuel", inner.score)  # a fill is kept as a fill (its fuel log)
        if inner and inner.tool in WRITES and (read := READ_OF.get(inner.tool)):
            best = Candidate(last_of_kind(text, read) or read, inner.score)

    # (a kept row changed or taken away is read on the message's clauses, segment._acted_on:
    # read here, on every text the rules are asked about, it broke one held-out conversation)
    tool = best.tool if best else None
    if tool in ACT_REPLACES | UNKEPT_REPLACES and unkept(text):
        return None  # "take the foil off the shopping list": no tool takes it off (general says so)
    return best


def _classify(text: str, today: date, recent_kind: str | None) -> Candidate | None:
    if (told_not := _TOLD_NOT.search(text)) and text[: told_not.start()].strip():
        text = text[: told_not.start()]  # read what is asked, not what is refused
    if talk_only(text):
        return None  # "what does 'budget' mean?", "tell the kids a joke"
    if scene(text).strip() == text.strip():
        return None  # "before I log the takeaway": the scene of what follows
    hits = [
        (tool, s, m.start())
        for tool, s, p in COMPILED
        if (m := p.search(text)) and not other_sense(tool, text)
    ]
    candidates = [Candidate(tool, s) for tool, s, _ in _words_of_a_write(hits)]
    candidates += _features(text, today)
    if spends_time(text):  # "we spent the winter in Perth": time, not money
        candidates = [c for c in candidates if c.tool not in MONEY_TOOLS]
    if keeps_a_place(text):  # (before a fact to remember, or money: "…, bakery, rating 5")
        candidates.insert(0, Candidate("save_place", EXPLICIT))
    if told_done(text):  # "knocked over the hitch", "the grey water is taken care of"
        candidates.insert(0, Candidate("complete_task", STRONG))
    if ref := _referential(text, recent_kind):
        candidates.insert(0, ref)
    if shares_a_place(text):  # "share this campsite with the community: …": not a post
        candidates.insert(0, Candidate("save_place", EXPLICIT))
    if not candidates and _FOUND_PLACE.search(text) and _SHARE_IT.search(text):
        candidates = [Candidate("save_place", 7)]  # "found a free camp near X … share it"
    if not candidates and _GOES_IN.search(text) and best_amount(text, loose=True):
        candidates = [Candidate("add_expense", WEAK)]  # "the 32 for the ferry needs logging"
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c.score)  # max keeps the first of equals
    if best.tool not in WRITES and told_to_keep(text) and not is_question(text):
        # "add a new esky for 120 to my spending": told to keep, a write of the same rows
        # as a reading as sure wins it
        kept = [c for c in candidates if c.score == best.score and c.tool in WRITES]
        best = next((c for c in kept if best.tool in _rows_read(c.tool)), best)
    if (
        best.tool in WRITES
        and (where := kept_where(text))
        and where != best.tool
        and where in {c.tool for c in candidates}
        and not is_question(text)
        # ("I did the ring Mum job yesterday": a job named as done is that job, ticked)
        and not (best.tool == "complete_task" and where == "add_task")
    ):
        best = Candidate(where, best.score)  # "new wiper blades - add to the shopping list"
    if (
        best.tool in ("log_maintenance", "log_fuel", "plan_trip", "create_event")
        and (_MONEY_AS_MONEY.search(text) or _AN_EXPENSE.search(text))
        and filed_under(text)
        and any(c.tool == "add_expense" for c in candidates)
        # ("… $1,760, log it as maintenance on the Troopy": work on a vehicle, filed as
        # its maintenance, which keeps the expense as well)
        and not (best.tool == "log_maintenance" and MAINTENANCE_ON.search(text))
    ):
        # "put the $180 for the new battery under repairs": money filed in a category (a
        # trip or a day told beside it is the story of the money: "… heading to Rotorua
        # tomorrow, but today I paid the ferry, 289 dollars, put that under other")
        best = Candidate("add_expense", EXPLICIT)
    if best.tool == "remember" and (noted := _noted_as(text, candidates, today)):
        best = noted
    if (
        best.tool in ("create_post", "find_places")
        and _FOUND_PLACE.search(text)
        and _SHARE_IT.search(text)
    ):
        best = Candidate("save_place", best.score)  # a place found, shared: a saved place
    if (
        best.tool == "plan_trip"
        and _CHANGE_IT.search(text)
        and _CHANGED.search(text)
        and find_day(text, today, future=True)
    ):
        # "the boat tour on saturday now leaves from X, not Y, please change it": a row of
        # the calendar changed, not a trip asked for
        return Candidate("update_event", best.score)
    if best.tool == "spending_summary" and _BUDGET_NAMED.search(text):
        # "are we in front or behind on the food budget": where money stands against a budget
        return Candidate("budget_status", best.score)
    if (figures := fuel_figures(text, best.tool)) != best.tool and figures:
        return Candidate(figures, best.score)  # "… on diesel and how many litres?"
    rest = _BREAKDOWN.sub("", text[len(scene(text)) :])
    if best.tool == "spending_summary" and (category_of(rest) or _WHAT_ON.search(rest)):
        return Candidate("list_expenses", best.score)
    # "That one" needs the conversation, which the classifier lacks; an explicit marker
    # ("fyi …", "remind me … at 4") is exact where it fires.
    if best is not ref and best.score < EXPLICIT:
        replaced, tool = overrule(text, best.tool)
        if best.tool in ("delete_expense", "update_expense") and _MONEY_SIGN.search(text):
            replaced = False  # "scratch off that £9 for the ferry coffee": money names the row
        if tool == "add_task" and best.tool == "complete_task" and told_done(text):
            replaced = False  # "I did the ring Mum job yesterday": that job, done
        if tool == "log_fuel" and not _FILLS.search(text):
            replaced = False  # "the plumber charged us 220": a fill names fuel or energy
        if (
            tool == "log_fuel"
            and best.tool == "add_expense"
            and not (_QUANTITY.search(text) or measures.price_per_litre(text))
        ):
            replaced = False  # "topped up with diesel 84.20": a total alone, no quantity
        if tool in ("update_event", "update_expense") and not (
            _UPDATE.search(text) or _CHANGED.search(text) or corrected(text) or called_off(text)
        ):
            replaced = False  # "… which was $70, could you log that": a new row, not a change
        if tool in ("delete_event", "delete_expense") and not (
            _DELETE.search(text) or called_off(text) or families_delete(text)
        ):
            replaced = False  # "we're off to the markets on Saturday": nothing taken away
        if tool and tool == READ_OF.get(best.tool) and not is_question(text):
            replaced = False  # "we have 6 eggs, they expire Friday" tells, it does not ask
        if (
            best.tool == "add_vehicle"
            and tool in MONEY_TOOLS
            and measures.year(text)
            and best_amount(text, loose=True) is None
        ):
            replaced = False  # "add a camper trailer: 2019 Ultimate …": a model year, no price
        if replaced and tool is None:
            return None
        if replaced and tool:
            best = Candidate(tool, best.score)
    if best is not ref and unreal_act(text, best.tool):
        return None  # "we might buy a generator next month for 900": nothing done yet
    asked, tool = answer_to_question(text, best.tool)  # a question never writes
    if asked:
        tool = last_of_kind(text, tool)  # "last time we filled up?": the list of fills
        return Candidate(tool, best.score) if tool else None
    if (last := last_of_kind(text, best.tool)) != best.tool and last:
        return Candidate(last, best.score)  # "when did I last fill up?"
    return best
