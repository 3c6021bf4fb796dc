"""Which tool, and whether to write (round 16, branch b16-yousocial): a question after the
list it names, a row no longer wanted, going somewhere told beside a request, zones named
by their region, notes named as where the words go, the calendar over any span, "what's on"
a thing that is no calendar, a possessive without its apostrophe, a field of an event
changed, an appointment booked in, a place shared on the map, posts elsewhere than PAM, and
who sees what is posted. Phrasings written for these tests, none from any eval set."""

from __future__ import annotations

import pytest

from agent.approvals import read_decision
from agent.brain.general import general_reply, talk_only
from agent.brain.money import best_amount
from tests.unit.brain.support import called, only_call, result, route, step, wanted, writes

# --- a question after the thing it is about, named first --------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the to-do list - which ones are top priority", "list_tasks"),
        ("todo list, what is urgent", "list_tasks"),
        ("jobs, what's high priority", "list_tasks"),
        ("the shopping list - do we need eggs", "get_shopping_list"),
        ("our jobs list: anything high priority?", "list_tasks"),
    ],
)
def test_a_question_after_its_topic_writes_nothing(text: str, read: str) -> None:
    assert writes(text) == []
    assert wanted(text) == [read]


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("tasks: add ring the bank", "add_task"),
        ("spent 40 on fuel - what's left?", "add_expense"),
    ],
)
def test_a_request_or_an_act_before_a_dash_still_writes(text: str, write: str) -> None:
    assert write in writes(text)


# --- a row no longer wanted is taken away, not added -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "don't need the dentist on friday anymore",
        "we won't be needing the hair appointment tomorrow after all",
        "the physio on thursday is no longer needed",
        "dont need the vet thing on tuesday any more",
    ],
)
def test_a_booking_not_needed_any_more_is_deleted(text: str) -> None:
    assert wanted(text) == ["delete_event"]


@pytest.mark.parametrize(
    "text", ["we don't need milk anymore", "don't need the bread after all", "no longer need foil"]
)
def test_a_thing_not_needed_any_more_keeps_no_note(text: str) -> None:
    assert writes(text) == []


def test_the_row_not_needed_is_the_one_named() -> None:
    events = [
        {"id": "a1", "title": "Haircut", "start": "2026-03-12T10:00:00+11:00"},
        {"id": "a2", "title": "Dentist", "start": "2026-03-13T09:00:00+11:00"},
    ]
    shown = [called("list_events", "l1"), result("l1", "list_events", events=events)]
    answer = step("you", "don't need the dentist on friday anymore", *shown)
    assert only_call(answer, "delete_event") == {"event_id": "a2"}


# --- going somewhere told beside a request of another kind -----------------------------------


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        ("whats on the jobs list, off to bunnings shortly", ["you"]),
        ("switch me to miles, my mate from Ohio is driving", ["you"]),
        ("log 80 for diesel, heading to Dubbo next", ["wins"]),
        ("show me the shopping list, we're going to Aldi now", ["you"]),
        ("any events this week, we're driving to Cairns on Sunday", ["you"]),
    ],
)
def test_going_somewhere_beside_a_request_plans_no_trip(text: str, domains: list[str]) -> None:
    assert "plan_trip" not in wanted(text)
    assert route(text) == domains


def test_a_trip_asked_about_beside_it_is_still_planned() -> None:
    assert wanted("heading to Broome tomorrow, how far is it from Derby") == ["plan_trip"]


# --- a time zone named by its region's clock -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("you have me on Pacific but we're on Mountain now", "America/Denver"),
        ("switch me to central time", "America/Chicago"),
        ("not on Eastern anymore, we're central", "America/Chicago"),
        ("pacific time no more, we're in mountain", "America/Denver"),
        ("put my clock on Alaska time", "America/Anchorage"),
    ],
)
def test_a_zone_named_by_its_region(text: str, zone: str) -> None:
    answer = step("you", text, tz="America/Los_Angeles", currency="USD")
    assert only_call(answer, "update_profile") == {"timezone": zone}


def test_an_australians_central_time_is_darwins() -> None:
    answer = step("you", "we're on central time now", tz="Australia/Sydney")
    assert only_call(answer, "update_profile") == {"timezone": "Australia/Darwin"}


# --- the notes named as where the words go ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("in your notes: the van's tyres are 265/75R16", "The van's tyres are 265/75R16"),
        ("memo: the gate code at the farm is 4471", "The gate code at the farm is 4471"),
        ("put this in your notes - we never camp without power", "We never camp without power"),
        ("add to my notes that Sue hates onions", "Sue hates onions"),
        ("for my notes: Jo's birthday is 3 August", "Jo's birthday is 3 August"),
    ],
)
def test_words_for_the_notes_are_remembered(text: str, note: str) -> None:
    assert wanted(text) == ["remember"]
    assert only_call(step("you", text), "remember") == {"note": note}


