"""The round trips to Postgres a turn's own reads and writes take (issue 19: each costs
the process CPU — a socket write and read, an event-loop wake-up — on every turn)."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage

from agent.context import Context
from agent.context_block import load_context_block
from agent.transcript import append_turn, waiting_calls
from bench.round_trips import counting_round_trips
from graph import build_graph
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.db.pool import Pool
from tools.db.scope import user_db


def _user(text: str) -> Any:
    return {"messages": [{"role": "user", "content": text}]}


async def test_the_context_block_is_one_round_trip(context: Context, scoped: ScopedDb) -> None:
    async with scoped(context.user_uuid) as db:
        await db.conn.execute(
            "INSERT INTO profiles (user_id, display_name, timezone)"
            " VALUES (%s, 'Kim', 'Australia/Perth')",
            (context.user_uuid,),
        )
        await db.conn.execute(
            "INSERT INTO memories (user_id, note) VALUES (%s, 'Travels with a dog')",
            (context.user_uuid,),
        )
        await db.conn.execute(
            "INSERT INTO vehicles (user_id, name, fuel_type, consumption_l_per_100km,"
            " is_default) VALUES (%s, 'Troopy', 'diesel', 7.50, true)",
            (context.user_uuid,),
        )
    tid = str(uuid.uuid4())
    with counting_round_trips() as trips:
        facts = await load_context_block(context, tid)
    # Before: BEGIN with the scope, profile, vehicle, memories, waiting approval, COMMIT.
    assert trips[0] == 1
    assert "Name: Kim" in facts.context_block
    assert "- Travels with a dog" in facts.context_block
    # A numeric column's scale as Postgres keeps it (the reads come back as JSON).
    assert "Vehicle: Troopy (diesel, 7.50 L/100km)" in facts.context_block
    assert facts.time_zone == "Australia/Perth"
    assert facts.waiting is None


async def test_the_context_block_finds_a_waiting_approval(
    context: Context, scoped: ScopedDb
) -> None:
    tid = str(uuid.uuid4())
    proposal = AIMessage(
        "", tool_calls=[{"name": "delete_expense", "args": {"expense_id": "x"}, "id": "c1"}]
    )
    proposal.id = "m2"
    asked = HumanMessage("delete it", id="m1")
    async with scoped(context.user_uuid) as db:
        await append_turn(db, tid, [asked, proposal])
        direct = await waiting_calls(db, tid)
    facts = await load_context_block(context, tid)
    assert facts.waiting is not None
    assert direct is not None
    assert facts.waiting.tool_calls == direct.tool_calls


async def test_the_turns_transcript_is_one_round_trip(context: Context, pool: Pool) -> None:
    """finish's transaction, pipelined: BEGIN with the scope, the thread's row, the
    messages and COMMIT (three round trips before: BEGIN, the rows, COMMIT)."""
    tid = str(uuid.uuid4())
    turn: list[AnyMessage] = [HumanMessage("hi", id="h1"), AIMessage("Hello!", id="a1")]
    user = context.user_uuid
    async with user_db(pool, user):  # the user's row, once
        pass
    with counting_round_trips() as trips:
        async with user_db(pool, user, pipelined=True) as db:
            await append_turn(db, tid, turn)
    async with user_db(pool, user) as db:
        rows = await (
            await db.conn.execute(
                "SELECT role, content FROM chat_messages WHERE thread_id = %s ORDER BY id",
                (uuid.UUID(tid),),
            )
        ).fetchall()
        title = await (await db.conn.execute("SELECT title FROM chat_threads")).fetchone()
    assert trips[0] == 1
    assert rows == [{"role": "human", "content": "hi"}, {"role": "ai", "content": "Hello!"}]
    assert title == {"title": "hi"}


async def test_a_turns_messages_are_kept_once_each_in_their_order(
    context: Context, pool: Pool
) -> None:
    """The turn's messages go in as one statement: in the turn's order, a message whose
    id is there already (sent again, or twice in the turn) recorded once."""
    tid = str(uuid.uuid4())
    first: list[AnyMessage] = [HumanMessage("hi", id="h1"), AIMessage("Hello!", id="a1")]
    again: list[AnyMessage] = [
        AIMessage("Hello!", id="a1"),
        HumanMessage("log $5 coffee", id="h2"),
        AIMessage("Logged.", id="a2"),
        AIMessage("Logged.", id="a2"),
        HumanMessage("thanks", id="h3"),
    ]
    async with user_db(pool, context.user_uuid, pipelined=True) as db:
        await append_turn(db, tid, first)
    async with user_db(pool, context.user_uuid, pipelined=True) as db:
        await append_turn(db, tid, again)
    async with user_db(pool, context.user_uuid) as db:
        rows = await (
            await db.conn.execute(
                "SELECT message_id FROM chat_messages WHERE thread_id = %s ORDER BY id",
                (uuid.UUID(tid),),
            )
        ).fetchall()
    assert [r["message_id"] for r in rows] == ["h1", "a1", "h2", "a2", "h3"]


async def test_a_write_turn_takes_seven_round_trips(context: Context) -> None:
    """The graph's own (no checkpointer): router 1 (the context block); the tool 5 (BEGIN
    with the scope, the profile, the insert, the budget check, COMMIT); finish 1 (its
    pipelined transaction). Seventeen before issue 19's cuts. (A write's summary is the
    reply: two model calls.)"""
    turn = [route("wins"), call("add_expense", amount=4, category="food")]
    graph = build_graph(model=ScriptedChatModel(script=[*turn, *turn]))
    await graph.ainvoke(_user("tea 4"), thread(), context=context)  # warm
    with counting_round_trips() as trips:
        out = await graph.ainvoke(_user("coffee 4"), thread(), context=context)
    assert out["reply"].startswith("Logged $4.00 for food")
    assert trips[0] == 7
