"""Redteam 9: `POST /threads/{id}/state` appended to a thread's messages without bound.
A run's last step trims the checkpointed window to four turns, but a state update is no
run: each one added its (up to 64 KiB) values to the state, and every checkpoint stores
the whole messages list again, so storage grew with the square of the writes — 40
updates of 60 KB in 3 s stored 49 MB of checkpoint blobs. Now an update that would make
the thread's state larger than MAX_STATE_BYTES is a 422 and writes nothing. Real server
(the offline model), real HTTP."""

from __future__ import annotations

import httpx
import pytest

from server.agent_protocol.state import MAX_STATE_BYTES
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening

CHUNK = 60_000


def big(i: int) -> dict[str, object]:
    return {"messages": [{"type": "human", "content": f"{i}" + "x" * CHUNK}]}


async def test_state_updates_cannot_grow_a_thread_without_bound(serve: Serve) -> None:
    mallory = person("mallory")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=60) as c,
    ):
        tid = (await c.post("/threads", json={})).json()["thread_id"]
        ran = await c.post(
            f"/threads/{tid}/runs/wait", json={"assistant_id": "pam", "input": say("hi")}
        )
        assert ran.status_code == 200, ran.text
        checkpoints = len((await c.post(f"/threads/{tid}/history", json={"limit": 1000})).json())
        answers = [
            await c.post(f"/threads/{tid}/state", json={"values": big(i)})
            for i in range(MAX_STATE_BYTES // CHUNK + 2)
        ]
        state = await c.get(f"/threads/{tid}/state")
        history = (await c.post(f"/threads/{tid}/history", json={"limit": 1000})).json()
        small = await c.post(
            f"/threads/{tid}/state",
            json={"values": {"messages": [{"type": "human", "content": "ok"}]}},
        )
    codes = [a.status_code for a in answers]
    first_refused = codes.index(422)
    assert codes[:first_refused] == [200] * first_refused and first_refused >= 1, codes
    assert set(codes[first_refused:]) == {422}, codes
    assert "state" in answers[first_refused].json()["detail"], answers[first_refused].text
    assert len(state.content) <= MAX_STATE_BYTES + 4096  # the values, plus the envelope
    # one checkpoint per accepted update, none for the refused ones
    contents = [m["content"] for m in state.json()["values"]["messages"]]
    assert sum(c.startswith(f"{first_refused}x") for c in contents) == 0
    assert len(history) == checkpoints + first_refused  # none written by a refused one
    assert small.status_code == 200, small.text  # what still fits is taken
