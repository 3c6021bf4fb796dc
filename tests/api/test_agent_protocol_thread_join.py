"""`GET /threads/{id}/stream` (threads.join_stream): a client that has joined a thread sees
every run started on it afterwards, even one that starts and ends before the stream looks
for runs again."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from server.agent_protocol import thread_stream
from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import general, person, say, sdk


async def test_a_run_that_starts_and_ends_between_two_looks_is_not_missed(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Looks a second apart: the whole run fits between two of them.
    monkeypatch.setattr(thread_stream, "POLL_S", 1.0)
    model = StreamingScriptedModel(script=general("Quick."))
    async with serve(model) as server:
        alice = person("alice")
        client = sdk(server.url, alice)
        tid = (await client.threads.create())["thread_id"]
        headers = auth(alice)
        async with (
            httpx.AsyncClient(base_url=server.url, headers=headers, timeout=10) as http,
            http.stream("GET", f"/threads/{tid}/stream") as joined,
        ):
            assert joined.status_code == 200  # joined: the run below starts after this
            await asyncio.sleep(0.1)  # the stream has looked once and found nothing
            done = await client.runs.wait(tid, "pam", input=say("hello"))
            assert isinstance(done, dict) and done["reply"] == "Quick."
            events: list[tuple[str, dict[str, object]]] = []
            event = ""

            async def read() -> None:
                nonlocal event
                async for line in joined.aiter_lines():
                    if line.startswith("event: "):
                        event = line.removeprefix("event: ")
                    elif line.startswith("data: "):
                        data = json.loads(line.removeprefix("data: "))
                        events.append((event, data))
                        if event == "metadata" and data.get("status") == "run_done":
                            return

            await asyncio.wait_for(read(), 5)
        await client.aclose()
    assert events[0][0] == "metadata"
    assert events[-1] == ("metadata", {"status": "run_done", "run_id": events[0][1]["run_id"]})


async def test_state_update_streams_each_update_and_no_run_events(serve: Serve) -> None:
    """`state_update`: an event per update_state on the thread, with the new state; a run
    on the thread sends nothing (its events are `run_modes`')."""
    model = StreamingScriptedModel(script=general("Hi.") + general("Again."))
    async with serve(model) as server:
        client = sdk(server.url, person("alice"))
        tid = (await client.threads.create())["thread_id"]
        await client.runs.wait(tid, "pam", input=say("hello"))
        events: list[tuple[str, object]] = []

        async def listen() -> None:
            stream = await client.threads.join_stream(tid, stream_mode="state_update")
            async for part in stream:
                events.append((part.event, part.data))
                if len(events) == 2:
                    return

        listener = asyncio.create_task(listen())
        await asyncio.sleep(0.3)  # joined
        await client.runs.wait(tid, "pam", input=say("again"))  # no event of its own
        await client.threads.update_state(tid, {"reply": "Edited."})
        await client.threads.update_state(tid, {"reply": "Edited twice."})
        await asyncio.wait_for(listener, 5)
        await client.aclose()
    assert [e for e, _ in events] == ["state_update", "state_update"]
    first: object = events[0][1]
    assert isinstance(first, dict) and first["thread_id"] == tid
    assert first["state"]["values"]["reply"] == "Edited."
    second: object = events[1][1]
    assert isinstance(second, dict) and second["state"]["values"]["reply"] == "Edited twice."
