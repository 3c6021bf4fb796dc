"""Redteam 11: A2A's SDK answers an exception as a JSON-RPC internal error (-32603)
whose message is the exception's own text (Postgres's constraint and table names, a
connection error, Python's codec message). A turn that fails unexpectedly now reaches the
client as a generic error naming the request's id, the detail only in the log; a lone
surrogate (which failed the SDK's own conversion) is a parse error. Real server; the
first test drives it with the a2a-sdk client."""

from __future__ import annotations

import json
from typing import Any, NoReturn
from uuid import uuid4

import httpx
import pytest
from a2a.utils.errors import A2AError

import server.doors.a2a_tasks
import server.doors.turns
from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user
from tests.api.test_a2a_door import a2a_client, ask, responses

pytestmark = pytest.mark.hardening

SECRET = "duplicate key violates constraint pam_secret_table_pkey"


async def test_an_unexpected_failure_is_a_generic_error_with_a_reference(
    serve: Serve, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def broken_start(*args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(SECRET)  # what a fault deep in the run core would say

    monkeypatch.setattr(server.doors.turns, "start_chat", broken_start)
    async with serve() as live, a2a_client(live, new_user("rt11-a2a"), streaming=True) as c:
        with pytest.raises(A2AError) as failed:
            await responses(c, ask("hello", str(uuid4())))
    message = str(failed.value)
    assert SECRET not in message and "RuntimeError" not in message, message
    assert message.startswith("Something went wrong on our side. Reference: "), message
    reference = message.removeprefix("Something went wrong on our side. Reference: ")[:-1]
    assert len(reference) >= 16
    logged = [line for line in capsys.readouterr().out.splitlines() if reference in line]
    assert any("a2a turn failed" in line and SECRET in line for line in logged), logged


@pytest.mark.parametrize("where", ["messageId", "taskId"])
async def test_a_lone_surrogate_is_a_parse_error(serve: Serve, where: str) -> None:
    message = {
        "role": "user",
        "messageId": "m1",
        "parts": [{"kind": "text", "text": "hello"}],
        where: "\ud800",
    }
    body = {"jsonrpc": "2.0", "id": 1, "method": "message/send", "params": {"message": message}}
    raw = json.dumps(body).encode()  # escaped as \ud800, as any ASCII-safe client sends it
    headers = {**auth(new_user("rt11-sur")), "content-type": "application/json"}
    async with serve() as live, httpx.AsyncClient(base_url=live.url, timeout=30) as c:
        answer = await c.post("/a2a", content=raw, headers=headers)
    assert answer.json()["error"]["code"] == -32700, answer.text
    assert "codec" not in answer.text and "surrogate" in answer.text


@pytest.mark.parametrize("method", ["tasks/get", "tasks/resubscribe"])
async def test_the_sdks_own_internal_errors_are_generic_too(
    serve: Serve,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    method: str,
) -> None:
    """An exception outside the turn (here the task store's) is answered by the SDK
    itself, in a JSON answer or (resubscribe) an SSE event: its text is replaced."""

    async def broken_get(*args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(server.doors.a2a_tasks.RecentTaskStore, "get", broken_get)
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": {"id": "t-1"}}
    headers = {**auth(new_user("rt11-sdk")), "Accept": "application/json, text/event-stream"}
    async with serve() as live, httpx.AsyncClient(base_url=live.url, timeout=30) as c:
        answer = await c.post("/a2a", json=body, headers=headers)
    reference = answer.headers["x-request-id"]
    assert SECRET not in answer.text and "-32603" in answer.text, answer.text
    assert f"Something went wrong on our side. Reference: {reference}." in answer.text
    logged = [line for line in capsys.readouterr().out.splitlines() if reference in line]
    assert any(SECRET in line for line in logged), logged
