"""langgraph-sdk's thread-centric streaming session (`client.threads.stream(...)`, the
`langchain_protocol` commands and events), side by side: a chat turn read through the
typed `messages` projection, a second turn on the same thread read from the raw event
subscription, a turn that stops at PAM's approval interrupt and its answer by
`run.respond`, and commands the protocol refuses. What each side sent is compared as
what a client reads from it (differences.py, "thread stream values" and "thread stream
messages" for what is left out)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import orjson
import pytest
import websockets

from tests.conformance.script import same_on_both, say
from tests.conformance.sides import ASSISTANT, Caller, Side

EXPENSE = "spent $12.50 on coffee"
CHANNELS_READ = {"lifecycle", "input.requested", "values", "messages", "tools"}
ROW = "`threads.stream` (v3 thread-centric streaming: commands, SSE events)"
TURN_S = 60


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") for b in content or [] if b.get("type") == "text")


def _message(message: dict[str, Any]) -> list[Any]:
    calls = [c["name"] for c in message.get("tool_calls") or []]
    calls += [
        b["name"]
        for b in message.get("content") or []
        if isinstance(b, dict) and b.get("type") == "tool_call"
    ]
    return [message["type"], _text(message.get("content")), sorted(set(calls))]


def _values(values: dict[str, Any]) -> dict[str, Any]:
    """A state as a client reads it: its messages (type, text, tool calls) and reply."""
    return {
        "messages": [_message(m) for m in values.get("messages", [])],
        "reply": values.get("reply"),
    }


def _tool_event(depth: int, data: dict[str, Any]) -> list[Any]:
    """A `tools` event as a client reads it: the call's name and input when it starts,
    the text of its message when it finishes, the message of its error."""
    found = [depth, data["event"], data["tool_call_id"]]
    if data["event"] == "tool-started":
        return [*found, data["tool_name"], data.get("input")]
    if data["event"] == "tool-finished":
        return [*found, data["output"]["type"], data["output"]["content"]]
    return [*found, data.get("message")]


def _summary(events: list[dict[str, Any]]) -> dict[str, Any]:
    """A turn's events as a client reads them: lifecycle in order (depth, graph, phase),
    interrupts asked (depth, payload), each message (depth, role, text, tool calls from
    its blocks), each tool call's events, and the last root values."""
    lifecycle: list[Any] = []
    asked: list[Any] = []
    messages: list[dict[str, Any]] = []
    tools: list[Any] = []
    values: dict[str, Any] = {}
    for event in events:
        params, method = event["params"], event["method"]
        depth, data = len(params["namespace"]), params["data"]
        if method == "lifecycle":
            lifecycle.append([depth, data["graph_name"], data["event"]])
        elif method == "input.requested":
            asked.append([depth, data["payload"]])
        elif method == "tools":
            tools.append(_tool_event(depth, data))
        elif method == "values" and depth == 0:
            values = _values(data)
        elif method == "messages" and data["event"] == "message-start":
            role = [data["role"], data.get("tool_call_id")]
            messages.append({"depth": depth, "role": role, "text": "", "calls": []})
        elif method == "messages" and data["event"] == "content-block-delta":
            # (a tool's message, mirrored beside its call, has its text whole in `content`)
            delta = data.get("delta") or data["content"]
            messages[-1]["text"] += delta.get("text", "")
        elif (
            method == "messages"
            and data["event"] == "content-block-finish"
            and data["content"]["type"] == "tool_call"
        ):
            messages[-1]["calls"].append([data["content"]["name"], data["content"]["args"]])
    return {
        "lifecycle": lifecycle,
        "asked": asked,
        "messages": messages,
        "tools": tools,
        "values": values,
    }


async def _turn_events(thread: Any, turn: int) -> list[dict[str, Any]]:
    """The raw events of the session's `turn`-th run (from 0), from its root `running` to
    its root `completed`, `failed` or `interrupted`, read from a stream of all channels of
    the session's own (`thread.events`: it replays the thread from its start and goes on)."""
    events: list[dict[str, Any]] = []
    runs = -1
    async with asyncio.timeout(TURN_S):
        async for event in thread.events:
            if "method" not in event:  # a WebSocket's answer to its own subscribe
                continue
            params = event["params"]
            root = event["method"] == "lifecycle" and not params["namespace"]
            phase = params["data"].get("event") if root else None
            runs += phase == "running"
            if runs == turn and event["method"] in CHANNELS_READ:
                events.append(dict(event))
            if runs == turn and phase in ("completed", "failed", "interrupted"):
                return events
    return events


