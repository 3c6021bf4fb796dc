"""The v3 thread stream's commands and events on PAM alone (what `langgraph dev` cannot
be made to show side by side: a run held mid-turn, a cancel, a reconnect's `since`)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import orjson
import pytest
import websockets
from langchain_core.messages import AIMessage

from server.agent_protocol.run_start import BUSY
from tests.api.conftest import Gate, Serve, StreamingScriptedModel, auth, read_sse
from tests.api.test_agent_protocol_support import eventually, person, say
from tests.fakes import route

Event = dict[str, Any]
READ_S = 30


async def command(client: httpx.AsyncClient, tid: str, method: str, **params: Any) -> Event:
    response = await client.post(
        f"/threads/{tid}/commands", json={"id": 1, "method": method, "params": params}
    )
    assert response.status_code == 200, response.text
    answer: Event = response.json()
    return answer


def root_end(event: Event) -> bool:
    data = event["params"]["data"]
    return (
        event["method"] == "lifecycle"
        and not event["params"]["namespace"]
        and data["event"] in ("completed", "failed", "interrupted")
    )


async def events_until(
    client: httpx.AsyncClient, tid: str, body: Event, stop: Callable[[list[Event]], bool]
) -> list[Event]:
    """The thread's events (SSE) until `stop` says so."""
    found: list[Event] = []
    async with asyncio.timeout(READ_S):
        async with client.stream("POST", f"/threads/{tid}/stream/events", json=body) as response:
            assert response.status_code == 200
            async for name, data in read_sse(response):
                if isinstance(data, dict):
                    assert name == data["method"]
                    found.append(data)
                    if stop(found):
                        return found
    raise AssertionError(f"the stream ended early: {found}")


def ends(count: int) -> Callable[[list[Event]], bool]:
    return lambda events: sum(map(root_end, events)) == count


async def test_reject_refuses_and_enqueue_runs_after(serve: Serve) -> None:
    gate = Gate()
    script = [gate, route("general"), AIMessage("First."), route("general"), AIMessage("Second.")]
    async with (
        serve(StreamingScriptedModel(script=script)) as server,
        httpx.AsyncClient(
            base_url=server.url, headers=auth(person("al")), timeout=READ_S
        ) as client,
    ):
        tid = str(uuid.uuid4())
        first = await command(client, tid, "run.start", assistant_id="pam", input=say("a"))
        await gate.reached.wait()
        refused = await command(
            client,
            tid,
            "run.start",
            assistant_id="pam",
            input=say("b"),
            multitask_strategy="reject",
        )
        queued = await command(client, tid, "run.start", assistant_id="pam", input=say("b"))
        gate.open()
        events = await events_until(client, tid, {"channels": ["lifecycle", "values"]}, ends(2))
    assert first["type"] == queued["type"] == "success"
    assert refused == {"type": "error", "id": 1, "error": "invalid_argument", "message": BUSY}
    root = [
        e["params"]["data"]["event"]
        for e in events
        if e["method"] == "lifecycle" and not e["params"]["namespace"]
    ]
    assert root == ["running", "completed", "running", "completed"]
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    last = [e for e in events if e["method"] == "values" and not e["params"]["namespace"]][-1]
    assert last["params"]["data"]["reply"] == "Second."


async def test_since_sends_only_what_came_after(serve: Serve) -> None:
    script = [route("general"), AIMessage("One."), route("general"), AIMessage("Two.")]
    async with (
        serve(StreamingScriptedModel(script=script)) as server,
        httpx.AsyncClient(
            base_url=server.url, headers=auth(person("al")), timeout=READ_S
        ) as client,
    ):
        tid = str(uuid.uuid4())
        await command(client, tid, "run.start", assistant_id="pam", input=say("a"))
        first = await events_until(client, tid, {"channels": ["lifecycle"]}, ends(1))
        await command(client, tid, "run.start", assistant_id="pam", input=say("b"))
        cursor = first[-1]["seq"]
        rest = await events_until(
            client, tid, {"channels": ["lifecycle", "messages"], "since": cursor}, ends(1)
        )
    assert all(e["seq"] > cursor for e in rest)
    assert rest[0]["params"]["data"]["event"] == "running"  # the second run, from its start
    text = "".join(
        e["params"]["data"]["delta"]["text"]
        for e in rest
        if e["method"] == "messages" and e["params"]["data"]["event"] == "content-block-delta"
    )
    assert text == "Two."


