"""The flag service against real Postgres: the table's rules, environment overrides, a
change reaching a second instance through the notification, a broken store."""

from __future__ import annotations

import asyncio
import time
from uuid import uuid4

import psycopg
import pytest
from pydantic import ValidationError

from server.flags.rules import FlagRule
from server.flags.service import FlagService
from server.flags.settings import FlagSettings
from server.flags.store import audit_of, save_rule
from tools.db.pool import Pool, open_pool
from tools.db.scope import user_db
from tools.you.profile_actions import UpdateProfileArgs, update_profile

pytestmark = pytest.mark.usefixtures("clean_flags")


def settings(**values: object) -> FlagSettings:
    return FlagSettings(_env_file=None, **values)  # type: ignore[arg-type]


async def test_a_kill_switch_set_on_one_instance_holds_on_another_at_once(
    pool: Pool, migrated_url: str
) -> None:
    # A refresh period far longer than the test: only the notification can carry it.
    slow = settings(pam_flags_refresh_s=3600)
    first, second = FlagService(pool, migrated_url, slow), FlagService(pool, migrated_url, slow)
    await first.open()
    await second.open()
    try:
        user = uuid4()
        await asyncio.sleep(0.2)  # both listeners connected
        assert second.for_user(user).allows("domain.social")
        started = time.monotonic()
        await save_rule(pool, "domain.social", FlagRule(default=False), "test")
        async with asyncio.timeout(2):
            while second.for_user(user).allows("domain.social"):
                await second.changes.wait()
        took = time.monotonic() - started
        assert took < 1.0  # bench/results/flags.md measures it: milliseconds
        assert second.for_user(user).paused_domain("social") == (
            "The community (posts, feed, groups) is paused right now. Nothing was changed;"
            " please try again later."
        )
    finally:
        await first.aclose()
        await second.aclose()


async def test_every_change_is_audited_and_the_audit_is_append_only(
    pool: Pool, migrated_url: str
) -> None:
    await save_rule(pool, "action.create_post", FlagRule(default=False), "cli:tester")
    await save_rule(
        pool, "action.create_post", FlagRule(default=True, value=False, percentage=10), "user:x"
    )
    await save_rule(pool, "action.create_post", None, "user:y")
    entries = (await audit_of(pool, "action.create_post"))[:3]
    assert [e.actor for e in entries] == ["user:y", "user:x", "cli:tester"]
    assert entries[0].old is not None and entries[0].old["percentage"] == 10
    assert entries[0].new is None
    assert entries[2].old is None and entries[2].new is not None
    async with pool.connection() as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            await conn.execute("DELETE FROM feature_flag_audit")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            await conn.execute("UPDATE feature_flag_audit SET actor = 'someone else'")


async def test_an_override_wins_over_the_table(pool: Pool, migrated_url: str) -> None:
    await save_rule(pool, "domain.wins", FlagRule(default=False), "test")
    service = FlagService(
        pool, migrated_url, settings(pam_flags={"domain.wins": {"default": True}})
    )
    await service.open()
    try:
        assert service.for_user(uuid4()).allows("domain.wins")
    finally:
        await service.aclose()


async def test_a_broken_store_keeps_the_defaults_and_says_so(migrated_url: str) -> None:
    broken = await open_pool(migrated_url, min_size=1, max_size=1, timeout_s=0.5)
    await broken.close()
    service = FlagService(
        broken, migrated_url, settings(pam_flags={"domain.social": {"default": False}})
    )
    await service.reload()
    turn = service.for_user(uuid4())
    assert turn.allows("domain.wins")  # a default
    assert not turn.allows("domain.social")  # the override still holds
    health = service.health()
    assert health["status"] == "degraded"
    assert "flag store unreadable" in health["detail"]


async def test_an_experiment_arm_is_evaluated_per_user(pool: Pool, migrated_url: str) -> None:
    await save_rule(
        pool,
        "experiment.prompt",
        FlagRule(default="default", value="brief", percentage=50),
        "test",
    )
    service = FlagService(pool, migrated_url, settings())
    await service.open()
    try:
        arms = {service.for_user(uuid4()).variant for _ in range(100)}
        one = uuid4()
        assert {service.for_user(one).variant for _ in range(10)} == {service.for_user(one).variant}
    finally:
        await service.aclose()
    assert arms == {"default/default", "default/brief"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{"domain.sociall": {"default": false}}', "unknown flag 'domain.sociall'"),
        ('{"domain.social": {"default": false, "value": true, "percentage": 120}}', "100"),
        ('{"experiment.model": {"default": "openai:"}}', "cannot load"),
        ('{"domain.social": false}', "valid dictionary"),
        (
            '{"domain.social": {"default": true, "value": false, "where": {"country": "AU"}}}',
            "unknown fact 'country'",
        ),
        (
            '{"domain.social": {"default": true, "value": false, "where": {"timezone": "AEST"}}}',
            "where.timezone: 'AEST' is not a timezone value",
        ),
        (
            '{"domain.social": {"default": true, "where": {"units": "imperial"}}}',
            "a percentage, users or where need a value",
        ),
    ],
)
def test_a_bad_flag_setting_is_refused_naming_it(
    value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAM_FLAGS", value)
    with pytest.raises(ValidationError, match=message) as caught:
        FlagSettings(_env_file=None)
    assert caught.value.errors()[0]["loc"][0] == "pam_flags"


async def test_another_openfeature_provider_replaces_ours(pool: Pool, migrated_url: str) -> None:
    await save_rule(pool, "domain.wins", FlagRule(default=False), "test")  # not read now
    service = FlagService(
        pool,
        migrated_url,
        settings(pam_flags_provider="python:tests.flags.other_provider:provider"),
    )
    await service.open()
    try:
        turn = service.for_user(uuid4())
    finally:
        await service.aclose()
    assert not turn.allows("domain.social")
    assert turn.allows("domain.wins")
    assert turn.prompt == "warm" and turn.experiment
    assert service.health()["provider"] == "python:tests.flags.other_provider:provider"


async def test_another_provider_receives_the_profile_facts(pool: Pool, migrated_url: str) -> None:
    yank, aussie = uuid4(), uuid4()
    async with user_db(pool, yank) as db:
        await update_profile(db, UpdateProfileArgs(currency="USD", units="imperial"))
    async with user_db(pool, aussie) as db:
        await update_profile(db, UpdateProfileArgs(units="imperial"))  # still AUD
    service = FlagService(
        pool,
        migrated_url,
        settings(pam_flags_provider="python:tests.flags.other_provider:provider"),
    )
    await service.open()
    try:
        assert service.needs_facts
        facts_less = service.for_user(yank)  # no facts in the context: the rule's default
        yank_turn = await service.for_run(yank, {"timezone": "America/Denver"})
        aussie_turn = await service.for_run(aussie)
    finally:
        await service.aclose()
    assert facts_less.allows("action.fuel_stats")
    assert not yank_turn.allows("action.fuel_stats")
    assert aussie_turn.allows("action.fuel_stats")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("flagd", "must be 'pam' or 'python:<module>:<factory>'"),
        ("python:no_such_module:make", "cannot import 'no_such_module'"),
        ("python:tests.flags.other_provider:nothing", "has no factory 'nothing'"),
    ],
)
def test_a_provider_that_cannot_be_made_is_refused(
    value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAM_FLAGS_PROVIDER", value)
    with pytest.raises(ValidationError, match=message):
        FlagSettings(_env_file=None)
