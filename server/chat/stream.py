"""A turn as a sequence of chat events: metadata, what happened, how it ended; each with
the id a client sends back to pick up after it (see rejoin.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from server.chat.rejoin import CLOSED, EventId, event_id
from server.chat.translate import ChatEvent, ChatEventName, chat_events, closing_events
from server.chat.turns import Turn
from server.runs.events import RunEvent

MERGED_TOKEN_CHARS = 16_384
# A chat event and its id; merged tokens carry the id of the last token merged.
NumberedEvent = tuple[ChatEventName, dict[str, Any], EventId]
METADATA_ID = event_id(0, 0)


async def turn_events(turn: Turn) -> AsyncIterator[ChatEvent]:
    """`numbered_events` from the start, without ids (the WebSocket's)."""
    async for name, data, _ in numbered_events(turn):
        yield name, data


async def numbered_events(turn: Turn, after: EventId | None = None) -> AsyncIterator[NumberedEvent]:
    """`numbered_batches`, an event at a time."""
    async for batch in numbered_batches(turn, after):
        for item in batch:
            yield item


async def numbered_batches(
    turn: Turn, after: EventId | None = None
) -> AsyncIterator[list[NumberedEvent]]:
    """Follows the run live (from its first event, or from the event after `after`, so
    a retried message_id re-attaches to a turn still running); a run no longer in memory
    is told from its stored row: only its closing event is left, whose `final` holds the
    whole reply. A list at a time: `metadata`; the chat events of each batch of run events
    (what arrived while the reader was busy, tokens merged), so that a transport writes
    them at once; the closing event."""
    if after is None:
        yield [("metadata", {"thread_id": turn.thread_id, "run_id": turn.run_id}, METADATA_ID)]
    run = turn.run
    if run is not None:
        start = None if after is None or after.closing else max(after.seq - 1, 0)
        if after is None or not after.closing:
            async for batch in run.event_batches(start):
                if events := merged_tokens(_numbered(batch, after)):
                    yield events
        # The log closes when the run ends (a closing id skips it: nothing is left).
        status: str = run.status
        result, error = run.result, run.error
    else:
        row = turn.row
        status, result = (row.status, row.result) if row else ("error", None)
        error = row.error if row else None
    if after is not None and after.closing:
        return
    yield [(name, data, CLOSED) for name, data in closing_events(status, result, error)]


def _numbered(batch: list[RunEvent], after: EventId | None) -> Iterable[NumberedEvent]:
    for event in batch:
        for part, (name, data) in enumerate(chat_events(event)):
            number = event_id(event.seq, part)
            if after is None or number > after:
                yield name, data, number


def merged_tokens(events: Iterable[NumberedEvent]) -> list[NumberedEvent]:
    """Adjacent tokens as one: a client behind by ten tokens gets one frame, not ten
    (the server encodes and writes once; the text is the same)."""
    out: list[NumberedEvent] = []
    for name, data, number in events:
        if name == "token" and out and out[-1][0] == "token" and _room(out[-1], data):
            out[-1] = ("token", {"text": out[-1][1]["text"] + data["text"]}, number)
        else:
            out.append((name, data, number))
    return out


def _room(last: NumberedEvent, data: dict[str, Any]) -> bool:
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
