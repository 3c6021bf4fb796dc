"""Redteam 9: the A2A door's task store kept the most recent MAX_TASKS (10,000) tasks of
all users together, so one user's messages pushed every other user's tasks out (their
`GetTask` then answered "not found"). Now each user keeps at most MAX_TASKS_PER_OWNER:
past it their own oldest task goes, and another user's only when the whole store is
full of users each within their share. Real server, the A2A JSON-RPC over HTTP (the
caps made small for the test)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

import server.doors.a2a_tasks as a2a_tasks
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

A2A = {"A2A-Version": "1.0"}


async def send(c: httpx.AsyncClient, text: str) -> str:
    message = {"role": "ROLE_USER", "parts": [{"text": text}], "messageId": str(uuid.uuid4())}
    body = {"jsonrpc": "2.0", "id": 1, "method": "SendMessage", "params": {"message": message}}
    answer: dict[str, Any] = (await c.post("/a2a", json=body, headers=A2A)).json()
    assert "result" in answer, answer
    return str(answer["result"]["task"]["id"])


async def found(c: httpx.AsyncClient, task_id: str) -> bool:
    body = {"jsonrpc": "2.0", "id": 1, "method": "GetTask", "params": {"id": task_id}}
    answer = (await c.post("/a2a", json=body, headers=A2A)).json()
    return "result" in answer


async def test_one_users_tasks_never_push_out_anothers(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(a2a_tasks, "MAX_TASKS", 4)
    monkeypatch.setattr(a2a_tasks, "MAX_TASKS_PER_OWNER", 2)
    alice, mallory = person("alice"), person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=60) as a,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as m,
    ):
        alices = await send(a, "hello")
        mallorys = [await send(m, f"hello {i}") for i in range(5)]
        kept = [await found(m, t) for t in mallorys]
        alice_kept = await found(a, alices)
    assert alice_kept
    assert kept == [False, False, False, True, True]  # her own oldest went
