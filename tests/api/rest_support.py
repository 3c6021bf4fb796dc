"""Helpers for the REST tests (no tests here): fresh users with their own clients, and
short checks of a response's status and JSON body."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx

from tests.api.conftest import LiveServer, auth


def new_user(name: str = "user") -> str:
    """A user name no other test uses, so every list starts empty."""
    return f"{name}-{uuid.uuid4().hex[:10]}"


@asynccontextmanager
async def clients(server: LiveServer, *names: str) -> AsyncIterator[list[httpx.AsyncClient]]:
    """One client per name, each signed in as a fresh user, based at /api/v1."""
    async with AsyncExitStack() as stack:
        made = []
        for name in names:
            client = httpx.AsyncClient(
                base_url=f"{server.url}/api/v1", headers=auth(new_user(name)), timeout=20
            )
            made.append(await stack.enter_async_context(client))
        yield made


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.text)
    return response.json()


def error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """A JSON error in the one shape: {"detail", "code"}."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"detail", "code"} and body["detail"], body
    if code is not None:
        assert body["code"] == code, body
    return body
