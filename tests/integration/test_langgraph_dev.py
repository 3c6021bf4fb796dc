"""`langgraph dev` loads graph.py and runs full turns, driven by the official SDK:
a streamed run with `values` and `messages-tuple`, an approval interrupt and its resume."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest
from langgraph_sdk import get_client

from tests.servers import REPO, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def langgraph_dev(migrated_url: str) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": migrated_url,
        "PAM_MODEL": "offline",
        "LANGSMITH_TRACING": "false",
        "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    }
    process = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "langgraph"),
            "dev",
            "--port",
            str(port),
            "--no-browser",
            "--no-reload",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "langgraph dev exited"
            try:
                if httpx.get(f"{url}/ok", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "langgraph dev did not start"
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


async def _stream(client: Any, thread_id: str, user: str, **kwargs: Any) -> list[Any]:
    return [
        part
        async for part in client.runs.stream(
            thread_id,
            "pam",
            stream_mode=["values", "messages-tuple"],
            context={"user_id": user, "now": "2026-03-10T09:00:00+11:00"},
            **kwargs,
        )
    ]


async def test_a_full_turn_and_an_approval_under_langgraph_dev(
    langgraph_dev: str, migrated_url: str
) -> None:
    async with get_client(url=langgraph_dev) as client:
        user = str(uuid.uuid4())
        thread = await client.threads.create()
        tid = thread["thread_id"]

        parts = await _stream(
            client,
            tid,
            user,
            input={"messages": [{"role": "user", "content": "spent $12.50 on coffee"}]},
        )
        events = {p.event for p in parts}
        assert {"metadata", "values", "messages"} <= events
        final = [p.data for p in parts if p.event == "values"][-1]
        assert "12.50" in final["reply"]

        parts = await _stream(
            client,
            tid,
            user,
            input={"messages": [{"role": "user", "content": "delete that expense"}]},
        )
        last_values = [p.data for p in parts if p.event == "values"][-1]
        (pending,) = last_values["__interrupt__"]
        assert pending["value"]["action_requests"][0]["name"] == "delete_expense"

        parts = await _stream(
            client, tid, user, command={"resume": {"decisions": [{"type": "approve"}]}}
        )
        final = [p.data for p in parts if p.event == "values"][-1]
        assert "deleted" in final["reply"].lower()
        with psycopg.connect(migrated_url) as conn:
            left = conn.execute(
                "SELECT count(*) FROM expenses WHERE user_id = %s", (user,)
            ).fetchone()
        assert left == (0,)
