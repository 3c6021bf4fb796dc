"""Leg distances and durations: an OSRM-compatible routing service when configured, else
the great-circle estimate. A failing service never fails the trip: it falls back."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from tools.geo.distance import driving_hours, estimated_road_km
from tools.geo.gazetteer import Place
from tools.services import Services, ServiceUnavailable, get_json

log = logging.getLogger(__name__)

DistanceSource = Literal["routing", "estimate"]


@dataclass(frozen=True)
class LegDistance:
    km: float
    hours: float


@dataclass(frozen=True)
class Route:
    legs: list[LegDistance]
    source: DistanceSource
    # Why a configured routing service was not used, for the summary; None otherwise.
    fallback_reason: str | None = None


def estimate_route(points: Sequence[Place], fallback_reason: str | None = None) -> Route:
    legs = []
    for a, b in pairwise(points):
        km = estimated_road_km(a.lat, a.lon, b.lat, b.lon)
        legs.append(LegDistance(km, driving_hours(km)))
    return Route(legs, "estimate", fallback_reason)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ServiceUnavailable("the route had a missing or non-numeric distance")
    if value < 0:
        raise ServiceUnavailable("the route had a negative distance")
    return float(value)


def parse_osrm(body: Any, leg_count: int) -> list[LegDistance]:
    """OSRM's `{"code": "Ok", "routes": [{"legs": [{"distance": m, "duration": s}]}]}`."""
    if not isinstance(body, dict) or body.get("code") != "Ok":
        code = body.get("code") if isinstance(body, dict) else None
        raise ServiceUnavailable(f"the routing service answered {code or 'something else'}")
    routes = body.get("routes")
    if not isinstance(routes, list) or not routes or not isinstance(routes[0], dict):
        raise ServiceUnavailable("the routing service returned no route")
    legs = routes[0].get("legs")
    if not isinstance(legs, list) or len(legs) != leg_count:
        raise ServiceUnavailable("the route had the wrong number of legs")
    out = []
    for leg in legs:
        if not isinstance(leg, dict):
            raise ServiceUnavailable("the route had a malformed leg")
        out.append(
            LegDistance(_number(leg.get("distance")) / 1000, _number(leg.get("duration")) / 3600)
        )
    return out


async def fetch_route(points: Sequence[Place], services: Services) -> Route:
    """Road legs between consecutive points (at least two)."""
    if not services.routing_url:
        return estimate_route(points)
    waypoints = ";".join(f"{p.lon:.6f},{p.lat:.6f}" for p in points)
    url = f"{services.routing_url.rstrip('/')}/route/v1/driving/{waypoints}"
    try:
        body = await get_json(
            url,
            params={"overview": "false"},
            timeout_s=services.timeout_s,
            retries=services.retries,
        )
        return Route(parse_osrm(body, len(points) - 1), "routing")
    except ServiceUnavailable as exc:
        log.warning("routing service failed, using the estimate: %s", exc)
        return estimate_route(points, fallback_reason=str(exc))
