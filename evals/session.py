"""One `python -m evals` invocation: the database, the model (optionally behind an in-process
replay/recording server), the suite run.

By default the suite runs in a scratch database (`pam_eval_<random>`) created on the
configured server (DATABASE_URL, or the embedded one in PAM_DATA_DIR), migrated, and
dropped afterwards: no row of a real database is visible to (or left by) the evals, so
shared rows such as groups and public posts are exactly the fixtures.

The weather tool talks to a local server answering from the recorded forecast
(`evals.weather`), dated per conversation, unless a `weather_url` is given.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from uuid import uuid4

import psycopg
from psycopg import sql

from evals.dataset import Conversation
from evals.replay.server import serve_in_background
from evals.replay.sources import Source
from evals.results import SuiteResult
from evals.weather import RECORDED_FORECAST, dated_services, serve_recorded_forecast
from tools.db.embedded import database_url
from tools.db.pool import DatabaseError
from tools.services import Services


class ModelLoadError(RuntimeError):
    """The chat model could not be built (unknown name, missing API key, ...)."""


def cassette_dir(dataset: Path) -> Path:
    """Where a dataset's cassettes live: `<its folder>/cassettes/<its name>/`."""
    return dataset.parent / "cassettes" / dataset.stem


def _on_database(url: str, dbname: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(url)
    info["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in info.items() if v is not None})


@contextmanager
def eval_database(configured: str | None, data_dir: Path, scratch: bool) -> Iterator[str]:
    with database_url(configured, data_dir) as server_url:
        if not scratch:
            yield server_url
            return
        name = f"pam_eval_{uuid4().hex[:12]}"
        try:
            with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [repr(exc)])[0]
            raise DatabaseError(
                f"cannot create a scratch database ({first}); use --no-scratch-db"
            ) from None
        try:
            yield _on_database(server_url, name)
        finally:
            with psycopg.connect(server_url, autocommit=True, connect_timeout=10) as admin:
                drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                admin.execute(drop.format(sql.Identifier(name)))


@contextmanager
def openai_env(base_url: str) -> Iterator[None]:
    """Point langchain-openai at `base_url` while the model is built."""
    saved = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY")}
    os.environ["OPENAI_BASE_URL"] = base_url
    os.environ.setdefault("OPENAI_API_KEY", "replay")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass(frozen=True)
class Reach:
    """What the tools reach: one set of services, or one per conversation."""

    services: Services
    per_conversation: Callable[[Conversation], Services] | None = None


@contextmanager
def eval_services(weather_url: str | None, forecast: Path) -> Iterator[Reach]:
    """ROUTING_URL etc. as configured; the weather from `weather_url`, else from the
    recorded `forecast` served locally and dated per conversation."""
    from agent.resources import default_services

    base = default_services()
    if weather_url:
        yield Reach(replace(base, weather_url=weather_url))
        return
    with serve_recorded_forecast(forecast) as root:
        yield Reach(base, dated_services(base, root))


async def _execute(
    url: str,
    conversations: list[Conversation],
    model_name: str,
    files: list[str],
    repeat: int,
    concurrency: int,
    model_url: str | None,
    reach: Reach,
) -> SuiteResult:
    from agent.model import load_chat_model
    from evals.runner import run_suite
    from tools.db.migrate import migrate
    from tools.db.pool import open_pool

    await migrate(url)
    pool = await open_pool(url, min_size=1, max_size=max(8, concurrency * 3))
    try:
        try:
            with openai_env(model_url) if model_url else nullcontext():
                model = load_chat_model(model_name)
        except Exception as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelLoadError(f"cannot load the model {model_name!r}: {first}") from None
        return await run_suite(
            conversations,
            pool=pool,
            model=model,
            model_name=model_name,
            files=files,
            repeat=repeat,
            concurrency=concurrency,
            services=reach.services,
            services_for=reach.per_conversation,
        )
    finally:
        await pool.close()


def run_session(
    conversations: list[Conversation],
    files: list[str],
    *,
    model_name: str,
    repeat: int,
    concurrency: int,
    scratch: bool,
    source: Source | None = None,
    weather_url: str | None = None,
    forecast: Path = RECORDED_FORECAST,
) -> SuiteResult:
    """Run the suite; with `source`, the model talks to an in-process server answering from
    it; the weather comes from `weather_url`, else from the recorded `forecast`."""
    from server.settings import load_settings

    settings = load_settings()
    with (
        eval_database(settings.database_url, settings.pam_data_dir, scratch) as url,
        eval_services(weather_url, forecast) as reach,
    ):
        args = (url, conversations, model_name, files, repeat, concurrency)
        if source is None:
            return asyncio.run(_execute(*args, None, reach))
        with serve_in_background(source) as running:
            suite = asyncio.run(_execute(*args, running.url, reach))
            if running.misses:
                keys = ", ".join(sorted(set(running.misses)))
                suite.notes.append(
                    f"{len(running.misses)} model requests matched no cassette: {keys}"
                )
            return suite