async def _snapshots(thread: Any) -> list[dict[str, Any]]:
    """`thread.values` to the run's end: the state when it subscribes, then each one."""
    found = []
    async with asyncio.timeout(TURN_S):
        async for snapshot in thread.values:
            found.append(snapshot)
    return found


async def _subgraph_tool_calls(thread: Any) -> list[Any]:
    """The SDK's typed projections of a turn: `thread.subgraphs` (each subgraph the run
    entered, to its end) and each subgraph's `tool_calls` (name, input, and the output
    once the call has ended)."""
    calls: list[tuple[str, Any]] = []

    async def follow(sub: Any) -> None:
        async for call in sub.tool_calls:
            calls.append((sub.graph_name, call))

    async with asyncio.timeout(TURN_S):
        followers = [asyncio.create_task(follow(sub)) async for sub in thread.subgraphs]
        await asyncio.gather(*followers)
        return [
            [graph, call.name, call.input, (await call.output)["content"]] for graph, call in calls
        ]


async def _interrupted(thread: Any) -> list[Any]:
    """Once the session's lifecycle watcher has seen the interrupt: what it holds."""
    async with asyncio.timeout(TURN_S):
        while not thread.interrupted:  # noqa: ASYNC110 (the SDK's attribute, no event)
            await asyncio.sleep(0.05)
    return [[len(i["namespace"]), i["value"]] for i in thread.interrupts]


async def _socket_closed(url: str, headers: dict[str, str]) -> tuple[int, str]:
    async with websockets.connect(url, additional_headers=headers) as ws:
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def _ask(ws: Any, command: dict[str, Any]) -> dict[str, Any]:
    await ws.send(orjson.dumps(command).decode())
    answer: dict[str, Any] = orjson.loads(await ws.recv())
    return answer


async def _command(caller: Caller, thread_id: str, body: Any) -> list[Any]:
    response = await caller.sdk.http.client.post(f"/threads/{thread_id}/commands", json=body)
    answer = response.json()
    return [response.status_code, answer.get("type"), answer.get("id"), answer.get("error")]


def _one_rotation_at_a_time(thread: Any) -> None:
    """langgraph-sdk (0.4.14) widens the session's shared SSE by opening a new stream and
    closing the old one once the new one's headers arrive, with no lock: when two
    projections widen it at once, the later one can close the earlier one's new stream
    before its headers came, and that stream's `ready` never resolves, so the first
    projection waits forever (on either server). Projections opened together here widen
    it one after another, as one at a time would."""
    lock = asyncio.Lock()
    widen = thread._reconcile_stream

    async def one_at_a_time(params: Any) -> None:
        async with lock:
            await widen(params)

    thread._reconcile_stream = one_at_a_time


def _session_headers(caller: Caller) -> dict[str, str]:
    """The SDK opens its WebSockets with the session's own headers only (not the
    client's), so a client of PAM gives it its token there too."""
    token = caller.sdk.http.client.headers.get("authorization")
    return {"Authorization": token} if token else {}


