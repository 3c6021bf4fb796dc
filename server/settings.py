"""Service settings, read from the environment (and `.env`) by pydantic-settings.

Every field is named after its environment variable so a validation error names the
variable a person has to fix.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import typer
from limits import parse as parse_rate
from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from server.auth_policy import production_auth_problem

DEV_JWT_SECRET_PLACEHOLDER = "change-me"  # noqa: S105 - the value production refuses
OFFLINE_RUN_ADMISSION = 16  # measured: bench/README.md, issue 19's sixth round


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    environment: Literal["development", "test", "staging", "production"] = "development"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    database_url: str | None = None
    redis_url: str | None = None
    # How processes sharing the database agree (server/runs/coordinator.py): `auto` is
    # Redis with REDIS_URL, else one process alone (`local`); `postgres` coordinates
    # several processes through the database alone (what `pam serve --workers N` sets
    # for its workers without Redis; set it for several instances without Redis).
    pam_coordination: Literal["auto", "local", "redis", "postgres"] = "auto"
    pam_data_dir: Path = Path(".pam")

    pam_model: str | None = None
    # Seconds a chat turn may wait on its model, retries included, before PAM apologises
    # (read by the agent from the same variable: agent/context.py).
    pam_turn_deadline_s: float = Field(default=30.0, gt=0, le=600)
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None

    pam_jwt_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SUPABASE_JWT_SECRET", "PAM_JWT_SECRET")
    )
    pam_jwks_url: str | None = None
    pam_jwt_audience: str = "authenticated"
    # Token rules (server/auth_policy.py, docs/security.md): HS256 beside JWKS only on
    # purpose, a ceiling on a token's lifetime, the `role` claims that sign a user in.
    pam_jwt_hs256_with_jwks: bool = False
    pam_jwt_max_lifetime_s: int = Field(default=31 * 24 * 3600, ge=60)
    pam_jwt_roles: list[str] = Field(default_factory=lambda: ["authenticated"])

    weather_url: str = "https://api.open-meteo.com/v1/forecast"
    routing_url: str | None = None
    sentry_dsn: SecretStr | None = None
    sentry_traces_sample_rate: float = Field(default=0.0, ge=0.0, le=1.0)

    langsmith_tracing: bool = False
    langsmith_api_key: SecretStr | None = None
    langsmith_project: str = "pam"
    langsmith_endpoint: str | None = None

    rate_limit_chat: str = "30/minute"
    rate_limit_api: str = "300/minute"
    rate_limit_ws_frames: str = "60/minute"

    # How many runs one process executes at once (0: no limit); the rest wait their
    # turn in order (server/runs/admission.py). Unset: see `run_admission`.
    pam_run_admission: int | None = Field(default=None, ge=0, le=10_000)

    # The cyclic collector's thresholds under `pam serve` (young, middle, old; CPython's
    # own are 700, 10, 10): server/collector.py says why the young one is larger.
    pam_gc_thresholds: tuple[
        Annotated[int, Field(ge=100)], Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1)]
    ] = (20_000, 20, 20)

    db_pool_min_size: int = Field(default=2, ge=1, le=100)
    db_pool_max_size: int = Field(default=20, ge=1, le=500)
    # None turns server-side prepared statements off (needed behind PgBouncer in
    # transaction mode); psycopg's default is 5 executions.
    db_prepare_threshold: int | None = Field(default=5, ge=0)
    # A request waits this long for a database connection, then gets 503: an outage
    # is answered within seconds instead of holding every client for half a minute.
    db_pool_timeout_s: float = Field(default=5.0, gt=0, le=300)

    # Background jobs (reminders, budget alerts): run a worker inside `pam serve`, how
    # often it looks for due jobs and outbox rows, and when a silent worker's jobs are
    # taken over by another (heartbeat every PAM_JOBS_HEARTBEAT_S).
    pam_worker: bool = True
    pam_jobs_poll_s: float = Field(default=2.0, gt=0, le=60)
    pam_jobs_heartbeat_s: float = Field(default=10.0, gt=0, le=300)
    pam_jobs_stalled_s: float = Field(default=30.0, gt=0, le=3600)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    # A request's head: its size, and the time it may take to arrive; then the body's
    # time (server/http_protocol.py, server/middleware/body_limit.py).
    max_header_bytes: int = Field(default=64 * 1024, ge=4096, le=1024 * 1024)
    # uvicorn's HTTP/1.1 implementation; both bounded alike (server/http_protocol.py).
    http_protocol: Literal["httptools", "h11"] = "httptools"
    request_headers_timeout_s: float = Field(default=10.0, gt=0, le=300)
    request_body_timeout_s: float = Field(default=30.0, gt=0, le=3600)
    ws_max_frame_bytes: int = Field(default=64_000, ge=1024)
    # Open WebSockets one user may hold on one instance; one more is closed with 4429.
    ws_max_per_user: int = Field(default=20, ge=1, le=10_000)
    # Frames a socket may send past its frame rate limit within a minute (each answered
    # RATE_LIMITED); one more closes it with 1008 (server/ws/flood.py).
    ws_refused_frames_max: int = Field(default=10, ge=1, le=10_000)
    # Open HTTP streams (server-sent events: thread and run streams, chat/stream, AG-UI,
    # A2A, MCP) one user may hold on one instance; one more is answered 429.
    streams_max_per_user: int = Field(default=20, ge=1, le=10_000)
    # Items one user may keep in the Agent Protocol store (each value at most 64 KiB of
    # JSON); a new key past it is refused (tools/db/user_store.py).
    store_max_items_per_user: int = Field(default=10_000, ge=1, le=10_000_000)
    # Threads one user may hold (each with up to 64 KiB of metadata and a state up to
    # 256 KiB); one more is refused until they delete one (server/runs/threads.py).
    max_threads_per_user: int = Field(default=10_000, ge=1, le=10_000_000)
    # After SIGTERM: how long requests in flight may take to finish before their
    # connections are closed. A thread's stream never ends by itself, so without a
    # bound one open stream (Studio keeps one) held a stopping server for ever.
    shutdown_grace_s: float = Field(default=20.0, gt=0, le=3600)
    cors_origins: list[str] = Field(default_factory=lambda: ["http://localhost:3000"])

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not v.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL, e.g. postgresql://user@host:5432/db")
        return v

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not v.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// URL, e.g. redis://127.0.0.1:6379/0")
        return v

    @field_validator("weather_url", "routing_url", "pam_jwks_url", "openai_base_url")
    @classmethod
    def _http_url(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        if not v.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return v

    @field_validator("pam_model")
    @classmethod
    def _model_name(cls, v: str | None) -> str | None:
        if v in (None, ""):
            return None
        named = any(v.startswith(p) and len(v) > len(p) for p in ("openai:", "python:"))
        if v != "offline" and not named:
            raise ValueError(
                "must be 'offline', 'openai:<model>' (e.g. openai:gpt-4o-mini) "
                "or 'python:<module>:<name>'"
            )
        return v

    @field_validator("rate_limit_chat", "rate_limit_api", "rate_limit_ws_frames")
    @classmethod
    def _rate(cls, v: str) -> str:
        try:
            parse_rate(v)
        except ValueError as exc:
            raise ValueError(f"must be a rate such as '30/minute' ({exc})") from None
        return v

    @model_validator(mode="after")
    def _production_rules(self) -> Settings:
        if self.db_pool_min_size > self.db_pool_max_size:
            raise ValueError("DB_POOL_MIN_SIZE must not exceed DB_POOL_MAX_SIZE")
        if self.pam_coordination == "redis" and not self.redis_url:
            raise ValueError("PAM_COORDINATION=redis needs REDIS_URL")
        key = self.openai_api_key.get_secret_value() if self.openai_api_key else ""
        if self.model_name.startswith("openai:") and not key:
            # The OpenAI client refuses to start without one, as a traceback at app start.
            raise ValueError(
                f"PAM_MODEL={self.model_name} needs OPENAI_API_KEY (for a server at"
                " OPENAI_BASE_URL that takes no key, e.g. Ollama, any value will do)"
            )
        if self.environment == "production":
            problem = production_auth_problem(
                secret=self.pam_jwt_secret.get_secret_value() if self.pam_jwt_secret else None,
                jwks_url=self.pam_jwks_url,
                hs256_with_jwks=self.pam_jwt_hs256_with_jwks,
            )
            if problem is not None:
                raise ValueError(problem)
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set when ENVIRONMENT=production")
        return self

    @property
    def model_name(self) -> str:
        """The chat model to use: explicit PAM_MODEL, else OpenAI with a key, else offline."""
        if self.pam_model:
            return self.pam_model
        return "openai:gpt-4o-mini" if self.openai_api_key else "offline"

    @property
    def run_admission(self) -> int:
        """PAM_RUN_ADMISSION, else 16 runs at once with the offline model (its turns are
        all this process's CPU, so more at once cannot finish sooner) and no limit with
        any other (a remote model's turns mostly wait on it: more at once finish
        sooner, and a limit would cap turns/s at the limit ÷ the model's latency)."""
        if self.pam_run_admission is not None:
            return self.pam_run_admission
        return OFFLINE_RUN_ADMISSION if self.model_name == "offline" else 0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def load_settings() -> Settings:
    """Settings for a command line: or one line per bad variable naming it, and exit 1."""
    from server.flags.settings import FlagSettings  # the flags' own settings, read apart

    try:
        settings = Settings()
        FlagSettings()  # PAM_FLAGS and the other flag settings: checked before start-up
        return settings
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]).upper() or "settings"
            message = error["msg"].removeprefix("Value error, ")
            typer.echo(f"pam: configuration error: {where}: {message}", err=True)
        raise typer.Exit(code=1) from None
