"""The zone of a client's location, when it sends no zone: Australia's states by region,
town or nearest locality (Broken Hill on South Australian time); nothing guessed abroad.
The turn's zone is the client's own zone first (agent.context.Context.time_zone)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.context import Context
from tools.geo.zones import zone_at


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ({"city": "Adelaide"}, "Australia/Adelaide"),
        ({"city": "alice springs"}, "Australia/Darwin"),
        ({"city": "Broken Hill", "region": "NSW"}, "Australia/Broken_Hill"),
        ({"city": "Broome", "region": "Western Australia", "country": "AU"}, "Australia/Perth"),
        ({"region": "QLD"}, "Australia/Brisbane"),
        ({"lat": -34.93, "lng": 138.6}, "Australia/Adelaide"),  # Adelaide, by its coordinates
        ({"lat": -42.88, "lng": 147.33}, "Australia/Hobart"),
        ({"lat": -31.95, "lng": 141.47}, "Australia/Broken_Hill"),
        ({"lat": 51.5, "lng": -0.12}, None),  # London: not guessed
        ({"city": "Paris", "country": "France"}, None),
        ({"city": "Nowhereville"}, None),
    ],
)
def test_zone_of_a_location(place: dict[str, Any], zone: str | None) -> None:
    assert zone_at(**place) == zone
    assert Context(client={"location": place}).time_zone == zone


def test_the_devices_own_zone_comes_first_and_a_bad_one_falls_back() -> None:
    adelaide = {"city": "Adelaide", "lat": -34.93, "lng": 138.6}
    assert Context(client={"timezone": "Australia/Perth", "location": adelaide}).time_zone == (
        "Australia/Perth"
    )
    assert Context(client={"timezone": "Mars/Olympus", "location": adelaide}).time_zone == (
        "Australia/Adelaide"
    )
    assert Context(client={"location": "Adelaide"}).time_zone is None  # not a location object
    assert Context().time_zone is None
