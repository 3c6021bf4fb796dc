"""What the MCP and A2A doors share: their settings from the environment, their token
check, and the route class that names itself in the request scope."""

from __future__ import annotations

from uuid import UUID

from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.routing import Match, Route
from starlette.types import Scope

from server.auth import AuthError
from server.resources import Resources


class DoorSettings(BaseSettings):
    """Settings of the protocol doors (MCP, A2A, AG-UI), from the environment."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Where clients get a token (named in the MCP authorization metadata): a Supabase
    # project's auth URL, say. Unset: this server (`pam token` / the web page's token).
    pam_auth_issuer_url: str | None = None
    # The URL clients reach this server at, for the A2A agent card. Unset: the URL the
    # card was asked for.
    pam_public_url: str | None = None


async def token_user(resources: Resources, token: str) -> UUID | None:
    """The token's user, or None for a missing, forged or expired token: the same verifier
    as every route (server/auth.py), off the event loop when it may fetch JWKS keys over
    the network, as server/deps.py does."""
    if not token:
        return None
    try:
        # Off the loop for JWKS, and through the identities table (server/auth.py).
        return await resources.verifier.averify(token)
    except AuthError:
        return None


class DoorRoute(Route):
    """A Starlette route that names itself in the request scope, as FastAPI's routes do,
    so the metrics and logs label a door's requests by its path (not "unmatched")."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if match != Match.NONE:
            child["route"] = self
        return match, child
