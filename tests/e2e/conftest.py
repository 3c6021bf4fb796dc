"""End-to-end fixtures: `pam serve` as a subprocess (offline brain) on its own database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import RunningServer, pam_server, scratch_database

AUTH_VARIABLES = ("SUPABASE_JWT_SECRET", "PAM_JWT_SECRET", "PAM_JWKS_URL", "ENVIRONMENT")


@pytest.fixture(scope="module")
def own_database(database_url: str) -> Iterator[str]:
    """An empty database for this module's server, so its panel shows only its rows."""
    with scratch_database(database_url, "pam_e2e") as url:
        yield url


def server_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        # The offline brain, its replies paced like a real model's (first token at 200 ms,
        # then one per 20 ms): the offline brain alone streams a reply within one tick,
        # which reaches the page as one merged token.
        "PAM_MODEL": "python:tests.fakes:PacedBrain",
        "PAM_DATA_DIR": str(data_dir),
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


@pytest.fixture(scope="module")
def local_server(
    own_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """The embedded default's auth (a local secret, no JWT settings): the dev token works."""
    with pytest.MonkeyPatch.context() as env:
        for name in AUTH_VARIABLES:
            env.delenv(name, raising=False)
        data_dir = tmp_path_factory.mktemp("pam-e2e")
        with pam_server(server_env(own_database, data_dir)) as server:
            yield server


@pytest.fixture(scope="module")
def word_by_word_server(
    own_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """`local_server`, its replies a word per 150 ms (a stream can be cut between words)."""
    with pytest.MonkeyPatch.context() as env:
        for name in AUTH_VARIABLES:
            env.delenv(name, raising=False)
        data_dir = tmp_path_factory.mktemp("pam-e2e-words")
        model = "python:tests.e2e.brains:WordByWordBrain"
        with pam_server(server_env(own_database, data_dir, PAM_MODEL=model)) as server:
            yield server
