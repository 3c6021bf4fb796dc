"""Runs are shared through Redis when it is configured; when it is unreachable, turns go
on as on a single instance (no lock, no mirror, no shared cancel), never failing."""

from __future__ import annotations

import asyncio

import httpx
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect

from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    auth,
    frames_until,
    send_frame,
    ws_url,
)
from tests.fakes import route
from tests.servers import free_port


async def test_chats_go_on_when_redis_is_unreachable(serve: Serve) -> None:
    model = StreamingScriptedModel(
        script=[route("general"), AIMessage("Still here."), route("general"), AIMessage("Yes.")]
    )
    dead = f"redis://127.0.0.1:{free_port()}/0"
    async with (
        serve(model, redis_url=dead) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("norah"), timeout=20) as client,
    ):
        first = await client.post("/api/v1/pam/chat", json={"message": "hi", "message_id": "a"})
        assert first.status_code == 200, first.text
        assert first.json()["reply"] == "Still here."
        thread_id = first.json()["thread_id"]
        async with connect(ws_url(server, "norah")) as ws:
            await frames_until(ws, "connected")
            await send_frame(ws, {"type": "chat", "message": "again?", "thread_id": thread_id})
            frames = await frames_until(ws, "response_complete")
            await send_frame(ws, {"type": "cancel", "thread_id": thread_id})  # nothing to stop
            await asyncio.sleep(0.1)
        retry = await client.post(
            "/api/v1/pam/chat", json={"message": "hi", "message_id": "a", "thread_id": thread_id}
        )
    assert [f["message"] for f in frames if f["type"] == "chat_response"] == ["Yes."]
    assert retry.json()["run_id"] == first.json()["run_id"]
