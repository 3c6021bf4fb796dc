"""Picking up a chat stream where a client lost it: the chat events' ids, a sent-back
`Last-Event-ID` read and checked, and the turn it belongs to.

An id names a chat event by where it came from: `<seq>` or `<seq>.<part>` (the run
event's number, and the event's index among the chat events made from that run event,
shown when above 0), `0` for `metadata`, and `done` for the closing event (interrupt,
final or error). Ids only grow within a turn, on every instance (a follower keeps the
owner's numbers), so "the events after this id" is exact wherever the client reconnects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID

from server.chat.schemas import ChatRequest
from server.chat.turns import Turn, check_same_message, replay
from server.refusals import BadInput, NotFound
from server.resources import Resources
from server.runs import RunManager
from server.runs.store import run_for_message
from server.runs.threads import owned_thread_id

_ID = re.compile(r"(0|[1-9][0-9]{0,17})(?:\.([1-9][0-9]{0,5}))?|done")
CLOSING = "done"
METADATA = "0"


class BadEventId(BadInput):
    def __init__(self, value: str, why: str) -> None:
        shown = value if len(value) <= 40 else value[:40] + "…"
        super().__init__(f"Last-Event-ID {shown!r}: {why}")


@dataclass(frozen=True, order=True)
class EventId:
    """`closing` sorts after every run event; `(seq, part)` orders the rest."""

    closing: bool
    seq: int
    part: int

    def __str__(self) -> str:
        if self.closing:
            return CLOSING
        return str(self.seq) if self.part == 0 else f"{self.seq}.{self.part}"


def event_id(seq: int, part: int) -> EventId:
    return EventId(False, seq, part)


CLOSED = EventId(True, 0, 0)


def parse_event_id(value: str) -> EventId:
    """422 for anything this server never sends as an id."""
    found = _ID.fullmatch(value.strip())
    if found is None:
        raise BadEventId(value, "not an id of this stream (like 12, 12.1 or done).")
    if found.group(0) == CLOSING:
        return CLOSED
    return event_id(int(found.group(1)), int(found.group(2) or 0))


async def rejoin_chat(
    resources: Resources, runs: RunManager, user_id: UUID, request: ChatRequest
) -> Turn:
    """The turn a resending client already started: it names the thread and message_id
    it sent; 404 when this user's thread holds no turn for that message_id."""
    if request.thread_id is None or request.message_id is None:
        raise BadInput(
            "Last-Event-ID resumes a turn: send it with that turn's thread_id and message_id."
        )
    thread_id = await owned_thread_id(resources, user_id, request.thread_id)
    prior = await run_for_message(resources.pool, user_id, thread_id, request.message_id)
    if prior is None:
        raise NotFound("No turn for this message_id on this thread to resume.")
    await check_same_message(resources, user_id, thread_id, request)
    return await replay(resources, runs, prior)


def check_known(turn: Turn, after: EventId) -> None:
    """422 for an id past what the turn has sent, where that can be told: on the instance
    running the turn, or once it has ended. (A follower on another instance may lag its
    owner while the turn runs, so there a well-formed id is followed as given.)"""
    run = turn.run
    if run is None or (run.remote and not run.done):
        return
    if after.closing and not run.done:
        raise BadEventId(CLOSING, "this turn has not ended yet.")
    if not after.closing and after.seq > run.log.last_seq:
        raise BadEventId(str(after), "this turn has sent no such event.")
