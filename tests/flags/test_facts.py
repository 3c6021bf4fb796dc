"""PAM's rules targeting profile facts, against real Postgres: the facts are read as the
user (RLS) at run start, only when a rule needs them, and a profile change shows in the
next run's flags despite the per-user cache."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
from structlog.testing import capture_logs

from server.flags.facts import DEFAULT_FACTS, profile_facts
from server.flags.rules import FlagRule
from server.flags.service import FlagService
from server.flags.settings import FlagSettings
from server.flags.store import save_rule
from tools.db.pool import Pool, open_pool
from tools.db.scope import user_db
from tools.you.profile_actions import UpdateProfileArgs, update_profile

pytestmark = pytest.mark.usefixtures("clean_flags")
IMPERIAL_WINS = FlagRule(default=False, value=True, where={"units": "imperial"})


async def set_profile(pool: Pool, user: UUID, **changes: str) -> None:
    async with user_db(pool, user) as db:
        await update_profile(db, UpdateProfileArgs.model_validate(changes))


async def test_a_rule_for_imperial_users_follows_each_users_profile(
    pool: Pool, migrated_url: str
) -> None:
    await save_rule(pool, "domain.wins", IMPERIAL_WINS, "test")
    service = FlagService(pool, migrated_url, FlagSettings(_env_file=None))
    await service.open()
    ivy, mel = uuid4(), uuid4()
    try:
        assert service.needs_facts
        before = (await service.for_run(ivy)).allows("domain.wins")  # cached from here
        await set_profile(pool, ivy, units="imperial")
        await set_profile(pool, mel, units="metric", currency="USD")
        ivy_after = (await service.for_run(ivy)).allows("domain.wins")
        mel_after = (await service.for_run(mel)).allows("domain.wins")
        await set_profile(pool, ivy, units="Metric")
        ivy_back = (await service.for_run(ivy)).allows("domain.wins")
    finally:
        await service.aclose()
    assert (before, ivy_after, mel_after, ivy_back) == (False, True, False, False)


async def test_a_list_of_values_matches_any_and_every_fact_must_match(
    pool: Pool, migrated_url: str
) -> None:
    rule = FlagRule.model_validate(
        {
            "default": True,
            "value": False,
            "where": {"currency": ["usd", "CAD"], "timezone": "america/denver"},
        }
    )
    assert rule.where == {"currency": ("USD", "CAD"), "timezone": ("America/Denver",)}
    await save_rule(pool, "domain.social", rule, "test")
    service = FlagService(pool, migrated_url, FlagSettings(_env_file=None))
    await service.open()
    both, money_only = uuid4(), uuid4()
    await set_profile(pool, both, currency="CAD", timezone="America/Denver")
    await set_profile(pool, money_only, currency="USD")
    try:
        turns = [await service.for_run(user) for user in (both, money_only)]
    finally:
        await service.aclose()
    assert [turn.allows("domain.social") for turn in turns] == [False, True]


async def test_facts_are_read_only_when_a_rule_targets_them(pool: Pool, migrated_url: str) -> None:
    service = FlagService(
        pool,
        migrated_url,
        FlagSettings(_env_file=None, pam_flags={"domain.social": {"default": False}}),
    )
    await service.open()
    try:
        without = service.needs_facts
        await save_rule(pool, "domain.wins", IMPERIAL_WINS, "test")
        await service.reload()
        with_rule = service.needs_facts
    finally:
        await service.aclose()
    assert (without, with_rule) == (False, True)


async def test_the_facts_are_the_users_own_or_the_defaults(pool: Pool) -> None:
    owner, stranger = uuid4(), uuid4()
    await set_profile(pool, owner, units="imperial", currency="NZD", timezone="Pacific/Auckland")
    assert await profile_facts(pool, owner) == {
        "units": "imperial",
        "currency": "NZD",
        "timezone": "Pacific/Auckland",
    }
    # A user with no profile row has the defaults every action reads, not another's.
    assert await profile_facts(pool, stranger) == DEFAULT_FACTS


async def test_unreadable_facts_do_not_fail_the_run_and_match_nobody(
    migrated_url: str,
) -> None:
    broken = await open_pool(migrated_url, min_size=1, max_size=1, timeout_s=0.5)
    await broken.close()
    overrides = {
        "domain.wins": IMPERIAL_WINS,
        "domain.social": FlagRule(default=False),
    }
    service = FlagService(broken, migrated_url, FlagSettings(_env_file=None, pam_flags=overrides))
    with capture_logs() as logs:
        turn = await service.for_run(uuid4())
    assert [e["event"] for e in logs] == ["profile facts unreadable: flags evaluated without them"]
    assert not turn.allows("domain.wins")  # the fact rule's default: no facts, no match
    assert not turn.allows("domain.social")  # the other rules still hold
