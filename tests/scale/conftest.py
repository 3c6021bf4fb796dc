"""Two real `pam serve` processes sharing one Postgres (the test database), coordinating
through a private `redis-server` or through Postgres alone (every test using `pair` runs
with both), with a model server whose replies a test can hold.

    async with httpx.AsyncClient(headers=auth("ann")) as c:
        await c.post(f"{pair.a}/api/v1/pam/chat", json=...)
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

import psycopg
import pytest
import redis.asyncio as aioredis

from evals.replay.server import serve_in_background
from server.jobs.worker import ensure_job_schema
from server.runs.over_postgres import user_key
from server.runs.over_redis import push_channel
from tests.api.conftest import TEST_JWT_SECRET
from tests.scale.llm import MODEL, GatedBrain
from tests.servers import RunningServer, pam_server, scratch_database
from tests.servers import private_redis as private_redis_server
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool

pytestmark = pytest.mark.redis


COORDINATIONS = ("redis", "postgres")


@dataclass(frozen=True)
class Coordination:
    """How the servers of a test agree: through Redis, or through Postgres alone."""

    kind: Literal["redis", "postgres"]
    redis_url: str  # "" without Redis
    database_url: str

    def env(self) -> dict[str, str]:
        return {"REDIS_URL": self.redis_url, "PAM_COORDINATION": self.kind}

    async def pushes_reach(self, user_id: UUID) -> int:
        """How many processes deliver pushes to the user (hold a socket of theirs)."""
        if self.kind == "redis":
            client = aioredis.from_url(self.redis_url)
            try:
                [(_, count)] = await client.pubsub_numsub(push_channel(user_id))
                return int(count)
            finally:
                await client.aclose()
        high, low = user_key(user_id)
        async with await psycopg.AsyncConnection.connect(self.database_url) as conn:
            row = await (
                await conn.execute(
                    "SELECT count(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND granted AND classid::text::bigint = %s AND objid::text::bigint = %s"
                    " AND objsubid = 2",
                    (high & 0xFFFFFFFF, low & 0xFFFFFFFF),
                )
            ).fetchone()
        return int(row[0]) if row else 0


@pytest.fixture(scope="session", params=COORDINATIONS)
def coordination(request: pytest.FixtureRequest, migrated_url: str) -> Coordination:
    if request.param == "redis":
        return Coordination("redis", request.getfixturevalue("private_redis"), migrated_url)
    return Coordination("postgres", "", migrated_url)


@dataclass
class Pair:
    a: str
    b: str
    servers: list[RunningServer]
    coordination: Coordination

    @property
    def redis_url(self) -> str:
        return self.coordination.redis_url


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


@pytest.fixture(scope="session")
async def migrated_url(database_url: str) -> AsyncIterator[str]:
    """A database of the scale tests' own: the suite's other servers run job workers on
    theirs, which would take these tests' reminder jobs and deliver them elsewhere."""
    with scratch_database(database_url, "pam_scale") as url:
        await migrate(url)
        # The job tables too, as a server's first start makes them: a test that reads
        # them before its first server (the killed-worker one) then runs alone as well.
        await ensure_job_schema(url)
        yield url


@pytest.fixture(scope="session")
async def pool(migrated_url: str) -> AsyncIterator[Pool]:
    # The root conftest's `pool` again, on purpose: a session fixture is made once, so the
    # root one, once opened on the suite's database, would be reused here on the wrong one.
    p = await open_pool(migrated_url, min_size=1, max_size=8)
    try:
        yield p
    finally:
        await p.close()


CHAT_RATE = 12  # per user per minute, counted across both instances
STARTUP_S = 180  # generous: two processes importing at once on a busy 2-core machine


@pytest.fixture(scope="session")
def pair(
    migrated_url: str, coordination: Coordination, brain: tuple[GatedBrain, str]
) -> Iterator[Pair]:
    """Two instances, started side by side (each takes seconds to import). Jobs run in a
    `pam worker` of their own in the jobs tests, so these run none."""
    env = server_env(
        migrated_url,
        coordination.redis_url,
        brain[1],
        PAM_WORKER="false",
        RATE_LIMIT_CHAT=f"{CHAT_RATE}/minute",
        PAM_COORDINATION=coordination.kind,
    )
    with ExitStack() as stack, ThreadPoolExecutor(2) as pool:
        starting = [
            pool.submit(stack.enter_context, pam_server(env, ready_timeout_s=STARTUP_S))
            for _ in range(2)
        ]
        one, two = (f.result() for f in starting)
        yield Pair(one.url, two.url, [one, two], coordination)


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