@pytest.mark.row(ROW)
@pytest.mark.parametrize("transport", ["sse", "websocket"])
async def test_thread_stream_session(sides: tuple[Side, Side], transport: str) -> None:
    async def script(caller: Caller) -> Any:
        # `langgraph dev` learns the user from the run's configurable, PAM from the token.
        config = {"configurable": caller.context} if caller.context else None
        found: dict[str, Any] = {}
        session = caller.sdk.threads.stream(
            assistant_id=ASSISTANT,
            transport=transport,  # type: ignore[arg-type]
            headers=_session_headers(caller),
        )
        async with session as thread:
            _one_rotation_at_a_time(thread)
            # A chat turn, read as a client renders it: each message's text as it streams.
            started = await thread.run.start(input=say("hello"), config=config)
            found["run_id"] = bool(started.get("run_id"))
            # (The projection feeds each message as it iterates: its text is whole once
            # the iteration has ended with the run.)
            streams = []
            async with asyncio.timeout(TURN_S):
                async for message in thread.messages:
                    streams.append(message)
            texts = [await message.text for message in streams]
            found["hello"] = {"texts": texts, "output": _values(await thread.output)}
            # A second turn on the same thread (the shared stream goes on), raw events.
            # The `values` projection too: the session's shared stream (until now for
            # `messages`) is reopened with its `since` cursor, and must go on from there.
            await thread.run.start(input=say(EXPENSE), config=config)
            snapshots, events, calls = await asyncio.gather(
                _snapshots(thread), _turn_events(thread, 1), _subgraph_tool_calls(thread)
            )
            found["expense"] = _summary(events)
            found["expense tool calls"] = calls
            found["expense values"] = _values(snapshots[-1])
            # A turn that asks for approval, then the answer.
            await thread.run.start(input=say("delete that expense"), config=config)
            found["delete"] = _summary(await _turn_events(thread, 2))
            found["interrupts"] = await _interrupted(thread)
            found["respond"] = await thread.run.respond({"decisions": [{"type": "approve"}]})
            resumed = _summary(await _turn_events(thread, 3))
            # Who the resumed run is under `langgraph dev` is not its thread's user (the
            # SDK's respond carries no config), so only how it ended and the approved
            # call's run are compared.
            found["resumed"] = resumed["lifecycle"]
            found["resumed tools"] = [t[:4] for t in resumed["tools"]]
            state = await caller.sdk.threads.get_state(thread.thread_id)
            found["after"] = {"next": state["next"], "interrupts": len(state["interrupts"])}
            # Commands the protocol refuses, and the same interrupt answered twice.
            tid = thread.thread_id
            found["refused"] = {
                "unknown method": await _command(caller, tid, {"id": 7, "method": "run.bogus"}),
                "no assistant": await _command(
                    caller, tid, {"id": 8, "method": "run.start", "params": {}}
                ),
                "no id": await _command(caller, tid, {"method": "run.start", "params": {}}),
                "not an object": await _command(caller, tid, [1]),
                "stale interrupt": await _command(
                    caller,
                    tid,
                    {
                        "id": 9,
                        "method": "input.respond",
                        "params": {"interrupt_id": "nope", "response": {}},
                    },
                ),
            }
            bad = await caller.sdk.http.client.post(
                f"/threads/{tid}/stream/events", json={"channels": ["nope"]}
            )
            found["refused"]["bad channel"] = bad.status_code
        return found

    found = await same_on_both(sides, script)
    assert found["run_id"] and found["hello"]["texts"][0].startswith("G'day")
    assert found["expense values"]["reply"].startswith("Logged $12.50 for food")
    # The tool call, on the `tools` channel (started, finished) and through the SDK's
    # projections; none for a call still waiting for approval.
    assert [t[1] for t in found["expense"]["tools"]] == ["tool-started", "tool-finished"]
    assert [c[:2] for c in found["expense tool calls"]] == [["wins", "add_expense"]]
    assert "Logged $12.50" in found["expense tool calls"][0][3]
    assert found["delete"]["tools"] == []
    assert [t[1] for t in found["resumed tools"]] == ["tool-started", "tool-finished"]
    assert [p for d, _, p in found["delete"]["lifecycle"] if d == 0] == ["running", "interrupted"]
    assert found["interrupts"][0][0] == 1 and found["after"] == {"next": [], "interrupts": 0}
    assert found["refused"]["unknown method"][3] == "unknown_command"


@pytest.mark.row(ROW)
async def test_thread_stream_of_another_users_thread(pam: Side) -> None:
    """PAM only (`langgraph dev` has no users): another user's thread is not found, as on
    every other route; `run.start` on its id makes the caller a thread of their own."""
    async with pam.client() as owner, pam.client() as other:
        async with owner.sdk.threads.stream(assistant_id=ASSISTANT) as thread:
            await thread.run.start(input=say("hello"))
            await _turn_events(thread, 0)
            tid = thread.thread_id
        http = other.sdk.http.client
        events = await http.post(f"/threads/{tid}/stream/events", json={"channels": ["values"]})
        respond = await http.post(
            f"/threads/{tid}/commands",
            json={
                "id": 1,
                "method": "input.respond",
                "params": {"interrupt_id": "x", "response": 1},
            },
        )
        assert [events.status_code, respond.status_code] == [404, 404]
        assert events.json() == respond.json() == (await http.get(f"/threads/{tid}")).json()
        # Over the WebSocket: the same refusals, as close codes 4000 + the HTTP status.
        ws_url = pam.url.replace("http", "ws", 1) + f"/threads/{tid}/stream/events"
        assert await _socket_closed(ws_url, _session_headers(other)) == (4404, "Thread not found.")
        assert (await _socket_closed(ws_url, {}))[0] == 4401
        async with websockets.connect(ws_url, additional_headers=_session_headers(owner)) as ws:
            answers = [
                await _ask(
                    ws,
                    {"id": 1, "method": "subscription.subscribe", "params": {"channels": ["nope"]}},
                ),
                await _ask(
                    ws,
                    {
                        "id": 2,
                        "method": "subscription.unsubscribe",
                        "params": {"subscription_id": "x"},
                    },
                ),
                await _ask(
                    ws,
                    {
                        "id": 3,
                        "method": "subscription.subscribe",
                        "params": {"channels": ["values"]},
                    },
                ),
            ]
            replayed = orjson.loads(await ws.recv())  # the thread's first run, from its start
        assert [a.get("error") for a in answers] == [
            "invalid_argument",
            "no_such_subscription",
            None,
        ]
        assert answers[2]["result"]["subscription_id"] and replayed["method"] == "values"
        async with other.sdk.threads.stream(tid, assistant_id=ASSISTANT) as theirs:
            await theirs.run.start(input=say("hello"))
            await _turn_events(theirs, 0)
            values = await theirs.output
        assert [m["content"] for m in values["messages"] if m["type"] == "human"] == ["hello"]
    async with httpx.AsyncClient(base_url=pam.url) as anonymous:
        refused = await anonymous.post(
            f"/threads/{uuid.uuid4()}/commands", json={"id": 1, "method": "run.start"}
        )
    assert refused.status_code == 401


