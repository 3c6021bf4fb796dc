"""Issue 19, eighth round: what the shape of the app's routers costs a request, in-process,
paired (bench.stream_steps' method): the app as `pam serve` builds it, with its routers
as before this round (the REST modules under one router, the Agent Protocol's modules
under another, a turn's `runs`/`run_streams` after six of them) and as today (each
module's router included by the app, a turn's routes first: server/app.py). A unit is
one request through the app's router (`app.router`: routing, then the endpoint's
dependencies, which refuse it unsigned — the same work in both orders), for a few
routes (`PATHS`); CPU µs of this process per request.

`python -m bench.route_order [--rounds 10]` writes bench/results/i19-serve9-routes.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter

from bench.launch import JWT_SECRET
from bench.stream_steps import Unit, _paired
from server import agent_protocol
from server.app import create_app
from server.routes import rest
from server.settings import Settings
from server.ws import route as ws_route

RESULTS = Path(__file__).resolve().parent / "results"
STEM = "i19-serve9-routes"
PATHS = {
    "Agent Protocol: a run's stream (a turn)": ("POST", f"/threads/{uuid.uuid4()}/runs/stream"),
    "Agent Protocol: a thread's state": ("GET", f"/threads/{uuid.uuid4()}/state"),
    "chat stream (SSE turn)": ("POST", "/api/v1/pam/chat/stream"),
    "REST: the last REST route": ("GET", "/api/v1/social/feed"),
    "the admin's flags (after every router)": ("GET", "/api/v1/admin/flags"),
}


def _settings(tmp: str) -> Settings:
    return Settings(
        environment="test",
        database_url="postgresql://unused",
        pam_data_dir=tmp,
        pam_jwt_secret=JWT_SECRET,
        log_level="WARNING",
    )


def _as_before(app: Any) -> Any:
    """The app with its routers as they were before this round: the REST modules under
    one router, the Agent Protocol's under another (a turn's `runs`/`run_streams` after
    six other modules), both after the WebSocket's route."""
    flat = {id(r) for r in (*agent_protocol.ROUTERS, *rest.ROUTERS)}
    keep = [r for r in app.router.routes if id(getattr(r, "original_router", None)) not in flat]
    at = 1 + next(
        i for i, r in enumerate(keep) if getattr(r, "original_router", None) is ws_route.router
    )
    old_rest = APIRouter(prefix=rest.PREFIX)
    for router in rest.ROUTERS:
        old_rest.include_router(router)
    old_ap = APIRouter()
    turn, other = agent_protocol.TURN_ROUTERS, agent_protocol.OTHER_ROUTERS
    for router in (*other[:6], *turn, *other[6:]):
        old_ap.include_router(router)
    count = len(app.router.routes)
    app.include_router(old_rest)
    app.include_router(old_ap)
    added = app.router.routes[count:]
    app.router.routes[:] = [*keep[:at], *added, *keep[at:]]
    return app


def _request(app: Any, method: str, path: str) -> Unit:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        return None

    async def unit() -> None:
        for _ in range(20):
            scope = {
                "type": "http",
                "asgi": {"version": "3.0"},
                "http_version": "1.1",
                "method": method,
                "path": path,
                "raw_path": path.encode(),
                "root_path": "",
                "scheme": "http",
                "query_string": b"",
                "headers": [(b"content-type", b"application/json")],
                "client": ("127.0.0.1", 1),
                "server": ("127.0.0.1", 80),
                "app": app,
                "state": {},
            }
            # Refused by its dependencies (unsigned): the same in both shapes.
            with contextlib.suppress(Exception):
                await app.router(scope, receive, send)

    return unit


async def measure(rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        before = _as_before(create_app(_settings(tmp)))
        after = create_app(_settings(tmp))
        out: dict[str, Any] = {}
        for name, (method, path) in PATHS.items():
            out[name] = await _paired(
                _request(before, method, path), _request(after, method, path), rounds, 50
            )
            for key in ("before_cpu_ms", "after_cpu_ms"):  # a unit is 20 requests
                out[name][key.replace("_ms", "_us_per_request")] = round(
                    out[name].pop(key) * 1000 / 20, 1
                )
        return out


def markdown(out: dict[str, Any]) -> str:
    lines = [
        "# The app's router order (issue 19, eighth round)",
        "",
        "`python -m bench.route_order`: one request through `app.router` (routing, then the"
        " endpoint's dependencies refusing it unsigned), the routers in the order before"
        " this round and in today's, alternating in one process; CPU µs per request,"
        " after ÷ before as the median of paired ratios (min–max).",
        "",
        "| request | before µs | after µs | after ÷ before |",
        "|---|---|---|---|",
    ]
    for name, row in out.items():
        spread = "–".join(str(x) for x in row["spread"])
        lines.append(
            f"| {name} | {row['before_cpu_us_per_request']} | {row['after_cpu_us_per_request']}"
            f" | {row['after_over_before']} ({spread}) |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--stem", default=STEM)
    args = parser.parse_args()
    out = asyncio.run(measure(args.rounds))
    (RESULTS / f"{args.stem}.json").write_text(json.dumps(out, indent=2))
    (RESULTS / f"{args.stem}.md").write_text(markdown(out))
    print(markdown(out))


if __name__ == "__main__":
    main()
