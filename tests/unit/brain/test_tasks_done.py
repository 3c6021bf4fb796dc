"""A to-do told as done in words no trigger knew (agent/brain/tasks_done.py), and several
told done at once: one completion each. Sentences here are not in the acts14 battery."""

from __future__ import annotations

import pytest

from agent.brain.tasks_done import done_things, told_done
from tests.unit.brain.support import result, step

TASKS = [
    {"id": "t1", "title": "Service the generator", "status": "open"},
    {"id": "t2", "title": "Return the library books", "status": "open"},
    {"id": "t3", "title": "Clean out the esky", "status": "open"},
]


@pytest.mark.parametrize(
    "text",
    [
        "knocked off the library books this morning",
        "the esky is taken care of",
        "we finally did the library books",
        "completed the esky",
        "the library books - tick",
        "the esky is complete",
        "wrapped up the library books",
        "take the library books off my to do list, done",
        "the esky can come off the jobs list",
    ],
)
def test_a_job_told_done_is_a_completion(text: str) -> None:
    assert told_done(text)
    assert step("you", text).tool_calls[0]["name"] == "list_tasks"  # the rows looked up first


@pytest.mark.parametrize(
    "text",
    [
        "finished the bread",  # used up
        "the coffee is done",
        "did the oil change at 98,000",  # work on the vehicle, a figure
        "done the brakes",
        "is the esky done?",  # asked
        "finished the house-sit in Bega, they paid us 500",
        "we finished the cheese, put it on the list",
        "take bread off the shopping list",
    ],
)
def test_what_is_no_job_done_is_left_alone(text: str) -> None:
    assert not told_done(text)


@pytest.mark.parametrize(
    ("text", "things"),
    [
        ("done the esky and the library books", ["the esky", "the library books"]),
        ("the esky + the library books are both finished", ["the esky", "the library books"]),
        ("completed the esky, also the library books", ["the esky", "the library books"]),
        ("we did the esky and the library books, tick them off", ["the esky", "the library books"]),
        ("done the esky", []),  # one thing: one completion as before
    ],
)
def test_several_jobs_told_done_are_named_each(text: str, things: list[str]) -> None:
    assert done_things(text) == things


def test_two_jobs_told_done_complete_both() -> None:
    text = "knocked over the esky and the library books"
    lookup = step("you", text)
    assert [c["name"] for c in lookup.tool_calls] == ["list_tasks", "list_tasks"]
    messages = [result(str(c["id"]), "list_tasks", tasks=TASKS) for c in lookup.tool_calls]
    answer = step("you", text, lookup, *messages)
    assert sorted((c["name"], c["args"]["task_id"]) for c in answer.tool_calls) == [
        ("complete_task", "t2"),
        ("complete_task", "t3"),
    ]
