"""Redteam 9: a checkpoint id the thread does not have was taken as "no state". A run
with `checkpoint_id: "typo"` started the thread over from nothing — its next state held
only the new message, the conversation gone from the thread's state — and a state update
did the same; reading the state at an unknown checkpoint answered 200 with empty
values. Now each is a 404 naming the checkpoint, and nothing runs or is written. Real
server (the offline model), real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say

pytestmark = pytest.mark.hardening


async def _messages(c: httpx.AsyncClient, thread_id: str) -> list[Any]:
    state = (await c.get(f"/threads/{thread_id}/state")).json()
    return list(state["values"]["messages"])


async def test_an_unknown_checkpoint_id_is_a_404_and_changes_nothing(serve: Serve) -> None:
    alice, bob = person("alice"), person("bob")
    async with (
        serve() as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(alice), timeout=60) as a,
        httpx.AsyncClient(base_url=server.url, headers=auth(bob), timeout=60) as b,
    ):
        tid = (await a.post("/threads", json={})).json()["thread_id"]
        ran = await a.post(
            f"/threads/{tid}/runs/wait", json={"assistant_id": "pam", "input": say("hello")}
        )
        assert ran.status_code == 200, ran.text
        real = (await a.get(f"/threads/{tid}/state")).json()["checkpoint"]["checkpoint_id"]
        before = await _messages(a, tid)
        history = len((await a.post(f"/threads/{tid}/history", json={"limit": 100})).json())
        refused = {
            "state at": await a.get(f"/threads/{tid}/state/typo"),
            "state at (body)": await a.post(
                f"/threads/{tid}/state/checkpoint", json={"checkpoint": {"checkpoint_id": "typo"}}
            ),
            "update": await a.post(
                f"/threads/{tid}/state",
                json={"values": {"messages": []}, "checkpoint_id": "typo"},
            ),
            "run": await a.post(
                f"/threads/{tid}/runs/wait",
                json={"assistant_id": "pam", "checkpoint_id": "typo", "input": say("and fuel?")},
            ),
            "run (checkpoint)": await a.post(
                f"/threads/{tid}/runs",
                json={"assistant_id": "pam", "checkpoint": {"checkpoint_id": "typo"}},
            ),
            # another user's real checkpoint, named on a stateless run and on bob's thread
            "stateless": await b.post(
                "/runs/wait",
                json={
                    "assistant_id": "pam",
                    "checkpoint": {"thread_id": tid, "checkpoint_id": real},
                    "input": say("hi"),
                    "on_completion": "keep",
                },
            ),
        }
        bobs_tid = (await b.post("/threads", json={})).json()["thread_id"]
        refused["another's"] = await b.get(f"/threads/{bobs_tid}/state/{real}")
        after = await _messages(a, tid)
        history_after = len((await a.post(f"/threads/{tid}/history", json={"limit": 100})).json())
        known = await a.get(f"/threads/{tid}/state/{real}")
        bobs_threads = (await b.post("/threads/count", json={})).json()
    for what, response in refused.items():
        assert response.status_code == 404, (what, response.text)
        assert "checkpoint" in response.json()["detail"], (what, response.text)
    assert after == before and history_after == history  # nothing ran, nothing written
    assert known.status_code == 200 and known.json()["values"]["messages"] == before
    assert bobs_threads == 1  # the refused stateless run left no thread behind
