"""The AG-UI door: a client posts AG-UI's RunAgentInput and reads the stream with the
`ag-ui-protocol` package's own event models (every event must validate), against a live
server: a turn with a tool call, an approval as an AG-UI interrupt answered by `resume`,
the refusals (no token, bad or oversized input), and another user's thread id, which is
the caller's own new thread as any unused id is."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import httpx
from ag_ui.core import (
    Event,
    RunAgentInput,
    RunFinishedEvent,
    RunFinishedInterruptOutcome,
    StateSnapshotEvent,
    TextMessageContentEvent,
    UserMessage,
)
from langchain_core.messages import AIMessage
from pydantic import TypeAdapter

from tests.api.conftest import Serve, StreamingScriptedModel, add_expense, auth, expense_amounts
from tests.fakes import call, route
from tools.db.pool import Pool

EVENTS: TypeAdapter[Any] = TypeAdapter(Event)
PATH = "/agui"


def run_input(thread_id: str, text: str = "hi", **extra: Any) -> dict[str, Any]:
    run = RunAgentInput(
        thread_id=thread_id,
        run_id=str(uuid4()),
        state={},
        messages=[UserMessage(id=str(uuid4()), role="user", content=text)],
        tools=[],
        context=[],
        forwarded_props={},
        **extra,
    )
    return dict(run.model_dump(mode="json", by_alias=True, exclude_none=True))


async def agui_events(client: httpx.AsyncClient, body: dict[str, Any]) -> list[Any]:
    """Every event of the stream, each validated by the protocol's models."""
    events = []
    async with client.stream("POST", PATH, json=body) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                events.append(EVENTS.validate_json(line.removeprefix("data: ")))
    return events


def kinds(events: list[Any]) -> list[str]:
    return [e.type.value for e in events]


async def test_a_turn_streams_as_agui_events(serve: Serve, pool: Pool) -> None:
    model = StreamingScriptedModel(
        script=[route("wins"), call("add_expense", "c1", amount=20, category="fuel")]
    )
    thread = str(uuid4())
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("amy"), timeout=30) as c,
    ):
        events = await agui_events(c, run_input(thread, "fuel $20"))
        threads = (await c.get("/api/v1/pam/threads")).json()["items"]
    assert kinds(events) == [
        "RUN_STARTED",
        "STEP_STARTED",
        "STEP_FINISHED",
        "TOOL_CALL_START",
        "TOOL_CALL_ARGS",
        "TOOL_CALL_END",
        "TOOL_CALL_RESULT",
        "TEXT_MESSAGE_START",
        "TEXT_MESSAGE_CONTENT",
        "TEXT_MESSAGE_END",
        "STATE_SNAPSHOT",
        "RUN_FINISHED",
    ]
    assert events[0].thread_id == thread
    text = "".join(e.delta for e in events if isinstance(e, TextMessageContentEvent))
    assert text.startswith("Logged $20.00")
    snapshot = next(e for e in events if isinstance(e, StateSnapshotEvent)).snapshot
    assert [a["type"] for a in snapshot["ui_actions"]] == ["reload_expenses"]
    finished = events[-1]
    assert isinstance(finished, RunFinishedEvent) and finished.outcome is not None
    assert finished.outcome.type == "success"
    assert await expense_amounts(pool, "amy") == [20.0]
    assert thread in [t["thread_id"] for t in threads]  # the web page lists it


async def test_an_approval_is_an_interrupt_and_resume_decides_it(serve: Serve, pool: Pool) -> None:
    expense = await add_expense(pool, "bea", 38)
    model = StreamingScriptedModel(
        script=[route("wins"), call("delete_expense", "d1", expense_id=expense)]
    )
    thread = str(uuid4())
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("bea"), timeout=30) as c,
    ):
        paused = await agui_events(c, run_input(thread, "delete the camping one"))
        assert await expense_amounts(pool, "bea") == [38.0]
        finished = paused[-1]
        assert isinstance(finished, RunFinishedEvent) and finished.outcome is not None
        assert finished.outcome.type == "interrupt"
        (interrupt,) = finished.outcome.interrupts
        assert interrupt.tool_call_id == "d1" and "$38.00" in (interrupt.message or "")
        resume = [
            {"interruptId": interrupt.id, "status": "resolved", "payload": {"type": "approve"}}
        ]
        resumed = await agui_events(c, run_input(thread, "", resume=resume))
    assert kinds(resumed)[0] == "RUN_STARTED" and kinds(resumed)[-1] == "RUN_FINISHED"
    assert "TOOL_CALL_RESULT" in kinds(resumed)
    assert await expense_amounts(pool, "bea") == []