@pytest.mark.parametrize(
    "text", ["Jo's birthday is 3 August", "it's 14 June", "the rally is 12 march"]
)
def test_a_day_of_a_month_is_no_amount(text: str) -> None:
    assert best_amount(text) is None
    assert best_amount(text, loose=True) is None


# --- the calendar over any span the dates read; "what's on" a thing that is no calendar -------


@pytest.mark.parametrize(
    "text",
    [
        "whats on over the long weekend",
        "much planned between boxing day and new years eve",
        "anything on between the 20th and the 24th",
    ],
)
def test_anything_on_over_a_span_lists_the_calendar(text: str) -> None:
    assert wanted(text) == ["list_events"]


def test_the_span_between_two_holidays() -> None:
    answer = step("you", "got anything on between christmas and new year?")
    assert only_call(answer, "list_events") == {
        "start_date": "2026-12-25",
        "end_date": "2027-01-01",
    }


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("what's on my feed", "get_feed"),
        ("what do we have on the group page", "list_groups"),
        ("what's on the telly tonight", None),
    ],
)
def test_whats_on_a_thing_named_is_no_calendar(text: str, tool: str | None) -> None:
    assert wanted(text) == [tool]


@pytest.mark.parametrize(
    "text", ["what's on the weekend", "what's on my plate this week", "whats on the 14th"]
)
def test_whats_on_a_time_is_the_calendar(text: str) -> None:
    assert wanted(text) == ["list_events"]


def test_join_requests_and_the_feed_stay_social() -> None:
    assert route("any join requests, and whats on my feed") == ["social"]


# --- a possessive typed without its apostrophe names the author ------------------------------


def test_a_post_named_by_its_authors_name_without_an_apostrophe() -> None:
    posts = [
        {"id": "p1", "content": "Road to the gorge is open", "author": "Kazza"},
        {"id": "p2", "content": "Big rain up north", "author": "Robbo"},
    ]
    shown = [called("get_feed", "f1"), result("f1", "get_feed", posts=posts)]
    answer = step("social", "show the feed", *shown, "reply to robbos post: thanks for the tip")
    assert only_call(answer, "comment_on_post") == {
        "post_id": "p2",
        "content": "thanks for the tip",
    }


# --- a field of an event changed; an appointment booked in -----------------------------------

_EVENTS = [
    {"id": "e1", "title": "Dinner with Sue", "start": "2026-03-13T18:30:00+11:00"},
    {"id": "e3", "title": "BBQ at Jo's", "start": "2026-03-15T12:00:00+11:00"},
]


@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("change the venue for friday's dinner to the RSL", {"event_id": "e1", "location": "RSL"}),
        ("change where the bbq is to Dave's place", {"event_id": "e3", "location": "Dave's place"}),
        ("update the location of the dinner to the pub", {"event_id": "e1", "location": "Pub"}),
    ],
)
def test_an_events_place_changed(text: str, changed: dict[str, str]) -> None:
    assert writes(text) == ["update_event"]
    shown = [called("list_events", "l1"), result("l1", "list_events", events=_EVENTS)]
    assert only_call(step("you", text, *shown), "update_event") == changed


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("book in the auto sparky wednesday quarter past 10", "2026-03-11T10:15:00+11:00"),
        ("get us booked in with the farrier thursday at 9", "2026-03-12T09:00:00+11:00"),
        ("make an appointment with the optometrist friday 2pm", "2026-03-13T14:00:00+11:00"),
    ],
)
def test_an_appointment_booked_in_is_an_event(text: str, start: str) -> None:
    assert writes(text) == ["create_event"]
    assert only_call(step("you", text), "create_event")["start"] == start


def test_a_time_of_day_is_no_price_beside_a_category() -> None:
    text = "book in the tyre shop monday quarter to 8, remind me the day before"
    assert writes(text) == ["create_event"]
    event = only_call(step("you", text), "create_event")
    assert event["start"] == "2026-03-16T07:45:00+11:00"
    assert event["reminder_minutes"] == 1440


# --- a place shared on the map, not a post ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "rating"),
    [
        (
            "share this free camp with everyone - Lake Leslie near Warwick, 5 stars",
            "Lake Leslie",
            5,
        ),
        ("share this dump point with other travellers: Apex Park at Hay, 3 stars", "Apex Park", 3),
        ("sharing our camp spot at Coral Bay with other travellers, 4 stars", "Coral Bay", 4),
    ],
)
def test_a_place_shared_with_everyone_is_saved_shared(text: str, name: str, rating: int) -> None:
    assert wanted(text) == ["save_place"]
    place = only_call(step("wheels", text), "save_place")
    assert (place["name"], place["rating"], place["shared"]) == (name, rating, True)


