"""Coordination through Postgres alone, piece by piece on the real database (the
two-process behaviour is in tests/scale, run with both Redis and Postgres): rate-limit
windows counted by one statement per hit and shared by every process, one holder per
thread lock, freed when its process's session dies, runs followed from another
coordinator, pushes counted by the processes that hold the user's sockets."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import pytest

from server.ratelimit import PostgresCounter, rate_item
from server.runs import ThreadBusy
from server.runs.over_postgres import PostgresCoordinator
from server.runs.run import Run
from server.runs.store import DuplicateMessage
from server.ws.registry import SocketRegistry
from tools.db.pool import Pool


@pytest.fixture
async def coordinators(migrated_url: str, pool: Pool) -> AsyncIterator[list[PostgresCoordinator]]:
    """Two coordinators, as two processes would have: each its own session."""
    opened = [await PostgresCoordinator.open(migrated_url, pool) for _ in range(2)]
    try:
        yield opened
    finally:
        for coordinator in opened:
            await coordinator.aclose()


USER = uuid4()  # one user's threads (another user's thread of the same id is another thread)


def a_run(thread_id: str, message_id: str | None = None, user_id: UUID = USER) -> Run:
    return Run(
        run_id=str(uuid4()),
        thread_id=thread_id,
        user_id=user_id,
        metadata={},
        on_disconnect="continue",
        message_id=message_id,
    )


async def test_a_window_counts_hits_from_every_process_and_says_how_long_to_wait(
    pool: Pool,
) -> None:
    one, two = PostgresCounter(pool), PostgresCounter(pool)
    item, key = rate_item("3/minute"), f"test:{uuid4()}"
    assert [await one.hit(item, key), await two.hit(item, key), await one.hit(item, key)] == [
        None,
        None,
        None,
    ]
    wait = await two.hit(item, key)
    assert wait is not None and 55 <= wait <= 60
    assert await one.hit(item, f"test:{uuid4()}") is None  # another key: its own window


async def test_a_refused_hit_is_not_counted_and_the_window_moves(pool: Pool) -> None:
    counter, key = PostgresCounter(pool), f"test:{uuid4()}"
    item = rate_item("2/2 seconds")
    assert await counter.hit(item, key) is None
    assert await counter.hit(item, key) is None
    for _ in range(3):
        assert await counter.hit(item, key) is not None
    await asyncio.sleep(2.1)
    assert await counter.hit(item, key) is None  # the refused hits did not extend it


async def test_concurrent_hits_never_exceed_the_limit(pool: Pool) -> None:
    counters = [PostgresCounter(pool) for _ in range(4)]
    item, key = rate_item("10/minute"), f"test:{uuid4()}"
    waits = await asyncio.gather(*(counters[i % 4].hit(item, key) for i in range(30)))
    assert waits.count(None) == 10


async def test_one_holder_per_thread_across_processes(
    coordinators: list[PostgresCoordinator],
) -> None:
    a, b = coordinators
    thread = str(uuid4())
    first, second = a_run(thread, "msg-1"), a_run(thread, "msg-2")
    held, waiting = a.lease(first), b.lease(second)
    await held.announce()
    await waiting.announce()
    await held.claim("reject")
    assert held.held and await b.thread_held(first.thread_key)
    with pytest.raises(ThreadBusy):
        await waiting.claim("reject")
    duplicate = b.lease(a_run(thread, "msg-1"))
    await duplicate.announce()
    with pytest.raises(DuplicateMessage) as told:
        await duplicate.claim("reject")
    assert told.value.run_id == first.run_id
    queued = asyncio.create_task(waiting.acquire())
    await asyncio.sleep(0.3)
    assert not queued.done()  # waits for the holder in the other process
    await held.end()
    await asyncio.wait_for(queued, 5)
    assert waiting.held
    await waiting.end()
    await duplicate.end()
    assert not await a.thread_held(first.thread_key)


async def test_two_users_threads_of_one_id_are_apart(
    coordinators: list[PostgresCoordinator],
) -> None:
    a, b = coordinators
    thread = str(uuid4())
    mine, theirs = a_run(thread), a_run(thread, user_id=uuid4())
    held, other = a.lease(mine), b.lease(theirs)
    for lease in (held, other):
        await lease.announce()
        await lease.claim("reject")  # neither is busy: two threads
    assert held.held and other.held
    for lease in (held, other):
        await lease.end()


async def test_a_dead_process_frees_its_threads_and_its_runs_are_gone(
    migrated_url: str, pool: Pool, coordinators: list[PostgresCoordinator]
) -> None:
    survivor = coordinators[1]
    doomed = await PostgresCoordinator.open(migrated_url, pool)
    thread = str(uuid4())
    run = a_run(thread)
    lease = doomed.lease(run)
    await lease.announce()
    await lease.claim("reject")
    assert not await survivor.owner_gone(run.run_id, run.thread_key, run.created_at)
    await doomed.session.aclose()  # the process dies: its session goes with it
    started = time.monotonic()
    while not await survivor.owner_gone(run.run_id, run.thread_key, run.created_at):
        assert time.monotonic() - started < 10
        await asyncio.sleep(0.1)
    other = survivor.lease(a_run(thread))
    await other.announce()
    await other.claim("reject")  # free: no THREAD_BUSY
    assert other.held
    await other.end()
    await doomed.aclose()


async def test_a_run_is_followed_from_another_process_to_its_end(
    coordinators: list[PostgresCoordinator],
) -> None:
    owner, follower = coordinators
    run = a_run(str(uuid4()), "m")
    run.extras = {"stream_modes": "values,updates"}
    lease = owner.lease(run)
    await lease.announce()
    await lease.claim("reject")
    lease.mirror()
    run.log.append("updates", (), {"router": {"route": ["money"]}})
    joined = await follower.attach(run.run_id)
    assert joined is not None and joined.remote
    assert joined.extras == run.extras and joined.message_id == "m"
    seen: list[Any] = []

    async def read() -> None:
        async for event in joined.events():
            seen.append((event.seq, event.mode, event.data))

    reader = asyncio.create_task(read())
    run.log.append("messages", ("money:1",), ({"content": "hi"}, {"step": 1}))
    for n in range(1200):  # more than one read's worth, in many batches
        run.log.append("custom", (), {"n": n})
        if n % 100 == 0:
            await asyncio.sleep(0.03)
    run.values = {"reply": "done"}
    run.result = {"reply": "done", "ui_actions": []}
    run.end("success")
    await lease.end()
    await asyncio.wait_for(joined.ended(), 10)
    await asyncio.wait_for(reader, 5)
    assert joined.status == "success" and joined.values == {"reply": "done"}
    assert joined.result == {"reply": "done", "ui_actions": []}
    assert seen[:2] == [
        (1, "updates", {"router": {"route": ["money"]}}),
        (2, "messages", ({"content": "hi"}, {"step": 1})),
    ]
    assert seen[2:] == [(3 + n, "custom", {"n": n}) for n in range(1200)]
    assert await follower.attach(str(uuid4())) is None
    assert await follower.attach("not-a-run") is None


async def test_a_push_counts_the_processes_holding_the_users_sockets(
    coordinators: list[PostgresCoordinator],
) -> None:
    a, b = coordinators
    user = uuid4()

    class Socket:
        def __init__(self) -> None:
            self.user_id: UUID = user
            self.frames: list[dict[str, Any]] = []

        def send(self, frame: dict[str, Any]) -> bool:
            self.frames.append(frame)
            return True

    registry, socket = SocketRegistry(), Socket()
    b.serve_pushes(registry)
    a.serve_pushes(SocketRegistry())
    assert await a.push(user, {"type": "reminder"}) == 0  # no socket anywhere
    registry.add(socket)
    started = time.monotonic()
    while not (b.listening(user) and b.listener.subscribed("pam_push")):
        assert time.monotonic() - started < 10
        await asyncio.sleep(0.05)
    assert await a.push(user, {"type": "reminder", "n": 1}) == 1
    started = time.monotonic()
    while not socket.frames:
        assert time.monotonic() - started < 10
        await asyncio.sleep(0.05)
    assert socket.frames == [{"type": "reminder", "n": 1}]
    registry.remove(socket)
    started = time.monotonic()
    while await a.push(user, {"type": "reminder"}):
        assert time.monotonic() - started < 10
        await asyncio.sleep(0.05)
