"""Bearer-token auth: Supabase-style JWTs (HS256 with a shared secret, or RS256/ES256
against a JWKS URL). `sub` is the user; `aud` must be "authenticated"; `exp` is enforced,
and the rules of server/auth_policy.py (lifetime ceiling, roles, HS256 beside JWKS).

`averify` is what request handlers call: a JWKS lookup may go over the network, so it
runs in a worker thread with a deadline, and a `kid` the key set did not have is
remembered for a while so a stream of made-up kids costs one fetch, not one each."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

import anyio
import jwt
from cachetools import LRUCache, TTLCache

from server.auth_policy import claims_problem, hs256_accepted
from server.identities import preferred_user_id, user_for
from server.settings import Settings
from tools.db.pool import Pool

ASYMMETRIC = ["RS256", "ES256"]
VERIFIED_TOKENS = 10_000
RECHECK_S = 300.0
SECRET_FILE = "jwt_secret"  # noqa: S105 - a file name, not a secret
# JWKS: one fetch may take this long; the key set is fetched again at most once per
# JWKS_REFRESH_COOLDOWN_S for an unknown kid; an unknown kid is refused without a fetch
# for UNKNOWN_KID_TTL_S; at most JWKS_THREADS lookups wait on the identity provider.
JWKS_FETCH_TIMEOUT_S = 3.0
JWKS_VERIFY_DEADLINE_S = 5.0
JWKS_REFRESH_COOLDOWN_S = 30.0
UNKNOWN_KID_TTL_S = 60.0
UNKNOWN_KIDS = 1_000
JWKS_THREADS = 4
DEFAULT_MAX_LIFETIME_S = 31 * 24 * 3600


MAX_IDENTITY_CHARS = 2000  # an issuer or subject, as the identities table takes them


def _storable_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_IDENTITY_CHARS and "\x00" not in value


class AuthError(Exception):
    """Why a token was refused (logged, never echoed beyond "invalid token")."""


def user_uuid(sub: str) -> UUID:
    """The user id a subject gets on first sight (server/identities.py): a canonical
    UUID `sub` is itself, any other subject a uuid5. Served users go through the
    identities table (`TokenVerifier.resolve`), so two subjects are never one user."""
    return preferred_user_id(sub)


@dataclass(frozen=True)
class Identity:
    issuer: str  # "" when the token names none
    subject: str
    expires: float


def local_secret(data_dir: Path) -> str:
    """The embedded default's signing secret: made once, kept in the data directory."""
    path = data_dir.expanduser() / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


