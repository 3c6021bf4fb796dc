"""Values read by kind (branch i15-values8): a moved event's end, and the forms said by
voice, typed as a text message, or in another language's word order. The sentences are
written for these tests, in other words than the development sets."""

from __future__ import annotations

from typing import Any

import pytest

from agent.brain import clock
from tests.unit.brain.support import only_call, result, step


def _moved(text: str, event: dict[str, Any]) -> dict[str, Any]:
    """update_event's arguments after the brain looked the event up and found `event`."""
    first = step("you", text)
    (lookup,) = first.tool_calls
    shown = [first, result(str(lookup["id"]), lookup["name"], events=[event])]
    return only_call(step("you", text, *shown), "update_event")


def test_a_moved_event_keeps_its_length() -> None:
    event = {"id": "v1", "title": "Vet", "start": "2026-03-11T09:00:00+11:00",
             "end": "2026-03-11T09:30:00+11:00"}  # fmt: skip
    args = _moved("shift the vet to 4pm", event)
    assert args["start"] == "2026-03-11T16:00:00+11:00"
    assert args["end"] == "2026-03-11T16:30:00+11:00"


def test_an_event_moved_to_another_day_keeps_its_hours() -> None:
    event = {"id": "c7", "title": "Chiro", "start": "2026-03-11T14:00:00+11:00",
             "end": "2026-03-11T15:15:00+11:00"}  # fmt: skip
    args = _moved("can you move the chiro to friday, same time", event)
    assert args["start"] == "2026-03-13T14:00:00+11:00"
    assert args["end"] == "2026-03-13T15:15:00+11:00"


@pytest.mark.parametrize(
    ("old_start", "old_end", "new_start", "end"),
    [
        ("2026-03-11", "2026-03-12", "2026-03-20", "2026-03-21"),
        ("2026-03-11T09:00:00+11:00", "2026-03-11T10:00:00+11:00", "2026-03-12", None),
        ("not a day", "2026-03-12", "2026-03-20", None),
    ],
)
def test_moved_end_by_kind(old_start: str, old_end: str, new_start: str, end: str | None) -> None:
    assert clock.moved_end(old_start, old_end, new_start) == end


def test_a_moved_event_with_no_end_gets_none() -> None:
    event = {"id": "d2", "title": "Dentist", "start": "2026-03-11T09:00:00+11:00"}
    assert "end" not in _moved("move the dentist to 11am", event)


# --- said to voice typing, or texted -------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("bought a hat for twenty bucks full stop", "bought a hat for 20 bucks."),
        ("paid the ferry comma sixty return", "paid the ferry, 60 return"),
        ("how much on fuel question mark", "how much on fuel?"),
        ("that's all period", "that's all."),
        ("for the period of the lease", "for the period of the lease"),
        ("lunch with Jo at for thirty", "lunch with Jo at 4 30"),
        ("the tow cost for hundred", "the tow cost 400"),
        ("the tow was to hundred and ten", "the tow was 210"),
        ("she charged for dollars", "she charged 4 dollars"),
        ("swap 40 pounds to dollars", "swap 40 pounds to dollars"),
        ("anywhere from 10 to 20 dollars", "anywhere from 10 to 20 dollars"),
        ("turn it up to thousand", "turn it up to 1000"),
        ("pickup at 9 a m", "pickup at 9am"),
        ("ring Bev @ 5", "ring Bev at 5"),
        ("write to sal@bigpond.com", "write to sal@bigpond.com"),
    ],
)
def test_dictated_and_texted_forms_read_as_typed(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("anything on nxt wk", "anything on next week"),
        ("any plans this w/e", "any plans this weekend"),
        ("rent is 320 w/e", "rent is 320 w/e"),
        ("ring the garage tomo", "ring the garage tomorrow"),
        ("a couple hundred on the kids", "200 on the kids"),
        ("a couple of grand for the engine", "2 grand for the engine"),
    ],
)
def test_texted_days_and_rough_figures(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("footy training sun arvo 5", "2026-03-15T17:00:00+11:00"),
        ("trivia at the club thursday 8ish pm", "2026-03-12T20:00:00+11:00"),
        ("dinner at Nonna's saturday at 7", "2026-03-14T19:00:00+11:00"),
        ("breakfast at the bakery saturday at 7", "2026-03-14T07:00:00+11:00"),
        ("farrier wed @ 2", "2026-03-11T14:00:00+11:00"),
        ("school pickup tomo at 3 p m", "2026-03-11T15:00:00+11:00"),
    ],
)
def test_event_times_said_loosely(text: str, start: str) -> None:
    assert only_call(step("you", text), "create_event")["start"] == start


def test_the_end_of_next_week_is_its_friday() -> None:
    said = "add a task: sort the insurance by the end of next week"
    args = only_call(step("you", said), "add_task")
    assert args["due_date"] == "2026-03-20"


def test_a_budget_said_with_a_homophone() -> None:
    args = only_call(step("wins", "a budget of to hundred a month for eating out"), "set_budget")
    assert args["monthly_limit"] == 200


