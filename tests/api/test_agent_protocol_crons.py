"""Agent Protocol: crons with langgraph-sdk against a real server and its jobs worker —
create (stateless and on a thread), search, count, delete; a firing is a normal run on
a normal thread; only the owner sees a cron; a bad schedule is a 422 naming the field."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from langgraph_sdk.errors import NotFoundError

from tests.api.conftest import LiveServer, Serve, StreamingScriptedModel, auth, uid
from tests.api.test_agent_protocol_support import eventually, general, person, say, sdk
from tools.db.scope import user_db


async def _due_now(server: LiveServer, user: str, cron_id: str) -> None:
    """The cron's next firing moved to now, as if its time had come."""
    async with user_db(server.app.state.resources.pool, uid(user)) as db:
        await db.conn.execute(
            "UPDATE crons SET next_run_date = now() - interval '1 second' WHERE id = %s",
            (cron_id,),
        )


async def test_info_says_crons_are_served(serve: Serve) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as client:
        info = (await client.get("/info")).json()
    assert info["flags"]["crons"] is True


async def test_create_search_count_and_delete_only_the_owners(serve: Serve) -> None:
    async with serve() as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        tid = (await alice.threads.create())["thread_id"]
        daily: Any = await alice.crons.create(
            "pam",
            schedule="0 9 * * *",
            input=say("weather?"),
            timezone="Australia/Perth",
            metadata={"kind": "weather"},
        )
        on_thread: Any = await alice.crons.create_for_thread(tid, "pam", schedule="*/5 * * * *")
        found: Any = await alice.crons.search()
        by_thread: Any = await alice.crons.search(thread_id=tid)
        by_meta: Any = await alice.crons.search(metadata={"kind": "weather"})
        counted = await alice.crons.count()
        bobs_view = (await bob.crons.search(), await bob.crons.count())
        with pytest.raises(NotFoundError):
            await bob.crons.delete(daily["cron_id"])
        with pytest.raises(NotFoundError):  # alice's thread is not bob's to schedule on
            await bob.crons.create_for_thread(tid, "pam", schedule="* * * * *")
        await alice.crons.delete(daily["cron_id"])
        after = await alice.crons.count()
        with pytest.raises(NotFoundError):
            await alice.crons.delete(daily["cron_id"])
        await alice.aclose()
        await bob.aclose()
    nine = datetime.fromisoformat(daily["next_run_date"])
    assert daily["schedule"] == "0 9 * * *" and daily["thread_id"] is None
    assert nine.astimezone(UTC).hour == 1  # nine in Perth (UTC+8)
    assert daily["payload"]["input"] == say("weather?") and daily["enabled"] is True
    assert on_thread["thread_id"] == tid
    # A firing's thread is deleted or kept only for a cron without one (null on a thread).
    assert daily["on_run_completed"] == "delete" and on_thread["on_run_completed"] is None
    assert {c["cron_id"] for c in found} == {daily["cron_id"], on_thread["cron_id"]}
    assert [c["cron_id"] for c in by_thread] == [on_thread["cron_id"]]
    assert [c["cron_id"] for c in by_meta] == [daily["cron_id"]]
    assert counted == 2 and bobs_view == ([], 0) and after == 1


