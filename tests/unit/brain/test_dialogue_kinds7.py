"""Terse turns read against the earlier ones, by kind (branch i15-dialogue7): a follow-up
that names only a town, a request PAM did not carry out asked again with one value
changed, a correction that names its row among the recent writes of any kind or after a
question, and "there" after a list of one trip."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage

from tests.unit.brain.support import BRAIN, ROUTE_TOOL, as_messages, called, only_call, result, step

SPEND = "5b1e0000-0000-4000-8000-00000000000a"
MEETING = "5b1e0000-0000-4000-8000-00000000000b"


def state(
    action: str, domain: str, filters: dict[str, Any], *, wrote: bool, ago: int = 1, **rows: Any
) -> dict[str, str]:
    """The prompt's `Previous …` lines as agent/dialogue.py writes them."""
    when = "the previous turn" if ago == 1 else f"{ago} turns ago"
    lines = {
        "previous_action": f"{action} ({domain}, {when}{', wrote' if wrote else ''})",
        "previous_filters": json.dumps(filters),
    }
    if "shown" in rows:
        lines["previous_rows"] = json.dumps(rows["shown"])
    if "written" in rows:
        lines["recent_writes"] = json.dumps(rows["written"])
    return lines


# --- a follow-up that is only a town's name, in any case ---------------------------------


@pytest.mark.parametrize(
    ("said", "town"),
    [
        ("and bourke?", "Bourke"),
        ("what about port augusta", "Port Augusta"),
        ("and in mildura", "Mildura"),
    ],
)
def test_a_town_alone_changes_the_forecast_place(said: str, town: str) -> None:
    asked = state("weather_forecast", "wheels", {"location": "Dubbo", "days": 2}, wrote=False)
    args = only_call(step("wheels", "weather dubbo next 2 days", said, **asked), "weather_forecast")
    assert args["location"].lower() == town.lower()
    assert args.get("days") == 2  # what the turn does not change is kept


def test_a_word_that_is_no_town_is_not_read_as_the_place() -> None:
    asked = state("weather_forecast", "wheels", {"location": "Dubbo"}, wrote=False)
    answer = step("wheels", "weather in dubbo", "and the weekend after?", **asked)
    for call in answer.tool_calls:
        assert call["args"].get("location", "Dubbo").lower() == "dubbo"


# --- a request not carried out, asked again with one value changed -------------------------


def _declined_post(words: str) -> list[Any]:
    return [
        words,
        called("create_post", "p1", content=words, visibility="public"),
        ToolMessage('{"ok": false, "summary": "Declined."}', tool_call_id="p1", name="create_post"),
        AIMessage("OK, I haven't posted it."),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "put it in the birdwatchers group instead",
        "ok just share it with the Birdwatchers group then",
        "nah the birdwatchers group instead",
    ],
)
def test_a_declined_post_goes_to_the_group_named_next(said: str) -> None:
    turns = _declined_post("post the ferry at Sorrento is cancelled till monday")
    args = only_call(step("social", *turns, said), "create_post")
    assert args["group"].lower() == "birdwatchers"
    assert "ferry at sorrento" in args["content"].lower()
    assert args["visibility"] == "group"


def test_a_post_that_went_out_is_not_posted_again_by_a_change() -> None:
    words = "post the ferry at Sorrento is cancelled till monday"
    turns: list[str | BaseMessage] = [
        words,
        called("create_post", "p1", content=words, visibility="public"),
        result("p1", "create_post"),
        AIMessage("Posted."),
    ]
    posted = state("create_post", "social", {"visibility": "public"}, wrote=True)
    answer = step("social", *turns, "put it in the birdwatchers group instead", **posted)
    for call in answer.tool_calls:
        assert "ferry" not in str(call["args"].get("content", "")).lower()


def test_a_new_request_after_a_declined_post_is_its_own() -> None:
    turns = _declined_post("post the ferry at Sorrento is cancelled till monday")
    answer = step("social", *turns, "and show me the feed")
    assert [c["name"] for c in answer.tool_calls] == ["get_feed"]


# --- a correction that names its row ------------------------------------------------------

WRITTEN = [
    {
        "kind": "event",
        "id": MEETING,
        "title": "Call the bank",
        "start": "2026-03-11T10:00:00+11:00",
    },
    {"kind": "expense", "id": SPEND, "amount": 40, "category": "fuel", "date": "2026-03-10"},
]


