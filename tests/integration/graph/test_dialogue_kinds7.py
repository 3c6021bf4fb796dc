"""Terse turns through the graph with the offline brain and a real database (branch
i15-dialogue7): a correction that names its row after another kind was written after it,
and a declined public post moved to a group."""

from __future__ import annotations

import uuid
from typing import Any

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command

from agent.brain import OfflineBrain
from agent.context import Context
from graph import build_graph
from tests.conftest import ScopedDb
from tests.integration.graph.conftest import thread
from tools.db.pool import Pool


def _user(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


async def _rows(scoped: ScopedDb, context: Context, sql: str) -> list[dict[str, Any]]:
    """The user's own rows (`sql` filters on `user_id = %s`): other tests' public posts are
    visible to every user."""
    async with scoped(uuid.UUID(context.user_id)) as db:
        cur = await db.conn.execute(sql, (context.user_id,))
        return list(await cur.fetchall())


async def test_a_correction_names_its_row_after_a_reminder_was_written_after_it(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    graph: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=OfflineBrain())
    config = thread()
    await graph.ainvoke(
        _user("spent 30 on groceries and remind me to ring the vet tomorrow at 9"),
        config,
        context=context,
    )
    await graph.ainvoke(_user("oh actually make the groceries 35 not 30"), config, context=context)
    rows = await _rows(scoped, context, "SELECT amount, category FROM expenses WHERE user_id = %s")
    assert [(float(r["amount"]), r["category"]) for r in rows] == [(35.0, "groceries")]


async def test_a_declined_public_post_goes_to_the_group_named_next(
    pool: Pool, context: Context, scoped: ScopedDb
) -> None:
    graph: Any = build_graph(checkpointer=AsyncPostgresSaver(pool), model=OfflineBrain())
    config = thread()
    await graph.ainvoke(_user("start a group called Reef Runners"), config, context=context)
    await graph.ainvoke(_user("post the boat ramp at Bundy is closed"), config, context=context)
    await graph.ainvoke(
        Command(resume={"decisions": [{"type": "reject"}]}), config, context=context
    )
    assert await _rows(scoped, context, "SELECT content FROM posts WHERE user_id = %s") == []
    await graph.ainvoke(_user("put it in the Reef Runners group instead"), config, context=context)
    rows = await _rows(scoped, context, "SELECT content, visibility FROM posts WHERE user_id = %s")
    assert len(rows) == 1
    assert "boat ramp at bundy is closed" in rows[0]["content"].lower()
    assert rows[0]["visibility"] == "group"
