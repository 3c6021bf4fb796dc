"""A thread's history for clients: the append-only transcript, and any pending approval."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from server.resources import Resources
from server.runs.run import interrupt_payload
from server.runs.threads import ThreadRow, user_graph
from tools.db.scope import user_db


class MessagePublic(BaseModel):
    id: str
    role: str
    content: str
    data: dict[str, Any]
    created_at: datetime


class ThreadPublic(BaseModel):
    thread_id: str
    title: str | None = None  # left out of a thread's detail until it has one
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: ThreadRow) -> ThreadPublic:
        return cls(
            thread_id=row.thread_id,
            title=row.title,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class ThreadList(BaseModel):
    items: list[ThreadPublic]
    limit: int
    offset: int


class ThreadDetail(ThreadPublic):
    messages: list[MessagePublic]
    # A turn of this thread is running now (e.g. its client disconnected mid-stream).
    running: bool
    interrupt: dict[str, Any] | None = None


async def transcript(
    resources: Resources, user_id: UUID, thread_id: UUID, *, limit: int, offset: int
) -> list[MessagePublic]:
    """Messages oldest first; tool traffic included (role "tool", and "ai" with calls)."""
    async with user_db(resources.pool, user_id) as db:
        rows = await (
            await db.conn.execute(
                "SELECT message_id AS id, role, content, data, created_at FROM chat_messages"
                " WHERE thread_id = %s ORDER BY chat_messages.id LIMIT %s OFFSET %s",
                (thread_id, limit, offset),
            )
        ).fetchall()
    return [MessagePublic(**r) for r in rows]


async def pending_interrupt(
    resources: Resources, user_id: UUID, thread_id: str
) -> dict[str, Any] | None:
    graph = user_graph(resources, user_id)
    state = await graph.aget_state({"configurable": {"thread_id": thread_id}})
    return interrupt_payload(list(state.interrupts or ()))
