"""Whether to write, and how many rows (round 18, branch b18-writes): a temperature is no
money, a quote or an estimate is no bill paid, a bill of someone else's or one said not to be
ours, a post or sign seen somewhere, prices set against each other, "going off" said of
creatures or devices, "remember that" after what to remember, a take-back to one place,
a request whose values follow in a sentence of their own, and "can I get you to …".
Phrasings written for these tests, none from an eval set."""

from __future__ import annotations

import pytest

from agent.brain.only_that import only_place
from tests.unit.brain.support import only_call, step, writes

# --- a temperature is no money -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the freezer is at about -18 degrees, nice and cold",
        "the esky was at 4 degrees this morning so the meat's fine",
        "it got to 41 degrees in Birdsville today",
        "the fridge sits at about 4 degrees, all good",
        "water was about 12 degrees celsius, too cold for a swim",
    ],
)
def test_a_temperature_writes_nothing(text: str) -> None:
    assert writes(text) == []


def test_money_beside_a_temperature_still_writes() -> None:
    assert "add_expense" in writes("spent 30 on ice for the esky, it was 38 degrees")


# --- a quote or an estimate is a price asked, not money paid -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the quote for the new awning was 900, bit rich",
        "the estimate for the brakes came in at 650, still thinking",
        "the other quote was 2.5k so we'll wait",
        "the mechanic's quote is 480 for the timing belt, haven't booked it",
        "got two quotes, the cheaper estimate was 1,100",
    ],
)
def test_a_quote_writes_nothing(text: str) -> None:
    assert writes(text) == []


def test_a_quote_paid_still_writes() -> None:
    assert "add_expense" in writes("paid the quote for the awning, 900")


# --- a bill of someone else's, or said not to be ours --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my pal's vet bill was 600, poor bloke",
        "my sister's power bill came to 450 this quarter",
        "our neighbours' rego was 900 for the big rig",
        "the tow was 700, glad it wasn't ours",
        "a 250 parking fine, glad it wasn't me",
    ],
)
def test_someone_elses_bill_writes_nothing(text: str) -> None:
    assert writes(text) == []


def test_their_bill_we_paid_still_writes() -> None:
    assert "add_expense" in writes("I paid my brother's phone bill, 90")


# --- what was seen somewhere, passed on ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "saw a post on facebook that the Gibb is closed past Imintji",
        "read an article saying diesel will hit 2.50 by march",
        "I saw a sign that the showers are 2 dollars for 5 minutes",
        "came across a review saying the park at Kalbarri is noisy",
        "spotted an ad that the tyre place has 20% off this week",
    ],
)
def test_something_seen_writes_nothing(text: str) -> None:
    assert writes(text) == []


def test_a_post_asked_for_still_writes() -> None:
    assert "create_post" in writes("post that the Gibb is closed past Imintji")


# --- prices set against each other ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a pie here is 7, at the bakery back home it was 5.20, which is dearer?",
        "beer is 9 at this pub and 11 at the club, which one is cheaper?",
        "the ferry is 120, the flight 140, which is better value?",
        "a loaf is 6.50 up here, is that dearer than in Perth?",
        "camping here is 35 a night vs 40 at Exmouth, which is the cheapest?",
    ],
)
def test_prices_compared_write_nothing(text: str) -> None:
    assert writes(text) == []


# --- "going off" of creatures, a crowd or a device -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the galahs are going off this morning",
        "the crowd at the footy was going off",
        "the dogs two vans down went off at 5am",
        "my phone keeps going off with group messages",
        "the cicadas are going off like crazy",
    ],
)
def test_noise_going_off_writes_nothing(text: str) -> None:
    assert writes(text) == []


@pytest.mark.parametrize(
    "text", ["the yoghurt is going off on thursday", "the milk goes off on friday"]
)
def test_food_going_off_still_reads_the_pantry(text: str) -> None:
    assert "add_pantry_item" in writes(text)


