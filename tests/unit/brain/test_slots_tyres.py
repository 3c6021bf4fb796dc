"""Tyre pressure tool calls from many phrasings: corners, axles, all round, the others,
one value with a unit, the unit and "cold" read from the words; history asked for."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, route, step, subset

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("tyres cold this morning 36 psi all round on the ranger", "log_tyre_pressures",
     {"unit": "psi", "cold": True, "vehicle": "Ranger", "pressures": {"all_round": 36}}),
    ("tyres this morning, cold: FL 240 FR 240 RL 260 RR 255 kpa", "log_tyre_pressures",
     {"unit": "kpa", "pressures": {"front_left": 240, "front_right": 240, "rear_left": 260,
                                   "rear_right": 255}}),
    ("tyres cold this morning 38 front 42 rear psi", "log_tyre_pressures",
     {"pressures": {"front_left": 38, "front_right": 38, "rear_left": 42, "rear_right": 42}}),
    ("tyre pressures front 2.4 rear 2.6 bar", "log_tyre_pressures",
     {"unit": "bar", "pressures": {"front_left": 2.4, "front_right": 2.4, "rear_left": 2.6,
                                   "rear_right": 2.6}}),
    ("rear left is only 29 now, the others are still 36 psi", "log_tyre_pressures",
     {"pressures": {"front_left": 36, "front_right": 36, "rear_left": 29, "rear_right": 36,
                    "all_round": 36}}),
    ("aired down to 18 psi for the beach", "log_tyre_pressures",
     {"unit": "psi", "pressures": {"all_round": 18}}),
    ("show me the tyre pressure history", "tyre_pressure_history", {}),
    ("what were the tyre pressures on the Troopy", "tyre_pressure_history",
     {"vehicle": "Troopy"}),
    ("last 3 tyre readings", "tyre_pressure_history", {"limit": 3}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tyre_calls(text: str, tool: str, expected: dict[str, Any]) -> None:
    assert route(text) == ["wheels"]
    args = only_call(step("wheels", text), tool)
    pressures = expected.pop("pressures", None)
    assert subset(args, expected), args
    if pressures is not None:
        assert args["pressures"] == pressures, args


def test_no_pressures_asks_for_them() -> None:
    answer = step("wheels", "log my tyre pressures")
    assert answer.tool_calls == []
    assert answer.text == "What were the pressures (each tyre, or one all round)?"


def test_a_tyre_service_is_still_maintenance() -> None:
    args = only_call(step("wheels", "had the tyres rotated at 150000 km"), "log_maintenance")
    assert args["odometer_km"] == 150000
