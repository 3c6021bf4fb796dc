"""Courtesies around a request (a greeting first, thanks or a name signed last) are set
aside before reading, and a message typed with caps lock on is read lower case. The
phrasings here are this test's own: the mechanism is a grammar, not a list of phrases."""

from __future__ import annotations

import pytest

from agent.brain.courtesy import set_aside
from agent.brain.shouting import unshout
from tests.unit.brain.support import only_call, route, step


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Good afternoon, Pam — pop bread on the list", "pop bread on the list"),
        ("Yo team! what's on Friday", "what's on Friday"),
        ("Hullo folks: spent $12 on bait", "spent $12 on bait"),
        ("heya darl, remind me to water the ferns", "remind me to water the ferns"),
        ("log $30 for the laundromat, thanks a bunch", "log $30 for the laundromat"),
        ("weather in Cooktown? you're a gem x", "weather in Cooktown?"),
        ("add the vet on Monday at 2. Many thanks - Jan", "add the vet on Monday at 2."),
        ("fuel stats please, thank u so much :)", "fuel stats please"),
        ("save Wilpena Pound as a campsite - Dot & Ray", "save Wilpena Pound as a campsite"),
        ("hey pam what did I spend on food", "what did I spend on food"),
    ],
)
def test_a_greeting_and_a_closing_are_set_aside(text: str, body: str) -> None:
    assert set_aside(text) == body


@pytest.mark.parametrize(
    "text",
    [
        "Morning tea at the CWA hall on Friday",  # a greeting word that opens no greeting
        "post in Grey Nomads: thanks to everyone who helped",
        "the sunset at Mindil was lovely",
        "Hi there!",  # courtesy alone is small talk: read as it is
        "cheers",
        "evening walk with Dot at 6",
    ],
)
def test_words_that_are_no_courtesy_stay(text: str) -> None:
    assert set_aside(text) == text


def test_a_courteous_request_is_read_as_the_bare_request() -> None:
    text = "Good afternoon, Pam — chuck bread and tomatoes on the list, thanks a bunch"
    assert route(text) == ["you"]
    assert only_call(step("you", text), "add_to_shopping_list")["items"] == ["bread", "tomatoes"]
    args = only_call(step("you", "heya darl, remind me to water the ferns - Jan"), "add_task")
    assert args["title"].lower() == "water the ferns"


def test_a_shouted_message_is_read_lower_case_and_an_acronym_keeps_its_case() -> None:
    assert unshout("SPENT $60 AT THE IGA IN COBAR") == "spent $60 at the iga in cobar"
    assert unshout("UHT milk and BP fuel") == "UHT milk and BP fuel"
    assert unshout("RACV ROADSIDE") == "RACV ROADSIDE"  # two words: too short to be shouting
    args = only_call(step("social", "MAKE A NEW GROUP CALLED MALLEE WANDERERS"), "create_group")
    assert args["name"] == "Mallee Wanderers"
