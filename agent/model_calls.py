"""Calling the chat model: PAM's one retry layer, bounded by the turn's deadline.

Every model call of a turn (router, domain agents, general) goes through `call_model`.
The client underneath retries nothing (`max_retries=0`, agent/model.py), so what
happens on an error is decided here only:

- a timeout, a dropped connection, a 429 or a 5xx is tried again (at most
  `MAX_ATTEMPTS` in all, short backoff), each attempt cut off at the turn's deadline;
- a reply whose tool-call arguments are not valid JSON (cut off, or malformed) is asked
  for again once, with a note saying so;
- a 400 or another 4xx, or anything else, is not retried: it will not get better;
- when the deadline has passed, no call is started.

What cannot be answered raises `ModelUnavailable(kind)`; the callers turn it into the
apology (the thread stays well-formed, so the next message works). Each error is logged
and dispatched as a `pam_model_error` custom event with its kind, which the server's
metrics callback counts (`pam_model_errors_total{kind}`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal

import structlog
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage

from agent.events import emit

log = structlog.get_logger("pam.model")

ErrorKind = Literal[
    "timeout",
    "connection",
    "rate_limit",
    "server_error",
    "bad_request",
    "auth",
    "bad_tool_json",
    "deadline",
    "other",
]
RETRIED: frozenset[ErrorKind] = frozenset(
    {"timeout", "connection", "rate_limit", "server_error", "bad_tool_json"}
)
MAX_ATTEMPTS = 3
BACKOFF_S = (0.5, 1.0)
MIN_ATTEMPT_S = 0.25  # not worth starting a call with less time than this left
BAD_JSON_NOTE = (
    "Your last reply called {name} with arguments that were not valid JSON (cut off or"
    " malformed). Call it again with complete JSON arguments, or ask the user."
)


class ModelUnavailable(Exception):
    def __init__(self, kind: ErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind: ErrorKind = kind


def error_kind(exc: BaseException) -> ErrorKind:
    """What went wrong, from the exception an OpenAI-compatible client raises."""
    if isinstance(exc, ModelUnavailable):
        return exc.kind
    if isinstance(exc, TimeoutError):
        return "timeout"
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(exc, "response", None), "status_code", None)
    if "Timeout" in name:
        return "timeout"
    if isinstance(status, int):
        if status == 429:
            return "rate_limit"
        if status >= 500:
            return "server_error"
        if status in (401, 403):
            return "auth"
        if 400 <= status < 500:
            return "bad_request"
    if "Connection" in name or isinstance(exc, ConnectionError):
        return "connection"
    return "other"


async def report(kind: ErrorKind, where: str, detail: str = "") -> None:
    """Log a model error and dispatch it for the metrics (outside a run: log only)."""
    log.warning("model call failed", kind=kind, where=where, detail=detail[:300])
    await emit("pam_model_error", {"kind": kind, "where": where})


def broken_call(message: AIMessage) -> str | None:
    """The tool name of the first call whose arguments did not parse, if any."""
    for bad in message.invalid_tool_calls:
        return str(bad.get("name") or "a tool")
    return None


Invoke = Callable[[list[BaseMessage]], Awaitable[Any]]


async def call_model(
    invoke: Invoke, messages: Sequence[BaseMessage], deadline: float, *, where: str
) -> AIMessage:
    """`invoke(messages)` with PAM's retries, all within `deadline` (time.monotonic())."""
    prompt = list(messages)
    for attempt in range(MAX_ATTEMPTS):
        left = deadline - time.monotonic()
        if left < MIN_ATTEMPT_S:
            await report("deadline", where)
            raise ModelUnavailable("deadline")
        try:
            answer = await asyncio.wait_for(invoke(prompt), timeout=left)
        except Exception as exc:
            kind = error_kind(exc)
            await report(kind, where, f"{type(exc).__name__}: {exc}")
            if kind not in RETRIED or attempt == MAX_ATTEMPTS - 1:
                raise ModelUnavailable(kind, str(exc)) from exc
            pause = min(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)], deadline - time.monotonic())
            if pause > 0:
                await asyncio.sleep(pause)
            continue
        message = answer if isinstance(answer, AIMessage) else AIMessage(str(answer))
        broken = broken_call(message)
        if broken is None:
            return message
        await report("bad_tool_json", where, broken)
        if attempt == MAX_ATTEMPTS - 1 or any(isinstance(m, SystemMessage) for m in prompt[1:]):
            raise ModelUnavailable("bad_tool_json", broken)
        prompt = [*prompt, SystemMessage(BAD_JSON_NOTE.format(name=broken))]
    raise ModelUnavailable("other")  # the loop always returns or raises first
