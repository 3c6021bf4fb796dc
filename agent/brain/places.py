"""Place names after "in", "at", "near", "from", "to", "via": as typed, title-cased."""

from __future__ import annotations

import re

from agent.brain.textutil import squash, title_case
from tools.geo.gazetteer import gazetteer, name_key

# Words that end a place name: times, dates, filler, the next clause.
_STOP = (
    r"today|tonight|tomorrow|yesterday|this|next|last|on|for|at|in|by|with|and|then|please|the"
    r"|weekend|week|morning|afternoon|arvo|evening|night|around|near|within|from|to|via|over"
    r"|during|is|was|will|would|going|looking|like|forecast|weather|rain|odo|odometer|cost"
    r"|costing|costs|for|which|that|it|its|it's|i|we|my|our|me|us|as|rated|stars?|share|shared"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug"
    r"|sep|sept|oct|nov|dec|\d+\w*|\$\S*|any|some|stopping|plan|planning|trip|route|drive"
    r"|driving|journey|head|heading|travel|travelling|go|get|an?|far|distance|leaving|leave"
    r"|through|thru|via|after|before|when|where|so|but|or|too|also|do|does|doing|paid|spent"
    r"|if|can|could|should|there|here|km|kms|radius|away|about|of|up|what's|whats|how|be|been"
    r"|map|out|plot|work|figure|show|give|me|tell|calculate|estimate|sort|check|route|roughly"
    r"|tmrw|tmr|tomoz|2moro|tomorow|tommorow|yest|yday|tonite|arvo|pls|please|thanks"
    r"|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|take|takes|taking|took|use|need|needs"
    r"|are|were|has|have|had|wise|looking|looks|like|gonna|going|expected|supposed|still|far"
    r"|run|haul|trek|hop|leg|cruise|ride"
    # how soon, said after the place ("near Katherine asap", "in Roma right now")
    r"|asap|a\.s\.a\.p|urgently|urgent|quick|quickly|now|soon|immediately|pronto|right|stat"
    # how sure, said after it ("to Uluru approx")
    r"|approx|approximately|roughly|about|ish|maybe|exactly|precisely"
    # ways of going ("from Kalgoorlie down to Esperance", "across to Ceduna")
    r"|down|over|across|around"
)
_I = re.IGNORECASE
_WORD = rf"(?!(?:{_STOP})\b)[A-Za-z][\w'.-]*"
_NAME = rf"(?:the\s+)?{_WORD}(?:\s+(?:of\s+the\s+|of\s+|on\s+)?{_WORD}){{0,3}}"
_NOT_PLACES = {"home", "there", "here", "town", "the", "camp", "work", "me", "you", "us"}
# what a traveller fills or sleeps in ("put 80 litres in the rig") is no place
_NOT_PLACES |= {"rig", "van", "ute", "car", "truck", "tank", "caravan", "motorhome", "camper"}
_NOT_PLACES |= {"trailer", "bus", "wagon", "4wd", "jerry can", "jerry cans", "jerries", "rv"}


# A verb of going said before a lower-case origin ("if we went darwin to alice"): no name.
_GOING = re.compile(
    r"^(?:went|go|goes|going|drove|drive|driving|head|headed|heading|travel(?:l?ed|l?ing)?|ride"
    r"|rode|cruise|cruising|did|do|does|doing|done|take|took|taking|make|made|making)\s+(?=[a-z])",
)


def _clean(raw: str) -> str | None:
    name = squash(re.sub(r"^(?:the)\s+", "", _GOING.sub("", raw.strip()), flags=re.I))
    if not name or name.lower() in _NOT_PLACES:
        return None
    if re.search(r"\b(?:log|logbook|log book|list|records?|diary|tracker|app)$", name, re.I):
        return None  # "put that in the fuel log", "on my jobs list": where it is kept
    return title_case(name)


def _as_town(raw: str) -> str | None:
    """ "Exmouth starting", "hobart again", "Cooktown first thing": a town the map knows,
    then words typed in lower case that make no longer name it knows, is the town alone
    (a name the map does not know at all is left as typed)."""
    name = _clean(raw)
    if name is None or (town := known_town(name)) is None or len(town) == len(name):
        return name
    said = raw.strip().split()
    kept = len(town.split()) + len(said) - len(name.split())  # ("the" before it)
    rest = said[kept:]
    return title_case(town) if rest and all(w[0].islower() for w in rest) else name


def place_after(text: str, words: str, *, town: bool = False) -> tuple[str, int, int] | None:
    """The place after one of `words` ("in|at"), with its span; with `town`, a town the
    map knows ends the name where lower-case words follow it (_as_town)."""
    pattern = re.compile(rf"\b(?:{words})\s+({_NAME})", re.IGNORECASE)
    for m in pattern.finditer(text):
        name = _as_town(m[1]) if town else _clean(m[1])
        if name:
            return name, m.start(), m.end()
    return None


