"""FastAPI dependency for the process's run manager (made in the app's lifespan)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from server.runs.manager import RunManager


async def get_runs(connection: HTTPConnection) -> RunManager:
    """Works for HTTP requests and WebSockets alike. (async: FastAPI runs a sync
    dependency in its thread pool, a thread hop per request for an attribute read.)"""
    runs: RunManager = connection.app.state.runs
    return runs


Runs = Annotated[RunManager, Depends(get_runs)]
