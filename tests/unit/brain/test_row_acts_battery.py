"""The generated battery of requests that change or take away a kept row (`row_acts_battery.py`):
each picks its family's update or delete, never a new row (branch i15-route11)."""

from __future__ import annotations

import pytest

from tests.unit.brain.row_acts_battery import Case, cases, check


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}:{c.text}")
def test_an_act_on_a_kept_row_is_that_act(case: Case) -> None:
    ok, got = check(case)
    assert ok, f"{case.kind} {case.text!r}: read {got}"


def test_the_battery_covers_both_families_and_acts() -> None:
    kinds = {c.kind for c in cases()}
    for family in ("event", "expense"):
        for act in ("change", "remove"):
            assert {f"{family} {act}", f"{family} {act} later"} <= kinds
    assert "new" in kinds
    assert len(cases()) >= 300
