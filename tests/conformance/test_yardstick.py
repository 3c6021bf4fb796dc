"""Calls a second, independent sweep of the SDK's surface found PAM answering otherwise
than `langgraph dev` (docs/agent-protocol.md, "A second yardstick"), side by side."""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

import httpx
import pytest

from tests.conformance.differences import without_checkpoint_thread as states
from tests.conformance.script import new_thread, same_on_both, say, stream
from tests.conformance.sides import Caller, Side

EXPENSE = "spent $12.50 on coffee"


@pytest.mark.row('`interrupt_before="*"` / `interrupt_after="*"` (every node)')
@pytest.mark.parametrize("where", ["interrupt_before", "interrupt_after"])
async def test_breakpoints_on_every_node(sides: tuple[Side, Side], where: str) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        paused = await stream(
            caller, thread_id, input=say(EXPENSE), stream_mode=["updates"], **{where: "*"}
        )
        state = await caller.sdk.threads.get_state(thread_id)
        thread = await caller.sdk.threads.get(thread_id)
        # A run with no input goes on to the next breakpoint, which "*" puts at every node.
        step = await stream(caller, thread_id, input=None, stream_mode=["updates"], **{where: "*"})
        return {
            "paused": paused,
            "next": state["next"],
            "status": thread["status"],
            "step": [event for event, _ in step],
            "after": (await caller.sdk.threads.get_state(thread_id))["next"],
        }

    found = await same_on_both(sides, script)
    assert found["status"] == "interrupted"
    assert found["next"] == (["router"] if where == "interrupt_before" else ["wins"])


@pytest.mark.row("`GET /threads/{id}/history?limit=&before=` (the query form)")
async def test_history_by_query(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        await stream(caller, thread_id, input=say(EXPENSE), stream_mode=["values"])
        http = caller.sdk.http.client
        first = await http.get(f"/threads/{thread_id}/history")
        newest = first.json()[0]["checkpoint"]["checkpoint_id"]
        paged = await http.get(
            f"/threads/{thread_id}/history", params={"limit": 3, "before": newest}
        )
        return {
            "status": [first.status_code, paged.status_code],
            "first": states(first.json()),
            "paged": states(paged.json()),
        }

    found = await same_on_both(sides, script)
    assert len(found["first"]) == 1 and len(found["paged"]) == 3


@pytest.mark.row(
    "a run naming an assistant no id can be (`assistant_id='nope'`), or an unknown UUID"
)
async def test_run_with_an_impossible_assistant_id(sides: tuple[Side, Side]) -> None:
    async def refused(call: Any) -> int | str:
        try:
            await call
        except httpx.HTTPStatusError as error:  # runs.wait raises httpx's own error
            return error.response.status_code
        return "ok"

    async def script(caller: Caller) -> Any:
        thread_id = await new_thread(caller)
        runs = caller.sdk.runs
        unknown = str(uuid4())
        return {
            "threaded": await refused(runs.wait(thread_id, "nope", input=say("hi"))),
            "stateless": await refused(runs.wait(None, "nope", input=say("hi"))),
            "unknown uuid": await refused(runs.wait(thread_id, unknown, input=say("hi"))),
        }

    found = await same_on_both(sides, script)
    assert found["threaded"] == 422 and found["unknown uuid"] == 404


@pytest.mark.row("a JSON body sent as `text/plain` (a browser `fetch` with no headers)")
async def test_a_json_body_declared_as_plain_text(sides: tuple[Side, Side]) -> None:
    async def script(caller: Caller) -> Any:
        http = caller.sdk.http.client
        plain = {"Content-Type": "text/plain;charset=UTF-8"}
        created = await http.post(
            "/threads", content=json.dumps({"metadata": {"via": "plain"}}), headers=plain
        )
        thread_id = created.json()["thread_id"]
        body = {"assistant_id": "pam", "input": say("hello"), "context": caller.context}
        waited = await http.post(
            f"/threads/{thread_id}/runs/wait", content=json.dumps(body), headers=plain
        )
        broken = await http.post("/threads/search", content="{not json", headers=plain)
        return {
            "created": [created.status_code, created.json()["metadata"].get("via")],
            "waited": [waited.status_code, sorted(waited.json())],
            "not json": broken.status_code,
        }

    found = await same_on_both(sides, script)
    assert found["created"] == [200, "plain"] and found["waited"][0] == 200
