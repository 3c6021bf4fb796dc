"""Redteam 10 ("no general storage quota", left open by round 9): `POST /threads` made
any number of threads, each with up to 64 KiB of metadata, at the API rate (300 a
minute by default): one user could add about 19 MB a minute (27 GB a day), as the store
did before its quota. Now a user holds at most MAX_THREADS_PER_USER threads: one more —
made by `POST /threads`, a run that creates its thread, a stateless run, a chat without
a thread id — is a 422 that writes nothing; deleting one makes room. Real server, real
HTTP (the cap made small for the test)."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening

CAP = 3


async def test_a_user_holds_at_most_so_many_threads(serve: Serve) -> None:
    mallory, trudy = person("mallory"), person("trudy")
    big = {"metadata": {"pad": "x" * 60_000}}
    async with (
        serve(max_threads_per_user=CAP) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(mallory), timeout=30) as m,
        httpx.AsyncClient(base_url=server.url, headers=auth(trudy), timeout=30) as t,
    ):
        made = [await m.post("/threads", json=big) for _ in range(CAP)]
        over = await m.post("/threads", json=big)
        chat = await m.post("/api/v1/pam/chat", json={"message": "hello"})
        stateless = await m.post("/runs", json={"assistant_id": "pam", "input": {}})
        held = (await m.post("/threads/count", json={})).json()
        on_one = await m.post(  # a thread already held goes on at the cap
            "/api/v1/pam/chat", json={"message": "hello", "thread_id": made[1].json()["thread_id"]}
        )
        others = await t.post("/threads", json={})
        gone = await m.delete(f"/threads/{made[0].json()['thread_id']}")
        again = await m.post("/threads", json={})
    assert [r.status_code for r in made] == [200] * CAP
    assert over.status_code == 422, over.text
    assert f"at most {CAP} threads" in over.json()["detail"]
    assert chat.status_code == 422, chat.text
    assert stateless.status_code == 422, stateless.text
    assert held == CAP
    assert on_one.status_code == 200, on_one.text
    assert others.status_code == 200, others.text  # another user's share is their own
    assert gone.status_code == 204 and again.status_code == 200, again.text
