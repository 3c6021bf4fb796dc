"""Issue 15, argument kinds (branch i15-args4), each on several phrasings of our own:
a story the user turns from with "anyway" is context, not requests; a clause that only
says when the money came dates it; a budget said as spoken hundreds; a price in several
number words after "a"; a feed's group named as the people in it; a correction that
names which of the recent writes it changes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.brain.textutil import normalise
from agent.dialogue import dialogue_lines, next_dialogue
from tests.unit.brain.support import only_call, step

# --- a story, then "anyway" and the request ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "we blew a tyre outside roma and waited ages for the tow truck and the kids were"
            " bored stiff anyway could you add a task to buy a new spare by friday",
            ("buy a new spare",),
        ),
        (
            "the camp host told us the dump point is broken and said it gets fixed next week"
            " anyways please add a job to empty the cassette",
            ("empty the cassette",),
        ),
        (
            "had a lovely swim and a long lunch with the neighbours, so anyway can you put"
            " renew the rego on my to do list",
            ("renew the rego",),
        ),
    ],
)
def test_a_story_before_anyway_is_context(text: str, words: tuple[str, ...]) -> None:
    answer = step("you", text)
    (call,) = answer.tool_calls
    assert call["name"] == "add_task"
    title = call["args"]["title"].lower()
    assert all(w in title for w in words)
    for told in ("tow", "dump", "swim", "lunch", "kids"):
        assert told not in title


def test_a_story_before_anyway_keeps_the_day_of_the_request() -> None:
    text = (
        "the ranger said the gorge fills up over the long weekend anyway could you add a task"
        " to book a site before the end of march"
    )
    args = only_call(step("you", text), "add_task")
    assert args["due_date"] == "2026-03-31"
    assert args["title"].lower() == "book a site"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "drove through rain all morning and the wipers died anyway can you check if anyone"
            " in solar nomads has posted about the mine road",
            "solar nomads",
        ),
        ("has anybody from caravan cooks said anything about camp ovens", "caravan cooks"),
        ("see if people in the Kimberley Crew group have posted about the gibb", "Kimberley Crew"),
    ],
)
def test_the_feed_of_the_people_in_a_group(text: str, group: str) -> None:
    args = only_call(step("social", text), "get_feed")
    assert args["group"].lower() == group.lower()


# --- when the money came, said in a clause of its own -----------------------------------


@pytest.mark.parametrize(
    ("text", "day", "source"),
    [
        ("log 650 income from fruit picking, we got paid on monday", "2026-03-09", "fruit picking"),
        ("record 90 from the market stall. I was paid yesterday.", "2026-03-09", "market stall"),
        ("income of 300 from mum, she sent it on sunday", "2026-03-08", "mum"),
    ],
)
def test_a_clause_that_says_when_dates_the_income(text: str, day: str, source: str) -> None:
    args = only_call(step("wins", text), "add_income")
    assert args["date"] == day
    assert args["source"].lower() == source


# --- budgets and prices said in words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "category"),
    [
        ("set a three fifty monthly budget for groceries", 350, "groceries"),
        ("put a four twenty monthly limit on fuel", 420, "fuel"),
        ("budget two hundred and eighty a month for eating out", 280, "food"),
        ("cap the camping at a five hundred and fifty monthly budget", 550, "camping"),
    ],
)
def test_a_budget_said_in_words_is_hundreds(text: str, limit: int, category: str) -> None:
    args = only_call(step("wins", text), "set_budget")
    assert args["monthly_limit"] == limit
    assert args["category"] == category


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a four hundred and twenty budget", "a 420 budget"),
        ("a two fifty cap", "a 2 50 cap"),
        ("a ninety five dollar fine", "a 95 dollar fine"),
        # no price: a count of things stays as written
        ("bought a two way radio", "bought a two way radio"),
        ("grab a six pack", "grab a six pack"),
    ],
)
def test_a_price_in_several_words_after_a(text: str, said: str) -> None:
    assert normalise(text) == said


# --- a correction that names which recent write it changes ------------------------------

FIRST, SECOND = "11111111-0000-4000-8000-000000000001", "11111111-0000-4000-8000-000000000002"
# newest first, as the dialogue state keeps them
WRITTEN = [
    {"kind": "expense", "id": SECOND, "amount": 35, "category": "camping"},
    {"kind": "expense", "id": FIRST, "amount": 80, "category": "fuel"},
]
AFTER_TWO = {
    "previous_action": "add_expense (wins, the previous turn, wrote)",
    "previous_filters": json.dumps({"amount": 35, "category": "camping"}),
    "previous_rows": json.dumps(WRITTEN[:1]),
    "recent_writes": json.dumps(WRITTEN),
}


@pytest.mark.parametrize(
    ("text", "row", "amount"),
    [
        ("the first one was 84 not 80", FIRST, 84),
        ("oops the fuel was eighty two", FIRST, 82),
        ("sorry, the other one should be 79", FIRST, 79),
        ("hang on, that was 85 not 80", FIRST, 85),
        ("actually 38", SECOND, 38),  # no row named: the one just written
        ("no, it was 40 not 35", SECOND, 40),
    ],
)
def test_a_correction_names_one_of_the_recent_writes(text: str, row: str, amount: float) -> None:
    args = only_call(step("wins", text, **AFTER_TWO), "update_expense")
    assert args["expense_id"] == row
    assert args["amount"] == amount
    assert "category" not in args


def _wrote(call_id: str, amount: float, category: str, row_id: str) -> list[Any]:
    call = {"name": "add_expense", "args": {"amount": amount, "category": category}, "id": call_id}
    expense = {"id": row_id, "amount": amount, "category": category}
    return [
        HumanMessage("spent"),
        AIMessage("", tool_calls=[call]),
        ToolMessage("", tool_call_id=call_id, artifact={"ok": True, "expense": expense}),
    ]


def test_the_state_keeps_the_recent_writes_across_turns() -> None:
    state = next_dialogue(_wrote("a", 80, "fuel", FIRST), None)
    state = next_dialogue(_wrote("b", 35, "camping", SECOND), state)
    assert state is not None
    assert [r["id"] for r in state.get("written", [])] == [SECOND, FIRST]
    assert [r["id"] for r in state["referents"]] == [SECOND]
    # a turn with no call keeps them; the prompt shows them
    quiet = next_dialogue([HumanMessage("thanks"), AIMessage("No worries.")], state)
    assert quiet is not None and quiet.get("written") == state.get("written")
    assert f'"id":"{FIRST}"' in dialogue_lines(quiet).split("Recent writes: ")[1]
