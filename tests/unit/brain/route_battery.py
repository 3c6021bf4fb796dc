"""A generated battery of messages that ask for no write, and of casual requests that do
(branch i15-route10).

A write needs an explicit request: a question, a habit told, a plan, a price quoted, a
supposition ("if we …") or what someone else did or reckons keeps nothing. Each write
tool's vocabulary (what it keeps, said the way its request would say it) is crossed with
frames of those kinds; the same vocabulary is crossed with casual request frames, which
must still write. Nothing here is a development sentence: the frames are written from the
grammar of questions and statements, the objects from each tool's catalogue entry.

`python -m tests.unit.brain.route_battery` prints the misses and the count per frame kind;
`test_route_battery.py` asserts them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache

from tests.unit.brain.battery_tally import tally


@dataclass(frozen=True)
class Thing:
    """One write tool's object, in the forms the frames need."""

    tool: str
    noun: str  # what is kept, as a noun phrase ("40 on diesel")
    past: str  # the act told as done ("spent 40 on diesel")
    ask: str  # the request in the imperative ("log 40 on diesel")
    base: str  # the act in its base form ("spend 40 on diesel")
    ing: str  # ... and its -ing form ("spending 40 on diesel")
    third: str  # ... and its third person ("spends 40 on diesel")


THINGS = [
    Thing(
        "add_expense",
        "$45 on groceries",
        "spent $45 on groceries",
        "log $45 on groceries",
        "spend $45 on groceries",
        "spending $45 on groceries",
        "spends $45 on groceries",
    ),
    Thing(
        "add_expense",
        "85 bucks at the mechanic",
        "paid 85 bucks at the mechanic",
        "put down 85 bucks at the mechanic",
        "pay 85 bucks at the mechanic",
        "paying 85 bucks at the mechanic",
        "pays 85 bucks at the mechanic",
    ),
    Thing(
        "add_expense",
        "a new esky for 120",
        "bought a new esky for 120",
        "add a new esky for 120 to my spending",
        "buy a new esky for 120",
        "buying a new esky for 120",
        "buys a new esky for 120",
    ),
    Thing(
        "add_income",
        "300 from the house-sit",
        "got 300 from the house-sit",
        "log 300 income from the house-sit",
        "get 300 from the house-sit",
        "getting 300 from the house-sit",
        "gets 300 from the house-sit",
    ),
    Thing(
        "add_income",
        "450 for the fruit picking",
        "earned 450 for the fruit picking",
        "record 450 earned for the fruit picking",
        "earn 450 for the fruit picking",
        "earning 450 for the fruit picking",
        "earns 450 for the fruit picking",
    ),
    Thing(
        "set_budget",
        "a fuel budget of 500 a month",
        "set a fuel budget of 500 a month",
        "set a fuel budget of 500 a month",
        "set a fuel budget of 500 a month",
        "setting a fuel budget of 500 a month",
        "sets a fuel budget of 500 a month",
    ),
    Thing(
        "log_fuel",
        "60 litres of diesel for 110",
        "filled up with 60 litres of diesel for 110",
        "log a fill of 60 litres of diesel for 110",
        "fill up with 60 litres of diesel for 110",
        "filling up with 60 litres of diesel for 110",
        "fills up with 60 litres of diesel for 110",
    ),
    Thing(
        "log_maintenance",
        "an oil change for 180",
        "had an oil change done for 180",
        "log an oil change for 180",
        "have an oil change done for 180",
        "having an oil change done for 180",
        "has an oil change done for 180",
    ),
    Thing(
        "log_tyre_pressures",
        "the tyres at 36 psi",
        "pumped the tyres to 36 psi",
        "record the tyres at 36 psi all round",
        "pump the tyres to 36 psi",
        "pumping the tyres to 36 psi",
        "pumps the tyres to 36 psi",
    ),
    Thing(
        "add_vehicle",
        "a 2019 Isuzu D-Max",
        "bought a 2019 Isuzu D-Max",
        "add my 2019 Isuzu D-Max to my vehicles",
        "buy a 2019 Isuzu D-Max",
        "buying a 2019 Isuzu D-Max",
        "buys a 2019 Isuzu D-Max",
    ),
    Thing(
        "save_place",
        "the free camp at Lake Bolac",
        "saved the free camp at Lake Bolac",
        "save the free camp at Lake Bolac",
        "save the free camp at Lake Bolac",
        "saving the free camp at Lake Bolac",
        "saves the free camp at Lake Bolac",
    ),
    Thing(
        "create_event",
        "the dentist on friday at 10",
        "booked the dentist for friday at 10",
        "put the dentist in for friday at 10",
        "book the dentist for friday at 10",
        "booking the dentist for friday at 10",
        "books the dentist for friday at 10",
    ),
    Thing(
        "create_event",
        "lunch with Deb on saturday at 12",
        "put lunch with Deb in for saturday at 12",
        "pop lunch with Deb in the calendar for saturday at 12",
        "have lunch with Deb on saturday at 12",
        "having lunch with Deb on saturday at 12",
        "has lunch with Deb on saturday at 12",
    ),
    Thing(
        "add_task",
        "a to-do to fix the awning",
        "added fixing the awning to the to-do list",
        "add fix the awning to my to-do list",
        "fix the awning",
        "fixing the awning",
        "fixes the awning",
    ),
    Thing(
        "add_pantry_item",
        "a dozen eggs in the pantry",
        "put a dozen eggs in the pantry",
        "add a dozen eggs to the pantry",
        "put a dozen eggs in the pantry",
        "putting a dozen eggs in the pantry",
        "puts a dozen eggs in the pantry",
    ),
    Thing(
        "add_to_shopping_list",
        "milk and bread on the shopping list",
        "put milk and bread on the shopping list",
        "chuck milk and bread on the shopping list",
        "put milk and bread on the shopping list",
        "putting milk and bread on the shopping list",
        "puts milk and bread on the shopping list",
    ),
    Thing(
        "create_post",
        "a post about the Gibb River Road",
        "posted about the Gibb River Road",
        "post on the feed: the Gibb River Road is open again",
        "post about the Gibb River Road",
        "posting about the Gibb River Road",
        "posts about the Gibb River Road",
    ),
    Thing(
        "join_group",
        "the Grey Nomads WA group",
        "joined the Grey Nomads WA group",
        "join the Grey Nomads WA group",
        "join the Grey Nomads WA group",
        "joining the Grey Nomads WA group",
        "joins the Grey Nomads WA group",
    ),
    Thing(
        "create_group",
        "a group for solar setups",
        "made a group for solar setups",
        "make a group called Solar Setups",
        "make a group for solar setups",
        "making a group for solar setups",
        "makes a group for solar setups",
    ),
    Thing(
        "update_profile",
        "vegetarian meals",
        "went vegetarian",
        "update my profile, I am vegetarian now",
        "go vegetarian",
        "going vegetarian",
        "goes vegetarian",
    ),
]


