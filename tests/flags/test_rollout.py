"""Percentage rollout and targeting: stable buckets, honest percentages, the rules a
flag accepts."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from agent.flags import CATALOGUE
from server.flags.rules import FlagError, FlagRule, bucket, checked, evaluate

REPO = Path(__file__).resolve().parents[2]

USERS = [str(uuid4()) for _ in range(10_000)]


def rolled_out(name: str, percentage: float) -> set[str]:
    rule = FlagRule(default=False, value=True, percentage=percentage)
    return {u for u in USERS if evaluate(name, rule, u)[0] is True}


def test_a_user_keeps_their_bucket() -> None:
    user = USERS[0]
    assert {bucket("domain.social", user) for _ in range(100)} == {bucket("domain.social", user)}


def test_growing_a_rollout_only_adds_users() -> None:
    shares = [rolled_out("action.create_post", p) for p in (1, 10, 25, 50, 90, 100)]
    for smaller, larger in itertools.pairwise(shares):
        assert smaller <= larger
    assert shares[-1] == set(USERS)
    assert rolled_out("action.create_post", 0) == set()


@pytest.mark.parametrize("percentage", [5, 10, 33.3, 50, 75])
def test_the_share_rolled_out_is_the_percentage(percentage: float) -> None:
    share = len(rolled_out("domain.social", percentage)) / len(USERS) * 100
    assert abs(share - percentage) < 1.5, share


def test_two_flags_split_users_independently() -> None:
    a = rolled_out("domain.social", 50)
    b = rolled_out("domain.wins", 50)
    overlap = len(a & b) / len(USERS) * 100
    assert 22 < overlap < 28  # ~25% when independent; 50% if both used one bucket


def test_listed_users_get_the_value_whatever_the_percentage() -> None:
    listed = UUID(USERS[1])
    rule = FlagRule(default=True, value=False, users=(listed,))
    assert evaluate("domain.social", rule, str(listed)) == (False, "targeted")
    assert evaluate("domain.social", rule, USERS[2]) == (True, "default")
    assert evaluate("domain.social", rule, None) == (True, "default")


def test_an_experiment_arm_is_a_string_value() -> None:
    rule = FlagRule(default="default", value="brief", percentage=50)
    arms = {evaluate("experiment.prompt", rule, u)[0] for u in USERS[:200]}
    assert arms == {"default", "brief"}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"default": True, "percentage": 101, "value": False}, "less than or equal to 100"),
        ({"default": True, "percentage": -1, "value": False}, "greater than or equal to 0"),
        ({"default": True, "percentage": 10}, "need a value to roll out"),
        ({"default": True, "value": "yes"}, "same kind"),
        ({"default": True, "colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_a_bad_rule_is_refused_with_its_reason(rule: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        FlagRule.model_validate(rule)


@pytest.mark.parametrize(
    ("name", "rule", "message"),
    [
        ("domain.sociall", FlagRule(default=False), "unknown flag 'domain.sociall'"),
        ("domain.social", FlagRule(default="off"), "boolean flag"),
        ("experiment.prompt", FlagRule(default="shouty"), "unknown prompt variant 'shouty'"),
        ("experiment.model", FlagRule(default="gpt-9"), "cannot load"),
        ("experiment.model", FlagRule(default="python:no.such.module:x"), "cannot load"),
    ],
)
def test_a_rule_that_does_not_fit_its_flag_is_refused(
    name: str, rule: FlagRule, message: str
) -> None:
    with pytest.raises(FlagError, match=message):
        checked(name, rule)


def test_an_arm_whose_model_no_longer_loads_falls_back_to_the_default() -> None:
    from agent.brain import OfflineBrain
    from agent.flag_middleware import model_for
    from agent.flags import TurnFlags

    default = OfflineBrain()
    assert model_for(TurnFlags(model="python:no.such.module:make"), default) is default
    assert model_for(TurnFlags(), default) is default
    assert model_for(TurnFlags(model="offline"), default) is not default


def test_every_flag_name_fits_the_tables_check() -> None:
    """feature_flags.name has a CHECK (migration 0015): a catalogue name it refuses would
    make setting that flag a database error instead of a rule."""
    migration = next((REPO / "tools/db/migrations").glob("0015_*.sql")).read_text()
    pattern = re.search(r"name ~ '(.+?)'", migration)
    assert pattern is not None
    refused = [name for name in CATALOGUE if not re.fullmatch(pattern[1], name)]
    assert refused == []
