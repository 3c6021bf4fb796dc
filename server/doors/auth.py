"""The doors' token check: the same verifier as every route (server/auth.py), off the
event loop when it may fetch JWKS keys over the network, as server/deps.py does."""

from __future__ import annotations

from uuid import UUID

from server.auth import AuthError
from server.resources import Resources


async def token_user(resources: Resources, token: str) -> UUID | None:
    """The token's user, or None for a missing, forged or expired token."""
    if not token:
        return None
    try:
        # Off the loop for JWKS, and through the identities table (server/auth.py).
        return await resources.verifier.averify(token)
    except AuthError:
        return None
