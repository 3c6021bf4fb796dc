"""Issue 14, tokens: weak and example secrets refused in production (H1, M1), HS256 off
beside JWKS unless asked for (H1), a lifetime ceiling and a role policy, JWKS lookups
off the event loop with a negative cache (M2)."""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from pydantic import SecretStr, ValidationError

from server.auth import AuthError, TokenVerifier
from server.settings import Settings
from tests.api.conftest import Serve, token_for
from tests.chaos.jwks import RsaKey, new_rsa_key
from tests.fakes import ScriptedChatModel

pytestmark = pytest.mark.hardening  # issue 14 (make chaos runs it too)

SUPABASE_EXAMPLE = "your-super-secret-jwt-token-with-at-least-32-characters-long"
JWKS = "http://127.0.0.1:9/.well-known/jwks.json"


def production(**values: Any) -> Settings:
    return Settings(
        _env_file=None,
        environment="production",
        database_url="postgresql://pam@127.0.0.1:5432/pam",
        **values,
    )


@pytest.mark.parametrize(
    "secret",
    ["change-me", SUPABASE_EXAMPLE, " " * 32, "a" * 48, "passwordpassword1234567890123456"],
)
def test_production_refuses_example_and_guessable_secrets(secret: str) -> None:
    with pytest.raises(ValidationError, match="PAM_JWT_SECRET"):
        production(pam_jwt_secret=SecretStr(secret))


def test_production_refuses_a_weak_secret_used_beside_jwks_on_purpose() -> None:
    with pytest.raises(ValidationError, match="published example"):
        production(
            pam_jwt_secret=SecretStr("change-me"), pam_jwks_url=JWKS, pam_jwt_hs256_with_jwks=True
        )


def test_production_accepts_a_random_secret() -> None:
    secret = secrets.token_urlsafe(32)
    settings = production(pam_jwt_secret=SecretStr(secret))
    assert settings.pam_jwt_secret is not None


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_with_jwks_an_hs256_token_signed_with_the_secret_is_refused(serve: Serve) -> None:
    """H1: ENVIRONMENT=production, PAM_JWKS_URL set, PAM_JWT_SECRET=change-me: the server
    starts (JWKS is the auth), and a token signed with "change-me" reads nothing."""
    forged = token_for("victim", secret="change-me")
    overrides = {
        "environment": "production",
        "pam_jwks_url": JWKS,
        "pam_jwt_secret": SecretStr("change-me"),
    }
    async with (
        serve(ScriptedChatModel(), **overrides) as server,
        httpx.AsyncClient(base_url=server.url) as c,
    ):
        headers = {"Authorization": f"Bearer {forged}"}
        assert (await c.get("/api/v1/pam/threads", headers=headers)).status_code == 401
        created = await c.post("/api/v1/wins/expenses", headers=headers, json={"amount": 5})
        assert created.status_code == 401


def signed(secret: str, **claims: Any) -> str:
    now = int(time.time())
    body = {"sub": "alice", "aud": "authenticated", "iat": now, "exp": now + 600, **claims}
    body = {name: value for name, value in body.items() if value is not None}
    return jwt.encode(body, secret, algorithm="HS256")


SECRET = secrets.token_urlsafe(32)


def test_a_token_living_past_the_ceiling_is_refused() -> None:
    verifier = TokenVerifier(secret=SECRET, audience="authenticated", max_lifetime_s=3600)
    year_2300 = 10_413_792_000
    with pytest.raises(AuthError, match="lifetime"):
        verifier.verify(signed(SECRET, exp=year_2300))
    with pytest.raises(AuthError, match="lifetime"):
        verifier.verify(signed(SECRET, exp=int(time.time()) + 7200, iat=None))
    assert verifier.verify(signed(SECRET))  # ten minutes is fine


@pytest.mark.parametrize("role", ["service_role", "anon", "supabase_admin"])
def test_only_the_authenticated_role_signs_a_user_in(role: str) -> None:
    verifier = TokenVerifier(secret=SECRET, audience="authenticated")
    with pytest.raises(AuthError, match="role"):
        verifier.verify(signed(SECRET, role=role))
    assert verifier.verify(signed(SECRET, role="authenticated"))
    assert verifier.verify(signed(SECRET))  # no role claim: other identity providers


@dataclass
class SlowJwks:
    url: str
    fetches: list[float]


@contextmanager
def slow_jwks(key: RsaKey, delay_s: float) -> Iterator[SlowJwks]:
    """A JWKS endpoint that takes `delay_s` to answer, counting its fetches."""
    body = json.dumps({"keys": [key.jwk()]}).encode()
    fetches: list[float] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fetches.append(time.monotonic())
            time.sleep(delay_s)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SlowJwks(f"http://127.0.0.1:{server.server_address[1]}/jwks.json", fetches)
    finally:
        server.shutdown()
        server.server_close()


def rs256(key: RsaKey, kid: str) -> str:
    now = int(time.time())
    claims = {"sub": "mallory", "aud": "authenticated", "iat": now, "exp": now + 600}
    return jwt.encode(claims, key.private, algorithm="RS256", headers={"kid": kid})


async def test_unknown_kids_never_freeze_the_event_loop(serve: Serve) -> None:
    """M2: requests with made-up kids against a slow identity provider: /health/live
    answers at once meanwhile, and the key set is not fetched once per request."""
    key = new_rsa_key()
    with slow_jwks(key, delay_s=1.5) as jwks:
        async with (
            serve(ScriptedChatModel(), pam_jwks_url=jwks.url) as server,
            httpx.AsyncClient(base_url=server.url, timeout=30) as c,
        ):

            async def unknown_kid(n: int) -> int:
                headers = {"Authorization": f"Bearer {rs256(key, f'made-up-{n % 2}')}"}
                return (await c.get("/api/v1/pam/threads", headers=headers)).status_code

            # The server runs in this test's event loop: the probe runs on its own thread,
            # so a blocked loop shows as a slow answer, not as a late start.
            latencies: list[float] = []
            stop = threading.Event()

            def probe() -> None:
                with httpx.Client(base_url=server.url, timeout=30) as sync:
                    while not stop.is_set():
                        started = time.monotonic()
                        assert sync.get("/health/live").status_code == 200
                        latencies.append(time.monotonic() - started)
                        time.sleep(0.05)

            prober = threading.Thread(target=probe)
            prober.start()
            try:
                assert set(await asyncio.gather(*(unknown_kid(n) for n in range(6)))) == {401}
                await asyncio.sleep(0.3)
            finally:
                stop.set()
                await asyncio.to_thread(prober.join)
            assert len(latencies) > 5
            assert max(latencies) < 0.5, f"/health/live took {max(latencies):.2f} s"
            fetched = len(jwks.fetches)
            for n in range(4):  # remembered as unknown: no fetch at all
                assert await unknown_kid(n) == 401
            assert len(jwks.fetches) == fetched
            assert fetched <= 3
            # The real key still signs in (one fetch, once).
            good = {"Authorization": f"Bearer {rs256(key, key.kid)}"}
            assert (await c.get("/api/v1/pam/threads", headers=good)).status_code == 200
