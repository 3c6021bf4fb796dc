"""Branch i15-spans11, in words written for these tests: another row meant after a declined
call when no other row is in view (agent/brain/declined.py); a group pointed at with a pronoun
after a turn that joined, made or read it (agent/brain/planner._fill_group)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, result, step
from tests.unit.brain.test_follow_ups_by_kind import lines
from tests.unit.brain.test_spans_dialogue8 import _SPENDS, _declined


@pytest.mark.parametrize(
    ("said", "row"),
    [
        ("not that one, the one before, the 55", "e2"),
        ("nope wrong one, the 20 for the pies", "e3"),
    ],
)
def test_another_row_not_in_view_is_looked_up_not_the_declined_row_changed(
    said: str, row: str
) -> None:
    # only the declined row was shown: "the 55" is which row, not a new amount for it
    history = _declined("delete_expense", "list_expenses", "expenses", _SPENDS[:1], "e1")
    first = step("wins", *history, said)
    (lookup,) = first.tool_calls
    assert lookup["name"] == "list_expenses"
    listed = result(str(lookup["id"]), "list_expenses", expenses=_SPENDS)
    second = step("wins", *history, said, first, listed)
    assert [(c["name"], c["args"]) for c in second.tool_calls] == [
        ("delete_expense", {"expense_id": row})
    ]


def test_another_row_said_without_which_is_no_guess() -> None:
    history = _declined("delete_expense", "list_expenses", "expenses", _SPENDS[:1], "e1")
    assert step("wins", *history, "nah the other one").tool_calls == []


# --- a group pointed at with a pronoun, after a turn that joined, made or read it ----------

_MADE = (
    "start a private group called Wombat Wanderers",
    "create_group",
    {"name": "Wombat Wanderers"},
)
_JOINED = ("join the Wombat Wanderers", "join_group", {"group": "Wombat Wanderers"})


@pytest.mark.parametrize(
    ("before", "said", "tool"),
    [
        (_MADE, "anyone asked to join it yet?", "review_join_requests"),
        (_MADE, "who wants in?", "review_join_requests"),
        (_MADE, "approve whoever's asked", "review_join_requests"),
        (_MADE, "post in there: hello all, new here", "create_post"),
        (_JOINED, "what are they talking about in there?", "get_feed"),
        (_JOINED, "show me their posts", "get_feed"),
        (_JOINED, "any news from them?", "get_feed"),
    ],
)
def test_a_group_pointed_at_is_the_one_the_last_turn_was_about(
    before: tuple[str, str, dict[str, Any]], said: str, tool: str
) -> None:
    asked, action, args = before
    answer = step("social", asked, said, **lines(action, args, wrote=True))
    assert only_call(answer, tool)["group"] == "Wombat Wanderers"


def test_a_post_for_everyone_after_joining_stays_public() -> None:
    asked, action, args = _JOINED
    answer = step("social", asked, "post it for everyone: roads are open", **lines(action, args))
    assert "group" not in only_call(answer, "create_post")


# --- another vehicle said for a fill just logged (no tool moves a fill): said, not written --


@pytest.mark.parametrize(
    "said",
    ["no, that one was the troopy's, not the bus", "sorry, that was for the troopy not the bus"],
)
def test_a_fill_said_to_be_another_vehicles_changes_no_other_row(said: str) -> None:
    filled = "put 50 litres in the bus, 99 dollars"
    previous = lines("log_fuel", {"litres": 50, "total_cost": 99, "vehicle": "Bus"}, wrote=True)
    answer = step("wheels", filled, said, **previous)
    assert answer.tool_calls == []
    assert "can't change a fill-up" in answer.text
