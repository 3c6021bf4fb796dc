"""Long messages: sentences of context around one addressed to PAM (issue 15). The
context's words in another sense ask for nothing ("called off because of the storms",
"sold the caravan"); a request that points back ("could you take it out of the
calendar?") means what the context describes. Our own sentences, not from any set."""

from __future__ import annotations

import pytest

from tests.unit.brain.support import route, step


def _tools(text: str) -> list[str]:
    domains = route(text)
    return sorted(c["name"] for d in domains if d != "general" for c in step(d, text).tool_calls)


@pytest.mark.parametrize(
    ("text", "domains", "tools"),
    [
        # a pointing request: what the sentences before describe, whatever words they hold
        (
            "The physio in Mackay rang this morning. They've shifted my session on Friday to "
            "three in the arvo. Could you change it in the calendar?",
            ["you"],
            ["list_events"],  # the event is looked up first, then changed
        ),
        (
            "I reckon the rodeo at Mount Isa on Saturday might be called off. Could you delete "
            "it from the calendar?",
            ["you"],
            ["list_events"],
        ),
        (
            "We've sold the old tinnie in Bowen, so Townsville is home base now. Could you "
            "update that on my profile?",
            ["you"],
            ["update_profile"],
        ),
        # a statement of fact beside a question: context, not a write
        (
            "We tow with an old Pajero and carry two kayaks. Are there any groups for paddlers?",
            ["social"],
            ["list_groups"],
        ),
        # a purchase with its amount stands on its own beside another request
        (
            "Spent 42 on groceries at the IGA. Could you add teabags to the shopping list?",
            ["wins", "you"],
            ["add_expense", "add_to_shopping_list"],
        ),
    ],
)
def test_context_sentences_around_an_addressed_request(
    text: str, domains: list[str], tools: list[str]
) -> None:
    assert route(text) == domains
    assert _tools(text) == tools
