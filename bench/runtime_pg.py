"""The stock Agent Server on Postgres + Redis as an anchor: `langgraph-api` with
`langgraph-runtime-pg` (LANGGRAPH_RUNTIME_EDITION=pg) serving graph.py.

Its pins conflict with ours, so it lives in a venv of its own, .tools/runtime-pg, installed
from bench/runtime_pg.txt on first use; its tables live in a database of their own
(`<ours>_runtime_pg` on the same server), so they never meet PAM's."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import orjson
import psycopg

from bench.launch import JOBS_PER_WORKER, pam_env
from bench.procs import REPO, Server, process

VENV = REPO / ".tools" / "runtime-pg"
REQUIREMENTS = REPO / "bench" / "runtime_pg.txt"
UV = REPO / ".tools" / "bin" / "uv"


class Unavailable(RuntimeError):
    """The anchor cannot run here; the message says why."""


def install() -> Path:
    """The venv's python, installed from the pinned requirements unless already in step."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements"
    wanted = REQUIREMENTS.read_text()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    uv = str(UV) if UV.exists() else "uv"
    try:
        venv = [uv, "venv", str(VENV), "--python", "3.11", "-q", "--allow-existing"]
        subprocess.run(venv, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [uv, "pip", "install", "-q", "--python", str(python), "-r", str(REQUIREMENTS)],
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise Unavailable(f"could not install bench/runtime_pg.txt into {VENV}: {exc}") from exc
    stamp.write_text(wanted)
    return python


@contextmanager
def own_database(database_url: str) -> Iterator[str]:
    """`<database>_runtime_pg` beside PAM's database, made for the run and dropped after."""
    url = urlsplit(database_url)  # a URL: the runtime parses it as one
    name = f"{url.path.lstrip('/') or 'postgres'}_runtime_pg"
    drop = psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        psycopg.sql.Identifier(name)
    )
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(drop)  # left by a run that was killed
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    try:
        yield urlunsplit(url._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(drop)


def redis_url() -> str:
    url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL")
    if not url:
        raise Unavailable("needs Redis: set BENCH_REDIS_URL (or REDIS_URL)")
    return url


@contextmanager
def runtime_pg(database_url: str, model: str = "offline") -> Iterator[Server]:
    """The stock Agent Server (one uvicorn worker, N_JOBS_PER_WORKER runs at once)."""
    python, redis = install(), redis_url()
    with (
        own_database(database_url) as runtime_db,
        tempfile.TemporaryDirectory(prefix="pam-runtime-pg-") as tmp,
    ):
        argv = [str(python), "-m", "uvicorn", "langgraph_api.server:app", "--port", "{port}"]
        argv += ["--log-level", "warning", "--no-access-log"]
        env = {
            **pam_env(database_url, model, Path(tmp)),  # PAM's own tables, for the tools
            "VIRTUAL_ENV": str(VENV),
            "PYTHONPATH": str(REPO),
            "LANGGRAPH_RUNTIME_EDITION": "pg",
            "DATABASE_URI": runtime_db,
            "REDIS_URI": redis,
            "N_JOBS_PER_WORKER": str(JOBS_PER_WORKER),
            "LANGSERVE_GRAPHS": orjson.dumps({"pam": f"{REPO / 'graph.py'}:graph"}).decode(),
            "LANGGRAPH_CLI_NO_ANALYTICS": "1",
            "LANGSMITH_TRACING": "false",
            "LOG_LEVEL": "WARNING",
        }
        with process("runtime-pg", argv, env, "/ok", Path(tmp)) as server:
            yield server
