"""Stream modes, side by side: what a client reading each mode sees."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import Caller, Side

EXPENSE = "spent $12.50 on coffee"


def _turn(**kwargs: Any) -> Any:
    async def script(caller: Caller) -> Any:
        return await stream(caller, await new_thread(caller), input=say(EXPENSE), **kwargs)

    return script


@pytest.mark.row("`stream_mode` values, updates (guard)")
async def test_values_and_updates(sides: tuple[Side, Side]) -> None:
    await same_on_both(sides, _turn(stream_mode=["values", "updates"]))


@pytest.mark.row("`stream_mode` messages-tuple / messages, `stream_subgraphs=false`")
@pytest.mark.parametrize("mode", ["messages-tuple", "messages"])
async def test_messages_from_the_domain_subgraph(sides: tuple[Side, Side], mode: str) -> None:
    parts = await same_on_both(sides, _turn(stream_mode=[mode]))
    assert len(parts) > 3  # metadata, the tool call, the tool result, the reply, end


@pytest.mark.row("`stream_mode` messages-tuple, `stream_subgraphs=true`")
async def test_messages_with_subgraphs(sides: tuple[Side, Side]) -> None:
    await same_on_both(sides, _turn(stream_mode=["messages-tuple"], stream_subgraphs=True))


@pytest.mark.row("`stream_mode` debug, checkpoints, tasks")
@pytest.mark.parametrize("mode", ["debug", "checkpoints", "tasks"])
async def test_debug_checkpoints_tasks(sides: tuple[Side, Side], mode: str) -> None:
    parts = await same_on_both(sides, _turn(stream_mode=[mode, "values"]))
    assert any(event == mode for event, _ in parts)


@pytest.mark.row("`stream_mode` events")
async def test_events_from_astream_events(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        parts = await _turn(stream_mode=["events"])(caller)
        return [[e, d["event"], d["name"]] if e == "events" else [e] for e, d in parts]

    found = await same_on_both(sides, script)
    kinds = {p[1] for p in found if len(p) > 1}
    assert {"on_chain_start", "on_chat_model_end", "on_tool_start", "on_chain_end"} <= kinds
