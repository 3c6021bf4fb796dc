"""Structured logs from a real server: one JSON access line per request carrying the
request id, the verified user, the route template, status and duration; context bound
while serving a request reaches every line logged meanwhile."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import structlog

from server.logging import bind_log_context, configure_logging
from tests.api.conftest import Serve, auth, uid
from tests.api.rest_support import new_user
from tests.fakes import ScriptedChatModel


def json_lines(text: str) -> list[dict[str, Any]]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


async def test_access_lines_carry_the_request_context(
    serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    user = new_user()
    async with (
        serve(ScriptedChatModel(), log_level="INFO") as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user)) as c,
    ):
        capsys.readouterr()
        await c.get("/api/v1/wins/expenses", headers={"X-Request-ID": "log-test-1"})
        await c.get("/api/v1/wins/expenses", headers={"Authorization": "Bearer bad"})
        logged = json_lines(capsys.readouterr().out)
    access = [line for line in logged if line.get("logger") == "pam.access"]
    first = next(line for line in access if line["request_id"] == "log-test-1")
    assert first["event"] == "request" and first["level"] == "info"
    assert first["user_id"] == str(uid(user))
    assert first["route"] == "/api/v1/wins/expenses" and first["method"] == "GET"
    assert first["status"] == 200 and first["duration_ms"] > 0
    assert first["timestamp"].endswith("Z")
    refused = next(line for line in access if line["status"] == 401)
    assert refused["user_id"] is None and refused["request_id"] != "log-test-1"


async def test_bound_context_reaches_every_line_of_its_task(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("INFO")
    log = structlog.get_logger("pam.test")

    async def serve_one() -> None:  # as uvicorn serves each request: in its own task
        bind_log_context(thread_id="t-1", tool="add_expense", duration_ms=12.5)
        log.warning("tool finished")

    await asyncio.create_task(serve_one())
    log.warning("outside")
    inside, outside = json_lines(capsys.readouterr().out)[-2:]
    assert inside | {"timestamp": None} == {
        "event": "tool finished",
        "level": "warning",
        "logger": "pam.test",
        "thread_id": "t-1",
        "tool": "add_expense",
        "duration_ms": 12.5,
        "timestamp": None,
    }
    assert outside["event"] == "outside" and "thread_id" not in outside
