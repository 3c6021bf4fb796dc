"""PAM's checkpoint read (tools/db/checkpointer.py): the stock saver's rows, looked up
by primary key, so a long thread's read does not grow with its history."""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import ChannelVersions, CheckpointTuple, empty_checkpoint
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from tools.db.checkpointer import PooledSaver
from tools.db.pool import Pool

LATEST = "WHERE thread_id = %s AND checkpoint_ns = %s ORDER BY checkpoint_id DESC LIMIT 1"


async def _thread(saver: PooledSaver, steps: int) -> list[RunnableConfig]:
    """A thread of `steps` checkpoints, each writing new versions of two channels, and
    a pending write on the last; the config of each checkpoint."""
    config: RunnableConfig = {"configurable": {"thread_id": str(uuid.uuid4()), "checkpoint_ns": ""}}
    configs: list[RunnableConfig] = []
    for step in range(steps):
        checkpoint = empty_checkpoint()
        versions: ChannelVersions = {
            "messages": f"{step + 1:032}.0",
            "counter": f"{step + 1:032}.0",
        }
        checkpoint["channel_values"] = {"messages": [f"turn {step}"], "counter": step}
        checkpoint["channel_versions"] = versions
        config = await saver.aput(config, checkpoint, {"step": step}, versions)
        configs.append(config)
    await saver.aput_writes(config, [("messages", ["pending"])], "task-1")
    return configs


def _seen(found: CheckpointTuple | None) -> tuple[Any, ...]:
    assert found is not None
    return (
        found.config["configurable"]["checkpoint_id"],
        found.checkpoint["channel_values"],
        found.metadata["step"],
        found.pending_writes,
    )


async def test_reads_what_the_stock_saver_reads(pool: Pool) -> None:
    ours, stock = PooledSaver(pool), AsyncPostgresSaver(pool)
    await ours.setup()
    configs = await _thread(ours, 5)
    thread: RunnableConfig = {
        "configurable": {"thread_id": configs[0]["configurable"]["thread_id"]}
    }
    for config in (thread, configs[1], configs[-1]):
        assert _seen(await ours.aget_tuple(config)) == _seen(await stock.aget_tuple(config))
    latest = _seen(await ours.aget_tuple(thread))
    assert latest[1] == {"messages": ["turn 4"], "counter": 4}
    assert latest[3] == [("task-1", "messages", ["pending"])]
    history = [_seen(t) async for t in ours.alist(thread)]
    assert history == [_seen(t) async for t in stock.alist(thread)] and len(history) == 5


async def test_a_checkpoints_blobs_are_primary_key_lookups(pool: Pool) -> None:
    """The stock query hash-joins every blob the thread ever wrote (a read growing with
    the thread); this one looks each channel version up by key."""
    saver = PooledSaver(pool)
    await saver.setup()
    configs = await _thread(saver, 40)
    thread_id = configs[0]["configurable"]["thread_id"]
    async with pool.connection() as conn:
        rows = await (
            await conn.execute(
                "EXPLAIN (COSTS OFF) " + PooledSaver.SELECT_SQL + LATEST, (thread_id, "")
            )
        ).fetchall()
    plan = "\n".join(str(next(iter(r.values()))) for r in rows)
    assert "Index Scan using checkpoint_blobs_pkey" in plan, plan
    assert "(channel = cv.key) AND (version = cv.value)" in plan, plan
    assert "Hash Join" not in plan, plan
