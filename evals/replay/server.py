"""Running the replay app inside this process (for `python -m evals record` / `run --replay`
and tests): uvicorn in a background thread on a free local port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from evals.replay.app import create_app
from evals.replay.sources import Source


@dataclass(frozen=True)
class RunningServer:
    url: str  # e.g. http://127.0.0.1:54321/v1, ready for OPENAI_BASE_URL
    app: Starlette

    @property
    def misses(self) -> list[str]:
        found: list[str] = self.app.state.misses
        return found


@contextmanager
def serve_in_background(source: Source, *, start_timeout_s: float = 10) -> Iterator[RunningServer]:
    app = create_app(source)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout_s
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the replay server did not start")
            time.sleep(0.01)
        yield RunningServer(url=f"http://127.0.0.1:{port}/v1", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