def capitalised_place(text: str) -> str | None:
    """A capitalised name after "in/at" (for expense descriptions and event locations)."""
    m = re.search(
        r"\b(?:in|at)\s+((?:[A-Z][\w'.-]+)(?:\s+(?:of|on)\s+[A-Z][\w'.-]+|\s+[A-Z][\w'.-]+){0,3})",
        text,
    )
    if not m:
        return None
    name = _clean(m[1])
    days = r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Coles|Woolies|Aldi)\b"
    return None if name is None or re.match(days, name) else name


_FACILITY = re.compile(
    r"\s+(?:show ?grounds?|visitor (?:centre|center|info(?:rmation)? centre)"
    r"|info(?:rmation)? centre|caravan park|tourist park|holiday park|rest area|roadhouse"
    r"|library|rsl|servo|service station"
    r"|boat ramp|oval|rec(?:reation)? (?:ground|reserve)|golf club|bowls club|pub|hotel|bakery"
    r"|supermarket|town centre|main street|foreshore|jetty|wharf|lookout|racecourse|police station"
    r"|post office|hospital|school|airport|tip|transfer station|sports? ground)$",
    re.IGNORECASE,
)


def a_facility(place: str) -> bool:
    """Whether a place is a town's facility and nothing else ("the Visitor Centre", "the
    showgrounds"): where in a town, not which town."""
    return bool(_FACILITY.fullmatch(" " + re.sub(r"^(?:the|a)\s+", "", place.strip(), flags=re.I)))


def town_of(place: str) -> str:
    """The town of "Roma Showgrounds" or "Tennant Creek Visitor Centre": the place as a
    gazetteer knows it, without the facility in it."""
    town = _FACILITY.sub("", place).strip()
    return town or place


def known_town(phrase: str) -> str | None:
    """The longest leading run of words in `phrase` that is a town's name ("Nyngan" in
    "Nyngan Riverside Caravan Park"): what anyone who knows the map would read."""
    words = phrase.split()
    for n in range(min(len(words), 4), 0, -1):
        name = " ".join(words[:n])
        if gazetteer().lookup(name_key(name)):
            return name
    return None


def town_after_word(text: str, words: str = "in|at|to|from|near") -> str | None:
    """A town typed in any case after one of `words` ("the dentist in toowoomba", "filled
    up at roma"), when the map knows it."""
    # A lookahead, so "in the dentist in toowoomba" tries the second "in" too.
    pattern = rf"\b(?:{words})\s+(?=([a-z][\w'.-]*(?:\s+[a-z][\w'.-]*){{0,2}}))"
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if town := known_town(m[1]):
            return title_case(town)
    return None


_NOT_NAMES = re.compile(
    r"^(?:I|I'm|I'd|I've|PAM|Pam|OK|Ok|The|A|An|What|Whats|What's|How|Is|Are|Will|Can|Monday"
    r"|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|Coles|Woolies|Aldi)$"
)


def named_town(text: str) -> str | None:
    """A town named anywhere in `text` by a capitalised word ("is the Birdsville track
    going to be wet?"), when it is one the map knows."""
    for m in re.finditer(r"\b[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}", text):
        words = [w for w in m[0].split() if not _NOT_NAMES.match(w)]
        if words and (town := known_town(" ".join(words))):
            return town
    return None


_TRIPS = [
    re.compile(rf"\bfrom\s+(?P<a>{_NAME})\s+(?:to|->|→|towards)\s+(?P<b>{_NAME})", re.I),
    re.compile(rf"\b(?:to|towards)\s+(?P<b>{_NAME})\s+from\s+(?P<a>{_NAME})", re.I),
    re.compile(rf"\bhow far(?:'s| is)? (?:it )?(?:to )?(?P<b>{_NAME})\s+from\s+(?P<a>{_NAME})", _I),
    # "how far is Longreach from here": from where the user is (the extractor's location)
    re.compile(
        rf"\bhow far(?:'s| is)? (?:it )?(?:to )?(?P<b>{_NAME})\s+from\s+(?:here|where (?:we|i)"
        r"(?:'re|'m| are| am))\b",
        _I,
    ),
    re.compile(rf"\bbetween\s+(?P<a>{_NAME})\s+(?:and|&)\s+(?P<b>{_NAME})", re.I),
    # "is Broome far from Derby", "Cooktown a long drive from Cairns?"
    re.compile(
        rf"(?:^|\bis\s+)(?P<b>{_NAME})\s+(?:very\s+|too\s+|that\s+|much\s+)?(?:far|a long way"
        rf"|a long drive|a big drive|a long trip|close|near)\s+(?:away\s+)?from\s+(?P<a>{_NAME})",
        re.I,
    ),
    re.compile(rf"\bleaving\s+(?P<a>{_NAME})\s+(?:\w+\s+)?(?:for|to)\s+(?P<b>{_NAME})", re.I),
    re.compile(rf"(?:^|\s)(?P<a>{_NAME})\s+(?:to|->|→)\s+(?P<b>{_NAME})", re.I),
    re.compile(rf"\b(?:to|towards|for)\s+(?P<b>{_NAME})", re.I),
    re.compile(rf"\bfrom\s+(?P<a>{_NAME})", re.I),
]
_STOPS = re.compile(
    rf"\b(?:via|through|thru|stopping (?:at|in)|stop (?:at|in)|with stops? (?:at|in)"
    rf"|going through|passing through)\s+(?P<s>{_NAME}(?:\s*(?:,|and|then|&)\s*{_NAME})*)",
    re.IGNORECASE,
)


