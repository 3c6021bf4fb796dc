"""Branch i15-args15: values and spans as travellers say them, by kind (phrasings of their
own, none from the args15 battery), and what each mechanism must leave alone."""

from __future__ import annotations

from agent.brain.groceries import laid_out
from agent.brain.money import best_amount
from agent.brain.questions import join
from agent.brain.slots_home import shopping_items
from agent.brain.textutil import normalise
from tests.unit.brain.support import only_call, step


def _amount(text: str) -> float | None:
    found = best_amount(normalise(text), loose=True)
    return float(found.value) if found else None


# --- money read out ----------------------------------------------------------------------


def test_a_total_said_after_nineteen_or_twenty_is_a_price_not_a_year() -> None:
    assert normalise("the servo pies came to twenty thirty all up") == (
        "the servo pies came to 20.30 all up"
    )
    args = only_call(step("wins", "op shop haul, nineteen eighty all up"), "add_expense")
    assert args["amount"] == 19.8


def test_years_said_as_two_numbers_stay_years_without_a_total() -> None:
    assert "1998" in normalise("a nineteen ninety eight troopy")
    assert "2019" in normalise("we bought her in twenty nineteen")


def test_three_numbers_read_out_are_hundreds_tens_and_cents() -> None:
    assert normalise("the tyre shop was two sixty five forty") == "the tyre shop was 265.40"
    args = only_call(step("wins", "big shop at aldi, one eighty three ninety"), "add_expense")
    assert args["amount"] == 183.9


def test_three_numbers_after_a_clock_word_or_as_readings_are_not_a_price() -> None:
    assert "265.40" not in normalise("meet at two sixty five forty")
    assert normalise("pressures thirty six thirty six forty forty") == "pressures 36 36 40 40"


def test_a_spoken_pair_before_a_total_word_is_one_price() -> None:
    args = only_call(
        step("wheels", "new brake pads on the ute, four twenty all up"), "log_maintenance"
    )
    assert args["cost"] == 420


def test_people_counted_before_the_price_are_no_price() -> None:
    assert _amount("burgers for three, forty two fifty") == 42.5
    args = only_call(step("wins", "dumplings for 4, 38.60"), "add_expense")
    assert args["amount"] == 38.6
    # a count with nothing after it is still read as it was
    assert _amount("paid 25 for 2 tickets") == 25


# --- clock times --------------------------------------------------------------------------


def test_the_hour_one_said_in_words_after_past_to_or_half() -> None:
    assert normalise("ten past one") == "10 past 1"
    assert normalise("around half one") == "around half 1"
    assert normalise("the one near the jetty") == "the one near the jetty"
    args = only_call(step("you", "hairdresser wednesday at quarter past one"), "create_event")
    assert args["start"] == "2026-03-11T13:15:00+11:00"


def test_a_setting_off_at_five_or_six_is_the_morning() -> None:
    args = only_call(
        step("you", "we pull out of Hay at 5.45 on friday, calendar it"), "create_event"
    )
    assert args["start"] == "2026-03-13T05:45:00+11:00"
    args = only_call(step("you", "leaving Longreach thursday at half past five"), "create_event")
    assert args["start"] == "2026-03-12T05:30:00+11:00"


def test_the_morning_said_away_from_the_hour_makes_it_the_morning() -> None:
    args = only_call(step("you", "kayak hire at 6.15 wednesday morning"), "create_event")
    assert args["start"] == "2026-03-11T06:15:00+11:00"


def test_an_evening_hour_stays_the_evening() -> None:
    # a meal or drinks say the evening; a setting off late in the day says so
    args = only_call(step("you", "barbie at the Johnsons friday at 6.30"), "create_event")
    assert args["start"] == "2026-03-13T18:30:00+11:00"
    args = only_call(
        step("you", "leaving for the airport thursday at 5 in the evening"), "create_event"
    )
    assert args["start"] == "2026-03-12T17:00:00+11:00"
    # a setting off at 2 or 3 is the afternoon; before 4 the words are taken as said
    args = only_call(
        step("you", "calendar: we leave the caravan park saturday at 2.30"), "create_event"
    )
    assert args["start"] == "2026-03-14T14:30:00+11:00"


