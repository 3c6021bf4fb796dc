"""The custom app `langgraph.json` gives `langgraph dev` (and any LangGraph server that
loads graph.py): no routes, only a lifespan that closes the graph's default pool and
stops the embedded Postgres it started.

Why a lifespan: uvicorn ends a SIGINT or SIGTERM by re-raising the signal once it has
shut down, so the process dies without running `atexit` hooks (pgserver's own stop is
one), and under `langgraph dev`'s reloader the server is a multiprocessing child, which
never runs them either. The lifespan's shutdown runs inside the graceful shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette

from agent.resources import close_default_pool


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    yield
    await close_default_pool()


app = Starlette(lifespan=lifespan)
