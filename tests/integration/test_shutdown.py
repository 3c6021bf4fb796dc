"""`pam serve` on SIGTERM: requests in flight get SHUTDOWN_GRACE_S, then the process exits
even while a client holds a stream that never ends by itself (a thread's stream)."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx

from tests.servers import pam_server, server_env
from tests.tokens import auth


def test_an_open_thread_stream_does_not_hold_a_stopping_server(
    database_url: str, tmp_path: Path
) -> None:
    env = server_env(database_url, tmp_path / "data", SHUTDOWN_GRACE_S="1")
    with pam_server(env) as server:
        headers = auth("shutdown-stream")
        tid = httpx.post(f"{server.url}/threads", json={}, headers=headers).json()["thread_id"]
        opened = threading.Event()
        ended: list[str] = []

        def hold_the_stream() -> None:
            try:
                with httpx.stream(
                    "GET", f"{server.url}/threads/{tid}/stream", headers=headers, timeout=60
                ) as stream:
                    opened.set()
                    for _ in stream.iter_raw():
                        pass
                ended.append("closed")
            except httpx.HTTPError as exc:
                ended.append(type(exc).__name__)

        reader = threading.Thread(target=hold_the_stream, daemon=True)
        reader.start()
        assert opened.wait(15)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=15) == 0
        assert time.monotonic() - started < 10
        reader.join(10)
        assert ended  # the client saw its stream end, not a server that never answers
