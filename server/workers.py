"""`pam serve --workers N`: N uvicorn worker processes sharing one port.

The workers are N instances in one box: every one opens its own pool, graph and jobs
worker, and they agree on thread locks, run joins and cancels, rate limits and
WebSocket pushes the way separate instances do, through Redis. Without REDIS_URL each
process would keep those to itself (a second turn on a busy thread would not be refused
by the other worker, a cancel would not reach the run), so more than one worker then
refuses to start."""

from __future__ import annotations

import os

from fastapi import FastAPI

from server.http_protocol import BoundedH11Protocol
from server.settings import Settings


class WorkerH11Protocol(BoundedH11Protocol):
    """`bounded_h11` for a spawned worker, named by import string (uvicorn pickles its
    config to the workers, and the class `bounded_h11` makes at run time does not
    pickle); `worker_app` sets its deadline from the settings before any connection."""


def default_workers(settings: Settings) -> int:
    """Every core this process may use in production with Redis (what the workers share);
    one anywhere else — without Redis more would be refused, and in development a second
    process would only make start-up slower and logs harder to read."""
    if settings.environment != "production" or not settings.redis_url:
        return 1
    return len(os.sched_getaffinity(0)) or 1


def refusal(workers: int, settings: Settings) -> str | None:
    """Why `workers` cannot be served with these settings, or None."""
    if workers < 1:
        return f"--workers must be at least 1 (got {workers})"
    if workers > 1 and not settings.redis_url:
        return (
            f"--workers {workers} needs REDIS_URL: the workers share thread locks, run "
            "joins and cancels, rate limits and WebSocket pushes through Redis "
            "(set REDIS_URL=redis://host:6379/0, or serve with --workers 1)"
        )
    return None


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory, `server.workers:worker_app`):
    settings from the environment, which `pam serve` filled in before spawning."""
    from server.app import create_app

    settings = Settings()
    WorkerH11Protocol.headers_timeout_s = settings.request_headers_timeout_s
    return create_app(settings, freeze_gc=True)
