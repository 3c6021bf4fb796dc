"""Turning what a person typed ("Birdsvile", "Richmond VIC", "-25.9, 139.35") into a Place."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from tools.geo.gazetteer import Gazetteer, Locality, Place, gazetteer, name_key
from tools.types import ActionError

STATES = {
    "nsw": "NSW", "new south wales": "NSW", "vic": "VIC", "victoria": "VIC",
    "qld": "QLD", "queensland": "QLD", "sa": "SA", "south australia": "SA",
    "wa": "WA", "western australia": "WA", "tas": "TAS", "tasmania": "TAS",
    "nt": "NT", "northern territory": "NT", "act": "ACT",
    "australian capital territory": "ACT",
}  # fmt: skip
_STATE_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s+(?P<state>" + "|".join(sorted(STATES, key=len, reverse=True)) + r")$"
)
# The separator is a comma or semicolon with any spaces, or spaces alone: written as
# `\s*[,;\s]\s*` it could split a run of n spaces n ways, O(n^2) on "1" + 4,000 spaces.
_COORDS = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)(?:\s*[,;]\s*|\s+)(-?\d{1,3}(?:\.\d+)?)\s*$")
# The short names travellers use for regional centres, read before the gazetteer: "Alice"
# is Alice Springs, although a hamlet in NSW is called Alice (reached as "Alice NSW").
# Regions that are no locality go to their centre.
SHORT_NAMES = {
    "alice": ("alice springs", "NT"), "the alice": ("alice springs", "NT"),
    "coffs": ("coffs harbour", "NSW"), "wagga": ("wagga wagga", "NSW"),
    "port mac": ("port macquarie", "NSW"), "the gong": ("wollongong", "NSW"),
    "byron": ("byron bay", "NSW"), "rocky": ("rockhampton", "QLD"),
    "the isa": ("mount isa", "QLD"), "isa": ("mount isa", "QLD"),
    "bundy": ("bundaberg", "QLD"), "airlie": ("airlie beach", "QLD"),
    "surfers": ("surfers paradise", "QLD"), "gold coast": ("southport", "QLD"),
    "the goldie": ("southport", "QLD"), "sunshine coast": ("maroochydore", "QLD"),
    "brissie": ("brisbane", "QLD"), "tennant": ("tennant creek", "NT"),
    "hedland": ("port hedland", "WA"), "kal": ("kalgoorlie", "WA"),
    "margs": ("margaret river", "WA"), "gero": ("geraldton", "WA"),
    "lonnie": ("launceston", "TAS"), "pirie": ("port pirie", "SA"),
}  # fmt: skip
FUZZY_CUTOFF = 85  # rapidfuzz ratio 0-100: "Birdsvile" scores 95, "Coober Pedie" 87
SUGGEST_CUTOFF = 60


def parse_coordinates(text: str) -> Place | None:
    """ "-25.9,139.35" -> a Place named as typed; None when the text is not two numbers."""
    match = _COORDS.match(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ActionError(
            f"{text!r} is not a valid position: latitude must be -90..90 and longitude -180..180.",
            code="invalid",
        )
    return Place(text.strip(), None, lat, lon)


def split_state(key: str) -> tuple[str, str | None]:
    """ "richmond vic" -> ("richmond", "VIC"); a trailing postcode or "australia" is dropped."""
    key = re.sub(r"\s+(australia|\d{4})$", "", key)
    key = re.sub(r"\s+\d{4}$", "", key)
    match = _STATE_SUFFIX.match(key)
    if match:
        return match.group("name"), STATES[match.group("state")]
    return key, None


def _fuzzy(gaz: Gazetteer, key: str, state: str | None) -> Locality | None:
    hits = process.extract(
        key, gaz.keys(state), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
    )
    ranked = [(score, loc) for hit, score, _ in hits for loc in gaz.lookup(hit, state)[:1]]
    if not ranked:
        return None
    # Best spelling match first; among equally close spellings, the more central place.
    ranked.sort(key=lambda pair: (-pair[0], pair[1].preference))
    return ranked[0][1]


def _suggestions(gaz: Gazetteer, key: str) -> list[str]:
    hits = process.extract(key, gaz.keys(), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=3)
    return [gaz.lookup(hit)[0].place.label for hit, _score, _ in hits]


def _not_found(gaz: Gazetteer, text: str, key: str, state: str | None) -> ActionError:
    elsewhere = sorted({loc.place.state or "" for loc in gaz.lookup(key)})
    if state and elsewhere:
        hint = f" There is one in {', '.join(elsewhere)}."
    else:
        close = _suggestions(gaz, key)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
    return ActionError(
        f"I couldn't find a place called {text!r} in Australia.{hint}",
        code="not_found",
        subject="place",
    )


def resolve_place(text: str, *, field: str | None = None) -> Place:
    """Resolve a town ("Tamworth"), a town with its state ("Richmond, VIC", "Perth
    Western Australia"), a misspelling ("Alice Springz") or "lat,lon" to a Place.

    Without a state, a name shared by several places goes to the most central one
    (see Locality.preference): "Richmond" is Richmond VIC, "Perth" is Perth WA.
    Errors name `field`, the argument the text came from.
    """
    try:
        return _resolve(text)
    except ActionError as exc:
        exc.field = field
        raise


def _resolve(text: str) -> Place:
    raw = text.strip()
    if not raw:
        raise ActionError("Tell me a place: a town name or 'lat,lon'.", code="invalid")
    point = parse_coordinates(raw)
    if point:
        return point
    gaz = gazetteer()
    full = name_key(raw)
    if full in SHORT_NAMES:
        name, state = SHORT_NAMES[full]
        return gaz.lookup(name, state)[0].place
    # The whole text first, so "Port Victoria" is not read as "Port" in VIC.
    exact = gaz.lookup(full)
    if exact:
        return exact[0].place
    if full in STATES:
        raise ActionError(
            f"{raw} is a whole state or territory: name a town in it, or give 'lat,lon'.",
            code="invalid",
        )
    key, state = split_state(full)
    found = gaz.lookup(key, state)
    best = found[0] if found else _fuzzy(gaz, key, state)
    if best is None:
        raise _not_found(gaz, raw, key, state)
    return best.place
