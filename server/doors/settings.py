"""Settings of the protocol doors (MCP, A2A, AG-UI), from the environment."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class DoorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Where clients get a token (named in the MCP authorization metadata): a Supabase
    # project's auth URL, say. Unset: this server (`pam token` / the web page's token).
    pam_auth_issuer_url: str | None = None
    # The URL clients reach this server at, for the A2A agent card. Unset: the URL the
    # card was asked for.
    pam_public_url: str | None = None
