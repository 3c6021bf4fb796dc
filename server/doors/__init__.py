"""PAM's doors for other protocols, each for the token's user only and each through the
same action function or run core as chat: MCP (`/mcp`), A2A (`/a2a`), AG-UI (`/agui`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from server.doors import agui
from server.doors.mcp import McpDoor


def install_doors(app: FastAPI) -> McpDoor:
    """Add every door's routes; returns what the lifespan must keep running."""
    mcp = McpDoor()
    app.router.routes.extend(mcp.routes())
    app.include_router(agui.router)
    return mcp


@asynccontextmanager
async def doors_running(app: FastAPI, mcp: McpDoor) -> AsyncIterator[None]:
    async with mcp.running(app):
        yield
