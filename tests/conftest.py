"""Shared fixtures: a private test database (CI's server or the embedded one), its pool,
fresh users, and Redis when the machine has it.

With DATABASE_URL set, the suite creates its own database on that server (so runs never
see each other's rows) and drops it at the end. Without it, the suite starts an embedded
PostgreSQL in a temporary directory: the same SQL, the same code path.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from xdist.scheduler import LoadFileScheduling

from tests.servers import private_postgres, scratch_database
from tools.db.migrate import migrate
from tools.db.pool import Pool, open_pool
from tools.db.scope import UserDb, user_db

ScopedDb = Callable[..., AbstractAsyncContextManager[UserDb]]
REDIS_DATABASES = 16  # Redis's default `databases`
CONFORMANCE = "tests/conformance"  # node ids start with the path from the root
# `make chaos`: the full runs behind the `chaos` marker, their report (tests/chaos/plugin.py).
pytest_plugins = ["tests.chaos.plugin"]


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (`make test` runs two workers), each worker takes a Redis
    database of its own, one past REDIS_URL's, so that its rate-limit counters, locks and
    streams never meet the other worker's. Set in the environment, it reaches every
    `pam serve` the worker starts. (Each worker's Postgres database is already its own:
    `scratch_database` names it by process.)"""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("REDIS_URL")
    if worker and url:
        os.environ["REDIS_URL"] = worker_redis_url(url, int(worker.removeprefix("gw")))


class FilesAndConformance(LoadFileScheduling):  # type: ignore[misc]  # xdist is untyped
    """`make test`'s split (`--dist loadfile`): a test file goes whole to one worker (its
    module's servers start once), and the conformance files all to the same one (their
    session's `langgraph dev` and `pam serve` start once, not once a worker). Chosen by
    node id: pytest 9 keeps a node's id apart from the `_nodeid` that xdist's
    `loadgroup` rewrites, so marks cannot group tests."""

    def _split_scope(self, nodeid: str) -> str:
        if nodeid.startswith(f"{CONFORMANCE}/"):
            return CONFORMANCE
        return str(super()._split_scope(nodeid))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") == "loadfile":
        return FilesAndConformance(config, log)
    return None


def worker_redis_url(url: str, worker: int) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + 1 + worker) % REDIS_DATABASES}"))


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL")
    if not server_url:
        with private_postgres() as embedded:  # outside pytest's temp root, as it says why
            yield embedded.url
        return
    with scratch_database(server_url, "pam_test") as url:
        yield url


@pytest.fixture(scope="session")
async def migrated_url(database_url: str) -> str:
    await migrate(database_url)
    return database_url


@pytest.fixture(scope="session")
async def pool(migrated_url: str) -> AsyncIterator[Pool]:
    p = await open_pool(migrated_url, min_size=1, max_size=8)
    try:
        yield p
    finally:
        await p.close()


@pytest.fixture
def user_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def scoped(pool: Pool) -> ScopedDb:
    """`async with scoped(user_id, now=...) as db:` opens one user-scoped transaction."""

    def open_scope(
        uid: uuid.UUID, *, now: datetime | None = None
    ) -> AbstractAsyncContextManager[UserDb]:
        return user_db(pool, uid, now=now)

    return open_scope


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: this test needs a real Redis server")
    return url


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
