"""Bearer-token auth: Supabase-style JWTs (HS256 with a shared secret, or RS256/ES256
against a JWKS URL). `sub` is the user; `aud` must be "authenticated"; `exp` is enforced."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid5

import jwt
from cachetools import LRUCache

from server.settings import Settings

USER_NAMESPACE = UUID("3b0d4a0e-5f3c-4a4f-9d7e-2c1b6c0e9a55")
ASYMMETRIC = ["RS256", "ES256"]
VERIFIED_TOKENS = 10_000
RECHECK_S = 300.0
SECRET_FILE = "jwt_secret"  # noqa: S105 - a file name, not a secret


class AuthError(Exception):
    """Why a token was refused (logged, never echoed beyond "invalid token")."""


def user_uuid(sub: str) -> UUID:
    """Supabase subs are UUIDs; any other subject maps to a stable UUID."""
    try:
        return UUID(sub)
    except ValueError:
        return uuid5(USER_NAMESPACE, sub)


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

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenVerifier:
        secret = settings.pam_jwt_secret.get_secret_value() if settings.pam_jwt_secret else None
        if secret is None and not settings.pam_jwks_url:
            secret = local_secret(settings.pam_data_dir)
        jwks = None
        if settings.pam_jwks_url:
            jwks = jwt.PyJWKClient(settings.pam_jwks_url, cache_keys=True)
        return cls(secret=secret, audience=settings.pam_jwt_audience, jwks=jwks)

    def verify(self, token: str) -> UUID:
        known = self.verified.get(token)
        now = time.time()
        if known is not None and now < known[1]:
            return known[0]
        user, expires = self._verify(token)
        self.verified[token] = (user, min(expires, now + RECHECK_S))
        return user

    def _verify(self, token: str) -> tuple[UUID, float]:
        claims = self.claims(token)
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub:
            raise AuthError("token has no subject")
        return user_uuid(sub), float(claims["exp"])

    def claims(self, token: str) -> dict[str, Any]:
        """The claims of a token whose signature, audience and expiry check out."""
        try:
            header = jwt.get_unverified_header(token)
            alg = header.get("alg")
            if alg == "HS256" and self.secret:
                key: object = self.secret
            elif alg in ASYMMETRIC and self.jwks is not None:
                key = self.jwks.get_signing_key_from_jwt(token).key
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
