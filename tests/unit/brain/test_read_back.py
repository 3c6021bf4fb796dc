"""Asking to see what was just written without naming it (agent/brain/ellipsis.py
`_SEE_THEM`): "list them all", "and the earlier ones?", "let's see the full list" right after
a write read that kind's rows. A generated battery: 8 writes × 11 asks, routed and called,
in words written for it; an acknowledgement or a new item is no such ask."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import step
from tests.unit.brain.test_follow_ups_by_kind import lines, routed
from tools.registry import ACTIONS_BY_NAME

# A write (what was said, its call's arguments) and the read of its rows.
WRITES: dict[str, tuple[str, dict[str, Any], str]] = {
    "add_expense": ("spent 40 on diesel", {"amount": 40, "category": "fuel"}, "list_expenses"),
    "add_task": ("add a task to fix the awning", {"title": "Fix the awning"}, "list_tasks"),
    "add_to_shopping_list": (
        "put eggs on the shopping list",
        {"items": ["eggs"]},
        "get_shopping_list",
    ),
    "create_event": (
        "dentist friday at 10",
        {"title": "Dentist", "start": "2026-03-13T10:00:00+11:00"},
        "list_events",
    ),
    "log_tyre_pressures": ("tyres 36 psi all round", {"unit": "psi"}, "tyre_pressure_history"),
    "add_pantry_item": (
        "add 2 tins of beans to the pantry",
        {"name": "beans", "quantity": 2},
        "list_pantry",
    ),
    "plan_trip": (
        "plan a trip from Dubbo to Bourke",
        {"origin": "Dubbo", "destination": "Bourke"},
        "list_trips",
    ),
    "add_vehicle": ("add a 2019 hilux called Dolly", {"name": "Dolly"}, "list_vehicles"),
}
ASKS = [
    "read it back to me",
    "what's on it now?",
    "show me the lot",
    "what have I got on there now",
    "and the earlier ones?",
    "list them all",
    "can I see all of them?",
    "show me everything so far",
    "what else is in there?",
    "what did I put in before that?",
    "let's see the full list",
]


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("ask", ASKS)
def test_an_ask_to_see_after_a_write_reads_its_rows(write: str, ask: str) -> None:
    said, args, read = WRITES[write]
    previous = lines(write, args, wrote=True)
    domain = ACTIONS_BY_NAME[read].domain
    assert domain in routed(said, ask, **previous)
    assert read in [c["name"] for c in step(domain, said, ask, **previous).tool_calls]


@pytest.mark.parametrize("said", ["thanks", "that's all thanks", "all good", "ok that's it"])
def test_an_acknowledgement_reads_nothing_back(said: str) -> None:
    asked, args, read = WRITES["add_task"]
    answer = step("you", asked, said, **lines("add_task", args, wrote=True))
    assert read not in [c["name"] for c in answer.tool_calls]


def test_more_items_after_a_list_add_are_still_added() -> None:
    asked, args, _read = WRITES["add_to_shopping_list"]
    answer = step(
        "you", asked, "and the milk too", **lines("add_to_shopping_list", args, wrote=True)
    )
    assert [c["name"] for c in answer.tool_calls] == ["add_to_shopping_list"]
