"""Agent Protocol runs with langgraph-sdk: background, wait, join, get, list, cancel."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage
from langgraph_sdk.errors import NotFoundError

from tests.api.conftest import Gate, Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import collect, general, named, person, say, sdk
from tests.fakes import route


async def test_a_background_run_is_joined_got_and_listed(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("First.") + general("Second."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        run = await client.runs.create(tid, "pam", input=say("one"), metadata={"source": "test"})
        joined = await client.runs.join(tid, run["run_id"])
        got = await client.runs.get(tid, run["run_id"])
        waited = await client.runs.wait(
            tid, "pam", input=say("two"), context={"current_page": "/wins", "user_id": "x"}
        )
        listed = await client.runs.list(tid)
        await client.aclose()
    assert run["thread_id"] == tid and run["status"] in ("pending", "running")
    # Its own, under the default assistant's (as LangGraph's server merges them).
    assert run["metadata"] == {
        "source": "test",
        "created_by": "system",
        "assistant_id": run["assistant_id"],
        "graph_id": "pam",
    }
    assert joined["reply"] == "First."
    assert got["status"] == "success" and got["assistant_id"] == run["assistant_id"]
    assert isinstance(waited, dict) and waited["reply"] == "Second."
    assert [m["type"] for m in waited["messages"]] == ["human", "ai", "human", "ai"]
    assert len(listed) == 2 and listed[1]["run_id"] == run["run_id"]  # newest first
    assert {r["status"] for r in listed} == {"success"}


async def test_wait_and_join_headers_point_at_the_run(serve: Serve) -> None:
    alice = person("alice")
    async with serve(StreamingScriptedModel(script=general("Hi."))) as server:
        client = sdk(server.url, alice)
        tid = (await client.threads.create())["thread_id"]
        await client.aclose()
        async with httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as http:
            r = await http.post(
                f"/threads/{tid}/runs/wait", json={"assistant_id": "pam", "input": say("hi")}
            )
    run_path = r.headers["content-location"]
    assert run_path.startswith(f"/threads/{tid}/runs/")
    assert r.headers["location"] == f"{run_path}/join"
    assert r.json()["reply"] == "Hi."


async def test_a_failing_run_reports_its_error(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=[])) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        with pytest.raises(Exception, match="EmptyInputError"):
            await client.runs.wait(tid, "pam")  # no input on an empty thread
        parts = await collect(client.runs.stream(tid, "pam"))
        runs = await client.runs.list(tid)
        await client.aclose()
    (error,) = named(parts, "error")
    assert error["error"] == "EmptyInputError" and error["message"]
    assert "Traceback" not in error["message"]
    assert [p.event for p in parts][-1] == "end"
    assert {r["status"] for r in runs} == {"error"}


async def test_cancel_stops_a_run_and_join_returns_what_is_there(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[route("general"), gate, AIMessage("Too late.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        run = await client.runs.create(tid, "pam", input=say("hi"))
        await gate.reached.wait()
        await client.runs.cancel(tid, run["run_id"])
        gate.open()
        got = await client.runs.get(tid, run["run_id"])
        joined = await client.runs.join(tid, run["run_id"])
        await client.runs.cancel(tid, run["run_id"])  # ended already: nothing to do
        thread = await client.threads.get(tid)
        await client.aclose()
    assert got["status"] == "interrupted"
    assert not joined.get("reply") and [m["type"] for m in joined["messages"]] == ["human"]
    assert thread["status"] == "interrupted"  # as LangGraph: the cancelled turn is left


async def test_a_run_cancelled_with_rollback_is_forgotten(serve: Serve) -> None:
    """As LangGraph's server: a running run rolled back leaves neither its row nor a
    checkpoint; the turn before it stays."""
    gate = Gate()
    script = [*general("First."), route("general"), gate, AIMessage("Never said.")]
    async with serve(StreamingScriptedModel(script=script)) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        kept = await client.runs.create(tid, "pam", input=say("one"))
        await client.runs.join(tid, kept["run_id"])
        run = await client.runs.create(tid, "pam", input=say("two"))
        await gate.reached.wait()
        await client.runs.cancel(tid, run["run_id"], wait=True, action="rollback")
        gate.open()
        listed = [r["run_id"] for r in await client.runs.list(tid)]
        history: Any = await client.threads.get_history(tid, limit=100)
        with pytest.raises(NotFoundError):
            await client.runs.get(tid, run["run_id"])
        await client.aclose()
    assert listed == [kept["run_id"]]
    assert [h for h in history if h["metadata"].get("run_id") == run["run_id"]] == []
    humans = [m["content"] for m in history[0]["values"]["messages"] if m["type"] == "human"]
    assert humans == ["one"]


async def test_another_users_runs_are_not_found(serve: Serve) -> None:
    script = general("Mine.") + general("Bob's own.")
    async with serve(StreamingScriptedModel(script=script)) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create())["thread_id"]
        run = await alice.runs.create(tid, "pam", input=say("hi"))
        await alice.runs.join(tid, run["run_id"])
        rid = run["run_id"]
        attempts: list[Callable[[], Awaitable[object]]] = [
            lambda: bob.runs.get(tid, rid),
            lambda: bob.runs.list(tid),
            lambda: bob.runs.join(tid, rid),
            lambda: bob.runs.cancel(tid, rid),
            lambda: bob.runs.create(tid, "pam", input=say("x")),
            lambda: bob.runs.wait(tid, "pam", input=say("x")),
            lambda: collect(bob.runs.stream(tid, "pam", input=say("x"))),
            lambda: collect(bob.runs.join_stream(tid, rid)),
        ]
        for attempt in attempts:
            # join and wait raise httpx's error; the others its NotFoundError subclass
            with pytest.raises(httpx.HTTPStatusError) as refused:
                await attempt()
            assert refused.value.response.status_code == 404
        with pytest.raises(NotFoundError):  # a real run id, on a thread of Bob's own
            await bob.runs.get((await bob.threads.create())["thread_id"], rid)
        # Creating on the fly with Alice's id: to Bob an unused id, his own new thread.
        bobs = await bob.runs.wait(tid, "pam", input=say("x"), if_not_exists="create")
        with pytest.raises(NotFoundError):  # and Alice's run is not on it
            await bob.runs.get(tid, rid)
        runs = await alice.runs.list(tid)
        await alice.aclose()
        await bob.aclose()
    assert len(runs) == 1
    assert isinstance(bobs, dict) and bobs["reply"] == "Bob's own."


async def test_if_not_exists_create_makes_the_thread(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Fresh."))) as server:
        client = sdk(server.url, person("alice"))
        tid = "6f1c2a8e-0d4b-4e59-9a63-3b1f0e2d7c41"
        with pytest.raises(httpx.HTTPStatusError) as refused:
            await client.runs.wait(tid, "pam", input=say("hi"))
        assert refused.value.response.status_code == 404
        done = await client.runs.wait(tid, "pam", input=say("hi"), if_not_exists="create")
        thread: Any = await client.threads.get(tid)
        await client.aclose()
    assert isinstance(done, dict) and done["reply"] == "Fresh."
    assert thread["values"]["reply"] == "Fresh."


async def test_deleting_a_busy_thread_cancels_its_runs(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Gone.")])
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        first = await client.runs.create(tid, "pam", input=say("a"))
        second = await client.runs.create(tid, "pam", input=say("b"))  # queued behind it
        await gate.reached.wait()
        await client.threads.delete(tid)
        gate.open()
        runs = server.app.state.runs
        with pytest.raises(NotFoundError):
            await client.threads.get(tid)
        await client.aclose()
    assert runs.get(first["run_id"]).status == "cancelled"
    assert runs.get(second["run_id"]).status == "cancelled"


async def test_a_run_keeps_its_kwargs_and_inherits_its_threads_metadata(serve: Serve) -> None:
    """As LangGraph's server: a run's metadata is its assistant's, then its thread's, then
    the config's and its own; its checkpoints carry it; `kwargs` says what it was started
    with, live and (on a server that never ran it) from its row."""
    alice = person("alice")
    model = StreamingScriptedModel(script=general("First."))
    async with serve(model) as server:
        client = sdk(server.url, alice)
        assistant = await client.assistants.create("pam", metadata={"tier": "gold", "team": "a"})
        tid = (await client.threads.create(metadata={"team": "road", "run_id": "not-mine"}))[
            "thread_id"
        ]
        config: Any = {"tags": ["t"], "metadata": {"via": "config", "source": "config"}}
        run: Any = await client.runs.create(
            tid,
            assistant["assistant_id"],
            input=say("one"),
            metadata={"source": "test"},
            config=config,
            stream_mode=["values", "updates"],
            multitask_strategy="interrupt",
        )
        await client.runs.join(tid, run["run_id"])
        live: Any = await client.runs.get(tid, run["run_id"])
        history: Any = await client.threads.get_history(tid)
        await client.aclose()
    async with serve(StreamingScriptedModel(script=[])) as server:  # the row alone
        client = sdk(server.url, alice)
        stored: Any = await client.runs.get(tid, run["run_id"])
        listed: Any
        (listed,) = await client.runs.list(tid)
        await client.aclose()
    metadata = {
        "tier": "gold",
        "team": "road",
        "via": "config",
        "source": "test",
        "assistant_id": assistant["assistant_id"],
        "graph_id": "pam",
    }
    assert run["metadata"] == metadata  # the thread's `run_id` is never inherited
    assert {k: v for k, v in live["metadata"].items() if k != "usage"} == metadata
    assert all(s["metadata"]["team"] == "road" for s in history)
    for found in (live, stored, listed):
        kwargs = found["kwargs"]
        assert found["assistant_id"] == assistant["assistant_id"]
        assert found["multitask_strategy"] == "interrupt"
        assert kwargs["input"] == say("one")
        assert kwargs["stream_mode"] == ["values", "updates"]  # as asked, in its order
        assert kwargs["durability"] == "async" and kwargs["temporary"] is False
        assert kwargs["config"]["tags"] == ["t"]
        assert kwargs["config"]["metadata"] == metadata
        configurable = kwargs["config"]["configurable"]
        assert configurable["run_id"] == run["run_id"] and configurable["thread_id"] == tid
        assert configurable["assistant_id"] == assistant["assistant_id"]


async def test_a_chat_turns_run_has_no_kwargs_and_keeps_its_own_metadata(serve: Serve) -> None:
    alice = person("alice")
    async with serve(StreamingScriptedModel(script=general("Hi."))) as server:
        client = sdk(server.url, alice)
        tid = (await client.threads.create(metadata={"team": "road"}))["thread_id"]
        async with httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as http:
            sent = await http.post("/api/v1/pam/chat", json={"message": "hi", "thread_id": tid})
        listed: Any = await client.runs.list(tid)
        await client.aclose()
    assert sent.status_code == 200, sent.text
    (run,) = listed
    assert run["kwargs"] == {} and "team" not in run["metadata"]


async def test_a_run_over_its_recursion_limit_says_so(serve: Serve) -> None:
    """The client's own `recursion_limit` reached: LangGraph's message (naming the limit
    and the config key), as its server answers, not the generic failure."""
    async with serve(StreamingScriptedModel(script=general("Hi."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        config: Any = {"recursion_limit": 2}
        answer: Any = await client.runs.wait(
            tid, "pam", input=say("hello"), config=config, raise_error=False
        )
        await client.aclose()
    error = answer["__error__"]
    assert error["error"] == "GraphRecursionError"
    assert "Recursion limit of 2 reached" in error["message"]
    assert "recursion_limit" in error["message"]
