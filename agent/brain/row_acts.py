"""Whether a request acts on a row already kept — changes it or takes it away — read from
the grammar of the request, not from its words of a kind.

The rules pick a tool by the family a message names (an event by its day, an expense by its
figure) and, where no verb of theirs is read, give that family's usual act: a new row. So
"push the dentist on thursday back to 4" made an event and "knock the 12 dollar parking off"
logged an expense: round after round, with a verb or word order no rule had seen. Here the
act comes from the shape of the clause:

- a verb of taking away or of moving (`families.DELETE`, `families.MOVE`, and particle
  verbs split round their object: "take … out", "knock … off") opening the clause, with a
  kept row as its object; or a kept row told as changed or gone ("… got moved to 10",
  "… isn't at 10 anymore", "… was actually 42", "… needs to go");
- a kept row is named with a definite word ("the", "my", "that" …): with a figure of money
  in its first words it is an expense ("the 38.50 for …", "that 12 dollar parking"); with
  a day, a time or a word of an appointment it is an event ("the dentist on thursday",
  "dinner with the Kellys on friday"). An indefinite row ("a dentist on thursday") is a new
  one, and a row of no family ("the bins", "the van") is none of these.

`act_on_row` gives the tool (update_event, delete_event, update_expense, delete_expense), or
None. It is read on the message's clauses after the rules and the classifier picked
(`segment._acted_on`), and replaces only a pick that cannot be meant of a kept row: the
family's new row, a listing, the other family's act, a trip, or nothing. `unkept` names the
rows PAM has no tool to change or take away, which then pick no tool.
"""

from __future__ import annotations

import re
from typing import Literal

from agent.brain.families import DELETE, MOVE, SHOPPING
from agent.brain.money import best_amount

_I = re.IGNORECASE
Family = Literal["event", "expense"]
Act = Literal["change", "remove"]
# Kept rows PAM has no tool to change or take away: asked to, it says so and writes nothing.
Unkept = Literal["shopping", "pantry", "trip", "vehicle", "place", "budget", "post"]

TOOL: dict[tuple[Family, Act], str] = {
    ("event", "change"): "update_event",
    ("event", "remove"): "delete_event",
    ("expense", "change"): "update_expense",
    ("expense", "remove"): "delete_expense",
}
# Picks that cannot be meant of a row already kept, which an act read here replaces.
REPLACES = frozenset(
    {
        None, "create_event", "add_expense", "list_events", "list_expenses", "plan_trip",
        "complete_task", "update_event", "delete_event", "update_expense", "delete_expense",
    }
)  # fmt: skip

# ... and picks that cannot be meant of a row PAM keeps but has no tool to change or take
# away (a shopping or pantry item put back, a trip planned again).
UNKEPT_REPLACES = frozenset(
    {"add_to_shopping_list", "get_shopping_list", "add_pantry_item", "list_pantry", "list_trips",
     "add_vehicle", "list_vehicles", "save_place", "find_places", "complete_task",
     "set_budget", "budget_status", "log_fuel", "fuel_stats", "like_post", "create_post",
     "get_feed", "comment_on_post"}
)  # fmt: skip

