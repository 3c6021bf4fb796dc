"""Server processes: started on any core, pinned (with all their threads) to the server
core once ready; the load generator pins itself to the other core."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from tests.servers import free_port, stop

REPO = Path(__file__).resolve().parent.parent
ALL_CORES = frozenset(os.sched_getaffinity(0))  # before the load generator pins itself


_last_port = [0]


def bench_port() -> int:
    """A free port for a server under test: from `BENCH_PORTS` (`low-high`, inclusive)
    when set, so sessions sharing a machine keep to their own ports; else any."""
    spec = os.environ.get("BENCH_PORTS", "")
    if not spec:
        return free_port()
    low, high = (int(part) for part in spec.split("-", 1))
    span = high - low + 1
    for step in range(span):
        # Round the range from the last port handed out: servers started together
        # bind theirs only later, so a port just given out must not be given again.
        port = low + (_last_port[0] + 1 + step - low) % span
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            _last_port[0] = port
            return port
    raise RuntimeError(f"no free port in BENCH_PORTS={spec}")


def cores() -> tuple[int, int]:
    """(server core, load-generator core); the same core on a one-core machine."""
    usable = sorted(ALL_CORES)
    return usable[0], usable[-1]


def pin_self(core: int) -> None:
    os.sched_setaffinity(0, {core})


def pin_tree(pid: int, core: int | frozenset[int]) -> None:
    """Pin a process, its threads and its children (threads started later inherit it)
    to one core or a set of them."""
    where = {core} if isinstance(core, int) else set(core)
    root = psutil.Process(pid)
    for process in [root, *root.children(recursive=True)]:
        for thread in process.threads():
            with contextlib.suppress(OSError):
                os.sched_setaffinity(thread.id, where)


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    ready_path: str = "/"
    log: Path | None = None

    def wait_ready(self, timeout_s: float = 120, on: frozenset[int] | None = None) -> Server:
        """Servers start in parallel (`with a, b:`) on any core, then each is waited for
        and pinned, with all its threads, to the server core (or to the cores `on`)."""
        _wait_ready(self.process, self.url + self.ready_path, timeout_s, self.log)
        pin_tree(self.process.pid, cores()[0] if on is None else on)
        return self

    def rss(self) -> int:
        """Resident memory of the server and any children, in bytes."""
        try:
            root = psutil.Process(self.process.pid)
            return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
        except psutil.NoSuchProcess:
            return 0

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server and its children have used so far."""
        try:
            root = psutil.Process(self.process.pid)
            times = [p.cpu_times() for p in [root, *root.children(recursive=True)]]
        except psutil.NoSuchProcess:
            return 0.0
        return sum(t.user + t.system for t in times)

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://", 1)


def _wait_ready(
    process: subprocess.Popen[bytes], url: str, timeout_s: float, log: Path | None
) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{url}: server exited with {process.returncode}: {tail}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not become ready in {timeout_s:.0f} s")
        time.sleep(0.2)


@contextmanager
def process(
    name: str, argv: list[str], env: Mapping[str, str], ready_path: str, cwd: Path
) -> Iterator[Server]:
    port = bench_port()
    argv = [a.replace("{port}", str(port)) for a in argv]
    log = cwd / f"{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(  # noqa: S603 - our own argv
            argv,
            cwd=cwd,
            env={**os.environ, **env},
            stdout=sink,
            stderr=subprocess.STDOUT,
            # Start-up (imports) may use every core; wait_ready pins the server.
            preexec_fn=lambda: os.sched_setaffinity(0, ALL_CORES),
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, ready_path, log)
    try:
        yield server
    finally:
        stop(process)
