"""tests.fakes.PacedBrain's hold: a turn asked with HOLD answers only after `hold_s`, so
a conformance case's run is provably still running at its next call."""

from __future__ import annotations

import asyncio
import time

from langchain_core.messages import AIMessage, HumanMessage

from tests.fakes import HOLD, PacedBrain


async def test_a_held_question_is_answered_after_the_hold() -> None:
    brain = PacedBrain(first_token_s=0, token_interval_s=0, hold_s=0.3)
    started = time.monotonic()
    streamed = [c async for c in brain.astream([HumanMessage(f"hello {HOLD}")])]
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    answered = await brain.ainvoke([HumanMessage(f"hello {HOLD}")])
    assert time.monotonic() - started >= 0.3
    assert answered.text and "".join(c.text for c in streamed) == answered.text


async def test_only_the_latest_question_holds() -> None:
    brain = PacedBrain(first_token_s=0, token_interval_s=0, hold_s=60)
    earlier = [HumanMessage(f"hello {HOLD}"), AIMessage("hi")]
    for asked in ([HumanMessage("hello")], [*earlier, HumanMessage("hello again")]):
        answered = await asyncio.wait_for(brain.ainvoke(asked), timeout=10)
        assert answered.text