# What may open a request before its verb: fillers, a polite frame.
_LEAD = (
    r"^\W*(?:(?:ok|okay|oh|and|also|so|just|hey|right|righto|um|sorry|actually|yeah|yep|nah"
    r"|mate|pam|please|pls|plz)\b[\s,!.]*)*"
    r"(?:(?:can|could|would|will) (?:you|ya|u)\s+(?:please\s+|pls\s+|just\s+)?)?"
    r"(?:please\s+|pls\s+)?"
)
_DEFINITE = r"(?:the|my|our|that|this|his|her|their)"
# Verbs of taking away whose particle may come after the object ("take the X out").
_PARTICLE_VERB = r"take|knock|strike|cross|scratch|rub|wipe|cut"
# Taking-away verbs too common in other senses to open a removal of an event by a day alone
# ("drop the kids at school on friday"): with an event they need a word of an appointment.
_LOOSE = {"drop", "dump", "toss", "kill", "zap", "junk", "chuck out", "bin"}
# Words that end the name of the row: what follows says what to do with it.
_ROW_END = (
    r"(?=\s+(?:to|till|until|for|back|forward|up|down|out|off|instead|now|from)\b"
    r"|\s*[,;.!?]|\s+(?:is|was|has|had|got|isn'?t|wasn'?t|needs|should|won'?t|can|could|must)\b"
    r"|\s+(?:be|get)\s+\w+ed\b|$)"
)
# Words of an appointment, which name an event without a day or a definite word ("dinner
# with the Kellys on friday").
_APPOINTMENT_WORDS = (
    r"appointment|appt|booking|reservation|dinner|lunch|breakfast|brunch|meeting|catch-?up"
    r"|call|session|lesson|class|check-?up|check|tour|trip|cruise|ferry|flight|party|bbq|barbie"
    r"|visit|game|match|footy|show|concert|gig|drinks|physio|dentist|doctor|gp|vet|haircut"
    r"|massage|yoga|bowls|markets?|event|interview|service|pickup|pick-up|drop-off|check-?in"
    r"|check-?out"
    # an outing named by what is done ("the whale watching", "the snorkelling on friday")
    r"|watching|fishing|snorkell?ing|diving|swimming|hiking|bushwalk(?:ing)?|kayaking|canoeing"
    r"|surfing|cycling|sailing|climbing|sightseeing|tasting|skiing|golf(?:ing)?|bowling|dancing"
    r"|boating|paddling|birdwatching|birding|horse ?riding|trail ride|scenic flight"
)
# (a day's own row: "wednesday's physio", "tomorrow's meeting")
_DAYS_OWN = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight|tmrw)'?s\b"
_ROW_START = rf"(?:{_DEFINITE}\b|{_DAYS_OWN}|(?=(?:{_APPOINTMENT_WORDS})\b))"
# A word of the row's name: any but a clause's end; a decimal point or comma inside a figure
# ("the 38.50 for …") is no end.
_ROW_CHAR = r"(?:[^,;.!?]|(?<=\d)[.,](?=\d))"
_ROW = rf"(?P<row>{_ROW_START}{_ROW_CHAR}{{1,60}}?){_ROW_END}"

