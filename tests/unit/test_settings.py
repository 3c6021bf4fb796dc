"""Settings: defaults, and a wrong value is refused naming its variable."""

from __future__ import annotations

import secrets

import pytest
from pydantic import ValidationError

from server.settings import Settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "PAM_MODEL",
        "OPENAI_API_KEY",
        "ENVIRONMENT",
        "SUPABASE_JWT_SECRET",
        "PAM_JWT_SECRET",
        "PAM_JWKS_URL",
        "PAM_RUN_ADMISSION",
        "PAM_GC_THRESHOLDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir("/")  # no stray .env


def _error_fields(exc: ValidationError) -> set[str]:
    return {str(e["loc"][0]).upper() for e in exc.errors() if e["loc"]}


def test_defaults_are_the_embedded_offline_setup() -> None:
    s = Settings()
    assert s.database_url is None
    assert s.model_name == "offline"
    assert s.environment == "development"


def test_an_api_key_selects_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert Settings().model_name.startswith("openai:")


@pytest.mark.parametrize(
    ("env", "runs_at_once"),
    [
        ({}, 16),  # the offline model: every turn is this process's CPU
        ({"OPENAI_API_KEY": "sk-test"}, 0),  # a remote model's turns wait on it: no limit
        ({"PAM_MODEL": "python:tests.fakes:PacedBrain"}, 0),
        ({"PAM_RUN_ADMISSION": "3"}, 3),
        ({"PAM_RUN_ADMISSION": "0"}, 0),
        ({"OPENAI_API_KEY": "sk-test", "PAM_RUN_ADMISSION": "16"}, 16),
    ],
)
def test_runs_at_once_follow_the_model_unless_set(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], runs_at_once: int
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Settings().run_admission == runs_at_once


def test_the_collector_thresholds_are_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().pam_gc_thresholds == (20_000, 20, 20)
    monkeypatch.setenv("PAM_GC_THRESHOLDS", "[700, 10, 10]")  # CPython's own
    assert Settings().pam_gc_thresholds == (700, 10, 10)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/db"),
        ("PAM_RUN_ADMISSION", "-1"),
        ("PAM_GC_THRESHOLDS", "[7, 10, 10]"),
        ("PAM_GC_THRESHOLDS", "[20000, 20]"),
        ("REDIS_URL", "localhost:6379"),
        ("PAM_MODEL", "claude"),
        ("RATE_LIMIT_CHAT", "lots"),
        ("DB_POOL_MAX_SIZE", "0"),
        ("PORT", "99999"),
        ("ENVIRONMENT", "prod"),
        ("WEATHER_URL", "ftp://weather"),
    ],
)
def test_a_wrong_value_names_its_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as info:
        Settings()
    assert name in _error_fields(info.value)


def test_an_openai_model_without_a_key_is_refused_naming_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAM_MODEL", "openai:gpt-4o-mini")
    with pytest.raises(ValidationError, match="PAM_MODEL=openai:gpt-4o-mini needs OPENAI_API_KEY"):
        Settings()
    monkeypatch.setenv("OPENAI_API_KEY", "anything")  # a local server that takes no key
    assert Settings().model_name == "openai:gpt-4o-mini"


def test_production_refuses_a_missing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/pam")
    with pytest.raises(ValidationError, match="SUPABASE_JWT_SECRET"):
        Settings()


def test_production_refuses_a_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/pam")
    monkeypatch.setenv("SUPABASE_JWT_SECRET", "change-me")
    with pytest.raises(ValidationError, match="SUPABASE_JWT_SECRET"):
        Settings()


def test_production_accepts_a_real_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/pam")
    secret = secrets.token_urlsafe(32)  # random: "x" * 40 is refused as guessable
    monkeypatch.setenv("PAM_JWT_SECRET", secret)
    s = Settings()
    assert s.pam_jwt_secret is not None
    assert s.pam_jwt_secret.get_secret_value() == secret
