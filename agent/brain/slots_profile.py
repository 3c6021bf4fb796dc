"""Arguments of update_profile: name, units, currency, time zone, home base, style, pets."""

from __future__ import annotations

import re

from agent.brain.convo import Env
from agent.brain.draft import Draft
from agent.brain.intents import INTRO
from agent.brain.places import known_town
from agent.brain.textutil import capitalise, squash, title_case

_I = re.IGNORECASE
_PERTH, _DARWIN, _ADELAIDE = "Australia/Perth", "Australia/Darwin", "Australia/Adelaide"
_BRISBANE, _SYDNEY, _MELBOURNE = "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne"
_HOBART, _AUCKLAND = "Australia/Hobart", "Pacific/Auckland"
_TZ = {
    "perth": _PERTH, "wa": _PERTH, "western australia": _PERTH, "awst": _PERTH,
    "broome": _PERTH, "darwin": _DARWIN, "nt": _DARWIN, "alice springs": _DARWIN,
    "acst": _DARWIN, "northern territory": _DARWIN, "adelaide": _ADELAIDE, "sa": _ADELAIDE,
    "south australia": _ADELAIDE, "brisbane": _BRISBANE, "qld": _BRISBANE,
    "cairns": _BRISBANE, "queensland": _BRISBANE, "townsville": _BRISBANE,
    "aest": _BRISBANE, "sydney": _SYDNEY, "nsw": _SYDNEY, "canberra": _SYDNEY, "act": _SYDNEY,
    "aedt": _SYDNEY, "melbourne": _MELBOURNE, "vic": _MELBOURNE, "victoria": _MELBOURNE,
    "hobart": _HOBART, "tas": _HOBART, "tasmania": _HOBART,
    "broken hill": "Australia/Broken_Hill", "eucla": "Australia/Eucla",
    "lord howe": "Australia/Lord_Howe", "new zealand": _AUCKLAND, "nz": _AUCKLAND,
    "auckland": _AUCKLAND, "nzst": _AUCKLAND, "nzdt": _AUCKLAND,
    # zones named by their region's clock, as travellers elsewhere say them
    "mountain": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "pacific": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "alaska": "America/Anchorage", "akst": "America/Anchorage", "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix", "atlantic": "America/Halifax",
    "newfoundland": "America/St_Johns", "cst": "America/Chicago", "cdt": "America/Chicago",
    "est": "America/New_York", "edt": "America/New_York", "gmt": "Europe/London",
    "bst": "Europe/London", "uk": "Europe/London", "british": "Europe/London",
    "london": "Europe/London", "cet": "Europe/Paris", "cest": "Europe/Paris",
}  # fmt: skip
# "Eastern", "Central" and "Western" time are the clocks of the user's own continent: an
# American's Eastern is New York's, an Australian's Sydney's.
_REGION_TZ = {
    "eastern": ("America/New_York", _SYDNEY), "central": ("America/Chicago", _DARWIN),
    "western": ("America/Los_Angeles", _PERTH),
}  # fmt: skip
# A zone said as the one PAM has now, or the one left: "you've got me on Pacific", "not
# Eastern", "instead of AEST", "from Perth time".
_OLD_ZONE = re.compile(
    r"(?:\b(?:got|have|has|had|put|set|keep|kept) (?:me|us)(?: down)? (?:on|in|as|at|under)"
    r"|\binstead of|\brather than|\bnot(?: on| in)?|\bfrom|\bstill (?:on|in)|\bwrong)"
    r"\s+(?:the\s+)?$",
    _I,
)
_LEFT = re.compile(r"\s*(?:time\s+)?(?:any ?more|no more|no longer)\b", _I)  # "Eastern anymore"
_CURRENCY = [
    (r"\bnzd\b|\bnz dollars?\b|new zealand dollars?|kiwi dollars?", "NZD"),
    (r"\busd\b|\bus dollars?\b|american dollars?|u\.s\. dollars?", "USD"),
    (r"\bgbp\b|pounds?|sterling", "GBP"),
    (r"\beur\b|euros?", "EUR"),
    (r"\bcad\b|canadian dollars?", "CAD"),
    (r"\bjpy\b|\byen\b", "JPY"),
    (r"\baud\b|aussie dollars?|australian dollars?", "AUD"),
]
_CURRENCY_WORDS = re.compile("|".join(p for p, _ in _CURRENCY), _I)
# "call me", and the name others use: "everyone calls me Bev", "mates call me Jacko".
_NAME = r"\b(?:calls? me|my name is|my name's|name's|i go by"
_NAME += r"|(?:change|set|update) my (?:display )?name to)"
_NAME += r"\s+([A-Za-z][\w'-]*)(\s+[A-Z][\w'-]*)?"
# A name the user asks PAM to use: "use Bev from now on", "using Jacko instead" (capitalised
# as typed, so "use metric from now on" is no name).
_USE_NAME = (
    r"\b(?:use|using|go with|going with|stick to|stick with)\s+(?-i:([A-Z][\w'-]*))"
    r"\s+(?:from now on|instead|as my name|for my name|for me|when you talk to me)\b"
)
_HOME = r"\b(?:home base|home town|hometown)\s*(?:is|:|to|=)?\s*(?:now\s+)?(.+)$"
_BASED = r"\bbased (?:in|at|out of)\s+(.+)$"
# "Bundaberg is home base now": the place before the words (capitalised, as typed).
_IS_HOME = (
    r"\b([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s+(?:is|'s)\s+(?:now\s+)?(?:our\s+|my\s+|the\s+)?"
    r"(?i:new\s+)?(?i:home\s*base|home town|hometown|home)\b"
)
# What ends a place said in passing: a new clause, a dash, "these days", "now".
_PLACE_ENDS = (
    r"\s+(?:when|while|if|but|because|cos|coz|and we|unless|these days|nowadays|now|from now on"
    r"|for now|at the moment|anymore"
    # "… to Perth and change my time zone": the next thing asked
    r"|and (?:change|set|update|switch|make|put|alter|move|also|then|please|could|can|would)"
    r")\b|\s+-\s|[,;.(!?]"
)
_PETS = (
    r"dogs?|cats?|pets?|kelpies?|pupp(?:y|ies)|pups?|birds?|budgies?|heelers?|staff(?:y|ies)"
    # breeds and other animals people travel with (a lexicon: a word here makes the
    # companion a pet, so "our kelpie Max" is one and "my wife Sue" is not)
    r"|collies?|border collies?|labradors?|labs?|retrievers?|poodles?|cavoodles?|groodles?"
    r"|labradoodles?|spoodles?|terriers?|jack russells?|jrts?|cattle dogs?|greyhounds?"
    r"|whippets?|spaniels?|beagles?|schnauzers?|chihuahuas?|pugs?|dachshunds?|sausage dogs?"
    r"|shih tzus?|maltese|corgis?|huskies|husky|boxers?|rottweilers?|kelpie x|bulldogs?"
    r"|shepherds?|german shepherds?|koolies?|mutts?|doggos?|kitt(?:y|ies)|kittens?|moggies?"
    r"|parrots?|cockatoos?|galahs?|cockatiels?|chooks?|chickens?|rabbits?|bunn(?:y|ies)"
    r"|guinea pigs?|ferrets?|horses?|ponies|pony|fish|turtles?|lizards?|dragons?"
)
_WITH = r"travel(?:ling)? with|we have|we've got|i have|i've got|our pets? (?:is|are)"
# People one travels with: a companion named with one of these is no pet.
_PEOPLE = re.compile(
    r"\b(?:wife|husband|hubby|missus|misses|partner|spouse|other half|better half|kids?"
    r"|children|son|daughter|grandkids?|grandchildren|grandson|granddaughter|mum|mom|dad"
    r"|mother|father|brother|sister|mate|mates|friend|friends|family|fiance|fiancee"
    r"|girlfriend|boyfriend|sister-in-law|brother-in-law|in-laws|parents|nan|pop|uncle|aunt"
    r"|auntie|cousin|niece|nephew|baby|bub|toddler|teenager|teens?)\b",
    _I,
)
# "set my pets to: …", "change my home base to …", "update our travel style to …": a field
# named outright and its new value.
_SET_FIELD = re.compile(
    r"\b(?:set|change|update|make|put|switch)\s+(?:my|our|the)\s+(?P<field>pets?|animals?"
    r"|home ?base|home town|hometown|travel(?:ling)? style|display name|name)"
    r"\s+(?:to|as|=)\s*[:=-]?\s*(?P<value>.+?)"
    # "set my name to Shaz and home base Hervey Bay": the value ends where another field is
    # named
    r"(?:\s*(?:,|;|\band\b|&|\balso\b)\s*(?:(?:set|change|update|make)\s+)?(?:my\s+|our\s+|the\s+)?"
    r"(?:home ?base|home town|hometown|pets?|travel(?:ling)? style|units|currency|time ?zone"
    r"|(?:display )?name)\b.*)?\s*[.!]*$",
    _I,
)
# A name put right: "my name's spelt wrong — it should be Maree, not Marie", "it's Jo not
# Joe on my profile": the name that should be, capitalised as typed
_NAME_RIGHT = re.compile(
    r"\b(?:should be|should read|meant to be|supposed to be|it'?s|is|spelt|spelled|with)"
    r"\s+['\"]?(?-i:([A-Z][\w'-]*))['\"]?\s*,?\s*(?:not|instead of|rather than)\s+['\"]?"
    r"(?-i:[A-Z][\w'-]*)",
    _I,
)
# A change of mind in the same breath: what is said after the last of these wins.
_CHANGE_OF_MIND = re.compile(
    r"\b(?:no wait|wait no|actually|scratch that|on second thoughts?|i mean|sorry|nah|no no"
    r"|make that|or rather|correction)\b|\bno\b\s*[,.]",
    _I,
)
_UNIT_WORDS = re.compile(
    r"\b(?:(?P<imperial>miles|imperial|gallons|mpg|fahrenheit)|(?P<metric>metric|kilomet\w+"
    r"|kms|litres|km))\b",
    _I,
)


