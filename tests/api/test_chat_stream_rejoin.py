"""A cut chat stream picked up with Last-Event-ID on a real server: only the events
after the id, joined live or from what the ended turn left; one run, one expense."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import orjson
from langchain_core.messages import AIMessage
from websockets.asyncio.client import connect

from tests.api.conftest import (
    Gate,
    Serve,
    StreamingScriptedModel,
    auth,
    expense_amounts,
    frames_until,
    send_frame,
    ws_url,
)
from tests.fakes import call, route
from tools.db.pool import Pool

STREAM = "/api/v1/pam/chat/stream"
Event = tuple[str, str | None, Any]  # event, id, data


async def read_events(
    response: httpx.Response, stop_after: int | None = None, stop_at: str | None = None
) -> list[Event]:
    """(event, id, data) per event; with `stop_after`, hangs up after that many; with
    `stop_at`, after the first event of that name."""
    events: list[Event] = []
    name, event_id, data = None, None, None
    async for line in response.aiter_lines():
        if line.startswith(":"):
            continue
        if not line:
            if name is not None:
                events.append((name, event_id, data))
                if stop_after is not None and len(events) >= stop_after:
                    return events
                if stop_at is not None and name == stop_at:
                    return events
            name, event_id, data = None, None, None
            continue
        field, _, value = line.partition(": ")
        if field == "event":
            name = value
        elif field == "id":
            event_id = value
        elif field == "data":
            data = orjson.loads(value)
    return events


async def stream(
    client: httpx.AsyncClient,
    body: dict[str, Any],
    last_event_id: str | None = None,
    stop_after: int | None = None,
) -> list[Event]:
    headers = {"Last-Event-ID": last_event_id} if last_event_id is not None else {}
    async with client.stream("POST", STREAM, json=body, headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        return await read_events(response, stop_after)


def as_told(events: list[Event]) -> list[tuple[str, Any]]:
    """What a reader makes of events: tokens joined (merging depends on timing)."""
    told: list[tuple[str, Any]] = []
    for name, _, data in events:
        if name == "token" and told and told[-1][0] == "token":
            told[-1] = ("token", told[-1][1] + data["text"])
        else:
            told.append((name, data["text"] if name == "token" else data))
    return told


def order(event_id: str) -> tuple[int, int, int]:
    """Ids in the order the server sends them: `seq`, `seq.part`, then `done`."""
    if event_id == "done":
        return (1, 0, 0)
    seq, _, part = event_id.partition(".")
    return (0, int(seq), int(part or 0))


async def run_rows(pool: Pool, thread_id: str, message_id: str) -> int:
    async with pool.connection() as conn:
        cursor = await conn.execute(
            "SELECT count(*) AS n FROM chat_runs WHERE thread_id = %s AND message_id = %s",
            (thread_id, message_id),
        )
        row = await cursor.fetchone()
    assert row is not None
    return int(row["n"])


async def test_a_stream_cut_mid_turn_joins_the_running_turn_after_the_id(
    serve: Serve, pool: Pool
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(
        script=[route("wins"), gate, call("add_expense", "c1", amount=41.5, category="fuel")]
    )
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("rhea"), timeout=30) as client,
    ):
        thread_id = (await client.post("/threads", json={})).json()["thread_id"]
        body = {"message": "spent 41.50 on fuel", "thread_id": thread_id, "message_id": "m-41"}
        first = await stream(client, body, stop_after=2)  # metadata, route: then cut
        assert [(n, i) for n, i, _ in first] == [("metadata", "0"), ("route", first[1][1])]
        await gate.reached.wait()  # the turn is still running when the client comes back
        last = first[-1][1]
        assert last is not None

        headers = {"Last-Event-ID": last}
        async with client.stream("POST", STREAM, json=body, headers=headers) as response:
            assert response.status_code == 200  # joined while the turn waits at the gate
            assert not gate.opened.is_set()
            gate.open()
            rest = await read_events(response)
        replayed = await stream(client, body)  # the same message_id, no id: from its start
        told_again = await stream(client, body, last_event_id=last)
        expenses = await expense_amounts(pool, "rhea")
        rows = await run_rows(pool, thread_id, "m-41")
    assert [n for n, _, _ in rest][:2] == ["tool_call", "tool_result"]
    assert [n for n, _, _ in rest][-2:] == ["final", "end"]
    ids = [i for _, i, _ in rest if i is not None]
    assert all(order(i) > order(last) for i in ids) and ids == sorted(ids, key=order)
    assert ids[-1] == "done"
    assert as_told(first + rest) == as_told(replayed)  # nothing lost, nothing twice
    assert as_told(told_again) == as_told(rest)  # the ended turn tells the same rest
    assert expenses == [41.5] and rows == 1


async def test_a_stream_cut_among_the_tokens_continues_the_reply_exactly(serve: Serve) -> None:
    reply = " ".join(f"word{i}" for i in range(60))
    model = StreamingScriptedModel(script=[route("general"), AIMessage(reply)])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("rhea"), timeout=30) as client,
    ):
        thread_id = (await client.post("/threads", json={})).json()["thread_id"]
        body = {"message": "tell me a story", "thread_id": thread_id, "message_id": "m-story"}
        first = await stream(client, body, stop_after=4)  # metadata, route, two tokens
        assert [n for n, _, _ in first] == ["metadata", "route", "token", "token"]
        last = first[-1][1]
        assert last is not None
        rest = await stream(client, body, last_event_id=last)
        only_the_end = await stream(client, body, last_event_id="done")
    text = "".join(d["text"] for n, _, d in first + rest if n == "token")
    assert text == reply  # no token lost or repeated
    assert rest[-2] == ("final", "done", {"reply": reply, "ui_actions": []})
    assert only_the_end == [("end", None, {})]


async def test_a_bad_last_event_id_is_refused_with_a_reason(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hello.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("rhea"), timeout=30) as client,
    ):
        thread_id = (await client.post("/threads", json={})).json()["thread_id"]
        body = {"message": "hi", "thread_id": thread_id, "message_id": "m-hi"}
        events = await stream(client, body)
        last_seq = max(float(i) for _, i, _ in events if i not in (None, "done"))

        async def refused(headers: dict[str, str], sent: dict[str, Any]) -> httpx.Response:
            response = await client.post(STREAM, json=sent, headers=headers)
            return response

        malformed = await refused({"Last-Event-ID": "abc"}, body)
        negative = await refused({"Last-Event-ID": "-3"}, body)
        unsent = await refused({"Last-Event-ID": str(int(last_seq) + 50)}, body)
        no_message = await refused(
            {"Last-Event-ID": "1"}, {"message": "hi", "thread_id": thread_id}
        )
        unknown = await refused({"Last-Event-ID": "1"}, {**body, "message_id": str(uuid.uuid4())})
        elsewhere = await refused(
            {"Last-Event-ID": "1", **auth("otto")}, {**body, "message_id": "m-hi"}
        )
    for response in (malformed, negative, unsent, no_message):
        assert response.status_code == 422, response.text
        assert "Last-Event-ID" in response.text
    assert unknown.status_code == 404 and "message_id" in unknown.text
    assert elsewhere.status_code == 404  # another user's thread is not there for them


async def test_a_websocket_resend_with_last_event_id_gets_only_the_frames_after_it(
    serve: Serve, pool: Pool
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(
        script=[route("wins"), gate, call("add_expense", "c1", amount=18.2, category="fuel")]
    )
    async with serve(model) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth("wyn"), timeout=30) as c:
            thread_id = (await c.post("/threads", json={})).json()["thread_id"]
        chat = {"type": "chat", "message": "spent 18.20 on fuel", "thread_id": thread_id}
        chat["message_id"] = "m-ws"
        async with connect(ws_url(server, "wyn")) as ws:
            await frames_until(ws, "connected")
            await send_frame(ws, chat)
            first = await frames_until(ws, "route")  # then the socket drops
        await gate.reached.wait()
        last = first[-1]["event_id"]
        async with connect(ws_url(server, "wyn")) as ws:
            await frames_until(ws, "connected")
            await send_frame(ws, {**chat, "last_event_id": "nonsense"})
            refused = await frames_until(ws, "error")
            await send_frame(ws, {**chat, "last_event_id": last})
            await frames_until(ws, "chat_response_start")
            gate.open()
            rest = await frames_until(ws, "response_complete")
        expenses = await expense_amounts(pool, "wyn")
    assert refused[-1]["code"] == "BAD_REQUEST" and "Last-Event-ID" in refused[-1]["message"]
    kinds = [f["type"] for f in rest]
    assert kinds[:2] == ["tool_call", "tool_result"] and kinds[-2:] == [
        "chat_response",
        "response_complete",
    ]
    assert set(kinds[2:-2]) == {"chunk"}
    ids = [f["event_id"] for f in rest if "event_id" in f]
    assert all(order(i) > order(last) for i in ids) and ids[-1] == "done"
    assert "".join(f["content"] for f in rest if f["type"] == "chunk") == rest[-2]["message"]
    assert expenses == [18.2]
