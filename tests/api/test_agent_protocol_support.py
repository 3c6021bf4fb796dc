"""Helpers for the Agent Protocol tests (no tests here): SDK clients for fresh users,
inputs, model scripts."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langgraph.config import get_stream_writer
from langgraph_sdk import get_client
from langgraph_sdk.client import LangGraphClient
from langgraph_sdk.schema import StreamPart

from tests.api.conftest import auth
from tests.fakes import route


def person(name: str) -> str:
    """A user of this test only (the test database is shared by the session)."""
    return f"{name}-{uuid.uuid4().hex[:8]}"


def sdk(url: str, user: str) -> LangGraphClient:
    return get_client(url=url, headers=auth(user), api_key=None)


def say(text: str) -> dict[str, Any]:
    return {"messages": [{"type": "human", "content": text}]}


def general(reply: str) -> list[Any]:
    """A turn the router sends to the general node, which answers `reply`."""
    return [route("general"), AIMessage(reply)]


def writing(payload: dict[str, Any], reply: str) -> Callable[[list[BaseMessage]], AIMessage]:
    """A model step that emits a custom stream chunk, then answers."""

    def step(messages: list[BaseMessage]) -> AIMessage:
        get_stream_writer()(payload)
        return AIMessage(reply)

    return step


async def collect(parts: AsyncIterator[StreamPart]) -> list[StreamPart]:
    return [p async for p in parts]


def named(parts: list[StreamPart], event: str) -> list[Any]:
    return [p.data for p in parts if p.event == event]


async def eventually(check: Callable[[], Any], timeout_s: float = 10.0) -> None:
    """Wait until `check()` (a coroutine function) returns something truthy: polling,
    because what is checked is the server's answer over HTTP."""
    async with asyncio.timeout(timeout_s):
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(0.05)
