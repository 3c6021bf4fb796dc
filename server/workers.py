"""`pam serve --workers N`: N uvicorn worker processes sharing one port.

The workers are N instances in one box: every one opens its own pool, graph and jobs
worker, and they agree on thread locks, run joins and cancels, rate limits and
WebSocket pushes the way separate instances do, through their coordinator
(server/runs/coordinator.py): Redis when REDIS_URL is set, Postgres alone otherwise."""

from __future__ import annotations

import os

from fastapi import FastAPI

from server.http_protocol import BoundedH11Protocol, BoundedHttpToolsProtocol
from server.settings import Settings


class WorkerH11Protocol(BoundedH11Protocol):
    """`bounded_h11` for a spawned worker, named by import string (uvicorn pickles its
    config to the workers, and the class `bounded_h11` makes at run time does not
    pickle); `worker_app` sets its deadline from the settings before any connection."""


class WorkerHttpToolsProtocol(BoundedHttpToolsProtocol):
    """`bounded_httptools` for a spawned worker, as WorkerH11Protocol."""


WORKER_PROTOCOLS = {
    "h11": "server.workers:WorkerH11Protocol",
    "httptools": "server.workers:WorkerHttpToolsProtocol",
}


def default_workers(settings: Settings) -> int:
    """Every core this process may use in production (the workers share what they must
    through Redis or Postgres); one anywhere else — in development a second process
    would only make start-up slower and logs harder to read."""
    if settings.environment != "production":
        return 1
    return len(os.sched_getaffinity(0)) or 1


def refusal(workers: int, settings: Settings) -> str | None:
    """Why `workers` cannot be served with these settings, or None."""
    if workers < 1:
        return f"--workers must be at least 1 (got {workers})"
    if workers > 1 and settings.pam_coordination == "local":
        return (
            f"--workers {workers} cannot run with PAM_COORDINATION=local: each worker would "
            "decide alone on thread locks, run joins and cancels, rate limits and WebSocket "
            "pushes (unset it: the workers then coordinate through Redis with REDIS_URL, "
            "through Postgres without)"
        )
    return None


def worker_environment(settings: Settings) -> dict[str, str]:
    """What the workers' environment adds: with no Redis and no explicit choice, they
    coordinate through Postgres."""
    if settings.pam_coordination == "auto" and not settings.redis_url:
        return {"PAM_COORDINATION": "postgres"}
    return {}


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory, `server.workers:worker_app`):
    settings from the environment, which `pam serve` filled in before spawning."""
    from server.app import create_app

    settings = Settings()
    WorkerH11Protocol.headers_timeout_s = settings.request_headers_timeout_s
    WorkerHttpToolsProtocol.headers_timeout_s = settings.request_headers_timeout_s
    WorkerHttpToolsProtocol.max_header_bytes = settings.max_header_bytes
    return create_app(settings, freeze_gc=True)
