"""A compiled graph over the test database, with Postgres checkpoints."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import pytest
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from agent.context import Context
from graph import build_graph
from tests.fakes import ScriptedChatModel
from tools.db.pool import Pool

NOW = "2026-03-10T09:00:00+11:00"


@pytest.fixture(scope="session")
async def checkpointer(pool: Pool) -> AsyncIterator[AsyncPostgresSaver]:
    saver = AsyncPostgresSaver(pool)
    await saver.setup()
    yield saver


@pytest.fixture
def make_graph(checkpointer: AsyncPostgresSaver) -> Callable[[ScriptedChatModel], Any]:
    return lambda model: build_graph(checkpointer=checkpointer, model=model)


@pytest.fixture
def context(pool: Pool, user_id: uuid.UUID) -> Context:
    return Context(user_id=str(user_id), now=NOW, pool=pool)


def thread() -> RunnableConfig:
    return {"configurable": {"thread_id": str(uuid.uuid4())}}


def at(now: str) -> datetime:
    return datetime.fromisoformat(now)