@pytest.mark.parametrize(
    ("texted", "typed"),
    [
        ("shift the haircut 2 the 9th", "shift the haircut to the 9th"),
        ("we're heading 2 Mildura", "we're heading to Mildura"),
        ("the van is due 4 a wash", "the van is due 4 a wash"),  # "4 a": a rate, left
        ("the ute's due 4 servicing", "the ute's due for servicing"),
        ("chuck 4 the kids in the car", "chuck for the kids in the car"),
        ("bring 2 sleeping bags", "bring 2 sleeping bags"),
        ("it's on at 2 the latest", "it's on at 2 the latest"),
        ("give it 4 this time", "give it 4 this time"),
        ("any dump points w/in 30km", "any dump points within 30km"),
        ("a site w/o power", "a site without power"),
        ("ring the vet b4 friday", "ring the vet before friday"),
    ],
)
def test_texted_digits_and_shorthand_read_as_words(texted: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(texted) == typed


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        # a figure put right later by naming what it was for, or more exactly
        ("20 on bait and 60 on the boat ramp. oops, the ramp was 65",
         "20 on bait and 65 on the boat ramp"),
        ("about 300 for the tow, well 315.40 to be exact", "about 315.40 for the tow"),
        ("spent 50 on fuel, well 60 maybe", "spent 50 on fuel, well 60 maybe"),
        # the day said after the one ruled out comes first
        ("not thursday, friday", "friday, not thursday"),
        ("not 40, it was 45", "not 40, it was 45"),
    ],
)  # fmt: skip
def test_a_value_put_right_in_the_same_message(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("got paid 2.300 dollars for the harvest", 2300),
        ("received 1.150 euros from the boss", 1150),
    ],
)
def test_a_thousands_dot_before_the_currency(text: str, amount: float) -> None:
    args = only_call(step("wins", text), "add_income")
    assert args["amount"] == amount


def test_a_price_per_the_litre_and_a_kilometre_stand() -> None:
    args = only_call(step("wheels", "52 litre at 2.05 the litre, km stand 98765"), "log_fuel")
    assert (args["price_per_litre"], args["odometer_km"]) == (2.05, 98765)


def test_both_tyres_of_an_axle() -> None:
    text = "pressures: front both 32 psi, back both 36"
    pressures = only_call(step("wheels", text), "log_tyre_pressures")["pressures"]
    assert pressures == {"front_left": 32, "front_right": 32, "rear_left": 36, "rear_right": 36}


def test_the_weekday_after_is_a_week_after_the_coming_one() -> None:
    from datetime import date

    from agent.brain.dates import find_day

    hit = find_day("push it to the fri after, same time", date(2026, 3, 10), future=True)
    assert hit is not None and hit.day == date(2026, 3, 20)


@pytest.mark.parametrize(
    ("now", "end"),
    [("2026-03-14T10:00:00+11:00", "2026-03-22"), ("2026-03-15T10:00:00+11:00", "2026-03-22")],
)
def test_this_week_asked_ahead_on_a_weekend_takes_in_the_coming_week(now: str, end: str) -> None:
    args = only_call(step("you", "got anything booked this week?", now=now), "list_events")
    assert (args["start_date"], args["end_date"]) == (now[:10], end)


def test_this_week_asked_in_the_week_ends_on_sunday() -> None:
    args = only_call(step("you", "got anything booked this week?"), "list_events")
    assert (args["start_date"], args["end_date"]) == ("2026-03-10", "2026-03-15")


def test_a_time_goes_with_the_day_said_next_to_it() -> None:
    text = (
        "had a lovely time at the markets today, and pop my optometrist appointment in for "
        "thursday at 2 in the arvo"
    )
    assert only_call(step("you", text), "create_event")["start"] == "2026-03-12T14:00:00+11:00"


def test_one_day_far_from_the_time_is_still_its_day() -> None:
    text = "on friday, after the markets and a long lunch with the girls, the dentist at 2"
    assert only_call(step("you", text), "create_event")["start"] == "2026-03-13T14:00:00+11:00"


@pytest.mark.parametrize(
    ("text", "priority"),
    [("add a task: renew the fishing licence, not urgent", "low"),
     ("new task clean the awning not that important", "low"),
     ("task: ring the insurer, urgent", "high")],
)  # fmt: skip
def test_a_priority_said_with_not(text: str, priority: str) -> None:
    assert only_call(step("you", text), "add_task")["priority"] == priority


@pytest.mark.parametrize(
    ("said", "typed"),
    [("the odo's on 212 thousand", "the odo's on 212000"),
     ("about 3 hundred bucks", "about 300 bucks"),
     ("2.5 thousand for the solar", "2500 for the solar")],
)  # fmt: skip
def test_a_figure_with_its_scale_said_as_a_word(said: str, typed: str) -> None:
    from agent.brain.textutil import normalise

    assert normalise(said) == typed


def test_hour_and_minutes_said_right_after_a_day() -> None:
    args = only_call(step("you", "farrier coming wednesday eleven fifteen"), "create_event")
    assert args["start"] == "2026-03-11T11:15:00+11:00"


def test_the_day_read_is_the_one_said_after_the_one_ruled_out() -> None:
    from datetime import date

    from agent.brain.dates import find_day
    from agent.brain.textutil import normalise

    hit = find_day(normalise("not wednesday, thursday my mistake"), date(2026, 3, 10), future=True)
    assert hit is not None and hit.day == date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("change the category of the 38 from monday to fuel", "x2"),
        ("the 14 from yesterday should be gifts, not food", "x1"),
    ],
)
def test_a_bare_figure_after_the_names_the_row(text: str, row: str) -> None:
    rows = [
        {"id": "x1", "amount": 14, "category": "food", "date": "2026-03-09"},
        {"id": "x2", "amount": 38, "category": "food", "date": "2026-03-09"},
    ]
    for order in (rows, rows[::-1]):
        first = step("wins", text)
        (lookup,) = first.tool_calls
        shown = [first, result(str(lookup["id"]), lookup["name"], expenses=order)]
        assert only_call(step("wins", text, *shown), "update_expense")["expense_id"] == row
