"""An A2A request body nested deeper than JSON parsers go, or holding a lone surrogate,
is a JSON-RPC parse error.

The SDK parses with Python's json module, whose recursion gives out on a few thousand
nested arrays; it answered such a body with an internal error (-32603) carrying Python's
own words ("maximum recursion depth exceeded while decoding a JSON array..."). Here the
body is read once (the body limit middleware bounds it), parsed with orjson and its
nesting measured, then handed on unchanged; a body nested past MAX_DEPTH levels is
answered -32700 as any unparseable body is.

A lone UTF-16 surrogate (`\\ud800`, which has no UTF-8 spelling) passed Python's json
and failed the SDK's protobuf conversion of a message or task id: an internal error
in Python's words ("'utf-8' codec can't encode character...", redteam 11). orjson
refuses it, and so does this door, with the same parse error.

A body is at most MAX_BODY_BYTES (64 KiB): the SDK keeps every message in its task's
history in memory (a refused one too, as a failed task), and a message may carry any
metadata. Under the server's 1 MB body limit, 120 messages of 900 KB of metadata raised
the server's memory by 400 MB, and each user keeps 100 tasks (redteam 11). A message's
text is at most 4,000 characters, 48 KB of JSON even with every character escaped.
"""

from __future__ import annotations

import orjson
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from server.middleware.asgi import replaying

MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "Invalid Request: an A2A request is at most 64 KiB."
TOO_DEEP = "Parse error: JSON nested too deeply."
LONE_SURROGATE = "Parse error: text holds a lone UTF-16 surrogate (\\ud800-\\udfff)."


# A2A's messages nest a few levels; Python's json gives out below a thousand.
MAX_DEPTH = 200


def rpc_error(code: int, message: str) -> dict[str, object]:
    return {"jsonrpc": "2.0", "id": None, "error": {"code": code, "message": message}}


def refused(body: bytes) -> str | None:
    """Why the body is refused before the SDK reads it: nested past MAX_DEPTH, or a lone
    surrogate (a body that is not JSON otherwise is left to the SDK's own parse error)."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc):
            return TOO_DEEP
        return LONE_SURROGATE if "surrogate" in str(exc) else None
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:  # iterative: Python's own recursion is what gives out
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > MAX_DEPTH:
                return TOO_DEEP
            stack.extend((child, depth + 1) for child in item)
    return None


async def read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def checked_body(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Call `app` with the request's body read ahead, unless it is refused."""
    body = await read_body(receive)
    if len(body) > MAX_BODY_BYTES:
        await JSONResponse(rpc_error(-32600, TOO_LARGE))(scope, receive, send)
        return
    why = refused(body)
    if why is not None:
        await JSONResponse(rpc_error(-32700, why))(scope, receive, send)
        return
    await app(scope, replaying(body, receive), send)
