"""Agent Protocol: assistants as rows a user owns — create, update (versions), set_latest,
search, count, delete — with langgraph-sdk against a real server, and the default one
that nobody may change."""

from __future__ import annotations

import httpx
import pytest
from langgraph_sdk.errors import APIStatusError, BadRequestError, ConflictError, NotFoundError

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import general, person, say, sdk


async def test_create_update_versions_and_set_latest(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        made = await client.assistants.create(
            "pam",
            name="Trip planner",
            context={"timezone": "Australia/Perth"},
            metadata={"team": "a"},
        )
        aid = made["assistant_id"]
        updated = await client.assistants.update(aid, name="Trip planner 2", metadata={"v": 2})
        versions = await client.assistants.get_versions(aid)
        rolled = await client.assistants.set_latest(aid, 1)
        got = await client.assistants.get(aid)
        await client.aclose()
    assert made["graph_id"] == "pam" and made["version"] == 1 and aid != ASSISTANT_ID
    assert updated["version"] == 2 and updated["name"] == "Trip planner 2"
    assert updated["metadata"] == {"team": "a", "v": 2}  # merged into the last version's
    assert updated["context"] == {"timezone": "Australia/Perth"}  # kept when not given
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["name"] == "Trip planner"
    assert rolled["version"] == 1 and rolled["name"] == "Trip planner"
    assert got == rolled


async def test_search_sorts_the_default_among_the_callers_own(serve: Serve) -> None:
    """As LangGraph's server: one order over all (newest first unless told), the default
    assistant (made before any row) placed by its own values, pages included."""
    async with serve() as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        first = await alice.assistants.create("pam", name="Fuel watcher")
        second = await alice.assistants.create("pam", name="Camp finder", metadata={"k": 1})
        await bob.assistants.create("pam", name="Bob's own")
        everything = await alice.assistants.search(limit=10)
        paged = await alice.assistants.search(limit=2, offset=1, sort_by="name", sort_order="asc")
        straddling = await alice.assistants.search(limit=2, offset=1)
        last = await alice.assistants.search(limit=5, offset=2)
        by_meta = await alice.assistants.search(metadata={"k": 1})
        by_name = await alice.assistants.search(name="fuel")
        counted = await alice.assistants.count()
        counted_meta = await alice.assistants.count(metadata={"k": 1})
        bobs = await bob.assistants.count()
        await alice.aclose()
        await bob.aclose()
    ids = [a["assistant_id"] for a in everything]
    assert ids == [second["assistant_id"], first["assistant_id"], ASSISTANT_ID]
    assert [a["name"] for a in paged] == ["Fuel watcher", "pam"]
    assert [a["assistant_id"] for a in straddling] == [first["assistant_id"], ASSISTANT_ID]
    assert [a["assistant_id"] for a in last] == [ASSISTANT_ID]
    assert [a["assistant_id"] for a in by_meta] == [second["assistant_id"]]
    assert [a["assistant_id"] for a in by_name] == [first["assistant_id"]]
    assert (counted, counted_meta, bobs) == (3, 1, 2)


async def test_another_users_assistant_is_a_404_everywhere(serve: Serve) -> None:
    async with serve() as server:
        alice, bob = sdk(server.url, person("alice")), sdk(server.url, person("bob"))
        aid = (await alice.assistants.create("pam", name="Mine"))["assistant_id"]
        tid = (await bob.threads.create())["thread_id"]
        for call in (
            bob.assistants.get(aid),
            bob.assistants.update(aid, name="Taken"),
            bob.assistants.delete(aid),
            bob.assistants.get_versions(aid),
            bob.assistants.set_latest(aid, 1),
            bob.assistants.get_graph(aid),
            bob.assistants.get_schemas(aid),
            bob.runs.create(tid, aid, input=say("hi")),
        ):
            with pytest.raises(NotFoundError):
                await call
        # Its id is, to bob, an unused one (ids are per user, redteam 9): his own.
        bobs = await bob.assistants.create(
            "pam", assistant_id=aid, name="His", if_exists="do_nothing"
        )
        with pytest.raises(ConflictError):  # his own now exists
            await bob.assistants.create("pam", assistant_id=aid, if_exists="raise")
        still = await alice.assistants.get(aid)
        await alice.aclose()
        await bob.aclose()
    assert bobs["assistant_id"] == aid and bobs["name"] == "His"
    assert still["name"] == "Mine" and still["version"] == 1


async def test_the_default_assistant_is_read_only(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        for call in (
            client.assistants.update(ASSISTANT_ID, name="Mine now"),
            client.assistants.delete("pam"),
            client.assistants.set_latest(ASSISTANT_ID, 1),
        ):
            with pytest.raises(APIStatusError) as refused:
                await call
            assert refused.value.response.status_code == 403
        versions = await client.assistants.get_versions("pam")
        got = await client.assistants.get("pam")
        await client.aclose()
    assert [v["version"] for v in versions] == [1] and got["name"] == "pam"


async def test_delete_removes_it_and_its_versions(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        aid = (await client.assistants.create("pam", name="Short-lived"))["assistant_id"]
        await client.assistants.update(aid, name="Still short-lived")
        await client.assistants.delete(aid)
        with pytest.raises(NotFoundError):
            await client.assistants.get(aid)
        with pytest.raises(NotFoundError):
            await client.assistants.get_versions(aid)
        with pytest.raises(NotFoundError):
            await client.assistants.delete(aid)
        await client.aclose()


async def test_a_run_with_ones_own_assistant_uses_its_context(serve: Serve) -> None:
    model = StreamingScriptedModel(script=general("Done."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        aid = (
            await client.assistants.create("pam", name="Perth", context={"current_page": "/wins"})
        )["assistant_id"]
        tid = (await client.threads.create())["thread_id"]
        run = await client.runs.create(tid, aid, input=say("hi"))
        await client.runs.join(tid, run["run_id"])
        got = await client.runs.get(tid, run["run_id"])
        await client.aclose()
    assert run["assistant_id"] == aid and got["status"] == "success"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"graph_id": "pam", "name": ""}, "name"),
        ({"graph_id": "pam", "config": "x"}, "config"),
        ({}, "graph_id"),
        ({"graph_id": "pam", "context": {"location": {"lat": 200}}}, "context.location.lat"),
    ],
)
async def test_bad_assistant_bodies_are_422_naming_the_field(
    serve: Serve, body: dict[str, object], field: str
) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        created = await c.post("/assistants", json=body)
        bad_version = await c.post(f"/assistants/{ASSISTANT_ID}/latest", json={"version": 0})
        count = await c.post("/assistants/count", json={})
    assert created.status_code == 422 and field in created.text
    assert bad_version.status_code == 422 and "version" in bad_version.text
    assert count.json() == 1  # nothing half-created


async def test_an_unknown_graph_is_404_naming_graph_id(serve: Serve) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        created = await c.post("/assistants", json={"graph_id": "agent"})
        count = await c.post("/assistants/count", json={})
    assert created.status_code == 404 and "graph_id" in created.text
    assert count.json() == 1


async def test_an_assistants_context_and_configurable_are_kept_one(serve: Serve) -> None:
    """As LangGraph's server: the context is mirrored into config.configurable, a
    configurable given alone is the context, and both at once is a 400."""
    perth = {"timezone": "Australia/Perth"}
    async with serve() as server:
        alice = sdk(server.url, person("alice"))
        by_context = await alice.assistants.create("pam", context=perth, config={"tags": ["t"]})
        by_config = await alice.assistants.create("pam", config={"configurable": perth})
        moved = await alice.assistants.update(
            by_context["assistant_id"], context={"timezone": "Australia/Darwin"}
        )
        with pytest.raises(BadRequestError, match="give one of them"):
            await alice.assistants.create("pam", context=perth, config={"configurable": perth})
        await alice.aclose()
    assert by_context["config"] == {"tags": ["t"], "configurable": perth}
    assert by_context["context"] == perth
    assert by_config["context"] == perth and by_config["config"] == {"configurable": perth}
    darwin = {"timezone": "Australia/Darwin"}
    assert moved["context"] == darwin
    assert moved["config"] == {"tags": ["t"], "configurable": darwin}
