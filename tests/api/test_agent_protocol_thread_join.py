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
