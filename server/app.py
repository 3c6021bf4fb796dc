"""The FastAPI application factory."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from server import agent_protocol
from server.collector import tune_for_serving
from server.crons.fire import CronFirer
from server.doors import install_doors
from server.errors import install_error_handlers
from server.flags import admin as flags_admin
from server.flags.settings import FlagSettings
from server.flags.transport import DoorFlagsMiddleware
from server.jobs.worker import running_worker
from server.log_redaction import redact_uvicorn_logs
from server.logging import adopt_uvicorn_loggers, configure_logging
from server.middleware import install_middleware
from server.observability import init_observability
from server.openapi import install_openapi
from server.ratelimit import open_rate_limits
from server.resources import Resources, open_resources
from server.routes import chat, dev_token, ops, rest, threads
from server.routes.web import install_web
from server.runs import RunManager
from server.settings import Settings, get_settings
from server.ws import route as ws_route
from server.ws.registry import SocketRegistry, sockets_of


@asynccontextmanager
async def background(
    resources: Resources, sockets: SocketRegistry, runs: RunManager | None = None
) -> AsyncIterator[None]:
    """What `pam serve` runs beside its routes: pushes from any process delivered to its
    sockets (through the coordinator) and (PAM_WORKER, on by default) a background jobs
    worker."""
    coordinator = resources.coordinator
    coordinator.serve_pushes(sockets)
    async with contextlib.AsyncExitStack() as stack:
        if resources.settings.pam_worker:
            await stack.enter_async_context(
                running_worker(
                    resources.settings,
                    resources.database_url,
                    resources.pool,
                    coordinator.push,
                    # crons fire where runs can start: here, with this instance's runs
                    CronFirer(resources, runs) if runs is not None else None,
                )
            )
        yield


def create_app(
    settings: Settings | None = None, *, model: Any = None, freeze_gc: bool = False
) -> FastAPI:
    """The app. `model` replaces the configured chat model (tests pass a scripted one);
    `freeze_gc` (`pam serve`) moves what start-up made out of the collector's reach and
    sets its thresholds for serving (server/collector.py)."""
    settings = settings or get_settings()
    FlagSettings()  # a bad PAM_FLAGS stops the start here, naming the flag
    configure_logging(settings.log_level)
    redact_uvicorn_logs()  # from the first line uvicorn writes, before the lifespan
    init_observability(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        adopt_uvicorn_loggers()
        async with (
            open_resources(settings, model=model) as resources,
            open_rate_limits(resources) as rate_limits,
            doors.running(),
        ):
            app.state.resources = resources
            app.state.rate_limits = rate_limits
            app.state.runs = RunManager(resources)
            await app.state.runs.open()  # acts on cancels sent by other processes
            try:
                # Pushes to this process's sockets from any process; the jobs worker.
                async with background(resources, sockets_of(app), app.state.runs):
                    if freeze_gc:
                        # Modules, schemas and the compiled graph live as long as the
                        # process: left in the collector's generations, every full
                        # collection walks them all, a pause that stalls every stream
                        # at once; and a turn's short-lived objects are best left to
                        # reference counting (server/collector.py).
                        tune_for_serving(settings.pam_gc_thresholds)
                    yield
            finally:
                await app.state.runs.aclose()

    production = settings.environment == "production"
    app = FastAPI(
        title="PAM",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None if production else "/api/docs",
        redoc_url=None,
        openapi_url=None if production else "/openapi.json",
    )
    install_error_handlers(app)
    app.add_middleware(DoorFlagsMiddleware)  # innermost: kill switches of the doors
    install_middleware(app, settings)
    app.include_router(ops.router)  # /health/live, /health/ready, /metrics
    app.include_router(chat.router)
    app.include_router(threads.router)
    app.include_router(ws_route.router)
    # Requests are matched against the routes in order, at some µs a route: an Agent
    # Protocol turn's routes before the REST routes (no path matches both: disjoint
    # prefixes), the rest of the protocol's after them (bench/README.md, issue 19's
    # eighth round; tests/api/test_route_order.py).
    for router in agent_protocol.TURN_ROUTERS:
        app.include_router(router)
    for router in rest.ROUTERS:
        app.include_router(router, prefix=rest.PREFIX)
    for router in agent_protocol.OTHER_ROUTERS:
        app.include_router(router)
    app.include_router(dev_token.router)
    app.include_router(flags_admin.router)
    doors = install_doors(app)  # /mcp, /a2a, /agui
    install_web(app)  # the chat page at `/`, its files under /static
    install_openapi(app)  # errors documented as they are answered: {"detail", "code"}
    return app
