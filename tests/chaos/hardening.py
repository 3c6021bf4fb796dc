"""Issue 14's findings as chaos probes against one `pam serve` in production mode with
PAM_JWKS_URL and the weak secret "change-me" (H1's setup): each probe says what was
tried, what is expected and what happened (`make chaos CHAOS_ARGS="-k hardening"`)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
import warnings
from typing import Any

import httpx
import jwt
import orjson
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.chaos.jwks import RsaKey
from tests.chaos.probes import Probe

WS_PATH = "/api/v1/pam/ws"
HARDENING_ENV = {
    "ENVIRONMENT": "production",
    "PAM_JWT_SECRET": "change-me",
    "MAX_HEADER_BYTES": "16384",
    "REQUEST_HEADERS_TIMEOUT_S": "2",
    "REQUEST_BODY_TIMEOUT_S": "2",
    "WS_MAX_PER_USER": "3",
    # The socket cap is per process; production would start a worker per core.
    "PAM_WORKERS": "1",
}


def rs256(key: RsaKey, sub: str, *, ttl_s: int = 600, kid: str | None = None, **claims: Any) -> str:
    now = int(time.time())
    body = {"sub": sub, "aud": "authenticated", "iat": now, "exp": now + ttl_s, **claims}
    return jwt.encode(body, key.private, algorithm="RS256", headers={"kid": kid or key.kid})


def hs256(secret: str, sub: str) -> str:
    now = int(time.time())
    body = {"sub": sub, "aud": "authenticated", "iat": now, "exp": now + 600}
    # PyJWT warns about a short HMAC key; that weakness is exactly what is probed.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jwt.encode(body, secret, algorithm="HS256")


async def status(url: str, token: str, path: str = "/api/v1/pam/threads") -> str:
    async with httpx.AsyncClient(timeout=30) as c:
        answer = await c.get(f"{url}{path}", headers={"Authorization": f"Bearer {token}"})
    return str(answer.status_code)


async def close_code(url: str, timeout_s: float = 10.0) -> str:
    try:
        async with connect(url) as ws, asyncio.timeout(timeout_s):
            while True:
                await ws.recv()
    except ConnectionClosed as closed:
        return f"close {closed.rcvd.code}" if closed.rcvd is not None else "close ?"
    except TimeoutError:
        return "open"


def raw_request(url: str, data: bytes, *, trickle_s: float = 0.0) -> str:
    """What a raw client sees: the status line, or "closed" when the server hangs up."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=15) as sock:
        with contextlib.suppress(OSError):
            sock.sendall(data)
            deadline = time.monotonic() + trickle_s
            while time.monotonic() < deadline:
                sock.sendall(b"X-Slow: 1\r\n")
                time.sleep(0.5)
        try:
            first = sock.recv(64)
        except OSError:
            return "closed"
    return first.split(b"\r\n", 1)[0].decode(errors="replace") or "closed"


async def health_under_unknown_kids(url: str, key: RsaKey) -> float:
    """The slowest /health/live while requests with made-up kids are verified."""
    latencies: list[float] = []
    stop = threading.Event()

    def probe() -> None:
        with httpx.Client(timeout=30) as c:
            while not stop.is_set():
                started = time.monotonic()
                c.get(f"{url}/health/live")
                latencies.append(time.monotonic() - started)
                time.sleep(0.05)

    prober = threading.Thread(target=probe)
    prober.start()
    try:
        await asyncio.gather(*(status(url, rs256(key, "m", kid=f"kid-{n}")) for n in range(20)))
    finally:
        stop.set()
        await asyncio.to_thread(prober.join)
    return max(latencies, default=0.0)


async def hardening_probes(url: str, ws_url: str, key: RsaKey, log_text: Any) -> list[Probe]:
    probes: list[Probe] = []

    def add(surface: str, tried: str, expected: str, got: str) -> None:
        probes.append(Probe(surface, tried, expected, got))

    add(
        "JWT",
        "HS256 token signed with change-me beside JWKS (H1)",
        "401",
        await status(url, hs256("change-me", "victim")),
    )
    add(
        "JWT",
        "RS256 token with exp in year 2300",
        "401",
        await status(url, rs256(key, "victim", ttl_s=10_000_000_000 - int(time.time()))),
    )
    add(
        "JWT",
        "RS256 token with role service_role",
        "401",
        await status(url, rs256(key, "victim", role="service_role")),
    )
    add("JWT", "RS256 token of the user (control)", "200", await status(url, rs256(key, "victim")))
    slowest = await health_under_unknown_kids(url, key)
    add(
        "JWT",
        "20 unknown kids: /health/live under 0.5 s (M2)",
        "fast",
        "fast" if slowest < 0.5 else f"{slowest:.2f} s",
    )
    short = rs256(key, "victim", ttl_s=2)
    add(
        "WebSocket",
        "socket open past its token's exp (M3)",
        "close 4401",
        await close_code(f"{ws_url}{WS_PATH}?token={short}"),
    )
    add(
        "Logs",
        "a ?token= on the socket reaches the log (M4)",
        "absent",
        "present" if short.split(".")[2] in log_text() else "absent",
    )
    user = rs256(key, "sockets")
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(3):
            ws = await stack.enter_async_context(connect(f"{ws_url}{WS_PATH}?token={user}"))
            await ws.recv()
        add(
            "WebSocket",
            "a 4th socket of one user, cap 3 (L3)",
            "close 4429",
            await close_code(f"{ws_url}{WS_PATH}?token={user}"),
        )
    big = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8_000_000 + b"\r\n\r\n"
    got = await asyncio.to_thread(raw_request, url, big)
    add("HTTP", "an 8 MB request header (M5)", "refused", "200" if " 200 " in got else "refused")
    got = await asyncio.to_thread(raw_request, url, b"GET /health/live HTTP/1.1\r\n", trickle_s=6)
    add("HTTP", "a header trickled for 6 s, deadline 2 s (M5)", "closed", got)
    lone = b'{"metadata": {"k": "\\ud800"}}'
    async with httpx.AsyncClient(timeout=30) as c:
        answer = await c.post(
            f"{url}/threads",
            content=lone,
            headers={"Authorization": f"Bearer {user}", "content-type": "application/json"},
        )
    add(
        "Agent Protocol",
        "a lone surrogate in thread metadata (L5)",
        "422",
        str(answer.status_code) if "metadata" in answer.text else f"{answer.status_code} unnamed",
    )
    return probes


def as_rows(probes: list[Probe]) -> list[dict[str, Any]]:
    return [orjson.loads(orjson.dumps(p.__dict__)) for p in probes]
