"""Dialogue and span kinds found in round 10 (branch i15-spans10), each by kind with
sentences of our own: a request that needs another's effect waits for it, a change of a
declined post said after "all good", "it" while a call is set aside, "as one too", the
rows just written read back ("what else is on there"), the list words of a task's title."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from agent.brain.convo import read_env
from agent.brain.slots_social import create_post
from agent.brain.slots_tasks import add_task
from tests.unit.brain.support import called, only_call, result, step, system
from tools.registry import ACTIONS_BY_NAME

ENV = read_env([system("you")], None)


def lines(action: str, filters: dict[str, Any], *, wrote: bool = False) -> dict[str, str]:
    domain = ACTIONS_BY_NAME[action].domain
    return {
        "previous_action": f"{action} ({domain}, the previous turn{', wrote' if wrote else ''})",
        "previous_filters": json.dumps(filters),
    }


@pytest.mark.parametrize(
    "said",
    [
        "join Grey Nomads NT and post there: anyone at Mataranka this week?",
        "please join Grey Nomads NT and post in Grey Nomads NT: anyone at Mataranka?",
    ],
)
def test_a_post_to_a_group_being_joined_waits_for_the_join(said: str) -> None:
    first = step("social", said)
    assert [c["name"] for c in first.tool_calls] == ["join_group"]
    joined = first.tool_calls[0]
    then = step("social", said, first, result(str(joined["id"]), "join_group"))
    assert only_call(then, "create_post")["group"] == "Grey Nomads NT"


def _declined(words: str) -> list[Any]:
    return [
        f"post this: {words}",
        called("create_post", "p1", content=words, visibility="public"),
        ToolMessage('{"ok": false, "summary": "Declined."}', tool_call_id="p1", name="create_post"),
        AIMessage("OK, I won't post that."),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "nah all good, just put it in the Coast Crew group instead",
        "no worries, put it in the Coast Crew group instead",
        "all good, just the Coast Crew group then",
    ],
)
def test_a_declined_post_moves_to_a_group_after_all_good(said: str) -> None:
    turns = _declined("selling our camp chairs, 20 each, in Broome till Monday")
    args = only_call(step("social", *turns, said), "create_post")
    assert args["group"] == "Coast Crew"
    assert args["visibility"] == "group"
    assert "camp chairs" in args["content"]


def test_all_good_is_not_for_all() -> None:
    args = create_post("all good, post in the Coast Crew group: road's open", ENV).args
    assert args["visibility"] == "group"


def test_a_comment_on_it_too_names_the_post_by_the_turn_before() -> None:
    feed = json.dumps(
        {
            "ok": True,
            "summary": "2 posts",
            "posts": [
                {"id": "a1", "content": "Sunset at Cable Beach, magic"},
                {"id": "b2", "content": "Road to Cape Leveque is corrugated"},
            ],
        }
    )
    turns: list[str | BaseMessage] = [
        "like the post about cape leveque",
        called("get_feed", "f1"),
        ToolMessage(feed, tool_call_id="f1", name="get_feed"),
        called("like_post", "l1", post_id="b2"),
        AIMessage("Like the post?"),
        "actually leave a comment on it too: thanks for the heads up",
    ]
    args = only_call(step("social", *turns), "comment_on_post")
    assert args["post_id"] == "b2"


def test_one_too_is_of_the_kind_just_talked_about() -> None:
    shown = lines("find_places", {"near": "Esperance", "kind": "campsite"})
    answer = step(
        "wheels",
        "campsites near esperance?",
        AIMessage("…"),
        "save Duke of Orleans Bay as one too, 4 stars",
        **shown,
    )
    args = only_call(answer, "save_place")
    assert args["kind"] == "campsite" and args["name"] == "Duke of Orleans Bay"
    assert args["rating"] == 4


@pytest.mark.parametrize(
    ("action", "said", "tool"),
    [
        ("add_task", "and whats else is on there", "list_tasks"),
        ("add_task", "what's on it now?", "list_tasks"),
        ("add_to_shopping_list", "ok what else is on the list", "get_shopping_list"),
        ("plan_trip", "whats on the trip list now", "list_trips"),
        ("create_event", "what else is on there?", "list_events"),
    ],
)
def test_the_rows_just_written_are_read_back(action: str, said: str, tool: str) -> None:
    wrote = lines(action, {}, wrote=True)
    domain = ACTIONS_BY_NAME[tool].domain
    answer = step(domain, "…", AIMessage("Done."), said, **wrote)
    assert [c["name"] for c in answer.tool_calls] == [tool]


def test_another_list_named_is_that_list() -> None:
    wrote = lines("add_task", {}, wrote=True)
    answer = step("you", "…", AIMessage("Done."), "what's on the shopping list now", **wrote)
    assert [c["name"] for c in answer.tool_calls] == ["get_shopping_list"]


@pytest.mark.parametrize(
    ("said", "title"),
    [
        ("put call the insurance mob on the to do list for tmrw", "Call the insurance mob"),
        ("add ring the vet to my to-do list by friday", "Ring the vet"),
        ("put clean the esky on the jobs list for the weekend", "Clean the esky"),
    ],
)
def test_a_task_title_keeps_no_list_words(said: str, title: str) -> None:
    assert add_task(said, ENV).args["title"] == title
