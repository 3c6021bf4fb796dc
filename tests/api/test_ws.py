"""The chat WebSocket on a real server: sign-in both ways, a whole turn, ping, context."""

from __future__ import annotations

import httpx
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect

from server.ws.registry import sockets_of
from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    auth,
    frames_until,
    recv_frame,
    send_frame,
    token_for,
    uid,
    ws_url,
)
from tests.fakes import call, route


async def test_a_turn_over_the_socket_streams_chunks_and_tool_events(serve: Serve) -> None:
    model = StreamingScriptedModel(
        script=[
            route("wins"),
            call("add_expense", "c1", amount=40, category="groceries"),
        ]
    )
    async with serve(model) as server, connect(ws_url(server, "wendy")) as ws:
        assert await recv_frame(ws) == {"type": "connected", "user_id": str(uid("wendy"))}
        await send_frame(ws, {"type": "chat", "message": "40 on groceries", "message_id": "m1"})
        frames = await frames_until(ws, "response_complete")
        types = [f["type"] for f in frames]
        chunks = [f["content"] for f in frames if f["type"] == "chunk"]
        # The write's summary is the whole reply (no model call restates it), streamed whole.
        assert types == ["chat_response_start", "route", "tool_call", "tool_result"] + [
            "chunk"
        ] * len(chunks) + ["chat_response", "response_complete"]
        start, response = frames[0], frames[-2]
        assert start["message_id"] == "m1" and start["run_id"]
        assert frames[1]["domains"] == ["wins"]
        assert frames[2]["name"] == "add_expense" and frames[2]["id"] == "c1"
        assert frames[3]["ok"] is True
        assert all(f["message_id"] == "m1" for f in frames)
        assert "".join(chunks) == response["message"] == frames[3]["summary"]
        assert response["message"].startswith("Logged $40.00 for groceries")
        assert response["thread_id"] == start["thread_id"]
        assert response["ui_actions"][0]["type"] == "reload_expenses"
        async with httpx.AsyncClient(base_url=server.url, headers=auth("wendy")) as client:
            thread = (await client.get(f"/api/v1/pam/threads/{start['thread_id']}")).json()
    assert thread["messages"][-1]["content"] == response["message"]


async def test_sign_in_with_a_first_auth_frame_then_ping_and_context(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("You're in Broome.")])
    async with serve(model) as server, connect(ws_url(server)) as ws:
        await send_frame(ws, {"type": "auth", "token": token_for("walt")})
        assert (await recv_frame(ws))["user_id"] == str(uid("walt"))
        await send_frame(ws, {"type": "ping", "timestamp": 1234})
        assert await recv_frame(ws) == {"type": "pong", "timestamp": 1234}
        place = {"lat": -17.96, "lng": 122.24, "city": "Broome", "country": "Australia"}
        await send_frame(
            ws,
            {
                "type": "context_update",
                "context": {"location": place, "timezone": "Australia/Perth"},
            },
        )
        await send_frame(ws, {"type": "chat", "message": "where am I?"})
        frames = await frames_until(ws, "response_complete")
    assert frames[-2]["message"] == "You're in Broome."
    # The turn saw the socket's context: the router's prompt carries the context block.
    shown = " ".join(str(m.content) for m in model.seen[-1])
    assert "Broome" in shown


async def test_push_reaches_every_socket_of_that_user_only(serve: Serve) -> None:
    async with (
        serve() as server,
        connect(ws_url(server, "pat")) as phone,
        connect(ws_url(server, "pat")) as laptop,
        connect(ws_url(server, "quentin")) as stranger,
    ):
        for ws in (phone, laptop, stranger):
            await recv_frame(ws)
        reminder = {"type": "reminder", "title": "Rego due", "due": "2026-04-01"}
        delivered = await sockets_of(server.app).push(uid("pat"), reminder)
        got = [await recv_frame(phone), await recv_frame(laptop)]
        await send_frame(stranger, {"type": "ping"})
        stranger_next = await recv_frame(stranger)
    assert delivered == 2
    assert got == [reminder, reminder]
    assert stranger_next == {"type": "pong"}  # the reminder never reached another user
