"""Forged tokens against one route of each kind; the genuine ones as controls."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.chaos.forged import attacks, genuine
from tests.chaos.jwks import RsaKey
from tests.chaos.probes import Probe

# The matrix attacks HS256 and JWKS tokens on one server: both trusted on purpose.
BOTH_ALGORITHMS = {"PAM_JWT_HS256_WITH_JWKS": "true"}
TARGETS: tuple[tuple[str, str, str, dict[str, Any] | None], ...] = (
    ("REST", "GET", "/api/v1/wins/expenses", None),
    ("chat", "POST", "/api/v1/pam/chat", {"message": "list my expenses"}),
    ("Agent Protocol", "POST", "/threads/search", {}),
)


async def _ws_close_code(ws_base: str, token: str) -> str:
    try:
        async with connect(f"{ws_base}/api/v1/pam/ws?token={token}") as ws:
            async with asyncio.timeout(3):
                frame = await ws.recv()
            return f"open ({str(frame)[:40]})"
    except ConnectionClosed as closed:
        return f"close {closed.rcvd.code if closed.rcvd else 'none'}"
    except TimeoutError:
        return "no answer"


async def jwt_probes(base_url: str, ws_base: str, victim: str, key: RsaKey) -> list[Probe]:
    probes = []
    cases = [(name, token, "401", "close 4001") for name, token in attacks(victim, key).items()]
    cases += [(name, token, "200", "open") for name, token in genuine(victim, key).items()]
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        for name, token, want_http, want_ws in cases:
            headers = {"Authorization": f"Bearer {token}"}
            for surface, method, path, body in TARGETS:
                response = await http.request(method, path, json=body, headers=headers)
                probes.append(
                    Probe(
                        "JWT",
                        f"{name} → {surface} {method} {path}",
                        want_http,
                        str(response.status_code),
                    )
                )
            got = await _ws_close_code(ws_base, token)
            got = "open" if got.startswith("open (") and want_ws == "open" else got
            probes.append(Probe("JWT", f"{name} → WebSocket", want_ws, got))
    return probes
