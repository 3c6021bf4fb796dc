"""A group owner asking who wants in is review_join_requests (listing), not join_group,
though the words hold "join"; a person asking to be let in still joins."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import route, step


def _calls(text: str) -> list[tuple[str, dict[str, Any]]]:
    return [(c["name"], dict(c["args"])) for c in step("social", text).tool_calls]


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("has anybody asked to get into it?", {}),
        ("any membership requests for Cape York Crawlers", {"group": "Cape York Crawlers"}),
        ("who's keen to join the bush poets group", {"group": "bush poets"}),
        ("show me the requests to join", {}),
    ],
)
def test_an_owner_asking_who_wants_in_lists_the_requests(text: str, args: dict[str, Any]) -> None:
    assert route(text) == ["social"]
    assert _calls(text) == [("review_join_requests", args)]


@pytest.mark.parametrize(
    "text", ["let me into the Cape York Crawlers group", "I'd like to join Bush Poets"]
)
def test_asking_to_be_let_in_still_joins(text: str) -> None:
    assert [name for name, _ in _calls(text)] == ["join_group"]