def _pets_only(said: str) -> str | None:
    """The pets among companions ("my wife Sue and our kelpie Max" → "kelpie Max"): each
    one named at "and"/commas, kept when an animal word names it and no person word does."""
    parts = re.split(r"\s*(?:,|\band\b|&|\bplus\b)\s*", said)
    if len(parts) < 2:
        return None  # one companion: kept as said
    kept: list[str] = []
    last = ""  # what the part before was: "pet", "person" or ""
    for part in parts:
        if _PEOPLE.search(part):
            last = "person"
        elif re.search(rf"\b(?:{_PETS})\b", part, _I):
            part = re.sub(r"^(?:our|my)\s+", "", part.strip(), flags=_I)
            # ("… with us", "… in tow": how they come along, not who they are)
            kept.append(
                re.sub(r"\s+(?:with (?:us|me)|along|in tow|too|as well)$", "", part, flags=_I)
            )
            last = "pet"
        elif last == "pet" and part.strip():
            kept[-1] += f", {part.strip()}"  # "our kelpie, Red": the pet's name after it
            last = ""
        else:
            last = ""  # "my wife, Sue": the person's name after them
    return " and ".join(k for k in kept if k) or None


def _units(text: str) -> str | None:
    """Imperial when any imperial word is said ("miles, the van does 12 L/100 km"), metric
    when only metric ones are; after a change of mind, what is said after it wins ("we use
    imperial... no wait, metric is fine")."""
    said = list(_UNIT_WORDS.finditer(_after_change_of_mind(text, _UNIT_WORDS) or text))
    if not said:
        return None
    return "imperial" if any(m["imperial"] for m in said) else "metric"