def test_a_place_shared_to_a_group_is_a_post() -> None:
    assert wanted("share this campsite with the Grey Nomads group: bitter springs") == [
        "create_post"
    ]


# --- posts elsewhere than PAM; who sees what is posted ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "share this on insta - sunset at cable beach",
        "could you put it up on facebook that we made it to uluru",
        "post to whatsapp: arriving friday",
        "pls post this to my fb: finally crossed the nullarbor",
    ],
)
def test_a_post_to_another_service_writes_nothing(text: str) -> None:
    assert writes(text) == []
    assert route(text) == ["general"]


def test_a_post_to_everyone_on_pam_still_posts() -> None:
    assert writes("post this to everyone: made it to the tip") == ["create_post"]


@pytest.mark.parametrize(
    "text",
    [
        "who can see my posts?",
        "are my saved places public?",
        "if we join a private group can other people see what we post there?",
        "is what I post visible to everyone?",
        "if i shared a comment would strangers be able to read it?",
    ],
)
def test_who_sees_what_is_posted_is_answered_in_words(text: str) -> None:
    assert talk_only(text)
    assert route(text) == ["general"]
    assert "group" in general_reply(text)


def test_a_post_whose_words_ask_who_sees_still_posts() -> None:
    assert not talk_only("post this to everyone: who can see the sunset from here?")


# --- an act said of a pronoun acts on the row the clause before names ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "finished the awning repair this morning, tick it off",
        "sorted the gas bottle swap, tick that off please",
        "I did the ring the bank job yesterday, mark it done",
    ],
)
def test_a_job_told_done_then_marked_is_one_completion(text: str) -> None:
    assert writes(text) == ["complete_task"]


def test_the_job_told_is_the_one_completed() -> None:
    tasks = [
        {"id": "t1", "title": "Ring the bank", "status": "open"},
        {"id": "t2", "title": "Fix the awning", "status": "open"},
    ]
    shown = [called("list_tasks", "l1"), result("l1", "list_tasks", tasks=tasks)]
    answer = step("you", "I did the ring the bank job yesterday, mark it done", *shown)
    assert only_call(answer, "complete_task") == {"task_id": "t1"}


def test_a_row_asked_for_keeps_its_own_request() -> None:
    assert writes("add milk and mark it done") == ["add_to_shopping_list", "complete_task"]


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to drive from Cairns to Cooktown on the 3rd, what will fuel cost me?",
        "we wanna go from Perth to Albany next week, what's the weather like",
    ],
)
def test_a_route_said_whole_beside_a_question_is_still_a_trip(text: str) -> None:
    assert "plan_trip" in wanted(text)


def test_anything_on_a_category_is_money_not_the_calendar() -> None:
    assert route("is there anything on health this year?") == ["wins"]


@pytest.mark.parametrize(
    "text",
    [
        "also I did the ring the bank job yesterday, mark it done",
        "and the gas bottle swap is sorted, tick it off",
    ],
)
def test_after_the_shopping_list_a_job_marked_done_adds_nothing_to_it(text: str) -> None:
    shown = {
        "previous_action": "get_shopping_list (you, the previous turn)",
        "previous_filters": "{}",
        "previous_rows": "[]",
    }
    calls = [c["name"] for c in step("you", text, **shown).tool_calls]
    assert "add_to_shopping_list" not in calls
    assert calls in (["list_tasks"], ["complete_task"])


def test_after_the_shopping_list_and_more_still_adds_to_it() -> None:
    shown = {
        "previous_action": "get_shopping_list (you, the previous turn)",
        "previous_filters": "{}",
        "previous_rows": "[]",
    }
    assert [c["name"] for c in step("you", "also some foil", **shown).tool_calls] == [
        "add_to_shopping_list"
    ]


# --- a change of mind said before "keep it" turns a waiting proposal down --------------------


@pytest.mark.parametrize(
    "text",
    ["no wait, keep it", "nah hang on, keep it", "hold on, keep that", "oh wait keep it actually"],
)
def test_a_change_of_mind_then_keep_it_rejects(text: str) -> None:
    assert read_decision(text) == "reject"


@pytest.mark.parametrize("text", ["yes, keep it", "wait, post it"])
def test_keep_it_after_a_yes_or_another_verb_is_no_decision(text: str) -> None:
    assert read_decision(text) is None
