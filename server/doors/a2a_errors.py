"""An A2A internal error tells the client nothing of the server's insides.

The A2A SDK answers an exception it did not expect as a JSON-RPC internal error (-32603)
whose message is the exception's own text (Postgres's constraint and table names, a
connection error, Python's codec message). A turn's own failures are answered by
`PamExecutor.execute` with INTERNAL and the request's id; this net rewrites any other
-32603 the SDK sends, in a JSON answer or an SSE event, the same way, and logs the text
it replaced under that reference (redteam 11).
"""

from __future__ import annotations

from typing import Any

import orjson
import structlog
from starlette.datastructures import MutableHeaders
from starlette.types import Message, Scope, Send

from server.errors import UNAVAILABLE
from server.middleware.asgi import scope_state

log = structlog.get_logger("pam.a2a")

INTERNAL = "Something went wrong on our side."
INTERNAL_ERROR = -32603
DATA_PREFIX = b"data: "


def generic(text: str, reference: str) -> str:
    return f"{text} Reference: {reference}."


def _ours(message: Any) -> bool:
    return isinstance(message, str) and message.startswith((INTERNAL, UNAVAILABLE))


def _hidden(payload: bytes, reference: str) -> bytes | None:
    """The JSON-RPC answer with an internal error's own text replaced; None: unchanged."""
    if str(INTERNAL_ERROR).encode() not in payload:
        return None
    try:
        answer = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    error = answer.get("error") if isinstance(answer, dict) else None
    if not isinstance(error, dict) or error.get("code") != INTERNAL_ERROR:
        return None
    if _ours(error.get("message")):
        return None
    log.error("a2a internal error", reference=reference, detail=error.get("message"))
    answer["error"] = {"code": INTERNAL_ERROR, "message": generic(INTERNAL, reference)}
    return orjson.dumps(answer)


def _hidden_event(chunk: bytes, reference: str) -> bytes:
    lines = chunk.split(b"\n")
    for i, line in enumerate(lines):
        end = b"\r" if line.endswith(b"\r") else b""
        if line.startswith(DATA_PREFIX):
            body = line[len(DATA_PREFIX) : len(line) - len(end)]
            if (hidden := _hidden(body, reference)) is not None:
                lines[i] = DATA_PREFIX + hidden + end
    return b"\n".join(lines)


def hiding_internals(scope: Scope, send: Send) -> Send:
    """`send`, with the SDK's internal errors rewritten (JSON answers are held whole)."""
    reference = str(scope_state(scope).get("request_id") or "")
    kind = ""
    start: Message | None = None
    held: list[bytes] = []

    async def guarded(message: Message) -> None:
        nonlocal kind, start
        if message["type"] == "http.response.start":
            content_type = MutableHeaders(raw=list(message.get("headers", []))).get(
                "content-type", ""
            )
            kind = (
                "json"
                if "json" in content_type
                else "sse"
                if "event-stream" in content_type
                else ""
            )
            if kind == "json":
                start = message
                return
        elif message["type"] == "http.response.body" and kind == "json":
            held.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(held)
            body = _hidden(body, reference) or body
            assert start is not None
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            headers["content-length"] = str(len(body))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})
            return
        elif message["type"] == "http.response.body" and kind == "sse":
            message = {**message, "body": _hidden_event(message.get("body", b""), reference)}
        await send(message)

    return guarded
