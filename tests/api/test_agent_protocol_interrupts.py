"""Agent Protocol approvals: a risky call pauses as `__interrupt__` and resumes by command."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage

from tests.api.conftest import Serve, StreamingScriptedModel
from tests.api.test_agent_protocol_support import collect, named, person, say, sdk
from tests.fakes import call, route

APPROVE = {"decisions": [{"type": "approve"}]}
REJECT = {"decisions": [{"type": "reject", "message": "Not today."}]}


def post_turn(after: str | None = None) -> list[Any]:
    """A public post proposed for approval; `after` is the model's answer to a rejection
    (an approved post's summary is the reply, with no model call)."""
    proposal = [route("social"), call("create_post", "p1", content="Hello road!")]
    return [*proposal, AIMessage(after)] if after else proposal


async def test_an_approval_pauses_and_approve_resumes_it(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=post_turn())) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        paused = await collect(client.runs.stream(tid, "pam", input=say("post hello road")))
        thread = await client.threads.get(tid)
        state = await client.threads.get_state(tid)
        resumed = await collect(
            client.runs.stream(tid, "pam", command={"resume": APPROVE}, stream_mode="values")
        )
        after = await client.threads.get(tid)
        await client.aclose()
    (interrupted,) = [v for v in named(paused, "values") if "__interrupt__" in v]
    (pending,) = interrupted["__interrupt__"]
    assert pending["value"]["action_requests"][0]["name"] == "create_post"
    assert pending["value"]["action_requests"][0]["args"] == {"content": "Hello road!"}
    # The question is the post itself, never a raw call.
    assert pending["value"]["action_requests"][0]["description"] == (
        "Post this publicly, for every PAM traveller to see: “Hello road!”?"
    )
    assert pending["value"]["review_configs"][0]["allowed_decisions"] == [
        "approve",
        "edit",
        "reject",
    ]
    assert pending["id"]
    assert thread["status"] == "interrupted"
    assert list(thread["interrupts"].values()) == [[pending]]
    assert state["next"] == ["social"] and state["interrupts"] == [pending]
    assert state["tasks"][0]["interrupts"] == [pending]
    final = named(resumed, "values")[-1]
    assert final["reply"] == 'Posted to the public feed: "Hello road!"'
    assert [a["type"] for a in final["ui_actions"]] == ["reload_feed"]
    assert after["status"] == "idle" and after["interrupts"] == {}


async def test_wait_returns_the_interrupt_and_reject_runs_nothing(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=post_turn("OK, not posted."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        paused = await client.runs.wait(tid, "pam", input=say("post hello road"))
        done = await client.runs.wait(tid, "pam", command={"resume": REJECT})
        await client.aclose()
    assert isinstance(paused, dict)
    assert paused["__interrupt__"][0]["value"]["action_requests"][0]["name"] == "create_post"
    assert [m["type"] for m in paused["messages"]] == ["human"]
    assert isinstance(done, dict)
    assert done["reply"] == "OK, not posted." and done["ui_actions"] == []
    assert "__interrupt__" not in done
    tool_results = [m for m in done["messages"] if m["type"] == "tool"]
    assert "Not today." in tool_results[-1]["content"]
