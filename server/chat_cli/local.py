"""PAM in this process: the same graph, database and turn machinery as `pam serve`
(server/chat/turns.py), with no HTTP in between. The embedded Postgres is used when no
DATABASE_URL is set, exactly as the server would."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any
from uuid import UUID

import structlog
from pydantic import ValidationError

from server.auth import user_uuid
from server.chat.history import pending_interrupt, transcript
from server.chat.schemas import ChatRequest, ClientContext, ResumeRequest
from server.chat.stream import turn_events
from server.chat.turns import start_chat, start_resume
from server.chat_cli.local_zone import local_zone
from server.chat_cli.remote import ChatCliError
from server.chat_cli.transport import ChatEvent, History
from server.resources import Resources, open_resources
from server.runs import RunManager, owned_thread
from server.settings import Settings

HISTORY_LIMIT = 1000


def quiet_logging() -> None:
    """Warnings and errors to stderr, so stdout is only the conversation."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, force=True)
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            structlog.stdlib.add_log_level,
            structlog.processors.KeyValueRenderer(key_order=["level", "event"]),
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
    )


class LocalTransport:
    where = "in-process"

    def __init__(self, settings: Settings, user: str) -> None:
        self.settings = settings
        self.user: UUID = user_uuid(user)
        self._stack = AsyncExitStack()
        self.resources: Resources | None = None
        self.runs: RunManager | None = None
        zone = local_zone()  # the computer's, as a browser's is the web page's device zone
        self.client = ClientContext(timezone=zone) if zone else None

    async def open(self) -> None:
        quiet_logging()
        self.resources = await self._stack.enter_async_context(open_resources(self.settings))
        self.runs = RunManager(self.resources)

    async def aclose(self) -> None:
        if self.runs is not None:
            await self.runs.aclose()
        await self._stack.aclose()

    def _parts(self) -> tuple[Resources, RunManager]:
        if self.resources is None or self.runs is None:
            raise RuntimeError("LocalTransport.open() first")
        return self.resources, self.runs

    async def chat(self, message: str, thread_id: str | None) -> AsyncIterator[ChatEvent]:
        resources, runs = self._parts()
        try:
            request = ChatRequest(message=message, thread_id=UUID(thread_id) if thread_id else None)
        except ValidationError as exc:  # as the server refuses it: said, and the chat goes on
            said = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ChatCliError(f"Invalid message — {said}") from None
        turn = await start_chat(resources, runs, self.user, request, self.client)
        async for event in turn_events(turn):
            yield event

    async def resume(
        self, thread_id: str, decisions: list[dict[str, Any]], interrupt_id: str | None
    ) -> AsyncIterator[ChatEvent]:
        resources, runs = self._parts()
        request = ResumeRequest.model_validate(
            {"thread_id": thread_id, "decisions": decisions, "interrupt_id": interrupt_id}
        )
        turn = await start_resume(resources, runs, self.user, request, self.client)
        async for event in turn_events(turn):
            yield event

    async def history(self, thread_id: str) -> History:
        resources, _ = self._parts()
        row = await owned_thread(resources, self.user, thread_id)
        messages = await transcript(resources, self.user, row.id, limit=HISTORY_LIMIT, offset=0)
        return History(
            row.title,
            [m.model_dump() for m in messages],
            await pending_interrupt(resources, self.user, row.thread_id),
        )
