"""The run manager under the chat routes: multitask strategies, replay, failures."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agent.context import Context
from server.runs import RunFailed, RunManager, RunRequest, ThreadBusy
from tests.api.conftest import Gate, LiveServer, Serve, StreamingScriptedModel, uid
from tests.api.run_support import new_thread, start_run
from tests.fakes import route
from tools.db.thread_keys import thread_key

USER = "multi"


def humans(values: dict[str, Any]) -> list[str]:
    return [m.text for m in values["messages"] if isinstance(m, HumanMessage)]


async def row_status(live: LiveServer, run_id: str) -> str:
    async with live.app.state.resources.pool.connection() as conn:
        row = await (
            await conn.execute("SELECT status FROM chat_runs WHERE id = %s", (run_id,))
        ).fetchone()
    assert row is not None
    return str(row["status"])


async def test_enqueue_waits_for_the_active_run_then_runs(serve: Serve) -> None:
    gate, later = Gate(), Gate()
    model = StreamingScriptedModel(
        script=[gate, route("general"), AIMessage("A."), later, route("general"), AIMessage("B.")]
    )
    async with serve(model) as live:
        thread_id = await new_thread(live, USER)
        first = await start_run(live, USER, thread_id, "first")
        await asyncio.wait_for(gate.reached.wait(), 10)
        with pytest.raises(ThreadBusy):
            await start_run(live, USER, thread_id, "rejected")
        second = await start_run(live, USER, thread_id, "second", multitask_strategy="enqueue")
        assert (first.status, second.status) == ("running", "pending")
        # The rows say the same: the first was inserted running (it started at once),
        # the second pending until its turn came.
        assert await row_status(live, first.run_id) == "running"
        assert await row_status(live, second.run_id) == "pending"
        assert live.app.state.runs.active(thread_key(uid(USER), thread_id)) is first
        gate.open()
        await asyncio.wait_for(later.reached.wait(), 10)
        assert await row_status(live, first.run_id) == "success"
        for _ in range(100):  # marked running by a task of its own, beside the graph
            if await row_status(live, second.run_id) == "running":
                break
            await asyncio.sleep(0.05)
        assert await row_status(live, second.run_id) == "running"
        later.open()
        values = await second.wait()
    assert first.status == second.status == "success"
    assert humans(values) == ["first", "second"]
    assert values["reply"] == "B."


@pytest.mark.parametrize(("strategy", "kept"), [("interrupt", True), ("rollback", False)])
async def test_interrupt_keeps_and_rollback_drops_the_cancelled_runs_checkpoints(
    serve: Serve, strategy: str, kept: bool
) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Second wins.")])
    async with serve(model) as live:
        thread_id = await new_thread(live, USER)
        first = await start_run(live, USER, thread_id, "first")
        await asyncio.wait_for(gate.reached.wait(), 10)
        second = await start_run(live, USER, thread_id, "second", multitask_strategy=strategy)
        values = await second.wait()
        async with live.app.state.resources.pool.connection() as conn:
            left = await (
                await conn.execute(
                    "SELECT count(*) AS n FROM checkpoints"
                    " WHERE thread_id = %s AND metadata->>'run_id' = %s",
                    (thread_key(uid(USER), thread_id), first.run_id),
                )
            ).fetchone()
    assert first.status == "cancelled" and second.status == "success"
    assert humans(values) == (["first", "second"] if kept else ["second"])
    assert values["reply"] == "Second wins."
    assert left is not None and (left["n"] > 0) == kept


async def test_events_replay_after_a_sequence_number_and_runs_stay_joinable(
    serve: Serve,
) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("one two three")])
    async with serve(model) as live:
        run = await start_run(live, USER, await new_thread(live, USER), "count")
        await run.wait()
        everything = [e async for e in run.events()]
        tail = [e async for e in run.events(after=3)]
        joined = live.app.state.runs.get(run.run_id)
    seqs = [e.seq for e in everything]
    assert seqs == list(range(1, len(seqs) + 1))
    assert tail == everything[3:]
    # A chat turn's reply comes as custom chunks, without LangGraph's `messages` mode.
    assert {e.mode for e in everything} == {"values", "updates", "custom"}
    assert joined is run and run.result == {"reply": "one two three", "ui_actions": []}


async def test_a_failing_run_ends_in_error_and_wait_raises(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=[])) as live:
        runs: RunManager = live.app.state.runs
        resources = live.app.state.resources
        run = await runs.start(
            RunRequest(
                thread_id=await new_thread(live, USER),
                user_id=uid(USER),
                input={"messages": [{"not": "a message"}]},
                context=Context(user_id=str(uid(USER)), pool=resources.pool),
            )
        )
        with pytest.raises(RunFailed):
            await run.wait()
        errors = [e.data async for e in run.events() if e.mode == "error"]
    assert run.status == "error"
    assert errors and errors[0]["message"] == "The run failed on our side."