_THEN = re.compile(
    rf"\s*,?\s*(?:and\s+)?then\s+(?:on\s+|up\s+|down\s+|over\s+|across\s+|back\s+)?"
    rf"(?:to\s+)?(?P<b>{_NAME})",
    re.IGNORECASE,
)


# "A to B to C", "A -> B -> C": a further leg, when the map knows the town ("to see the
# whales" is no leg).
_CHAIN = re.compile(rf"\s+(?:to|->|→)\s+(?P<b>{_NAME})", re.IGNORECASE)


def _onward(text: str, at: int) -> re.Match[str] | None:
    if more := _THEN.match(text, at):
        return more
    more = _CHAIN.match(text, at)
    return more if more and known_town(_clean(more["b"]) or "") else None


# "via the Great Ocean Road", "through the Stuart Hwy": the way, not a town to stop at.
_ROAD = re.compile(
    r"\b(?:road|rd|highway|hwy|freeway|fwy|motorway|track|trail|way|drive|dr|coast road"
    r"|coast|range|ranges|pass|loop|route)$",
    re.IGNORECASE,
)


_DASHED_LEGS = re.compile(
    r"\b(?:route|trip|drive|itinerary|journey|plan)\b.*?[A-Za-z]\s+[-–]\s+[A-Za-z]", re.I
)


# A clause after a list of stops that names no town: a verb of setting off or arriving
# ("starting", "leaving", "heading off"), a word of time ("next week", "on the 3rd").
_NO_STOP = re.compile(
    r"\s*(?:start\w*|leav\w*|depart\w*|head\w*|arriv\w*|return\w*|get\w*|com\w*|go\w*"
    r"|set\w*\s+off|back|next|this|on|in|at|by|from|for|over|during|early|late|mid|around"
    r"|about|then|the\s+(?:\d|first|last|next|week|month|day|weekend))\b",
    re.IGNORECASE,
)


def trip_places(text: str) -> tuple[str | None, str | None, list[str]]:
    """(origin, destination, stops) of "from Broome to Alice Springs via Tennant Creek"."""
    stops: list[str] = []
    if _DASHED_LEGS.search(text) and not re.search(r"\b(?:to|from)\b", text, re.I):
        # "plan route Adelaide - Port Augusta - Coober Pedy": the dashes are the legs
        text = re.sub(r"\s+[-–]\s+", " to ", text)
    if sm := _STOPS.search(text):
        for part in re.split(r"\s*(?:,|\band\b|\bthen\b|&)\s*", sm["s"]):
            if _NO_STOP.match(part):
                break  # "via Yulara, starting the 3rd": the list of stops has ended
            if (name := _clean(part)) and not _ROAD.search(name):
                stops.append(name)
        text = text[: sm.start()] + " , " + text[sm.end() :]
    origin = dest = None
    for pattern in _TRIPS:
        if m := pattern.search(text):
            groups = m.groupdict()
            origin = _as_town(groups["a"]) if groups.get("a") else None
            dest = _as_town(groups["b"]) if groups.get("b") else None
            if dest and groups.get("b"):
                # "to Katherine then on to Kununurra": the towns before the last are stops
                while (more := _onward(text, m.end("b"))) and (last := _as_town(more["b"])):
                    stops.append(dest)
                    dest, m = last, more
            if origin or dest:
                break
    if dest and not origin and (m := _TRIPS[-1].search(text)):  # "to X ... from Y"
        origin = _as_town(m["a"])
    if not origin and not dest and (m := _HOW_FAR_THAT.search(text)):
        # "was thinking maybe longreach next month, how far is that from here": "that" is
        # the town the words before it named
        dest = _town_before(text[: m.start()])
    return origin, dest, stops


_HOW_FAR_THAT = re.compile(
    r"\bhow (?:far|long a drive|long a trip)(?:'s| is)? (?:it|that|this)\b"
    r"(?! (?:to|from)\b(?! here))",
    re.I,
)


def _town_before(text: str) -> str | None:
    """The last town the map knows among the words of `text`, in any case."""
    words = re.findall(r"[A-Za-z][\w'.-]*", text)
    for end in range(len(words), 0, -1):
        for n in (3, 2, 1):
            if end - n < 0:
                continue
            name = " ".join(words[end - n : end])
            if name.lower() in _NOT_PLACES or len(name) < 3:
                continue
            if known_town(name) == name:
                return _as_town(name)
    return None
