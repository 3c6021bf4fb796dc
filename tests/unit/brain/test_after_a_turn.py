"""The turn after a budget, a trip or a weather question (issue 15): more of the same,
a correction, a question about what was just done, with an acknowledgement before it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, step
from tests.unit.brain.test_dialogue_state import previous

BUDGET = previous(
    "set_budget", "wins", {"category": "groceries", "monthly_limit": 450, "alert_threshold": 0.9},
    [], wrote=True,
)  # fmt: skip
TRIP = previous(
    "plan_trip", "wheels", {"origin": "Darwin", "destination": "Katherine", "save": True},
    [], wrote=True,
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("and 250 for eating out", "set_budget",
         {"category": "food", "monthly_limit": 250}),
        ("Hmm, that's too tight with visitors coming. Make it 520.", "set_budget",
         {"category": "groceries", "monthly_limit": 520}),
        ("Cheers. And how are we tracking against that this month?", "budget_status", {}),
    ],
)  # fmt: skip
def test_after_a_budget_was_set(text: str, tool: str, args: dict[str, Any]) -> None:
    assert only_call(step("wins", text, **BUDGET), tool) == args


def test_a_question_about_the_trip_just_planned_plans_it_without_saving() -> None:
    args = only_call(step("wheels", "how many hours will that drive be", **TRIP), "plan_trip")
    assert args == {"origin": "Darwin", "destination": "Katherine", "save": False}
