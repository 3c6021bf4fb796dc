"""Several to-dos in one message are one task each (agent/brain/segment.py): a label of
jobs with a lead verb ("add tasks: …"), "… as two separate tasks", and the clauses after a
task that are each a job said by its verb; "and" splits only before a job's verb. Then
ticking one off by its words completes that task alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import result, step


def _titles(text: str) -> list[Any]:
    answer = step("you", text)
    assert all(c["name"] == "add_task" for c in answer.tool_calls), answer.tool_calls
    return [c["args"].get("title") for c in answer.tool_calls]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("add the gas struts and the door seal as two separate tasks",
         ["Gas struts", "Door seal"]),
        ("pop the fuse box, the reversing camera and the tow ball on as separate jobs",
         ["Fuse box", "Reversing camera", "Tow ball"]),
        ("add tasks: rotate the tyres, descale the kettle and restock the first aid kit",
         ["Rotate the tyres", "Descale the kettle", "Restock the first aid kit"]),
        ("new jobs - tighten the hitch, refill the gas and wash the windows",
         ["Tighten the hitch", "Refill the gas", "Wash the windows"]),
        ("remind me to email the caravan park, pay the phone bill and renew the licence",
         ["Email the caravan park", "Pay the phone bill", "Renew the licence"]),
        ("add to my to do list check the brakes, order a water filter and clean the awning",
         ["Check the brakes", "Order a water filter", "Clean the awning"]),
    ],
)  # fmt: skip
def test_several_jobs_are_one_task_each(text: str, titles: list[str]) -> None:
    assert _titles(text) == titles


def test_and_between_the_things_of_one_job_stays_one_job() -> None:
    assert _titles("to do: fix the step and handrail, sweep out the van") == [
        "Fix the step and handrail",
        "Sweep out the van",
    ]


def test_a_clause_pointing_back_at_the_job_is_no_job_of_its_own() -> None:
    assert _titles("need to get the gas struts swapped, chuck that on my to-do list") == [
        "Get the gas struts swapped"
    ]


def test_a_clause_with_its_own_day_keeps_its_own_tool() -> None:
    answer = step("you", "remind me to ring the insurer, book the farrier for monday at 9")
    assert [c["name"] for c in answer.tool_calls] == ["add_task", "create_event"]


TASKS = [
    {"id": "k1", "title": "Rotate the tyres", "status": "open"},
    {"id": "k2", "title": "Descale the kettle", "status": "open"},
    {"id": "k3", "title": "Restock the first aid kit", "status": "open"},
]


@pytest.mark.parametrize(
    ("text", "done"),
    [("done the kettle", "k2"), ("first aid kit is restocked, tick it off", "k3")],
)
def test_ticking_one_off_completes_only_the_matching_task(text: str, done: str) -> None:
    lookup = step("you", text)
    (call,) = lookup.tool_calls
    assert call["name"] == "list_tasks"
    rows = result(str(call["id"]), "list_tasks", tasks=TASKS)
    answer = step("you", text, lookup, rows)
    assert [(c["name"], c["args"]) for c in answer.tool_calls] == [
        ("complete_task", {"task_id": done})
    ]
