"""Agent Protocol: the store API on Postgres with langgraph-sdk — put, get, search,
list namespaces, delete — scoped to the caller, and the same items as `runtime.store`
inside the graph's nodes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessage, BaseMessage
from langgraph.config import get_store
from langgraph_sdk.errors import NotFoundError

from tests.api.conftest import Serve, StreamingScriptedModel, auth, uid
from tests.api.test_agent_protocol_support import eventually, person, say, sdk
from tests.fakes import route
from tools.db.scope import user_db


async def test_put_get_search_list_and_delete(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        store = client.store
        await store.put_item(["trips", "west"], "perth", {"km": 3900, "kind": "city"})
        await store.put_item(["trips", "west"], "broome", {"km": 2200, "kind": "town"})
        await store.put_item(["trips", "east"], "cairns", {"km": 1700, "kind": "city"})
        await store.put_item(["notes"], "n1", {"text": "tyres"})
        await store.put_item(["trips", "west"], "perth", {"km": 3950, "kind": "city"})
        got = await store.get_item(["trips", "west"], "perth")
        west = await store.search_items(["trips", "west"])
        cities = await store.search_items(["trips"], filter={"kind": "city"})
        far = await store.search_items(["trips"], filter={"km": {"$gt": 2000}})
        paged = await store.search_items(["trips"], limit=1, offset=1)
        everything = await store.list_namespaces()
        trips = await store.list_namespaces(prefix=["trips"])
        shallow = await store.list_namespaces(max_depth=1)
        wests = await store.list_namespaces(suffix=["west"])
        await store.delete_item(["notes"], "n1")
        deleted: Any = await store.get_item(["notes"], "n1")  # typed as never None
        await client.aclose()
    assert got is not None and deleted is None
    assert got["value"] == {"km": 3950, "kind": "city"} and got["namespace"] == ["trips", "west"]
    assert got["updated_at"] >= got["created_at"]
    assert {i["key"] for i in west["items"]} == {"perth", "broome"}
    assert {i["key"] for i in cities["items"]} == {"perth", "cairns"}
    assert {i["key"] for i in far["items"]} == {"perth", "broome"}
    assert len(paged["items"]) == 1
    assert everything["namespaces"] == [["notes"], ["trips", "east"], ["trips", "west"]]
    assert trips["namespaces"] == [["trips", "east"], ["trips", "west"]]
    assert shallow["namespaces"] == [["notes"], ["trips"]]
    assert wests["namespaces"] == [["trips", "west"]]


async def test_a_namespace_is_the_callers_own_whatever_it_is_called(serve: Serve) -> None:
    alice, bob = person("alice"), person("bob")
    async with serve() as server:
        a, b = sdk(server.url, alice), sdk(server.url, bob)
        await a.store.put_item(["memories"], "home", {"town": "Broome"})
        await a.store.put_item([str(uid(alice)), "private"], "pin", {"code": 1234})
        await b.store.put_item(["memories"], "home", {"town": "Hobart"})
        alices = await a.store.get_item(["memories"], "home")
        bobs = await b.store.get_item(["memories"], "home")
        bob_sees = await b.store.search_items(["memories"])
        bob_lists = await b.store.list_namespaces()
        # Alice's namespace named by her id: for bob, there is no such namespace.
        for call in (
            b.store.get_item([str(uid(alice)), "private"], "pin"),
            b.store.put_item([str(uid(alice)), "private"], "pin", {"code": 0}),
            b.store.delete_item([str(uid(alice)), "private"], "pin"),
            b.store.search_items([str(uid(alice))]),
        ):
            with pytest.raises(NotFoundError):
                await call
        await b.store.delete_item(["memories"], "home")  # bob's own, not alice's
        still = await a.store.get_item(["memories"], "home")
        pin = await a.store.get_item([str(uid(alice)), "private"], "pin")
        await a.aclose()
        await b.aclose()
    assert alices is not None and alices["value"] == {"town": "Broome"}
    assert bobs is not None and bobs["value"] == {"town": "Hobart"}
    assert [i["value"] for i in bob_sees["items"]] == [{"town": "Hobart"}]
    assert bob_lists["namespaces"] == [["memories"]]
    assert still is not None and still["value"] == {"town": "Broome"}
    assert pin is not None and pin["value"] == {"code": 1234}


def remembering(
    written: list[asyncio.Task[None]], seen: list[Any]
) -> Callable[[list[BaseMessage]], AIMessage]:
    """A model step that reads and writes the run's `runtime.store` (a sync step: the
    write is an async task of the node, awaited by the test)."""

    def step(messages: list[BaseMessage]) -> AIMessage:
        store = get_store()
        written.append(
            asyncio.get_running_loop().create_task(
                store.aput(("notes",), "from-the-graph", {"text": "check the tyres"})
            )
        )
        seen.append(store)
        return AIMessage("Noted.")

    return step


async def test_the_graphs_nodes_use_the_same_store_as_the_runs_user(serve: Serve) -> None:
    written: list[asyncio.Task[None]] = []
    seen: list[Any] = []
    model = StreamingScriptedModel(script=[route("general"), remembering(written, seen)])
    alice, bob = person("alice"), person("bob")
    async with serve(model) as server:
        a, b = sdk(server.url, alice), sdk(server.url, bob)
        tid = (await a.threads.create())["thread_id"]
        await a.runs.wait(tid, "pam", input=say("remember to check the tyres"))
        await asyncio.gather(*written)
        alices = await a.store.get_item(["notes"], "from-the-graph")
        bobs = await b.store.get_item(["notes"], "from-the-graph")
        await a.aclose()
        await b.aclose()
    assert seen and alices is not None and alices["value"] == {"text": "check the tyres"}
    assert bobs is None


async def test_expired_items_are_gone(serve: Serve) -> None:
    alice = person("alice")
    async with serve() as server:
        client = sdk(server.url, alice)
        await client.store.put_item(["cache"], "short", {"v": 1}, ttl=1)
        await client.store.put_item(["cache"], "long", {"v": 2}, ttl=60)
        async with user_db(server.app.state.resources.pool, uid(alice)) as db:  # a minute on
            await db.conn.execute(
                "UPDATE store_items SET expires_at = expires_at - interval '1 minute'"
            )
        found = await client.store.search_items(["cache"])
        short = await client.store.get_item(["cache"], "short")
        await client.aclose()
    assert [i["key"] for i in found["items"]] == ["long"] and short is None


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("PUT", "/store/items", {"namespace": [], "key": "k", "value": {}}, "namespace"),
        ("PUT", "/store/items", {"namespace": ["a.b"], "key": "k", "value": {}}, "namespace"),
        ("PUT", "/store/items", {"namespace": ["a"], "key": "", "value": {}}, "key"),
        ("PUT", "/store/items", {"namespace": ["a"], "key": "k", "value": 3}, "value"),
        ("PUT", "/store/items", {"namespace": ["a"], "key": "k", "value": {}, "ttl": -1}, "ttl"),
        ("POST", "/store/items/search", {"filter": {"x": {"$regex": "."}}}, "filter.x"),
        ("POST", "/store/namespaces", {"max_depth": 0}, "max_depth"),
    ],
)
async def test_bad_store_requests_are_422_naming_the_field(
    serve: Serve, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        answer = await c.request(method, path, json=body)
        listed = await c.post("/store/namespaces", json={})
    assert answer.status_code == 422 and field in answer.text
    assert listed.json() == {"namespaces": []}  # nothing half-written


async def test_another_users_id_as_a_namespace_is_not_found_without_a_token_it_is_401(
    serve: Serve,
) -> None:
    someone = str(uuid.uuid4())
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as anonymous:
        no_token = await anonymous.get("/store/items", params={"namespace": "a", "key": "k"})
        async with httpx.AsyncClient(base_url=server.url, headers=auth(person("x"))) as c:
            theirs = await c.get("/store/items", params={"namespace": someone, "key": "k"})
    assert no_token.status_code == 401
    assert theirs.status_code == 404 and "namespace" in theirs.text


async def test_the_worker_frees_expired_items(serve: Serve) -> None:
    alice = person("alice")
    async with serve(pam_worker=True, pam_jobs_poll_s=0.2) as server:
        client = sdk(server.url, alice)
        await client.store.put_item(["cache"], "short", {"v": 1}, ttl=1)
        await client.store.put_item(["cache"], "kept", {"v": 2})
        pool = server.app.state.resources.pool
        async with user_db(pool, uid(alice)) as db:
            await db.conn.execute(
                "UPDATE store_items SET expires_at = now() - interval '1 second'"
                " WHERE key = 'short'"
            )

        async def rows_left() -> list[str]:
            async with user_db(pool, uid(alice)) as db:
                found = await (await db.conn.execute("SELECT key FROM store_items")).fetchall()
            return [r["key"] for r in found]

        async def freed() -> bool:
            return await rows_left() == ["kept"]

        await eventually(freed)
        left = await client.store.search_items(["cache"])
        await client.aclose()
    assert [i["key"] for i in left["items"]] == ["kept"]