@dataclass
class TokenVerifier:
    secret: str | None
    audience: str
    jwks: jwt.PyJWKClient | None = None
    # Tokens already verified: (user, valid until). A client sends the same token with
    # every request; decoding and checking its signature each time cost 5% of an Agent
    # Protocol turn under load. Held at most RECHECK_S, so a JWKS key withdrawn is
    # honoured within minutes, and never past the token's own `exp`.
    verified: LRUCache[str, tuple[UUID, float]] = field(
        default_factory=lambda: LRUCache(maxsize=VERIFIED_TOKENS)
    )
    max_lifetime_s: int = DEFAULT_MAX_LIFETIME_S
    roles: frozenset[str] = frozenset({"authenticated"})
    unknown_kids: TTLCache[str, bool] = field(
        default_factory=lambda: TTLCache(maxsize=UNKNOWN_KIDS, ttl=UNKNOWN_KID_TTL_S)
    )
    jwks_threads: anyio.CapacityLimiter | None = None
    # (issuer, subject) -> user id, injectively (server/identities.py; set by the app).
    # Without it (unit tests, `pam token`) a subject's user id is `user_uuid(sub)`.
    resolve: Callable[[str, str], Awaitable[UUID]] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, pool: Pool | None = None) -> TokenVerifier:
        secret = settings.pam_jwt_secret.get_secret_value() if settings.pam_jwt_secret else None
        if secret is None and not settings.pam_jwks_url:
            secret = local_secret(settings.pam_data_dir)
        if not hs256_accepted(
            secret=secret,
            jwks_url=settings.pam_jwks_url,
            hs256_with_jwks=settings.pam_jwt_hs256_with_jwks,
        ):
            secret = None
        jwks = None
        if settings.pam_jwks_url:
            jwks = jwt.PyJWKClient(
                settings.pam_jwks_url,
                cache_keys=True,
                timeout=JWKS_FETCH_TIMEOUT_S,
                cooldown_duration=JWKS_REFRESH_COOLDOWN_S,
            )
        return cls(
            secret=secret,
            audience=settings.pam_jwt_audience,
            jwks=jwks,
            max_lifetime_s=settings.pam_jwt_max_lifetime_s,
            roles=frozenset(settings.pam_jwt_roles),
            resolve=partial(user_for, pool) if pool is not None else None,
        )

    def verify(self, token: str) -> UUID:
        """Verify on the calling thread (may fetch JWKS keys: see `averify`)."""
        known = self.known(token)
        if known is not None:
            return known
        identity = self._verify(token)
        return self._remember(token, user_uuid(identity.subject), identity.expires)

    def _remember(self, token: str, user: UUID, expires: float) -> UUID:
        self.verified[token] = (user, min(expires, time.time() + RECHECK_S))
        return user

    def known(self, token: str) -> UUID | None:
        known = self.verified.get(token)
        if known is not None and time.time() < known[1]:
            return known[0]
        return None

    def expiry(self, token: str) -> float:
        """The `exp` of a token this verifier accepted (for sockets that outlive it)."""
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
            return float(claims["exp"])
        except (jwt.PyJWTError, KeyError, TypeError, ValueError):
            raise AuthError("token has no usable exp") from None

    async def averify(self, token: str) -> UUID:
        """Verify without blocking the event loop: HS256 and remembered tokens inline,
        a JWKS lookup in a worker thread within JWKS_VERIFY_DEADLINE_S."""
        known = self.known(token)
        if known is not None:
            return known
        if self.jwks is None or self._header_alg(token) == "HS256":
            identity = self._verify(token)
        else:
            if self.jwks_threads is None:
                self.jwks_threads = anyio.CapacityLimiter(JWKS_THREADS)
            try:
                with anyio.fail_after(JWKS_VERIFY_DEADLINE_S):
                    identity = await anyio.to_thread.run_sync(
                        self._verify, token, abandon_on_cancel=True, limiter=self.jwks_threads
                    )
            except TimeoutError:
                raise AuthError(
                    "the identity provider's keys could not be fetched in time"
                ) from None
        if self.resolve is None:
            user = user_uuid(identity.subject)
        else:
            user = await self.resolve(identity.issuer, identity.subject)
        return self._remember(token, user, identity.expires)

    @staticmethod
    def _header_alg(token: str) -> object:
        try:
            return jwt.get_unverified_header(token).get("alg")
        except jwt.PyJWTError:
            return None

    def _jwks_key(self, token: str) -> object:
        assert self.jwks is not None
        kid = jwt.get_unverified_header(token).get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("token has no key id")
        if kid in self.unknown_kids:
            raise AuthError(f"unknown key id {kid!r}")
        try:
            return self.jwks.get_signing_key(kid).key
        except jwt.PyJWKClientConnectionError:
            raise  # the provider is down: not the kid's fault, so not remembered
        except jwt.PyJWKClientError:
            self.unknown_kids[kid] = True
            raise

    def _verify(self, token: str) -> Identity:
        claims = self.claims(token)
        issuer = claims.get("iss")
        sub = str(claims["sub"])
        return Identity(issuer if isinstance(issuer, str) else "", sub, float(claims["exp"]))

    def claims(self, token: str) -> dict[str, Any]:
        """The claims of a token whose signature, audience, expiry, lifetime and role
        check out (may fetch JWKS keys: call it off the event loop)."""
        try:
            header = jwt.get_unverified_header(token)
            alg = header.get("alg")
            if alg == "HS256" and self.secret:
                key: object = self.secret
            elif alg in ASYMMETRIC and self.jwks is not None:
                key = self._jwks_key(token)
            else:
                raise AuthError(f"algorithm {alg!r} is not accepted")
            claims = jwt.decode(
                token,
                key,  # type: ignore[arg-type]
                algorithms=[alg],
                audience=self.audience,
                options={"require": ["exp", "sub"]},
            )
        except (jwt.PyJWTError, ValueError) as exc:
            raise AuthError(str(exc)) from None
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub:
            raise AuthError("token has no subject")
        for name in ("sub", "iss"):  # kept in `identities` (text, at most 2,000 characters)
            value = claims.get(name)
            if name in claims and not _storable_text(value):
                raise AuthError(f"the {name} claim is not text PAM can keep")
        problem = claims_problem(
            claims, now=time.time(), max_lifetime_s=self.max_lifetime_s, roles=self.roles
        )
        if problem is not None:
            raise AuthError(problem)
        return claims

    def issue(
        self, sub: str, *, ttl_s: int = 30 * 24 * 3600, extra: dict[str, Any] | None = None
    ) -> str:
        """A token for the embedded default (`pam token`, the local web page)."""
        if not self.secret:
            raise AuthError("tokens can only be issued with a shared secret")
        now = int(time.time())
        claims = {
            "sub": sub,
            "aud": self.audience,
            "role": "authenticated",
            "iat": now,
            "exp": now + ttl_s,
            **(extra or {}),
        }
        return jwt.encode(claims, self.secret, algorithm="HS256")
