"""Profile statements (agent/brain/slots_profile.py): the companions one travels with are
pets only where an animal word names them and no person word does; a field named outright
("set my pets to: …", "change our home base to …") takes the words after it; after a
change of mind in the same breath, the value said last wins."""

from __future__ import annotations

import pytest

from tests.unit.brain.support import only_call, route, step


def _profile(text: str) -> dict[str, object]:
    assert route(text) == ["you"], text
    return only_call(step("you", text), "update_profile")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm Lorraine, travelling with my husband Keith and our cavoodle Pippa",
         {"pets": "cavoodle Pippa"}),
        ("we've got the grandkids and a border collie called Tess with us",
         {"pets": "a border collie called Tess"}),
        ("travelling with my partner, her mum and 2 cats", {"pets": "2 cats"}),
        ("travelling with my son, Jack and our staffy, Bruno", {"pets": "staffy, Bruno"}),
    ],
)  # fmt: skip
def test_people_travelled_with_are_no_pets(text: str, expected: dict[str, str]) -> None:
    got = _profile(text)
    assert {k: got.get(k) for k in expected} == expected, got


def test_a_name_said_with_the_company_is_kept_too() -> None:
    got = _profile("name's Trev, travelling with the missus Jan and our heeler Blue")
    assert got == {"display_name": "Trev", "pets": "heeler Blue"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("set my pets to: Ruby the staffy", {"pets": "Ruby the staffy"}),
        ("update our pets to 2 budgies", {"pets": "2 budgies"}),
        ("change my home base to bendigo", {"home_base": "Bendigo"}),
        ("set our travel style to slow and cheap", {"travel_style": "slow and cheap"}),
    ],
)
def test_a_field_named_outright_takes_the_value_after_it(
    text: str, expected: dict[str, str]
) -> None:
    assert _profile(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("switch me to metric. actually no, imperial please", {"units": "imperial"}),
        ("we're on miles, sorry, kilometres", {"units": "metric"}),
        ("change currency to GBP, no wait, euros", {"currency": "EUR"}),
    ],
)
def test_after_a_change_of_mind_the_value_said_last_wins(
    text: str, expected: dict[str, str]
) -> None:
    assert _profile(text) == expected


def test_without_a_change_of_mind_an_imperial_word_still_says_imperial() -> None:
    got = only_call(step("you", "use miles from now on, the van does 20 km to the litre"),
                    "update_profile")  # fmt: skip
    assert got["units"] == "imperial"
