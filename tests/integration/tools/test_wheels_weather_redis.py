"""RedisCache: a real Redis when REDIS_URL is set, and failures that degrade to a miss."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio

from tests.conftest import ScopedDb
from tests.integration.tools.test_wheels_weather import open_meteo
from tests.integration.tools.wheels_support import call, fake_service, services
from tools.cache import RedisCache


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[redis.asyncio.Redis]:
    client = redis.asyncio.Redis.from_url(redis_url)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.mark.redis
async def test_round_trip_with_prefix_and_ttl(redis_client: redis.asyncio.Redis) -> None:
    prefix = f"pam:test:{uuid.uuid4().hex}:"
    cache = RedisCache(redis_client, prefix=prefix)
    assert await cache.get("weather:a") is None
    await cache.set("weather:a", b"\x00forecast\xff", 60)
    assert await cache.get("weather:a") == b"\x00forecast\xff"
    assert 0 < await redis_client.ttl(prefix + "weather:a") <= 60
    await cache.set("weather:gone", b"x", 0)  # a zero TTL still expires (1 s), never lives forever
    assert 0 < await redis_client.ttl(prefix + "weather:gone") <= 1
    await redis_client.delete(prefix + "weather:a", prefix + "weather:gone")


@pytest.mark.redis
async def test_forecasts_are_shared_between_processes_through_redis(
    scoped: ScopedDb, user_id: uuid.UUID, redis_client: redis.asyncio.Redis
) -> None:
    prefix = f"pam:test:{uuid.uuid4().hex}:"
    with fake_service(open_meteo) as server:
        for _process in range(2):  # two caches over one Redis: as two server processes
            svc = services(weather_url=server.url, cache=RedisCache(redis_client, prefix=prefix))
            result = await call(scoped, user_id, "weather_forecast", svc=svc, location="Innamincka")
            assert result["ok"] is True, result
    assert len(server.requests) == 1
    keys = await redis_client.keys(prefix + "*")
    assert len(keys) == 1
    await redis_client.delete(*keys)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_redis_down_is_a_miss_and_weather_still_works(
    scoped: ScopedDb, user_id: uuid.UUID
) -> None:
    client = redis.asyncio.Redis(host="127.0.0.1", port=_free_port(), socket_connect_timeout=0.2)
    cache = RedisCache(client)
    try:
        assert await cache.get("k") is None
        await cache.set("k", b"v", 60)  # no exception
        with fake_service(open_meteo) as server:
            svc = services(weather_url=server.url, cache=cache)
            for _ in range(2):
                result = await call(
                    scoped, user_id, "weather_forecast", svc=svc, location="Tibooburra"
                )
                assert result["ok"] is True, result
        assert len(server.requests) == 2  # nothing could be cached
    finally:
        await client.aclose()


async def test_a_hung_redis_times_out_then_is_left_alone_for_a_while() -> None:
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        host, port = listener.getsockname()
        client = redis.asyncio.Redis(host=host, port=port)
        try:
            retrying = RedisCache(client, timeout_s=0.2, cooldown_s=0)
            started = time.monotonic()
            assert await retrying.get("k") is None
            await retrying.set("k", b"v", 60)
            assert 0.35 < time.monotonic() - started < 2  # both waited out their timeout
            resting = RedisCache(client, timeout_s=0.2)
            assert await resting.get("k") is None
            started = time.monotonic()
            assert await resting.get("k") is None
            await resting.set("k", b"v", 60)
            assert time.monotonic() - started < 0.05  # in its cooldown: Redis not asked
        finally:
            await client.aclose()
