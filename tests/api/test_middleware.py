"""The middleware stack on a real server: request ids, security headers, CORS, the body
size limit, and JSON for unknown routes and methods."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator

import httpx
from pydantic import SecretStr

from tests.api.conftest import Serve, auth
from tests.api.rest_support import error, new_user, ok
from tests.fakes import ScriptedChatModel

ORIGIN = "http://localhost:3000"


async def test_request_ids_are_echoed_or_made(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        given = await c.get("/health/live", headers={"X-Request-ID": "trace-42.a:b_c"})
        assert given.headers["x-request-id"] == "trace-42.a:b_c"
        made = (await c.get("/health/live")).headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", made)
        assert (await c.get("/health/live")).headers["x-request-id"] != made
        for insane in ("has spaces", "x" * 129, "<script>", "-leading-dash"):
            replaced = await c.get("/health/live", headers={"X-Request-ID": insane})
            assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["x-request-id"]), insane
        # Errors carry it too.
        unauthorised = await c.get("/api/v1/wins/expenses", headers={"X-Request-ID": "e-1"})
        assert unauthorised.status_code == 401 and unauthorised.headers["x-request-id"] == "e-1"


async def test_security_headers_on_every_response(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        for response in (
            await c.get("/health/live"),
            await c.get("/no/such/page"),
            await c.get("/api/v1/you/profile", headers=auth(new_user())),
        ):
            headers = response.headers
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            assert headers["referrer-policy"] == "no-referrer"
            csp = headers["content-security-policy"]
            assert "default-src 'self'" in csp and "script-src 'self';" in csp
            assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
            assert "strict-transport-security" not in headers  # not in production
        docs = await c.get("/api/docs")
        assert (
            docs.status_code == 200
            and "cdn.jsdelivr.net" in docs.headers["content-security-policy"]
        )


PRODUCTION_SECRET = SecretStr(secrets.token_urlsafe(32))


async def test_hsts_in_production(serve: Serve) -> None:
    async with (
        # The test secret is published in this repository: production refuses it.
        serve(
            ScriptedChatModel(), environment="production", pam_jwt_secret=PRODUCTION_SECRET
        ) as server,
        httpx.AsyncClient(base_url=server.url) as c,
    ):
        live = await c.get("/health/live")
        assert live.headers["strict-transport-security"].startswith("max-age=")
        # Production serves no OpenAPI pages.
        error(await c.get("/api/docs"), 404)


async def test_cors_preflight_and_exposed_headers(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        preflight = await c.options(
            "/api/v1/wins/expenses",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == ORIGIN
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
        actual = await c.get("/health/live", headers={"Origin": ORIGIN})
        exposed = {h.strip() for h in actual.headers["access-control-expose-headers"].split(",")}
        assert {"Content-Location", "Location", "X-Request-ID", "Retry-After"} <= exposed
        stranger = await c.get("/health/live", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in stranger.headers
        refused = await c.options(
            "/api/v1/wins/expenses",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers


async def chunks(total: int, size: int = 512) -> AsyncIterator[bytes]:
    """A body sent chunked (no Content-Length), as a client streaming an upload does."""
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


async def test_oversized_bodies_are_413_json(serve: Serve) -> None:
    async with serve(ScriptedChatModel(), max_body_bytes=2048) as server:
        headers = auth(new_user())
        async with httpx.AsyncClient(base_url=f"{server.url}/api/v1", headers=headers) as c:
            declared = await c.post("/you/memories", json={"note": "n" * 4000})
            body = error(declared, 413, "payload_too_large")
            assert "2048 bytes" in body["detail"] and declared.headers["x-request-id"]
            chunked = await c.post(
                "/you/memories",
                content=chunks(8192),
                headers={"Content-Type": "application/json"},
            )
            assert "content-length" not in chunked.request.headers
            error(chunked, 413, "payload_too_large")
            error(await c.post("/no/such/route", content=b"x" * 3000), 413)
            # Just under the limit is fine.
            ok(await c.post("/you/memories", json={"note": "n" * 1900}), 201)


async def test_unknown_routes_methods_and_bodies_are_json(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server:
        headers = auth(new_user())
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as c:
            error(await c.get("/api/v1/wins/nothing-here"), 404, "not_found")
            error(await c.get("/definitely/not/here"), 404, "not_found")
            wrong = await c.put("/api/v1/wins/expenses", json={})
            error(wrong, 405, "method_not_allowed")
            assert "GET" in wrong.headers["allow"]
            error(await c.delete("/health/live"), 405)
            malformed = await c.post(
                "/api/v1/wins/expenses",
                content=b'{"amount": 1, "category": ',
                headers={"Content-Type": "application/json"},
            )
            assert "JSON" in error(malformed, 422, "invalid_request")["detail"]
            not_json = await c.post(
                "/api/v1/wins/expenses",
                content=b"amount=1",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            error(not_json, 422)