# --- lists laid out -----------------------------------------------------------------------


def test_a_list_a_line_each_under_its_request() -> None:
    text = "chuck these on the shopping list\nbaking paper\nchickpeas\nlimes"
    assert shopping_items(text) == ["baking paper", "chickpeas", "limes"]


def test_bullets_inline_and_semicolons_split_the_items() -> None:
    assert shopping_items("shopping list ▪ corn flakes ▪ jam") == ["corn flakes", "jam"]
    assert shopping_items("for the shops: bleach; pegs; foil") == ["bleach", "pegs", "foil"]
    assert shopping_items("grab these for the shops\n1) pegs\n2) rope") == ["pegs", "rope"]


def test_a_list_given_as_the_answer_to_what_to_add() -> None:
    joined = join("add_to_shopping_list", "items", "need a few bits on my list", "* tea\n* rice")
    assert shopping_items(joined) == ["tea", "rice"]


def test_text_not_laid_out_is_left_as_it_is() -> None:
    assert laid_out("milk, eggs and bread") == "milk, eggs and bread"
    assert laid_out("one line only") == "one line only"


def test_write_down_is_a_verb_of_the_list_not_an_item() -> None:
    assert shopping_items("write down pegs for the shops") == ["pegs"]
    assert shopping_items("note down rope on the shopping list") == ["rope"]


def test_a_real_word_one_letter_from_another_is_kept() -> None:
    assert shopping_items("add kitty litter to the list") == ["kitty litter"]


# --- places and vehicles ------------------------------------------------------------------


def test_where_the_traveller_is_stopped_is_no_part_of_the_name() -> None:
    args = only_call(step("wheels", "we're camped at Mutawintji, save this spot"), "save_place")
    assert args["name"] == "Mutawintji"
    assert args["kind"] == "campsite"
    args = only_call(
        step("wheels", "we are parked up at Gregory Downs, remember this spot"), "save_place"
    )
    assert args["name"] == "Gregory Downs"


def test_a_stop_with_its_own_kind_word_keeps_it() -> None:
    args = only_call(
        step("wheels", "stopped at the Caltex in Hughenden, save it as a fuel stop"), "save_place"
    )
    assert args["kind"] == "fuel"
    assert args["name"] == "Caltex"


def test_a_vehicle_named_before_the_and_its_model_after_a_label() -> None:
    args = only_call(step("wheels", "add vehicle: Bessie the 2003 Hiace"), "add_vehicle")
    assert args["name"] == "Bessie"
    assert args["year"] == 2003


def test_a_brand_keeps_its_kind_word_in_the_name() -> None:
    args = only_call(step("wheels", "bookmark the Caltex roadhouse at Cloncurry"), "save_place")
    assert args["name"] == "Caltex roadhouse"
    # a place's own name still loses the kind word after it
    args = only_call(step("wheels", "save the Rotary Park campsite in Emerald"), "save_place")
    assert args["name"] == "Rotary Park"


# --- rates, counts and categories ----------------------------------------------------------


def test_a_rate_with_the_count_said_by_who_stayed() -> None:
    args = only_call(
        step("wins", "the station stay charged 25 a night and we stayed 3 nights"), "add_expense"
    )
    assert args["amount"] == 75


def test_a_spoken_price_for_each_person_is_multiplied() -> None:
    args = only_call(step("wins", "pies were five twenty each for the three of us"), "add_expense")
    assert args["amount"] == 15.6


def test_a_part_of_the_fuel_system_is_work_on_the_vehicle() -> None:
    args = only_call(step("wins", "bought a diesel filter for 48"), "add_expense")
    assert args["category"] == "maintenance"
    args = only_call(step("wins", "diesel 120 at the roadhouse"), "add_expense")
    assert args["category"] == "fuel"


