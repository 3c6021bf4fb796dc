"""The embedded default: starts fast, survives a crashed run, leaves no orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from tools.db.embedded import check_data_dir, start_embedded
from tools.db.pool import DatabaseError

START_SCRIPT = """
import os, sys
from pathlib import Path
from tools.db.embedded import start_embedded
server = start_embedded(Path(sys.argv[1]))
import psycopg
with psycopg.connect(server.url) as conn:
    conn.execute("SELECT 1")
print(server.url, flush=True)
if sys.argv[2] == "crash":
    os._exit(0)  # no atexit: the way a killed process leaves its server behind
"""


def _servers(pgdata: Path) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(attrs=("name", "cmdline")):
        cmdline = proc.info["cmdline"] or []
        if proc.info["name"] == "postgres" and str(pgdata) in " ".join(cmdline):
            found.append(proc)
    return found


def _wait_gone(pgdata: Path, timeout_s: float = 15) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout_s
    while (left := _servers(pgdata)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _run(data_dir: Path, mode: str, repo_root: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", START_SCRIPT, str(data_dir), mode],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout.strip()


def test_normal_exit_leaves_no_server_running(tmp_path: Path, repo_root: Path) -> None:
    _run(tmp_path, "exit", repo_root)
    assert _wait_gone(tmp_path / "postgres") == []


def test_starts_again_after_a_crash_and_after_a_killed_server(
    tmp_path: Path, repo_root: Path
) -> None:
    pgdata = tmp_path / "postgres"
    _run(tmp_path, "crash", repo_root)  # leaves its server running
    assert _servers(pgdata), "the crashed run's server should still be up"
    server = start_embedded(tmp_path)  # attaches to it
    with psycopg.connect(server.url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    os.kill(postmaster, signal.SIGKILL)  # leaves a stale postmaster.pid behind
    assert _wait_gone(pgdata) == []
    assert (pgdata / "postmaster.pid").exists()
    server.stop()
    started = time.monotonic()
    again = start_embedded(tmp_path)
    elapsed = time.monotonic() - started
    try:
        with psycopg.connect(again.url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        again.stop()
    assert elapsed < 15
    assert _wait_gone(pgdata) == []


def test_fresh_start_takes_a_few_seconds(tmp_path: Path) -> None:
    started = time.monotonic()
    server = start_embedded(tmp_path)
    elapsed = time.monotonic() - started
    server.stop()
    print(f"embedded PostgreSQL fresh start: {elapsed:.2f}s")
    assert elapsed < 20


def test_a_data_dir_that_is_a_file_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(DatabaseError, match=r"PAM_DATA_DIR .* not a directory"):
        check_data_dir(blocker / "data")
