"""Branch i15-spans11: another row meant after a declined call when no other row is in view
(agent/brain/declined.py), in words written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.brain.support import result, step
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
