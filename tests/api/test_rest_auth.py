"""Every way a token can be wrong is 401 JSON on every REST domain, and the user is
always the token's: a body or query naming another user changes nothing."""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any

import httpx
import jwt
import pytest

from tests.api.conftest import TEST_JWT_SECRET, Serve, auth
from tests.api.rest_support import error, new_user, ok
from tests.fakes import ScriptedChatModel

ROUTES = [
    ("GET", "/api/v1/wins/expenses"),
    ("POST", "/api/v1/wins/expenses"),
    ("GET", "/api/v1/wheels/vehicles"),
    ("GET", "/api/v1/you/profile"),
    ("PATCH", f"/api/v1/you/events/{uuid.uuid4()}"),
    ("GET", "/api/v1/social/feed"),
    ("PUT", "/api/v1/social/groups/anything/membership"),
]


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"sub": "mallory", "aud": "authenticated", "iat": now, "exp": now + 600, **overrides}


def unsigned(payload: dict[str, Any]) -> str:
    """An `alg: none` token: header and claims, no signature."""

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."


BAD_AUTHORIZATION = {
    "no token": None,
    "bearer without a token": "Bearer",
    "not a bearer": f"Basic {base64.b64encode(b'user:pass').decode()}",
    "garbage": "Bearer not.a.jwt",
    "alg none": f"Bearer {unsigned(claims())}",
    "wrong key": f"Bearer {jwt.encode(claims(), 'another-secret-' * 4, algorithm='HS256')}",
    "wrong audience": "Bearer " + jwt.encode(claims(aud="anon"), TEST_JWT_SECRET),
    "expired": "Bearer "
    + jwt.encode(claims(exp=int(time.time()) - 60), TEST_JWT_SECRET, algorithm="HS256"),
    "no subject": "Bearer "
    + jwt.encode({k: v for k, v in claims().items() if k != "sub"}, TEST_JWT_SECRET),
    "no expiry": "Bearer "
    + jwt.encode({k: v for k, v in claims().items() if k != "exp"}, TEST_JWT_SECRET),
}


async def test_every_bad_token_is_401_on_every_domain(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        for why, authorization in BAD_AUTHORIZATION.items():
            headers = {"Authorization": authorization} if authorization is not None else {}
            for method, path in ROUTES:
                response = await c.request(method, path, headers=headers, json={"amount": 1})
                body = error(response, 401, "unauthorized")
                assert response.headers["www-authenticate"] == "Bearer", (why, path)
                assert "Traceback" not in body["detail"], why


@pytest.mark.parametrize("field", ["user_id", "owner"])
async def test_the_user_is_always_the_tokens(serve: Serve, field: str) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        victim = new_user("victim")
        someone = auth(new_user("someone"))
        body = {"amount": 5, "category": "food", field: str(uuid.uuid4())}
        error(await c.post("/api/v1/wins/expenses", json=body, headers=someone), 422)
        query: dict[str, str | int] = {"limit": 5, field: victim}
        error(await c.get("/api/v1/wins/expenses", params=query, headers=someone), 422)
        listed = ok(await c.get("/api/v1/wins/expenses", headers=auth(victim)))
        assert listed["count"] == 0
