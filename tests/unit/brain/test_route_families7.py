"""Word families (agent/brain/families.py): a synonym known to one rule of a meaning is
known to every rule of it. Phrasings written for these tests, none from any eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import is_question, is_request
from agent.brain.spelling import correct
from tests.unit.brain.support import wanted


@pytest.mark.parametrize(
    "text",
    [
        "zap the 38.40 pharmacy one",
        "toss the 15 parking from monday",
        "please junk the $64 dinner, it was a mistake",
    ],
)
def test_a_delete_verb_then_a_row_by_its_amount_deletes_it(text: str) -> None:
    assert wanted(text) == ["delete_expense"]


def test_a_spend_with_a_delete_verb_elsewhere_is_still_a_spend() -> None:
    # the verb must lead and the amount must be the row's: this one is money spent
    assert wanted("spent 12 on a bin for the van") == ["add_expense"]


@pytest.mark.parametrize(
    "text",
    [
        "zap the yoga class on thursday",
        "toss the physio appointment on friday",
    ],
)
def test_the_same_delete_family_takes_events_off_the_calendar(text: str) -> None:
    assert wanted(text) == ["delete_event"]


@pytest.mark.parametrize(
    "text",
    [
        "move up the dentist appointment on friday to 9am",
        "push back the vet appointment to 4pm",
    ],
)
def test_moving_an_event_by_another_verb_changes_it(text: str) -> None:
    assert wanted(text) == ["update_event"]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("tell the Murray Paddlers mob we're coming", "the Murray Paddlers group"),
        ("let the Desert Rats crew know the track is open", "the Desert Rats group"),
    ],
)
def test_a_group_called_by_another_noun_after_its_name_is_a_group(text: str, after: str) -> None:
    assert after in correct(text)
    assert wanted(text) == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "the whole mob came round for a barbie",
        "my crew and I are knackered",
        "Shaz's gang turned up at the campground",
    ],
)
def test_the_nouns_without_a_name_stay_as_written(text: str) -> None:
    assert correct(text) == text


def test_groups_asked_for_by_another_noun_are_listed() -> None:
    assert wanted("are there any clubs for people with camper trailers?") == ["list_groups"]


@pytest.mark.parametrize(
    "text",
    [
        "any chance you'd put 60 down for the laundromat",
        "any chance you'll remind me about the rego on friday at 9",
        "would it be a hassle to add sunscreen to the shopping list",
    ],
)
def test_hedged_requests_ask(text: str) -> None:
    assert is_request(text)
    assert not is_question(text)
