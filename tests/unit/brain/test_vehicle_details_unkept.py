"""A kept vehicle's details changed (branch i15-acts14): no tool changes a vehicle, so its
default, tank, odometer or economy set to another figure picks no tool (general says what
PAM can do), never a fill logged with the figure. Sentences are not in the acts14 battery."""

from __future__ import annotations

from datetime import date

import pytest

from agent.brain.intents import classify
from agent.brain.row_acts import unkept

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    "text",
    [
        "change the Jayco's tank to 95 litres",
        "update the ute's odometer to 212,300",
        "set the Prado as my default",
        "switch the default car to the Jayco",
        "can you change the troopy fuel tank size to 180L",
        "correct the van's consumption to 13 litres per 100",
    ],
)
def test_a_vehicle_detail_changed_picks_no_tool(text: str) -> None:
    assert unkept(text) == "vehicle"
    assert classify(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("filled the ute, 70L for $140, odo 212,300", "log_fuel"),
        ("set the default currency to USD", "update_profile"),
        ("change the oil on the ute at 212,000", "log_maintenance"),
    ],
)
def test_a_fill_a_service_or_the_profile_keeps_its_tool(text: str, tool: str) -> None:
    assert unkept(text) is None
    picked = classify(text, TODAY)
    assert picked is not None and picked.tool == tool
