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
    "auckland": _AUCKLAND,
}  # fmt: skip
_CURRENCY = [
    (r"\bnzd\b|\bnz dollars?\b|new zealand dollars?|kiwi dollars?", "NZD"),
    (r"\busd\b|\bus dollars?\b|american dollars?|u\.s\. dollars?", "USD"),
    (r"\bgbp\b|pounds?|sterling", "GBP"),
    (r"\beur\b|euros?", "EUR"),
    (r"\bcad\b|canadian dollars?", "CAD"),
    (r"\bjpy\b|\byen\b", "JPY"),
    (r"\baud\b|aussie dollars?|australian dollars?", "AUD"),
]
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
_PETS = r"dogs?|cats?|pets?|kelpies?|pupp(?:y|ies)|birds?|budgies?|heelers?|staff(?:y|ies)"
_WITH = r"travel(?:ling)? with|we have|we've got|i have|i've got|our pets? (?:is|are)"


def _timezone(text: str) -> str | None:
    iana = re.search(r"\b([A-Z][a-z]+/[A-Z][A-Za-z_]+)\b", text)
    if iana:
        return iana[1]
    for name in sorted(_TZ, key=len, reverse=True):
        if re.search(rf"\b{name}\b", text, _I):
            return _TZ[name]
    return None


def update_profile(text: str, env: Env) -> Draft:
    draft = Draft("update_profile")
    if intro := INTRO.match(text):
        draft.put("display_name", intro[1])
    if m := re.search(_NAME, text, _I):
        # a second word only when it is capitalised as typed ("Bev Smith", not "Bev and")
        second = m[2] if m[2] and m[2].strip()[:1].isupper() else ""
        draft.put("display_name", capitalise(m[1]) + second)
    elif m := re.search(_USE_NAME, text, _I):
        draft.put("display_name", m[1])
    if re.search(r"\b(?:miles|imperial|gallons|mpg|fahrenheit)\b", text, _I):
        draft.put("units", "imperial")
    elif re.search(r"\b(?:metric|kilomet\w+|kms|litres|km)\b", text, _I):
        draft.put("units", "metric")
    if re.search(r"\bcurrency\b|\bdollars\b|\b(?:switch|change|use|set|in)\b", text, _I):
        draft.put("currency", next((c for p, c in _CURRENCY if re.search(p, text, _I)), None))
    if re.search(r"\btime ?zone\b|\btime\b|\bzone\b", text, _I):
        draft.put("timezone", _timezone(text))
    live = re.search(
        r"\b(?:(?:i|we) (?:now )?live|(?:i'm|we're|i am|we are) (?:now )?living) in\s+(.+)$",
        text,
        _I,
    )
    if live and not (known_town(live[1].split(",")[0].strip()) or live[1][:1].isupper()):
        live = None  # "we live in a caravan": no town
    if m := (
        re.search(_IS_HOME, text)
        or re.search(_HOME, text, _I)
        or re.search(_BASED, text, _I)
        or live
    ):
        place = re.split(_PLACE_ENDS, m[1].lstrip(" -"), flags=_I)[0]
        place = title_case(squash(place))
        draft.put("home_base", known_town(place) or place)  # "Mildura these days": Mildura
    if m := re.search(r"\btravel(?:ling)? style\s*(?:is|:|to|=)?\s*(.+)$", text, _I):
        draft.put("travel_style", squash(m[1]))
    pets = re.search(rf"\b(?:{_WITH})\s+(.*\b(?:{_PETS})\b.*)$", text, _I)
    pets = pets or re.search(r"\b(our (?:dog|cat|pet)\b.*)$", text, _I)
    pets = pets or re.search(r"\bpets?\s*[:=-]\s*(.+)$", text, _I)  # "pets: two kelpies"
    if pets:
        draft.put("pets", squash(pets[1]))
    draft.missing = None if draft.args else "profile"
    return draft