_REMOVE = re.compile(rf"{_LEAD}(?P<verb>(?:{_PARTICLE_VERB}) (?:out|off)|{DELETE})\s+{_ROW}", _I)
# "take the X out", "knock the X off"
_REMOVE_SPLIT = re.compile(
    rf"{_LEAD}(?P<verb>{_PARTICLE_VERB})\s+(?P<row>{_ROW_START}{_ROW_CHAR}{{1,60}}?)\s+(?:out|off)\b",
    _I,
)
# A request in the passive, the row first: "that 45 lunch can be deleted", "could the vet
# tomorrow be pushed back to 3pm", "the physio needs to be cancelled".
_MODAL = (
    r"(?:can|could|should|must|may|might|will|would|needs? to|has to|have to|ought to|is to"
    r"|wants? to)\s+(?:now\s+|just\s+|please\s+)?(?:be|get)"
)
_PASSIVE_LEAD = (
    r"^\W*(?:(?:ok|okay|oh|and|also|so|just|hey|right|um|sorry|actually|pam|please)\b[\s,!.]*)*"
)
_GONE = (
    rf"(?:{DELETE.replace('get rid of|', '')}|deleted|removed|scrapped|cancell?ed|erased|binned"
    r"|trashed|dropped|wiped|ditched|axed|nixed|scratched|killed|nuked|zapped|tossed|junked"
    r"|struck|dumped|taken (?:out|off)|knocked off|crossed off|rubbed out|got rid of)"
)
_REMOVED_PASSIVE = re.compile(
    rf"(?:{_LEAD}|{_PASSIVE_LEAD}(?:can|could|would|will|should)\s+){_ROW}"
    rf"\s+(?:{_MODAL}|be|get)\s+{_GONE}\b",
    _I,
)
_MOVED = (
    r"(?:moved|pushed|shifted|changed|bumped|rescheduled|postponed|brought forward|put back"
    r"|pulled forward|made|switched|updated|corrected|fixed|amended)"
)
_CHANGED_PASSIVE = re.compile(
    rf"(?:{_LEAD}|{_PASSIVE_LEAD}(?:can|could|would|will|should)\s+){_ROW}"
    rf"\s+(?:{_MODAL}|be|get)\s+{_MOVED}\b",
    _I,
)
# A row named, then changed or taken away by a pronoun in the next clause: "the 38 dollar I
# put in other is for the gas bottle, please change it to gas", "tomorrow's markets are off,
# can you take it out".
_NAMED_THEN = (
    rf"{_LEAD}{_ROW}[^.?!;]{{0,60}}?[,;.!-]\s*(?:(?:so|and|but|please|pls|just|then|can you"
    r"|could you|would you|will you|would you mind|do you mind)\s+)*"
)
_NAMED_THEN_CHANGED = re.compile(
    _NAMED_THEN + r"(?:change|changing|update|updating|fix|fixing|move|moving|switch|switching"
    r"|make|making|put|putting|shift|shifting|push|pushing)\s+(?:it|that|this)\s+"
    r"(?:to|into|under|as|back|forward|till|until)\b",
    _I,
)
_NAMED_THEN_REMOVED = re.compile(
    _NAMED_THEN + rf"(?:{DELETE}|removing|deleting|cancell?ing|scrapping|binning|ditching"
    r"|taking|knocking|scratching|crossing)\s+(?:it|that|this)\b(?!\s+(?:to|into|under)\b)",
    _I,
)
_REMOVED = re.compile(
    # (not "has to go in as other": going in is kept)
    rf"{_LEAD}{_ROW}\s+(?:(?:needs to|has to|can) go(?!\s+(?:in|on|into|onto|under|as|down"
    r"|through)\b)|is off|'s off|isn'?t happening"
    r"|is not happening|won'?t happen|is cancell?ed|got cancell?ed|was cancell?ed"
    r"|has been cancell?ed|is called off|got called off"
    # no longer wanted: "the physio on thursday is no longer needed"
    r"|(?:is|'s|are) no longer (?:needed|wanted|required|happening|going ahead|on)"
    r"|(?:isn'?t|is not|aren'?t|are not) (?:needed|wanted|required) any ?more)\b",
    _I,
)
# Moving an event: the verb, the row, then where to ("to 4pm", "forward", "for 11am").
_MOVE = re.compile(
    rf"{_LEAD}(?:{MOVE}|bump|prepone|put back)\s+{_ROW}"
    r"\s+(?:back |forward |up |out )?(?:to|till|until|for|back|forward|up|out)\b",
    _I,
)
# "bring the X forward", "bring the X back to 3"
_BRING = re.compile(rf"{_LEAD}bring\s+{_ROW}\s+(?:forward|back|earlier)\b", _I)
# "make the X 6pm instead", "make the X 42, not …"
_MAKE = re.compile(
    rf"{_LEAD}make\s+(?P<row>{_ROW_START}{_ROW_CHAR}{{1,60}}?)\b\s+{_ROW_CHAR}{{1,40}}?"
    r"(?:\s+instead\b|,?\s+not\b)",
    _I,
)
# Changing a figure: "change / fix / correct / update / bump the X (up) to 42", "fix the X, it
# should be 42".
_EDIT = re.compile(
    rf"{_LEAD}(?:change|update|correct|fix|amend|edit|adjust|bump)\s+{_ROW}"
    r"(?:\s+(?:up |down )?to\b|\s*,\s*(?:it|that)\s+(?:should|was|is)\b)",
    _I,
)
# "fix the 12 dollar parking": a figure kept is fixed in place
_FIX_MONEY = re.compile(rf"{_LEAD}(?:fix|correct|amend)\s+{_ROW}", _I)
# A row told as changed: "the X got moved to 10", "the X is now at 1", "the X isn't at 10
# anymore", "they've changed the X to 4", "the X was actually 42", "the X is wrong".
_CHANGED = re.compile(
    rf"{_LEAD}{_ROW}\s+(?:(?:has been|have been|got|was|were|is|'s) (?:moved|pushed|shifted"
    r"|changed|bumped|rescheduled|postponed|brought forward|put back)\b"
    r"|(?:is|'s) now\b|(?:is|'s) (?:at|on) [^,;.!?]{1,20}? now\b"
    r"|(?:isn'?t|is not|'s not) (?:at|on) [^,;.!?]{1,20}? (?:any ?more|now)\b"
    r"|(?:is|'s) no longer\b(?! (?:needed|wanted|required|happening|going ahead|on)\b)"
    r"|was actually\b|should (?:have been|be)\b(?!\s+(?:recorded|logged|added|entered|noted|saved"
    r"|kept|put|written|jotted|booked)\b)|(?:is|was) wrong\b"
    r"|(?:was|is|were|'s) (?:meant|supposed) to (?:be|have been)\b)",
    _I,
)
_THEY_CHANGED = re.compile(
    rf"^\W*(?:they|someone|somebody)(?:'ve| have)? (?:changed|moved|pushed|shifted|bumped"
    rf"|rescheduled)\s+{_ROW}\s+to\b",
    _I,
)

