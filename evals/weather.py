"""The evals' weather service: a local Open-Meteo-compatible forecast server answering
every request from one recorded forecast (`datasets/weather/forecast.json`), so
conversations that ask about the weather do not depend on the network or the day.

- Any coordinates get the same recorded daily series; the answer echoes the requested
  `latitude`/`longitude`, keeps the `daily` variables asked for, and is cut to
  `forecast_days` (default 7, as Open-Meteo's).
- A path starting `/from/<YYYY-MM-DD>/` (or Open-Meteo's `start_date` parameter)
  re-dates the series to start that day. The runner gives each conversation the URL
  `.../from/<local date of its now>/v1/forecast` (a path, since the tool sends its own
  query string), so a forecast always begins on the conversation's "today", whatever day
  it was recorded. Each conversation also gets its own cache: the same town has other
  dates there.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from evals.dataset import Conversation
from tools.cache import MemoryCache
from tools.services import Services

RECORDED_FORECAST = Path(__file__).resolve().parent / "datasets" / "weather" / "forecast.json"
DEFAULT_DAYS = 7


class BadRequest(ValueError):
    """A request the recorded forecast cannot answer (Open-Meteo says 400 too)."""


def _days(query: Mapping[str, str], available: int) -> int:
    try:
        days = int(query.get("forecast_days", DEFAULT_DAYS))
    except ValueError:
        raise BadRequest("forecast_days is not a number") from None
    if not 1 <= days <= available:
        raise BadRequest(f"forecast_days must be between 1 and {available}")
    return days


def _coordinate(query: Mapping[str, str], name: str, limit: float) -> float:
    try:
        value = float(query[name])
    except (KeyError, ValueError):
        raise BadRequest(f"{name} is missing or not a number") from None
    if not -limit <= value <= limit:
        raise BadRequest(f"{name} must be between -{limit:g} and {limit:g}")
    return value


def forecast_answer(recorded: Mapping[str, Any], query: Mapping[str, str]) -> dict[str, Any]:
    """The answer to one forecast request (its query parameters), from the recording."""
    daily: dict[str, list[Any]] = recorded["daily"]
    days = _days(query, len(daily["time"]))
    wanted = [v for v in query.get("daily", "").split(",") if v] or [
        k for k in daily if k != "time"
    ]
    unknown = [v for v in wanted if v not in daily]
    if unknown:
        raise BadRequest(f"unknown daily variable {unknown[0]}")
    times: list[str] = daily["time"][:days]
    if "start_date" in query:
        try:
            first = date.fromisoformat(query["start_date"])
        except ValueError:
            raise BadRequest("start_date is not an ISO date") from None
        times = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    units = recorded.get("daily_units", {})
    return {
        **{k: v for k, v in recorded.items() if k not in ("daily", "daily_units")},
        "latitude": _coordinate(query, "latitude", 90),
        "longitude": _coordinate(query, "longitude", 180),
        "daily_units": {k: units[k] for k in ("time", *wanted) if k in units},
        "daily": {"time": times, **{k: daily[k][:days] for k in wanted}},
    }


def _handler(recorded: Mapping[str, Any]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = dict(parse_qsl(url.query))
            parts = url.path.strip("/").split("/")
            if len(parts) > 2 and parts[0] == "from":
                query.setdefault("start_date", parts[1])
            try:
                status, body = 200, forecast_answer(recorded, query)
            except BadRequest as exc:
                status, body = 400, {"error": True, "reason": str(exc)}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet: the eval output is the report

    return Handler


def forecast_url(root: str, start: date | None = None) -> str:
    """The forecast endpoint of the server at `root`, re-dated to `start` if given."""
    return f"{root}/from/{start.isoformat()}/v1/forecast" if start else f"{root}/v1/forecast"


@contextmanager
def serve_recorded_forecast(path: Path = RECORDED_FORECAST) -> Iterator[str]:
    """Serve `path` on a free local port; yields the server's root URL."""
    recorded = json.loads(path.read_text(encoding="utf-8"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorded))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def dated_services(base: Services, root: str) -> Callable[[Conversation], Services]:
    """Per conversation: the recorded forecast starting on its local day, its own cache."""

    def services_for(conversation: Conversation) -> Services:
        today = datetime.fromisoformat(conversation.now).date()
        return replace(base, weather_url=forecast_url(root, today), cache=MemoryCache())

    return services_for
