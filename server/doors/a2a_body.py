"""An A2A request body nested deeper than JSON parsers go is a JSON-RPC parse error.

The SDK parses with Python's json module, whose recursion gives out on a few thousand
nested arrays; it answered such a body with an internal error (-32603) carrying Python's
own words ("maximum recursion depth exceeded while decoding a JSON array..."). Here the
body is read once (the body limit middleware bounds it), parsed with orjson and its
nesting measured, then handed on unchanged; a body nested past MAX_DEPTH levels is
answered -32700 as any unparseable body is.
"""

from __future__ import annotations

import orjson
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from server.middleware.asgi import replaying

TOO_DEEP = {
    "jsonrpc": "2.0",
    "id": None,
    "error": {"code": -32700, "message": "Parse error: JSON nested too deeply."},
}


# A2A's messages nest a few levels; Python's json gives out below a thousand.
MAX_DEPTH = 200


def too_deep(body: bytes) -> bool:
    """Whether the body's JSON nests past MAX_DEPTH (a body that is not JSON is left to
    the SDK's own parse error)."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return "depth limit" in str(exc)
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:  # iterative: Python's own recursion is what gives out
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > MAX_DEPTH:
                return True
            stack.extend((child, depth + 1) for child in item)
    return False


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
    """Call `app` with the request's body read ahead, unless it is nested too deeply."""
    body = await read_body(receive)
    if too_deep(body):
        await JSONResponse(TOO_DEEP)(scope, receive, send)
        return
    await app(scope, replaying(body, receive), send)