# --- other lists laid out -----------------------------------------------------------------


def _calls(domain: str, text: str) -> list[tuple[str, dict[str, object]]]:
    return [(c["name"], dict(c["args"])) for c in step(domain, text).tool_calls]


def test_a_job_list_under_a_heading_with_no_colon() -> None:
    calls = _calls("you", "jobs for friday\nfix the step\noil the hinges")
    assert [a["title"] for _, a in calls] == ["Fix the step", "Oil the hinges"]
    assert all(a["due_date"] == "2026-03-13" for _, a in calls)


def test_inline_bullets_make_one_item_each_and_the_asking_is_no_part_of_them() -> None:
    calls = _calls("you", "stick these on my to do list • buy bait • wash towels")
    assert [a["title"] for _, a in calls] == ["Buy bait", "Wash towels"]
    calls = _calls("you", "remind me of these jobs\n1. pump tyres\n2. fill water")
    assert [a["title"] for _, a in calls] == ["Pump tyres", "Fill water"]


def test_a_pantry_list_a_line_each() -> None:
    calls = _calls("you", "pantry\n3 tins of peaches\n1 bag of flour")
    assert [a["name"] for _, a in calls] == ["peaches", "flour"]


def test_a_town_typed_in_lower_case_keeps_its_own_spelling() -> None:
    assert "victor harbor" in normalise("how far to victor harbor from here")
    # the same word outside a town's name is still put right
    assert "harbour" in normalise("the harbor cruise was great")


def test_nineteen_or_twenty_ending_a_clause_about_a_thing_bought_is_a_price() -> None:
    assert normalise("grabbed a new torch, nineteen forty five") == "grabbed a new torch, 19.45"
    args = only_call(step("wins", "bought new pegs and rope nineteen fifty five"), "add_expense")
    assert args["amount"] == 19.55


def test_years_that_are_dated_or_name_a_vehicle_stay_years() -> None:
    assert normalise("bought the camper back in nineteen ninety two") == (
        "bought the camper back in 1992"
    )
    assert normalise("bought a nineteen eighty eight patrol") == "bought a 1988 patrol"
    assert normalise("new windscreen twenty twenty four") == "new windscreen 2024"


def test_things_said_but_none_named_are_no_item() -> None:
    assert shopping_items("I've got a couple of things for the shopping list") == []
    assert shopping_items("we need some stuff for the shops") == []
    assert shopping_items("we need pegs for the shops") == ["pegs"]


def test_when_and_please_after_an_item_are_no_part_of_it() -> None:
    assert shopping_items("and rice pls") == ["rice"]
    assert shopping_items("pick up foil next shop - add it to the list") == ["foil"]
    assert shopping_items("add ham - sliced to the list") == ["ham - sliced"]


# --- vehicles named and described in other shapes ------------------------------------------


def test_a_vehicle_named_after_a_dash_label_or_the_word_name() -> None:
    args = only_call(step("wheels", "new vehicle - Tilly, a 2019 Suzuki Jimny"), "add_vehicle")
    assert args["name"] == "Tilly"
    args = only_call(step("wheels", "add vehicle: name Bronco, Ford Ranger 2017"), "add_vehicle")
    assert args["name"] == "Bronco"


def test_how_much_a_vehicle_uses_said_after_it_is_its_own() -> None:
    calls = _calls("wheels", "add a vehicle called Rocket, Toyota Prado, 2014, 11.8 litres per 100")
    assert [name for name, _ in calls] == ["add_vehicle"]
    assert calls[0][1]["consumption_l_per_100km"] == 11.8


def test_what_the_vehicle_is_said_in_the_next_sentence() -> None:
    args = only_call(
        step("wheels", "could you add our camper? She's called Pearl, 2009 Isuzu NPR, diesel"),
        "add_vehicle",
    )
    assert (args["name"], args["year"], args["fuel_type"]) == ("Pearl", 2009, "diesel")