async def _socket_turn(ws: Any, run_start: dict[str, Any]) -> dict[str, Any]:
    """Send `run.start` on the socket and read to the root's end: the command's answer."""
    await ws.send(orjson.dumps(run_start).decode())
    answer: dict[str, Any] = {}
    async with asyncio.timeout(TURN_S):
        while True:
            message = orjson.loads(await ws.recv())
            if message.get("type") != "event":
                answer = message
            elif root_end(message) and answer:
                return answer


def root_end(event: dict[str, Any]) -> bool:
    params = event["params"]
    return (
        event["method"] == "lifecycle"
        and not params["namespace"]
        and params["data"]["event"] in ("completed", "failed", "interrupted")
    )


async def _answer(ws: Any, command: dict[str, Any]) -> dict[str, Any]:
    """A command's answer on the socket (events sent meanwhile set aside) as compared: a
    refusal's code (not its message or the `meta` only `langgraph dev` adds to one), a
    success's result with whether it names a subscription (PAM's ids are not UUIDs) and
    not its replay count (differences.py, "thread stream socket")."""
    await ws.send(orjson.dumps(command).decode())
    async with asyncio.timeout(TURN_S):
        while True:
            message: dict[str, Any] = orjson.loads(await ws.recv())
            if message.get("type") != "event":
                if message["type"] == "error":
                    return {k: v for k, v in message.items() if k not in ("meta", "message")}
                result = {
                    k: bool(v) if k == "subscription_id" else v
                    for k, v in (message.get("result") or {}).items()
                    if k != "replayed_events"
                }
                return {**message, "result": result, "meta": None}


@pytest.mark.row(ROW)
async def test_thread_stream_socket_commands(sides: tuple[Side, Side]) -> None:
    """The commands `langgraph dev` answers on the thread's WebSocket beside run.start and
    the subscriptions: `agent.getTree` (the tree of the thread's latest run: none before
    one; after the expense turn the root and its `wins` subgraph, each `completed`) and
    `subscription.reconnect` (a subscription from `since`, which it requires)."""

    async def script(caller: Caller) -> Any:
        config = {"configurable": caller.context} if caller.context else None
        tid = (await caller.sdk.threads.create())["thread_id"]
        url = caller.side.url.replace("http", "ws", 1) + f"/threads/{tid}/stream/events"
        found: dict[str, Any] = {}
        async with websockets.connect(url, additional_headers=_session_headers(caller)) as ws:
            found["tree before"] = await _answer(
                ws, {"id": 1, "method": "agent.getTree", "params": {}}
            )
            found["subscribe"] = await _answer(
                ws,
                {
                    "id": 2,
                    "method": "subscription.subscribe",
                    "params": {"channels": ["lifecycle"]},
                },
            )
            params: dict[str, Any] = {"assistant_id": ASSISTANT, "input": say(EXPENSE)}
            if config:
                params["config"] = config
            started = await _socket_turn(ws, {"id": 3, "method": "run.start", "params": params})
            found["started"] = started["type"]
            found["tree"] = await _answer(ws, {"id": 4, "method": "agent.getTree", "params": {}})
            found["reconnect"] = await _answer(
                ws,
                {
                    "id": 5,
                    "method": "subscription.reconnect",
                    "params": {"channels": ["values"], "since": 0},
                },
            )
            found["reconnect without since"] = await _answer(
                ws,
                {"id": 6, "method": "subscription.reconnect", "params": {"channels": ["values"]}},
            )
            found["reconnect bad channel"] = await _answer(
                ws,
                {
                    "id": 7,
                    "method": "subscription.reconnect",
                    "params": {"channels": ["nope"], "since": 0},
                },
            )
        return found

    found = await same_on_both(sides, script)
    assert found["tree before"]["error"] == "no_such_run"
    tree = found["tree"]["result"]["tree"]
    assert [tree["status"], [c["graph_name"] for c in tree["children"]]] == ["completed", ["wins"]]
    assert found["reconnect without since"]["error"] == "invalid_argument"
