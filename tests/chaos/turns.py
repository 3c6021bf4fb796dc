"""One chat turn as a client sees it, over the WebSocket or over SSE.

An `Outcome` is what came back: the reply or an approval request (`completed`), an
error the server chose to send (`error`, with its code: a JSON error, an `error` event
or frame), or nothing usable because the connection broke or timed out (`broken`).
Every body the client receives is also checked for a leaked traceback.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import orjson
from websockets.asyncio.client import ClientConnection

Kind = Literal["completed", "error", "broken"]
TRACEBACK = "Traceback (most recent call last)"


@dataclass
class Outcome:
    kind: Kind
    code: str | None = None
    reply: str = ""
    thread_id: str | None = None
    seconds: float = 0.0
    traceback: bool = False
    tool_summaries: tuple[str, ...] = ()


def _error(code: Any, started: float, raw: str = "") -> Outcome:
    return Outcome(
        "error", str(code), seconds=time.monotonic() - started, traceback=TRACEBACK in raw
    )


async def ws_turn(
    ws: ClientConnection,
    message: str,
    message_id: str,
    thread_id: str | None,
    timeout_s: float,
) -> Outcome:
    """Send a `chat` frame and read this message's frames to `response_complete`."""
    started = time.monotonic()
    frame: dict[str, Any] = {"type": "chat", "message": message, "message_id": message_id}
    if thread_id is not None:
        frame["thread_id"] = thread_id
    outcome: Outcome | None = None
    summaries: list[str] = []
    started_turn = False
    try:
        await ws.send(orjson.dumps(frame).decode())
        deadline = started + timeout_s
        while True:
            raw = await _recv(ws, deadline)
            got = orjson.loads(raw)
            refused = got.get("type") == "error" and "message_id" not in got and not started_turn
            if got.get("message_id") != message_id and not refused:
                continue  # pushes, pongs, other turns' frames (a refused frame has no id)
            kind = got.get("type")
            if TRACEBACK in str(raw):
                outcome = Outcome("error", "TRACEBACK", traceback=True)
            if kind == "chat_response_start":
                thread_id, started_turn = got.get("thread_id"), True
            elif kind == "tool_result":
                summaries.append(str(got.get("summary", "")))
            elif kind == "chat_response" and outcome is None:
                outcome = Outcome("completed", reply=str(got.get("message", "")))
            elif kind == "interrupt" and outcome is None:  # paused for the user's approval
                outcome = Outcome("completed", reply=str(got.get("action_requests", "")))
            elif kind == "error" and outcome is None:
                outcome = _error(got.get("code"), started, str(raw))
                if not started_turn:
                    break  # refused before the turn started: no response_complete follows
            elif kind == "response_complete":
                break
    except Exception:
        return Outcome("broken", thread_id=thread_id, seconds=time.monotonic() - started)
    outcome = outcome or Outcome("broken")
    outcome.thread_id = thread_id
    outcome.seconds = time.monotonic() - started
    outcome.tool_summaries = tuple(summaries)
    return outcome


async def _recv(ws: ClientConnection, deadline: float) -> str | bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    return await asyncio.wait_for(ws.recv(), remaining)


async def sse_turn(
    http: httpx.AsyncClient,
    message: str,
    message_id: str,
    thread_id: str | None,
    timeout_s: float,
) -> Outcome:
    """POST /api/v1/pam/chat/stream and read the events to `end`."""
    started = time.monotonic()
    body: dict[str, Any] = {"message": message, "message_id": message_id}
    if thread_id is not None:
        body["thread_id"] = thread_id
    outcome: Outcome | None = None
    summaries: list[str] = []
    try:
        async with http.stream(
            "POST", "/api/v1/pam/chat/stream", json=body, timeout=timeout_s
        ) as response:
            if response.status_code != 200:
                raw = (await response.aread()).decode(errors="replace")
                code = _json_code(raw) or f"HTTP {response.status_code}"
                return _error(code, started, raw)
            event = ""
            async for line in response.aiter_lines():
                if TRACEBACK in line:
                    outcome = Outcome("error", "TRACEBACK", traceback=True)
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data = orjson.loads(line[6:])
                    if event == "metadata":
                        thread_id = data.get("thread_id")
                    elif event == "tool_result":
                        summaries.append(str(data.get("summary", "")))
                    elif event == "final" and outcome is None:
                        outcome = Outcome("completed", reply=str(data.get("reply", "")))
                    elif event == "interrupt" and outcome is None:
                        outcome = Outcome("completed", reply=str(data.get("action_requests", "")))
                    elif event == "error" and outcome is None:
                        outcome = _error(data.get("code"), started, line)
                    elif event == "end":
                        break
    except (httpx.HTTPError, OSError, ValueError):
        return Outcome("broken", thread_id=thread_id, seconds=time.monotonic() - started)
    outcome = outcome or Outcome("broken")
    outcome.thread_id = thread_id
    outcome.seconds = time.monotonic() - started
    outcome.tool_summaries = tuple(summaries)
    return outcome


def _json_code(raw: str) -> str | None:
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return str(body.get("code")) if isinstance(body, dict) and body.get("code") else None
