"""Turns over the WebSocket: approvals and resume, cancel, busy threads, a socket that
closes mid-turn, and other users' threads."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect

from tests.api.conftest import (
    Gate,
    Serve,
    StreamingScriptedModel,
    add_expense,
    auth,
    expense_amounts,
    frames_until,
    recv_frame,
    send_frame,
    settled_thread,
    ws_url,
)
from tests.fakes import call, route
from tools.db.pool import Pool


async def test_an_approval_interrupts_and_a_resume_frame_finishes_the_turn(
    serve: Serve, pool: Pool
) -> None:
    expense = await add_expense(pool, "pia", 33)
    model = StreamingScriptedModel(
        script=[
            route("wins"),
            call("delete_expense", "d1", expense_id=expense),
        ]
    )
    async with serve(model) as server, connect(ws_url(server, "pia")) as ws:
        await recv_frame(ws)  # connected
        await send_frame(ws, {"type": "chat", "message": "delete it", "message_id": "a1"})
        paused = await frames_until(ws, "response_complete")
        interrupt = next(f for f in paused if f["type"] == "interrupt")
        assert "chat_response" not in [f["type"] for f in paused]
        assert interrupt["action_requests"][0]["args"] == {"expense_id": expense}
        assert interrupt["message_id"] == "a1"
        assert await expense_amounts(pool, "pia") == [33.0]
        resume = {
            "type": "resume",
            "thread_id": interrupt["thread_id"],
            "decisions": [{"type": "approve"}],
            "message_id": "a2",
        }
        await send_frame(ws, resume)
        resumed = await frames_until(ws, "response_complete")
    types = [f["type"] for f in resumed]
    assert types[0] == "chat_response_start" and "tool_result" in types
    assert resumed[-2]["type"] == "chat_response"
    assert resumed[-2]["message"].startswith("Deleted the $33.00 fuel expense from ")
    assert resumed[-2]["message_id"] == "a2"
    assert await expense_amounts(pool, "pia") == []


async def test_cancel_stops_the_turn_and_frees_the_thread(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("After cancel.")])
    async with serve(model) as server, connect(ws_url(server, "quin")) as ws:
        await recv_frame(ws)
        await send_frame(ws, {"type": "chat", "message": "slow one", "message_id": "c1"})
        start = await recv_frame(ws)
        thread_id = start["thread_id"]
        await asyncio.wait_for(gate.reached.wait(), 10)
        await send_frame(ws, {"type": "chat", "message": "too soon", "thread_id": thread_id})
        busy = await recv_frame(ws)
        await send_frame(ws, {"type": "cancel", "thread_id": thread_id})
        cancelled = await frames_until(ws, "response_complete")
        await send_frame(ws, {"type": "chat", "message": "now?", "thread_id": thread_id})
        after = await frames_until(ws, "response_complete")
        run = server.app.state.runs.get(start["run_id"])
    assert busy["type"] == "error" and busy["code"] == "THREAD_BUSY"
    assert cancelled[-2] == {
        "type": "chat_response",
        "message_id": "c1",
        "thread_id": thread_id,
        "message": "",
        "ui_actions": [],
        "cancelled": True,
        "event_id": "done",
    }
    assert run is not None and run.status == "cancelled"
    assert after[-2]["message"] == "After cancel."


async def test_a_cancel_with_nothing_running_is_answered(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Done already.")])
    async with serve(model) as server, connect(ws_url(server, "ned")) as ws:
        await recv_frame(ws)  # connected
        await send_frame(ws, {"type": "chat", "message": "quick one"})
        ended = await frames_until(ws, "response_complete")
        await send_frame(ws, {"type": "cancel", "thread_id": ended[0]["thread_id"]})
        answer = await asyncio.wait_for(recv_frame(ws), 10)
    assert answer["type"] == "error" and answer["code"] == "NOTHING_RUNNING"
    assert "nothing to cancel" in answer["message"]


async def test_closing_the_socket_mid_turn_does_not_lose_the_turn(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Still here.")])
    async with serve(model) as server:
        async with connect(ws_url(server, "rex")) as ws:
            await recv_frame(ws)
            await send_frame(ws, {"type": "chat", "message": "answer later"})
            thread_id = (await recv_frame(ws))["thread_id"]
            await asyncio.wait_for(gate.reached.wait(), 10)
        gate.open()  # the socket is closed now
        async with httpx.AsyncClient(base_url=server.url, headers=auth("rex")) as client:
            thread = await settled_thread(client, thread_id)
    assert [m["content"] for m in thread["messages"]] == ["answer later", "Still here."]


async def test_another_users_thread_is_not_found_on_the_socket(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Private.")])
    async with serve(model) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth("sam")) as client:
            thread_id = (await client.post("/api/v1/pam/chat", json={"message": "x"})).json()[
                "thread_id"
            ]
        async with connect(ws_url(server, "tia")) as ws:
            await recv_frame(ws)
            frames = [
                {"type": "chat", "message": "hi", "thread_id": thread_id, "message_id": "n1"},
                {"type": "chat", "message": "hi", "thread_id": str(uuid.uuid4())},
                {"type": "resume", "thread_id": thread_id, "decisions": [{"type": "approve"}]},
                {"type": "cancel", "thread_id": thread_id},
            ]
            answers = []
            for frame in frames:
                await send_frame(ws, frame)
                answers.append(await recv_frame(ws))
    for answer in answers:
        assert answer["type"] == "error" and answer["code"] == "NOT_FOUND"
        assert answer["message"] == "Thread not found."
    assert answers[0]["message_id"] == "n1"
