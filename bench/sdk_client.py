"""langgraph-sdk runs.stream as a benchmark client: PAM's Agent Protocol routes (signed
in) or `langgraph dev` (the run's context names the user)."""

from __future__ import annotations

import time
import uuid
from typing import Any

from langgraph_sdk import get_client

from bench.client_base import MESSAGE, TIMEOUT_S, TurnFailed, token_for
from bench.procs import Server

STREAM_MODES: Any = ["values", "messages-tuple"]


class SdkClient:
    """langgraph-sdk runs.stream: PAM's Agent Protocol routes, or `langgraph dev`."""

    def __init__(
        self, server: Server, user: str, *, signed_in: bool, stream_mode: Any = STREAM_MODES
    ) -> None:
        self.stream_mode = stream_mode
        headers = {"Authorization": f"Bearer {token_for(user)}"} if signed_in else None
        self.client = get_client(url=server.url, headers=headers, timeout=TIMEOUT_S)
        # `langgraph dev` has no sign-in: the run's context says who the user is.
        self.context = None if signed_in else {"user_id": str(uuid.uuid5(uuid.NAMESPACE_URL, user))}
        self.thread_id = ""

    async def setup(self) -> None:
        await self.new_thread()
        await self.turn()

    async def new_thread(self) -> None:
        self.thread_id = (await self.client.threads.create())["thread_id"]

    async def turn(self, message: str = MESSAGE) -> float | None:
        first: float | None = None
        turn: Any = {"messages": [{"role": "user", "content": message}]}
        async for part in self.client.runs.stream(
            self.thread_id,
            "pam",
            input=turn,
            stream_mode=self.stream_mode,
            context=self.context,
        ):
            if part.event == "error":
                raise TurnFailed(str(part.data)[:200])
            if first is None and part.event == "messages" and _ai_text(part.data):
                first = time.perf_counter()
        return first

    async def close(self) -> None:
        await self.client.aclose()


AI_TYPES = frozenset({"ai", "AIMessage", "AIMessageChunk"})


def _ai_text(data: Any) -> bool:
    """A messages-tuple part that carries reply text (not a tool call, not a tool result)."""
    message = data[0] if isinstance(data, list) and data else None
    return (
        isinstance(message, dict)
        and message.get("type") in AI_TYPES
        and bool(message.get("content"))
    )
