"""The forecast as weather_forecast returns it, parsed from an Open-Meteo-style answer."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from pydantic import BaseModel

from tools.services import ServiceUnavailable

DAILY = (
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_sum",
    "precipitation_probability_max",
    "wind_speed_10m_max",
    "weather_code",
)
REQUIRED = {"temperature_2m_max", "temperature_2m_min"}
# WMO weather interpretation codes (as Open-Meteo documents them), by lower bound.
_CONDITIONS = [
    (0, "clear"), (1, "mostly clear"), (2, "partly cloudy"), (3, "overcast"), (45, "fog"),
    (51, "drizzle"), (56, "freezing drizzle"), (61, "rain"), (66, "freezing rain"),
    (71, "snow"), (77, "snow grains"), (80, "showers"), (85, "snow showers"),
    (95, "thunderstorms"), (96, "thunderstorms with hail"),
]  # fmt: skip


class DayForecast(BaseModel):
    date: date
    temp_max_c: float
    temp_min_c: float
    precipitation_mm: float | None
    precipitation_probability: float | None
    wind_max_kmh: float | None
    weather_code: int | None
    conditions: str | None


def conditions(code: int | None) -> str | None:
    if code is None or code < 0 or code > 99:
        return None
    return [text for bound, text in _CONDITIONS if code >= bound][-1]


def _value(series: list[Any], i: int, name: str) -> float | None:
    value = series[i]
    if value is None and name not in REQUIRED:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ServiceUnavailable(f"{name} has a non-numeric value")
    return float(value)


def _required(series: list[Any], i: int, name: str) -> float:
    value = _value(series, i, name)
    if value is None:  # _value already refuses None for REQUIRED; this narrows the type
        raise ServiceUnavailable(f"{name} is missing")
    return value


def parse_forecast(body: Any, days: int) -> list[DayForecast]:
    """The `daily` block: parallel lists keyed by variable, dates under `time`.

    Temperatures are required; a missing optional variable reads as unknown (None).
    """
    daily = body.get("daily") if isinstance(body, dict) else None
    if not isinstance(daily, dict) or not isinstance(daily.get("time"), list) or not daily["time"]:
        raise ServiceUnavailable("the answer has no daily forecast")
    count = len(daily["time"])
    series = {}
    for name in DAILY:
        values = daily.get(name)
        if values is None and name not in REQUIRED:
            values = [None] * count
        if not isinstance(values, list) or len(values) != count:
            raise ServiceUnavailable(f"{name} is missing or the wrong length")
        series[name] = values
    out = []
    for i, raw_date in enumerate(daily["time"][:days]):
        try:
            day = date.fromisoformat(str(raw_date))
        except ValueError:
            raise ServiceUnavailable("a forecast date does not parse") from None
        code = _value(series["weather_code"], i, "weather_code")
        out.append(
            DayForecast(
                date=day,
                temp_max_c=_required(series["temperature_2m_max"], i, "temperature_2m_max"),
                temp_min_c=_required(series["temperature_2m_min"], i, "temperature_2m_min"),
                precipitation_mm=_value(series["precipitation_sum"], i, "precipitation_sum"),
                precipitation_probability=_value(
                    series["precipitation_probability_max"], i, "precipitation_probability_max"
                ),
                wind_max_kmh=_value(series["wind_speed_10m_max"], i, "wind_speed_10m_max"),
                weather_code=None if code is None else int(code),
                conditions=conditions(None if code is None else int(code)),
            )
        )
    return out
