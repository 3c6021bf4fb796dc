"""Migrations 0019 and 0020 on a database from before them: an existing thread keeps
its id, transcript, runs and checkpoints (now under its owner's key); checkpoints of no
PAM thread stay where they were; and another user may then take the same id."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from langgraph.checkpoint.base import empty_checkpoint
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from tools.db.migrate import available, migrate
from tools.db.thread_keys import UserThreads, thread_key

BEFORE = 19  # the first per-user thread migration


def _config(thread_id: str) -> Any:
    return {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}


async def _checkpoint(saver: AsyncPostgresSaver, thread_id: str, reply: str) -> None:
    checkpoint = empty_checkpoint()
    checkpoint["channel_values"] = {"reply": [reply]}  # a list: stored as a blob
    checkpoint["channel_versions"] = {"reply": 1}
    saved = await saver.aput(_config(thread_id), checkpoint, {"step": 1}, {"reply": 1})
    await saver.aput_writes(saved, [("reply", f"{reply}, pending")], "task-1")


async def test_existing_threads_keep_everything_under_their_owners_key(
    fresh_database_url: str,
) -> None:
    url = fresh_database_url
    owner, other = uuid.uuid4(), uuid.uuid4()
    tid, bare = uuid.uuid4(), uuid.uuid4()
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute(
            "CREATE TABLE pam_migrations (version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for m in available():
            if m.version < BEFORE:
                await conn.execute(m.sql.encode())
                await conn.execute(
                    "INSERT INTO pam_migrations (version, name) VALUES (%s, %s)",
                    (m.version, m.name),
                )
        await conn.execute("INSERT INTO users (id) VALUES (%s), (%s)", (owner, other))
        await conn.execute("INSERT INTO chat_threads (id, user_id) VALUES (%s, %s)", (tid, owner))
        await conn.execute(
            "INSERT INTO chat_messages (thread_id, user_id, message_id, role, content)"
            " VALUES (%s, %s, 'm1', 'human', 'hello')",
            (tid, owner),
        )
        await conn.execute(
            "INSERT INTO chat_runs (id, thread_id, user_id, status, message_id)"
            " VALUES (%s, %s, %s, 'success', 'm1')",
            (uuid.uuid4(), tid, owner),
        )
    async with AsyncPostgresSaver.from_conn_string(url) as saver:
        await saver.setup()
        await _checkpoint(saver, str(tid), "kept")
        await _checkpoint(saver, str(bare), "nobody's")

    ran = await migrate(url)

    async with AsyncPostgresSaver.from_conn_string(url) as saver:
        mine = await UserThreads(saver, owner).aget_tuple(_config(str(tid)))
        theirs = await UserThreads(saver, other).aget_tuple(_config(str(tid)))
        left_bare = await saver.aget_tuple(_config(str(tid)))
        still_bare = await saver.aget_tuple(_config(str(bare)))
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        keys = await (
            await conn.execute(
                "SELECT (SELECT array_agg(DISTINCT thread_id) FROM checkpoint_blobs"
                " WHERE thread_id LIKE %s) AS blobs,"
                " (SELECT array_agg(DISTINCT thread_id) FROM checkpoint_writes"
                " WHERE thread_id LIKE %s) AS writes",
                (f"%{tid}", f"%{tid}"),
            )
        ).fetchone()
        # The same id for another user, with a message id the owner used too.
        await conn.execute("INSERT INTO chat_threads (id, user_id) VALUES (%s, %s)", (tid, other))
        await conn.execute(
            "INSERT INTO chat_messages (thread_id, user_id, message_id, role, content)"
            " VALUES (%s, %s, 'm1', 'human', 'mine')",
            (tid, other),
        )
        kept = await (
            await conn.execute(
                "SELECT (SELECT count(*) FROM chat_messages WHERE user_id = %s) AS messages,"
                " (SELECT count(*) FROM chat_runs WHERE user_id = %s) AS runs",
                (owner, owner),
            )
        ).fetchone()
    assert [m.version for m in ran] == [m.version for m in available() if m.version >= BEFORE]
    assert mine is not None and mine.checkpoint["channel_values"] == {"reply": ["kept"]}
    assert mine.config["configurable"]["thread_id"] == str(tid)  # the client's id, out
    assert [(w[1], w[2]) for w in mine.pending_writes or []] == [("reply", "kept, pending")]
    assert theirs is None and left_bare is None
    assert still_bare is not None and still_bare.checkpoint["channel_values"] == {
        "reply": ["nobody's"]
    }
    assert keys == (
        [thread_key(owner, str(tid))],
        [thread_key(owner, str(tid))],
    )
    assert kept == (1, 1)
