"""Redteam 8: a still-valid token of a user whose row was deleted (by an operator, say)
kept failing: the server remembered the user as known, skipped creating their row, and
every write broke on the foreign key (REST 400, chat 500) until it restarted. Rounds 8
and 9 made the first failing write forget the user (that request failed, a 409 saying
to send it again); redteam 10: that request is run once more (HTTP: server/middleware/
user_row_replay.py; a WebSocket frame: server/ws/handlers.py), which makes the row, so
the first request already works, as a new user's — none of the deleted data comes
back. Real server, real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.api.conftest import Serve, auth, recv_frame, send_frame, uid, ws_url
from tests.api.rest_support import new_user
from tools.db.pool import Pool

pytestmark = pytest.mark.hardening

EXPENSE = {"amount": 12.5, "category": "food", "description": "before the deletion"}


async def test_a_deleted_users_token_starts_afresh_at_once(serve: Serve, pool: Pool) -> None:
    user = new_user("deleted")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:  # as an operator would, outside PAM
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        chat = await c.post("/api/v1/pam/chat", json={"message": "hello"})
        wrote = await c.post("/api/v1/wins/expenses", json={**EXPENSE, "description": "after"})
        listed = (await c.get("/api/v1/wins/expenses")).json()
    assert chat.status_code == 200, chat.text
    assert wrote.status_code == 201, wrote.text
    assert [e["description"] for e in listed["expenses"]] == ["after"]


async def test_a_deleted_users_first_rest_write_works(serve: Serve, pool: Pool) -> None:
    """Redteam 9 made a REST write after the deletion a 409 ("send it again"), and the
    next one worked; redteam 10: the first one works."""
    user = new_user("deleted-rest")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        first = await c.post("/api/v1/wins/expenses", json={**EXPENSE, "description": "1st"})
        listed = (await c.get("/api/v1/wins/expenses")).json()
        async with pool.connection() as conn:  # and once more, on a warm connection
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        profile = await c.patch("/api/v1/you/profile", json={"display_name": "Again"})
    assert first.status_code == 201, first.text
    assert [e["description"] for e in listed["expenses"]] == ["1st"]
    assert profile.status_code == 200, profile.text


async def test_a_deleted_users_first_socket_turn_works(serve: Serve, pool: Pool) -> None:
    """Redteam 10: over the WebSocket, the first chat frame after the deletion was an
    INTERNAL error frame; it is run once more, as the HTTP requests are."""
    user = new_user("deleted-ws")
    async with serve() as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c:
            assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with connect(ws_url(server, user)) as ws:
            await recv_frame(ws)  # connected
            async with pool.connection() as conn:
                await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
            await send_frame(ws, {"type": "chat", "message": "hello", "message_id": "m1"})
            frames: list[dict[str, Any]] = []
            while not frames or frames[-1]["type"] not in ("response_complete", "error"):
                frames.append(await recv_frame(ws))
    assert [f["type"] for f in frames if f["type"] in ("chat_response", "error")] == [
        "chat_response"
    ], frames


async def test_a_deleted_users_first_mcp_tool_call_works(serve: Serve, pool: Pool) -> None:
    """Redteam 10: MCP answers a tool's exception as an error result (HTTP 200), which no
    HTTP retry sees; the tool call itself is run once more."""
    user = new_user("deleted-mcp")
    headers = {**auth(user), "Accept": "application/json, text/event-stream"}
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "add_expense", "arguments": {**EXPENSE, "description": "mcp"}},
    }
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=headers, timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        answer = await c.post("/mcp", json=call)
        listed = (await c.get("/api/v1/wins/expenses")).json()
    assert answer.status_code == 200, answer.text
    assert answer.json()["result"].get("isError") is not True, answer.text
    assert [e["description"] for e in listed["expenses"]] == ["mcp"]


async def test_a_deleted_users_first_a2a_message_works(serve: Serve, pool: Pool) -> None:
    """Redteam 10: over A2A the first message after the deletion was a JSON-RPC internal
    error carrying Postgres's own words (the constraint and table); the turn's start is
    run once more, as on the other doors."""
    user = new_user("deleted-a2a")
    message = {
        "role": "user",
        "messageId": "m1",
        "parts": [{"kind": "text", "text": "hello"}],
    }
    send = {"jsonrpc": "2.0", "id": 1, "method": "message/send", "params": {"message": message}}
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=30) as c,
    ):
        assert (await c.post("/api/v1/wins/expenses", json=EXPENSE)).status_code == 201
        async with pool.connection() as conn:
            await conn.execute("DELETE FROM users WHERE id = %s", (uid(user),))
        answer = await c.post("/a2a", json=send)
    assert answer.status_code == 200, answer.text
    assert "error" not in answer.json(), answer.text
    assert answer.json()["result"]["status"]["state"] == "completed", answer.text
