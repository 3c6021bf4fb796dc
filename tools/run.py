"""Calling an action by its registry entry, as the tools, REST routes and evals all do."""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from functools import partial
from typing import Any

import psycopg
from pydantic import ValidationError

from tools.db.scope import UserDb, user_row_missing
from tools.types import Action, ActionError, ActionResult, ErrorCode


def validation_message(exc: ValidationError) -> tuple[str, str | None]:
    """One readable sentence from pydantic's errors, plus the first offending field."""
    parts, first = [], None
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "arguments"
        first = first or where
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "is not an argument of this action"
        # A rule across fields (a model validator) has no field to name: its message
        # already says which arguments ("give total_cost or price_per_litre").
        parts.append(f"{where}: {msg}" if err["loc"] else msg)
    return "Invalid arguments — " + "; ".join(parts) + ".", first


# pydantic's bounds, said as a person would ("litres: Input should be less than or equal to
# 2000" -> "the litres can be at most 2,000")
_BOUNDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Input should be less than or equal to (\d+(?:\.\d+)?)"), "can be at most {}"),
    (re.compile(r"Input should be less than (\d+(?:\.\d+)?)"), "must be under {}"),
    (
        re.compile(r"Input should be greater than or equal to (\d+(?:\.\d+)?)"),
        "must be at least {}",
    ),
    (re.compile(r"Input should be greater than (\d+(?:\.\d+)?)"), "must be more than {}"),
]
_FIELD = re.compile(r"(?:^|(?<=; ))([a-z][a-z0-9_.]*): ")


def _figure(said: str) -> str:
    number = float(said)
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


def _bound(words: str, m: re.Match[str]) -> str:
    return words.format(_figure(m[1]))


def said_plainly(summary: str) -> str:
    """A failure's summary without argument names, for a reply to a person: the
    validation text above ("Invalid arguments — litres: …; give total_cost or …") in plain
    words; any other summary as it is."""
    if not summary.startswith("Invalid arguments — "):
        return summary
    said = summary.removeprefix("Invalid arguments — ")
    for pattern, words in _BOUNDS:
        said = pattern.sub(partial(_bound, words), said)
    said = said.replace("Input should be", "should be")
    said = _FIELD.sub(lambda m: "the " + m[1].rsplit(".", 1)[-1].replace("_", " ") + " ", said)
    said = re.sub(r"\b([a-z]+(?:_[a-z0-9]+)+)\b", lambda m: m[1].replace("_", " "), said)
    return said[:1].upper() + said[1:]


def integrity_message(exc: psycopg.errors.IntegrityError) -> str:
    diag = exc.diag
    if isinstance(exc, psycopg.errors.UniqueViolation):
        return "That already exists."
    if isinstance(exc, psycopg.errors.ForeignKeyViolation):
        return "That refers to something that doesn't exist."
    constraint = diag.constraint_name or "a rule"
    return f"That value breaks {constraint}."


async def run_action(
    action: Action, db: UserDb, raw: Mapping[str, Any], *, savepoint: bool = True
) -> ActionResult:
    """Validate, then run inside a savepoint: an error undoes exactly this action's writes.
    `savepoint=False` is for a transaction that holds this action alone, which the caller
    rolls back when this raises (two round trips fewer: the SAVEPOINT and its RELEASE).

    Raises ActionError for anything the caller should show the user.
    """
    try:
        args = action.args.model_validate(dict(raw))
    except ValidationError as exc:
        message, field = validation_message(exc)
        raise ActionError(message, field=field) from None
    try:
        if not savepoint:
            result = await action.fn(db, args)
        else:
            async with db.conn.transaction():
                result = await action.fn(db, args)
    except psycopg.errors.IntegrityError as exc:
        if isinstance(exc, psycopg.errors.ForeignKeyViolation) and user_row_missing(exc):
            raise  # the user's own row is gone: user_db forgets them (redteam 9)
        # A duplicate is a conflict however it is found: one that lost a race to the
        # unique index was a 400 `invalid`, the same one a moment later a 409 (try17).
        duplicate = isinstance(exc, psycopg.errors.UniqueViolation)
        code: ErrorCode = "conflict" if duplicate else "invalid"
        raise ActionError(integrity_message(exc), code=code) from None
    except psycopg.DataError as exc:
        # Input Postgres cannot store (an out-of-range number; NUL is refused by Args): the
        # caller's to fix. The savepoint (or the caller's rollback) undoes the action's writes.
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid value"
        raise ActionError(f"A value can't be stored: {detail}.", code="invalid") from None
    if not action.writes:  # a read changed nothing (try15: every read said changed: true)
        result.changed = False
    return result


async def call_action(action: Action, db: UserDb, raw: Mapping[str, Any]) -> dict[str, Any]:
    """`run_action` as a JSON-ready dict; failures become `{"ok": false, ...}` results."""
    try:
        result = await run_action(action, db, raw)
    except ActionError as exc:
        return exc.to_result()
    return result.model_dump(mode="json")


async def call_alone(
    action: Action, transaction: AbstractAsyncContextManager[UserDb], raw: Mapping[str, Any]
) -> dict[str, Any]:
    """`call_action` in a transaction of its own (`transaction`, e.g. `user_db(...)`):
    the action runs without a savepoint, and a failure rolls the whole transaction back,
    so it writes nothing, as in a savepoint."""
    try:
        async with transaction as db:
            result = await run_action(action, db, raw, savepoint=False)
    except ActionError as exc:
        return exc.to_result()
    return result.model_dump(mode="json")
