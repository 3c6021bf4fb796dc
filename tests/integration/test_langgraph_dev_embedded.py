"""`langgraph dev` as a LangGraph developer starts it: no DATABASE_URL, no
--allow-blocking, the reloader on. The graph's embedded Postgres starts without
blocking the event loop (a turn is served), and stops when `langgraph dev` is stopped
with SIGINT (Ctrl-C) or SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
from langgraph_sdk import get_sync_client

from tests.servers import REPO, free_port

pytestmark = pytest.mark.slow

ENV_DROPPED = ("DATABASE_URL", "REDIS_URL", "PAM_DATA_DIR")


def _postgres_of(pgdata: Path) -> list[psutil.Process]:
    """Postgres servers started on this data directory (by the graph, not by us)."""
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        try:
            cmdline = " ".join(proc.info["cmdline"] or [])
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if "postgres" in (proc.info["name"] or "") and str(pgdata) in cmdline:
            found.append(proc)
    return found


def _wait_ready(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None, "langgraph dev exited"
        try:
            if httpx.get(f"{url}/ok", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "langgraph dev did not start"
        time.sleep(0.3)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_turn_with_the_embedded_postgres_then_stop(tmp_path: Path, stop: signal.Signals) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    env |= {
        "PAM_DATA_DIR": str(tmp_path / "data"),
        "PAM_MODEL": "offline",
        "LANGSMITH_TRACING": "false",
        "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    }
    argv = [str(REPO / ".venv" / "bin" / "langgraph"), "dev", "--port", str(port), "--no-browser"]
    process = subprocess.Popen(  # its own process group, as a terminal's foreground job
        argv,
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    pgdata = (tmp_path / "data" / "postgres").resolve()
    try:
        _wait_ready(process, url)
        with get_sync_client(url=url) as client:
            thread = client.threads.create()
            message: Any = {"role": "user", "content": "spent $12.50 on coffee"}
            result = client.runs.wait(
                thread["thread_id"],
                "pam",
                input={"messages": [message]},
                context={"user_id": str(uuid.uuid4())},
            )
        assert isinstance(result, dict) and "12.50" in str(result.get("reply")), result
        assert _postgres_of(pgdata), "the turn ran on the embedded Postgres"
        # Ctrl-C reaches the terminal's whole foreground group; `kill` reaches one pid.
        if stop == signal.SIGINT:
            os.killpg(process.pid, stop)
        else:
            process.send_signal(stop)
        process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while _postgres_of(pgdata) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _postgres_of(pgdata), "the embedded Postgres outlived langgraph dev"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for leftover in _postgres_of(pgdata):
            leftover.kill()
        if process.stderr:
            process.stderr.close()