# Frames that ask for no write, by kind. {noun}, {past}, {base}, {ing}, {third} are the
# thing's forms.
NOT_REQUESTS: dict[str, list[str]] = {
    "question": [
        "did I already {base}?",
        "did we {base} last week?",
        "have we {past} yet?",
        "when did we last {base}?",
        "do you know if we {past}?",
        "any idea if I {past} already?",
        "is {noun} in there already?",
        "what happened with {noun}?",
        "was it us who {past}?",
        "remind me, did I {base}?",
    ],
    "habit": [
        "we usually {base} around this time of year",
        "my mate always {third}",
        "most weeks we end up {ing}",
        "every time we're in town we {base}",
    ],
    "plan": [
        "we're thinking about {ing} next week",
        "might {base} when we get to Broome",
        "we'll probably {base} at some stage",
        "no rush but at some point we'll {base}",
    ],
    "hypothetical": [
        "if we {base}, would that blow the budget?",
        "if we {past} tomorrow we'd be stretched",
        "what would happen if I {past}?",
        "suppose we {base}, how would the month look?",
    ],
    "others": [
        "my mate reckons we should {base}",
        "mate reckons he {past}",
        "the neighbours {past} last week",
        "a bloke at the park {past}",
        "my sister said she {past} yesterday",
        "Dave's been {ing} all month",
    ],
}