# --- "remember that" after what to remember is one note ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "for the record, Jan doesn't eat pork, remember that",
        "fyi the gate code at the farm is 4471, remember it",
        "heads up, Bob takes his coffee black, please remember that",
        "note for later, the water at Mulga Creek isn't drinkable, remember that",
        "just so you know, the dog hates thunder, memorise that",
    ],
)
def test_remember_that_after_the_fact_is_one_note(text: str) -> None:
    assert writes(text) == ["remember"]


# --- a take-back to one of two places ------------------------------------------------------------


_PANTRY = "add_pantry_item"
_EVENT = "create_event"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("add rice to the pantry and the shopping list - no wait, just the pantry", _PANTRY),
        ("put tuna in the cupboard and on the shopping list, no wait, just the cupboard", _PANTRY),
        ("add the bbq to the calendar and the to-do list, sorry, just the calendar", _EVENT),
        ("add eggs to the fridge and the shopping list, no wait, only the fridge", _PANTRY),
        ("add 3 tins of beans to pantry and shopping list - scratch that, just pantry", _PANTRY),
    ],
)  # fmt: skip
def test_a_take_back_keeps_one_place(text: str, kept: str) -> None:
    assert only_place(text) == kept
    assert writes(text) == [kept]


def test_both_places_without_a_take_back_write_both() -> None:
    assert set(writes("add rice to the pantry and beans to the shopping list")) == {
        "add_pantry_item",
        "add_to_shopping_list",
    }


# --- a request with no values, then its values in a sentence of their own ------------------------


@pytest.mark.parametrize(
    ("text", "odometer", "cost"),
    [
        ("Can you log the brakes for the ute? New pads at 120,500 km, cost 310.", 120500, 310),
        ("Could you log a service? Full service today at 98,000 km, it was $420.", 98000, 420),
        ("Please log maintenance for the van. Oil change, 150,200 km, 95 dollars.", 150200, 95),
        ("Would you log a repair for the truck? New battery today at 87,300 km, $260.", 87300, 260),
        ("Can you log the tyres for the Patrol? Four new tyres at 64,000 km, cost 1200.",
         64000, 1200),
    ],
)  # fmt: skip
def test_values_in_the_next_sentence_make_one_record(text: str, odometer: int, cost: int) -> None:
    answer = step("wheels", text)
    args = only_call(answer, "log_maintenance")
    assert (args.get("odometer_km"), args.get("cost")) == (odometer, cost)


# --- "can I get you to …" asks for the request after it ------------------------------------------


@pytest.mark.parametrize(
    ("text", "domain", "tool"),
    [
        ("can I get you to add a task: clean the gutters", "you", "add_task"),
        ("could I ask you to log 40 for fuel", "wins", "add_expense"),
        ("can I get you to put bread on the shopping list", "you", "add_to_shopping_list"),
        ("may I ask you to put the vet on friday at 10 in the calendar", "you", "create_event"),
        ("could we get you to add a to-do: fix the step", "you", "add_task"),
    ],
)
def test_can_i_get_you_to_asks(text: str, domain: str, tool: str) -> None:
    assert [c["name"] for c in step(domain, text).tool_calls] == [tool]


def test_can_i_get_you_to_names_no_task_after_the_frame() -> None:
    args = only_call(step("you", "can I get you to add a to-do: fix the awning"), "add_task")
    assert args["title"].lower() == "fix the awning"


# --- who a group post is for is said in the request, not in the story before it ------------------


@pytest.mark.parametrize(
    "text",
    [
        "great weekend, Sue says hello to everyone, post in Mallee Campers that the dam is full",
        "thanks all for the tips, post in Mallee Campers that the track is open again",
        "everyone was lovely at the muster, post in Mallee Campers that we're off on monday",
        "Bob waves to everybody, post to Mallee Campers that the bakery reopened",
        "all good here, post in Mallee Campers that the showers are fixed",
    ],
)
def test_a_group_post_after_a_story_stays_in_the_group(text: str) -> None:
    args = only_call(step("social", text), "create_post")
    assert (args.get("group"), args.get("visibility")) == ("Mallee Campers", "group")


def test_everyone_said_in_the_request_is_public() -> None:
    args = only_call(
        step("social", "post in Mallee Campers for everyone to see that the dam is full"),
        "create_post",
    )
    assert args.get("visibility") == "public"
