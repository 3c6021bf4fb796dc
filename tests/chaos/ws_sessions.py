"""The fuzzer's side of /ws: send a case, then a `ping` probe, and read what came back up
to the probe's `pong` (or the close); a socket per closing case; frames before sign-in;
a flood."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

PATH = "/api/v1/pam/ws"
REPLY_TIMEOUT_S = 10.0


@dataclass
class Answer:
    frames: list[str] = field(default_factory=list)  # raw texts, in order
    close: int | None = None  # the close code, when the server closed
    timed_out: bool = False
    took_s: float = 0.0

    def outcome(self) -> str:
        """`error:CODE`, a frame type, `silent`, `close:CODE` (joined with + if several)."""
        parts = [kind(text) for text in self.frames]
        parts += [f"close:{self.close}"] if self.close is not None else []
        parts += ["timeout"] if self.timed_out else []
        return "+".join(parts) or "silent"


def kind(text: str) -> str:
    try:
        frame = json.loads(text)
    except ValueError:
        return "unparseable"
    if not isinstance(frame, dict):
        return "not-an-object"
    return f"error:{frame.get('code')}" if frame.get("type") == "error" else str(frame.get("type"))


def ping(stamp: str) -> str:
    return json.dumps({"type": "ping", "timestamp": stamp})


def is_pong(text: str, stamp: str) -> bool:
    try:
        frame = json.loads(text)
    except ValueError:
        return False
    return isinstance(frame, dict) and frame == {"type": "pong", "timestamp": stamp}


async def read(ws: ClientConnection, probe: str | None, timeout_s: float) -> Answer:
    """Frames until the pong of `probe` (not included), or until the socket closes."""
    answer, started = Answer(), time.monotonic()
    try:
        async with asyncio.timeout(timeout_s):
            while True:
                raw = await ws.recv()
                text = raw if isinstance(raw, str) else raw.decode(errors="replace")
                if probe is not None and is_pong(text, probe):
                    break
                answer.frames.append(text)
    except ConnectionClosed:
        answer.close = ws.close_code
    except TimeoutError:
        answer.timed_out = True
    answer.took_s = time.monotonic() - started
    return answer


async def send(ws: ClientConnection, payload: str | bytes | None) -> None:
    if payload is not None:
        with contextlib.suppress(ConnectionClosed):  # read() reports the close
            await ws.send(payload)


async def signed_in(ws_base: str, token: str) -> ClientConnection:
    ws = await connect(f"{ws_base}{PATH}?token={token}", max_size=None)
    hello = json.loads(await asyncio.wait_for(ws.recv(), REPLY_TIMEOUT_S))
    if hello.get("type") != "connected":
        raise RuntimeError(f"expected `connected` first, got {hello}")
    return ws


async def probed(ws: ClientConnection, payloads: list[str | bytes | None]) -> list[Answer]:
    """Each payload then a probe, on one socket; stops early if the socket goes."""
    answers = []
    for i, payload in enumerate(payloads):
        await send(ws, payload)
        await send(ws, ping(f"probe-{i}"))
        answers.append(await read(ws, f"probe-{i}", REPLY_TIMEOUT_S))
        if answers[-1].close is not None or answers[-1].timed_out:
            break
    return answers


async def closing(ws_base: str, token: str | None, payload: str | bytes | None) -> Answer:
    """One payload on a fresh socket (signed in with `token`, or not at all), then
    whatever comes until the server closes it."""
    if token is None:
        ws = await connect(f"{ws_base}{PATH}", max_size=None)
    else:
        ws = await signed_in(ws_base, token)
    async with ws:
        await send(ws, payload)
        return await read(ws, None, REPLY_TIMEOUT_S)


async def flood(ws_base: str, token: str, frames: int) -> Answer:
    """`frames` pings as fast as the socket takes them: every answer until all are
    answered or the server closes the socket (a flooding client is closed, R11-2)."""
    async with await signed_in(ws_base, token) as ws:

        async def pour() -> None:
            for i in range(frames):
                await send(ws, ping(f"flood-{i}"))

        sender = asyncio.create_task(pour())
        answer = Answer()
        try:
            async with asyncio.timeout(REPLY_TIMEOUT_S * 3):
                while len(answer.frames) < frames:
                    raw = await ws.recv()
                    answer.frames.append(raw if isinstance(raw, str) else raw.decode("utf-8"))
        except ConnectionClosed:
            answer.close = ws.close_code
        except TimeoutError:
            answer.timed_out = True
        await sender
    return answer
