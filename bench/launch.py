"""The servers under test: `pam serve` (one uvicorn worker unless told), `langgraph dev`
serving graph.py's module-level graph, the stock Agent Server on Postgres
(bench/runtime_pg.py) and the bare Starlette floor; same database, same model."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from bench.procs import REPO, Server, process

JWT_SECRET = "bench-secret-that-is-long-enough-for-hs256-0123456789"  # noqa: S105
UNLIMITED = "1000000/minute"
# What `langgraph dev --help` says the default is; without the flag it runs one at a time.
JOBS_PER_WORKER = 10


def pam_env(database_url: str, model: str, data_dir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "PAM_MODEL": model,
        "PAM_DATA_DIR": str(data_dir),
        "PAM_JWT_SECRET": JWT_SECRET,
        "RATE_LIMIT_CHAT": UNLIMITED,
        "RATE_LIMIT_API": UNLIMITED,
        "RATE_LIMIT_WS_FRAMES": UNLIMITED,
        "LOG_LEVEL": "WARNING",
        "ENVIRONMENT": "development",
        "LANGSMITH_TRACING": "false",
        "REDIS_URL": "",
    }


@contextmanager
def pam_serve(
    database_url: str,
    model: str = "offline",
    extra_env: dict[str, str] | None = None,
    workers: int = 1,
) -> Iterator[Server]:
    """`pam serve --workers N` with the benchmark settings (no rate limits)."""
    with tempfile.TemporaryDirectory(prefix="pam-serve-") as tmp:
        argv = [sys.executable, "-m", "server", "serve", "--port", "{port}"]
        if workers != 1:
            argv += ["--workers", str(workers)]
        env = {**pam_env(database_url, model, Path(tmp)), **(extra_env or {})}
        with process("pam", argv, env, "/health/live", Path(tmp)) as server:
            yield server


def langgraph_dev_argv(config: Path, jobs_per_worker: int | None) -> list[str]:
    argv = [
        str(Path(sys.executable).parent / "langgraph"),
        "dev",
        "--port",
        "{port}",
        "--no-browser",
        "--no-reload",
        "--config",
        str(config),
        "--server-log-level",
        "WARNING",
    ]
    if jobs_per_worker is not None:
        argv += ["--n-jobs-per-worker", str(jobs_per_worker)]
    return argv


@contextmanager
def langgraph_dev(
    database_url: str,
    model: str = "offline",
    extra_env: dict[str, str] | None = None,
    jobs_per_worker: int | None = JOBS_PER_WORKER,
    graph: str | None = None,
) -> Iterator[Server]:
    """`langgraph dev` (in-memory runtime) running `jobs_per_worker` runs at once; None
    passes no flag, which leaves it at 1 (langgraph_api/cli.py), whatever its help says.
    `graph` is the graph's `path:attribute` (graph.py's `graph` unless told)."""
    with tempfile.TemporaryDirectory(prefix="pam-lgdev-") as tmp:
        # Absolute paths, so its working files (.langgraph_api) stay in the temp directory.
        config = Path(tmp) / "langgraph.json"
        served = graph or f"{REPO / 'graph.py'}:graph"
        spec = {"dependencies": [str(REPO)], "graphs": {"pam": served}}
        config.write_bytes(orjson.dumps(spec))
        argv = langgraph_dev_argv(config, jobs_per_worker)
        env = {
            **pam_env(database_url, model, Path(tmp)),
            "LANGGRAPH_CLI_NO_ANALYTICS": "1",
            **(extra_env or {}),
        }
        with process("langgraph-dev", argv, env, "/ok", Path(tmp)) as server:
            yield server


@contextmanager
def floor_server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="pam-floor-") as tmp:
        argv = [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.floor_app:app",
            "--port",
            "{port}",
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        env = {"PYTHONPATH": str(REPO)}
        with process("floor", argv, env, "/", Path(tmp)) as server:
            yield server
