"""A polite request's frame ("any chance you could …", "would you mind …", "I was wondering
if you could …", "could you kindly note that …") is no part of the free-text detail read
after it: the title of an event, the description of an expense."""

from __future__ import annotations

import pytest

from tests.unit.brain.support import only_call, step


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "any chance you could pop a reminder in for the tyre rotation next Tuesday at 3?",
            "Tyre rotation",
        ),
        ("would you mind putting the optometrist in for friday at 11", "Optometrist"),
        ("I was wondering if you could add dinner with Shaz on Sunday at 6pm", "Dinner with Shaz"),
        (
            "do me a favour and chuck the farrier appointment in for monday 8am",
            "Farrier appointment",
        ),
        ("could you please jot the gas bottle swap in for Wednesday at 4", "Gas bottle swap"),
    ],
)
def test_an_event_title_starts_after_the_request_frame(text: str, title: str) -> None:
    assert only_call(step("you", text), "create_event")["title"] == title


def test_an_expense_description_starts_after_a_formal_request() -> None:
    text = "could you kindly note that I paid 38.50 for the laundromat in Mildura yesterday"
    args = only_call(step("wins", text), "add_expense")
    assert args["amount"] == pytest.approx(38.5)
    assert not args["description"].lower().startswith(("could", "kindly", "note", "i paid"))
