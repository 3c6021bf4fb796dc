"""Real servers for tests: `pam serve` in a subprocess on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]
    ready_timeout_s: float = 60

    def wait_live(self) -> None:
        """Wait for /health/live; a process that exits first raises with its stderr."""
        deadline = time.monotonic() + self.ready_timeout_s
        while True:
            if self.process.poll() is not None:
                stderr = self.process.stderr
                err = stderr.read().decode() if stderr else ""
                raise RuntimeError(
                    f"pam serve exited with {self.process.returncode}: {err[-2000:]}"
                )
            try:
                if httpx.get(f"{self.url}/health/live", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("pam serve did not become live")
            time.sleep(0.1)


@contextmanager
def pam_server(
    env: Mapping[str, str], *, ready_timeout_s: float = 60, start_only: bool = False
) -> Iterator[RunningServer]:
    """Start `pam serve` with `env` added to the environment; wait for /health/live
    (`start_only`: return at once; the caller waits with `wait_live()`)."""
    port = free_port()
    full_env = {**os.environ, **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = RunningServer(f"http://127.0.0.1:{port}", process, ready_timeout_s)
    try:
        if not start_only:
            server.wait_live()
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