async def test_a_firing_runs_on_the_crons_thread(serve: Serve) -> None:
    alice = person("alice")
    model = StreamingScriptedModel(script=general("Sunny in Broome."))
    async with serve(model, pam_worker=True, pam_jobs_poll_s=0.2) as server:
        client = sdk(server.url, alice)
        tid = (await client.threads.create())["thread_id"]
        cron: Any = await client.crons.create_for_thread(
            tid,
            "pam",
            schedule="0 6 * * *",
            input=say("weather in Broome?"),
            context={"timezone": "Australia/Perth"},
            config={"tags": ["morning"]},
        )
        await _due_now(server, alice, cron["cron_id"])

        async def ran() -> Any:
            runs: Any = await client.runs.list(tid)
            return runs and runs[0]["status"] == "success"

        await eventually(ran, timeout_s=20)
        runs: Any = await client.runs.list(tid)
        state: Any = await client.threads.get_state(tid)
        moved_on: Any = (await client.crons.search())[0]
        await client.aclose()
    # The payload as LangGraph's server shows it: the body as sent, the assistant's id and
    # the cron's in the config's configurable, which does not clash with the context
    # when it fires (that run's configurable is its context and the cron's id is in its
    # metadata).
    assert cron["payload"] == {
        "assistant_id": cron["assistant_id"],
        "schedule": "0 6 * * *",
        "input": say("weather in Broome?"),
        "context": {"timezone": "Australia/Perth"},
        "config": {"tags": ["morning"], "configurable": {"cron_id": cron["cron_id"]}},
    }
    assert len(runs) == 1 and runs[0]["metadata"]["cron_id"] == cron["cron_id"]
    assert runs[0]["kwargs"]["context"] == {"timezone": "Australia/Perth"}
    assert runs[0]["kwargs"]["config"]["tags"] == ["morning"]
    assert state["values"]["reply"] == "Sunny in Broome."
    assert datetime.fromisoformat(moved_on["next_run_date"]) > datetime.now(UTC)


async def test_a_stateless_firing_keeps_its_thread_when_asked(serve: Serve) -> None:
    alice = person("alice")
    model = StreamingScriptedModel(script=general("Fuel is cheap today."))
    async with serve(model, pam_worker=True, pam_jobs_poll_s=0.2) as server:
        client = sdk(server.url, alice)
        cron: Any = await client.crons.create(
            "pam", schedule="30 7 * * 1", input=say("fuel?"), on_run_completed="keep"
        )
        await _due_now(server, alice, cron["cron_id"])

        async def kept() -> Any:
            found: Any = await client.threads.search(status="idle")
            return found and found[0]["values"] and found[0]["values"].get("reply")

        await eventually(kept, timeout_s=20)
        threads: Any = await client.threads.search()
        await client.aclose()
    assert len(threads) == 1 and threads[0]["values"]["reply"] == "Fuel is cheap today."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"schedule": "every day"}, "schedule"),
        ({"schedule": "61 * * * *"}, "schedule"),
        ({"schedule": ""}, "schedule"),
        ({"schedule": "0 9 * * *", "timezone": "Mars/Olympus"}, "timezone"),
        ({"schedule": "0 9 * * *", "stream_mode": "nonsense"}, "stream_mode"),
        # a cron on a thread is made on the thread's path (create_for_thread), not here
        (
            {"schedule": "0 9 * * *", "thread_id": "3f1e4a52-64a6-4d0c-9d4e-1f1f1f1f1f1f"},
            "thread_id",
        ),
    ],
)
async def test_a_bad_cron_is_422_naming_the_field_and_creates_nothing(
    serve: Serve, body: dict[str, Any], field: str
) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        made = await c.post("/runs/crons", json={"assistant_id": "pam", **body})
        count = await c.post("/runs/crons/count", json={})
    assert made.status_code == 422 and field in made.text
    assert count.json() == 0


async def test_an_unknown_or_others_assistant_is_a_404(serve: Serve) -> None:
    async with serve() as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        theirs = (await alice.assistants.create("pam", name="Alice's"))["assistant_id"]
        with pytest.raises(NotFoundError):
            await bob.crons.create(theirs, schedule="0 9 * * *")
        mine: Any = await alice.crons.create(theirs, schedule="0 9 * * *")
        await alice.aclose()
        await bob.aclose()
    assert mine["assistant_id"] == theirs
    assert datetime.fromisoformat(mine["next_run_date"]) < datetime.now(UTC) + timedelta(
        days=1, minutes=1
    )


