"""The user's profile facts in a flag's evaluation context, and checking a rule's `where`.

A fact is a profile setting with a bounded set of values (units, currency, time zone),
never free text (a name, a home base, pets): targeting by those would make every value
its own segment, and they are the user's words, not settings. A fact's values are
checked with the same types `update_profile` stores them through, so a rule can only
name values a profile can hold (`Imperial` reads as `imperial`, `australia/perth` as
`Australia/Perth`).

The facts are read under the user's own RLS scope (the run's user, from the verified
token), once per run start, and only when something reads them: a rule with `where`,
or another OpenFeature provider (which may target anything in the context).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, get_args
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from tools.db.pool import Pool
from tools.db.scope import UserDb, user_db
from tools.profile import Profile
from tools.values import Currency
from tools.you.profile_actions import TimeZoneName, Units

FactName = Literal["units", "currency", "timezone"]
FACT_NAMES: tuple[FactName, ...] = get_args(FactName)
FACT_VALUES: dict[FactName, TypeAdapter[str]] = {
    "units": TypeAdapter(Units),
    "currency": TypeAdapter(Currency),
    "timezone": TypeAdapter(TimeZoneName),
}
# A user with no profile row yet has the defaults every action reads (tools.profile).
DEFAULT_FACTS: dict[str, str] = {name: getattr(Profile(), name) for name in FACT_NAMES}
Facts = tuple[tuple[str, str], ...]  # sorted (name, value) pairs: hashable, a cache key


async def profile_facts(pool: Pool, user_id: UUID) -> dict[str, str]:
    """The user's facts, read as that user (RLS): one short transaction, not durable
    (it writes nothing but, on a user's first sight, their `users` row)."""
    async with user_db(pool, user_id, durable=False) as db:
        return await facts_in(db)


async def facts_in(db: UserDb) -> dict[str, str]:
    """The user's facts, read inside a transaction already scoped to them."""
    cur = await db.conn.execute(
        "SELECT units, currency, timezone FROM profiles WHERE user_id = %s", (db.user_id,)
    )
    row = await cur.fetchone()
    return {name: str(row[name]) for name in FACT_NAMES} if row else dict(DEFAULT_FACTS)


def checked_where(where: Any) -> dict[FactName, tuple[str, ...]]:
    """A rule's `where` as {fact: accepted values}; ValueError naming what is wrong."""
    if not isinstance(where, Mapping):
        raise ValueError(
            'where must be an object of facts, e.g. {"units": "imperial"}'
            f' or {{"currency": ["USD", "CAD"]}}; got {type(where).__name__}'
        )
    known = ", ".join(FACT_NAMES)
    out: dict[FactName, tuple[str, ...]] = {}
    for name, wanted in where.items():
        if name not in FACT_NAMES:
            raise ValueError(f"unknown fact {name!r}; the facts a rule can target: {known}")
        values = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(values, list | tuple) or not values:
            raise ValueError(f"where.{name} must be a value or a non-empty list of values")
        accepted: list[str] = []
        for value in values:
            if not isinstance(value, str):
                raise ValueError(f"where.{name}: {value!r} is not text")
            try:
                accepted.append(FACT_VALUES[name].validate_python(value))
            except ValidationError as exc:
                reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
                raise ValueError(
                    f"where.{name}: {value!r} is not a {name} value: {reason}"
                ) from None
        out[name] = tuple(dict.fromkeys(accepted))
    return out


def matches(where: Mapping[FactName, tuple[str, ...]], facts: Mapping[str, Any]) -> bool:
    """Every fact named in `where` has one of its values (a fact not known: no match)."""
    return all(facts.get(name) in values for name, values in where.items())
