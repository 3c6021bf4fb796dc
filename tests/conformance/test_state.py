"""Thread state and history, side by side."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.differences import without_checkpoint_thread as states
from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import Caller, Side


async def _two_turns(caller: Caller) -> str:
    thread_id = await new_thread(caller)
    for text in ("spent $12.50 on coffee", "spent $4 on bread"):
        await stream(caller, thread_id, input=say(text), stream_mode=["values"])
    return thread_id


@pytest.mark.row("`get_history` (guard)")
async def test_history(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await _two_turns(caller)
        return states(await caller.sdk.threads.get_history(thread_id, limit=100))

    await same_on_both(sides, script)


@pytest.mark.row('`get_history(before={"configurable": …})`')
async def test_history_before_a_config(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await _two_turns(caller)
        latest = (await caller.sdk.threads.get_history(thread_id, limit=3))[2]
        before = {"configurable": latest["checkpoint"]}
        older = await caller.sdk.threads.get_history(thread_id, limit=4, before=before)  # type: ignore[arg-type]
        return states(older)

    older = await same_on_both(sides, script)
    assert len(older) == 4


@pytest.mark.row('history and state of a subgraph namespace (`checkpoint_ns: "wins:<task>"`)')
async def test_subgraph_namespace(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        parts = await stream(
            caller,
            thread_id,
            input=say("spent $12.50 on coffee"),
            stream_mode=["updates"],
            stream_subgraphs=True,
        )
        (namespace,) = {e.split("|", 1)[1] for e, _ in parts if e.startswith("updates|")}
        checkpoint = {"checkpoint_ns": namespace}
        history = await caller.sdk.threads.get_history(thread_id, checkpoint=checkpoint)  # type: ignore[arg-type]
        state = await caller.sdk.threads.get_state(thread_id, checkpoint=checkpoint)  # type: ignore[arg-type]
        return {"history": states(history), "state": states(state)}

    found = await same_on_both(sides, script)
    assert found["history"]
