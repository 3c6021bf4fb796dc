"""Bearer tokens for the harness's users, signed with the secret its servers are given."""

from __future__ import annotations

from uuid import UUID

from server.auth import TokenVerifier, user_uuid

JWT_SECRET = "chaos-secret-that-is-long-enough-for-hs256-0123456789"
AUDIENCE = "authenticated"


def token_for(user: str, *, ttl_s: int = 3600) -> str:
    return TokenVerifier(secret=JWT_SECRET, audience=AUDIENCE).issue(user, ttl_s=ttl_s)


def auth(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user)}"}


def uid(user: str) -> UUID:
    """The user id the server derives from `token_for(user)`."""
    return user_uuid(user)
