"""Flag settings, read from the environment (and `.env`) by pydantic-settings.

PAM_FLAGS holds overrides for tests and emergencies, as JSON: `{"domain.social":
{"default": false}}`. An override wins over the table, on this instance only. A bad
override (unknown flag, wrong kind, percentage outside 0-100, a model that cannot
load) stops the start with a message naming PAM_FLAGS.
"""

from __future__ import annotations

import importlib

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.flags.rules import FlagError, FlagRule, checked


class FlagSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    pam_flags: dict[str, FlagRule] = Field(default_factory=dict)
    # "pam" (the feature_flags table) or python:<module>:<name>, a zero-argument factory
    # of any OpenFeature provider (flagd, a vendor's).
    pam_flags_provider: str = "pam"
    # The table is read again this often even without a notification (one missed while
    # the listener reconnected is caught up within this time).
    pam_flags_refresh_s: float = Field(default=30.0, gt=0, le=3600)
    # Where in a verified token the admin role is (dotted path) and the value that makes
    # its holder an admin of /api/v1/admin/flags. Supabase keeps it in app_metadata.
    pam_admin_role_claim: str = "app_metadata.role"
    pam_admin_role: str = "admin"

    @field_validator("pam_flags")
    @classmethod
    def _known_flags(cls, v: dict[str, FlagRule]) -> dict[str, FlagRule]:
        for name, rule in v.items():
            try:
                checked(name, rule)
            except FlagError as exc:
                raise ValueError(str(exc)) from None
        return v

    @field_validator("pam_flags_provider")
    @classmethod
    def _provider(cls, v: str) -> str:
        if v == "pam":
            return v
        module, _, factory = v.removeprefix("python:").partition(":")
        if not v.startswith("python:") or not module or not factory:
            raise ValueError("must be 'pam' or 'python:<module>:<factory>'")
        try:
            found = getattr(importlib.import_module(module), factory, None)
        except ImportError as exc:
            raise ValueError(f"cannot import {module!r}: {exc}") from None
        if not callable(found):
            raise ValueError(f"{module!r} has no factory {factory!r}")
        return v
