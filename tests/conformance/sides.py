"""The two servers a conformance case talks to, as the same scripted SDK calls see them.

`reference` is `langgraph dev` (LangGraph's own in-memory Agent Server) and `pam` is
`pam serve`; both serve graph.py with the offline brain on the same migrated database.
A side knows how its caller is identified: PAM by a bearer token (the user comes only
from it), `langgraph dev` (no auth) by `context.user_id`, which graph.py reads when the
host passes no user of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

from langgraph_sdk import get_client
from langgraph_sdk.client import LangGraphClient

from bench.launch import JWT_SECRET
from server.auth import TokenVerifier

SideName = Literal["reference", "pam"]
ASSISTANT = "pam"


@dataclass(frozen=True)
class Side:
    name: SideName
    url: str

    @asynccontextmanager
    async def client(self, user: str | None = None) -> AsyncIterator[Caller]:
        user = user or f"conformance-{uuid.uuid4().hex[:10]}"
        headers: dict[str, str] = {}
        if self.name == "pam":
            verifier = TokenVerifier(secret=JWT_SECRET, audience="authenticated")
            token = verifier.issue(user, ttl_s=3600)
            headers["Authorization"] = f"Bearer {token}"
        async with get_client(url=self.url, headers=headers, api_key=None) as client:
            yield Caller(self, client, user)


@dataclass(frozen=True)
class Caller:
    """One user's SDK client on one side."""

    side: Side
    sdk: LangGraphClient
    user: str

    @property
    def context(self) -> dict[str, Any]:
        """The run context: `langgraph dev` learns the user from it, PAM ignores it."""
        if self.side.name == "pam":
            return {}
        return {"user_id": str(uuid.uuid5(uuid.NAMESPACE_URL, self.user))}
