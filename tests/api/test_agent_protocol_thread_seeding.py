"""Agent Protocol: threads.create(supersteps=...) and threads.search(extract=...), with
langgraph-sdk against a real server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import general, person, say, sdk

GREETING = {"messages": [{"role": "user", "content": "g'day"}]}
REPLY = {"messages": [{"role": "ai", "content": "G'day to you."}]}


async def test_supersteps_write_the_new_threads_state_in_order(serve: Serve) -> None:
    async with serve() as server:
        client = sdk(server.url, person("alice"))
        seeded = await client.threads.create(
            metadata={"from": "import"},
            supersteps=[
                {"updates": [{"values": GREETING, "as_node": "__input__"}]},
                {"updates": [{"values": REPLY, "as_node": "finish"}]},
            ],
        )
        state: Any = await client.threads.get_state(seeded["thread_id"])
        history = await client.threads.get_history(seeded["thread_id"], limit=10)
        await client.aclose()
    said = [(m["type"], m["content"]) for m in state["values"]["messages"]]
    assert ("ai", "G'day to you.") in said
    assert len(history) >= 2 and (seeded["metadata"] or {})["from"] == "import"


async def test_a_refused_superstep_is_400_and_leaves_no_thread(serve: Serve) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        answer = await c.post(
            "/threads",
            json={"supersteps": [{"updates": [{"values": REPLY, "as_node": "no_such_node"}]}]},
        )
        count = await c.post("/threads/count", json={})
    # 400, as update_state answers a write the graph refuses.
    assert answer.status_code == 400 and "supersteps" in answer.text
    assert count.json() == 0


async def test_extract_reads_named_paths_of_each_thread(serve: Serve) -> None:
    async with serve(StreamingScriptedModel(script=general("Safe travels."))) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create(metadata={"trip": "Nullarbor"}))["thread_id"]
        await client.runs.wait(tid, "pam", input=say("heading west tomorrow"))
        found = await client.threads.search(
            extract={
                "trip": "metadata.trip",
                "last": "values.messages[-1].content",
                "nowhere": "values.messages[99].content",
            },
            select=["thread_id"],
        )
        await client.aclose()
    assert [set(t) for t in found] == [{"thread_id", "extracted"}]
    assert found[0]["extracted"] == {
        "trip": "Nullarbor",
        "last": "Safe travels.",
        "nowhere": None,
    }


@pytest.mark.parametrize(
    ("extract", "named"),
    [
        ({"status": "metadata.trip"}, "extract.status"),  # a thread field's name
        ({"trip": "owner.trip"}, "extract.trip"),  # not a JSON field of a thread
        ({"trip": "metadata..trip"}, "extract.trip"),
        ({f"a{i}": "metadata.x" for i in range(11)}, "extract"),
    ],
)
async def test_a_bad_extract_is_422_naming_it(
    serve: Serve, extract: dict[str, Any], named: str
) -> None:
    alice = person("alice")
    async with serve() as server, httpx.AsyncClient(base_url=server.url, headers=auth(alice)) as c:
        answer = await c.post("/threads/search", json={"extract": extract})
    assert answer.status_code == 422 and named in answer.text
