"""The router's answer: the domains of the last message, in the order mentioned."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage

from tests.unit.brain.support import route


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("spent 85.40 on diesel in Dubbo yesterday", ["wins"]),
        ("how am I tracking on my budget", ["wins"]),
        ("got paid $1200 from fruit picking", ["wins"]),
        ("filled up 62L diesel for $130 at Dubbo, odo 145230", ["wheels"]),
        ("weather in Birdsville this weekend", ["wheels"]),
        ("plan a trip from Broome to Alice Springs via Tennant Creek", ["wheels"]),
        ("find dump points near Tamworth", ["wheels"]),
        ("what maintenance is due", ["wheels"]),
        ("remind me to call Mum tomorrow at 10", ["you"]),
        ("add milk, eggs and bread to the shopping list", ["you"]),
        ("call me Bev", ["you"]),
        ("remember that Bev is allergic to peanuts", ["you"]),
        ("post to the Grey Nomads group: the Gibb is open", ["social"]),
        ("what's new in the feed", ["social"]),
        ("join the Solar Setup group", ["social"]),
        ("hello", ["general"]),
        ("thanks!", ["general"]),
        ("what can you do?", ["general"]),
        ("what's the capital of France?", ["general"]),
        ("asdfghjkl", ["general"]),
    ],
)
def test_single_domain(text: str, domains: list[str]) -> None:
    assert route(text) == domains


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("log $30 for groceries and remind me to call Mum tomorrow at 10", ["wins", "you"]),
        ("remind me to call Mum tomorrow at 10 and log $30 for groceries", ["you", "wins"]),
        ("check the weather in Dubbo and add milk to the shopping list", ["wheels", "you"]),
        ("spent $60 on diesel, also post to the feed: diesel is dear here", ["wins", "social"]),
        ("Spent $50 on fuel and $30 on groceries", ["wins"]),
        ("hi! spent $12 on coffee", ["wins"]),
    ],
)
def test_multi_intent_in_order(text: str, domains: list[str]) -> None:
    assert route(text) == domains


@pytest.mark.parametrize(
    ("first", "question", "answer", "domain"),
    [
        ("I bought groceries at Coles", "How much was it?", "45 dollars", "wins"),
        ("spent $45", "What was it for?", "diesel", "wins"),
        ("what's the weather like?", "Which town should I check the weather for?", "Birdsville",
         "wheels"),
        ("I filled up", "How many litres did you put in?", "62", "wheels"),
        ("add a dentist appointment", "What day and time is it?", "next Tuesday at 2pm", "you"),
        ("post to the feed", "What would you like the post to say?", "Anyone at Karijini?",
         "social"),
        ("spent money on groceries", "How much was it?", "no", "wins"),
        ("spent money on groceries", "How much was it?", "never mind", "wins"),
    ],
)  # fmt: skip
def test_answers_go_to_the_question_s_domain(
    first: str, question: str, answer: str, domain: str
) -> None:
    assert route(first, AIMessage(question), answer) == [domain]


def test_a_new_request_after_a_question_is_routed_on_its_own() -> None:
    assert route(
        "I bought groceries at Coles", AIMessage("How much was it?"), "what's the weather in Dubbo?"
    ) == ["wheels"]


def test_a_question_inside_a_combined_reply_still_counts() -> None:
    reply = AIMessage("Done — added 'Call Mum' on Wed 11 Mar at 10:00 am.\n\nHow much was it?")
    assert route("log groceries and remind me to call Mum tomorrow at 10", reply, "$45") == ["wins"]


@pytest.mark.parametrize(
    ("first", "reply", "follow_up", "domain"),
    [
        ("spent 85.40 on diesel", "Done — logged $85.40 for fuel.", "actually delete that one",
         "wins"),
        ("spent 85.40 on diesel", "Done — logged $85.40 for fuel.", "change that to $90", "wins"),
        ("remind me to call Mum tomorrow at 10", "Done — added 'Call Mum'.", "move it to 3pm",
         "you"),
        ("remind me to call Mum tomorrow at 10", "Done — added 'Call Mum'.", "cancel it", "you"),
        ("what's new in the feed", "2 posts: ...", "like the first one", "social"),
    ],
)  # fmt: skip
def test_references_go_to_the_domain_of_what_they_refer_to(
    first: str, reply: str, follow_up: str, domain: str
) -> None:
    assert route(first, AIMessage(reply), follow_up) == [domain]
