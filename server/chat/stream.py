"""A turn as a sequence of chat events: metadata, what happened, how it ended."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from server.chat.translate import ChatEvent, chat_events, closing_events
from server.chat.turns import Turn

MERGED_TOKEN_CHARS = 16_384


async def turn_events(turn: Turn) -> AsyncIterator[ChatEvent]:
    """Follows the run live (from its first event, so a retried message_id re-attaches
    to a turn still running); a run no longer in memory is told from its stored row."""
    yield "metadata", {"thread_id": turn.thread_id, "run_id": turn.run_id}
    run = turn.run
    if run is not None:
        async for batch in run.event_batches():
            for item in merged_tokens(e for event in batch for e in chat_events(event)):
                yield item
        for item in closing_events(run.status, run.result, run.error):
            yield item
        return
    row = turn.row
    status, result = (row.status, row.result) if row else ("error", None)
    for item in closing_events(status, result, row.error if row else None):
        yield item


def merged_tokens(events: Iterable[ChatEvent]) -> list[ChatEvent]:
    """Adjacent tokens as one: a client behind by ten tokens gets one frame, not ten
    (the server encodes and writes once; the text is the same)."""
    out: list[ChatEvent] = []
    for name, data in events:
        if name == "token" and out and out[-1][0] == "token" and _room(out[-1], data):
            out[-1] = ("token", {"text": out[-1][1]["text"] + data["text"]})
        else:
            out.append((name, data))
    return out


def _room(last: ChatEvent, data: dict[str, Any]) -> bool:
    # Bounded, so one merged frame never outgrows what a reader expects of a token.
    return len(last[1]["text"]) + len(data["text"]) <= MERGED_TOKEN_CHARS


async def turn_result(turn: Turn) -> dict[str, Any]:
    """The turn's outcome once it has ended: status, and reply/ui_actions/interrupt."""
    if turn.run is not None:
        await turn.run.ended()
        return {"status": turn.run.status, "error": turn.run.error, **(turn.run.result or {})}
    row = turn.row
    if row is None:
        return {"status": "error", "error": None}
    return {"status": row.status, "error": row.error, **(row.result or {})}