_APPOINTMENT = re.compile(rf"\b(?:{_APPOINTMENT_WORDS})\b", _I)
# A new time said for the row: "… to 9am", "… is at 3 now", "… till noon".
_NEW_TIME = re.compile(
    r"\b(?:at|to|till|until|for)\s+(?:1[0-2]|0?\d)(?::[0-5]\d)?(?![.,]?\d)\s*(?:am|pm)?\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\b(?:noon|midday|half past|quarter (?:past|to))\b",
    _I,
)
# A message asked with its mark that is no polite request ("can you remove …?" asks PAM to).
_ASKED = re.compile(
    r"^(?!\W*(?:(?:ok|oh|and|so|hey|pam|please|pls)\W+)*(?:can|could|would|will) (?:you|ya|u)\b)",
    _I,
)
_MEAL = re.compile(r"\b(?:dinner|lunch|breakfast|brunch|drinks|bbq|barbie|party)\b", _I)
# A new value of money said for the row ("… was actually 45", "… to 42"), no clock or day.
_NEW_FIGURE = re.compile(
    r"\b(?:to|be|been|was|actually|it'?s)\s+\$?\d+(?:[.,]\d\d)?\b(?!\s*(?:am|pm|:))", _I
)
_WHEN = re.compile(
    r"\b(?:today|tonight|tomorrow|tmrw|tmr|yesterday|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?"
    r"|fri|sat(?:ur)?|sun)(?:day)?|weekend|\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?::\d\d)?\s*(?:am|pm)"
    r"|noon|midday|morning|arvo|afternoon|evening|night)\b",
    _I,
)
# A figure said in words ("that forty five for fuel", "the seventy-five dollars"), or the
# row named as money ("the physio expense", "that service entry").
_MONEY_WORDS = re.compile(
    r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|grand|dollars?|bucks"
    r"|quid|expenses?|entry|entries|purchase|transaction|payment|spend|receipt)\b",
    _I,
)
# A bare figure right after the definite word is the row's amount ("the 55 from yesterday");
# a count of days, a date or a clock time is not ("the vet in 3 days", "the 14th", "the 2pm").
_FIGURE_FIRST = re.compile(
    rf"^\W*{_DEFINITE}\s+\$?\d+(?:[.,]\d\d)?\b(?!\s*(?:am|pm|:|st|nd|rd|th|days?|weeks?"
    r"|hours?|hrs?|nights?|mins?|minutes?|kms?|k\b|o'?clock))",
    _I,
)
# "the boat tour one": a row named by what it was for, as money rows are
_ONE = re.compile(r"\b\w+ one\b", _I)


def family_of(row: str) -> Family | None:
    """The family of a kept row named by `row` (its definite word first), or None."""
    return strength(row)[0]


def strength(row: str) -> tuple[Family | None, bool]:
    """The family of the row and whether its name says it outright (a figure of money, a
    word of an appointment) rather than by a day alone (or by a meal, which is bought as
    often as it is booked)."""
    if best_amount(row) or _FIGURE_FIRST.match(row) or _MONEY_WORDS.search(row):
        return "expense", True
    if _APPOINTMENT.search(_MEAL.sub("", row)) and not _ONE.search(row):
        return "event", True
    if _APPOINTMENT.search(row):
        return "event", False
    if _WHEN.search(row):
        return "event", False
    return None, False


def _read(text: str) -> tuple[Act, Family, bool] | None:
    if "?" in text and _ASKED.match(text):
        return None  # "the dentist on thursday is cancelled?": asked, not told
    if m := (
        _REMOVE.search(text)
        or _REMOVE_SPLIT.search(text)
        or _REMOVED.search(text)
        or _REMOVED_PASSIVE.search(text)
        or _NAMED_THEN_REMOVED.search(text)
    ):
        family, outright = strength(m["row"])
        verb = (m.groupdict().get("verb") or "").lower()
        if family == "event" and verb in _LOOSE and not outright:
            return None
        return ("remove", family, outright) if family else None
    for pattern in (
        _MOVE,
        _BRING,
        _MAKE,
        _EDIT,
        _CHANGED,
        _THEY_CHANGED,
        _CHANGED_PASSIVE,
        _NAMED_THEN_CHANGED,
    ):
        if m := pattern.search(text):
            family, outright = strength(m["row"])
            rest = text[m.end("row") :]
            if family == "event" and not outright:
                if _NEW_FIGURE.search(rest) and not _NEW_TIME.search(rest):
                    return None  # "the lunch at the pub was actually 45": money, not a time
                outright = _NEW_TIME.search(rest) is not None  # "… is at 3 now": a time
            return ("change", family, outright) if family else None
    if (m := _FIX_MONEY.search(text)) and family_of(m["row"]) == "expense":
        return ("change", "expense", True)
    return None


