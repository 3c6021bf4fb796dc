"""The generated battery of statements, questions and casual requests (`route_battery.py`):
nothing told or asked writes, every casual request does (branch i15-route10)."""

from __future__ import annotations

import pytest

from tests.unit.brain.route_battery import NOT_REQUESTS, Case, cases, check


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}:{c.text}")
def test_a_write_needs_a_request(case: Case) -> None:
    ok, got = check(case)
    assert ok, f"{case.kind} {case.text!r}: read {got}"


def test_the_battery_covers_every_kind_and_write() -> None:
    kinds = {c.kind for c in cases()}
    assert kinds == {*NOT_REQUESTS, "request"}
    assert len({c.tool for c in cases()}) >= 16
    assert len(cases()) >= 1200
