"""The third generated battery (`values_battery11.py`): a price for each of several people, a
bill shared, periods that run to today or that the calendar's quarters and halves name, and
figures with a decimal comma or spaced thousands — each read to the value it says (branch
i15-values11)."""

from __future__ import annotations

import pytest

from tests.unit.brain.values_battery10 import Case, check
from tests.unit.brain.values_battery11 import cases


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}:{c.text}:{c.extra}")
def test_the_value_is_read(case: Case) -> None:
    ok, got = check(case)
    assert ok, f"{case.text!r}: want {case.expect}, got {got}"


def test_the_battery_covers_every_kind() -> None:
    assert {c.kind for c in cases()} == {"share", "period", "figure", "day"}
    assert len(cases()) > 100
