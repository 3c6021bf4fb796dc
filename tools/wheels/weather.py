"""Weather forecast for a place, from an Open-Meteo-compatible service, cached, and
parsed from its answer into the days weather_forecast returns.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from tools.db.scope import UserDb
from tools.geo.gazetteer import Place
from tools.geo.resolve import resolve_place
from tools.profile import load_profile
from tools.services import ServiceUnavailable, get_json
from tools.types import Action, ActionError, ActionResult, Args
from tools.values import Title

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


log = logging.getLogger(__name__)
CACHE_TTL_S = 30 * 60  # forecasts change a few times a day; half an hour is fresh enough
UNAVAILABLE = (
    "Weather is unavailable right now: the forecast service didn't answer."
    " Try again in a few minutes."
)


class WeatherForecastArgs(Args):
    location: Title = Field(description="Town or 'lat,lon'.", examples=["Birdsville"])
    days: int = Field(default=3, ge=1, le=16, description="Days ahead, today included.")


class WeatherResult(ActionResult):
    location: str
    lat: float
    lon: float
    days: list[DayForecast]


def cache_key(place: Place, days: int) -> str:
    # ~1 km of rounding: nearby requests (and the same town) share one cached answer.
    return f"weather:v1:{place.lat:.2f}:{place.lon:.2f}:{days}"


async def _forecast(db: UserDb, place: Place, days: int) -> list[DayForecast]:
    cache, key = db.services.cache, cache_key(place, days)
    hit = await cache.get(key)
    if hit is not None:
        try:
            return [DayForecast.model_validate(d) for d in json.loads(hit)]
        except ValueError:
            log.warning("ignoring an unreadable cached forecast under %s", key)
    body = await get_json(
        db.services.weather_url,
        params={
            "latitude": round(place.lat, 4),
            "longitude": round(place.lon, 4),
            "daily": ",".join(DAILY),
            "timezone": "auto",
            "forecast_days": days,
        },
        timeout_s=db.services.timeout_s,
        retries=db.services.retries,
    )
    forecast = parse_forecast(body, days)
    payload = json.dumps([d.model_dump(mode="json") for d in forecast]).encode()
    await cache.set(key, payload, CACHE_TTL_S)
    return forecast


def _temp(celsius: float, units: str) -> str:
    return f"{celsius * 9 / 5 + 32:.0f}°F" if units == "imperial" else f"{celsius:.0f}°C"


def _day_line(day: DayForecast, units: str) -> str:
    when = f"{day.date:%a} {day.date.day} {day.date:%b}"
    parts = [f"{_temp(day.temp_min_c, units)}–{_temp(day.temp_max_c, units)}"]
    if day.conditions:
        parts.insert(0, day.conditions)
    if day.precipitation_mm is not None:
        rain = (
            f"{day.precipitation_mm / 25.4:.2f} in"
            if units == "imperial"
            else f"{day.precipitation_mm:.0f} mm"
        )
        chance = day.precipitation_probability
        parts.append(f"rain {rain}" + (f" ({chance:.0f}%)" if chance is not None else ""))
    if day.wind_max_kmh is not None:
        wind = day.wind_max_kmh / 1.609344 if units == "imperial" else day.wind_max_kmh
        parts.append(f"wind to {wind:.0f} {'mph' if units == 'imperial' else 'km/h'}")
    return f"{when}: {', '.join(parts)}"


def _summary(place: Place, days: list[DayForecast], units: str) -> str:
    lines = [_day_line(day, units) for day in days[:3]]
    more = ""
    if len(days) > 3:
        highs = [d.temp_max_c for d in days]
        wet = sum(1 for d in days if (d.precipitation_mm or 0) >= 1)
        more = (
            f" Over {len(days)} days highs run {_temp(min(highs), units)}–"
            f"{_temp(max(highs), units)}, with rain on {wet} day{'s' if wet != 1 else ''}."
        )
    return f"Weather for {place.label}: " + "; ".join(lines) + "." + more


async def weather_forecast(db: UserDb, args: WeatherForecastArgs) -> WeatherResult:
    place = resolve_place(args.location, field="location")
    try:
        days = await _forecast(db, place, args.days)
    except ServiceUnavailable as exc:
        log.warning("weather service failed: %s", exc)
        raise ActionError(UNAVAILABLE, code="unavailable") from None
    units = (await load_profile(db)).units
    return WeatherResult(
        summary=_summary(place, days, units),
        location=place.label,
        lat=place.lat,
        lon=place.lon,
        days=days,
    )


ACTIONS: list[Action] = [
    Action(
        name="weather_forecast",
        domain="wheels",
        args=WeatherForecastArgs,
        fn=weather_forecast,
        description="Daily weather forecast (temperatures, rain, wind) for an Australian town"
        " or 'lat,lon', 1 to 16 days ahead (default 3).",
        writes=False,
    ),
]
