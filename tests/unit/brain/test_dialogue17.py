"""Several requests in one message, turns that lean on the one before, and tool choice for
non-native and fast-typed English (branch b17-dialogue, round 17). Each kind is tested on
phrasings written for these tests, none from an eval set."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage

from agent.brain.asking import mood_told
from agent.brain.categories import category_of
from agent.brain.edits import edit_requests
from agent.brain.places import trip_places
from agent.brain.pointing import asks_if_took
from agent.brain.segment import split
from agent.brain.textutil import normalise
from tests.unit.brain.support import TODAY, called, only_call, result, route, step
from tests.unit.brain.test_dialogue_kinds7 import state


def _read(text: str) -> list[str | None]:
    return [p.intent.tool if p.intent else None for p in split(normalise(text), TODAY)]


def _tools(*turns: str | BaseMessage, **extra: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for domain in route(*turns):
        answer = step(domain, *turns, **extra)
        out += [(c["name"], dict(c["args"])) for c in answer.tool_calls]
    return out


# --- several requests in one message ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # things joined by "and" before the list they go on are one request
        (
            "join Solar Nerds and add flour and sugar to the shopping list",
            ["join_group", "add_to_shopping_list"],
        ),
        ("add lentils and cumin to the shopping list", ["add_to_shopping_list"]),
        ("chuck rice and oats on the grocery list", ["add_to_shopping_list"]),
        (
            "like the first post and put yeast and honey on the shopping list",
            ["like_post", "add_to_shopping_list"],
        ),
        ("pop cornflour and butter on the list", ["add_to_shopping_list"]),
    ],
)
def test_things_joined_before_their_list_are_one_request(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # "what's due on the car" is the car's, whatever the reading before it
        ("list my tasks and whats due on the car", ["list_tasks", "maintenance_due"]),
        ("show my to-dos and what's due on the ute", ["list_tasks", "maintenance_due"]),
        ("my jobs list and what is due for the van", ["list_tasks", "maintenance_due"]),
        ("list the tasks and what's due on our truck", ["list_tasks", "maintenance_due"]),
        ("show me my tasks and whats due with the car", ["list_tasks", "maintenance_due"]),
    ],
)
def test_what_is_due_on_a_thing_is_that_things(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # a new row named with its verb left out, after a request whose details may follow
        ("log the service today 380 at 120000 km, and a task for new wipers on friday", "add_task"),
        (
            "oil change at 88000 km cost 210, and a reminder for the rego on the 20th",
            "create_event",
        ),
        ("filled 60 litres for 118 at Dubbo, plus a task to check the tyres on sunday", "add_task"),
        ("new brake pads at 150000 km 420 dollars, and a job for the wheel alignment", "add_task"),
        ("log the service 500 at 99000 km, and a task: book the tyre rotation", "add_task"),
    ],
)
def test_a_row_named_without_its_verb_is_a_request_of_its_own(text: str, second: str) -> None:
    tools = _read(text)
    assert len(tools) == 2 and tools[1] == second


@pytest.mark.parametrize(
    "text",
    [
        # a thing needed, said with the list as its place
        "I need a gas bottle refill on the list",
        "we need sunscreen on the shopping list",
        "also I need batteries on the list",
        "we want dog food on the shopping list",
        "I'd like fresh bread on the list",
    ],
)
def test_a_thing_needed_on_the_list_goes_on_it(text: str) -> None:
    assert _read(text) == ["add_to_shopping_list"]


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # another domain's request said "also" after a fill or a service keeps its own
        (
            "62 litres went in at Hay for 121.50; also I need a gas bottle on the list",
            ["log_fuel", "add_to_shopping_list"],
        ),
        (
            "filled up 48 litres for 95 at Moree, also we need milk on the shopping list",
            ["log_fuel", "add_to_shopping_list"],
        ),
        (
            "oil change at 140000 km, 260. also please remember I'm diabetic",
            ["log_maintenance", "remember"],
        ),
        (
            "50 litres at Roma for 99.80; also i need coffee on the list",
            ["log_fuel", "add_to_shopping_list"],
        ),
        (
            "new tyres at 60000 km 900; also we need bread on the shopping list",
            ["log_maintenance", "add_to_shopping_list"],
        ),
    ],
)
def test_an_other_domain_request_said_also_is_no_detail(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # money noted tersely, then a request in question form
        (
            "64 on diesel at Taree this morning, and would you put a task in to renew the rego",
            "add_task",
        ),
        ("35 on groceries at Coles, and could you add a task to call the bank", "add_task"),
        (
            "22 for pies at the bakery, and would you add milk to the shopping list",
            "add_to_shopping_list",
        ),
        ("$80 on fuel in Nyngan and can you add a task to wash the van", "add_task"),
        ("18 bucks on coffee and could you put a task in to ring Mum", "add_task"),
    ],
)
def test_money_noted_tersely_beside_a_request_is_kept(text: str, second: str) -> None:
    assert _read(text) == ["add_expense", second]


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # a question "how have/are the …" beside another question
        (
            "how have the tyre pressures looked and when is the next service",
            ["tyre_pressure_history", "maintenance_due"],
        ),
        (
            "how are my tyre pressures looking and what's due on the ute",
            ["tyre_pressure_history", "maintenance_due"],
        ),
        (
            "how has the fuel economy been and when is the service due",
            ["fuel_stats", "maintenance_due"],
        ),
        (
            "how are the tyre pressures going and what's on the shopping list",
            ["tyre_pressure_history", "get_shopping_list"],
        ),
        (
            "how have the tyre pressures been and when's the next service",
            ["tyre_pressure_history", "maintenance_due"],
        ),
    ],
)
def test_a_how_question_beside_a_question_is_read(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        # a time put right of a day's row, and a request addressed after it
        (
            "Tuesday's winery tour should be 11am not 10, and please remember I'm vegetarian",
            ["update_event", "remember"],
        ),
        (
            "friday's pottery class should be 2pm not 1, and please remember I hate olives",
            ["update_event", "remember"],
        ),
        ("saturday's bowls should be 3pm not 2", ["update_event"]),
        (
            "monday's physio should be 9am not 8, and please remember my knee is bad",
            ["update_event", "remember"],
        ),
        ("thursday's yoga should be 6pm not 5", ["update_event"]),
    ],
)
def test_a_time_put_right_changes_the_event(text: str, tools: list[str]) -> None:
    assert _read(text) == tools


def test_an_amount_put_right_is_still_an_expense() -> None:
    assert _read("the 45 for the pub on friday should be 54") == ["update_expense"]


# --- tool choice for non-native and fast-typed English ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we have 2 kilo flour, it is good until 1.6.2027",
        "we bought 6 yoghurts, they are good until 12.12",
        "got a block of cheese, good till friday",
        "we have 3 tins of beans, good until march",
        "there is 1 litre cream in the fridge, it keeps until sunday",
    ],
)
def test_good_until_a_day_is_pantry_stock(text: str) -> None:
    assert _read(text) == ["add_pantry_item"]


def test_a_dotted_day_after_an_expiry_word_is_the_expiry() -> None:
    args = only_call(
        step("you", "we bought 4 yoghurts, they are good until 14.3"), "add_pantry_item"
    )
    assert args["expiry_date"] == "2026-03-14"


@pytest.mark.parametrize(
    "text",
    [
        "I have called the insurance office, you can tick it",
        "rang the vet, tick it please",
        "the gas bottle is swapped, you can tick that",
        "I posted the parcel, tick it",
        "we washed the van, you can tick that one",
    ],
)
def test_a_job_told_done_then_ticked_is_completed(text: str) -> None:
    assert _read(text) == ["complete_task"]


@pytest.mark.parametrize(
    "text",
    [
        "We rent a campervan, a Ford Transit 2020, diesel, the tank is 80 litre. Call it Moby",
        "we hired a motorhome, Fiat Ducato 2018, diesel, tank is 90 litres",
        "We are renting a van, a Toyota Hiace 2021, petrol, call it Bluey",
        "we rented a camper, Mercedes Sprinter 2019, diesel. Call her Nellie",
        "we lease a car, Mazda CX5 2022, petrol, the tank is 56 litre",
    ],
)
def test_a_vehicle_hired_and_described_is_added(text: str) -> None:
    assert _read(text) == ["add_vehicle"]


@pytest.mark.parametrize(
    "text",
    [
        "please post for everybody: who has a spare jack to lend in Broome?",
        "please post for everyone: anyone know a good mechanic in Alice?",
        "pls post to everyone: where is the cheapest diesel in Katherine?",
        "can you post for everybody: is the Gibb open yet?",
        "please share with everyone: who wants to convoy to Cape York?",
    ],
)
def test_a_post_whose_words_are_a_question_is_a_post(text: str) -> None:
    assert _read(text) == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "whats on the trips list now",
        "show the trip list",
        "the trips list please",
        "what's in my trip list",
        "open the trips list",
    ],
)
def test_the_trips_list_lists_trips(text: str) -> None:
    assert _read(text) == ["list_trips"]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("was thinking maybe longreach next month, how far is that from here", "Longreach"),
        ("maybe mildura after easter, how far is that", "Mildura"),
        ("how far is Broome from here", "Broome"),
        ("might do katherine next week, how far is it from here?", "Katherine"),
        ("thinking about dubbo, how far is that from here", "Dubbo"),
    ],
)
def test_how_far_is_that_is_the_town_named_before(text: str, town: str) -> None:
    assert trip_places(normalise(text))[1] == town
    assert _read(text) == ["plan_trip"]


@pytest.mark.parametrize(
    "text",
    [
        "400 dollars for the benzine",
        "put 60 of benzin in",
        "benzina 70",
        "gasolina 55",
        "we filled at crystal brook, 71 bucks",
    ],
)
def test_words_for_petrol_and_a_fill_are_fuel(text: str) -> None:
    assert category_of(normalise(text)) == "fuel"


@pytest.mark.parametrize(
    "text",
    [
        "I want to put a budget of 300 dollars for the benzine each month",
        "we filled at crystal brook luckily 71 bucks",
        "filled her at Hay for 90",
        "put a 500 cap on fuel",
        "a 200 limit on eating out",
    ],
)
def test_fuel_money_and_caps_are_read(text: str) -> None:
    tools = _read(text)
    assert tools and tools[0] in ("set_budget", "add_expense")
    assert ("cap" in text or "limit" in text or "budget" in text) == (tools[0] == "set_budget")


@pytest.mark.parametrize(
    "text",
    [
        "are there people who want to join already?",
        "is there anyone who wants to join",
        "anybody who has asked to get in?",
        "are there folks who want to join yet",
        "anyone who's asked to join?",
    ],
)
def test_people_who_want_in_are_join_requests(text: str) -> None:
    assert _read(text) == ["review_join_requests"]


@pytest.mark.parametrize(
    "text",
    [
        "like geoffs post and jans too",
        "like Sam's post and Jo's",
        "heart bevs post and rays too",
        "like marks one and kates one",
        "please like lens post and mavis's as well",
    ],
)
def test_two_peoples_posts_get_a_like_each(text: str) -> None:
    assert _read(text) == ["like_post", "like_post"]


@pytest.mark.parametrize(
    "text",
    [
        "don't write this in the app please, but I lost 20 dollar at the pokies",
        "do not log it please, but we spent 60 at the casino",
        "dont put this in pls, but I paid 15 for a parking fine",
        "don't record it please, but I lost 50 on the horses",
        "don't save this please - I spent 30 on lotto",
    ],
)
def test_a_refusal_with_please_asks_for_nothing(text: str) -> None:
    assert mood_told(normalise(text)) == "denied"
    assert all(t is None for t in _read(text))


# --- turns that lean on the one before -------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "filters", "said", "status"),
    [
        ("list_trips", {"status": "planned"}, "any done ones", "done"),
        ("list_trips", {"status": "planned"}, "and the finished ones?", "done"),
        ("list_trips", {"status": "done"}, "any upcoming ones", "planned"),
        ("list_tasks", {"status": "done"}, "and everything incl open ones", "all"),
        ("list_tasks", {"status": "open"}, "the completed ones?", "done"),
        ("list_tasks", {}, "and the finished ones", "done"),
    ],
)
def test_a_list_asked_again_with_another_status(
    asked: str, filters: dict[str, Any], said: str, status: str
) -> None:
    domain = "wheels" if asked == "list_trips" else "you"
    lines = state(asked, domain, filters, wrote=False)
    args = only_call(step(domain, "show them", said, **lines), asked)
    assert args["status"] == status


@pytest.mark.parametrize(
    ("said", "level"),
    [
        ("and another one book the ferry, low, no date", "low"),
        ("and another one ring the bank, high", "high"),
        ("one more call the plumber, low", "low"),
        ("and another one renew the passport, high", "high"),
        ("another one wash the dog, low", "low"),
    ],
)
def test_another_task_said_with_its_job_and_level(said: str, level: str) -> None:
    lines = state("add_task", "you", {"title": "Renew insurance"}, wrote=True)
    args = only_call(step("you", "add a task renew insurance", said, **lines), "add_task")
    assert args["priority"] == level


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("and that the dog is called Biscuit", "biscuit"),
        ("and that my wife is coeliac", "coeliac"),
        ("oh and that we never drive at night", "night"),
        ("also that the van is 7 metres long", "7 metres"),
        ("and also that I'm a retired nurse", "nurse"),
    ],
)
def test_another_thing_to_remember_said_with_that(said: str, words: str) -> None:
    lines = state("remember", "you", {}, wrote=True)
    args = only_call(step("you", "remember im allergic to peanuts", said, **lines), "remember")
    assert words in str(args).lower()


_DENTIST = {
    "kind": "event",
    "id": "5b1e0000-0000-4000-8000-000000000091",
    "title": "Dentist",
    "start": "2026-03-10T14:00:00+11:00",
}


@pytest.mark.parametrize(
    ("said", "start"),
    [
        ("no wait the dentist is wednesday same time", "2026-03-11T14:00:00+11:00"),
        ("sorry the dentist is thursday same time", "2026-03-12T14:00:00+11:00"),
        ("no wait the dentist should be friday", "2026-03-13"),
        ("actually the dentist is on wednesday", "2026-03-11"),
        ("oops the dentist is thursday, same time", "2026-03-12T14:00:00+11:00"),
    ],
)
def test_a_correction_names_its_event_among_the_writes(said: str, start: str) -> None:
    lines = state(
        "set_budget",
        "wins",
        {"category": "health", "monthly_limit": 200},
        wrote=True,
        written=[{"kind": "budget", "category": "health"}, _DENTIST],
    )
    args = only_call(
        step("you", "dentist tuesday 2pm and a health budget of 200", said, **lines), "update_event"
    )
    assert args["event_id"] == _DENTIST["id"]
    assert str(args["start"]).startswith(start)


@pytest.mark.parametrize(
    ("before", "said", "tool", "want"),
    [
        # a write held back, asked for after all
        (
            "dont log this but i just spent 300 at bunnings lol",
            "ok fine log it, shopping",
            "add_expense",
            {"amount": 300, "category": "shopping"},
        ),
        (
            "don't record this but we paid 45 for the ferry",
            "actually do log it",
            "add_expense",
            {"amount": 45},
        ),
        (
            "no need to log it but I spent 12 on a pie",
            "go on then, put it in",
            "add_expense",
            {"amount": 12},
        ),
        # an act only supposed, carried out
        (
            "if we put a 400 cap on groceries would we be over",
            "ok do it",
            "set_budget",
            {"category": "groceries", "monthly_limit": 400},
        ),
        (
            "what if we set a 250 limit on eating out, would we be over already",
            "yep go ahead",
            "set_budget",
            {"category": "food", "monthly_limit": 250},
        ),
        # told of someone else, then asked to keep
        (
            "my mum has a physio appt thursday",
            "i'll take her, put it in for 10am",
            "create_event",
            {"start": "2026-03-12T10:00:00+11:00"},
        ),
    ],
)
def test_a_write_held_back_is_asked_for_after(
    before: str, said: str, tool: str, want: dict[str, Any]
) -> None:
    calls = _tools(before, AIMessage("Fair enough — I haven't saved anything from that."), said)
    got = [args for name, args in calls if name == tool]
    assert len(got) == 1, calls
    for key, value in want.items():
        assert got[0][key] == value


@pytest.mark.parametrize(
    ("before", "said", "tool"),
    [
        (
            "bloke at the servo reckons his patrol does 18 l per 100",
            "ours is way better than that right",
            "fuel_stats",
        ),
        ("my mate's cruiser does 16 litres per 100", "how does ours compare", "fuel_stats"),
        ("the neighbours' van gets 11 l/100km", "is our van thirstier than that?", "fuel_stats"),
        (
            "a bloke runs his tyres at 28 psi on sand",
            "ours are higher than that eh",
            "tyre_pressure_history",
        ),
        (
            "diesel was 2.15 a litre at port augusta",
            "ours was cheaper than that right",
            "fuel_stats",
        ),
    ],
)
def test_ours_beside_a_figure_told_reads_our_figures(before: str, said: str, tool: str) -> None:
    calls = _tools(before, AIMessage("Fair enough — I haven't saved anything from that."), said)
    assert [name for name, _ in calls] == [tool]


@pytest.mark.parametrize(
    "said",
    ["did that go thru", "has it worked?", "did it go through ok", "is it saved", "did that work"],
)
def test_whether_the_last_act_took_is_answered_from_its_result(said: str) -> None:
    assert asks_if_took(normalise(said))
    lines = state("join_group", "social", {"group": "Grey Nomads"}, wrote=True)
    turns: list[str | BaseMessage] = [
        "join grey nomads",
        called("join_group", "j1", group="Grey Nomads"),
        result("j1", "join_group", summary="You've joined Grey Nomads."),
        AIMessage("You've joined Grey Nomads."),
        said,
    ]
    answer = step("social", *turns, **lines)
    assert not answer.tool_calls
    assert "Yes" in answer.text and "Grey Nomads" in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "change the date to yesterday arvo, that's when I did it",
        "fix the date, it was this morning",
        "change the date to last night",
    ],
)
def test_a_day_put_right_with_no_clock_in_figures_is_no_event_time(text: str) -> None:
    found = edit_requests(
        normalise(text), amount=False, category=True, day=True, clock=True, event=False
    )
    assert "update_expense" in {tool for tool, _ in found}
