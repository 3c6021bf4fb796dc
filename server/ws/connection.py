"""One authenticated socket: a bounded send queue drained by its own task.

Nothing that produces frames (a turn, a push) ever awaits the client: `send` only
queues. A client too slow to drain its queue is closed with 1013 rather than allowed
to hold memory or slow anyone else; its turns keep running and are checkpointed.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from typing import Any
from uuid import UUID

import structlog
from starlette.websockets import WebSocket

from server.chat.schemas import ClientContext
from server.wire_json import dumps

log = structlog.get_logger("pam.ws")

SEND_QUEUE_FRAMES = 512
# How long a closing handshake may wait for a slow client to take the close frame.
CLOSE_TIMEOUT_S = 10.0
TRY_AGAIN_LATER = 1013


class Connection:
    def __init__(
        self,
        websocket: WebSocket,
        user_id: UUID,
        queue_frames: int | None = None,
        *,
        expires_at: float = math.inf,
    ):
        self.websocket = websocket
        self.user_id = user_id
        self.expires_at = expires_at  # the signing-in token's exp, moved on by auth frames
        self.context: ClientContext | None = None  # from context_update, for later turns
        self.closed = asyncio.Event()
        self.close_code = 1000
        self.close_reason = ""
        self.turns: set[asyncio.Task[None]] = set()  # forwarders of this socket's turns
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(
            queue_frames or SEND_QUEUE_FRAMES
        )

    def send(self, frame: dict[str, Any]) -> bool:
        """Queue a frame; False (and the socket closing) when the client is behind."""
        if self.closed.is_set():
            return False
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            log.warning("websocket send queue full; closing", user_id=str(self.user_id))
            self.shut(TRY_AGAIN_LATER, "Too far behind; reconnect.")
            return False
        return True

    def shut(self, code: int, reason: str = "") -> None:
        if not self.closed.is_set():
            self.close_code, self.close_reason = code, reason
            self.closed.set()

    def follow(self, task: asyncio.Task[None]) -> None:
        self.turns.add(task)
        task.add_done_callback(self.turns.discard)

    async def pump(self) -> None:
        """The sender: one frame at a time, at the client's pace."""
        try:
            while True:
                frame = await self._queue.get()
                await self.websocket.send_text(dumps(frame).decode())
        except asyncio.CancelledError:
            raise
        except Exception:  # the client went away mid-send
            self.shut(1006)

    async def close(self) -> None:
        """Stop forwarding (the turns themselves go on) and close with the chosen code."""
        for task in list(self.turns):
            task.cancel()
        if self.close_code == 1006:
            return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(
                self.websocket.close(self.close_code, self.close_reason), CLOSE_TIMEOUT_S
            )
