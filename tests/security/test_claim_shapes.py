"""Redteam 9: a token whose signature is good but whose claims have an unexpected shape
was a 500 (and a dropped connection), not a 401: a `role` that is a list or an object
(`role not in roles` on an unhashable value), a `sub` or `iss` longer than the
identities table takes (2,000 characters) or holding a NUL; an `iss` that is no string
signed in as the token without an issuer. Each is now refused as an invalid token.
Real server, real HTTP; the tokens signed with the server's own secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import pytest

from tests.api.conftest import TEST_JWT_SECRET, Serve
from tests.api.test_agent_protocol_support import person

pytestmark = pytest.mark.hardening


def _part(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def signed(**claims: Any) -> str:
    """An HS256 token with exactly these claims (PyJWT's encoder refuses some shapes)."""
    now = int(time.time())
    body = {"aud": "authenticated", "iat": now, "exp": now + 600, **claims}
    head = f"{_part({'alg': 'HS256', 'typ': 'JWT'})}.{_part(body)}"
    mac = hmac.new(TEST_JWT_SECRET.encode(), head.encode(), hashlib.sha256).digest()
    return f"{head}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


SHAPES: dict[str, dict[str, Any]] = {
    "role list": {"role": ["authenticated"]},
    "role object": {"role": {"name": "authenticated"}},
    "role number": {"role": 1},
    "sub with NUL": {"sub": "a\u0000b"},
    "sub too long": {"sub": "s" * 2001},
    "iss too long": {"iss": "i" * 2001},
    "iss with NUL": {"iss": "https://idp\u0000.example"},
    "iss object": {"iss": {"url": "https://idp.example"}},
}


@pytest.mark.parametrize("shape", list(SHAPES))
async def test_a_claim_of_the_wrong_shape_is_a_401(serve: Serve, shape: str) -> None:
    claims: dict[str, Any] = {"sub": person("mallory"), "role": "authenticated", **SHAPES[shape]}
    token = signed(**claims)
    async with serve() as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        rest = await c.get("/api/v1/you/profile", headers={"Authorization": f"Bearer {token}"})
        protocol = await c.post("/threads/search", json={}, headers={"X-Api-Key": token})
        control = await c.get(
            "/api/v1/you/profile",
            headers={
                "Authorization": f"Bearer {signed(sub=person('alice'), role='authenticated')}"
            },
        )
    assert rest.status_code == 401, rest.text
    assert protocol.status_code == 401, protocol.text
    assert control.status_code == 200, control.text
