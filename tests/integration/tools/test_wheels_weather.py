"""weather_forecast against a real local HTTP server speaking Open-Meteo's forecast API."""

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
    execute,
    fake_service,
    services,
)
from tools.cache import MemoryCache
from tools.geo.gazetteer import Place
from tools.services import Services
from tools.wheels.weather import cache_key


def open_meteo(request: Request) -> Reply:
    """A forecast of as many days as asked: 30.5 C and up, a storm on the second day."""
    days = int(request.query.get("forecast_days", "7"))
    return Reply(
        body={
            "latitude": float(request.query["latitude"]),
            "longitude": float(request.query["longitude"]),
            "timezone": "Australia/Brisbane",
            "daily_units": {"temperature_2m_max": "°C"},
            "daily": {
                "time": [f"2026-03-{10 + i:02d}" for i in range(days)],
                "temperature_2m_max": [30.5 + i for i in range(days)],
                "temperature_2m_min": [18.2] * days,
                "precipitation_sum": [0.0, 12.4, *[0.0] * (days - 2)][:days],
                "precipitation_probability_max": [5, 80, *[10] * (days - 2)][:days],
                "wind_speed_10m_max": [22.1] * days,
                "weather_code": [1, 95, *[3] * (days - 2)][:days],
            },
        }
    )


async def forecast(scoped: ScopedDb, uid: uuid.UUID, svc: Services, **raw: Any) -> dict[str, Any]:
    return await call(scoped, uid, "weather_forecast", svc=svc, **raw)


