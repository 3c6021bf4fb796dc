"""The time zone of where a client says the user is, when it sends no zone of its own.

A device usually sends its IANA zone (`timezone` in the client context); a client that
sends only a location ("Adelaide", or coordinates) still means the traveller is there
now. Australia's zones follow its states, so the state is found from the location (its
region, else the gazetteer's locality by name, else the nearest locality to the
coordinates) and gives the zone. Broken Hill and the towns around it keep South
Australian time although they are in New South Wales (postcode 2880). Outside Australia
nothing is guessed.
"""

from __future__ import annotations

import math
from functools import cache

from tools.geo.gazetteer import Locality, gazetteer, name_key

STATE_ZONES = {
    "NSW": "Australia/Sydney", "ACT": "Australia/Sydney", "VIC": "Australia/Melbourne",
    "QLD": "Australia/Brisbane", "SA": "Australia/Adelaide", "NT": "Australia/Darwin",
    "WA": "Australia/Perth", "TAS": "Australia/Hobart",
}  # fmt: skip
STATE_NAMES = {
    "new south wales": "NSW", "australian capital territory": "ACT", "victoria": "VIC",
    "queensland": "QLD", "south australia": "SA", "northern territory": "NT",
    "western australia": "WA", "tasmania": "TAS",
}  # fmt: skip
BROKEN_HILL_POSTCODE = "2880"
AUSTRALIA = {"australia", "au", "aus"}


def _zone(locality: Locality) -> str | None:
    if locality.postcode == BROKEN_HILL_POSTCODE:
        return "Australia/Broken_Hill"
    return STATE_ZONES.get(locality.place.state or "")


def _state_of(region: str) -> str | None:
    key = region.strip().lower().replace(".", "")
    upper = key.upper()
    return upper if upper in STATE_ZONES else STATE_NAMES.get(key)


def _nearest(lat: float, lng: float) -> Locality | None:
    """The locality nearest to a point (flat-earth distance is enough to pick it)."""
    scale = math.cos(math.radians(lat))
    best, best_d = None, math.inf
    for localities in gazetteer().by_key.values():
        for loc in localities:
            d = (loc.place.lat - lat) ** 2 + ((loc.place.lon - lng) * scale) ** 2
            if d < best_d:
                best, best_d = loc, d
    # About 300 km: further than that from any locality is not somewhere in Australia.
    return best if best_d <= 2.7**2 else None


@cache
def zone_at(
    city: str | None = None,
    region: str | None = None,
    country: str | None = None,
    lat: float | None = None,
    lng: float | None = None,
) -> str | None:
    """The IANA zone of a client's location in Australia, or None when it can't be told."""
    if country and country.strip().lower() not in AUSTRALIA:
        return None
    state = _state_of(region) if region else None
    if city:
        found = gazetteer().lookup(name_key(city), state)
        if found:
            return _zone(found[0])
    if lat is not None and lng is not None and (near := _nearest(lat, lng)) is not None:
        return _zone(near)
    return STATE_ZONES.get(state or "")
