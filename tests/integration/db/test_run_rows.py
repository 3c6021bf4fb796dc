"""A run's row inserted in one round trip (`store.insert_run` over `user_writes`), with
what its insert refuses: a thread the user's scope does not see, a message id the thread
has already had."""

from __future__ import annotations

import uuid

import pytest

from bench.round_trips import counting_round_trips
from server.runs.run import Run
from server.runs.store import DuplicateMessage, insert_run
from server.runs.threads import ThreadNotFound
from tests.conftest import ScopedDb
from tools.db.pool import Pool


async def _thread(scoped: ScopedDb, user: uuid.UUID) -> str:
    thread_id = uuid.uuid4()
    async with scoped(user) as db:
        await db.conn.execute(
            "INSERT INTO chat_threads (id, user_id) VALUES (%s, %s)", (thread_id, user)
        )
    return str(thread_id)


def _run(user: uuid.UUID, thread_id: str, message_id: str | None = None) -> Run:
    return Run(
        run_id=str(uuid.uuid4()),
        thread_id=thread_id,
        user_id=user,
        metadata={"k": "v"},
        on_disconnect="continue",
        message_id=message_id,
    )


async def _rows(scoped: ScopedDb, user: uuid.UUID, thread_id: str) -> list[tuple[str, str]]:
    async with scoped(user) as db:
        rows = await (
            await db.conn.execute(
                "SELECT id::text, status FROM chat_runs WHERE thread_id = %s ORDER BY created_at",
                (uuid.UUID(thread_id),),
            )
        ).fetchall()
    return [(r["id"], r["status"]) for r in rows]


async def test_a_run_row_is_inserted_in_one_round_trip(scoped: ScopedDb, pool: Pool) -> None:
    user = uuid.uuid4()
    thread_id = await _thread(scoped, user)
    run = _run(user, thread_id)
    run.set_status("running")
    with counting_round_trips() as trips:
        await insert_run(pool, run)
    # Before: BEGIN with the scope, the insert, COMMIT — three.
    assert trips[0] == 1
    assert await _rows(scoped, user, thread_id) == [(run.run_id, "running")]


async def test_a_thread_outside_the_users_scope_is_not_found_and_nothing_is_written(
    scoped: ScopedDb, pool: Pool
) -> None:
    owner, other = uuid.uuid4(), uuid.uuid4()
    thread_id = await _thread(scoped, owner)
    with pytest.raises(ThreadNotFound):
        await insert_run(pool, _run(other, thread_id))
    with pytest.raises(ThreadNotFound):
        await insert_run(pool, _run(other, str(uuid.uuid4())))
    assert await _rows(scoped, owner, thread_id) == []


async def test_a_message_id_seen_on_the_thread_is_a_duplicate_of_its_first_run(
    scoped: ScopedDb, pool: Pool
) -> None:
    user = uuid.uuid4()
    thread_id = await _thread(scoped, user)
    first = _run(user, thread_id, message_id="m-1")
    await insert_run(pool, first)
    with pytest.raises(DuplicateMessage) as raised:
        await insert_run(pool, _run(user, thread_id, message_id="m-1"))
    assert raised.value.run_id == first.run_id
    assert [run_id for run_id, _ in await _rows(scoped, user, thread_id)] == [first.run_id]
    # The connection the refused insert used is usable again (no transaction left open).
    second = _run(user, thread_id, message_id="m-2")
    await insert_run(pool, second)
    assert len(await _rows(scoped, user, thread_id)) == 2
