"""The generated battery of value phrasings (`values_battery.py`): every amount, day, time
of day, lead time, period, fill and priority form, crossed with the requests that take it,
is read to the value it says (branch i15-values9)."""

from __future__ import annotations

import pytest

from tests.unit.brain.values_battery import Case, cases, check


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}:{c.text}")
def test_the_value_is_read(case: Case) -> None:
    ok, got = check(case)
    assert ok, f"{case.text!r}: want {case.expect}, got {got}"


def test_the_battery_covers_every_kind() -> None:
    kinds = {c.kind for c in cases()}
    assert kinds == {
        "amount", "day", "time", "lead", "period", "fill", "priority", "past day", "other",
    }  # fmt: skip
    assert len(cases()) > 800