async def test_refusals_are_clear_and_write_nothing(serve: Serve, pool: Pool) -> None:
    model = StreamingScriptedModel(
        script=[route("general"), AIMessage("Hello."), route("general"), AIMessage("Hi, dan.")]
    )
    thread = str(uuid4())
    async with serve(model) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth("cat"), timeout=30) as c:
            first = await agui_events(c, run_input(thread, "hello"))
        assert kinds(first)[-1] == "RUN_FINISHED"
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as anon:
            bare = await anon.post(PATH, json=run_input(str(uuid4())))
            key = await anon.post(
                PATH, json=run_input(thread), headers={"X-Api-Key": "not-a-token"}
            )
        async with httpx.AsyncClient(base_url=server.url, headers=auth("dan"), timeout=30) as c:
            # Cat's thread id is, to dan, an unused one: dan's own new thread.
            foreign = await agui_events(c, run_input(thread, "what did cat say?"))
            new_thread = str(uuid4())
            huge = await c.post(PATH, json=run_input(new_thread, "x" * 5000))
            malformed = await c.post(PATH, json={"threadId": new_thread, "messages": "no"})
            no_user = await c.post(PATH, json={**run_input(new_thread), "messages": []})
            resume_nothing = await c.post(
                PATH,
                json=run_input(new_thread, resume=[{"interruptId": "x", "status": "resolved"}]),
            )
            threads = (await c.get("/api/v1/pam/threads")).json()["items"]
    assert bare.status_code == 401 and key.status_code == 401
    assert kinds(foreign)[-1] == "RUN_FINISHED"
    assert "Hi, dan." in str(foreign) and "Hello." not in str(foreign)
    assert huge.status_code == 422 and "message" in huge.json()["detail"]
    assert malformed.status_code == 422 and "messages" in malformed.json()["detail"]
    assert no_user.status_code == 422 and "user message" in no_user.json()["detail"]
    assert resume_nothing.status_code == 404
    assert [t["thread_id"] for t in threads] == [thread]  # his own; the refused made none


async def test_a_resume_for_another_interrupt_answers_nothing(serve: Serve, pool: Pool) -> None:
    """A resume names the interrupts it answers: one whose `interruptId` is not the
    waiting question's (made up, or an earlier question's) is a 409 and deletes nothing;
    before, any id approved whatever waited."""
    expense = await add_expense(pool, "cyd", 38)
    model = StreamingScriptedModel(
        script=[route("wins"), call("delete_expense", "d1", expense_id=expense)]
    )
    thread = str(uuid4())
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("cyd"), timeout=30) as c,
    ):
        paused = await agui_events(c, run_input(thread, "delete the camping one"))
        finished = paused[-1]
        assert isinstance(finished, RunFinishedEvent)
        assert isinstance(finished.outcome, RunFinishedInterruptOutcome)
        (interrupt,) = finished.outcome.interrupts
        approve = {"status": "resolved", "payload": {"type": "approve"}}
        for wrong in ("bogus", f"{thread}:0"):
            refused = await c.post(
                PATH, json=run_input(thread, "", resume=[{"interruptId": wrong, **approve}])
            )
            assert refused.status_code == 409, (wrong, refused.text)
            assert refused.json()["code"] == "conflict"
        assert await expense_amounts(pool, "cyd") == [38.0]
        resumed = await agui_events(
            c, run_input(thread, "", resume=[{"interruptId": interrupt.id, **approve}])
        )
    assert "TOOL_CALL_RESULT" in kinds(resumed)
    assert await expense_amounts(pool, "cyd") == []
