"""A server killed mid-run with the batched saver (tools/db/checkpoint_batch.py): the
run's checkpoints were held in memory, so none of them is in the database — the thread's
history is exactly what it was before the run, with no checkpoint, blob or pending write
of it — and the run reads back as an error (it is never run again, server/runs/orphans.py).
With the stock saver and LangGraph's default durability, the killed run's first steps
would have been written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
import psycopg
import pytest

from tests.servers import PamProcess, server_env
from tests.tokens import auth, uid
from tools.db.thread_keys import thread_key

pytestmark = pytest.mark.slow

USER = "batch-crash"
TURN = {"messages": [{"role": "user", "content": "spent 12.50 on fuel"}]}


async def _history_ids(client: httpx.AsyncClient, thread_id: str) -> list[str]:
    response = await client.post(f"/threads/{thread_id}/history", json={"limit": 100})
    assert response.status_code == 200, response.text
    return [state["checkpoint"]["checkpoint_id"] for state in response.json()]


async def _kill_mid_run(server: PamProcess, client: httpx.AsyncClient, thread_id: str) -> str:
    """Start a streamed run; SIGKILL the server once the model's reply streams (the
    router, the wins subgraph and the tool have run: several checkpoints made by then)."""
    body = {
        "assistant_id": "pam",
        "input": TURN,
        "stream_mode": ["messages-tuple", "updates"],
        "stream_subgraphs": True,
    }
    run_id = ""
    event = ""
    async with client.stream("POST", f"/threads/{thread_id}/runs/stream", json=body) as response:
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == "metadata":
                run_id = orjson.loads(line.removeprefix("data: "))["run_id"]
            elif line.startswith("data: ") and event.startswith("messages"):
                data: Any = orjson.loads(line.removeprefix("data: "))
                if isinstance(data, list) and data and data[0].get("content"):
                    server.kill()
                    break
    assert run_id and server.process is not None and server.process.returncode is not None
    return run_id


async def test_a_run_killed_mid_turn_leaves_no_checkpoint_and_ends_as_an_error(
    migrated_url: str, tmp_path: Path
) -> None:
    env = server_env(migrated_url, tmp_path / "data", PAM_MODEL="python:tests.fakes:PacedBrain")
    server = PamProcess(env, tmp_path / "server.log")
    server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=auth(USER), timeout=30) as client:
            thread_id = (await client.post("/threads", json={})).json()["thread_id"]
            done = await client.post(
                f"/threads/{thread_id}/runs/wait", json={"assistant_id": "pam", "input": TURN}
            )
            assert done.status_code == 200, done.text
            before = await _history_ids(client, thread_id)
            assert len(before) >= 5  # the start and a checkpoint per outer step
            killed = await _kill_mid_run(server, client, thread_id)

        server.start()  # a new process over the same database
        async with httpx.AsyncClient(base_url=server.url, headers=auth(USER), timeout=30) as client:
            run = await client.get(f"/threads/{thread_id}/runs/{killed}")
            assert run.status_code == 200, run.text
            assert run.json()["status"] == "error"
            assert await _history_ids(client, thread_id) == before
            state = (await client.get(f"/threads/{thread_id}/state")).json()
            assert state["checkpoint"]["checkpoint_id"] == before[0]
    finally:
        server.stop()

    key = thread_key(uid(USER), thread_id)  # where the thread's checkpoints are stored
    with psycopg.connect(migrated_url) as conn:
        kept = conn.execute(
            "SELECT count(*) FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = ''",
            (key,),
        ).fetchone()
        of_killed = conn.execute(
            "SELECT count(*) FROM checkpoints WHERE thread_id = %s AND metadata->>'run_id' = %s",
            (key, killed),
        ).fetchone()
        stray_writes = conn.execute(
            "SELECT count(*) FROM checkpoint_writes w WHERE w.thread_id = %s AND NOT EXISTS"
            " (SELECT 1 FROM checkpoints c WHERE c.thread_id = w.thread_id"
            " AND c.checkpoint_ns = w.checkpoint_ns AND c.checkpoint_id = w.checkpoint_id)",
            (key,),
        ).fetchone()
    assert kept == (len(before),)  # the first run's, all of them (the top level's)
    assert of_killed == (0,)
    assert stray_writes == (0,)
