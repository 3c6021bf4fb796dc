"""Spans cut to what was meant, and turns read against the earlier ones, by kind (branch
i15-spans8). The sentences are our own, in other words than the development sets."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from tests.unit.brain.support import called, only_call, result, route, step
from tests.unit.brain.test_dialogue_kinds7 import state

# --- a row named by its bare amount, and a change of mind said in passing -------------------

_FUEL = [
    {"id": "x1", "amount": 60.0, "category": "fuel", "description": "Caltex Gundagai"},
    {"id": "x2", "amount": 45.0, "category": "fuel", "description": "Ampol Tarcutta"},
]


def _listed_expenses(rows: list[dict[str, object]]) -> list[str | BaseMessage]:
    return [
        "what did the fuel come to lately",
        called("list_expenses", "l1"),
        result("l1", "list_expenses", expenses=rows),
        AIMessage("2 expenses."),
    ]


def test_a_listed_row_named_by_its_bare_amount_is_the_one_deleted() -> None:
    answer = step("wins", *_listed_expenses(_FUEL), "scrap the 45 one, I put it in twice")
    assert only_call(answer, "delete_expense") == {"expense_id": "x2"}


def test_one_of_two_rows_of_the_same_amount_is_deleted() -> None:
    rows = [{**_FUEL[0], "amount": 19.0}, {**_FUEL[1], "amount": 19.0}, {**_FUEL[0], "id": "x3"}]
    answer = step("wins", *_listed_expenses(rows), "there are 2 19s there, remove one of them")
    assert only_call(answer, "delete_expense")["expense_id"] in ("x1", "x2")


def test_on_second_thoughts_names_no_second_row() -> None:
    row = {"id": "z9", "amount": 12.0, "category": "food", "description": "Pies at the bakery"}
    history: list[str | BaseMessage] = [
        "12 bucks for pies at the bakery",
        called("add_expense", "a1"),
        result("a1", "add_expense", expense=row),
        AIMessage("Logged."),
    ]
    answer = step("wins", *history, "on second thoughts, delete that one, Jo shouted us")
    assert only_call(answer, "delete_expense") == {"expense_id": "z9"}


# --- the same write again somewhere else ---------------------------------------------------


def test_the_same_expense_again_at_another_place_says_where_in_its_description() -> None:
    row = {"id": "s1", "kind": "expense", "amount": 18.5, "category": "food"}
    filters = {"amount": 18.5, "category": "food"}
    prev = state("add_expense", "wins", filters, wrote=True, shown=[row], written=[row])
    answer = step("wins", "pies 18.50 at Walgett", "same again at the bakery in Coonamble", **prev)
    args = only_call(answer, "add_expense")
    assert "location" not in args  # add_expense takes none: the call would be refused
    assert args["amount"] == 18.5
    assert "Coonamble" in args["description"]


# --- spans cut to what was meant ---------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "town"),
    [
        (
            "radiator's leaking everywhere, need a mechanic in Tennant Creek urgently",
            "Tennant Creek",
        ),
        ("any dump points near Longreach asap", "Longreach"),
        ("find me a servo around Coober Pedy right now", "Coober Pedy"),
    ],
)
def test_how_soon_is_no_part_of_the_place(said: str, town: str) -> None:
    assert only_call(step("wheels", said), "find_places")["near"] == town


@pytest.mark.parametrize(
    ("said", "query"),
    [
        ("groups for folks driving a Landcruiser?", "landcruiser"),
        ("any clubs for people pulling an Avan", "avan"),
        ("is there a group for those who fish", "fish"),
        ("groups for people who are into birdwatching", "birdwatching"),
    ],
)
def test_a_group_search_is_about_what_its_people_do_or_have(said: str, query: str) -> None:
    assert only_call(step("social", said), "list_groups")["query"] == query


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("add my daughter's Mazda too, petrol", "Mazda"),
        ("add the boss's Hilux, diesel, 80 litre tank", "Hilux"),
    ],
)
def test_whose_vehicle_it_is_is_not_its_name(said: str, name: str) -> None:
    assert only_call(step("wheels", said), "add_vehicle")["name"] == name


def test_a_quad_or_bike_make_is_read() -> None:
    args = only_call(
        step("wheels", "add the bike, a 2019 Kawasaki KLR, call it Klara"), "add_vehicle"
    )
    assert (args["make"], args["name"]) == ("Kawasaki", "Klara")


@pytest.mark.parametrize(
    ("said", "items"),
    [
        ("the shopping list needs bananas", ["bananas"]),
        ("grocery list could do with rice and lentils", ["rice", "lentils"]),
        ("groceries: bread, eggs and a tub of yoghurt", ["bread", "eggs", "tub of yoghurt"]),
    ],
)
def test_the_list_as_the_one_who_wants_or_a_label_is_no_item(said: str, items: list[str]) -> None:
    assert only_call(step("you", said), "add_to_shopping_list")["items"] == items


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("make us a group, Gulf Anglers Club, open to anyone", "Gulf Anglers Club"),
        ("set up a private group, Kimberley Run 2027", "Kimberley Run 2027"),
    ],
)
def test_a_group_named_after_a_comma(said: str, name: str) -> None:
    assert only_call(step("social", said), "create_group")["name"] == name


def test_a_post_for_a_group_only_not_the_public_stays_in_the_group() -> None:
    said = "pop this in the Solar Setup group only, not for the public: panel for sale, $90"
    args = only_call(step("social", said), "create_post")
    assert (args["group"], args["visibility"]) == ("Solar Setup", "group")


def test_the_community_for_everyone_is_the_public_feed_not_a_group() -> None:
    said = "please share on community for everyone: who knows a good halal butcher in Broome?"
    args = only_call(step("social", said), "create_post")
    assert "group" not in args and args["visibility"] == "public"


# --- a saved spot named from where it is, and kept in the town talked about ------------------


def test_a_spot_named_by_where_it_is_in_a_town_is_the_towns() -> None:
    said = "save the water tap at the rec ground in Winton to my places"
    args = only_call(step("wheels", said), "save_place")
    assert (args["name"], args["location"], args["kind"]) == (
        "Winton Rec Ground",
        "Winton",
        "water",
    )


def test_a_spot_with_no_town_is_in_the_town_just_searched() -> None:
    searched = state("find_places", "wheels", {"near": "Hay", "kind": "dump_point"}, wrote=False)
    said = "found a water tap ourselves behind the footy oval, save it please"
    args = only_call(step("wheels", "any dump points near Hay", said, **searched), "save_place")
    assert args["location"] == "Hay"
    assert "ourselves" not in args["name"].lower()


# --- a task's title without the ask that points back at it ---------------------------------


@pytest.mark.parametrize(
    ("said", "title"),
    [
        (
            "gotta get the brakes bled sometime in the next fortnight, put that on my to-do list",
            "Get the brakes bled",
        ),
        (
            "we need a new gas bottle by the end of the week, chuck it on the jobs list as urgent",
            "Gas bottle",
        ),
    ],
)
def test_a_tasks_title_is_what_to_do(said: str, title: str) -> None:
    assert only_call(step("you", said), "add_task")["title"] == title


# --- a turn about the row of a call just declined ------------------------------------------


def _declined(
    tool: str, listed: str, rows_key: str, rows: list[dict[str, Any]], row_id: str
) -> list[str | BaseMessage]:
    id_arg = "expense_id" if rows_key == "expenses" else "event_id"
    what = "expense" if rows_key == "expenses" else "event"
    return [
        "get rid of that one",
        called(listed, "l1"),
        result("l1", listed, **{rows_key: rows}),
        called(tool, "d1", **{id_arg: row_id}),
        ToolMessage(
            f"User rejected the tool call for `{tool}` with id d1. The tool was not executed.",
            tool_call_id="d1",
            name=tool,
            status="error",
        ),
        AIMessage(f"OK, I won't delete that {what}."),
    ]


_SPENDS = [
    {"id": "e1", "amount": 62.0, "category": "fuel", "description": "Puma Walgett"},
    {"id": "e2", "amount": 55.0, "category": "fuel", "description": "BP Bourke"},
    {"id": "e3", "amount": 20.0, "category": "food", "description": "Pies"},
]


def test_not_that_one_names_another_row_by_its_amount() -> None:
    history = _declined("delete_expense", "list_expenses", "expenses", _SPENDS, "e1")
    answer = step("wins", *history, "nah not that one, the 55")
    assert only_call(answer, "delete_expense") == {"expense_id": "e2"}


def test_the_one_before_is_the_row_shown_after_the_declined_one() -> None:
    history = _declined("delete_expense", "list_expenses", "expenses", _SPENDS, "e2")
    answer = step("wins", *history, "no, the one before that")
    assert only_call(answer, "delete_expense") == {"expense_id": "e3"}


def test_not_that_one_names_another_event_by_its_words() -> None:
    rows = [
        {"id": "v1", "title": "Ferry to Magnetic Island", "start": "2026-03-12T08:00:00+11:00"},
        {"id": "v2", "title": "Ferry to Palm Island", "start": "2026-03-14T08:00:00+11:00"},
    ]
    history = _declined("delete_event", "list_events", "events", rows, "v1")
    answer = step("you", *history, "sorry wrong one, the palm island one")
    assert only_call(answer, "delete_event") == {"event_id": "v2"}


def test_change_it_instead_changes_the_declined_row() -> None:
    history = _declined("delete_expense", "list_expenses", "expenses", _SPENDS, "e1")
    answer = step("wins", *history, "make it 48 instead, the servo gave us a discount")
    assert only_call(answer, "update_expense") == {"expense_id": "e1", "amount": 48}


def test_the_router_sends_another_row_to_the_declined_calls_domain() -> None:
    said = [
        HumanMessage("cancel the ferry on thursday"),
        AIMessage("OK, I won't delete that event."),
        HumanMessage("not that one, the saturday one"),
    ]
    assert route(*said) == ["you"]


# --- round 8 kinds: corrections, follow-ups and names, in other words -----------------------


def test_a_correction_that_names_the_old_day_moves_to_the_new_one() -> None:
    row = {"id": "m1", "kind": "event", "title": "Vet", "start": "2026-03-16T09:00:00+11:00"}
    filters = {"start": "2026-03-16T09:00:00+11:00"}
    prev = state("create_event", "you", filters, wrote=True, shown=[row], written=[row])
    answer = step("you", "vet monday 9am", "not monday, wednesday, my mistake", **prev)
    assert only_call(answer, "update_event")["start"] == "2026-03-11T09:00:00+11:00"


def test_more_for_the_list_with_also_at_the_end_is_still_for_the_list() -> None:
    prev = state("add_to_shopping_list", "you", {}, wrote=True)
    answer = step("you", "put bread on the list", "oh and butter too", **prev)
    assert only_call(answer, "add_to_shopping_list")["items"] == ["butter"]


def test_a_fuel_follow_up_names_a_vehicle_in_lower_case() -> None:
    prev = state("fuel_stats", "wheels", {"period": "last_month"}, wrote=False)
    answer = step("wheels", "fuel figures last month", "and just for bessie?", **prev)
    assert only_call(answer, "fuel_stats")["vehicle"] == "Bessie"


def test_a_fuel_follow_up_for_a_period_names_no_vehicle() -> None:
    prev = state("fuel_stats", "wheels", {"period": "last_month"}, wrote=False)
    answer = step("wheels", "fuel figures last month", "and for this month?", **prev)
    assert "vehicle" not in only_call(answer, "fuel_stats")


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("add our ute Bluey, a toyota hilux, diesel", "Bluey"),
        ("add the camper, an iveco daily we call Ivan and it runs on diesel", "Ivan"),
    ],
)
def test_a_vehicles_own_name(said: str, name: str) -> None:
    calls = step("wheels", said).tool_calls
    assert calls and calls[0]["name"] == "add_vehicle" and calls[0]["args"]["name"] == name


def test_a_group_only_for_those_invited_is_private_and_not_named_so() -> None:
    said = "start a group for the spanish pickers in bundaberg, just for people we invite"
    args = only_call(step("social", said), "create_group")
    assert args["private"] is True
    assert "invite" not in args["name"].lower()


def test_how_sure_is_no_part_of_the_destination() -> None:
    args = only_call(step("wheels", "how far is it from tamworth to armidale roughly"), "plan_trip")
    assert args["destination"] == "Armidale"


def test_a_declined_post_sent_to_a_group_named_bare() -> None:
    words = "spare gas bottle going free at the Kalbarri caravan park"
    history: list[str | BaseMessage] = [
        f"post for everyone: {words}",
        called("create_post", "p1", content=words, visibility="public"),
        ToolMessage(
            "User rejected the tool call for `create_post` with id p1. The tool was not executed.",
            tool_call_id="p1",
            name="create_post",
            status="error",
        ),
        AIMessage("OK, I won't post that."),
    ]
    args = only_call(
        step("social", *history, "ok put it in Coral Coast Campers then"), "create_post"
    )
    assert (args["group"], args["content"]) == ("Coral Coast Campers", words)


def test_a_distance_asked_again_to_another_town_is_still_not_saved() -> None:
    filters = {"origin": "Cairns", "destination": "Cooktown", "save": False}
    prev = state("plan_trip", "wheels", filters, wrote=True)
    answer = step("wheels", "how far cairns to cooktown", "wait no, I meant to Mossman", **prev)
    args = only_call(answer, "plan_trip")
    assert (args["origin"], args["destination"], args["save"]) == ("Cairns", "Mossman", False)


def test_an_expense_named_by_its_bare_amount_and_day_is_the_one_changed() -> None:
    rows = [
        {"id": "r1", "amount": 12.0, "category": "food", "date": "2026-03-09"},
        {"id": "r2", "amount": 38.0, "category": "food", "date": "2026-03-09"},
    ]
    history = _listed_expenses(rows)
    answer = step("wins", *history, "change the category of the 38 from yesterday to clothing")
    assert only_call(answer, "update_expense")["expense_id"] == "r2"


@pytest.mark.parametrize(
    ("said", "amounts"),
    [
        ("spent 25 on bait and 60 on fuel, no wait, the fuel was 66", [25, 66]),
        ("spent 14 at the laundromat, sorry i mean 16", [16]),
    ],
)
def test_an_amount_taken_back_in_the_same_message_is_one_expense(
    said: str, amounts: list[int]
) -> None:
    calls = step("wins", said).tool_calls
    assert [c["args"]["amount"] for c in calls if c["name"] == "add_expense"] == amounts


@pytest.mark.parametrize(
    ("said", "items"),
    [
        ("put on the shopping list lemons and rice", ["lemons", "rice"]),
        ("we used up the butter, add it to the list", ["butter"]),
        ("ran out of teabags so chuck them on the shopping list", ["teabags"]),
    ],
)
def test_items_after_the_list_or_pointed_back_at(said: str, items: list[str]) -> None:
    assert only_call(step("you", said), "add_to_shopping_list")["items"] == items


def test_a_spots_own_name_after_a_comma_then_where_it_is() -> None:
    said = "save this bush camp for us, Fig Tree Crossing near Mount Surprise, five stars"
    args = only_call(step("wheels", said), "save_place")
    assert (args["name"], args["location"]) == ("Fig Tree Crossing", "Mount Surprise")


def test_the_same_time_keeps_the_rows_time_whatever_number_is_said() -> None:
    rows = [{"id": "h1", "title": "Haircut", "start": "2026-03-12T10:00:00+11:00"}]
    history = _declined("delete_event", "list_events", "events", rows, "h1")
    answer = step("you", *history, "move it 2 the friday after instead, same time")
    assert only_call(answer, "update_event")["start"] == "2026-03-13T10:00:00+11:00"


def test_who_travels_is_no_part_of_a_group_search() -> None:
    args = only_call(step("social", "any groups for japanese tourists?"), "list_groups")
    assert args["query"] == "japanese"


def test_there_after_a_trip_the_map_could_not_find_is_where_it_was_going() -> None:
    history: list[str | BaseMessage] = [
        "work out the drive from Launceston to Bay of Fires for us on friday",
        called("plan_trip", "t1", origin="Launceston", destination="Bay Of Fires"),
        ToolMessage(
            '{"ok": false, "summary": "I couldn\'t find a place called \'Bay Of Fires\'."}',
            tool_call_id="t1",
            name="plan_trip",
        ),
        AIMessage("Sorry, I couldn't do that."),
    ]
    answer = step("wheels", *history, "and is it going to rain over there?")
    assert only_call(answer, "weather_forecast")["location"].lower() == "bay of fires"


def test_keeping_the_trip_just_worked_out_after_an_acknowledgement() -> None:
    history: list[str | BaseMessage] = [
        "how far from Broome to Derby",
        called("plan_trip", "t1", origin="Broome", destination="Derby", save=False),
        result("t1", "plan_trip", summary="220 km. Not saved to your trips."),
        AIMessage("220 km. Not saved to your trips."),
    ]
    said = "ok lovely, thanks heaps, book that in for next friday and keep it"
    args = only_call(step("wheels", *history, said), "plan_trip")
    assert (args["origin"], args["destination"], args["save"]) == ("Broome", "Derby", True)


def test_a_task_for_a_thing_is_named_by_the_thing_not_what_not_to_do() -> None:
    said = "add a job for the gas bottle refill, don't remind me though"
    assert only_call(step("you", said), "add_task")["title"] == "Gas bottle refill"


def test_a_task_takes_the_due_day_the_message_before_gave_the_same_thing() -> None:
    history: list[str | BaseMessage] = [
        "the caravan insurance runs out on the 28th",
        AIMessage("Noted."),
    ]
    said = "make a to-do for the insurance please"
    args = only_call(step("you", *history, said), "add_task")
    assert args["due_date"] == "2026-03-28"
    assert args["title"] == "Insurance"


def test_a_task_about_something_else_takes_no_day_from_before() -> None:
    history: list[str | BaseMessage] = [
        "the caravan insurance runs out on the 28th",
        AIMessage("Noted."),
    ]
    args = only_call(step("you", *history, "make a to-do for the gutters please"), "add_task")
    assert "due_date" not in args


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("start a group called Gulf Fishos 4 ppl chasing barra", "Gulf Fishos"),
        ("create a group called Bus Life 2 for the second bus", "Bus Life 2"),
    ],
)
def test_a_texted_for_after_a_group_name_is_no_part_of_it(said: str, name: str) -> None:
    assert only_call(step("social", said), "create_group")["name"] == name


def test_and_what_is_in_stock_after_the_list_is_the_pantry_not_the_list() -> None:
    prev = state("add_to_shopping_list", "you", {}, wrote=True)
    said = "oh and we have 2 kg of flour in the pantry now"
    answer = step("you", "out of coffee, chuck it on the shopping list", said, **prev)
    assert only_call(answer, "add_pantry_item")["name"] == "flour"


@pytest.mark.parametrize(
    ("first", "then", "start", "end"),
    [
        ("lunch with Kim on Thursday at 12:30", "oops, I meant Friday",
         "2026-03-13T12:30:00+11:00", None),
        ("yoga Thursday 9 to 10am", "sorry I meant saturday",
         "2026-03-14T09:00:00+11:00", "2026-03-14T10:00:00+11:00"),
    ],
)  # fmt: skip
def test_a_day_alone_after_a_failed_request_keeps_its_time(
    first: str, then: str, start: str, end: str | None
) -> None:
    failed = AIMessage("Sorry — I couldn't get an answer just now. Nothing was changed.")
    args = only_call(step("you", HumanMessage(first), failed, HumanMessage(then)), "create_event")
    assert (args["start"], args.get("end"), args.get("all_day")) == (start, end, None)
