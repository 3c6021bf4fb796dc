"""Asking what PAM knows or keeps about the user (agent/brain/about_you.py): answered from
the context block's profile lines, vehicles and memories, with no tool and no refusal, in
any domain the question reaches; nothing that is not in the block is said."""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.brain.about_you import asks
from tests.unit.brain.support import BRAIN, route, system, tools_for

CONTEXT = "\n".join(
    [
        "Name: Margo",
        "Home base: Port Augusta",
        "Travel style: slow, free camps",
        "Pets: Biscuit the cattle dog",
        "Vehicles: "
        + json.dumps([{"name": "The Snail", "year": 2012, "make": "Isuzu", "model": "D-Max"}]),
        "Memories:",
        "- allergic to bee stings",
        "- prefers unpowered sites",
    ]
)
ASKS = [
    "what do you actually know about me?",
    "what have you got on us",
    "what did you remember so far",
    "what have I asked you to remember",
    "can you show me my profile",
    "pull up our details pls",
    "what's in my profile",
]


def _answer(domain: str, text: str, context: str = CONTEXT) -> AIMessage:
    prompt = SystemMessage(f"{system(domain).content}\n{context}")
    tools = list(tools_for(domain)) if domain != "general" else []
    answer = BRAIN.bind_tools(tools).invoke([prompt, HumanMessage(text)]) if tools else (
        BRAIN.invoke([prompt, HumanMessage(text)])
    )  # fmt: skip
    assert isinstance(answer, AIMessage)
    return answer


@pytest.mark.parametrize("text", ASKS)
def test_the_question_goes_to_general_and_is_answered_from_the_block(text: str) -> None:
    assert route(text) == ["general"]
    answer = _answer("general", text)
    assert not answer.tool_calls
    for fact in ("Margo", "Port Augusta", "Biscuit the cattle dog", "The Snail",
                 "allergic to bee stings", "prefers unpowered sites"):  # fmt: skip
        assert fact in answer.text, (text, answer.text)
    assert "can't help" not in answer.text


@pytest.mark.parametrize("domain", ["you", "wins"])
def test_in_another_domain_it_is_answered_the_same_with_no_tool(domain: str) -> None:
    answer = _answer(domain, "show my profile")
    assert not answer.tool_calls
    assert "Port Augusta" in answer.text and "What would you like to change" not in answer.text


def test_with_nothing_kept_it_says_so_and_invents_nothing() -> None:
    answer = _answer("general", "what do you remember?", context="")
    assert "haven't asked me to remember anything" in answer.text
    assert "Name:" not in answer.text and "Pets" not in answer.text.split("tell me")[0]


@pytest.mark.parametrize(
    "text",
    [
        "what do you remember about the road to Broome",
        "show my profile picture to the group",
        "update my profile: home base is Mildura now",
    ],
)
def test_other_questions_about_things_are_not_this(text: str) -> None:
    assert not asks(text)
