"""Approvals: risky calls pause with the human-in-the-loop payload; each decision works,
and a pending approval survives a process restart."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command

from agent.context import Context
from graph import build_graph
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action
from tools.types import ActionResult


async def _expense(scoped: ScopedDb, user: str, amount: float) -> str:
    async with scoped(uuid.UUID(user)) as db:
        result: ActionResult = await run_action(
            ACTIONS_BY_NAME["add_expense"], db, {"amount": amount, "category": "fuel"}
        )
    return str(result.ids[0])


async def _day_shown(scoped: ScopedDb, user: str, expense_id: str) -> str:
    """The expense's date as replies show it ("6 Dec"): today in the user's zone."""
    async with scoped(uuid.UUID(user)) as db:
        row = await (
            await db.conn.execute("SELECT date FROM expenses WHERE id = %s", (expense_id,))
        ).fetchone()
    assert row is not None
    return f"{row['date'].day} {row['date']:%b}"


async def _amounts(scoped: ScopedDb, user: str) -> list[float]:
    async with scoped(uuid.UUID(user)) as db:
        rows = await (
            await db.conn.execute("SELECT amount FROM expenses ORDER BY amount")
        ).fetchall()
    return [float(r["amount"]) for r in rows]


def _delete_turn(expense_id: str, *after: AIMessage) -> ScriptedChatModel:
    return ScriptedChatModel(
        script=[route("wins"), call("delete_expense", "d1", expense_id=expense_id), *after]
    )


async def test_delete_pauses_with_the_hitl_payload_and_approve_runs_it(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 85.4)
    graph = make_graph(_delete_turn(eid, AIMessage("Deleted the $85.40 fuel expense.")))
    config = thread()
    await graph.ainvoke({"messages": [("user", "delete it")]}, config, context=context)
    state = await graph.aget_state(config)
    (pending,) = state.interrupts
    assert pending.value["action_requests"][0]["name"] == "delete_expense"
    assert pending.value["action_requests"][0]["args"] == {"expense_id": eid}
    assert pending.value["review_configs"] == [
        {"action_name": "delete_expense", "allowed_decisions": ["approve", "edit", "reject"]}
    ]
    assert await _amounts(scoped, context.user_id) == [85.4]  # nothing ran yet
    out = await graph.ainvoke(
        Command(resume={"decisions": [{"type": "approve"}]}), config, context=context
    )
    assert "Deleted" in out["reply"]
    assert await _amounts(scoped, context.user_id) == []
    assert [a["type"] for a in out["ui_actions"]] == ["reload_expenses"]


async def test_reject_runs_nothing_and_tells_the_model(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 12)
    model = _delete_turn(eid, AIMessage("OK, I kept it."))
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke({"messages": [("user", "delete it")]}, config, context=context)
    decision = {"type": "reject", "message": "No, keep that one."}
    out = await graph.ainvoke(Command(resume={"decisions": [decision]}), config, context=context)
    assert out["reply"] == "OK, I kept it."
    assert await _amounts(scoped, context.user_id) == [12.0]
    shown = [m for m in model.seen[-1] if isinstance(m, ToolMessage)]
    assert "No, keep that one." in shown[-1].text


async def test_edit_runs_the_edited_call(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    keep = await _expense(scoped, context.user_id, 10)
    remove = await _expense(scoped, context.user_id, 20)
    graph = make_graph(_delete_turn(keep, AIMessage("Deleted.")))
    config = thread()
    await graph.ainvoke({"messages": [("user", "delete the $10 one")]}, config, context=context)
    edited = {"name": "delete_expense", "args": {"expense_id": remove}}
    decision = {"type": "edit", "edited_action": edited}
    await graph.ainvoke(Command(resume={"decisions": [decision]}), config, context=context)
    assert await _amounts(scoped, context.user_id) == [10.0]


async def test_a_group_post_needs_no_approval_but_a_public_one_does(
    make_graph: Any, context: Context
) -> None:
    model = ScriptedChatModel(
        script=[route("social"), call("create_post", "p1", content="Hello road!"), AIMessage("x")]
    )
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke({"messages": [("user", "post hello")]}, config, context=context)
    assert (await graph.aget_state(config)).interrupts


async def test_pending_approval_survives_a_restart(
    pool: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 33)
    config = thread()
    first: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=_delete_turn(eid))
    await first.ainvoke({"messages": [("user", "delete it")]}, config, context=context)
    # A new process: a new saver and graph over the same database.
    second: Any = build_graph(
        checkpointer=AsyncPostgresSaver(pool),
        model=ScriptedChatModel(script=[AIMessage("Deleted the $33.00 fuel expense.")]),
    )
    assert (await second.aget_state(config)).interrupts
    out = await second.ainvoke(
        Command(resume={"decisions": [{"type": "approve"}]}), config, context=context
    )
    assert "Deleted" in out["reply"]
    assert await _amounts(scoped, context.user_id) == []


async def test_a_new_message_instead_of_a_decision_closes_the_pending_call(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    eid = await _expense(scoped, context.user_id, 44)
    model = _delete_turn(eid, route("general"), AIMessage("Sure, anything else?"))
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke({"messages": [("user", "delete it")]}, config, context=context)
    out = await graph.ainvoke(
        {"messages": [("user", "actually never mind")]}, config, context=context
    )
    day = await _day_shown(scoped, context.user_id, eid)
    assert out["reply"] == (
        f"Sure, anything else?\n\nI've set aside “Delete the $44.00 fuel expense of {day}?”"
        " — nothing was done. Say “yes, go ahead” if you still want it."
    )
    assert await _amounts(scoped, context.user_id) == [44.0]
    calls = {c["id"] for m in out["messages"] if isinstance(m, AIMessage) for c in m.tool_calls}
    answered = {m.tool_call_id for m in out["messages"] if isinstance(m, ToolMessage)}
    assert calls <= answered


async def test_an_approval_set_aside_by_a_turn_that_itself_paused_is_still_said(
    make_graph: Any, context: Context, scoped: ScopedDb
) -> None:
    """ "like my post" (a card), then "comment on it: …" (another card) set the like aside;
    that turn ended at its own card, with no reply to say so. The next reply says both."""
    first, second = (
        await _expense(scoped, context.user_id, 44),
        await _expense(scoped, context.user_id, 55),
    )
    model = ScriptedChatModel(
        script=[
            route("wins"), call("delete_expense", "d1", expense_id=first),
            route("wins"), call("delete_expense", "d2", expense_id=second),
            route("general"), AIMessage("Sure, anything else?"),
            route("general"), AIMessage("Hi!"),
        ]
    )  # fmt: skip
    graph = make_graph(model)
    config = thread()
    await graph.ainvoke({"messages": [("user", "delete the $44 one")]}, config, context=context)
    paused = await graph.ainvoke(
        {"messages": [("user", "and the $55 one")]}, config, context=context
    )
    assert "__interrupt__" in paused
    out = await graph.ainvoke(
        {"messages": [("user", "actually never mind")]}, config, context=context
    )
    day = await _day_shown(scoped, context.user_id, first)
    assert out["reply"] == "\n\n".join(
        [
            "Sure, anything else?",
            f"I've set aside “Delete the $44.00 fuel expense of {day}?” — nothing was done."
            " Say “yes, go ahead” if you still want it.",
            f"I've set aside “Delete the $55.00 fuel expense of {day}?” — nothing was done."
            " Say “yes, go ahead” if you still want it.",
        ]
    )
    assert await _amounts(scoped, context.user_id) == [44.0, 55.0]
    after = await graph.ainvoke({"messages": [("user", "hi")]}, config, context=context)
    assert "set aside" not in after["reply"]  # said once
