"""Turns that lean on earlier turns, in you and social (branch b19-ctx-ys, round 19). Each
mechanism is tested on phrasings written for these tests, none from an eval set, with
look-alikes that must not change."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.reframe import CARRY
from tests.unit.brain.support import called, only_call, result, step, wanted
from tests.unit.brain.test_dialogue_kinds7 import state


def _after(
    domain: str, first: str, tool: str, args: dict[str, Any], said: str, **payload: Any
) -> AIMessage:
    turns: list[str | BaseMessage] = [
        first,
        called(tool, "c1", **args),
        result("c1", tool, summary="Done.", **payload),
        AIMessage("Done."),
        said,
    ]
    return step(domain, *turns, **state(tool, domain, args, wrote=True))


# --- "same for X": the previous write again, its named thing swapped -------------------------


@pytest.mark.parametrize(
    ("said", "group"),
    [
        ("same for Coastal Walkers", "Coastal Walkers"),
        ("ditto for Coastal Walkers", "Coastal Walkers"),
        ("and the same for Coastal Walkers please", "Coastal Walkers"),
        ("same with Outback Cooks", "Outback Cooks"),
    ],
)
def test_same_for_another_group_joins_it(said: str, group: str) -> None:
    answer = _after("social", "join Bush Poets", "join_group", {"group": "Bush Poets"}, said)
    assert only_call(answer, "join_group")["group"] == group


@pytest.mark.parametrize(
    ("said", "item"), [("same for butter", "butter"), ("ditto with rice", "rice")]
)
def test_same_for_another_item_adds_it(said: str, item: str) -> None:
    answer = _after(
        "you", "add bread to the shopping list", "add_to_shopping_list", {"items": ["bread"]}, said
    )
    assert only_call(answer, "add_to_shopping_list")["items"] == [item]


def test_same_for_a_span_after_a_read_is_no_write() -> None:
    turns: list[str | BaseMessage] = [
        "show my expenses this week",
        called("list_expenses", "c1", period="this_week"),
        result("c1", "list_expenses", summary="None.", expenses=[]),
        AIMessage("None."),
        "same for last month?",
    ]
    answer = step(
        "wins", *turns, **state("list_expenses", "wins", {"period": "this_week"}, wrote=False)
    )
    assert all(c["name"] == "list_expenses" for c in answer.tool_calls)


# --- a further setting after a setting ------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "key", "value"),
    [
        ("and the timezone to Perth", "timezone", "Australia/Perth"),
        ("and the currency to euros", "currency", "EUR"),
    ],
)
def test_another_setting_after_one_is_set(said: str, key: str, value: str) -> None:
    first, args = (
        ("set my units to imperial", {"units": "imperial"})
        if key == "timezone"
        else ("set my timezone to Darwin", {"timezone": "Australia/Darwin"})
    )
    answer = _after("you", first, "update_profile", args, said)
    call = only_call(answer, "update_profile")
    assert call[key] == value
    assert not set(call) & set(args)


# --- what is inside the group the turn before was about ----------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "what's in there?",
        "anything new in it?",
        "show me what else is in that group",
        "what's been posted in there lately",
    ],
)
def test_what_is_in_the_group_just_joined_is_its_feed(said: str) -> None:
    answer = _after("social", "join Bush Poets", "join_group", {"group": "Bush Poets"}, said)
    assert only_call(answer, "get_feed")["group"] == "Bush Poets"


def test_what_groups_are_there_stays_the_list() -> None:
    answer = _after(
        "social", "join Bush Poets", "join_group", {"group": "Bush Poets"}, "what groups are there?"
    )
    assert [c["name"] for c in answer.tool_calls] == ["list_groups"]


# --- the calendar of the day the talk is about ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["is there anything else on that day?", "got something else on the same day?"],
)
def test_something_else_on_that_day_reads_the_calendar(text: str) -> None:
    assert wanted(text) == ["list_events"]


# --- join requests asked with a word of time between ----------------------------------------


@pytest.mark.parametrize(
    "text",
    ["did anybody ask yet to come into the group?", "has someone asked already to get in"],
)
def test_asked_already_to_come_in_is_join_requests(text: str) -> None:
    assert wanted(text) == ["review_join_requests"]


# --- a group named by a word of its own, then "one" ---------------------------------------------

_SHOWN = [
    {"id": "g1", "name": "Gulf Anglers", "description": "Fishing the Gulf"},
    {"id": "g2", "name": "Red Centre Hikers", "description": "Walks near Alice"},
]


@pytest.mark.parametrize(
    ("said", "group"),
    [("join the hikers one", "Red Centre Hikers"), ("join the fishing one please", "Gulf Anglers")],
)
def test_join_the_x_one_names_a_shown_group(said: str, group: str) -> None:
    turns: list[str | BaseMessage] = [
        "which groups are there",
        called("list_groups", "c1"),
        result("c1", "list_groups", summary="2 groups.", groups=_SHOWN),
        AIMessage("2 groups."),
        said,
    ]
    answer = step("social", *turns, **state("list_groups", "social", {}, wrote=False))
    assert only_call(answer, "join_group")["group"] == group


# --- words said to a post's author -------------------------------------------------------------

_POST = {"id": "p9", "author": "Lorna", "content": "Road to Cape Leveque reopened"}


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("and tell her cheers", "cheers"),
        ("reply to Lorna's post – we drove it on Sunday, all good", "we drove it on Sunday"),
        ("reply to Lorna's news — great stuff", "great stuff"),
    ],
)
def test_words_to_the_author_comment_on_the_post(said: str, words: str) -> None:
    turns: list[str | BaseMessage] = [
        "show me the feed",
        called("get_feed", "c1"),
        result("c1", "get_feed", summary="1 post.", posts=[_POST]),
        AIMessage("1 post."),
        said,
    ]
    answer = step("social", *turns, **state("get_feed", "social", {}, wrote=False))
    call = only_call(answer, "comment_on_post")
    assert call["post_id"] == "p9"
    assert words in call["content"]


# --- a group's post put on the public feed as well ----------------------------------------------


@pytest.mark.parametrize(
    "said", ["also put it on the public feed", "also put it on the main feed for everyone"]
)
def test_a_group_post_also_made_public(said: str) -> None:
    args = {"group": "Bush Poets", "content": "Open mic Friday", "visibility": "group"}
    answer = _after("social", "post in Bush Poets: Open mic Friday", "create_post", args, said)
    call = only_call(answer, "create_post")
    assert call["visibility"] == "public"
    assert "group" not in call
    assert call["content"] == "Open mic Friday"


@pytest.mark.parametrize(
    ("text", "carries"),
    [
        ("also put it on the public feed", True),
        ("plus post that for everyone", True),
        ("also swapped the wipers while I was at it, free", False),
        ("also fixed the awning", False),
    ],
)
def test_also_carries_only_the_same_thing_put_elsewhere(text: str, carries: bool) -> None:
    assert bool(CARRY.search(text)) is carries
