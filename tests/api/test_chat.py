"""Chat over HTTP on a real server: a whole turn as JSON and as server-sent events."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import httpx
from langchain_core.messages import AIMessage
from prometheus_client import REGISTRY

from server.chat.rejoin import event_id
from server.chat.stream import MERGED_TOKEN_CHARS, NumberedEvent, merged_tokens
from tests.api.conftest import Serve, StreamingScriptedModel, auth, sse_events
from tests.fakes import PacedBrain, call, route, word_chunks
from tools.db.pool import Pool
from tools.db.thread_keys import thread_key

CHAT = "/api/v1/pam/chat"


def fuel_turn() -> StreamingScriptedModel:
    return StreamingScriptedModel(
        script=[
            route("wins"),
            call("add_expense", "c1", amount=12.5, category="fuel"),
        ]
    )


async def test_a_turn_as_json_records_the_expense_and_the_transcript(serve: Serve) -> None:
    async with (
        serve(fuel_turn()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("alice"), timeout=30) as client,
    ):
        turns_before = REGISTRY.get_sample_value("pam_turns_total", {"domain": "wins"}) or 0
        response = await client.post(CHAT, json={"message": "spent 12.50 on fuel"})
        assert response.status_code == 200, response.text
        turns_after = REGISTRY.get_sample_value("pam_turns_total", {"domain": "wins"})
        body = response.json()
        assert UUID(body["thread_id"]) and UUID(body["run_id"])
        assert body["reply"].startswith("Logged $12.50 for fuel on ")
        assert [a["type"] for a in body["ui_actions"]] == ["reload_expenses"]
        assert "interrupt" not in body
        thread = (await client.get(f"/api/v1/pam/threads/{body['thread_id']}")).json()
    assert [m["role"] for m in thread["messages"]] == ["human", "ai", "tool", "ai"]
    assert thread["messages"][0]["content"] == "spent 12.50 on fuel"
    assert thread["messages"][-1]["content"] == body["reply"]
    assert thread["running"] is False
    assert turns_after == turns_before + 1


def data_reply(events: list[tuple[str, Any]]) -> str:
    return str(dict(events)["final"]["reply"])


async def test_a_streamed_turn_sends_the_events_in_order(serve: Serve) -> None:
    async with (
        serve(fuel_turn()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("alice"), timeout=30) as client,
        client.stream(
            "POST", f"{CHAT}/stream", json={"message": "spent 12.50 on fuel"}
        ) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["x-accel-buffering"] == "no"
        events = await sse_events(response)
    names = [name for name, _ in events]
    tokens = [data["text"] for name, data in events if name == "token"]
    assert names == ["metadata", "route", "tool_call", "tool_result"] + ["token"] * len(tokens) + [
        "final",
        "end",
    ]
    # A write's summary is the reply: no model call restates it; it is streamed whole.
    assert tokens
    assert "".join(tokens) == data_reply(events)
    data = dict(events)
    assert set(data["metadata"]) == {"thread_id", "run_id"}
    assert data["route"] == {"domains": ["wins"]}
    assert data["tool_call"] == {
        "name": "add_expense",
        "args": {"amount": 12.5, "category": "fuel"},
        "id": "c1",
    }
    assert data["tool_result"]["ok"] is True and data["tool_result"]["id"] == "c1"
    assert "12.50" in data["tool_result"]["summary"]
    assert data["final"]["reply"] == data["tool_result"]["summary"] == "".join(tokens)
    assert data["final"]["ui_actions"][0]["type"] == "reload_expenses"


async def test_the_general_node_streams_its_reply_and_the_router_never_does(
    serve: Serve,
) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("G'day! How can I help?")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("alice"), timeout=30) as client,
        client.stream("POST", f"{CHAT}/stream", json={"message": "hi"}) as response,
    ):
        events = await sse_events(response)
    tokens = [data["text"] for name, data in events if name == "token"]
    assert "".join(tokens) == "G'day! How can I help?"
    assert ("route", {"domains": ["general"]}) in events
    assert events[-2] == ("final", {"reply": "G'day! How can I help?", "ui_actions": []})


async def test_a_paced_reply_streams_token_by_token(serve: Serve) -> None:
    """A model that streams at a pace: each token reaches the client as it comes."""
    async with (
        serve(PacedBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("alice"), timeout=30) as client,
        client.stream("POST", f"{CHAT}/stream", json={"message": "how are you?"}) as response,
    ):
        events = await sse_events(response)
    tokens = [data["text"] for name, data in events if name == "token"]
    final = dict(events)["final"]["reply"]
    assert len(tokens) == len(word_chunks(AIMessage(final))) > 1
    assert "".join(tokens) == final


def test_adjacent_tokens_merge_up_to_a_bound() -> None:
    """A merged token keeps the id of the last token in it: a client resuming after it
    has all of them."""
    big = "x" * (MERGED_TOKEN_CHARS - 1)
    events: list[NumberedEvent] = [
        ("token", {"text": "a"}, event_id(3, 0)),
        ("token", {"text": "b"}, event_id(4, 0)),
        ("route", {}, event_id(5, 0)),
        ("token", {"text": big}, event_id(6, 0)),
        ("token", {"text": "cc"}, event_id(7, 0)),
    ]
    assert merged_tokens(events) == [
        ("token", {"text": "ab"}, event_id(4, 0)),
        ("route", {}, event_id(5, 0)),
        ("token", {"text": big}, event_id(6, 0)),
        ("token", {"text": "cc"}, event_id(7, 0)),
    ]


async def test_a_turn_records_its_end_in_the_transaction_of_its_checkpoints(
    serve: Serve, pool: Pool
) -> None:
    """One transaction less per turn: the run's row says how it ended in the very
    transaction that writes the turn's checkpoints (the same transaction id on both)."""
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hello there.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("xena"), timeout=30) as client,
        client.stream("POST", f"{CHAT}/stream", json={"message": "hi"}) as response,
    ):
        events = await sse_events(response)
    started = dict(events)["metadata"]
    async with pool.connection() as conn:
        run = await (
            await conn.execute(
                "SELECT status, result, user_id, xmin::text AS tx FROM chat_runs WHERE id = %s",
                (started["run_id"],),
            )
        ).fetchone()
        assert run is not None
        key = thread_key(run["user_id"], started["thread_id"])
        written = await (
            await conn.execute(
                "SELECT DISTINCT xmin::text AS tx FROM checkpoints WHERE thread_id = %s", (key,)
            )
        ).fetchall()
    assert run["status"] == "success" and run["result"]["reply"] == "Hello there."
    assert [row["tx"] for row in written] == [run["tx"]]
