"""You tool calls from many phrasings. A reminder with a time is a calendar event with
reminder_minutes 0; a reminder without a date or time is a task."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, step, subset

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("remind me to call Mum tomorrow at 10", "create_event",
     {"title": "Call Mum", "start": "2026-03-11T10:00:00+11:00", "reminder_minutes": 0}),
    ("dentist next Tuesday at 2pm", "create_event",
     {"title": "Dentist", "start": "2026-03-17T14:00:00+11:00"}),
    ("I've got a doctor's appointment on Friday at 9:30am in Dubbo", "create_event",
     {"title": "Doctor's appointment", "start": "2026-03-13T09:30:00+11:00",
      "location": "Dubbo"}),
    ("add dinner with the Smiths to my calendar on Saturday at 6pm", "create_event",
     {"title": "Dinner with the Smiths", "start": "2026-03-14T18:00:00+11:00"}),
    ("schedule a vet appointment for Max in 3 days at 11am", "create_event",
     {"start": "2026-03-13T11:00:00+11:00"}),
    ("remind me to take my tablets tonight", "create_event",
     {"title": "Take my tablets", "start": "2026-03-10T20:00:00+11:00"}),
    ("remind me to take my tablets at 8pm, 15 minutes before", "create_event",
     {"start": "2026-03-10T20:00:00+11:00", "reminder_minutes": 15}),
    ("put the Broome markets in the calendar for Saturday", "create_event",
     {"start": "2026-03-14"}),
    ("meeting from 2pm to 4pm tomorrow", "create_event",
     {"start": "2026-03-11T14:00:00+11:00", "end": "2026-03-11T16:00:00+11:00"}),
    ("remind me to buy a gas bottle", "add_task", {"title": "Buy a gas bottle"}),
    # A day and no time: at 9 am that day, reminded then (an all-day event would remind
    # at midnight).
    ("remind me to ring the vet on Friday", "create_event",
     {"title": "Ring the vet", "start": "2026-03-13T09:00:00+11:00", "reminder_minutes": 0}),
    ("remind me to pay the rego friday, a day before", "create_event",
     {"title": "Pay the rego", "start": "2026-03-13", "reminder_minutes": 1440}),
    # The part of the day only repeats the clock time: not a title, and 4 is 4 pm.
    ("remind me tomorrow arvo at 4 to call the bank", "create_event",
     {"title": "Call the bank", "start": "2026-03-11T16:00:00+11:00", "reminder_minutes": 0}),
    # A clock time right after the part of the day is read with it.
    ("vet for the dog tomorrow arvo 2.30, remind me an hour before", "create_event",
     {"title": "Vet for the dog", "start": "2026-03-11T14:30:00+11:00", "reminder_minutes": 60}),
    ("tomorrow morning 9.15 physio", "create_event",
     {"title": "Physio", "start": "2026-03-11T09:15:00+11:00"}),
    ("farrier tomorrow at 3.45pm, remind me half an hour before", "create_event",
     {"title": "Farrier", "reminder_minutes": 30}),
    ("dentist friday at 9, remind me a quarter of an hour before", "create_event",
     {"title": "Dentist", "reminder_minutes": 15}),
    ("add a task to check the tyre pressures", "add_task", {"title": "Check the tyre pressures"}),
    ("add a task to check the tyre pressures by Friday, urgent", "add_task",
     {"due_date": "2026-03-13", "priority": "high"}),
    ("I need to renew the rego by Friday", "add_task", {"due_date": "2026-03-13"}),
    ("what's on my to-do list", "list_tasks", {}),
    ("show my completed tasks", "list_tasks", {"status": "done"}),
    ("what's on this week", "list_events", {}),
    ("what have I got on tomorrow?", "list_events",
     {"start_date": "2026-03-11", "end_date": "2026-03-11"}),
    ("show my calendar for next week", "list_events",
     {"start_date": "2026-03-16", "end_date": "2026-03-22"}),
    ("we've got 2 kg of rice expiring next month", "add_pantry_item",
     {"name": "rice", "quantity": 2, "unit": "kg", "expiry_date": "2026-04-10"}),
    ("add 6 eggs to the pantry", "add_pantry_item", {"name": "eggs", "quantity": 6}),
    ("add a dozen eggs to the pantry, use by Friday", "add_pantry_item",
     {"name": "eggs", "quantity": 12, "expiry_date": "2026-03-13"}),
    ("put 3 tins of tomatoes in the pantry", "add_pantry_item",
     {"name": "tomatoes", "quantity": 3, "unit": "tins"}),
    ("what's in the pantry?", "list_pantry", {}),
    ("anything expiring soon?", "list_pantry", {"expiring_within_days": 7}),
    ("add milk, eggs and bread to the shopping list", "add_to_shopping_list",
     {"items": ["milk", "eggs", "bread"]}),
    ("we're out of coffee", "add_to_shopping_list", {"items": ["coffee"]}),
    ("put sunscreen and insect repellent on the shopping list", "add_to_shopping_list",
     {"items": ["sunscreen", "insect repellent"]}),
    ("what's on the shopping list?", "get_shopping_list", {}),
    ("call me Bev", "update_profile", {"display_name": "Bev"}),
    ("switch to miles", "update_profile", {"units": "imperial"}),
    ("my currency is NZD", "update_profile", {"currency": "NZD"}),
    ("I'm in Perth time now", "update_profile", {"timezone": "Australia/Perth"}),
    ("change my time zone to Darwin", "update_profile", {"timezone": "Australia/Darwin"}),
    ("use metric units please", "update_profile", {"units": "metric"}),
    ("my home base is Ballarat", "update_profile", {"home_base": "Ballarat"}),
    ("we travel with a kelpie called Max", "update_profile", {"pets": "a kelpie called Max"}),
    ("remember that Bev is allergic to peanuts", "remember",
     {"note": "Bev is allergic to peanuts"}),
    ("please remember our van is 3.2m high", "remember", {"note": "our van is 3.2m high"}),
    ("don't forget that we prefer free camps", "remember", {"note": "we prefer free camps"}),
    ("fyi we travel with 2 jack russells", "remember", {"note": "we travel with 2 jack russells"}),
    ("whats on tomorrow", "list_events", {"start_date": "2026-03-11", "end_date": "2026-03-11"}),
    ("2 loaves of bread in the freezer, use by 30 march", "add_pantry_item",
     {"quantity": 2, "unit": "loaves", "name": "bread", "expiry_date": "2026-03-30"}),
    ("what do we need from the shops", "get_shopping_list", {}),
    ("Switch me to Adelaide time", "update_profile", {"timezone": "Australia/Adelaide"}),
    ("I'd prefer to see prices in euros", "update_profile", {"currency": "EUR"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "args"), CASES)
def test_you_calls(text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step("you", text), tool)
    assert subset(got, args), got


def test_notes_keep_the_user_s_own_words() -> None:
    args = only_call(step("you", "remember that we have two dogs"), "remember")
    assert args["note"] == "We have two dogs"


def test_time_zone_of_the_profile_is_used() -> None:
    args = only_call(
        step(
            "you",
            "remind me to call Mum tomorrow at 10",
            tz="Australia/Perth",
            now="2026-03-10T06:00:00+08:00",
        ),
        "create_event",
    )
    assert args["start"] == "2026-03-11T10:00:00+08:00"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, I'm Bev", "Bev"),
        ("call me Bev and switch to miles", "Bev"),
        ("change my name to Robyn", "Robyn"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert only_call(step("you", text), "update_profile")["display_name"] == name


def test_i_m_tired_is_no_name() -> None:
    assert not step("you", "I'm tired").tool_calls
