"""The append-only transcript: every message of a thread, kept outside the checkpoint."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID, uuid5

import orjson
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, ToolMessage

from agent.declined import declined_summary
from tools.db.scope import Query, UserDb

THREAD_NAMESPACE = UUID("2f1d7a52-8a55-4c8e-9a43-3a3c8f0f6b11")
TITLE_CHARS = 80


def thread_uuid(thread_id: str) -> UUID:
    """Thread ids are UUIDs; any other string maps to a stable one."""
    try:
        return UUID(thread_id)
    except ValueError:
        return uuid5(THREAD_NAMESPACE, thread_id)


def _role(message: AnyMessage) -> str:
    if isinstance(message, HumanMessage):
        return "human"
    if isinstance(message, ToolMessage):
        return "tool"
    if isinstance(message, AIMessage):
        return "ai"
    return "system"


def _data(message: AnyMessage, variant: str | None = None) -> dict[str, Any]:
    if variant and isinstance(message, AIMessage):
        return {**_data(message), "variant": variant}
    if isinstance(message, AIMessage) and message.tool_calls:
        calls = [{k: c[k] for k in ("name", "args", "id")} for c in message.tool_calls]
        return (
            {"tool_calls": calls, "name": message.name} if message.name else {"tool_calls": calls}
        )
    if isinstance(message, ToolMessage):
        data = {"tool_call_id": message.tool_call_id, "name": message.name}
        if message.status == "error":  # a plain-text answer can be a failure too
            data["status"] = "error"
        if declined := declined_summary(message):
            data["summary"] = declined
        return data
    return {}


async def append_turn(
    db: UserDb, thread_id: str, messages: list[AnyMessage], *, variant: str | None = None
) -> None:
    """Record the thread (first message as title) and this turn's messages, once each;
    PAM's replies carry the experiment arm they were made under, when there is one."""
    tid = thread_uuid(thread_id)
    first_human = next((m for m in messages if isinstance(m, HumanMessage)), None)
    title = first_human.text[:TITLE_CHARS] if first_human else None
    rows = [
        (tid, db.user_id, str(m.id), _role(m), m.text, orjson.dumps(_data(m, variant)).decode())
        for m in messages
        if m.id
    ]
    # No pipeline of its own: in a pipelined transaction (finish's) the thread and its
    # messages go with the BEGIN and the COMMIT, in one round trip; a nested pipeline
    # would wait for Postgres at its end.
    async with db.conn.cursor() as cur:
        await cur.execute(
            "INSERT INTO chat_threads (id, user_id, title) VALUES (%s, %s, %s)"
            " ON CONFLICT (user_id, id) DO UPDATE SET updated_at = now(),"
            " title = coalesce(chat_threads.title, excluded.title)",
            (tid, db.user_id, title),
        )
        if rows:
            # One statement for the turn's messages (in their order: the ids they are
            # numbered by), not one each: in the pipeline each costs psycopg its own Python.
            values = ", ".join(["(%s, %s, %s, %s, %s, %s::jsonb)"] * len(rows))
            await cur.execute(
                "INSERT INTO chat_messages (thread_id, user_id, message_id, role, content, data)"
                f" VALUES {values}"
                " ON CONFLICT (user_id, thread_id, message_id) DO NOTHING",
                [value for row in rows for value in row],
            )


def recent_query(thread_id: str) -> Query:
    """The thread's last messages, newest first: enough to find a waiting approval."""
    return (
        "SELECT message_id, role, data FROM chat_messages WHERE thread_id = %s"
        " ORDER BY id DESC LIMIT 12",
        (thread_uuid(thread_id),),
    )


async def waiting_calls(db: UserDb, thread_id: str) -> AIMessage | None:
    """The thread's last proposal, with its calls that nothing answered yet: an approval
    still waiting (its turn paused inside a domain agent, so the checkpointed messages
    do not hold it; the transcript does, from the moment it was asked)."""
    cur = await db.conn.execute(*recent_query(thread_id))
    return waiting_in(await cur.fetchall())


def waiting_in(recent: Sequence[Mapping[str, Any]]) -> AIMessage | None:
    """`waiting_calls` from the rows of `recent_query`."""
    answered: set[str] = set()
    for row in recent:
        data = row["data"] or {}
        if row["role"] == "tool":
            answered.add(str(data.get("tool_call_id")))
        elif row["role"] == "human":
            return None
        elif row["role"] == "ai" and data.get("tool_calls"):
            calls = [c for c in data["tool_calls"] if str(c.get("id")) not in answered]
            if not calls:
                return None
            return AIMessage("", tool_calls=calls, id=row["message_id"], name=data.get("name"))
    return None
