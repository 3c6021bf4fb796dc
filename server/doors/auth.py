"""The doors' token check: the same verifier as every route (server/auth.py), off the
event loop when it may fetch JWKS keys over the network, as server/deps.py does."""

from __future__ import annotations

from uuid import UUID

from starlette.concurrency import run_in_threadpool

from server.auth import AuthError
from server.resources import Resources


async def token_user(resources: Resources, token: str) -> UUID | None:
    """The token's user, or None for a missing, forged or expired token."""
    if not token:
        return None
    verify = resources.verifier.verify
    try:
        if resources.verifier.jwks is None:  # HS256: no I/O
            return verify(token)
        return await run_in_threadpool(verify, token)
    except AuthError:
        return None
