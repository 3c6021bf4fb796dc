"""`pam db prune`: old checkpoints go, each thread keeps its newest; state, pending
approvals and the next turn work as before."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from langchain_core.messages import AIMessage
from langgraph.types import Command

from agent.context import Context
from tests.conftest import ScopedDb
from tests.fakes import ScriptedChatModel, call, route
from tests.integration.graph.conftest import thread
from tools.db.prune import prune_checkpoints
from tools.registry import ACTIONS_BY_NAME
from tools.run import run_action


def _counts(url: str, thread_id: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM checkpoints WHERE thread_id = %(t)s),"
            " (SELECT count(*) FROM checkpoint_blobs WHERE thread_id = %(t)s)",
            {"t": thread_id},
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _chat_turns(n: int) -> ScriptedChatModel:
    script: list[AIMessage] = []
    for i in range(n):
        # A write's summary is its reply: the model is not called again to restate it.
        script += [route("wins"), call("add_expense", f"c{i}", amount=10 + i, category="fuel")]
    return ScriptedChatModel(script=script)


async def test_prune_keeps_the_newest_checkpoint_and_everything_still_works(
    make_graph: Any, context: Context, scoped: ScopedDb, migrated_url: str
) -> None:
    chat, approval = thread(), thread()
    graph = make_graph(_chat_turns(3))
    for i in range(3):
        await graph.ainvoke(
            {"messages": [("user", f"spent {10 + i} on fuel")]}, chat, context=context
        )
    async with scoped(uuid.UUID(context.user_id)) as db:
        added = await run_action(
            ACTIONS_BY_NAME["add_expense"], db, {"amount": 99, "category": "fuel"}
        )
    deleting = make_graph(
        ScriptedChatModel(
            script=[
                route("wins"),
                call("delete_expense", "d1", expense_id=str(added.ids[0])),
            ]
        )
    )
    await deleting.ainvoke({"messages": [("user", "delete the 99")]}, approval, context=context)
    before = await graph.aget_state(chat)
    chat_id = chat["configurable"]["thread_id"]
    many, blobs_before = _counts(migrated_url, chat_id)
    assert many > 3

    pruned = prune_checkpoints(migrated_url, keep=1)

    assert pruned.checkpoints >= many - 1 and pruned.blobs > 0
    remaining, blobs_after = _counts(migrated_url, chat_id)
    assert remaining == 1 and blobs_after < blobs_before
    after = await graph.aget_state(chat)
    assert after.values["messages"] == before.values["messages"]
    assert after.values.get("summary") == before.values.get("summary")
    (pending,) = (await deleting.aget_state(approval)).interrupts
    assert pending.value["action_requests"][0]["name"] == "delete_expense"
    out = await deleting.ainvoke(
        Command(resume={"decisions": [{"type": "approve"}]}), approval, context=context
    )
    assert out["reply"].startswith("Deleted the $99.00 fuel expense")
    next_turn = make_graph(_chat_turns(1))
    out = await next_turn.ainvoke(
        {"messages": [("user", "spent 10 on fuel")]}, chat, context=context
    )
    assert out["reply"] == "Logged $10.00 for fuel on 10 Mar."
    assert len(out["messages"]) > len(before.values["messages"]) - 1


def test_prune_refuses_to_keep_nothing(migrated_url: str) -> None:
    import pytest

    with pytest.raises(ValueError, match="at least one"):
        prune_checkpoints(migrated_url, keep=0)
