"""Route and tool choice in several requests and polite asks (branch b18-route-ysm, round
18). Each kind is tested on phrasings written for these tests, none from an eval set, with
look-alikes that must keep their old reading."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import BaseMessage

from agent.brain.money import bare_numbers
from agent.brain.own_span import typed_span
from agent.brain.segment import split
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, route, step


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


def _tools(*turns: str | BaseMessage) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for domain in route(*turns):
        answer = step(domain, *turns)
        out += [(c["name"], dict(c["args"])) for c in answer.tool_calls]
    return out


# --- a first sentence that commands, beside a later one addressed to PAM ------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        (
            "Log 35 for the laundromat. And can you add bread to the list?",
            ["add_expense", "add_to_shopping_list"],
        ),
        (
            "Add eggs to the shopping list. Could you also put the vet in for friday at 2?",
            ["add_to_shopping_list", "create_event"],
        ),
        (
            "remember the spare key is in the esky. Also could you add a task to fix the step?",
            ["remember", "add_task"],
        ),
        (
            "Put the physio in for monday at 10. Would you mind adding sunscreen to the"
            " shopping list?",
            ["create_event", "add_to_shopping_list"],
        ),
        (
            "Remember Pat is allergic to prawns. Can you put Pat's visit in for sunday at 12?",
            ["remember", "create_event"],
        ),
    ],
)
def test_a_first_command_stays_beside_an_addressed_one(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # a command with sentences after it that only tell: those stay its details
        ("Save Bob's Diesel as a mechanic. They were quick.", ["save_place"]),
        # story sentences before an addressed one stay context
        (
            "We had a great day at the beach. Could you add sunscreen to the list?",
            ["add_to_shopping_list"],
        ),
        (
            "Remember when we got bogged at Fraser. Could you add a snatch strap to the list?",
            ["add_to_shopping_list"],
        ),
    ],
)
def test_look_alikes_of_a_first_command(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


# --- "I need you to …": work asked of PAM, never a purchase -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I need you to remember the gas bottle is a 9 kilo one",
        "I need you to remember the red jerry can is for water",
        "we need you to remember that Bluey is scared of storms",
        "I want you to remember that the awning sticks on the left",
        "I'd like you to remember we always take the coast road",
    ],
)
def test_need_you_to_remember_is_a_note(text: str) -> None:
    assert [name for name, _ in _tools(text)] == ["remember"]


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        ("I need milk", ["add_to_shopping_list"]),
        ("need some batteries", ["add_to_shopping_list"]),
        ("we need more teabags", ["add_to_shopping_list"]),
    ],
)
def test_a_need_of_a_thing_is_still_a_purchase(text: str, tools: list[str]) -> None:
    assert [name for name, _ in _tools(text)] == tools


@pytest.mark.parametrize(
    "text",
    [
        "we need someone to look at the awning",
        "I need him to call me back",
    ],
)
def test_a_need_of_someone_is_no_purchase(text: str) -> None:
    assert "add_to_shopping_list" not in [name for name, _ in _tools(text)]


# --- a note or a post ends where the next request begins ---------------------------------


@pytest.mark.parametrize(
    ("text", "tool", "slot", "want"),
    [
        (
            "remember the dog is called Rex. Also add milk to the list.",
            "remember",
            "note",
            "The dog is called Rex",
        ),
        (
            "I need you to remember the site is under Smith. And can you put the ferry in for"
            " friday at 9?",
            "remember",
            "note",
            "The site is under Smith",
        ),
        (
            "remember Sue takes no sugar. Could you log 12 for coffees?",
            "remember",
            "note",
            "Sue takes no sugar",
        ),
        (
            "post in Nomads that the road is open. Also add milk to the list.",
            "create_post",
            "content",
            "the road is open.",
        ),
        (
            "remember the spare fuse is in the glovebox. Add a task to clean the filter.",
            "remember",
            "note",
            "The spare fuse is in the glovebox",
        ),
    ],
)
def test_own_words_end_at_the_next_request(text: str, tool: str, slot: str, want: str) -> None:
    args = dict(_tools(text))[tool]
    assert args[slot].rstrip(".").lower() == want.rstrip(".").lower()


def test_own_words_stay_whole_alone_or_when_the_next_is_not_found() -> None:
    assert typed_span("remember the dog is Rex", "remember the dog is Rex", None) == (
        "remember the dog is Rex"
    )
    said = "remember the dogs, and add milk"
    assert typed_span(said, "remember the dogs", "add milk") == "remember the dogs"
    assert typed_span(said, "remember the dogs", "log 40 for fuel") == said
    # (this request's own words not found as typed: the words are kept whole)
    assert typed_span("remember two dogs, add milk", "remember 2 dogs", "add milk") == (
        "remember two dogs, add milk"
    )


# --- a question after one that asked --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        (
            "any trips planned? and what's the weather for Bendigo",
            ["list_trips", "weather_forecast"],
        ),
        (
            "is the dentist on thursday? and what's on the shopping list",
            ["list_events", "get_shopping_list"],
        ),
        (
            "what did we spend on fuel? and what's the weather in Dubbo tomorrow",
            ["list_expenses", "weather_forecast"],
        ),
        ("what's on the to do list? and any trips coming up", ["list_tasks", "list_trips"]),
        (
            "any groups about fishing? and what's the forecast for Cairns",
            ["list_groups", "weather_forecast"],
        ),
    ],
)
def test_a_question_after_one_that_asked_asks_too(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


# --- a year cut short is no money -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we got the van back in '09 at Bunnings",
        "first came here in '98",
        "the '85 model had no aircon",
        "it was built in '12 at the Coles Bay plant",
        "bought in '07, still going",
    ],
)
def test_a_year_cut_short_is_no_money(text: str) -> None:
    assert bare_numbers(text) == []


@pytest.mark.parametrize(("text", "value"), [("pies 12", 12), ("parking '12 wait no, 14", 14)])
def test_figures_beside_it_are_still_money(text: str, value: int) -> None:
    assert [int(a.value) for a in bare_numbers(text)][-1] == value


# --- "…, keep that in mind" ends the note -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "Kev likes his steak rare, keep that in mind",
            "Kev likes his steak rare",
        ),
        ("Jo hates olives, bear that in mind", "Jo hates olives"),
        ("the van is 3.1 metres high, keep that in mind for later", "The van is 3.1 metres high"),
        ("our dog gets carsick, have that in mind for next time", "Our dog gets carsick"),
        (
            "the awning winds out to the left, keep this in mind for the future",
            "The awning winds out to the left",
        ),
    ],
)
def test_keep_that_in_mind_after_a_fact_ends_the_note(text: str, note: str) -> None:
    assert dict(_tools(text))["remember"]["note"] == note
