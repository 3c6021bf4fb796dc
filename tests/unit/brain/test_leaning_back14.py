"""Turns that lean on the one before, by mechanism (branch i15-dialogue14). The sentences
here are written for these tests, apart from the battery (evals/batteries/dialogue14.py):
a trip put in the calendar, another budget said short, the last row of a list shown, a
pointer after a verb of several words, another kind of place, words for the people of a
group just shown, a fill "in her", a total over the rows shown, a declined call wanted
after all, a post's audience narrowed to a group, a typed approval."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agent.approvals import read_decision
from tests.unit.brain.support import called, only_call, route, step
from tests.unit.brain.test_dialogue_kinds7 import state

TRIP = {"origin": "Roma", "destination": "Charleville", "start_date": "2026-03-19"}


def _with_day(lines: dict[str, str], day: str) -> dict[str, str]:
    return {**lines, "previous_day": day}


def _shown(name: str, call_id: str, key: str, rows: list[dict[str, Any]]) -> ToolMessage:
    body = {"ok": True, "summary": f"{len(rows)} shown.", key: rows}
    return ToolMessage(json.dumps(body), tool_call_id=call_id, name=name, artifact=body)


# --- a trip put in the calendar: its day and what it is ------------------------------------


@pytest.mark.parametrize(
    ("said", "start"),
    [
        ("pop it in the diary", "2026-03-19"),
        ("can you whack that in my calendar", "2026-03-19"),
        ("pencil it in the calendar, heading off at 6.30am", "2026-03-19T06:30:00+11:00"),
    ],
)
def test_a_trip_put_in_the_calendar_is_on_its_day(said: str, start: str) -> None:
    lines = _with_day(state("plan_trip", "wheels", TRIP, wrote=True), "2026-03-19")
    asked = "plan a trip from Roma to Charleville on the 19th"
    args = only_call(step("you", asked, said, **lines), "create_event")
    assert args["start"] == start
    assert args["title"] == "Roma to Charleville"


def test_an_event_of_its_own_after_a_trip_keeps_its_own_title() -> None:
    lines = _with_day(state("plan_trip", "wheels", TRIP, wrote=True), "2026-03-19")
    args = only_call(
        step("you", "plan a trip from Roma to Charleville", "book the vet friday at 9", **lines),
        "create_event",
    )
    assert "vet" in args["title"].lower()
    assert args["start"] == "2026-03-13T09:00:00+11:00"


# --- another budget said short ------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "category", "limit"),
    [
        ("same for shopping", "shopping", 450),
        ("repairs 150 too", "repairs", 150),
        ("and ditto for entertainment", "entertainment", 450),
    ],
)
def test_another_budget_said_short(said: str, category: str, limit: int) -> None:
    lines = state("set_budget", "wins", {"category": "camping", "monthly_limit": 450}, wrote=True)
    args = only_call(step("wins", "camping budget 450 a month", said, **lines), "set_budget")
    assert (args["category"], args["monthly_limit"]) == (category, limit)


# --- rows of a list shown, pointed at -----------------------------------------------------

EVENTS = [
    {"id": f"5b1e0000-0000-4000-8000-00000000002{i}", "title": t, "start": s}
    for i, (t, s) in enumerate(
        [
            ("Podiatrist", "2026-03-11T09:00:00+11:00"),
            ("Gas bottle swap", "2026-03-12T11:00:00+11:00"),
            ("Markets", "2026-03-13T08:00:00+11:00"),
        ]
    )
]


def _events_shown(rows: list[dict[str, Any]]) -> list[str | BaseMessage]:
    return [
        "what's on over the next few days",
        called("list_events", "e1"),
        _shown("list_events", "e1", "events", rows),
        AIMessage("Here's what's coming up."),
    ]


@pytest.mark.parametrize(
    "said", ["scrap the last one", "take the bottom one off", "the last of them can go, delete it"]
)
def test_the_last_one_of_a_list_shown_is_its_end(said: str) -> None:
    lines = state(
        "list_events", "you", {}, wrote=False, shown=[{"kind": "event", **e} for e in EVENTS]
    )
    args = only_call(step("you", *_events_shown(EVENTS), said, **lines), "delete_event")
    assert args["event_id"] == EVENTS[-1]["id"]


def test_a_pointer_after_a_verb_of_several_words_is_the_row_shown() -> None:
    one = EVENTS[:1]
    lines = state(
        "list_events", "you", {}, wrote=False, shown=[{"kind": "event", **e} for e in one]
    )
    args = only_call(
        step("you", *_events_shown(one), "please get rid of that", **lines), "delete_event"
    )
    assert args["event_id"] == one[0]["id"]


# --- another kind of place near the same town ---------------------------------------------


@pytest.mark.parametrize(
    ("said", "kind"), [("and a water tap?", "water"), ("what about a servo", "fuel")]
)
def test_another_kind_of_place_is_searched_near_the_same_town(said: str, kind: str) -> None:
    lines = state("find_places", "wheels", {"near": "Hughenden", "kind": "dump_point"}, wrote=False)
    args = only_call(step("wheels", "dump points near Hughenden", said, **lines), "find_places")
    assert (args["near"], args["kind"]) == ("Hughenden", kind)


# --- words for the people of a group just shown -------------------------------------------


def test_telling_them_after_a_groups_feed_posts_to_that_group() -> None:
    turns: list[str | BaseMessage] = [
        "what's happening in Solar and 12V",
        called("get_feed", "f1", group="Solar and 12V"),
        _shown("get_feed", "f1", "posts", []),
        AIMessage("No posts yet in Solar and 12V."),
    ]
    lines = state("get_feed", "social", {"group": "Solar and 12V"}, wrote=False)
    said = "tell them the new lithium is holding up great"
    args = only_call(step("social", *turns, said, **lines), "create_post")
    assert args["group"] == "Solar and 12V"
    assert args["content"] == "the new lithium is holding up great"
    assert args.get("visibility", "group") == "group"


# --- a fill "in her" ------------------------------------------------------------------------


def test_a_fill_said_of_her_is_the_vehicle_just_asked_about() -> None:
    lines = state("fuel_stats", "wheels", {"vehicle": "Coaster"}, wrote=False)
    said = "topped her up this arvo, 55 litres for 104"
    args = only_call(step("wheels", "fuel use for the Coaster?", said, **lines), "log_fuel")
    assert args["vehicle"] == "Coaster"


# --- a total over the rows shown ----------------------------------------------------------


@pytest.mark.parametrize(
    "said", ["tot them up", "what's the total?", "how much is that all together"]
)
def test_a_total_of_the_rows_shown_reads_them_again(said: str) -> None:
    filters = {"category": "camping", "start_date": "2026-02-01", "end_date": "2026-02-28"}
    lines = state("list_expenses", "wins", filters, wrote=False)
    args = only_call(step("wins", "camping fees in february", said, **lines), "list_expenses")
    assert args == filters


# --- a declined call wanted after all, a post narrowed to a group, a typed yes -------------


def _declined(name: str, args: dict[str, Any], words: str) -> list[str | BaseMessage]:
    return [
        words,
        called(name, "d1", **args),
        ToolMessage(
            '{"ok": false, "error": "rejected", "summary": "Declined."}',
            tool_call_id="d1",
            name=name,
        ),
        AIMessage("OK, I won't delete that expense."),
    ]


@pytest.mark.parametrize(
    "said", ["changed my mind, go ahead", "ok fine, do it after all", "yeah, delete it"]
)
def test_a_declined_delete_wanted_after_all_is_asked_again(said: str) -> None:
    expense = "5b1e0000-0000-4000-8000-000000000031"
    turns = _declined("delete_expense", {"expense_id": expense}, "delete the 19.50 parking")
    assert route(*turns, said) == ["wins"]
    assert only_call(step("wins", *turns, said), "delete_expense") == {"expense_id": expense}


def test_keeping_it_after_a_decline_asks_nothing() -> None:
    expense = "5b1e0000-0000-4000-8000-000000000031"
    turns = _declined("delete_expense", {"expense_id": expense}, "delete the 19.50 parking")
    assert not step("wins", *turns, "no, leave it, go ahead and keep it").tool_calls


def test_a_declined_public_post_narrowed_to_a_group() -> None:
    words = "post publicly: the Bloomfield Track is open again"
    turns = _declined("create_post", {"content": words[15:], "visibility": "public"}, words)
    args = only_call(step("social", *turns, "nah, only the Cape York mob"), "create_post")
    assert args["group"] == "Cape York"
    assert args["visibility"] == "group"


@pytest.mark.parametrize("said", ["yep, go for it", "yes go for it mate"])
def test_go_for_it_approves(said: str) -> None:
    assert read_decision(said) == "approve"


# --- a search that names no thing keeps the things of the one before ------------------------


@pytest.mark.parametrize(
    ("said", "near", "kind"),
    [
        ("any closer to Cloncurry?", "Cloncurry", "campsite"),
        ("anything near Hughenden?", "Hughenden", "campsite"),
        ("show me mechanics in Cloncurry", "Cloncurry", "mechanic"),
    ],
)
def test_a_search_that_names_no_thing_keeps_the_kind(said: str, near: str, kind: str) -> None:
    lines = state("find_places", "wheels", {"near": "Julia Creek", "kind": "campsite"}, wrote=False)
    args = only_call(step("wheels", "camps near Julia Creek", said, **lines), "find_places")
    assert (args["near"], args.get("kind")) == (near, kind)