def act_on_row(text: str, picked: str | None = None) -> str | None:
    """The tool of the act `text` asks of a row already kept, or None. Against `picked`, an
    act of the other family (the rules read the row's kind from more than its name), the
    row's name must say its family outright: "the caravan park one from tuesday was actually
    45" stays an expense."""
    found = _read(text)
    if not found:
        return None
    act, family, outright = found
    other = {TOOL[f, a] for f, a in TOOL if f != family}
    if picked in other and not outright:
        return None
    return TOOL[family, act]


ACTS = frozenset(TOOL.values())
# A clause that only points back at the row the clause before named: "…, it should be 42",
# "…, fix that", "…, remove it please".
_POINTS_BACK = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:(?:it|that|this|which)\b(?:'s|\s+(?:is|was|should|needs|has"
    r"|can|goes))|(?:\w+\s+){0,2}(?:it|that|this|them)\W*(?:please|pls|thanks|ta|cheers)?\W*$)",
    _I,
)


def points_back(text: str) -> bool:
    """Whether the clause `text` only points back at a row named before it."""
    return _POINTS_BACK.search(text) is not None


# A verb of taking away or ticking off (general answers ticks as its own kind), then
# what is taken, then where from: "take the foil off the shopping list", "remove eggs from
# the pantry", "delete the hilux from my vehicles".
_AWAY = rf"(?:{DELETE}|take|taking|knock|get rid of|clear|tick|cross|check|mark)"
_WHERE: dict[Unkept, str] = {
    "shopping": rf"(?:the |my |our )?(?:{SHOPPING})(?: list)?\b",
    "pantry": r"(?:the |my |our )?(?:pantry|cupboard|fridge|freezer)(?: list)?\b",
    "vehicle": r"(?:the |my |our )(?:vehicles|garage|cars)\b",
    "place": r"(?:the |my |our )(?:saved )?(?:places|spots|map)\b",
}
# (a spot marked "on the map" is put there: "on" takes no place away)
_FROM = {"place": "off|from|out of|in"}
_FROM_WHERE: list[tuple[Unkept, re.Pattern[str]]] = [
    (
        family,
        re.compile(
            # (a clause's own verb: "I bought milk, tick it off the shopping list")
            rf"(?:{_LEAD}|(?:[,;.!]|\s[-–—])\s*"
            r"(?:(?:and|so|then|now|pls|please|can you|could you)\s+)*)"
            rf"{_AWAY}\b[^?]{{1,60}}?\b(?:{_FROM.get(family, 'off|from|out of|in|on')})"
            rf"\s+{where}",
            _I,
        ),
    )
    for family, where in _WHERE.items()
]
# A planned trip, named as one ("the trip to Broome", "my old route"); "the boat trip
# tomorrow" is a booking, an event.
_TRIP = re.compile(
    r"\b(?:the|my|our|that|this|old|new|planned|saved|last|next|first|second|other)"
    r"\s+(?:trip|route|itinerary|journey)s?\b",
    _I,
)


# A kept vehicle's details changed (no tool changes a vehicle): its default, its tank, its
# odometer or its economy set to another figure. A fill or a service that gives an odometer
# says no change verb before it ("filled up, odo 123,400").
_VEHICLE_DETAIL = re.compile(
    rf"{_LEAD}(?:can you |could you )?(?:change|update|set|make|switch|correct|fix|edit)\s+"
    r"(?:(?:the|my|our)\s+)?(?:[\w-]+\s+){0,2}?(?:[\w-]+'s\s+)?(?:(?:fuel\s+)?tank(?:\s+size)?"
    r"|odometer|odo|default\s+(?:vehicle|car|ute|van)|default\s+to\s+(?:the|my|our)"
    r"|consumption|fuel\s+type|economy)\b"
    rf"|{_LEAD}(?:can you |could you )?(?:make|set)\s+(?:the\s+|my\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?"
    r"\s+(?:as\s+)?(?:my|the|our)\s+default\b",
    _I,
)


