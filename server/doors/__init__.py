"""PAM's doors for other protocols, each for the token's user only and each through the
same action function or run core as chat: MCP (`/mcp`), A2A (`/a2a`), AG-UI (`/agui`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI

from server.doors import a2a_tracing, agui
from server.doors.a2a import A2ADoor
from server.doors.mcp import McpDoor

__all__ = ["Doors", "a2a_tracing", "install_doors"]  # a2a_tracing: imported for its effect


@dataclass
class Doors:
    mcp: McpDoor = field(default_factory=McpDoor)
    a2a: A2ADoor = field(default_factory=A2ADoor)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """For the app's lifetime: MCP's session manager; at the end, A2A's open tasks."""
        try:
            async with self.mcp.manager.run():
                yield
        finally:
            await self.a2a.handler.aclose()


def install_doors(app: FastAPI) -> Doors:
    """Add every door's routes; returns what the lifespan must keep running."""
    doors = Doors()
    app.router.routes.extend(doors.mcp.routes())
    app.router.routes.extend(doors.a2a.routes())
    app.include_router(agui.router)
    return doors
