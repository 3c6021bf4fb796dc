"""Kinds of tool choice of issue 15's round 8 work (branch i15-route8): what is never
written (an errand PAM cannot run, a statement asked back with a tag, a price quoted), the
lists named by other words, and follow-ups about the post or group just talked about.
Phrasings written for these tests, none from any eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import is_question
from agent.brain.dictation import undictate
from agent.brain.errands import errand
from agent.brain.intents import classify
from agent.brain.money import best_amount
from agent.brain.own_rows import asked_about
from agent.brain.pick import by_pronoun
from tests.unit.brain.support import TODAY, wanted, writes

# --- an errand in the world: PAM does not buy, book or pay ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "book me a flight to Perth on friday",
        "could you book us two seats on the Ghan for next month",
        "buy me a new kettle",
        "can you order me some new tyres",
        "get us a table at the pub for 7",
        "reserve a powered site in Exmouth for 3 nights from Monday",
        "grab us an uber to the airport at 6am tomorrow",
        "please transfer 300 to my son's account",
        "g'day pam, can you book a campsite at Cape Range for the weekend",
    ],
)
def test_an_errand_writes_nothing(text: str) -> None:
    assert errand(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        # an appointment put in, or the errand kept as a record, is written
        ("book the camper in for a service at 9am on thursday", "create_event"),
        ("book me in at the physio friday 2pm", "create_event"),
        ("book lunch at the bowlo saturday at 12.30", "create_event"),
        ("add a task to book the ferry before friday", "add_task"),
        ("booked us a table for friday at 7, put it in the calendar", "create_event"),
        ("bought a new kettle for 45", "add_expense"),
    ],
)
def test_an_appointment_or_a_record_is_still_written(text: str, tool: str) -> None:
    assert tool in writes(text)


# --- a statement asked back with a tag ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we put 60 on gas at the Shell yesterday, right?",
        "the optometrist is on wednesday at 11 isn't it",
        "I logged the rego already, didn't I?",
        "we're low on coffee aren't we",
    ],
)
def test_a_tagged_statement_asks(text: str) -> None:
    assert is_question(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    "text",
    ["pop eggs on the shopping list, ok?", "log 25 for the laundromat yeah?"],
)
def test_a_request_with_a_tag_still_requests(text: str) -> None:
    assert not is_question(text)
    assert writes(text)


# --- a price quoted, not paid ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "unleaded is 2.24 a litre in Tom Price",
        "bread's 7 bucks at the roadhouse, daylight robbery",
        "the showground charges 30 a night",
        "petrol here costs 2.40 per litre",
    ],
)
def test_a_price_quoted_writes_nothing(text: str) -> None:
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("filled up 55 litres, unleaded's 2.24 a litre here", "log_fuel"),
        ("bread's 7 bucks at the roadhouse, log it under groceries", "add_expense"),
    ],
)
def test_a_price_with_an_act_or_a_request_is_kept(text: str, tool: str) -> None:
    assert tool in writes(text)


# --- lists named by other words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("chores list: clean the awning", "add_task"),
        ("errands: post office, chemist", "add_task"),
        ("what's on the provisions list", "get_shopping_list"),
        ("supplies: rope, tarp and pegs", "add_to_shopping_list"),
        ("shopping - eggs, flour", "add_to_shopping_list"),
        ("groceries: 550 a month", "set_budget"),
    ],
)
def test_a_list_by_another_name(text: str, tool: str) -> None:
    assert wanted(text)[0] == tool


# --- the post or group just talked about --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "tool"),
    [
        ("haha heart it again, love it", "post", "like_post"),
        ("ok like that one too", "post", "like_post"),
        ("what are they all rabbiting on about", "group", "get_feed"),
        ("so what's everyone saying", "group", "get_feed"),
        ("approve whoever's asked to get in", None, "review_join_requests"),
        ("we want in on the Birders Downunder group", None, "join_group"),
    ],
)
def test_a_follow_up_about_the_post_or_group(text: str, kind: str | None, tool: str) -> None:
    found = classify(text, TODAY, kind)
    assert found is not None and found.tool == tool


def test_a_row_named_by_a_pronoun_has_no_description() -> None:
    assert by_pronoun("lol like it again, it's that good")
    assert not by_pronoun("like the post about the Bungle Bungles")


# --- how a message was keyed in: dictated marks, texted shorthand ------------------------


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("lovely spot full stop five stars exclamation mark", "lovely spot. five stars!"),
        (
            "tell the Birders group colon emus at the dam question mark",
            "tell the Birders group: emus at the dam?",
        ),
        ("shift it 2 the friday after", "shift it to the friday after"),
        ("any1 up 4 it 2day", "anyone up for it today"),
        ("start a grp for the bowls mob", "start a group for the bowls mob"),
        # figures that count stay figures; a noun "colon" stays a word
        ("grab 2 loaves and 4 tins", "grab 2 loaves and 4 tins"),
        ("we've got 2 dogs and 4 items", "we've got 2 dogs and 4 items"),
        ("the colon check went fine", "the colon check went fine"),
    ],
)
def test_dictated_and_texted_forms_are_read_as_meant(said: str, meant: str) -> None:
    assert undictate(said) == meant


# --- a question about the user's own rows --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("did we pay the caravan insurance yet this year?", "list_expenses"),
        ("have I shared anything this week?", "get_feed"),
        ("did I put the diesel from Hay in already?", "fuel_stats"),
        ("when did we last get the brakes done?", "maintenance_due"),
        ("did we ever sort out the gas bottle thing?", "list_tasks"),
        ("have we got the ute saved in here?", "list_vehicles"),
        ("was there anything on groceries last week?", "list_expenses"),
        ("what's still open on my end?", "list_tasks"),
    ],
)
def test_a_question_about_own_rows_reads_them(text: str, tool: str) -> None:
    assert asked_about(text) == tool


@pytest.mark.parametrize(
    "text", ["did you sleep well?", "was there anything good on the radio", "do we look lost"]
)
def test_a_question_about_nothing_kept_reads_nothing(text: str) -> None:
    assert asked_about(text) is None


# --- what a note keeps, a need, a proposal, a log named --------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("jot down 22 for the laundromat", "add_expense"),
        ("make a note, 38.50 groceries at IGA", "add_expense"),
        ("note this spot: rest area near the bridge at Gundagai", "save_place"),
        ("note that a powered site here is 45 a night", "remember"),
    ],
)
def test_a_note_keeps_what_it_is_about(text: str, tool: str) -> None:
    assert wanted(text)[0] == tool


def test_work_needed_is_no_work_done() -> None:
    assert "log_maintenance" not in wanted("we need to get the ute serviced before Easter")


def test_a_part_needed_is_a_job_not_work_done() -> None:
    text = "the camper needs new brake pads before winter, pop that on my jobs list"
    assert writes(text) == ["add_task"]


def test_a_proposal_with_its_value_sets_it() -> None:
    assert wanted("I reckon we should have a budget for eating out, maybe 250 a month?") == [
        "set_budget"
    ]
    assert wanted("should we set a budget for eating out?")[0] != "set_budget"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("put under the post of Deb: good on you!", "comment_on_post"),
        ("did anybody ask to join our group yet?", "review_join_requests"),
        ("take out the hostel check in please", "delete_event"),
        (
            "the alternator went, 640 all up. Pop that in the maintenance log please",
            "log_maintenance",
        ),
        ("create a group called Swag Sisters, anyone can join", "create_group"),
        ("post in the group that the dam is open if anyone wants to join us", "create_post"),
        ("finished the diff service this arvo, $260, next due in a year", "log_maintenance"),
    ],
)
def test_the_request_is_the_verb_that_opens_it(text: str, tool: str) -> None:
    assert wanted(text)[0] == tool


def test_a_pointing_request_ends_its_clause() -> None:
    text = (
        "I went to the massage place today which was $70, could you log that, and also please pop"
        " in my eye test for Monday at 10"
    )
    assert wanted(text) == ["add_expense", "create_event"]


def test_a_name_with_a_figure_in_it_is_no_money() -> None:
    assert best_amount("just post it in R4x Travellers then") is None
    assert best_amount("paid R350 for the braai wood") is not None


# --- more errands, news told, money without money, things called off -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "could you pay our phone bill for us",
        "order a new gas regulator for the camper",
        "the dump point at Gundagai is free to use",
        "the rest area at Marla is free to use",
        "we're off to the races on Sunday",
        "we're off to the footy on Saturday",
        "we used to spend a fortune on takeaway",
        "bread is so dear out here, 8 bucks a loaf",
    ],
)
def test_nothing_asked_is_nothing_written(text: str) -> None:
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("trivia at the pub on Wednesday got called off", "delete_event"),
        ("got 250 cash for helping with the shearing", "add_income"),
        ("grab some eggs and butter when we're in town", "add_to_shopping_list"),
        ("have we got coffee on the list?", "get_shopping_list"),
        ("the boss deposited 980 for the week", "add_income"),
        ("let's keep fuel under 700 per month", "set_budget"),
        ("the caravan park wasn't 38, it was 83", "update_expense"),
        ("the 30 I put in for parking should be 13", "update_expense"),
        ("so where does that leave us for the week, in or out?", "spending_summary"),
        ("how much we still can spend on eating out this month", "budget_status"),
        ("below the post of Kev put: ripper photo mate", "comment_on_post"),
    ],
)
def test_what_is_said_picks_its_tool(text: str, tool: str) -> None:
    assert wanted(text)[0] == tool
    assert len(wanted(text)) == 1


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("del the phone bill expense", "delete_expense"),
        ("start a club called Sunset Chasers", "create_group"),
    ],
)
def test_the_rescue_keeps_what_its_guards_allow(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


def test_a_note_put_in_the_pantry_is_one_pantry_row() -> None:
    text = (
        "we've got three jars of Vegemite in the cupboard, use by May, could you note that in"
        " the pantry"
    )
    assert writes(text) == ["add_pantry_item"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("the optometrist moved to friday at 4", "update_event"),
        ("bowls is now at 2 on saturday, not 1", "update_event"),
    ],
)
def test_a_change_said_as_done_still_updates(text: str, tool: str) -> None:
    assert wanted(text) == [tool]
