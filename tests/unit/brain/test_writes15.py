"""A write needs an explicit request (branch i15-writes15): a request said not to be made, a
row the user kept already, what a tradesman or a notice told us, a complaint about a rate,
and a question whether a row went in keep nothing; the same words beside a request still
write, and the kind of write is the one asked for. Phrasings written for these tests, none
from an eval set or the battery."""

from __future__ import annotations

import pytest

from agent.brain.asking import WRITES, is_question, mood_told
from agent.brain.segment import split
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, route, step, wanted, writes

# --- a request said not to be made ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "don't log the beers, that was on kev",
        "no need to chuck the bbq in the diary, it's off",
        "nah dont save that spot, too many flies",
        "please don't post about our site, we want it quiet",
        "just leave the fuel budget alone",
    ],
)
def test_a_request_said_not_to_be_made_writes_nothing(text: str) -> None:
    assert mood_told(text) == "denied"
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("don't log the beers but do log 18 for the pies", "add_expense"),
        ("dont forget to save the river camp at gundagai as a campsite", "save_place"),
        ("don't let me forget to renew the van insurance", "add_task"),
    ],
)
def test_a_request_beside_one_said_not_to_be_made_still_writes(text: str, write: str) -> None:
    assert mood_told(text) != "denied"
    assert write in writes(text)


def test_no_need_to_remind_makes_no_job() -> None:
    # (main made it a new task; a job told done stays the completion's to read)
    assert "add_task" not in writes("no need to remind me about the gas bottles, done them")


# --- kept already by the user --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the ferry's in already, did it on the boat",
        "i logged the tolls myself earlier",
        "already entered the diesel from yesterday",
        "we've added the vet visit already so all good",
        "i popped the haircut in this morning",
    ],
)
def test_a_row_the_user_kept_already_writes_nothing(text: str) -> None:
    assert mood_told(text) == "kept"
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("already logged the fuel, now add 14 for the ice", "add_expense"),
        ("i put 65 litres in this morning, 140 bucks", "log_fuel"),
    ],
)
def test_a_new_row_beside_one_kept_already_still_writes(text: str, write: str) -> None:
    assert write in writes(text)


# --- what a tradesman or a notice told us -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the tyre bloke reckons the rears will need doing in 5000 ks",
        "the park office said showers are 2 bucks a go",
        "the doctor told us the jab is due in june",
    ],
)
def test_what_someone_told_us_by_their_trade_writes_nothing(text: str) -> None:
    assert mood_told(text) == "others"
    assert writes(text) == []


def test_the_work_a_tradesman_did_for_us_is_still_ours() -> None:
    assert mood_told("the mechanic fitted new shocks today, 640") is None
    assert writes("the mechanic fitted new shocks today, 640") != []


# --- a rate complained about, a fill told by its litres beside a habit -------------------------


def test_a_rate_paid_as_a_habit_or_a_gripe_writes_nothing() -> None:
    assert writes("over paying 60 a night for a patch of dirt") == []


def test_a_fill_told_by_its_litres_and_cost_beside_a_habit_writes() -> None:
    assert "log_fuel" in writes("we normally go to the caltex, 55 litres for 117 this time")


# --- a question whether a row went in ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("did the tolls go in", None),
        ("did the 35 for tolls go in", "list_expenses"),
        ("was the physio booked in", "list_events"),
        ("has the new jerry can gone on the shopping list", "get_shopping_list"),
        ("dont remember - did i log the gas refill?", None),
    ],
)
def test_a_question_whether_a_row_went_in_reads(text: str, read: str | None) -> None:
    assert is_question(text)
    assert writes(text) == []
    if read:
        assert read in wanted(text)


@pytest.mark.parametrize(
    "text",
    ["had the brakes put on at the dealer, 420", "did the wheel alignment at 88,000, 120 bucks"],
)
def test_a_job_had_done_is_no_question(text: str) -> None:
    assert not is_question(text)
    assert writes(text) != []


# --- the kind of write: a vehicle word naming what money was for ----------------------------------


@pytest.mark.parametrize(
    "text", ["add 15 for the car park at the airport", "add 90 for the van insurance excess"]
)
def test_money_for_something_of_a_vehicle_is_no_new_vehicle(text: str) -> None:
    assert "add_vehicle" not in writes(text)
    assert "add_expense" in writes(text)


def test_a_vehicle_added_by_its_kind_still_is() -> None:
    assert "add_vehicle" in writes("add the new camper trailer to my vehicles")


