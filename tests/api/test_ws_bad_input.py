"""A WebSocket that is refused, or sends garbage, binary, huge frames or floods: clear
error frames or close codes, the socket kept where it can be, nothing run before auth."""

from __future__ import annotations

import asyncio
import time

import orjson
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    recv_frame,
    send_frame,
    token_for,
    ws_url,
)


async def closed_with(ws: ClientConnection, within_s: float) -> tuple[int | None, float]:
    """The close code the server sent, and how long it took to arrive."""
    started = time.monotonic()
    with pytest.raises(ConnectionClosed):
        async with asyncio.timeout(within_s):
            while True:
                await ws.recv()
    return ws.close_code, time.monotonic() - started


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        token_for("uma", ttl_s=-60),
        token_for("uma", secret="another-secret-entirely-and-long-enough-0000"),
    ],
)
async def test_a_bad_token_in_the_query_closes_4001_within_a_second(
    serve: Serve, token: str
) -> None:
    async with serve() as server, connect(f"{server.ws_url}/api/v1/pam/ws?token={token}") as ws:
        code, took = await closed_with(ws, 2)
    assert code == 4001 and took < 1


async def test_no_token_or_a_bad_first_frame_closes_4001(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[])
    async with serve(model) as server:
        async with connect(ws_url(server)) as ws:
            await send_frame(ws, {"type": "auth", "token": "forged"})
            bad_auth = await closed_with(ws, 2)
        async with connect(ws_url(server)) as ws:
            await send_frame(ws, {"type": "chat", "message": "sneak in"})
            chat_first = await closed_with(ws, 2)
        async with connect(ws_url(server)) as ws:
            silent = await closed_with(ws, 3)
    assert bad_auth[0] == 4001 and bad_auth[1] < 1
    assert chat_first[0] == 4001 and chat_first[1] < 1
    assert silent[0] == 4001 and silent[1] < 1.5
    assert model.seen == []  # nothing ran before sign-in


GARBAGE = [
    "{not json",
    "[1, 2, 3]",
    '"chat"',
    "null",
    '{"no": "type"}',
    '{"type": "shout"}',
    '{"type": "chat"}',
    '{"type": "chat", "message": 5}',
    '{"type": "chat", "message": ""}',
    '{"type": "chat", "message": "hi", "thread_id": "nope"}',
    '{"type": "chat", "message": "hi", "user_id": "00000000-0000-0000-0000-000000000000"}',
    '{"type": "resume", "thread_id": "00000000-0000-0000-0000-000000000000"}',
    '{"type": "cancel"}',
    '{"type": "context_update", "context": {"location": {"lat": 500, "lng": 0}}}',
    '{"type": "ping", "timestamp": {"a": 1}}',
]


async def test_garbage_and_binary_frames_get_bad_request_and_the_socket_stays(
    serve: Serve,
) -> None:
    model = StreamingScriptedModel(script=[])
    async with serve(model) as server, connect(ws_url(server, "vic")) as ws:
        await recv_frame(ws)
        answers = []
        for text in GARBAGE:
            await ws.send(text)
            answers.append(await recv_frame(ws))
        await ws.send(b"\x00\x01binary")
        binary = await recv_frame(ws)
        await send_frame(ws, {"type": "chat", "message": "x" * 4001})
        too_long = await recv_frame(ws)
        await send_frame(ws, {"type": "ping"})
        pong = await recv_frame(ws)
    for text, answer in zip(GARBAGE, answers, strict=True):
        assert answer["type"] == "error" and answer["code"] == "BAD_REQUEST", (text, answer)
        assert answer["message"]
    assert binary == {
        "type": "error",
        "code": "BAD_REQUEST",
        "message": "Binary frames are not accepted.",
    }
    assert too_long["code"] == "BAD_REQUEST" and "message" in too_long["message"]
    assert pong == {"type": "pong"}
    assert model.seen == []


async def test_a_frame_over_the_size_limit_closes_1009(serve: Serve) -> None:
    async with serve(ws_max_frame_bytes=2048) as server, connect(ws_url(server, "wes")) as ws:
        await recv_frame(ws)
        await ws.send(orjson.dumps({"type": "chat", "message": "y" * 3000}).decode())
        code, _took = await closed_with(ws, 5)
    assert code == 1009


async def test_a_flood_gets_rate_limited_and_the_socket_stays(serve: Serve) -> None:
    async with (
        serve(rate_limit_ws_frames="5/minute") as server,
        connect(ws_url(server, "xan")) as ws,
    ):
        await recv_frame(ws)
        for _ in range(8):
            await send_frame(ws, {"type": "ping"})
        answers = [await recv_frame(ws) for _ in range(8)]
    assert [a["type"] for a in answers] == ["pong"] * 5 + ["error"] * 3
    limited = answers[-1]
    assert limited["code"] == "RATE_LIMITED" and limited["retry_after"] > 0


async def test_an_auth_frame_for_another_user_mid_session_closes_4001(serve: Serve) -> None:
    async with serve() as server, connect(ws_url(server, "yan")) as ws:
        await recv_frame(ws)
        await send_frame(ws, {"type": "auth", "token": token_for("yan")})  # a refresh: fine
        await send_frame(ws, {"type": "ping"})
        assert await recv_frame(ws) == {"type": "pong"}
        await send_frame(ws, {"type": "auth", "token": token_for("someone-else")})
        code, _took = await closed_with(ws, 2)
    assert code == 4001
