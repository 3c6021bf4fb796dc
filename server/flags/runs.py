"""Every door (REST chat, SSE, WebSocket, Agent Protocol) starts its runs through
RunManager.start, which gives each run its user's flags here: the same flags whatever
the door, evaluated for the authenticated user of the run (never a user id from a
request body or the model), with the user's profile facts when a rule targets them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from agent.context import Context
from server.flags.service import FlagService


async def flagged_run(
    flags: FlagService | None, user_id: UUID, context: Context, metadata: dict[str, Any] | None
) -> tuple[Context, dict[str, Any]]:
    """The run's context with its flags, and its metadata with its experiment arm."""
    turn = await flags.for_run(user_id, context.client) if flags is not None else context.flags
    return replace(context, user_id=str(user_id), flags=turn), {
        **(metadata or {}),
        **turn.run_metadata(),
    }