# A second set of frames, written after the mechanism was tuned on the first: how much of
# it the mechanism read unseen is its check (docs/brain-understanding.md has the count).
NOT_REQUESTS_LATER: dict[str, list[str]] = {
    "question": [
        "is {noun} sorted?",
        "did {noun} go through?",
        "what about {noun}, did that happen?",
        "have I told you about {noun}?",
        "was it this week we {past}?",
    ],
    "habit": [
        "we normally {base} on a Sunday",
        "I tend to {base} when we're in town",
        "as a rule we {base} first thing",
    ],
    "plan": [
        "hoping to {base} next month",
        "down the track we'll {base}",
        "we could {base} if the weather holds",
        "one day we'll {base}",
    ],
    "hypothetical": [
        "what if we {past}?",
        "if I {past} would we still be under?",
        "in case we {base}, how much is left?",
    ],
    "others": [
        "our friends {past} on the weekend",
        "the couple in the next van {past}",
        "Jim reckons we should {base}",
        "someone on the forum {past}",
    ],
}

# Casual requests of the same things: each must write.
REQUESTS: list[str] = [
    "can you log that I {past}",
    "{past}, log it please",
    "I {past} today, pop it in",
    "please note I {past} this morning",
    "could ya add that we {past}",
    "just {past}, can you record that",
]

# Casual imperatives of every thing: each must write.
ASKS: list[str] = [
    "{ask}",
    "can you {ask}",
    "{ask} pls",
    "mate, {ask}",
    "hey pam {ask} when you get a sec",
    "ok {ask} for me",
    "{ask}, cheers",
    "would you mind if you {ask}",
    "righto, {ask} thanks",
    "we'll be busy so {ask}",
]

# Frames whose verb does not fit a thing (a group is not paid; the tools' own verbs differ).
_SKIP_REQUEST_FOR = {"set_budget", "save_place", "create_post", "join_group", "create_group",
                     "add_task", "add_pantry_item", "add_to_shopping_list", "update_profile",
                     "add_vehicle"}  # fmt: skip


@dataclass(frozen=True)
class Case:
    kind: str  # a NOT_REQUESTS kind, or "request"
    tool: str
    text: str


@cache
def cases() -> tuple[Case, ...]:
    out = []
    for thing in THINGS:
        forms = {
            "ask": thing.ask,
            "noun": thing.noun,
            "past": thing.past,
            "base": thing.base,
            "ing": thing.ing,
            "third": thing.third,
        }
        for kind, frames in NOT_REQUESTS.items():
            out += [Case(kind, thing.tool, frame.format(**forms)) for frame in frames]
        for kind, frames in NOT_REQUESTS_LATER.items():
            out += [Case(kind, thing.tool, frame.format(**forms)) for frame in frames]
        if thing.tool not in _SKIP_REQUEST_FOR:
            out += [Case("request", thing.tool, frame.format(**forms)) for frame in REQUESTS]
        out += [Case("request", thing.tool, frame.format(**forms)) for frame in ASKS]
    return tuple(out)


def check(case: Case) -> tuple[bool, list[str | None]]:
    """(whether the case reads as it should, the tools read): no write for a statement or
    a question, a write for a request."""
    from agent.brain.asking import WRITES
    from tests.unit.brain.support import wanted

    got = wanted(case.text)
    if case.kind == "request":
        return any(t in WRITES for t in got), got
    return not any(t in WRITES for t in got), got


def main(kinds: list[str]) -> None:
    tally(
        cases(),
        check,
        lambda case, got: f"MISS {case.kind} {case.tool}: {case.text!r} → {got}",
        kinds,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
