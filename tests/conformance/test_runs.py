"""Run options, breakpoints, interrupts and cancels, side by side."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from tests.conformance.differences import without_checkpoint_thread as states
from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import ASSISTANT, Caller, Side
from tests.fakes import HOLD

EXPENSE = "spent $12.50 on coffee"


async def mid_turn(caller: Caller, thread_id: str, run_id: str) -> None:
    """Until the side runs the run and has checkpointed its input (a run counts as
    `running` from when it is picked up, before its first checkpoint: cancelled in
    between, a loaded machine left the thread idle with nothing to resume)."""
    while True:
        run = await caller.sdk.runs.get(thread_id, run_id)
        if run["status"] == "running" and (await caller.sdk.threads.get_state(thread_id))["next"]:
            return
        await asyncio.sleep(0.05)


@pytest.mark.row("`config` (`recursion_limit`, `tags`, `configurable` → run metadata)")
async def test_tags_and_configurable_reach_the_run(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        config = {"tags": ["studio"], "configurable": {"team": "road"}}
        thread_id = await new_thread(caller)
        parts = await stream(
            caller,
            thread_id,
            input=say(EXPENSE),
            stream_mode=["messages-tuple"],
            config=config,
            context=None,  # LangGraph refuses configurable and context together
        )
        state = await caller.sdk.threads.get_state(thread_id)
        events = await stream(
            caller,
            thread_id,
            input=say("spent $3 on tea"),
            stream_mode=["events"],
            config=config,
            context=None,
        )
        tags = [[d["event"], d["name"], d["tags"]] for e, d in events if e == "events"]
        return {"parts": parts, "state": states(state), "tags": tags}

    found = await same_on_both(sides, script)
    assert found["tags"][0] == ["on_chain_start", "pam", ["studio"]]
    assert found["state"]["metadata"]["team"] == "road"  # configurable -> checkpoint metadata


@pytest.mark.row("`config` (`recursion_limit`, `tags`, `configurable` → run metadata)")
async def test_recursion_limit(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        run = await caller.sdk.runs.create(
            thread_id,
            ASSISTANT,
            input=say(EXPENSE),
            config={"recursion_limit": 2},
            context=caller.context,
        )
        await caller.sdk.runs.join(thread_id, run["run_id"])
        ended = await caller.sdk.runs.get(thread_id, run["run_id"])
        thread = await caller.sdk.threads.get(thread_id)
        return {"run": ended["status"], "thread": thread["status"]}

    found = await same_on_both(sides, script)
    assert found["run"] == "error"


@pytest.mark.row("`interrupt_before` / `interrupt_after` (Studio breakpoints) and resume")
@pytest.mark.parametrize("where", ["interrupt_before", "interrupt_after"])
async def test_breakpoints(sides: tuple[Side, Side], where: str) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        paused = await stream(
            caller, thread_id, input=say(EXPENSE), stream_mode=["values"], **{where: ["wins"]}
        )
        state = await caller.sdk.threads.get_state(thread_id)
        thread = await caller.sdk.threads.get(thread_id)
        resumed = await stream(caller, thread_id, input=None, stream_mode=["values"])
        return {
            "paused": paused,
            "next": state["next"],
            "status": thread["status"],
            "resumed": resumed,
            "after": states(await caller.sdk.threads.get_state(thread_id)),
        }

    found = await same_on_both(sides, script)
    assert found["next"] == (["wins"] if where == "interrupt_before" else ["finish"])


@pytest.mark.row("interrupts and resume (guard)")
async def test_approval_interrupt_and_resume(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        await stream(caller, thread_id, input=say(EXPENSE))
        asked = await stream(caller, thread_id, input=say("delete that expense"))
        thread = await caller.sdk.threads.get(thread_id)
        decided = await stream(
            caller, thread_id, command={"resume": {"decisions": [{"type": "approve"}]}}
        )
        return {"asked": asked, "status": thread["status"], "decided": decided}

    found = await same_on_both(sides, script)
    assert found["status"] == "interrupted"


@pytest.mark.row("threads.search (guard)")
async def test_search(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        first = await new_thread(caller)
        await stream(caller, first, input=say(EXPENSE))
        # The reference server has no users: a topic of this run's own keeps other
        # tests' threads (whatever ran before, on either worker) out of the count.
        topic = {"topic": f"fuel-{uuid.uuid4().hex}"}
        await caller.sdk.threads.create(metadata=topic)
        found = await caller.sdk.threads.search(metadata=topic)
        idle = await caller.sdk.threads.search(status="idle", limit=1)
        return {"by metadata": len(found), "idle": [t["status"] for t in idle]}

    await same_on_both(sides, script)


@pytest.mark.row("cancel then thread status")
async def test_cancel_then_thread_status(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        # The reply is held (tests.fakes.HOLD): cancelled once its side runs it, the run
        # is provably mid-turn, whatever the machine's load. (Cancelled on its first
        # streamed token instead, it had the rest of the reply, ~0.2 s, to be cancelled
        # in, or ended `success` on an idle thread.)
        parts = caller.sdk.runs.stream(
            thread_id,
            ASSISTANT,
            input=say(f"hello, how are you? {HOLD}"),
            stream_mode=["messages-tuple"],
            context=caller.context,
        )
        run_id = ""
        async for part in parts:
            if part.event == "metadata":
                run_id = part.data["run_id"]
                await mid_turn(caller, thread_id, run_id)
                await caller.sdk.runs.cancel(thread_id, run_id, wait=True)
                break
        await parts.aclose()  # type: ignore[attr-defined]
        run = await caller.sdk.runs.get(thread_id, run_id)
        thread = await caller.sdk.threads.get(thread_id)
        return {"run": run["status"], "thread": thread["status"]}

    found = await same_on_both(sides, script)
    assert found == {"run": "interrupted", "thread": "interrupted"}
