"""Parsing an Open-Meteo-style daily forecast, and the WMO condition names."""

from __future__ import annotations

from typing import Any

import pytest

from tools.services import ServiceUnavailable
from tools.wheels.weather import conditions, parse_forecast


def daily(days: int = 3, **overrides: Any) -> dict[str, Any]:
    block: dict[str, Any] = {
        "time": [f"2026-03-{10 + i:02d}" for i in range(days)],
        "temperature_2m_max": [30.5 + i for i in range(days)],
        "temperature_2m_min": [15.0] * days,
        "precipitation_sum": [0.0] * days,
        "precipitation_probability_max": [10] * days,
        "wind_speed_10m_max": [20.0] * days,
        "weather_code": [0] * days,
    }
    return {"latitude": -25.9, "longitude": 139.35, "daily": block | overrides}


def test_parses_each_day() -> None:
    days = parse_forecast(daily(3), 3)
    assert [d.date.isoformat() for d in days] == ["2026-03-10", "2026-03-11", "2026-03-12"]
    assert [d.temp_max_c for d in days] == [30.5, 31.5, 32.5]
    assert days[0].conditions == "clear"
    assert days[0].precipitation_probability == 10


def test_extra_days_are_cut_to_what_was_asked() -> None:
    assert len(parse_forecast(daily(7), 3)) == 3


def test_optional_values_may_be_null_or_missing() -> None:
    body = daily(2, precipitation_probability_max=[None, 40], weather_code=[None, 95])
    del body["daily"]["wind_speed_10m_max"]
    days = parse_forecast(body, 2)
    assert days[0].precipitation_probability is None
    assert days[0].conditions is None
    assert days[1].conditions == "thunderstorms"
    assert days[1].wind_max_kmh is None


@pytest.mark.parametrize(
    "body",
    [
        None,
        "sunny",
        {},
        {"daily": {"time": []}},
        daily(3, temperature_2m_max=[30, 31]),
        daily(2, temperature_2m_min=[None, 10]),
        daily(2, precipitation_sum=["lots", 0]),
        daily(2, time=["tomorrow", "2026-03-11"]),
        {"daily": {k: v for k, v in daily(2)["daily"].items() if k != "temperature_2m_max"}},
    ],
)
def test_malformed_forecasts_are_refused(body: Any) -> None:
    with pytest.raises(ServiceUnavailable):
        parse_forecast(body, 2)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (0, "clear"),
        (2, "partly cloudy"),
        (48, "fog"),
        (63, "rain"),
        (81, "showers"),
        (99, "thunderstorms with hail"),
        (100, None),
        (None, None),
    ],
)
def test_wmo_codes(code: int | None, text: str | None) -> None:
    assert conditions(code) == text
