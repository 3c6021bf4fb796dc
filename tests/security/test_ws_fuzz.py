"""The WebSocket fuzzer against a live server: a few hundred hostile frames, each with
its documented answer, nothing run by the model, the server still live; and the
`message_id` of a refused frame comes back on its error."""

from __future__ import annotations

from typing import Any

from websockets.asyncio.client import connect

from tests.api.conftest import (
    Serve,
    StreamingScriptedModel,
    recv_frame,
    send_frame,
    token_for,
    ws_url,
)
from tests.chaos.ws_cases import cases
from tests.chaos.ws_fuzz import frame_problems, fuzz_ws

MAX_FRAME_BYTES = 8192  # smaller than the default: the oversized frames stay cheap


def test_the_same_seed_draws_the_same_frames() -> None:
    assert cases(7, 80) == cases(7, 80)
    assert cases(7, 80) != cases(8, 80)
    assert {c.category for c in cases(7, 300)} >= {"oversized", "bad_reauth", "binary"}


def test_the_judge_refuses_internal_errors_tracebacks_and_lost_message_ids() -> None:
    internal = '{"type": "error", "code": "INTERNAL", "message": "oops"}'
    assert frame_problems(internal, None) == ["code INTERNAL"]
    leaked = '{"type": "error", "code": "BAD_REQUEST", "message": "Traceback (most recent"}'
    assert frame_problems(leaked, None) == ["a traceback reached the client"]
    bare = '{"type": "error", "code": "BAD_REQUEST", "message": ""}'
    assert frame_problems(bare, "m-1") == [
        "an error without a message",
        "message_id 'm-1' not echoed",
    ]
    assert frame_problems('{"type": "pong"}', None) == []


async def test_hostile_frames_get_the_documented_answers(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[])
    async with serve(model, ws_max_frame_bytes=MAX_FRAME_BYTES) as server:
        report = await fuzz_ws(
            server.url,
            server.ws_url,
            token_for,
            count=300,
            seed=9,
            max_frame_bytes=MAX_FRAME_BYTES,
            flood_frames=90,  # the default limit is 60 frames a minute per user
        )
    assert report.failures == []
    assert report.ok and report.health_live == 200
    assert report.frames_sent >= 300 + 90
    outcomes = report.outcomes
    assert outcomes["error:BAD_REQUEST"] > 150
    assert outcomes["error:NOT_FOUND"] and outcomes["pong"] and outcomes["silent"]
    assert outcomes["close:1009"] and outcomes["close:4001"] > 8
    assert 1 <= outcomes["flood:error:RATE_LIMITED"] <= 10 and outcomes["flood:close:1008"] == 1
    assert model.seen == []  # no hostile frame started a turn


async def test_a_bad_frame_with_a_usable_message_id_gets_it_back_on_its_error(
    serve: Serve,
) -> None:
    frames: list[dict[str, Any]] = [
        {"type": "chat", "message": 5, "message_id": "m-1"},
        {"type": "chat", "message": "hi", "role": "admin", "message_id": "m-2"},
        {"type": "resume", "thread_id": "nope", "decisions": [], "message_id": "m-3"},
        {"type": "chat", "message": 5, "message_id": ""},  # not usable: not echoed
        {"type": "chat", "message": "hi", "message_id": "m\x00"},
        {"type": "chat", "message": "hi", "message_id": 7},
    ]
    async with (
        serve(StreamingScriptedModel(script=[])) as server,
        connect(ws_url(server, "echo")) as ws,
    ):
        await recv_frame(ws)
        answers = []
        for frame in frames:
            await send_frame(ws, frame)
            answers.append(await recv_frame(ws))
    assert [a["code"] for a in answers] == ["BAD_REQUEST"] * len(frames)
    assert [a.get("message_id") for a in answers] == ["m-1", "m-2", "m-3", None, None, None]
