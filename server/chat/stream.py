"""A turn as a sequence of chat events: metadata, what happened, how it ended."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from server.chat.translate import ChatEvent, chat_events, closing_events
from server.chat.turns import Turn


async def turn_events(turn: Turn) -> AsyncIterator[ChatEvent]:
    """Follows the run live (from its first event, so a retried message_id re-attaches
    to a turn still running); a run no longer in memory is told from its stored row."""
    yield "metadata", {"thread_id": turn.thread_id, "run_id": turn.run_id}
    run = turn.run
    if run is not None:
        async for event in run.events():
            for item in chat_events(event):
                yield item
        for item in closing_events(run.status, run.result, run.error):
            yield item
        return
    row = turn.row
    status, result = (row.status, row.result) if row else ("error", None)
    for item in closing_events(status, result, row.error if row else None):
        yield item


async def turn_result(turn: Turn) -> dict[str, Any]:
    """The turn's outcome once it has ended: status, and reply/ui_actions/interrupt."""
    if turn.run is not None:
        await turn.run.ended()
        return {"status": turn.run.status, "error": turn.run.error, **(turn.run.result or {})}
    row = turn.row
    if row is None:
        return {"status": "error", "error": None}
    return {"status": row.status, "error": row.error, **(row.result or {})}
