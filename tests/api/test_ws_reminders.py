"""Reminders pushed over the chat WebSocket by the worker inside `pam serve`, without
Redis: the instance's own sockets get a `reminder` frame; with none open, the reminder
is listed in the user's latest thread instead."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from websockets.asyncio.client import connect

from tests.api.conftest import Serve, auth, frames_until, settled_thread, ws_url

JOBS = {"pam_worker": True, "pam_jobs_poll_s": 0.2}


async def test_an_event_reminder_reaches_the_users_open_socket(serve: Serve) -> None:
    start = (datetime.now(UTC) + timedelta(seconds=62)).isoformat()
    async with (
        serve(**JOBS) as server,
        connect(ws_url(server, "rita")) as ws,
        httpx.AsyncClient(base_url=server.url, headers=auth("rita")) as client,
    ):
        await frames_until(ws, "connected")
        made = await client.post(
            "/api/v1/you/events",
            json={"title": "Dump point", "start": start, "reminder_minutes": 1},
        )
        assert made.status_code == 201, made.text
        frame = (await frames_until(ws, "reminder", timeout_s=20))[-1]
    assert frame["kind"] == "event" and frame["title"] == "Dump point"
    assert frame["entity_id"] == made.json()["event"]["id"]
    assert frame["message"].startswith("Reminder: 'Dump point'")
    assert datetime.fromisoformat(frame["due_at"]) < datetime.now(UTC)


async def first_thread(client: httpx.AsyncClient) -> dict[str, Any]:
    """The user's one thread, once the worker has made it (polled over HTTP)."""
    async with asyncio.timeout(15):
        while True:
            items: list[dict[str, Any]] = (await client.get("/api/v1/pam/threads")).json()["items"]
            if items:
                [thread] = items
                return thread
            await asyncio.sleep(0.1)


async def test_a_budget_alert_with_no_socket_open_is_listed_in_the_thread_once(
    serve: Serve,
) -> None:
    async with (
        serve(**JOBS) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("otto"), timeout=20) as client,
    ):
        threads = await client.get("/api/v1/pam/threads")
        assert threads.json()["items"] == []
        budget = await client.put("/api/v1/wins/budgets/fuel", json={"monthly_limit": 100})
        assert budget.status_code == 200, budget.text
        for amount in (60, 30, 20):  # 60%, 90% (the alert), 110% (no second one)
            spent = await client.post(
                "/api/v1/wins/expenses", json={"amount": amount, "category": "fuel"}
            )
            assert spent.status_code == 201, spent.text
        thread = await first_thread(client)
        await asyncio.sleep(1)  # a few more relay passes: nothing more arrives
        messages = (await settled_thread(client, thread["thread_id"]))["messages"]
    assert thread["title"] == "Reminders"
    [alert] = messages
    assert alert["role"] == "ai" and alert["content"].startswith("Heads up: fuel")
    assert alert["data"]["reminder"]["kind"] == "budget"
    assert alert["data"]["reminder"]["title"] == "Fuel budget"