# --- where to keep it names the kind ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("new fan belt for the troopy - add to the shopping list", "add_to_shopping_list"),
        ("bleed the brakes on the van, put it on the to do list", "add_task"),
        ("spare headlight globes onto the shopping list pls", "add_to_shopping_list"),
    ],
)
def test_where_it_is_kept_names_the_kind_over_the_things_in_it(text: str, write: str) -> None:
    assert writes(text) == [write]


def test_a_budget_for_shopping_is_no_shopping_list() -> None:
    assert writes("put 80 on the shopping budget") == ["set_budget"]


# --- a purchase with no money said, beside another write --------------------------------------


def _pieces(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


def test_a_purchase_with_no_money_beside_another_write_is_its_scene() -> None:
    assert "add_expense" not in _pieces("picked up 3 dozen eggs, chuck them in the pantry")
    assert "add_pantry_item" in _pieces("picked up 3 dozen eggs, chuck them in the pantry")


def test_a_purchase_with_its_money_beside_another_write_is_still_logged() -> None:
    assert "add_expense" in _pieces("spent 14 on eggs, and put milk on the shopping list")


# --- a reminder on a day with how urgent it is: a job ------------------------------------------


def _calls(text: str) -> list[tuple[str, dict[str, object]]]:
    return [(c["name"], c["args"]) for d in route(text) for c in step(d, text).tool_calls]


@pytest.mark.parametrize(
    "text",
    [
        "remind me to top up the phone credit friday, urgent",
        "remind me tomorrow to email the storage place, its pretty important",
    ],
)
def test_a_reminder_with_its_priority_is_a_task_due_that_day(text: str) -> None:
    ((name, args),) = _calls(text)
    assert name == "add_task"
    assert args.get("due_date") and args.get("priority")


@pytest.mark.parametrize(
    "text", ["remind me to top up the phone credit friday", "remind me to email them friday at 3"]
)
def test_a_reminder_on_a_day_with_no_priority_stays_an_event(text: str) -> None:
    assert [name for name, _ in _calls(text)] == ["create_event"]


def test_tyres_read_beside_what_they_usually_are_is_logged() -> None:
    text = "tyres 35 all round cold this morning, usually sit at 38"
    assert [name for name, _ in _calls(text)] == ["log_tyre_pressures"]
    assert _calls("we usually keep the tyres at 38 cold") == []


# --- a happening told in the past is no booking; money kept back is a budget ----------------


@pytest.mark.parametrize(
    "text", ["went to the rodeo yesterday, what a hoot", "the markets were dead this morning"]
)
def test_a_happening_told_in_the_past_is_no_event(text: str) -> None:
    assert _calls(text) == []


def test_a_happening_to_come_is_still_an_event() -> None:
    assert [name for name, _ in _calls("rodeo on saturday arvo at 2")] == ["create_event"]


@pytest.mark.parametrize(
    "text", ["put aside 90 a week for eating out", "set 250 aside for camping fees"]
)
def test_money_kept_back_for_a_kind_of_spending_is_a_budget(text: str) -> None:
    assert [name for name, _ in _calls(text)] == ["set_budget"]


# --- being caught up on a group reads its feed ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["catch us up on the van life vic group", "can you fill me in on the birdwatchers group"],
)
def test_being_caught_up_on_a_group_reads_it_and_joins_nothing(text: str) -> None:
    assert [name for name, _ in _calls(text)] == ["get_feed"]


# --- a price seen, a weekly special, what others paid for their own things (a second set of
# phrasings written after the first mechanisms) ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "unleaded 1.79 at the puma in gympie",
        "the roadhouse is charging 3.10 for diesel",
        "a decent inverter costs about 600 nowadays",
        "the bakery does 2 dollar pies on mondays",
        "kev and shaz paid 140 for their tyres yesterday",
        "the people across the way just put a new awning on",
    ],
)
def test_a_price_seen_or_what_others_paid_keeps_nothing(text: str) -> None:
    assert writes(text) == []
    assert not [name for name, _ in _calls(text) if name in WRITES]


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("our fuel budget is 700 a month", "set_budget"),
        ("unleaded 1.79 at the puma, put in 48 litres", "log_fuel"),
        ("we paid 140 for their tyres as a gift", "add_expense"),
    ],
)
def test_the_same_words_beside_an_act_or_a_budget_still_write(text: str, write: str) -> None:
    assert write in [name for name, _ in _calls(text)]
