"""Social tool calls from many phrasings."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, step, subset

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("post to the Grey Nomads group: just did the Gibb River Road, amazing!", "create_post",
     {"group": "Grey Nomads", "content": "just did the Gibb River Road, amazing!"}),
    ("share on my feed: great sunset at Broome tonight", "create_post",
     {"content": "great sunset at Broome tonight"}),
    ("post 'anyone know a good mechanic in Katherine?'", "create_post",
     {"content": "anyone know a good mechanic in Katherine?"}),
    ("post to everyone in the Solar Setup group: new panels are in", "create_post",
     {"group": "Solar Setup", "visibility": "public"}),
    ("what's new in the feed", "get_feed", {}),
    ("show me the latest posts", "get_feed", {}),
    ("what are people saying in the Solar Setup group?", "get_feed", {"group": "Solar Setup"}),
    ("join the Solar Setup group", "join_group", {"group": "Solar Setup"}),
    ("sign me up for the Fishing Nomads group", "join_group", {"group": "Fishing Nomads"}),
    ("list groups about fishing", "list_groups", {"query": "fishing"}),
    ("are there any groups for solar?", "list_groups", {"query": "solar"}),
    ("create a group called Solar Nerds", "create_group", {"name": "Solar Nerds"}),
    ("start a group called Kimberley Crew for people travelling the Kimberley", "create_group",
     {"name": "Kimberley Crew", "description": "People travelling the Kimberley"}),
    ("Set up a new group: Nullarbor Crossers", "create_group", {"name": "Nullarbor Crossers"}),
    ("join grey nomads pls", "join_group", {"group": "grey nomads"}),
    ("Tell everyone on the feed that the roadhouse has cheap diesel", "create_post",
     {"content": "the roadhouse has cheap diesel"}),
    ("Show me the Grey Nomads posts", "get_feed", {"group": "Grey Nomads"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "args"), CASES)
def test_social_calls(text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step("social", text), tool)
    assert subset(got, args), got


def test_post_text_is_kept_as_typed() -> None:
    args = only_call(
        step("social", "share on my feed: two nights at Lake Eyre, 10/10"), "create_post"
    )
    assert args["content"] == "two nights at Lake Eyre, 10/10"


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("post in Solar Setup: new panels are in",
         {"group": "Solar Setup", "content": "new panels are in", "visibility": "group"}),
        ('post "anyone around Karratha?" to the Pilbara Wanderers group',
         {"group": "Pilbara Wanderers", "content": "anyone around Karratha?",
          "visibility": "group"}),
        ('share on my feed: "best pie in Australia" at Mrs Mac\'s',
         {"content": '"best pie in Australia" at Mrs Mac\'s', "visibility": "public"}),
    ],
)  # fmt: skip
def test_quoted_and_bare_group_posts(text: str, args: dict[str, Any]) -> None:
    assert only_call(step("social", text), "create_post") == args
