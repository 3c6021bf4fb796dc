"""Tracing and error reporting that switch on from settings alone.

- LangSmith: LangChain and LangGraph read `LANGSMITH_*` from the process environment,
  but pydantic-settings may have read them from `.env`; exporting them makes the two agree.
- Sentry: initialised only when `SENTRY_DSN` is set; no personal data is sent.
"""

from __future__ import annotations

import os

import sentry_sdk
import structlog

from server.settings import Settings

log = structlog.get_logger("pam.observability")


def langsmith_env(settings: Settings) -> dict[str, str]:
    """The variables LangSmith reads, or nothing when tracing is off or has no key."""
    key = settings.langsmith_api_key.get_secret_value() if settings.langsmith_api_key else ""
    if not settings.langsmith_tracing or not key:
        return {}
    env = {
        "LANGSMITH_TRACING": "true",
        "LANGSMITH_API_KEY": key,
        "LANGSMITH_PROJECT": settings.langsmith_project,
    }
    if settings.langsmith_endpoint:
        env["LANGSMITH_ENDPOINT"] = settings.langsmith_endpoint
    return env


def export_langsmith_env(settings: Settings) -> bool:
    """Put the LangSmith variables in os.environ; True when tracing is now on."""
    env = langsmith_env(settings)
    os.environ.update(env)
    return bool(env)


def init_sentry(settings: Settings) -> bool:
    """Start the Sentry SDK when a DSN is configured; True when it is running."""
    if settings.sentry_dsn is None or not settings.sentry_dsn.get_secret_value():
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn.get_secret_value(),
        environment=settings.environment,
        release="pam@0.1.0",
        send_default_pii=False,
        traces_sample_rate=settings.sentry_traces_sample_rate,
    )
    return True


def init_observability(settings: Settings) -> None:
    tracing = export_langsmith_env(settings)
    sentry = init_sentry(settings)
    log.info("observability", langsmith_tracing=tracing, sentry=sentry)