async def test_a_cancelled_run_ends_failed(serve: Serve) -> None:
    gate = Gate()
    model = StreamingScriptedModel(script=[gate, route("general"), AIMessage("Never.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(
            base_url=server.url, headers=auth(person("al")), timeout=READ_S
        ) as client,
    ):
        tid = str(uuid.uuid4())
        started = await command(client, tid, "run.start", assistant_id="pam", input=say("a"))
        await gate.reached.wait()
        run_id = started["result"]["run_id"]
        cancelled = await client.post(f"/threads/{tid}/runs/{run_id}/cancel")
        events = await events_until(client, tid, {"channels": ["lifecycle"]}, ends(1))
        gate.open()
    assert cancelled.status_code in (200, 202, 204)
    assert events[-1]["params"]["data"] == {
        "event": "failed",
        "graph_name": "pam",
        "error": "The run was cancelled.",
    }


async def test_refusals_in_the_protocols_shape(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hi.")])
    async with (
        serve(model) as server,
        httpx.AsyncClient(
            base_url=server.url, headers=auth(person("al")), timeout=READ_S
        ) as client,
    ):
        tid = str(uuid.uuid4())
        nobody = await command(client, tid, "run.start", assistant_id="nope", input=say("a"))
        await command(client, tid, "run.start", assistant_id="pam", input=say("a"))
        await events_until(client, tid, {"channels": ["lifecycle"]}, ends(1))
        nothing_waits = await command(
            client, tid, "input.respond", interrupt_id="i1", response={"decisions": []}
        )
        over_http = await command(client, tid, "subscription.subscribe", channels=["values"])
        not_json = await client.post(f"/threads/{tid}/commands", content=b"{nope")
        stream = await client.post(f"/threads/{tid}/stream/events", json={"channels": "values"})
    assert nobody["error"] == "invalid_argument" and nobody["message"]
    assert nothing_waits["error"] == "no_such_interrupt" and "i1" in nothing_waits["message"]
    assert over_http["error"] == "not_supported" and "stream/events" in over_http["message"]
    assert not_json.status_code == 400 and not_json.json()["error"] == "invalid_argument"
    assert stream.status_code == 400 and "channels" in stream.json()["detail"]


async def test_a_fork_from_a_checkpoint(serve: Serve) -> None:
    """The protocol's fork: run.start with config.configurable.checkpoint_id."""
    script = [route("general"), AIMessage("One."), route("general"), AIMessage("Two.")]
    script += [route("general"), AIMessage("Forked.")]
    model = StreamingScriptedModel(script=script)
    async with (
        serve(model) as server,
        httpx.AsyncClient(
            base_url=server.url, headers=auth(person("al")), timeout=READ_S
        ) as client,
    ):
        tid = str(uuid.uuid4())
        await command(client, tid, "run.start", assistant_id="pam", input=say("a"))
        await events_until(client, tid, {"channels": ["lifecycle"]}, ends(1))
        after_one = (await client.get(f"/threads/{tid}/state")).json()["checkpoint"]
        await command(client, tid, "run.start", assistant_id="pam", input=say("b"))
        await events_until(client, tid, {"channels": ["lifecycle"]}, ends(2))
        fork = {"configurable": {"checkpoint_id": after_one["checkpoint_id"]}}
        forked = await command(
            client, tid, "run.start", assistant_id="pam", input=say("c"), config=fork
        )
        events = await events_until(client, tid, {"channels": ["lifecycle", "values"]}, ends(3))
        unknown = {"configurable": {"checkpoint_id": str(uuid.uuid4())}}
        nowhere = await command(
            client, tid, "run.start", assistant_id="pam", input=say("d"), config=unknown
        )
    assert forked["type"] == "success"
    last = [e for e in events if e["method"] == "values" and not e["params"]["namespace"]][-1]
    humans = [m["content"] for m in last["params"]["data"]["messages"] if m["type"] == "human"]
    assert humans == ["a", "c"] and last["params"]["data"]["reply"] == "Forked."
    assert nowhere["error"] == "no_such_checkpoint"


async def test_thread_stream_sockets_per_user_are_bounded(serve: Serve) -> None:
    user = person("al")
    async with (
        serve(StreamingScriptedModel(script=[]), ws_max_per_user=1) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=READ_S) as client,
    ):
        tid = (await client.post("/threads", json={})).json()["thread_id"]
        url = f"{server.ws_url}/threads/{tid}/stream/events"
        async with websockets.connect(url, additional_headers=auth(user)) as first:
            await first.send(
                orjson.dumps(
                    {
                        "id": 1,
                        "method": "subscription.subscribe",
                        "params": {"channels": ["values"]},
                    }
                ).decode()
            )
            answer = orjson.loads(await first.recv())
            async with websockets.connect(url, additional_headers=auth(user)) as second:
                with pytest.raises(websockets.ConnectionClosed) as refused:
                    await second.recv()

        async def all_closed() -> bool:  # the server has let go of both
            return not server.app.state.protocol_sockets

        await eventually(all_closed)
        async with websockets.connect(url, additional_headers=auth(user)) as again:
            await again.send(orjson.dumps({"id": 2, "method": "run.bogus"}).decode())
            bogus = orjson.loads(await again.recv())
    assert answer["type"] == "success"
    assert refused.value.rcvd is not None and refused.value.rcvd.code == 4429
    assert bogus["error"] == "unknown_command" and bogus["id"] == 2


async def ask(ws: Any, method: str, command_id: int, **params: Any) -> Event:
    """A command's answer on the socket; the events sent meanwhile are set aside."""
    await ws.send(orjson.dumps({"id": command_id, "method": method, "params": params}).decode())
    async with asyncio.timeout(READ_S):
        while True:
            message: Event = orjson.loads(await ws.recv())
            if message.get("type") != "event":
                return message


async def socket_events(ws: Any, stop: Callable[[list[Event]], bool]) -> list[Event]:
    found: list[Event] = []
    async with asyncio.timeout(READ_S):
        while not stop(found):
            message: Event = orjson.loads(await ws.recv())
            if message.get("type") == "event":
                found.append(message)
    return found


async def test_the_sockets_tree_and_reconnect(serve: Serve) -> None:
    """`agent.getTree` answers the thread's latest run as it stands (running while it
    runs, then how it ended); `subscription.reconnect` sends what came after `since`, and
    needs one; over HTTP both say where they are served."""
    gate = Gate()
    script = [gate, route("general"), AIMessage("One."), route("general"), AIMessage("Two.")]
    user = person("al")
    async with (
        serve(StreamingScriptedModel(script=script)) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(user), timeout=READ_S) as client,
    ):
        tid = (await client.post("/threads", json={})).json()["thread_id"]
        url = f"{server.ws_url}/threads/{tid}/stream/events"
        async with websockets.connect(url, additional_headers=auth(user)) as ws:
            none_yet = await ask(ws, "agent.getTree", 1)
            await ask(ws, "subscription.subscribe", 2, channels=["lifecycle"])
            await ask(ws, "run.start", 3, assistant_id="pam", input=say("a"))
            await gate.reached.wait()
            running = await ask(ws, "agent.getTree", 4)
            gate.open()
            first = await socket_events(ws, ends(1))
            done = await ask(ws, "agent.getTree", 5)
            await ask(ws, "run.start", 6, assistant_id="pam", input=say("b"))
            await socket_events(ws, ends(1))
            cursor = first[-1]["seq"]
            reconnected = await ask(
                ws,
                "subscription.reconnect",
                7,
                channels=["lifecycle"],
                since=cursor,
                subscription_id="mine",
            )
            replayed = await socket_events(ws, ends(1))
            no_since = await ask(ws, "subscription.reconnect", 8, channels=["lifecycle"])
            bad_since = await ask(ws, "subscription.reconnect", 9, channels=["x"], since=-1)
            taken = await ask(
                ws,
                "subscription.reconnect",
                10,
                channels=["lifecycle"],
                since=0,
                subscription_id="mine",
            )
        over_http = [
            await command(client, tid, "agent.getTree"),
            await command(client, tid, "subscription.reconnect", channels=["values"], since=0),
        ]
        # Another user's thread of the same id (ids are per user) has no run of al's.
        bea = person("bea")
        made = await client.post("/threads", json={"thread_id": tid}, headers=auth(bea))
        async with websockets.connect(url, additional_headers=auth(bea)) as theirs:
            their_tree = await ask(theirs, "agent.getTree", 1)
    assert none_yet["error"] == "no_such_run"
    assert made.status_code == 200 and their_tree["error"] == "no_such_run"
    assert running["result"]["tree"] == {"namespace": [], "status": "running", "graph_name": "pam"}
    assert done["result"]["tree"]["status"] == "completed"
    assert reconnected["result"]["subscription_id"] == "mine"
    assert all(e["seq"] > cursor for e in replayed)
    assert [e["params"]["data"]["event"] for e in replayed] == ["running", "completed"]
    assert [a["error"] for a in (no_since, bad_since, taken)] == ["invalid_argument"] * 3
    assert "since" in no_since["message"] and "mine" in taken["message"]
    assert [a["error"] for a in over_http] == ["not_supported", "not_supported"]
    assert "WebSocket" in over_http[0]["message"] and "since" in over_http[1]["message"]
