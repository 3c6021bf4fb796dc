"""A generated battery of requests that act on a row already kept: change it or take it
away (branch i15-route11).

Across rounds 3–10 the rules read "<verb of changing or removing> <a kept row>" as a new row
(an event made from "… pushed to 7", an expense logged from "nuke the 12.50 …") or as a
listing whenever the verb was one they did not know: the noun named the family, and the
family's default act won. Each kept row (events, expenses) is crossed with frames of
changing and removing — verbs, told changes ("… is now at 4", "… isn't on anymore") — and
each must pick that family's update or delete tool, never its create. Nothing here is a
development sentence: the frames come from the grammar of changing and removing, the rows
from the catalogue's event and expense tools.

`python -m tests.unit.brain.row_acts_battery` prints the misses and the count per kind;
`test_row_acts_battery.py` asserts them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache

from tests.unit.brain.battery_tally import tally


@dataclass(frozen=True)
class Row:
    """A kept row, named the way people name it."""

    family: str  # "event" or "expense"
    name: str  # "the dentist on thursday"


ROWS = [
    Row("event", "the dentist on thursday"),
    Row("event", "dinner with the Kellys on friday"),
    Row("event", "my physio appointment on the 14th"),
    Row("event", "the boat trip tomorrow"),
    Row("event", "the vet check on monday"),
    Row("expense", "the 38.50 for the pub lunch"),
    Row("expense", "the $60 fuel from yesterday"),
    Row("expense", "the 12 dollar parking"),
    Row("expense", "the 95 bucks at the chemist"),
]

# Frames of moving a row in time (events) or changing its figure (expenses). {row} is the
# row's name.
CHANGE = {
    "event": [
        "push {row} back to 4pm",
        "bring {row} forward to 9am",
        "shift {row} to 2:30",
        "bump {row} to half past three",
        "reschedule {row} for 11am",
        "{row} has been pushed to 5pm, update it",
        "{row} got moved to 10am",
        "{row} is now at 1pm",
        "{row} isn't at 10 anymore, it's at 3",
        "they've changed {row} to 4pm",
        "can you make {row} 6pm instead",
        "{row} is at 3 now not 2, fix that",
    ],
    "expense": [
        "{row} was actually 42",
        "change {row} to 42",
        "make {row} 42, not what I said",
        "fix {row}, it should be 42",
        "correct {row} to 42 please",
        "{row} should have been 42",
        "{row} is wrong, it was 42",
        "update {row} to 42",
        "bump {row} up to 42",
    ],
}

# Frames of taking a row away. {row} is the row's name.
REMOVE = [
    "scrap {row}",
    "bin {row}",
    "ditch {row}",
    "nuke {row}",
    "scratch out {row}",
    "get rid of {row}",
    "take {row} out",
    "wipe {row}",
    "knock {row} off",
    "can you remove {row}",
    "please delete {row}",
    "cancel {row}",
    "drop {row}, it's not happening",
    "kill {row}",
    "strike {row} off, it was a mistake",
    "{row} needs to go, remove it",
]

# A second set of frames and rows, written after the mechanism was tuned on the first: how
# much of it the mechanism read unseen is its check (docs/brain-understanding.md).
ROWS_LATER = [
    Row("event", "the hairdresser on saturday"),
    Row("event", "my 2pm meeting"),
    Row("event", "the footy tonight"),
    Row("expense", "the 7.80 coffee"),
    Row("expense", "that $150 for the tyre repair"),
]
CHANGE_LATER = {
    "event": [
        "move {row} to next week",
        "postpone {row} till sunday",
        "{row} has moved to 11",
        "{row} is now on sunday",
        "pls shift {row} an hour later to 3pm",
        "can we push {row} to 6",
        "{row}'s been rescheduled to 10am",
    ],
    "expense": [
        "{row} was actually 9.50",
        "change {row} to 9.50 please",
        "correct {row}, it was 9.50",
        "{row} should be 9.50",
        "update {row} to 9.50",
    ],
}
REMOVE_LATER = [
    "delete {row} please",
    "get rid of {row}",
    "could you take out {row}",
    "scrap {row}, never happened",
    "{row} has to go",
    "remove {row}",
    "bin {row} thanks",
]
# New rows said with a definite word, and other requests with a verb of moving or taking
# away: none of them acts on a kept row.
NEW = [
    ("create_event", "put the dentist on thursday at 3pm in the calendar"),
    ("create_event", "add dinner with the Kellys on friday at 7"),
    ("create_event", "book the vet for monday 9am"),
    ("add_expense", "log the 38.50 for the pub lunch"),
    ("add_expense", "spent 12 dollars on parking today"),
    ("add_task", "take the bins out on thursday"),
    ("update_profile", "change my currency to NZD"),
    ("add_to_shopping_list", "put the milk on the shopping list"),
    ("create_event", "make a booking for dinner on friday at 6"),
    ("add_task", "remind me to cancel the gym membership by friday"),
    ("log_maintenance", "changed the oil on the ute today, 120 bucks"),
    ("create_event", "the markets are on saturday at 8, pop them in the diary"),
]

# Rows PAM keeps but has no tool to change or take away: asked to, it writes nothing (and
# general says what it cannot do). {thing} is what is taken away.
UNKEPT = {
    "shopping": [
        "take the {thing} off the shopping list",
        "remove {thing} from the grocery list please",
        "can you delete the {thing} from my shopping list",
        "scrap {thing} off the shopping list, we've got heaps",
        "tick the {thing} off the shopping list",
    ],
    "pantry": [
        "remove the {thing} from the pantry",
        "take {thing} out of the cupboard, we used it",
        "delete the {thing} from the fridge",
        "get rid of the {thing} in the freezer list, it's gone",
    ],
}
UNKEPT_THINGS = ["tomato sauce", "2 bags of rice", "yoghurt"]
UNKEPT_ROWS = [
    "get rid of the old trip",
    "delete the trip to Kununurra",
    "scrap my planned route through the Flinders",
    "remove the troopy from my vehicles",
    "delete the dump point at Hay from my saved places",
]

TOOLS = {
    ("event", "change"): "update_event",
    ("event", "remove"): "delete_event",
    ("expense", "change"): "update_expense",
    ("expense", "remove"): "delete_expense",
}


@dataclass(frozen=True)
class Case:
    kind: str  # "<family> <act>[ later]" ("event remove later"), "new" or "unkept"
    tool: str
    text: str


@cache
def cases() -> tuple[Case, ...]:
    out = []
    for rows, change, remove, later in (
        (ROWS, CHANGE, REMOVE, ""),
        (ROWS_LATER, CHANGE_LATER, REMOVE_LATER, " later"),
    ):
        for row in rows:
            act = TOOLS[row.family, "change"]
            kind = f"{row.family} change{later}"
            out += [Case(kind, act, frame.format(row=row.name)) for frame in change[row.family]]
            act = TOOLS[row.family, "remove"]
            kind = f"{row.family} remove{later}"
            out += [Case(kind, act, frame.format(row=row.name)) for frame in remove]
    out += [Case("new", tool, text) for tool, text in NEW]
    for frames in UNKEPT.values():
        out += [Case("unkept", "", f.format(thing=t)) for f in frames for t in UNKEPT_THINGS]
    out += [Case("unkept", "", text) for text in UNKEPT_ROWS]
    return tuple(out)


def check(case: Case) -> tuple[bool, list[str | None]]:
    """(whether the case picks its tool and no other write, the tools read)."""
    from agent.brain.asking import WRITES
    from agent.brain.row_acts import ACTS
    from tests.unit.brain.support import wanted

    got = wanted(case.text)
    if case.kind == "unkept":
        return not any(t in WRITES for t in got), got
    if case.kind == "new":
        return not any(t in ACTS for t in got), got
    others = [t for t in got if t in WRITES and t != case.tool]
    return case.tool in got and not others, got


def main(kinds: list[str]) -> None:
    tally(cases(), check, lambda case, got: f"MISS {case.kind}: {case.text!r} → {got}", kinds)


if __name__ == "__main__":
    main(sys.argv[1:])
