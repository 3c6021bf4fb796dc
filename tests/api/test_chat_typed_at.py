"""A message typed with no reception and sent days later: its `typed_at` is the turn's
clock, so "yesterday" is the day before it was written, not before it arrived."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from websockets.asyncio.client import connect

from agent.brain.model import OfflineBrain
from tests.api.conftest import Serve, auth, frames_until, recv_frame, send_frame, ws_url

CHAT = "/api/v1/pam/chat"
ZONE = "Australia/Perth"


async def expense_dates(client: httpx.AsyncClient) -> list[str]:
    response = await client.get("/api/v1/wins/expenses?limit=50")
    assert response.status_code == 200, response.text
    return [e["date"] for e in response.json()["expenses"]]


async def test_yesterday_is_the_day_before_the_message_was_typed(serve: Serve) -> None:
    typed_at = datetime.now(UTC) - timedelta(days=3)
    written_on = typed_at.astimezone(ZoneInfo(ZONE)).date()
    context = {"timezone": ZONE, "typed_at": typed_at.isoformat()}
    async with (
        serve(OfflineBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("tyla"), timeout=30) as client,
    ):
        response = await client.post(
            CHAT, json={"message": "spent $41.10 on diesel yesterday", "context": context}
        )
        assert response.status_code == 200, response.text
        assert "41.10" in response.json()["reply"]
        assert await expense_dates(client) == [str(written_on - timedelta(days=1))]


async def test_a_stale_future_or_naive_typed_at_is_refused(serve: Serve) -> None:
    now = datetime.now(UTC)
    cases = {
        (now - timedelta(days=8)).isoformat(): "more than 7 days ago",
        (now + timedelta(hours=1)).isoformat(): "in the future",
        now.replace(tzinfo=None).isoformat(): "UTC offset",
    }
    async with (
        serve(OfflineBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("tyla-refused"), timeout=30) as client,
    ):
        for typed_at, words in cases.items():
            response = await client.post(
                CHAT,
                json={"message": "spent $5 on ice yesterday", "context": {"typed_at": typed_at}},
            )
            assert response.status_code == 422, response.text
            assert words in response.text
        assert await expense_dates(client) == []  # nothing half-written


async def test_a_sockets_stored_context_never_sets_the_clock(serve: Serve) -> None:
    """typed_at belongs to one message: in a context_update it would fix the clock of
    every later turn on that socket, so only a message's own context gives it."""
    typed_at = datetime.now(UTC) - timedelta(days=3)
    today = datetime.now(ZoneInfo(ZONE)).date()
    async with serve(OfflineBrain()) as server:
        async with connect(ws_url(server, "tyla-ws")) as ws:
            await recv_frame(ws)
            context = {"timezone": ZONE, "typed_at": typed_at.isoformat()}
            await send_frame(ws, {"type": "context_update", "context": context})
            await send_frame(ws, {"type": "chat", "message": "spent $9.20 on ice yesterday"})
            await frames_until(ws, "response_complete")
        async with httpx.AsyncClient(
            base_url=server.url, headers=auth("tyla-ws"), timeout=30
        ) as client:
            assert await expense_dates(client) == [str(today - timedelta(days=1))]
