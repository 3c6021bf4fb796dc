"""Approvals over HTTP: a risky call pauses the turn with an interrupt; resume answers it,
as JSON or as a stream; bad resumes are clear 4xx answers."""

from __future__ import annotations

from typing import Any

import httpx
from langchain_core.messages import AIMessage

from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    add_expense,
    auth,
    expense_amounts,
    sse_events,
)
from tests.fakes import call, route
from tools.db.pool import Pool

CHAT, RESUME = "/api/v1/pam/chat", "/api/v1/pam/resume"


def delete_turn(expense_id: str, reply: str | None = None) -> StreamingScriptedModel:
    """A delete proposed for approval; `reply` is the model's answer after a rejection
    (an approved delete's summary is the reply, with no model call)."""
    script: list[object] = [route("wins"), call("delete_expense", "d1", expense_id=expense_id)]
    return StreamingScriptedModel(script=[*script, AIMessage(reply)] if reply else script)


async def pause(server: LiveServer, client: httpx.AsyncClient) -> dict[str, object]:
    response = await client.post(CHAT, json={"message": "delete that fuel expense"})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_a_delete_pauses_over_sse_and_a_streamed_resume_finishes_it(
    serve: Serve, pool: Pool
) -> None:
    expense = await add_expense(pool, "ava", 85.4)
    model = delete_turn(expense)
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("ava"), timeout=30) as c,
    ):
        async with c.stream("POST", f"{CHAT}/stream", json={"message": "delete it"}) as r:
            paused = await sse_events(r)
        names = [n for n, _ in paused]
        assert names == ["metadata", "route", "tool_call", "interrupt", "end"]
        interrupt = dict(paused)["interrupt"]
        assert interrupt["action_requests"][0]["name"] == "delete_expense"
        assert interrupt["action_requests"][0]["args"] == {"expense_id": expense}
        assert interrupt["review_configs"][0]["allowed_decisions"] == [
            "approve",
            "edit",
            "reject",
        ]
        assert await expense_amounts(pool, "ava") == [85.4]  # nothing ran yet
        thread_id = dict(paused)["metadata"]["thread_id"]
        pending = (await c.get(f"/api/v1/pam/threads/{thread_id}")).json()
        assert pending["interrupt"] == interrupt
        body = {"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        async with c.stream("POST", f"{RESUME}?stream=true", json=body) as r:
            resumed = await sse_events(r)
        after = (await c.get(f"/api/v1/pam/threads/{thread_id}")).json()
    names = [n for n, _ in resumed]
    assert names[0] == "metadata" and names[-2:] == ["final", "end"]
    assert "tool_result" in names and "interrupt" not in names
    final = dict(resumed)["final"]
    assert final["reply"].startswith("Deleted the $85.40 fuel expense from ")
    assert [a["type"] for a in final["ui_actions"]] == ["reload_expenses"]
    assert await expense_amounts(pool, "ava") == []
    assert "interrupt" not in after
    assert after["messages"][-1]["content"] == final["reply"]


async def test_reject_streamed_by_accept_header_runs_nothing(serve: Serve, pool: Pool) -> None:
    expense = await add_expense(pool, "ben", 12)
    async with (
        serve(delete_turn(expense, "OK, I kept it.")) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("ben"), timeout=30) as client,
    ):
        paused = await pause(server, client)
        assert paused["reply"] == "" and paused["interrupt"]
        decision = {"type": "reject", "message": "Keep it."}
        body = {"thread_id": paused["thread_id"], "decisions": [decision]}
        # Accept: text/event-stream asks for the stream, like ?stream=true.
        headers = {"Accept": "text/event-stream"}
        async with client.stream("POST", RESUME, json=body, headers=headers) as response:
            assert response.status_code == 200
            events = await sse_events(response)
        assert dict(events)["final"]["reply"] == "OK, I kept it."
        assert [n for n, _ in events if n == "tool_result"] == ["tool_result"]
        assert await expense_amounts(pool, "ben") == [12.0]


async def test_resume_refuses_what_it_cannot_do(serve: Serve, pool: Pool) -> None:
    expense = await add_expense(pool, "cal", 20)
    async with (
        serve(delete_turn(expense)) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("cal"), timeout=30) as client,
    ):
        paused = await pause(server, client)
        thread_id = paused["thread_id"]
        two = [{"type": "approve"}, {"type": "approve"}]
        wrong_count = await client.post(RESUME, json={"thread_id": thread_id, "decisions": two})
        edit_without_action = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "edit"}]}
        )
        unknown_decision = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "maybe"}]}
        )
        no_decisions = await client.post(RESUME, json={"thread_id": thread_id, "decisions": []})
        ok = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        )
        again = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        )
    for refused in (wrong_count, edit_without_action, unknown_decision, no_decisions):
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "invalid_request"
    assert ok.status_code == 200 and ok.json()["reply"].startswith("Deleted the $20.00 fuel")
    assert again.status_code == 409
    assert again.json() == {
        "detail": "Nothing on this thread is waiting for a decision: that question was"
        " already answered.",
        "code": "conflict",
    }


