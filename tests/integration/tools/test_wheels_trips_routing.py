"""plan_trip against a real local HTTP server that speaks OSRM's route endpoint."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from tests.conftest import ScopedDb
from tests.integration.tools.wheels_support import (
    Reply,
    Request,
    call,
    closed_port_url,
    fake_service,
    fetch,
    services,
)

A, B, C = "-30,150", "-31,150", "-32,150"


def osrm(legs_m_s: list[tuple[float, float]]) -> dict[str, Any]:
    return {
        "code": "Ok",
        "routes": [
            {
                "distance": sum(d for d, _ in legs_m_s),
                "duration": sum(t for _, t in legs_m_s),
                "legs": [{"distance": d, "duration": t, "steps": []} for d, t in legs_m_s],
            }
        ],
        "waypoints": [],
    }


def road(request: Request) -> Reply:
    """Every leg is 150.25 km taking 1 h 48 min: what a winding road would be."""
    legs = request.path.rsplit("/", 1)[-1].count(";")
    return Reply(body=osrm([(150_250.0, 6480.0)] * legs))


async def test_road_distances_come_from_the_routing_service(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    with fake_service(road) as server:
        result = await call(
            scoped, user_id, "plan_trip", svc=services(routing_url=server.url + "/"),
            origin=A, destination=C, stops=[B],
        )  # fmt: skip
    assert result["ok"] is True, result
    trip = result["trip"]
    assert trip["distance_source"] == "routing"
    assert [(leg["distance_km"], leg["driving_hours"]) for leg in trip["legs"]] == [
        (150.3, 1.8),
        (150.3, 1.8),
    ]
    assert (trip["distance_km"], trip["driving_hours"]) == (300.6, 3.6)
    assert trip["legs"][0]["fuel_litres"] == 18.03  # 150.25 km x 12 L/100km
    assert "estimate" not in result["summary"]
    (request,) = server.requests
    assert (
        request.path
        == "/route/v1/driving/150.000000,-30.000000;150.000000,-31.000000;150.000000,-32.000000"
    )
    assert request.query == {"overview": "false"}
    rows = await fetch(
        scoped, user_id, "SELECT distance_source FROM trips WHERE user_id = %s", user_id
    )
    assert rows == [{"distance_source": "routing"}]


async def _falls_back(scoped: ScopedDb, user_id: uuid.UUID, routing_url: str) -> dict[str, Any]:
    started = time.monotonic()
    result = await call(
        scoped, user_id, "plan_trip", svc=services(routing_url=routing_url), origin=A, destination=B
    )
    assert time.monotonic() - started < 5  # bounded: 2 attempts x 0.5 s at most, plus backoff
    assert result["ok"] is True, result
    assert result["trip"]["distance_source"] == "estimate"
    assert result["trip"]["distance_km"] == 139.0
    assert "routing service was unavailable" in result["summary"]
    return result


async def test_unreachable_routing_service_falls_back_to_the_estimate(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await _falls_back(scoped, user_id, closed_port_url())


async def test_slow_routing_service_times_out_and_falls_back(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    with fake_service(lambda r: Reply(body=osrm([(1000.0, 60.0)]), delay_s=2)) as server:
        await _falls_back(scoped, user_id, server.url)
    assert len(server.requests) == 2  # the first try and one retry


async def test_server_errors_are_retried_then_fall_back(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    with fake_service(lambda r: Reply(status=503, body={"message": "busy"})) as server:
        await _falls_back(scoped, user_id, server.url)
    assert len(server.requests) == 2


async def test_a_retry_that_succeeds_uses_the_road_distance(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    def flaky(request: Request) -> Reply:
        return Reply(status=502) if len(server.requests) == 1 else road(request)

    with fake_service(flaky) as server:
        result = await call(
            scoped,
            user_id,
            "plan_trip",
            svc=services(routing_url=server.url),
            origin=A,
            destination=B,
        )
    assert result["trip"]["distance_source"] == "routing"
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body={"code": "NoRoute", "message": "Impossible route between points"}),
        Reply(status=400, body={"code": "InvalidQuery"}),
        Reply(body=b"<html>gateway</html>"),
        Reply(body=osrm([(1000.0, 60.0), (1000.0, 60.0)])),  # two legs for a one-leg trip
        Reply(body=osrm([(-1000.0, 60.0)])),
    ],
)
async def test_no_route_and_malformed_answers_fall_back_without_retrying(
    scoped: ScopedDb, user_id: uuid.UUID, reply: Reply
) -> None:
    with fake_service(lambda r: reply) as server:
        await _falls_back(scoped, user_id, server.url)
    assert len(server.requests) == 1