def test_a_correction_names_the_expense_after_an_event_was_written() -> None:
    lines = state(
        "create_event", "you", {"title": "Call the bank"}, wrote=True,
        shown=WRITTEN[:1], written=WRITTEN,
    )  # fmt: skip
    args = only_call(step("wins", "hang on, make the fuel 48 not 40", **lines), "update_expense")
    assert args == {"expense_id": SPEND, "amount": 48}


def test_a_correction_after_a_question_between_names_its_row() -> None:
    lines = state(
        "list_events", "you", {"start_date": "2026-03-10"}, wrote=False,
        shown=WRITTEN[:1], written=WRITTEN,
    )  # fmt: skip
    args = only_call(step("wins", "oh and the fuel was 44 not 40", **lines), "update_expense")
    assert args == {"expense_id": SPEND, "amount": 44}


def test_an_old_value_no_row_has_names_nothing_after_a_question() -> None:
    lines = state(
        "list_events", "you", {"start_date": "2026-03-10"}, wrote=False,
        shown=WRITTEN[:1], written=WRITTEN,
    )  # fmt: skip
    answer = step("wins", "sorry 44 not 41", **lines)
    assert not [c for c in answer.tool_calls if c["name"].startswith("update_")]


# --- "there" after a list of one trip ------------------------------------------------------


def test_there_after_one_listed_trip_is_where_it_goes() -> None:
    trip = {"kind": "trip", "id": "t1", "title": "Perth to Kalgoorlie", "destination": "Kalgoorlie"}
    lines = state("list_trips", "wheels", {}, wrote=False, shown=[trip])
    answer = step("wheels", "show my trips", "what's the weather there on saturday", **lines)
    assert only_call(answer, "weather_forecast")["location"] == "Kalgoorlie"


def test_there_after_several_listed_trips_is_not_guessed() -> None:
    trips = [
        {"kind": "trip", "id": "t1", "destination": "Kalgoorlie"},
        {"kind": "trip", "id": "t2", "destination": "Esperance"},
    ]
    lines = state("list_trips", "wheels", {}, wrote=False, shown=trips)
    answer = step("wheels", "show my trips", "what's the weather there on saturday", **lines)
    for call in answer.tool_calls:
        assert call["args"].get("location") not in ("Kalgoorlie", "Esperance")


# --- a write carried out, made again with what this turn changes -----------------------------


def test_and_the_group_too_posts_the_same_words_there() -> None:
    words = "post publicly that the ferry at Sorrento is back on"
    turns: list[str | BaseMessage] = [
        words,
        called(
            "create_post", "p1", content="the ferry at Sorrento is back on", visibility="public"
        ),
        result("p1", "create_post"),
        AIMessage("Posted."),
    ]
    posted = state("create_post", "social", {"visibility": "public"}, wrote=True)
    answer = step("social", *turns, "and tell the Peninsula Campers group too", **posted)
    args = only_call(answer, "create_post")
    assert args["group"] == "Peninsula Campers"
    assert args["content"] == "the ferry at Sorrento is back on"


# --- rows and filters the previous turn was about -----------------------------------------


def test_a_listed_row_named_by_its_amount_takes_the_new_category() -> None:
    shown = [
        {"kind": "expense", "id": SPEND, "amount": 58, "category": "groceries"},
        {"kind": "expense", "id": "e2", "amount": 12, "category": "groceries"},
    ]
    lines = state("list_expenses", "wins", {}, wrote=False, shown=shown)
    said = "the 58 one was really diesel for the ute, not groceries, can you fix that"
    args = only_call(step("wins", "show this week's spending", said, **lines), "update_expense")
    assert args == {"expense_id": SPEND, "category": "fuel"}


def test_raise_it_after_a_budget_question_is_that_budget() -> None:
    lines = state("budget_status", "wins", {}, wrote=False)
    turns: list[str | BaseMessage] = [
        "how's the fuel budget looking?",
        AIMessage("$80 left."),
        "right, raise it to 650",
    ]
    args = only_call(step("wins", *turns, **lines), "set_budget")
    assert args == {"category": "fuel", "monthly_limit": 650}


