"""R11-3: the A2A SDK keeps every message in its task's history in memory, a refused one
too, with whatever metadata it carries: under the 1 MB body limit, 120 messages of 900 KB
of metadata raised a live server's memory by 400 MB (each user keeps 100 tasks). An A2A
request is now at most 64 KiB, which still holds a message of 4,000 characters each
escaped in the JSON. Real server, real HTTP."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user

pytestmark = pytest.mark.hardening


def send(text: str, **extra: Any) -> bytes:
    message = {"role": "user", "messageId": "m1", "parts": [{"kind": "text", "text": text}]}
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "message/send",
        "params": {"message": {**message, **extra}},
    }
    return json.dumps(body).encode()  # ASCII: every emoji escaped as a surrogate pair


async def test_an_a2a_request_over_64_kib_is_refused_before_the_sdk_keeps_it(serve: Serve) -> None:
    headers = {**auth(new_user("rt11-big")), "content-type": "application/json"}
    padded = send("hello", metadata={"pad": "x" * 100_000})
    longest = send("\U0001f600" * 4001)  # one character too many, 48 KB of JSON
    async with serve() as live, httpx.AsyncClient(base_url=live.url, headers=headers) as c:
        big = await c.post("/a2a", content=padded)
        long = await c.post("/a2a", content=longest)
    assert big.json()["error"]["code"] == -32600 and "64 KiB" in big.text, big.text
    assert len(longest) < 64 * 1024
    assert long.json()["error"]["code"] == -32602 and "4000" in long.text, long.text
