"""Issue 15, argument kinds (branch i15-args4), each on several phrasings of our own:
a story the user turns from with "anyway" is context, not requests; a clause that only
says when the money came dates it; a budget said as spoken hundreds; a price in several
number words after "a"; a feed's group named as the people in it; a correction that
names which of the recent writes it changes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agent.brain.textutil import normalise
from agent.dialogue import dialogue_lines, next_dialogue
from tests.unit.brain.support import called, only_call, result, step

# --- a story, then "anyway" and the request ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "we blew a tyre outside roma and waited ages for the tow truck and the kids were"
            " bored stiff anyway could you add a task to buy a new spare by friday",
            ("buy a new spare",),
        ),
        (
            "the camp host told us the dump point is broken and said it gets fixed next week"
            " anyways please add a job to empty the cassette",
            ("empty the cassette",),
        ),
        (
            "had a lovely swim and a long lunch with the neighbours, so anyway can you put"
            " renew the rego on my to do list",
            ("renew the rego",),
        ),
    ],
)
def test_a_story_before_anyway_is_context(text: str, words: tuple[str, ...]) -> None:
    answer = step("you", text)
    (call,) = answer.tool_calls
    assert call["name"] == "add_task"
    title = call["args"]["title"].lower()
    assert all(w in title for w in words)
    for told in ("tow", "dump", "swim", "lunch", "kids"):
        assert told not in title


def test_a_story_before_anyway_keeps_the_day_of_the_request() -> None:
    text = (
        "the ranger said the gorge fills up over the long weekend anyway could you add a task"
        " to book a site before the end of march"
    )
    args = only_call(step("you", text), "add_task")
    assert args["due_date"] == "2026-03-31"
    assert args["title"].lower() == "book a site"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "drove through rain all morning and the wipers died anyway can you check if anyone"
            " in solar nomads has posted about the mine road",
            "solar nomads",
        ),
        ("has anybody from caravan cooks said anything about camp ovens", "caravan cooks"),
        ("see if people in the Kimberley Crew group have posted about the gibb", "Kimberley Crew"),
    ],
)
def test_the_feed_of_the_people_in_a_group(text: str, group: str) -> None:
    args = only_call(step("social", text), "get_feed")
    assert args["group"].lower() == group.lower()


# --- when the money came, said in a clause of its own -----------------------------------


@pytest.mark.parametrize(
    ("text", "day", "source"),
    [
        ("log 650 income from fruit picking, we got paid on monday", "2026-03-09", "fruit picking"),
        ("record 90 from the market stall. I was paid yesterday.", "2026-03-09", "market stall"),
        ("income of 300 from mum, she sent it on sunday", "2026-03-08", "mum"),
    ],
)
def test_a_clause_that_says_when_dates_the_income(text: str, day: str, source: str) -> None:
    args = only_call(step("wins", text), "add_income")
    assert args["date"] == day
    assert args["source"].lower() == source


# --- budgets and prices said in words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "category"),
    [
        ("set a three fifty monthly budget for groceries", 350, "groceries"),
        ("put a four twenty monthly limit on fuel", 420, "fuel"),
        ("budget two hundred and eighty a month for eating out", 280, "food"),
        ("cap the camping at a five hundred and fifty monthly budget", 550, "camping"),
    ],
)
def test_a_budget_said_in_words_is_hundreds(text: str, limit: int, category: str) -> None:
    args = only_call(step("wins", text), "set_budget")
    assert args["monthly_limit"] == limit
    assert args["category"] == category


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a four hundred and twenty budget", "a 420 budget"),
        ("a two fifty cap", "a 2 50 cap"),
        ("a ninety five dollar fine", "a 95 dollar fine"),
        # no price: a count of things stays as written
        ("bought a two way radio", "bought a two way radio"),
        ("grab a six pack", "grab a six pack"),
    ],
)
def test_a_price_in_several_words_after_a(text: str, said: str) -> None:
    assert normalise(text) == said


# --- a correction that names which recent write it changes ------------------------------

FIRST, SECOND = "11111111-0000-4000-8000-000000000001", "11111111-0000-4000-8000-000000000002"
# newest first, as the dialogue state keeps them
WRITTEN = [
    {"kind": "expense", "id": SECOND, "amount": 35, "category": "camping"},
    {"kind": "expense", "id": FIRST, "amount": 80, "category": "fuel"},
]
AFTER_TWO = {
    "previous_action": "add_expense (wins, the previous turn, wrote)",
    "previous_filters": json.dumps({"amount": 35, "category": "camping"}),
    "previous_rows": json.dumps(WRITTEN[:1]),
    "recent_writes": json.dumps(WRITTEN),
}


@pytest.mark.parametrize(
    ("text", "row", "amount"),
    [
        ("the first one was 84 not 80", FIRST, 84),
        ("oops the fuel was eighty two", FIRST, 82),
        ("sorry, the other one should be 79", FIRST, 79),
        ("hang on, that was 85 not 80", FIRST, 85),
        ("actually 38", SECOND, 38),  # no row named: the one just written
        ("no, it was 40 not 35", SECOND, 40),
    ],
)
def test_a_correction_names_one_of_the_recent_writes(text: str, row: str, amount: float) -> None:
    args = only_call(step("wins", text, **AFTER_TWO), "update_expense")
    assert args["expense_id"] == row
    assert args["amount"] == amount
    assert "category" not in args


def _wrote(call_id: str, amount: float, category: str, row_id: str) -> list[Any]:
    call = {"name": "add_expense", "args": {"amount": amount, "category": category}, "id": call_id}
    expense = {"id": row_id, "amount": amount, "category": category}
    return [
        HumanMessage("spent"),
        AIMessage("", tool_calls=[call]),
        ToolMessage("", tool_call_id=call_id, artifact={"ok": True, "expense": expense}),
    ]


def test_the_state_keeps_the_recent_writes_across_turns() -> None:
    state = next_dialogue(_wrote("a", 80, "fuel", FIRST), None)
    state = next_dialogue(_wrote("b", 35, "camping", SECOND), state)
    assert state is not None
    assert [r["id"] for r in state.get("written", [])] == [SECOND, FIRST]
    assert [r["id"] for r in state["referents"]] == [SECOND]
    # a turn with no call keeps them; the prompt shows them
    quiet = next_dialogue([HumanMessage("thanks"), AIMessage("No worries.")], state)
    assert quiet is not None and quiet.get("written") == state.get("written")
    assert f'"id":"{FIRST}"' in dialogue_lines(quiet).split("Recent writes: ")[1]


# --- round 4 kinds -----------------------------------------------------------------------


def test_a_heading_over_bulleted_purchases_logs_each_with_its_day() -> None:
    text = "spends from sunday:\n* diesel 88\n* bait and ice 14.50\n* showers 6\nthat's the lot"
    calls = step("wins", text).tool_calls
    assert [c["name"] for c in calls] == ["add_expense"] * 3
    assert [c["args"]["amount"] for c in calls] == [88, 14.5, 6]
    assert {c["args"]["date"] for c in calls} == {"2026-03-08"}
    assert calls[0]["args"]["category"] == "fuel"


def test_a_heading_over_lines_of_jobs_adds_each_job() -> None:
    text = (
        "jobs for the weekend:\n1. grease the jockey wheel\n2. fix the fly screen\n"
        "3. wash the awning"
    )
    calls = step("you", text).tool_calls
    assert [c["name"] for c in calls] == ["add_task"] * 3
    assert calls[1]["args"]["title"].lower() == "fix the fly screen"


def test_pantry_lines_read_exp_as_expiry() -> None:
    text = "pantry:\n3 x tins of tomatoes (exp 2026-11)\n500g butter exp 21/3"
    calls = step("you", text).tool_calls
    assert [c["name"] for c in calls] == ["add_pantry_item"] * 2
    assert calls[0]["args"]["expiry_date"] == "2026-11-30"
    assert calls[0]["args"]["name"] == "tomatoes"
    assert calls[1]["args"]["expiry_date"] == "2026-03-21"


@pytest.mark.parametrize(
    ("domain", "text", "tool", "key", "name"),
    [
        ("social", "join sunset chasers pls 🌅🙏", "join_group", "group", "sunset chasers"),
        ("social", "start a group called Camp Oven Crew 🍲 for stew recipes", "create_group",
         "name", "Camp Oven Crew"),
        ("social", "new group please, name it the Tassie Loopers", "create_group", "name",
         "Tassie Loopers"),
        ("social", "what's the latest in the Kids on the Road group", "get_feed", "group",
         "Kids on the Road"),
        ("social", "sign me up to the Outback Birders group, a mate says it's good",
         "join_group", "group", "Outback Birders"),
    ],
)  # fmt: skip
def test_a_group_name_is_only_its_name(
    domain: str, text: str, tool: str, key: str, name: str
) -> None:
    assert only_call(step(domain, text), tool)[key] == name


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("vet friday 3pm in dubbo, give me half an hour's warning", 30),
        ("hairdresser tuesday 11am, remind me 2hrs b4", 120),
        ("school pickup thursday 3pm, 15 mins notice please", 15),
    ],
)
def test_a_lead_time_said_as_warning_or_notice(text: str, minutes: int) -> None:
    assert only_call(step("you", text), "create_event")["reminder_minutes"] == minutes


@pytest.mark.parametrize(
    ("text", "priority", "title"),
    [
        ("add a job: oil the hinges, low prority", "low", "oil the hinges"),
        ("new task, no hurry at all, to sort the photos", "low", "sort the photos"),
        ("todo: pay the rego by friday, top prio fr", "high", "pay the rego"),
    ],
)
def test_priority_typed_in_a_hurry(text: str, priority: str, title: str) -> None:
    args = only_call(step("you", text), "add_task")
    assert args["priority"] == priority
    assert args["title"].lower() == title


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("got 2 350 dollars for the harvest", "got 2350 dollars for the harvest"),
        ("odo said 96 410 this morning", "odo said 96410 this morning"),
        ("show spending 2026-03-01 → 2026-03-07", "show spending 2026-03-01 to 2026-03-07"),
        # two readings in a row stay two, a count before a size stays a count
        ("tyres 240 250 kpa", "tyres 240 250 kpa"),
        ("4 500 ml bottles", "4 500 ml bottles"),
    ],
)
def test_thousands_with_a_space_and_arrows(text: str, said: str) -> None:
    assert normalise(text) == said


def test_the_speedo_gives_the_odometer() -> None:
    args = only_call(step("wheels", "filled 52 litres for 101.40, speedo read 120 455"), "log_fuel")
    assert args["odometer_km"] == 120455


def test_a_correction_with_a_reason_after_it() -> None:
    extra = {
        "previous_action": "add_expense (wins, the previous turn, wrote)",
        "previous_filters": json.dumps({"amount": 40}),
        "previous_rows": json.dumps([WRITTEN[0]]),
    }
    text = "oh sorry it was 45 not 35, I always muddle the receipts when I'm tired"
    args = only_call(step("wins", text, **extra), "update_expense")
    assert args == {"expense_id": SECOND, "amount": 45.0}


def test_the_old_amount_names_the_row_to_change() -> None:
    rows = [
        {"id": "e1", "amount": 52.4, "category": "groceries", "description": "IGA Roma"},
        {"id": "e2", "amount": 70, "category": "fuel", "description": "Diesel"},
    ]
    listed = [called("list_expenses", "l1", limit=20), result("l1", "list_expenses", expenses=rows)]
    answer = step("wins", "the iga one should be 25.40 not 52.40, fix pls", *listed)
    assert only_call(answer, "update_expense") == {"expense_id": "e1", "amount": 25.4}


def test_a_vehicle_the_conversation_named_is_known() -> None:
    rows = [{"kind": "vehicle", "id": "v1", "name": "Biscuit"}]
    extra = {
        "previous_action": "add_vehicle (wheels, the previous turn, wrote)",
        "previous_filters": json.dumps({"name": "Biscuit"}),
        "previous_rows": json.dumps(rows),
        "recent_writes": json.dumps(rows),
    }
    args = only_call(
        step("wheels", "filled Biscuit at Dalby, 40 litres, 80 dollars", **extra), "log_fuel"
    )
    assert args["vehicle"] == "Biscuit"


@pytest.mark.parametrize(
    ("text", "origin", "dest", "stops"),
    [
        ("plan dubbo -> parkes -> forbes on monday", "Dubbo", "Forbes", ["Parkes"]),
        ("trip from Mackay to Bowen to Airlie Beach tomorrow", "Mackay", "Airlie Beach", ["Bowen"]),
    ],
)
def test_a_chain_of_towns_is_legs(text: str, origin: str, dest: str, stops: list[str]) -> None:
    args = only_call(step("wheels", text), "plan_trip")
    assert (args["origin"], args["destination"], args.get("stops")) == (origin, dest, stops)


def test_a_plus_between_two_requests() -> None:
    calls = step("wins", "$40 diesel at roma today + $12 for pies").tool_calls
    assert [c["args"]["amount"] for c in calls if c["name"] == "add_expense"] == [40, 12]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add my 2015 hiace, petrol, his name is Rusty", "Rusty"),
        ("add our new van - 2021 sprinter, diesel. Her name's Mabel", "Mabel"),
    ],
)
def test_a_vehicle_named_as_a_pet_is(text: str, name: str) -> None:
    assert only_call(step("wheels", text), "add_vehicle")["name"] == name


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("what did we spend in the month just gone?", "last_month"),
        ("how much went out the week that's just gone", "last_week"),
    ],
)
def test_the_period_just_gone_is_the_last_one(text: str, period: str) -> None:
    assert only_call(step("wins", text), "spending_summary")["period"] == period


def test_a_place_is_the_kind_named_first() -> None:
    text = "save Emu Creek bush camp near Longreach, there's a tap and a dump point too"
    assert only_call(step("wheels", text), "save_place")["kind"] == "campsite"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("25 at the chipper in Carnarvon last night", "food"),
        ("32 for a feed at the pub in Dalby tonight", "food"),
    ],
)
def test_a_time_word_is_no_category(text: str, category: str) -> None:
    assert only_call(step("wins", text), "add_expense")["category"] == category


def test_a_due_date_in_iso_form_is_no_distance() -> None:
    args = only_call(
        step("wheels", "changed the air filter today, next due 2026-09-01"), "log_maintenance"
    )
    assert args["next_due_date"] == "2026-09-01"
    assert "next_due_km" not in args


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("R320 for braai wood at the spar", 320, "ZAR"),
        ("paid Rs. 450 for the thali", 450, "INR"),
        ("¥1800 for ramen in the station", 1800, "JPY"),
    ],
)
def test_an_amount_after_a_currency_sign_other_than_the_dollar(
    text: str, value: int, currency: str
) -> None:
    args = only_call(step("wins", text), "add_expense")
    assert (args["amount"], args["currency"]) == (value, currency)


def test_a_road_named_with_r_is_no_rand() -> None:
    from agent.brain.money import find_amounts

    assert find_amounts("took the R62 through the karoo") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "reply to Mick's post about the ferry and say thanks heaps, see you there",
            "thanks heaps",
        ),
        ("tell Jo her post about Karijini is beaut, cheers for the tip", "her post about"),
    ],
)
def test_a_comment_said_to_the_author(text: str, words: str) -> None:
    posts = [
        {"id": "p1", "content": "Ferry to Rottnest is running again", "author": "Mick"},
        {"id": "p2", "content": "Karijini gorges are flowing", "author": "Jo"},
    ]
    listed = [called("get_feed", "f1"), result("f1", "get_feed", posts=posts)]
    args = only_call(step("social", text, *listed), "comment_on_post")
    assert words in args["content"]