def _after_change_of_mind(text: str, names: re.Pattern[str]) -> str | None:
    """The words after the last change of mind, when they name a value of the kind."""
    minds = list(_CHANGE_OF_MIND.finditer(text))
    after = text[minds[-1].end() :] if minds else ""
    return after if after and names.search(after) else None


# Names that are only ever a clock ("we're on Mountain now"), unlike a town's.
_CLOCK_ONLY = re.compile(
    r"\b(?:mountain|pacific|atlantic|eastern|central|aest|aedt|acst|acdt|awst|nzst|nzdt|mst|mdt"
    r"|pst|pdt|cst|cdt|est|edt|akst|gmt|bst|cet|cest)\b(?! (?:coast|highway|hwy|ocean|range"
    r"|region|station|park|australia|desert|markets?)\b)",
    _I,
)
_ZONE_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((*_TZ, *_REGION_TZ), key=len, reverse=True)) + r")\b", _I
)


def _timezone(text: str, american: bool = False) -> str | None:
    """The zone the user is in now: the first zone named that is not the one PAM has or the
    one left ("we're in Mountain time, you've got me on Pacific": Mountain)."""
    iana = re.search(r"\b([A-Z][a-z]+/[A-Z][A-Za-z_]+)\b", text)
    if iana:
        return iana[1]
    said = [
        (
            bool(_OLD_ZONE.search(text[max(0, m.start() - 30) : m.start()]))
            or bool(_LEFT.match(text, m.end())),
            m[0].lower(),
        )
        for m in _ZONE_NAME.finditer(text)
    ]
    names = [name for old, name in said if not old] or [name for _, name in said]
    if not names:
        return None
    if names[0] in _REGION_TZ:
        return _REGION_TZ[names[0]][0 if american else 1]
    return _TZ[names[0]]