def test_on_it_is_the_vehicle_the_previous_turn_was_about() -> None:
    lines = state("maintenance_due", "wheels", {"vehicle": "Hiace"}, wrote=False)
    turns: list[str | BaseMessage] = [
        "anything due on the Hiace?",
        AIMessage("Nothing due."),
        "log a new battery on it today, $240",
    ]
    assert only_call(step("wheels", *turns, **lines), "log_maintenance")["vehicle"] == "Hiace"


def test_join_requests_for_it_are_the_group_just_made() -> None:
    made = [{"kind": "group", "id": "g1", "name": "Goldfields Wanderers"}]
    lines = state(
        "create_group", "social", {"name": "Goldfields Wanderers"}, wrote=True, shown=made
    )
    turns: list[str | BaseMessage] = [
        "start a group called Goldfields Wanderers",
        AIMessage("Done."),
        "any requests to join it?",
    ]
    args = only_call(step("social", *turns, **lines), "review_join_requests")
    assert args == {"group": "Goldfields Wanderers"}


# --- where a post's words and its group start and stop ----------------------------------------


@pytest.mark.parametrize(
    ("said", "group", "words"),
    [
        ("stick on the public page that we're selling our awning, $150", None,
         "we're selling our awning, $150"),
        ("post for everyone that the Nullarbor roadhouse has diesel again", None,
         "the Nullarbor roadhouse has diesel again"),
        ("let the Tassie Tourers group know the ferry is running late", "Tassie Tourers",
         "the ferry is running late"),
        ("tell my group in Cape Crawlers that we're at Weipa till friday", "Cape Crawlers",
         "we're at Weipa till friday"),
        ("post to Fishing Nomads, members only: bream biting at the jetty", "Fishing Nomads",
         "bream biting at the jetty"),
    ],
)  # fmt: skip
def test_a_posts_words_start_after_where_it_goes(said: str, group: str | None, words: str) -> None:
    args = only_call(step("social", said), "create_post")
    assert args.get("group") == group
    assert args["content"] == words


# --- a reply that takes back what the conversation was about ---------------------------------

SHOWN_DAY = state("list_events", "you", {"start_date": "2026-03-11"}, wrote=False, ago=2)
BEFORE: list[str | BaseMessage] = [
    "what's on wednesday",
    AIMessage("Yoga at 7."),
    "drop yoga",
    AIMessage("OK, I've left it."),
]


@pytest.mark.parametrize(
    "said", ["no hang on, keep it", "nah, leave it, we'll go", "never mind", "actually don't"]
)
def test_taking_back_asks_for_nothing(said: str) -> None:
    answer = step("you", *BEFORE, said, **SHOWN_DAY)
    assert not answer.tool_calls
    assert "left it" in answer.text


@pytest.mark.parametrize(
    "said", ["keep it, but move the dentist to 3pm", "keep it short and add eggs to the list"]
)
def test_a_take_back_with_a_request_after_it_is_that_request(said: str) -> None:
    answer = step("you", *BEFORE, said, **SHOWN_DAY)
    assert answer.tool_calls or "left it" not in answer.text


def test_taking_back_stays_where_the_conversation_was() -> None:
    lines = "\n".join(f"{k.replace('_', ' ').capitalize()}: {v}" for k, v in SHOWN_DAY.items())
    bound = BRAIN.bind_tools([ROUTE_TOOL], tool_choice="route_request")
    answer = bound.invoke(
        [SystemMessage(f"Route.\n{lines}"), *as_messages([*BEFORE, "no wait, keep it"])]
    )
    assert isinstance(answer, AIMessage)
    assert answer.tool_calls[0]["args"]["domains"] == ["you"]


def test_scrap_that_right_after_a_write_is_no_take_back() -> None:
    wrote = state("add_expense", "wins", {"amount": 30}, wrote=True, shown=[WRITTEN[1]])
    answer = step("wins", "spent 40 on fuel", AIMessage("Logged."), "oh no, scrap that", **wrote)
    assert "left it" not in answer.text


def test_on_it_after_a_question_about_a_named_vehicle_is_that_vehicle() -> None:
    lines = state("maintenance_due", "wheels", {"within_days": 30}, wrote=False)
    turns: list[str | BaseMessage] = [
        "anything coming due on the Coaster?",
        AIMessage("Nothing due."),
        "log an oil change on it today at 120,500 km",
    ]
    assert only_call(step("wheels", *turns, **lines), "log_maintenance")["vehicle"] == "Coaster"