async def test_update_changes_the_schedule_and_payload_only_for_the_owner(serve: Serve) -> None:
    async with serve() as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        cron: Any = await alice.crons.create("pam", schedule="0 9 * * *", input=say("one"))
        updated: Any = await alice.crons.update(
            cron["cron_id"], schedule="0 18 * * *", input=say("two"), enabled=False
        )
        with pytest.raises(NotFoundError):
            await bob.crons.update(cron["cron_id"], schedule="* * * * *")
        async with httpx.AsyncClient(base_url=server.url, headers=auth(person("c"))) as http:
            unknown = await http.patch(f"/runs/crons/{cron['cron_id']}", json={"enabled": True})
        await alice.aclose()
        await bob.aclose()
    assert updated["schedule"] == "0 18 * * *" and updated["enabled"] is False
    assert updated["payload"]["input"] == say("two") and updated["payload"]["enabled"] is False
    assert updated["payload"]["config"] == {"configurable": {"cron_id": cron["cron_id"]}}
    assert datetime.fromisoformat(updated["next_run_date"]).astimezone(UTC).hour == 18
    assert unknown.status_code == 404


async def test_a_bad_update_is_422_and_changes_nothing(serve: Serve) -> None:
    alice = person("alice")
    async with serve() as server:
        client = sdk(server.url, alice)
        cron: Any = await client.crons.create("pam", schedule="0 9 * * *")
        async with httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as http:
            bad_schedule = await http.patch(
                f"/runs/crons/{cron['cron_id']}", json={"schedule": "whenever"}
            )
            bad_mode = await http.patch(
                f"/runs/crons/{cron['cron_id']}", json={"stream_mode": "nonsense"}
            )
        after: Any = (await client.crons.search())[0]
        await client.aclose()
    assert bad_schedule.status_code == 422 and "schedule" in bad_schedule.text
    assert bad_mode.status_code == 422 and "stream_mode" in bad_mode.text
    assert after["schedule"] == "0 9 * * *" and after["updated_at"] == cron["updated_at"]


async def test_two_instances_fire_a_due_cron_once(serve: Serve) -> None:
    alice = person("alice")
    first = StreamingScriptedModel(script=general("Once.") + general("Twice?"))
    second = StreamingScriptedModel(script=general("Once.") + general("Twice?"))
    fast = {"pam_worker": True, "pam_jobs_poll_s": 0.1}
    async with serve(first, **fast) as one, serve(second, **fast) as two:
        on_one, on_two = sdk(one.url, alice), sdk(two.url, alice)
        tid = (await on_one.threads.create())["thread_id"]
        cron: Any = await on_two.crons.create_for_thread(
            tid, "pam", schedule="0 6 * * *", input=say("once, please")
        )
        await _due_now(one, alice, cron["cron_id"])

        async def ran() -> Any:
            runs = await on_one.runs.list(tid)
            return runs and runs[0]["status"] == "success"

        await eventually(ran, timeout_s=20)
        await asyncio.sleep(1.0)  # ten more relay passes on each instance
        runs: Any = await on_two.runs.list(tid)
        await on_one.aclose()
        await on_two.aclose()
    assert len(runs) == 1 and runs[0]["metadata"]["cron_id"] == cron["cron_id"]


async def test_a_thread_in_the_body_is_the_paths_or_refused(serve: Serve) -> None:
    """POST /runs/crons with a `thread_id` is a 422 pointing at the thread's path
    (LangGraph's server ignores it and fires on a new thread); on the thread's path a
    body naming the same thread is taken, another one refused; null is no thread."""
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        body = {"assistant_id": "pam", "schedule": "0 9 * * *"}
        stateless = await c.post("/runs/crons", json={**body, "thread_id": tid})
        nothing = await c.post("/runs/crons", json={**body, "thread_id": None})
        same = await c.post(f"/threads/{tid}/runs/crons", json={**body, "thread_id": tid})
        other = await c.post(
            f"/threads/{tid}/runs/crons", json={**body, "thread_id": str(uuid.uuid4())}
        )
        on_thread = await c.post("/runs/crons/search", json={"thread_id": tid})
    assert stateless.status_code == 422 and "/threads/{thread_id}/runs/crons" in stateless.text
    assert nothing.status_code == 200 and nothing.json()["thread_id"] is None
    assert same.status_code == 200 and same.json()["thread_id"] == tid
    assert "thread_id" not in same.json()["payload"]
    assert other.status_code == 422 and "thread_id" in other.text
    assert [c["cron_id"] for c in on_thread.json()] == [same.json()["cron_id"]]
