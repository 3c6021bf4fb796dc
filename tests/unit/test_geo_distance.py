"""Great-circle maths, the road estimate, and parsing a routing answer."""

from __future__ import annotations

from typing import Any

import pytest

from tools.geo.distance import (
    AVERAGE_SPEED_KMH,
    ROAD_FACTOR,
    driving_hours,
    estimated_road_km,
    great_circle_km,
)
from tools.geo.gazetteer import Place
from tools.geo.routing import estimate_route, parse_osrm
from tools.services import ServiceUnavailable

SYDNEY = (-33.8688, 151.2093)
MELBOURNE = (-37.8136, 144.9631)


def test_sydney_to_melbourne_is_about_713_km() -> None:
    km = great_circle_km(*SYDNEY, *MELBOURNE)
    assert 710 < km < 717
    assert great_circle_km(*MELBOURNE, *SYDNEY) == pytest.approx(km)


def test_same_point_and_antipodes() -> None:
    assert great_circle_km(*SYDNEY, *SYDNEY) == 0
    half = great_circle_km(0, 0, 0, 180)
    assert half == pytest.approx(20015.1, abs=0.5)


def test_road_estimate_and_hours_use_the_documented_constants() -> None:
    assert (ROAD_FACTOR, AVERAGE_SPEED_KMH) == (1.25, 80.0)
    km = estimated_road_km(*SYDNEY, *MELBOURNE)
    assert km == pytest.approx(great_circle_km(*SYDNEY, *MELBOURNE) * 1.25)
    assert driving_hours(160) == 2


def test_estimate_route_has_one_leg_per_pair() -> None:
    points = [Place("a", None, *SYDNEY), Place("b", None, *MELBOURNE), Place("c", None, *SYDNEY)]
    route = estimate_route(points)
    assert route.source == "estimate"
    assert route.fallback_reason is None
    assert len(route.legs) == 2
    assert route.legs[0].km == pytest.approx(route.legs[1].km)
    assert route.legs[0].hours == pytest.approx(route.legs[0].km / 80)


def _osrm(*legs: tuple[Any, Any]) -> dict[str, Any]:
    return {
        "code": "Ok",
        "routes": [
            {
                "distance": 0,
                "duration": 0,
                "legs": [{"distance": d, "duration": t} for d, t in legs],
            }
        ],
    }


def test_parse_osrm_converts_metres_and_seconds() -> None:
    legs = parse_osrm(_osrm((123_400, 5400), (1000, 36)), 2)
    assert [(leg.km, leg.hours) for leg in legs] == [(123.4, 1.5), (1.0, 0.01)]


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"code": "NoRoute", "routes": []},
        {"code": "Ok"},
        {"code": "Ok", "routes": []},
        {"code": "Ok", "routes": [{"legs": "nope"}]},
        _osrm((1000, 60)),  # one leg where two were asked for
        _osrm((1000, 60), (-5, 60)),
        _osrm((1000, 60), ("far", 60)),
        _osrm((1000, 60), (True, 60)),
        _osrm((1000, 60), (float("nan"), 60)),
        _osrm((1000, 60), (1000, None)),
    ],
)
def test_parse_osrm_refuses_malformed_answers(body: Any) -> None:
    with pytest.raises(ServiceUnavailable):
        parse_osrm(body, 2)