async def test_forecast_for_an_outback_town(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    with fake_service(open_meteo) as server:
        result = await forecast(
            scoped, user_id, services(weather_url=server.url + "/v1/forecast"), location="Birdsvile"
        )
    assert result["ok"] is True, result
    assert result["location"] == "Birdsville QLD"
    assert [d["date"] for d in result["days"]] == ["2026-03-10", "2026-03-11", "2026-03-12"]
    assert result["days"][1] | {"date": None} == {
        "date": None, "temp_max_c": 31.5, "temp_min_c": 18.2, "precipitation_mm": 12.4,
        "precipitation_probability": 80.0, "wind_max_kmh": 22.1, "weather_code": 95,
        "conditions": "thunderstorms",
    }  # fmt: skip
    assert result["summary"].startswith(
        "Weather for Birdsville QLD: Tue 10 Mar: mostly clear, 18°C–30°C"
    )
    assert "thunderstorms" in result["summary"] and "rain 12 mm (80%)" in result["summary"]
    assert result["ids"] == [] and result["ui_actions"] == []
    (request,) = server.requests
    assert request.path == "/v1/forecast"
    assert request.query == {
        "latitude": str(round(result["lat"], 4)),
        "longitude": str(round(result["lon"], 4)),
        "daily": "temperature_2m_max,temperature_2m_min,precipitation_sum,"
        "precipitation_probability_max,wind_speed_10m_max,weather_code",
        "timezone": "auto",
        "forecast_days": "3",
    }


async def test_long_forecast_is_summarised_and_imperial_gets_fahrenheit(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    await execute(
        scoped, user_id, "INSERT INTO profiles (user_id, units) VALUES (%s, 'imperial')", user_id
    )
    with fake_service(open_meteo) as server:
        result = await forecast(
            scoped, user_id, services(weather_url=server.url), location="-23.7,133.88", days=16
        )
    assert len(result["days"]) == 16
    assert server.requests[0].query["forecast_days"] == "16"
    assert "65°F–87°F" in result["summary"]  # 18.2 C .. 30.5 C
    assert "wind to 14 mph" in result["summary"]
    assert "Over 16 days highs run 87°F–" in result["summary"]
    assert "rain on 1 day." in result["summary"]


async def test_second_call_is_served_from_the_cache(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    with fake_service(open_meteo) as server:
        svc = services(weather_url=server.url)
        first = await forecast(scoped, user_id, svc, location="Broome")
        second = await forecast(scoped, user_id, svc, location="broome wa")
        assert len(server.requests) == 1
        assert second["days"] == first["days"]
        await forecast(scoped, user_id, svc, location="Broome", days=5)  # another key
        assert len(server.requests) == 2
        await forecast(scoped, user_id, services(weather_url=server.url), location="Broome")
        assert len(server.requests) == 3  # a fresh cache asks again


async def test_an_unreadable_cache_entry_is_refetched(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    cache = MemoryCache()
    await cache.set(cache_key(Place("x", None, -30.0, 150.0), 3), b"not json", 60)
    with fake_service(open_meteo) as server:
        result = await forecast(
            scoped, user_id, services(weather_url=server.url, cache=cache), location="-30,150"
        )
    assert result["ok"] is True
    assert len(server.requests) == 1
    assert b"temp_max_c" in (await cache.get(cache_key(Place("x", None, -30.0, 150.0), 3)) or b"")


async def _unavailable(scoped: ScopedDb, uid: uuid.UUID, svc: Services) -> None:
    started = time.monotonic()
    result = await forecast(scoped, uid, svc, location="Oodnadatta")
    assert time.monotonic() - started < 5  # 2 attempts x 0.5 s at most, plus backoff
    assert (result["ok"], result["error"]) == (False, "unavailable"), result
    assert result["summary"].startswith("Weather is unavailable right now")


async def test_unreachable_service(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    await _unavailable(scoped, user_id, services(weather_url=closed_port_url()))


async def test_slow_service_times_out(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    with fake_service(lambda r: Reply(delay_s=2, body=open_meteo(r).body)) as server:
        await _unavailable(scoped, user_id, services(weather_url=server.url))
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body=b"<html>Bad gateway</html>"),
        Reply(body={"error": True, "reason": "Latitude must be in range"}),
        Reply(
            body={
                "daily": {
                    "time": ["2026-03-10"],
                    "temperature_2m_max": [],
                    "temperature_2m_min": [],
                }
            }
        ),
        Reply(status=400, body={"error": True}),
    ],
)
async def test_malformed_answers_are_unavailable_and_not_cached(
    scoped: ScopedDb, user_id: uuid.UUID, reply: Reply
) -> None:
    with fake_service(lambda r: reply) as server:
        svc = services(weather_url=server.url)
        await _unavailable(scoped, user_id, svc)
        await _unavailable(scoped, user_id, svc)
    assert len(server.requests) == 2  # one each: not retried, and nothing cached


async def test_a_server_error_is_retried(scoped: ScopedDb, user_id: uuid.UUID) -> None:
    def flaky(request: Request) -> Reply:
        return Reply(status=503) if len(server.requests) == 1 else open_meteo(request)

    with fake_service(flaky) as server:
        result = await forecast(
            scoped, user_id, services(weather_url=server.url), location="Marble Bar"
        )
    assert result["ok"] is True
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("raw", "field", "code"),
    [
        ({}, "location", "invalid"),
        ({"location": ""}, "location", "invalid"),
        ({"location": "Broome", "days": 0}, "days", "invalid"),
        ({"location": "Broome", "days": 17}, "days", "invalid"),
        ({"location": "Broome", "days": "soon"}, "days", "invalid"),
        ({"location": "Broome", "hours": 3}, "hours", "invalid"),
        ({"location": "Zzyzx Qwerty"}, "location", "not_found"),
        ({"location": "🌧️ 天气"}, "location", "not_found"),
    ],
)
async def test_bad_arguments_never_reach_the_service(
    scoped: ScopedDb, user_id: uuid.UUID, raw: dict[str, Any], field: str, code: str
) -> None:
    with fake_service(open_meteo) as server:
        result = await forecast(scoped, user_id, services(weather_url=server.url), **raw)
    assert (result["ok"], result["error"], result["field"]) == (False, code, field), result
    assert server.requests == []
