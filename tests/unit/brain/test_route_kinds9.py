"""Kinds of tool choice of issue 15's round 9 work (branch i15-route9): a write needs an
explicit request. Phrasings written for these tests, none from any eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import asks_bare
from agent.brain.blend import can_be
from agent.brain.general import general_reply, talk_only
from agent.brain.intents import classify, ticks_off
from agent.brain.own_rows import asked_about
from agent.brain.pick import ref_words
from agent.brain.pointing import points_back
from tests.unit.brain.support import TODAY, wanted, writes

# --- a question mark alone asks: no request, no act told, nothing kept -----------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("physio thursday at 3?", "list_events"),
        ("bread on the shopping list?", "get_shopping_list"),
        ("the cheese still in the fridge?", "list_pantry"),
    ],
)
def test_a_bare_question_reads_what_it_names(text: str, read: str) -> None:
    assert asks_bare(text)
    assert wanted(text) == [read]


@pytest.mark.parametrize(
    "text",
    [
        "so that's roughly 250 on groceries so far?",
        "the rego's 840 this year?",
        "so we're at about 90 for the tolls?",
        "the tent's 3 kilos?",
    ],
)
def test_a_statement_asked_back_writes_nothing(text: str) -> None:
    assert asks_bare(text)
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("physio thursday at 3, can you pop it in?", "create_event"),
        ("paid 35 for the laundromat?", "add_expense"),  # an act told as done reports it
        ("add bread to the shopping list?", "add_to_shopping_list"),
        ("pls log 60 for diesel?", "add_expense"),
        ("we should set groceries at 600 a month?", "set_budget"),
    ],
)
def test_a_request_or_an_act_with_a_question_mark_still_writes(text: str, write: str) -> None:
    assert not asks_bare(text)
    assert write in writes(text)


# --- what is told, not asked: a price quoted (past tense, per anything), a habit with its rate


@pytest.mark.parametrize(
    "text",
    [
        "diesel was 2.31 a litre at the last roadhouse, daylight robbery",
        "the caravan park wants $52 a night for a powered site, bit steep",
        "the ferry is $90 per vehicle each way",
        "my brother spends about 300 a fortnight on takeaway, mad",
        "we go through 120 a week on groceries out here",
    ],
)
def test_a_price_or_a_habit_told_writes_nothing(text: str) -> None:
    assert writes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "paid 52 a night at the caravan park, two nights",
        "filled up 48 litres, it was 2.31 a litre",
        "the ferry was $90 per vehicle, log it",
    ],
)
def test_an_act_done_or_a_request_with_a_rate_still_writes(text: str) -> None:
    assert writes(text)


# --- an errand PAM cannot run plans no trip either ------------------------------------------


def test_flights_booked_for_us_are_an_errand_not_a_trip() -> None:
    assert wanted("could you book us flights from Darwin to Denpasar in March") == [None]
    assert wanted("plan a trip from Darwin to Katherine") == ["plan_trip"]


# --- which tool ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("give the nullarbor weather post a thumbs up", "like_post"),
        ("give Kev's photo of the bilby a like", "like_post"),
        ("what did we spend money on last weekend", "list_expenses"),
        ("block out the 3rd to the 6th for the Mount Isa rodeo", "create_event"),
        ("pencil in next Tuesday for the mower man", "create_event"),
        ("can I see what the Grey Nomads Qld are saying", "get_feed"),
        ("what's the birdwatchers group been posting", "get_feed"),
    ],
)
def test_the_tool_a_message_asks_for(text: str, tool: str) -> None:
    assert wanted(text) == [tool]


def test_like_before_a_noun_is_no_like_of_a_post() -> None:
    assert "like_post" not in wanted("what's expiring in the fridge, like in the next few days")
    assert "like_post" not in wanted("whats due on the van soon, like this month")
    assert wanted("like that one too") == ["like_post"]


def test_what_went_on_asks_for_the_rows_not_the_total() -> None:
    assert wanted("what did we spend money on last weekend") == ["list_expenses"]
    assert wanted("what did we spend last weekend all up") == ["spending_summary"]


def test_an_opinion_or_how_the_app_works_is_talk() -> None:
    assert talk_only("is 250 a week enough for groceries for a family of four do you reckon")
    assert talk_only("how does the feed work? can strangers see what I post?")
    assert not talk_only("is there enough left in the groceries budget?")


def test_a_question_about_what_was_paid_reads_expenses() -> None:
    assert asked_about("what did I end up paying the electrician in May?") == "list_expenses"
    assert asked_about("what were we charging for the firewood?") == "list_expenses"


# --- within one message: the kind the clause before named -----------------------------------


def test_show_it_after_an_add_shows_that_list() -> None:
    assert wanted("put rice and beans on the shopping list and read me what's on it") == [
        "add_to_shopping_list",
        "get_shopping_list",
    ]


def test_words_said_after_a_like_are_a_comment_on_that_post() -> None:
    assert wanted("like Shaz's sunset post and say 'stunning, where was that?'") == [
        "like_post",
        "comment_on_post",
    ]


# --- after the turn before: the rows talked about -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "tool"),
    [
        ("yeah nuke one of them", "expense", "delete_expense"),  # (which one: the planner's)
        ("stick that one under repairs would you", "expense", "update_expense"),
        ("what's still on my list?", "task", "list_tasks"),
        ("what's left on the list", "shopping", "get_shopping_list"),
        ("it's at the bowls club now, not the RSL", "event", "update_event"),
    ],
)
def test_a_message_about_the_rows_talked_about(text: str, kind: str, tool: str) -> None:
    found = classify(text, TODAY, kind)
    assert found is not None
    assert found.tool == tool


def test_a_delete_verb_names_no_row() -> None:
    assert ref_words("yep, nuke it") == ()
    assert ref_words("yeah bin that one") == ()
    assert ref_words("nuke the coffee one") == ("coffee",)


# --- smaller kinds ---------------------------------------------------------------------------


def test_a_row_the_user_cannot_find_is_asked_for() -> None:
    assert asked_about("saw a post about the Bungle Bungles last week, now I can't find it") == (
        "get_feed"
    )
    assert asked_about("I can't find my reading glasses") is None


def test_a_place_saved_and_shared_with_everyone_is_one_saved_place() -> None:
    assert wanted("top free camp at the Wycliffe Well roadhouse, save it and share with all") == [
        "save_place"
    ]


def test_a_post_made_for_a_group_is_no_new_group() -> None:
    assert wanted("make a post for the group Solar Nerds saying panels are on sale") == [
        "create_post"
    ]
    assert wanted("make a private group called Solar Nerds") == ["create_group"]


def test_someone_put_in_for_a_day_is_an_event() -> None:
    assert wanted("do me a favour and chuck the plumber in for friday 9am") == ["create_event"]
    assert wanted("put 40 in for diesel on friday") == ["add_expense"]


def test_items_ticked_off_after_the_shopping_list_are_no_task() -> None:
    assert ticks_off("grabbed the eggs and flour, cross them off", "shopping")
    assert not ticks_off("cross the rego job off my to-do list", "shopping")
    assert not ticks_off("tick that off", "task")
    assert "PAM" in general_reply("grabbed the eggs and flour, cross them off")


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("how does that compare with the fortnight before?", True),
        ("tell me more about the one at Coober Pedy", True),
        ("and which of those were fuel?", True),
        ("that's great, thanks", False),
        ("what's the weather in Broome", False),
    ],
)
def test_a_message_pointing_back_at_the_turn_before(text: str, back: bool) -> None:
    assert points_back(text) is back


def test_the_classifier_alone_gives_only_what_a_clause_can_be() -> None:
    # (the classifier reads "break down the fuel bit" as money to keep: no money is in it)
    assert not can_be("break down the fuel bit for me", "add_expense")
    assert can_be("chucked 40 bucks at the laundromat", "add_expense")
    assert writes("break down the fuel bit for me, which fills were those?") == []
    assert wanted("break down the fuel bit for me, which fills were those?") == ["list_expenses"]
    assert wanted("could you break it down by category") == ["spending_summary"]
    assert wanted("if the van breaks down out here we're stuffed") == [None]


def test_a_joining_word_before_a_command_to_remember() -> None:
    assert wanted("and remember we don't eat pork") == ["remember"]
    assert wanted("oh and note that the side gate sticks") == ["remember"]


def test_a_pronoun_put_in_for_a_day_points_back_and_is_no_event() -> None:
    assert wanted("could you put that in for the 3rd please?") != ["create_event"]
