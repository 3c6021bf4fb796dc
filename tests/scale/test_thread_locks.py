"""The per-thread Redis lock behind THREAD_BUSY across instances: one holder at a time,
released by its holder only, expiring when its instance dies, and no obstacle to a turn
when Redis itself is down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
import redis.asyncio as aioredis

from server.runs.coordinator import Holder
from server.runs.over_redis import ThreadLocks
from tests.servers import free_port

pytestmark = pytest.mark.redis


@pytest.fixture
async def client(private_redis: str) -> AsyncIterator[aioredis.Redis]:
    redis = aioredis.from_url(private_redis)
    try:
        yield redis
    finally:
        await redis.aclose()


async def test_one_holder_at_a_time_and_only_it_releases(client: aioredis.Redis) -> None:
    locks, thread = ThreadLocks(client), str(uuid4())
    first, second = Holder("run-1", "msg-1"), Holder("run-2")
    assert await locks.try_acquire(thread, first) is None
    assert await locks.try_acquire(thread, first) is None  # its own: still held
    assert await locks.try_acquire(thread, second) == first  # message id included
    await locks.release(thread, second)  # not the holder: no effect
    assert await locks.holder(thread) == first
    await locks.release(thread, first)
    assert await locks.try_acquire(thread, second) is None


async def test_a_dead_instances_lock_expires_and_a_waiter_takes_it(
    client: aioredis.Redis,
) -> None:
    short = ThreadLocks(client, ttl_s=0.3)
    thread = str(uuid4())
    assert await short.try_acquire(thread, Holder("crashed")) is None  # never renewed
    waiter = Holder("queued")
    await asyncio.wait_for(short.acquire(thread, waiter), 5)
    assert await short.holder(thread) == waiter
    assert await short.renew(thread, waiter) is True
    assert await short.renew(thread, Holder("crashed")) is False


async def test_with_redis_unreachable_each_instance_decides_alone() -> None:
    gone = aioredis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5)
    try:
        locks = ThreadLocks(gone)
        assert await locks.try_acquire("t", Holder("run")) is None
        assert await locks.renew("t", Holder("run")) is False
        await locks.release("t", Holder("run"))  # logged, not raised
    finally:
        await gone.aclose()
