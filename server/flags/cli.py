"""`pam flags list|get|set|clear|rollout|audit`: the flags of the configured database
(DATABASE_URL, else the embedded one). Changes are audited as `cli:<os user>` and
reach running instances at once (their listeners hear the table change)."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import orjson
import typer
from pydantic import ValidationError

from server.flags import control
from server.flags.rules import FlagError, FlagRule
from server.flags.settings import FlagSettings
from server.flags.store import audit_of
from tools.db.embedded import database_url
from tools.db.migrate import migrate
from tools.db.pool import DatabaseError, Pool, open_pool

flags_app = typer.Typer(help="Feature flags, rollouts and experiments.", no_args_is_help=True)
T = TypeVar("T")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"pam: {message}", err=True)
    return typer.Exit(code=1)


def _with_pool(work: Callable[[Pool, FlagSettings], Awaitable[T]]) -> T:
    from server.settings import load_settings

    settings = load_settings()
    flag_settings = FlagSettings()

    async def run(url: str) -> T:
        await migrate(url)
        pool = await open_pool(url, min_size=1, max_size=2)
        try:
            return await work(pool, flag_settings)
        finally:
            await pool.close()

    try:
        with database_url(settings.database_url, settings.pam_data_dir) as url:
            return asyncio.run(run(url))
    except FlagError as exc:
        raise _fail(str(exc)) from None
    except DatabaseError as exc:
        raise _fail(str(exc)) from None


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _show(data: Any) -> None:
    typer.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())


@flags_app.command("list")
def list_flags() -> None:
    """Every flag: kind, where its rule comes from (default, table, override), rule."""
    found = _with_pool(lambda pool, s: control.list_flags(pool, s.pam_flags))
    for flag in found:
        rule = orjson.dumps(flag["rule"]).decode() if flag["rule"] else "-"
        typer.echo(f"{flag['name']:<32} {flag['kind']:<8} {flag['source']:<8} {rule}")


@flags_app.command("get")
def get_flag(name: str) -> None:
    """One flag, as JSON."""
    _show(_with_pool(lambda pool, s: control.get_flag(pool, name, s.pam_flags)))


@flags_app.command("set")
def set_flag(
    name: str,
    rule: Annotated[str, typer.Argument(help="the rule as JSON, e.g. '{\"default\": false}'")],
) -> None:
    """Set a flag's rule: default, and optionally value, percentage (0-100), users,
    where (profile facts, e.g. {"units": "imperial"})."""
    try:
        parsed = FlagRule.model_validate_json(rule)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "rule"
        raise _fail(f"bad rule for {name}: {where}: {first['msg']}") from None
    _with_pool(lambda pool, s: control.set_flag(pool, name, parsed, _actor()))
    typer.echo(f"{name} set")


@flags_app.command("clear")
def clear_flag(name: str) -> None:
    """Remove a flag's rule: its default applies again."""
    _with_pool(lambda pool, s: control.clear_flag(pool, name, _actor()))
    typer.echo(f"{name} cleared")


@flags_app.command("rollout")
def rollout(name: str, percentage: float) -> None:
    """Roll a flag's value out to PERCENTAGE of users (the same users stay in as it grows)."""
    rule = _with_pool(lambda pool, s: control.set_rollout(pool, name, percentage, _actor()))
    typer.echo(f"{name} at {rule.percentage:g}% -> {orjson.dumps(rule.value).decode()}")


@flags_app.command("audit")
def audit(name: Annotated[str | None, typer.Argument()] = None) -> None:
    """Changes, newest first: when, who, old -> new."""
    entries = _with_pool(lambda pool, s: audit_of(pool, name))
    for e in entries:
        old = orjson.dumps(e.old).decode() if e.old else "-"
        new = orjson.dumps(e.new).decode() if e.new else "-"
        typer.echo(f"{e.changed_at.isoformat()} {e.actor} {e.name}: {old} -> {new}")
