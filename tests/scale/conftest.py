"""Two real `pam serve` processes sharing one Postgres (the test database) and one
private `redis-server`, with a model server whose replies a test can hold.

    async with httpx.AsyncClient(headers=auth("ann")) as c:
        await c.post(f"{pair.a}/api/v1/pam/chat", json=...)
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from evals.replay.server import serve_in_background
from tests.api.conftest import TEST_JWT_SECRET
from tests.scale.llm import MODEL, GatedBrain
from tests.servers import RunningServer, pam_server
from tests.servers import private_redis as private_redis_server

pytestmark = pytest.mark.redis


@dataclass
class Pair:
    a: str
    b: str
    servers: list[RunningServer]
    redis_url: str


@pytest.fixture(scope="session")
def private_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of our own, so tests can count its keys (and chaos can kill it)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with private_redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture(scope="session")
def brain() -> Iterator[tuple[GatedBrain, str]]:
    gated = GatedBrain()
    with serve_in_background(gated) as server:
        yield gated, server.url


def server_env(database_url: str, redis_url: str, model_url: str, **extra: str) -> dict[str, str]:
    return {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PAM_JWT_SECRET": TEST_JWT_SECRET,
        "PAM_MODEL": MODEL,
        "OPENAI_BASE_URL": model_url,
        "OPENAI_API_KEY": "sk-test",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


CHAT_RATE = 12  # per user per minute, counted across both instances
STARTUP_S = 180  # generous: two processes importing at once on a busy 2-core machine


@pytest.fixture(scope="session")
def pair(migrated_url: str, private_redis: str, brain: tuple[GatedBrain, str]) -> Iterator[Pair]:
    """Two instances, started side by side (each takes seconds to import). Jobs run in a
    `pam worker` of their own in the jobs tests, so these run none."""
    env = server_env(
        migrated_url,
        private_redis,
        brain[1],
        PAM_WORKER="false",
        RATE_LIMIT_CHAT=f"{CHAT_RATE}/minute",
    )
    with ExitStack() as stack, ThreadPoolExecutor(2) as pool:
        starting = [
            pool.submit(stack.enter_context, pam_server(env, ready_timeout_s=STARTUP_S))
            for _ in range(2)
        ]
        one, two = (f.result() for f in starting)
        yield Pair(one.url, two.url, [one, two], private_redis)


@pytest.fixture
def gate(brain: tuple[GatedBrain, str]) -> Iterator[GatedBrain]:
    """`gate.close()`: plain-text replies wait until `gate.open()` (or the test's end)."""
    try:
        yield brain[0]
    finally:
        brain[0].open()


async def until(check: object, timeout_s: float = 15.0, every_s: float = 0.05) -> None:
    """Poll `check()` (sync or async) until it is true."""
    async with asyncio.timeout(timeout_s):
        while True:
            result = check()  # type: ignore[operator]
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return
            await asyncio.sleep(every_s)