async def test_a_resume_where_nothing_was_ever_asked_does_not_say_answered(
    serve: Serve, pool: Pool
) -> None:
    """An "approve" sent after a write that needed no OK (found trying PAM as a new
    user): the 409 said "that question was already answered" about no question."""
    logged = StreamingScriptedModel(
        script=[route("wins"), call("add_expense", "a1", amount=12, category="fuel")]
    )
    async with (
        serve(logged) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("nothing-asked"), timeout=30) as client,
    ):
        response = await client.post(CHAT, json={"message": "spent 12 on fuel"})
        assert response.status_code == 200, response.text
        assert "interrupt" not in response.json() or not response.json()["interrupt"]
        thread_id = response.json()["thread_id"]
        approve = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        )
    assert await expense_amounts(pool, "nothing-asked") == [12.0]
    assert approve.status_code == 409
    assert approve.json() == {
        "detail": "Nothing on this thread is waiting for a decision: there is nothing to"
        " approve or reject.",
        "code": "conflict",
    }


async def test_an_old_card_answered_after_another_message_says_it_was_set_aside(
    serve: Serve, pool: Pool
) -> None:
    """The person wrote something else instead of deciding: the reply says the delete was
    set aside, and an Approve clicked on the old card afterwards is told so (409), rather
    than 'nothing is waiting'. Nothing was deleted."""
    expense = await add_expense(pool, "dot", 31)
    model = delete_turn(expense)
    model.script += [route("general"), AIMessage("It's sunny.")]
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("dot"), timeout=30) as client,
    ):
        paused = await pause(server, client)
        (request,) = paused["interrupt"]["action_requests"]  # type: ignore[index]
        assert request["description"].startswith("Delete the $31.00 fuel expense")
        assert expense not in request["description"]
        thread_id = paused["thread_id"]
        other = await client.post(CHAT, json={"message": "weather?", "thread_id": thread_id})
        late = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        )
    assert other.status_code == 200
    assert other.json()["reply"].startswith("It's sunny.\n\nI've set aside “Delete the $31.00")
    assert late.status_code == 409
    detail = late.json()["detail"]
    assert detail.startswith("“Delete the $31.00 fuel expense")
    assert "was set aside when you wrote something else, so nothing was done" in detail
    assert await expense_amounts(pool, "dot") == [31.0]


async def test_a_decision_for_an_earlier_question_never_answers_a_newer_one(
    serve: Serve, pool: Pool
) -> None:
    """Two tabs: one rejects "delete A", then PAM asks "delete B"; the other tab's old
    card for A is clicked Approve. Its decision names the question it answered (the
    interrupt's `interrupt_id`), so it is a 409 and B stays; before, it deleted B."""
    first = await add_expense(pool, "tab", 11)
    second = await add_expense(pool, "tab", 22)
    model = delete_turn(first, reply="Kept it.")
    model.script += [route("wins"), call("delete_expense", "d2", expense_id=second)]
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("tab"), timeout=30) as client,
    ):
        paused = await pause(server, client)
        thread_id = paused["thread_id"]
        old: dict[str, Any] = paused["interrupt"]  # type: ignore[assignment]
        assert isinstance(old["interrupt_id"], str) and old["interrupt_id"]
        rejected = await client.post(
            RESUME,
            json={
                "thread_id": thread_id,
                "decisions": [{"type": "reject"}],
                "interrupt_id": old["interrupt_id"],
            },
        )
        assert rejected.status_code == 200, rejected.text
        again = await client.post(CHAT, json={"message": "and that one", "thread_id": thread_id})
        new = again.json()["interrupt"]
        assert new["interrupt_id"] != old["interrupt_id"]
        shown = (await client.get(f"/api/v1/pam/threads/{thread_id}")).json()["interrupt"]
        assert shown == new

        stale = await client.post(
            RESUME,
            json={
                "thread_id": thread_id,
                "decisions": [{"type": "approve"}],
                "interrupt_id": old["interrupt_id"],
            },
        )
        assert stale.status_code == 409, stale.text
        detail = stale.json()["detail"]
        assert detail.startswith("The question you answered is no longer the one waiting")
        assert "Delete the $22.00 fuel expense" in detail
        assert sorted(await expense_amounts(pool, "tab")) == [11.0, 22.0]

        answered = await client.post(
            RESUME,
            json={
                "thread_id": thread_id,
                "decisions": [{"type": "approve"}],
                "interrupt_id": new["interrupt_id"],
            },
        )
        assert answered.status_code == 200, answered.text
    assert await expense_amounts(pool, "tab") == [11.0]


async def test_the_transcript_keeps_a_lookup_before_the_question_it_led_to(
    serve: Serve, pool: Pool
) -> None:
    """A turn that listed the expenses, then asked to delete one: the thread's messages
    read in the order they happened. Before, the question was written when it was asked
    and the listing only when the turn ended, so the history showed the delete proposal
    first and the listing after it."""
    expense = await add_expense(pool, "lou", 31)
    model = StreamingScriptedModel(
        script=[
            route("wins"),
            call("list_expenses", "l1"),
            call("delete_expense", "d1", expense_id=expense),
        ]
    )
    async with (
        serve(model) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("lou"), timeout=30) as client,
    ):
        paused = await pause(server, client)
        thread_id = paused["thread_id"]
        approved = await client.post(
            RESUME, json={"thread_id": thread_id, "decisions": [{"type": "approve"}]}
        )
        assert approved.status_code == 200, approved.text
        thread = (await client.get(f"/api/v1/pam/threads/{thread_id}")).json()
    steps = [
        (m["role"], [c["name"] for c in m["data"].get("tool_calls", [])] or m["data"].get("name"))
        for m in thread["messages"]
    ]
    assert steps[:5] == [
        ("human", None),
        ("ai", ["list_expenses"]),
        ("tool", "list_expenses"),
        ("ai", ["delete_expense"]),
        ("tool", "delete_expense"),
    ], steps
    assert await expense_amounts(pool, "lou") == []
