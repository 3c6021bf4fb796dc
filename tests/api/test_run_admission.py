"""The admission limit (PAM_RUN_ADMISSION) on a live server: runs beyond it wait their
turn in order, their threads still theirs; none is lost, a waiting one can be
cancelled."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import Field

from server.runs import ThreadBusy
from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    read_sse,
    token_for,
    uid,
)
from tests.api.run_support import new_thread, start_run
from tests.fakes import route
from tools.db.thread_keys import thread_key

USER = "admitted"


def _human(messages: list[BaseMessage]) -> str:
    return next(m.text for m in reversed(messages) if isinstance(m, HumanMessage))


def _answer(messages: list[BaseMessage]) -> AIMessage:
    """The router's call gets a route, the domain's a reply naming the user's message:
    right whichever run asks, in whatever order runs interleave."""
    if "route_request" in str(messages[0].content):
        return route("general")
    return AIMessage(f"Re: {_human(messages)}")


class HeldModel(StreamingScriptedModel):
    """Answers every call (`_answer`), each only once `hold` is set; counts the runs
    between their first model call and their last (a general turn makes two)."""

    hold: Any = None
    inside: int = 0
    most_inside: int = 0
    routed: list[str] = Field(default_factory=list)

    async def _gates(self) -> None:
        if self.hold is not None:
            await self.hold.wait()

    def _next(self, messages: list[BaseMessage]) -> Any:
        if "route_request" in str(messages[0].content):
            self.routed.append(_human(messages))
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        else:
            self.inside -= 1
        return super()._next(messages)


def held_model(hold: asyncio.Event | None = None) -> HeldModel:
    return HeldModel(script=[_answer], loop=True, keep_seen=False, hold=hold)


async def row_status(live: LiveServer, run_id: str) -> str:
    async with live.app.state.resources.pool.connection() as conn:
        row = await (
            await conn.execute("SELECT status FROM chat_runs WHERE id = %s", (run_id,))
        ).fetchone()
    assert row is not None
    return str(row["status"])


async def until(check: Any, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition never held")


async def test_runs_beyond_the_limit_wait_then_run_in_order(serve: Serve) -> None:
    hold = asyncio.Event()
    model = held_model(hold)
    async with serve(model, pam_run_admission=2) as live:
        threads = [await new_thread(live, USER) for _ in range(5)]
        runs = [await start_run(live, USER, t, f"turn {i}") for i, t in enumerate(threads)]
        admission = live.app.state.runs.admission
        assert (admission.running, admission.waiting) == (2, 3)
        # Taken on at once, waiting or not: running, with no second write of the row.
        assert [r.status for r in runs] == ["running"] * 5
        assert [await row_status(live, r.run_id) for r in runs] == ["running"] * 5
        hold.set()
        results = await asyncio.wait_for(asyncio.gather(*(r.wait() for r in runs)), 30)
        assert (admission.running, admission.waiting) == (0, 0)
        statuses = [await row_status(live, r.run_id) for r in runs]
    assert [r["reply"] for r in results] == [f"Re: turn {i}" for i in range(5)]
    assert statuses == ["success"] * 5
    assert sorted(model.routed[:2]) == ["turn 0", "turn 1"]
    # First come, first served: the two waiting longest take the two slots the first two
    # free at once (which of them reaches the model first is the event loop's), the last
    # waits for one of theirs.
    assert sorted(model.routed[2:4]) == ["turn 2", "turn 3"]
    assert model.routed[4] == "turn 4"
    assert model.most_inside <= 2


async def test_concurrent_chat_streams_all_complete_within_the_limit(serve: Serve) -> None:
    """Eight clients at once over SSE, two runs at a time: every stream ends with its own
    reply; no more than two runs were ever inside the graph."""
    model = held_model()
    async with serve(model, pam_run_admission=2) as live:

        async def turn(n: int) -> str:
            headers = {"Authorization": f"Bearer {token_for(f'admitted-sse-{n}')}"}
            async with (
                httpx.AsyncClient(base_url=live.url, headers=headers, timeout=30) as client,
                client.stream(
                    "POST", "/api/v1/pam/chat/stream", json={"message": f"hello {n}"}
                ) as response,
            ):
                assert response.status_code == 200
                events = [item async for item in read_sse(response)]
            ended = [data for event, data in events if event == "end"]
            assert len(ended) == 1, events
            return "".join(data["text"] for event, data in events if event == "token")

        replies = await asyncio.wait_for(asyncio.gather(*(turn(n) for n in range(8))), 60)
    assert replies == [f"Re: hello {n}" for n in range(8)]
    assert model.most_inside <= 2
    assert sorted(model.routed) == sorted(f"hello {n}" for n in range(8))


async def test_a_waiting_run_can_be_cancelled(serve: Serve) -> None:
    hold = asyncio.Event()
    model = held_model(hold)
    async with serve(model, pam_run_admission=1) as live:
        first, second, third = [
            await start_run(live, USER, await new_thread(live, USER), text)
            for text in ("a", "b", "c")
        ]
        admission = live.app.state.runs.admission
        await live.app.state.runs.cancel(second.run_id)
        assert second.status == "cancelled"
        assert await row_status(live, second.run_id) == "cancelled"
        assert (admission.running, admission.waiting) == (1, 1)
        hold.set()
        done = await asyncio.wait_for(asyncio.gather(first.wait(), third.wait()), 30)
    assert [d["reply"] for d in done] == ["Re: a", "Re: c"]
    assert model.routed == ["a", "c"]  # the cancelled run never reached the graph


async def test_a_waiting_runs_thread_is_busy_and_queues_behind_it(serve: Serve) -> None:
    hold = asyncio.Event()
    model = held_model(hold)
    async with serve(model, pam_run_admission=1) as live:
        first = await start_run(live, USER, await new_thread(live, USER), "elsewhere")
        thread_id = await new_thread(live, USER)
        waiting = await start_run(live, USER, thread_id, "one")
        assert live.app.state.runs.admission.waiting == 1
        assert live.app.state.runs.active(thread_key(uid(USER), thread_id)) is waiting
        with pytest.raises(ThreadBusy):
            await start_run(live, USER, thread_id, "refused")
        queued = await start_run(live, USER, thread_id, "two", multitask_strategy="enqueue")
        hold.set()
        await asyncio.wait_for(asyncio.gather(first.wait(), waiting.wait()), 30)
        values = await asyncio.wait_for(queued.wait(), 30)
    assert [m.text for m in values["messages"] if isinstance(m, HumanMessage)] == ["one", "two"]
    assert model.routed == ["elsewhere", "one", "two"]
