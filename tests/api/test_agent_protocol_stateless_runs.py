"""Agent Protocol: stateless runs (`/runs`, `/runs/stream`, `/runs/wait`, `/runs/batch`),
bulk cancel (`/runs/cancel`) and `runs.delete`, with langgraph-sdk against a real server."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from langgraph_sdk.errors import ConflictError, NotFoundError

from server.agent_protocol import stateless_runs
from tests.api.conftest import Gate, Serve, StreamingScriptedModel, auth, uid
from tests.api.test_agent_protocol_support import (
    collect,
    eventually,
    general,
    named,
    person,
    say,
    sdk,
)
from tests.fakes import route
from tools.db.scope import user_db


async def test_wait_answers_and_deletes_its_thread(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("On the road."))) as server:
        client = sdk(server.url, person("alice"))
        waited = await client.runs.wait(None, "pam", input=say("where am I?"))

        async def no_threads() -> bool:
            return await client.threads.count() == 0

        await eventually(no_threads)
        await client.aclose()
    assert isinstance(waited, dict) and waited["reply"] == "On the road."


async def test_keep_leaves_a_normal_thread_of_the_callers(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Kept."))) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        run = await alice.runs.create(None, "pam", input=say("hi"), on_completion="keep")
        await alice.runs.join(run["thread_id"], run["run_id"])
        thread: Any = await alice.threads.get(run["thread_id"])
        with pytest.raises(NotFoundError):
            await bob.threads.get(run["thread_id"])
        await alice.aclose()
        await bob.aclose()
    assert thread["status"] == "idle" and thread["values"]["reply"] == "Kept."


async def test_stream_sends_the_runs_events(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Streamed."))) as server:
        client = sdk(server.url, person("alice"))
        parts = await collect(
            client.runs.stream(None, "pam", input=say("hi"), stream_mode="values")
        )
        await client.aclose()
    assert parts[0].event == "metadata"
    assert named(parts, "values")[-1]["reply"] == "Streamed."


async def test_batch_starts_each_and_refuses_a_bad_one_before_starting_any(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("One.") + general("Two."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        batch: Any = [  # the SDK's RunCreate type lacks on_completion; the server takes it
            {"assistant_id": "pam", "input": say("one"), "on_completion": "keep"},
            {"assistant_id": "pam", "input": say("two"), "on_completion": "keep"},
        ]
        started = await client.runs.create_batch(batch)
        for run in started:
            await client.runs.join(run["thread_id"], run["run_id"])
        kept = await client.threads.count()
        async with httpx.AsyncClient(base_url=server.url, headers=auth(person("bob"))) as http:
            bad = await http.post(
                "/runs/batch",
                json=[
                    {"assistant_id": "pam", "input": say("fine")},
                    {"assistant_id": "pam", "stream_mode": "nonsense"},
                ],
            )
            bobs = await http.post("/threads/search", json={})
        await client.aclose()
    assert len(started) == 2 and len({r["thread_id"] for r in started}) == 2
    assert kept == 2
    assert bad.status_code == 422 and "body[1]" in bad.text
    assert bobs.json() == []  # nothing half-created


async def test_cancel_many_by_ids_and_by_status_only_touches_the_callers(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general")])
    async with serve(model) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create())["thread_id"]
        run = await alice.runs.create(tid, "pam", input=say("slow"))
        await asyncio.wait_for(gate.reached.wait(), 10)
        with pytest.raises(NotFoundError):  # bob cannot name alice's run
            await bob.runs.cancel_many(thread_id=tid, run_ids=[run["run_id"]])
        await bob.runs.cancel_many(status="all")  # bob has none: alice's go on
        assert (await alice.runs.get(tid, run["run_id"]))["status"] == "running"
        await alice.runs.cancel_many(status="running")
        await alice.runs.join(tid, run["run_id"])
        got = await alice.runs.get(tid, run["run_id"])
        async with httpx.AsyncClient(base_url=server.url, headers=auth(person("c"))) as http:
            neither = await http.post("/runs/cancel", json={})
        await alice.aclose()
        await bob.aclose()
    assert got["status"] == "interrupted"
    assert neither.status_code == 422 and "run_ids" in neither.text


async def test_delete_removes_an_ended_run_and_refuses_a_running_one(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[*general("Done."), gate, route("general")])
    async with serve(model) as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create())["thread_id"]
        done = await alice.runs.create(tid, "pam", input=say("one"))
        await alice.runs.join(tid, done["run_id"])
        with pytest.raises(NotFoundError):
            await bob.runs.delete(tid, done["run_id"])
        await alice.runs.delete(tid, done["run_id"])
        with pytest.raises(NotFoundError):
            await alice.runs.get(tid, done["run_id"])
        running = await alice.runs.create(tid, "pam", input=say("two"))
        await asyncio.wait_for(gate.reached.wait(), 10)
        with pytest.raises(ConflictError):
            await alice.runs.delete(tid, running["run_id"])
        listed = await alice.runs.list(tid)
        await alice.runs.cancel(tid, running["run_id"])
        await alice.aclose()
        await bob.aclose()
    assert [r["run_id"] for r in listed] == [running["run_id"]]


async def test_a_stateless_run_with_an_unknown_assistant_creates_nothing(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        with pytest.raises(httpx.HTTPStatusError) as refused:  # wait raises httpx's own
            await client.runs.wait(None, "00000000-0000-0000-0000-000000000001", input=say("x"))
        assert refused.value.response.status_code == 404
        count = await client.threads.count()
        await client.aclose()
    assert count == 0


async def test_a_thread_left_by_a_lost_cleanup_is_swept_by_the_worker(serve: Serve) -> None:
    """The process that should delete a stateless run's thread dies first (here: its
    cleanup task is cancelled): the thread's backstop TTL lets the worker delete it."""
    alice = person("alice")
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, *general("Late.")])
    async with serve(model, pam_worker=True, pam_jobs_poll_s=0.2) as server:
        client = sdk(server.url, alice)
        run = await client.runs.create(None, "pam", input=say("hi"))
        await asyncio.wait_for(gate.reached.wait(), 10)
        for task in list(stateless_runs._cleanups):
            task.cancel()
        gate.open()
        await client.runs.join(run["thread_id"], run["run_id"])
        assert await client.threads.count() == 1  # nobody deleted it after the run
        async with user_db(server.app.state.resources.pool, uid(alice)) as db:  # an hour on
            await db.conn.execute(
                "UPDATE chat_threads SET updated_at = now() - interval '61 minutes'"
            )
            await db.conn.execute("UPDATE thread_ttls SET expires_at = now() - interval '1 second'")

        async def swept() -> bool:
            return await client.threads.count() == 0

        await eventually(swept, timeout_s=20)
        with pytest.raises(NotFoundError):
            await client.threads.get(run["thread_id"])
        await client.aclose()