def update_profile(text: str, env: Env) -> Draft:
    draft = Draft("update_profile")
    if intro := INTRO.match(text):
        draft.put("display_name", intro[1])
    if re.search(r"\bname\b", text, _I) and (right := _NAME_RIGHT.search(text)):
        draft.put("display_name", right[1])
    elif m := re.search(_NAME, text, _I):
        # a second word only when it is capitalised as typed ("Bev Smith", not "Bev and")
        second = m[2] if m[2] and m[2].strip()[:1].isupper() else ""
        draft.put("display_name", capitalise(m[1]) + second)
    elif m := re.search(_USE_NAME, text, _I):
        draft.put("display_name", m[1])
    draft.put("units", _units(text))
    if re.search(r"\bcurrency\b|\bdollars\b|\b(?:switch|change|use|set|in)\b", text, _I):
        # (after a change of mind, what is said after it: "USD, no actually NZD")
        said = _after_change_of_mind(text, _CURRENCY_WORDS) or text
        draft.put("currency", next((c for p, c in _CURRENCY if re.search(p, said, _I)), None))
    if re.search(r"\btime ?zone\b|\btime\b|\bzone\b", text, _I) or _CLOCK_ONLY.search(text):
        draft.put("timezone", _timezone(text, env.american))
    live = re.search(
        r"\b(?:(?:i|we) (?:now )?live|(?:i'm|we're|i am|we are) (?:now )?living) in\s+(.+)$",
        text,
        _I,
    )
    if live and not (known_town(live[1].split(",")[0].strip()) or live[1][:1].isupper()):
        live = None  # "we live in a caravan": no town
    # (the first that names a place: "based out of Bendigo now - make that my home base"
    # says the place before the words, and nothing after them)
    for m in (
        re.search(_IS_HOME, text),
        re.search(_HOME, text, _I),
        re.search(_BASED, text, _I),
        live,
    ):
        if m is None:
            continue
        place = re.split(_PLACE_ENDS, m[1].lstrip(" -"), flags=_I)[0]
        place = title_case(squash(place))
        if place:
            draft.put("home_base", known_town(place) or place)  # "Mildura these days": Mildura
            break
    if m := re.search(r"\btravel(?:ling)? style\s*(?:is|:|to|=)?\s*(.+)$", text, _I):
        draft.put("travel_style", squash(m[1]))
    pets = re.search(rf"\b(?:{_WITH})\s+(.*\b(?:{_PETS})\b.*)$", text, _I)
    pets = pets or re.search(r"\b(our (?:dog|cat|pet)\b.*)$", text, _I)
    pets = pets or re.search(r"\bpets?\s*[:=-]\s*(.+)$", text, _I)  # "pets: two kelpies"
    if pets:
        draft.put("pets", _pets_only(squash(pets[1])) or squash(pets[1]))
    if named := _SET_FIELD.search(text):
        _set_field(draft, named["field"].lower(), squash(named["value"]))
    draft.missing = None if draft.args else "profile"
    return draft


def _set_field(draft: Draft, field: str, value: str) -> None:
    """A field named outright takes the words after "to" as they are (its last clause after
    a change of mind: "set my name to Bob, sorry, Robert")."""
    if minds := list(_CHANGE_OF_MIND.finditer(value)):
        value = value[minds[-1].end() :].strip(" ,.-") or value
    if not value:
        return
    if field.startswith(("pet", "animal")):
        draft.put("pets", value)
    elif "home" in field:
        draft.put("home_base", known_town(title_case(value)) or title_case(value))
    elif "style" in field:
        draft.put("travel_style", value)
    else:
        draft.put("display_name", capitalise(value))
