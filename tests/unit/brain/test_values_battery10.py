"""The second generated battery (`values_battery10.py`): reminders said as moments of their
own, events' ends, rates, counts, shares and fills, periods the calendar names — each read to
the value it says (branch i15-values10)."""

from __future__ import annotations

import pytest

from tests.unit.brain.values_battery10 import Case, cases, check


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}:{c.text}:{c.extra}")
def test_the_value_is_read(case: Case) -> None:
    ok, got = check(case)
    assert ok, f"{case.text!r}: want {case.expect}, got {got}"


def test_the_battery_covers_every_kind() -> None:
    assert {c.kind for c in cases()} == {"reminder", "length", "rate", "period"}
    assert len(cases()) > 150