# A kept vehicle's figure told as a fact ("the tank on the ute holds 80 litres", "my van
# uses 12 litres per 100km"): a detail of the vehicle (no tool sets it), not a fill or a
# question of economy. A water or gas tank is another tank; a question asks.
_VEHICLE_FACT = re.compile(
    r"^[^?]*(?<!water )(?<!grey )(?<!black )(?<!gas )(?<!fresh )\btank\b[^?]{0,30}?"
    r"\b(?:holds|takes|fits|is)\s+(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*"
    r"(?:l|litres?|liters?)\b[^?]*$"
    r"|^[^?]*\b(?:uses|does|gets|averages|burns|drinks)\s+(?:about\s+|around\s+|roughly\s+)?"
    r"\d+(?:\.\d+)?\s*(?:l|litres?|liters?)?\s*(?:per|/|to the|every|a)\s*100"
    r"(?:\s*kms?\b|\b)[^?]*$"
    # a kept vehicle's tank told: "the LandCruiser has a 180 litre tank" (not one introduced:
    # "I've got a Hilux, it has an 80 litre tank")
    r"|^\W*(?:the|my|our)\s+[\w-]+(?:\s+[\w-]+)?(?:\s+has|\s+has got|\s*'s got)\s+(?:a|an)\s+"
    r"\d+(?:\.\d+)?\s*(?:l|litres?|liters?)\s+(?:fuel\s+|diesel\s+|petrol\s+|main\s+)?tank\b[^?]*$",
    _I,
)
# Pantry stock used: "we used 6 eggs", "ate 2 tins of beans" (no tool takes stock out; a
# count, not "the last of", which asks for more on the list; no litres: a fill)
_USED_UP = re.compile(
    r"^\W*(?:(?:we|i|we'?ve|i'?ve|the kids|the kids have)\s+)?(?:just\s+)?(?:used|used up|ate"
    r"|finished|finished off|went through|polished off|cooked)\s+(?:up\s+)?(?:\d+|a couple of"
    r"|a few|one|two|three|four|five|six|half a|half the)\s+(?![^,;.!?]*\b(?:litres?|liters?|l"
    r"|kwh|kms?|dollars?|bucks|hours?|days?|minutes?|mins?)\b)[^,;.!?\d$]*[.!]*$",
    _I,
)


# (a vehicle being added is told with its figures: "register our camper, uses 18L/100km")
_ADDING_ONE = re.compile(
    r"\b(?:add|register|save|new|bought|called|named|call (?:it|her|him))\b"
    # one hired for the trip: "we rent a campervan, …, the tank is 70 litre"
    r"|\b(?:we|i)(?:'re| are| am|'m)? (?:rent|rented|renting|hire|hired|hiring|lease|leased"
    r"|leasing)\b"
    # "put the hiace on my vehicles"
    r"|\b(?:to|on|onto|in|into) (?:my|our|the) (?:vehicles|garage|fleet)\b",
    _I,
)


def unkept(text: str) -> Unkept | None:
    """The family of a kept row `text` asks to change or take away when PAM has no tool for
    that (a shopping item, a pantry item, a planned trip, a vehicle, a saved place)."""
    for family, pattern in _FROM_WHERE:
        if pattern.search(text):
            return family
    if _USED_UP.match(text):
        return "pantry"  # "we used 6 eggs": no tool takes stock out
    for pattern in (_REMOVE, _REMOVE_SPLIT, _REMOVED, _MOVE, _EDIT, _CHANGED, _THEY_CHANGED):
        if (m := pattern.search(text)) and _TRIP.search(m["row"]):
            return "trip"
    if _VEHICLE_DETAIL.match(text) or (_VEHICLE_FACT.search(text) and not _ADDING_ONE.search(text)):
        return "vehicle"  # "make the Hilux my default", "change the Troopy's tank to 180 litres"
    # a budget taken away ("delete the entertainment budget", "scrap my fuel budget"): no
    # tool removes one (set_budget changes its figure), and no expense is meant
    for pattern in (_REMOVE, _REMOVE_SPLIT, _REMOVED):
        if (m := pattern.search(text)) and re.search(r"\b(?:budget|limit)s?\b", m["row"], _I):
            return "budget"
        # a post or comment taken away ("delete my post about the dingo"): no tool deletes
        # one, and a like or a new post is never what was meant
        if m and re.search(r"\b(?:posts?|comments?)\b", m["row"], _I):
            return "post"
    return None
