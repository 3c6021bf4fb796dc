"""A generated battery of the act families the blind sets score lowest (branch i15-acts14).

Marking tasks done, saving places, correcting or updating what was just written or a kept
row, the shopping list, and vehicles — each said in many shapes (statements, commands,
questions, slang, typos), with expectations taken from the public contract
(/work/shared/spec/TOOLS.md, evals/CONTRACT.md) only: a change no tool makes (taking an item
off the shopping list, a vehicle's odometer or default) expects no tool call and no write.

    uv run python -m evals.batteries.acts14          # writes acts14_tune.jsonl, acts14_held.jsonl

The split into halves is by a fixed seed over the conversation ids, made once before any
brain change: `tune` is read to find mechanisms, `held` is only scored.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from evals.batteries.halves import write_halves
from evals.batteries.turns import call, conversation, turn

HERE = Path(__file__).parent
NOW = "2026-03-10T09:00:00+11:00"  # a Tuesday in Sydney
PROFILE = {"timezone": "Australia/Sydney", "currency": "AUD"}
TZ = "+11:00"
SPLIT_SEED = 1414

Conv = dict[str, Any]


def conv(
    cid: str,
    tags: list[str],
    turns: list[dict[str, Any]],
    final: dict[str, Any] | None = None,
    fixtures: dict[str, Any] | None = None,
    client: dict[str, Any] | None = None,
) -> Conv:
    return conversation(
        f"acts14-{cid}", tags, turns, now=NOW, profile=PROFILE, final=final,
        fixtures=fixtures, client=client,
    )  # fmt: skip


# ---------------------------------------------------------------- tasks done
TASKS = [  # title, how people name it
    ("Do the washing", "the washing"),
    ("Clean the solar panels", "the solar panels"),
    ("Buy a new hose", "the hose"),
    ("Grease the hitch", "the hitch"),
    ("Book the Fraser Island barge", "the barge booking"),
    ("Call the insurance company", "the insurance call"),
    ("Refill the gas bottles", "the gas bottles"),
    ("Empty the grey water", "the grey water"),
    ("Renew the rego", "the rego"),
    ("Fix the awning strap", "the awning strap"),
    ("Post the birthday card to Mum", "mum's birthday card"),
    ("Defrost the fridge", "the fridge"),
]

DONE_FORMS = [
    "done {x}",
    "{x}'s done",
    "finished {x}",
    "tick off {x}",
    "tick {x} off please",
    "{x} is sorted",
    "crossed off {x}",
    "cross {x} off my list",
    "mark {x} as done",
    "mark {x} complete",
    "{x} - done",
    "got {x} done this morning",
    "knocked over {x}",
    "{x} is finished",
    "can you tick off {x}?",
    "pls mark {x} done",
    "ive done {x}",
    "all done with {x}",
    "sorted {x} today",
    "{x} is taken care of",
    "{x}: done",
    "that's {x} done",
    "we finally did {x}",
    "check off {x}",
    "{x} can come off the to do list",
    "completed {x}",
    "strike {x} off the list",
    "{x} is all done now",
    "{x} done and dusted",
    "done w {x}",
    "{x} has been done",
    "could you mark {x} as completed",
    "finishd {x}",
    "ticked off {x} yesterday, update my list",
    "{x}, done",
    "yep {x} is done",
    "{x} - tick",
    "just did {x}",
    "you can cross off {x}",
    "{x} is complete",
    "got through {x} finally",
    "{x} ticked",
    "tick {x}",
    "mark off {x}",
    "{x} is out of the way",
    "did {x} before brekkie",
    "no need to remind me about {x}, its done",
    "take {x} off my jobs, done",
    "sorted out {x}",
    "{x} all sorted mate",
    "finished up {x} this arvo",
    "close off {x}",
]


def tasks_battery(rng: random.Random) -> list[Conv]:
    out: list[Conv] = []
    for n, form in enumerate(DONE_FORMS):
        picks = rng.sample(TASKS, 3)
        title, name = picks[n % 3]
        text = form.format(x=name)
        text = text[0].upper() + text[1:] if n % 4 == 0 else text
        fixtures = {"tasks": [{"title": t} for t, _ in picks]}
        contains = [{"title": t, "status": "done" if t == title else "open"} for t, _ in picks]
        out.append(
            conv(
                f"task-done-{n:02d}",
                ["complete", "task"],
                [turn(text, ["you"], [call("complete_task")], reply_contains=[title.split()[-1]])],
                {"tasks": {"count": 3, "contains": contains}},
                fixtures,
            )
        )
    # by position after a listing
    positions = [
        ("the first one's done", 0),
        ("number 2 is done", 1),
        ("tick off the last one", 2),
        ("the top one is sorted", 0),
        ("#3 is done", 2),
        ("2nd one done", 1),
        ("mark the first as done", 0),
        ("the third one can go, it's done", 2),
        ("done the second one", 1),
        ("cross off number one", 0),
        ("the middle one's finished", 1),
        ("tick number 3", 2),
    ]
    lists = [
        "what's on my to do list?",
        "show my tasks",
        "what jobs have I got",
        "list my todos",
        "what do I still need to do?",
        "any tasks open?",
    ]
    for n, (text, pos) in enumerate(positions):
        picks = rng.sample(TASKS, 3)
        fixtures = {
            "tasks": [
                {"title": t, "due_date": f"2026-03-1{1 + i}"} for i, (t, _) in enumerate(picks)
            ]
        }
        title = picks[pos][0]
        contains = [{"title": t, "status": "done" if t == title else "open"} for t, _ in picks]
        out.append(
            conv(
                f"task-pos-{n:02d}",
                ["complete", "task", "follow-up"],
                [
                    turn(lists[n % len(lists)], ["you"], [call("list_tasks")]),
                    turn(
                        text,
                        ["you"],
                        [call("complete_task")],
                        reply_contains=[picks[pos][0].split()[-1]],
                    ),
                ],
                {"tasks": {"count": 3, "contains": contains}},
                fixtures,
            )
        )
    # several at once
    several = [
        "done {a} and {b}",
        "tick off {a} and {b}",
        "{a} and {b} are both done",
        "finished {a}, also {b}",
        "cross off {a} + {b}",
        "mark {a} and {b} as done",
        "{a} sorted, {b} sorted",
        "knocked over {a} and {b} today",
        "we did {a} and {b}, tick them off",
        "both {a} and {b} are finished",
    ]
    for n, form in enumerate(several):
        picks = rng.sample(TASKS, 4)
        (ta, a), (tb, b) = picks[0], picks[2]
        fixtures = {"tasks": [{"title": t} for t, _ in picks]}
        contains = [{"title": t, "status": "done" if t in (ta, tb) else "open"} for t, _ in picks]
        out.append(
            conv(
                f"task-two-{n:02d}",
                ["complete", "tasks"],
                [
                    turn(
                        form.format(a=a, b=b),
                        ["you"],
                        [call("complete_task"), call("complete_task")],
                    )
                ],
                {"tasks": {"count": 4, "contains": contains}},
                fixtures,
            )
        )
    # a task just added, then done
    just = [
        "actually I've already done that",
        "oh wait that's done already, tick it off",
        "scratch that, it's done",
        "already sorted it, mark it done",
        "done it already lol",
    ]
    for n, text in enumerate(just):
        title, name = TASKS[(n * 5) % len(TASKS)]
        out.append(
            conv(
                f"task-just-{n:02d}",
                ["complete", "task", "follow-up"],
                [
                    turn(f"add a task: {title.lower()}", ["you"], [call("add_task")]),
                    turn(text, ["you"], [call("complete_task")]),
                ],
                {"tasks": {"count": 1, "contains": [{"status": "done"}]}},
            )
        )
    return out


# ---------------------------------------------------------------- places
PLACES = [  # name, town, kind word, kind
    ("Lake Cullulleraine", "Mildura", "campsite", "campsite"),
    ("Bitter Springs", "Mataranka", "free camp", "campsite"),
    ("Cape Le Grand", "Esperance", "camp spot", "campsite"),
    ("Mambray Creek", "Port Germein", "campground", "campsite"),
    ("Showgrounds dump", "Cloncurry", "dump point", "dump_point"),
    ("Apex Park", "Longreach", "dump station", "dump_point"),
    ("Lions Park tap", "Bourke", "water tap", "water"),
    ("Rotary Park", "Tennant Creek", "drinking water", "water"),
    ("Liberty servo", "Coober Pedy", "servo", "fuel"),
    ("United", "Roma", "fuel stop", "fuel"),
    ("Outback Auto", "Katherine", "mechanic", "mechanic"),
    ("Kev's Diesel", "Broken Hill", "diesel mechanic", "mechanic"),
    ("Hometown IGA", "Mudgee", "supermarket", "shop"),
    ("Country Bake", "Gundagai", "bakery", "shop"),
]

PLACE_FORMS = [
    "save {n} in {t} as a {k}",
    "add {n} at {t} to my places, it's a {k}",
    "remember this spot - {n} near {t}, {k}",
    "bookmark {n} in {t}, {k}",
    "{n} in {t} is a great {k}, save it",
    "put {n} in {t} on my map as a {k}",
    "can you save {n} ({t}) as a {k}?",
    "keep {n} in {t} in my places - {k}",
    "new {k}: {n}, {t}",
    "pls save {n} {t} to my spots as a {k}",
    "save the {k} {n} at {t}",
    "log {n} in {t} as a {k} in my places",
    "I want to remember {n} in {t}, it's a {k}",
    "add a place: {n}, {t}, {k}",
    "{n}, {t} - {k}. save it for next time",
    "saev {n} in {t} as a {k}",
    "save {n} in {t} for us, it's a {k}",
    "mark {n} in {t} as a {k} on the map",
    "add {n} near {t} to my saved places as a {k}",
    "we loved {n} at {t}, save it as a {k}",
    "store {n} in {t} as a {k} pls",
    "save a {k} called {n} in {t}",
    "{k} at {t} called {n}, add it to my places",
    "could you remember {n} at {t} for me? it's a {k}",
    "favourite {n} in {t}, it's a {k}",
    "add {n}, {t} to places ({k})",
]

RATINGS = [
    ("5 stars", 5),
    ("rate it 4", 4),
    ("4 out of 5", 4),
    ("3/5", 3),
    ("rating 5", 5),
    ("give it 2 stars", 2),
    ("five stars", 5),
    ("4 stars", 4),
]
NOTES = [
    ("notes: shady, dogs ok", "shady"),
    ("note that it has hot showers", "hot showers"),
    ("good phone signal", "phone signal"),
    ("cheap diesel", "cheap diesel"),
    ("gets windy", "windy"),
    ("great coffee", "coffee"),
]


def places_battery(rng: random.Random) -> list[Conv]:
    out: list[Conv] = []
    for n, form in enumerate(PLACE_FORMS):
        name, town, word, kind = PLACES[n % len(PLACES)]
        text = form.format(n=name, t=town, k=word)
        args: dict[str, Any] = {"name": name, "kind": kind}
        out.append(
            conv(
                f"place-{n:02d}",
                ["place", "save_place"],
                [
                    turn(
                        text,
                        ["wheels"],
                        [call("save_place", **args)],
                        reply_contains=[name.split()[0]],
                    )
                ],
                {"places": {"count": 1, "contains": [{"name": name, "kind": kind}]}},
            )
        )
    # with a rating and notes
    extra_forms = [
        "save {n} in {t} as a {k}, {r}",
        "{n} at {t}, {k}, {r} - {o}. save it",
        "add {n} in {t} to my places as a {k}. {o}. {r}",
        "save {n} in {t} as a {k} - {o}",
        "remember {n} in {t}, {k}, {r}",
        "bookmark {n} ({t}) as a {k}, {o}, {r}",
    ]
    for n in range(18):
        name, town, word, kind = PLACES[(n * 3 + 1) % len(PLACES)]
        rtext, rating = RATINGS[n % len(RATINGS)]
        otext, _note = NOTES[n % len(NOTES)]
        form = extra_forms[n % len(extra_forms)]
        text = form.format(n=name, t=town, k=word, r=rtext, o=otext)
        args = {"name": name, "kind": kind}
        row: dict[str, Any] = {"name": name, "kind": kind}
        if "{r}" in form:
            args["rating"] = rating
            row["rating"] = rating
        out.append(
            conv(
                f"place-more-{n:02d}",
                ["place", "save_place"],
                [turn(text, ["wheels"], [call("save_place", **args)])],
                {"places": {"count": 1, "contains": [row]}},
            )
        )
    # here, where the client says the user is
    here = [
        ("save this spot as a campsite, call it {n}", "campsite"),
        ("we're camped at {n}, remember this spot", "campsite"),
        ("add where we are to my places as a free camp, name it {n}", "campsite"),
        ("save here as a dump point, {n}", "dump_point"),
        ("this is a good water stop, save it as {n}", "water"),
        ("remember this place - {n}, great campsite", "campsite"),
        ("pin this spot: {n}, campsite", "campsite"),
        ("save our current location as {n}, it's a camp", "campsite"),
    ]
    spots = [
        ("River Bend", "Mudgee", -32.6, 149.59),
        ("Bald Rock", "Tenterfield", -29.05, 152.01),
        ("Tom's Flat", "Gundagai", -35.07, 148.1),
        ("Sandy Point", "Bourke", -30.09, 145.94),
    ]
    for n, (form, kind) in enumerate(here):
        name, city, lat, lng = spots[n % len(spots)]
        client = {
            "location": {"lat": lat, "lng": lng, "city": city, "region": "NSW", "country": "AU"}
        }
        out.append(
            conv(
                f"place-here-{n:02d}",
                ["place", "save_place", "location"],
                [turn(form.format(n=name), ["wheels"], [call("save_place", name=name, kind=kind)])],
                {"places": {"count": 1, "contains": [{"name": name, "kind": kind}]}},
                client=client,
            )
        )
    # named after the place it is in
    town_named = [
        ("save {t} showgrounds as a campsite", "{t} Showgrounds", "campsite"),
        ("add the {t} dump point to my places", None, "dump_point"),
        ("save the free camp at {t}", None, "campsite"),
    ]
    for n, (form, _name, kind) in enumerate(town_named):
        town = ["Cloncurry", "Longreach", "Hay"][n]
        args = {"kind": kind}
        out.append(
            conv(
                f"place-town-{n:02d}",
                ["place", "save_place"],
                [turn(form.format(t=town), ["wheels"], [call("save_place", **args)])],
                {"places": {"count": 1}},
            )
        )
    return out


# ---------------------------------------------------------------- corrections and updates
EXPENSES = [  # first message, amount, category, description word
    ("spent 50 at Woolies on groceries", 50, "groceries"),
    ("log $42 for dinner at the pub", 42, "food"),
    ("paid 35 for the laundromat", 35, "other"),
    ("$80 at Bunnings for hose fittings", 80, "shopping"),
    ("coffee and cake 18", 18, "food"),
    ("paid $48 for a powered site", 48, "camping"),
]
AMOUNT_FIXES = [
    "make that {v}",
    "make it {v}",
    "should've been {v}",
    "{v} not {o}",
    "no, {v}",
    "oops {v}",
    "sorry it was ${v}",
    "change that to {v}",
    "can you change it to {v}",
    "it was {v} actually",
    "fix that, {v}",
    "typo - {v}",
    "nah it was {v} bucks",
    "correction: {v}",
    "wrong amount, it's {v}",
    "update that to ${v}",
    "i meant {v}",
    "actually ${v}.00",
    "hang on that was {v}",
    "{v} sorry not {o}",
]
CATEGORY_FIXES = [
    ("change the category to fuel", "fuel"),
    ("put that under fuel", "fuel"),
    ("that should be camping", "camping"),
    ("wrong category - groceries", "groceries"),
    ("file it under health", "health"),
    ("can you make that entertainment", "entertainment"),
    ("no that's repairs not shopping", "repairs"),
    ("move it to the food category", "food"),
    ("recategorise it as groceries", "groceries"),
    ("actually that was gas, lpg", "gas_lpg"),
]
DATE_FIXES = [
    ("no, Sunday", "2026-03-08"),
    ("that was yesterday not today", "2026-03-09"),
    ("change the date to the 8th", "2026-03-08"),
    ("oops it was last friday", "2026-03-06"),
    ("actually that was on monday", "2026-03-09"),
    ("date should be 7 March", "2026-03-07"),
    ("wrong day, it was saturday", "2026-03-07"),
    ("make the date the 5th", "2026-03-05"),
]

EVENTS: list[tuple[str, str, str, float]] = [  # first message, title, day, hour
    ("dentist thursday at 2pm", "Dentist", "2026-03-12", 14),
    ("book the vet for friday at 10am", "Vet", "2026-03-13", 10),
    ("haircut tomorrow at 11", "Haircut", "2026-03-11", 11),
    ("lunch with Bev on Monday at 1pm", "Lunch with Bev", "2026-03-16", 13),
]
EVENT_TIME_FIXES: list[tuple[str, float | None]] = [
    ("make it 3pm", 15),
    ("no, 3", 15),
    ("sorry, 4pm not {o}", 16),
    ("it's at 3 not {o}", 15),
    ("change the time to 4pm", 16),
    ("push it to 3pm", 15),
    ("move it an hour later", None),
    ("actually 9am", 9),
    ("can you make that 4:30", 16.5),
    ("oops it's 3:15", 15.25),
]
EVENT_DAY_FIXES = [
    ("move it to Saturday", "2026-03-14"),
    ("no, Wednesday", "2026-03-11"),
    ("actually make that friday", "2026-03-13"),
    ("push it to next tuesday", "2026-03-17"),
    ("wrong day - it's saturday", "2026-03-14"),
    ("change it to the 18th", "2026-03-18"),
    ("can we move that to sunday", "2026-03-15"),
    ("it's on wednesday not {d}", "2026-03-11"),
]
EVENT_OTHER_FIXES: list[tuple[str, dict[str, Any]]] = [
    ("rename it to Check-up", {"title": "Check-up"}),
    ("call it Appointment instead", {"title": "Appointment"}),
    ("change the title to Catch up", {"title": "Catch up"}),
    ("change the location to Dubbo", {"location": "Dubbo"}),
    ("it's at the Orange clinic", {"location": "Orange clinic"}),
    ("remind me 30 minutes before", {"reminder_minutes": 30}),
    ("add a reminder an hour before", {"reminder_minutes": 60}),
    ("set a reminder for 2 hours before it", {"reminder_minutes": 120}),
]


def _iso(day: str, hour: float) -> str:
    h, m = int(hour), round((hour - int(hour)) * 60)
    return f"{day}T{h:02d}:{m:02d}:00{TZ}"


def _weekday(day: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(day).strftime("%A").lower()


def corrections_battery(rng: random.Random) -> list[Conv]:
    out: list[Conv] = []
    for n, form in enumerate(AMOUNT_FIXES):
        first, amount, cat = EXPENSES[n % len(EXPENSES)]
        new = amount + rng.choice([5, 10, 12, 20])
        out.append(
            conv(
                f"fix-amount-{n:02d}",
                ["correction", "update", "follow-up", "wins"],
                [
                    turn(first, ["wins"], [call("add_expense", amount=amount)]),
                    turn(
                        form.format(v=new, o=amount), ["wins"], [call("update_expense", amount=new)]
                    ),
                ],
                {"expenses": {"count": 1, "contains": [{"amount": new, "category": cat}]}},
            )
        )
    for n, (text, cat) in enumerate(CATEGORY_FIXES):
        first, amount, _ = EXPENSES[(n + 3) % len(EXPENSES)]
        out.append(
            conv(
                f"fix-cat-{n:02d}",
                ["correction", "update", "follow-up", "wins"],
                [
                    turn(first, ["wins"], [call("add_expense", amount=amount)]),
                    turn(text, ["wins"], [call("update_expense", category=cat)]),
                ],
                {"expenses": {"count": 1, "contains": [{"amount": amount, "category": cat}]}},
            )
        )
    for n, (text, day) in enumerate(DATE_FIXES):
        first, amount, cat = EXPENSES[(n + 1) % len(EXPENSES)]
        out.append(
            conv(
                f"fix-date-{n:02d}",
                ["correction", "update", "dates", "wins"],
                [
                    turn(first, ["wins"], [call("add_expense", amount=amount)]),
                    turn(text, ["wins"], [call("update_expense", date=day)]),
                ],
                {"expenses": {"count": 1, "contains": [{"amount": amount, "date": day}]}},
            )
        )
    for n, (text, hour) in enumerate(EVENT_TIME_FIXES):
        first, title, day, old = EVENTS[n % len(EVENTS)]
        new_h = hour if hour is not None else old + 1
        shown = f"{old - 12 if old > 12 else old}"
        out.append(
            conv(
                f"fix-time-{n:02d}",
                ["correction", "update", "you"],
                [
                    turn(first, ["you"], [call("create_event", start=_iso(day, old))]),
                    turn(
                        text.format(o=shown),
                        ["you"],
                        [call("update_event", start=_iso(day, new_h))],
                    ),
                ],
                {"events": {"count": 1, "contains": [{"start": _iso(day, new_h)}]}},
            )
        )
    for n, (text, new_day) in enumerate(EVENT_DAY_FIXES):
        first, title, day, hour = EVENTS[(n + 1) % len(EVENTS)]
        if new_day == day:
            new_day = "2026-03-19"
            text = "move it to the 19th"
        out.append(
            conv(
                f"fix-day-{n:02d}",
                ["correction", "update", "dates", "you"],
                [
                    turn(first, ["you"], [call("create_event", start=_iso(day, hour))]),
                    turn(
                        text.format(d=_weekday(day)),
                        ["you"],
                        [call("update_event", start=_iso(new_day, hour))],
                    ),
                ],
                {"events": {"count": 1, "contains": [{"start": _iso(new_day, hour)}]}},
            )
        )
    for n, (text, args) in enumerate(EVENT_OTHER_FIXES):
        first, title, day, hour = EVENTS[(n + 2) % len(EVENTS)]
        out.append(
            conv(
                f"fix-event-{n:02d}",
                ["update", "follow-up", "you"],
                [
                    turn(first, ["you"], [call("create_event", start=_iso(day, hour))]),
                    turn(text, ["you"], [call("update_event", **args)]),
                ],
                {"events": {"count": 1, "contains": [{"start": _iso(day, hour), **args}]}},
            )
        )
    # kept rows, named
    kept_events = {
        "events": [
            {"title": "Dentist", "start": _iso("2026-03-12", 14)},
            {"title": "Book club", "start": _iso("2026-03-13", 18), "location": "Library"},
            {"title": "Haircut", "start": _iso("2026-03-16", 10)},
        ]
    }
    kept: list[tuple[str, str, dict[str, Any]]] = [
        ("the dentist is at 3 not 2", "Dentist", {"start": _iso("2026-03-12", 15)}),
        ("move the dentist to friday", "Dentist", {"start": _iso("2026-03-13", 14)}),
        ("dentist got moved to 4pm", "Dentist", {"start": _iso("2026-03-12", 16)}),
        ("can you push the haircut to tuesday", "Haircut", {"start": _iso("2026-03-17", 10)}),
        ("haircut's now at 11", "Haircut", {"start": _iso("2026-03-16", 11)}),
        ("rename the book club to Book chat", "Book chat", {"title": "Book chat"}),
        ("change the location of the book club to the pub", "Book club", {"location": "the pub"}),
        ("book club is at 7 now, not 6", "Book club", {"start": _iso("2026-03-13", 19)}),
        ("reschedule the dentist to wednesday 9am", "Dentist", {"start": _iso("2026-03-11", 9)}),
        ("the haircut on monday is actually at 2pm", "Haircut", {"start": _iso("2026-03-16", 14)}),
        ("bump the book club back an hour", "Book club", {"start": _iso("2026-03-13", 19)}),
        ("pls change the dentist to 1:30", "Dentist", {"start": _iso("2026-03-12", 13.5)}),
        ("move haircut to the 20th", "Haircut", {"start": _iso("2026-03-20", 10)}),
        ("Dentist thursday - now 10am", "Dentist", {"start": _iso("2026-03-12", 10)}),
        ("the book club moved to saturday", "Book club", {"start": _iso("2026-03-14", 18)}),
        ("set a reminder on the dentist an hour before", "Dentist", {"reminder_minutes": 60}),
        ("the dentist is 2:30 not 2", "Dentist", {"start": _iso("2026-03-12", 14.5)}),
        ("haircut's been moved to tuesday", "Haircut", {"start": _iso("2026-03-17", 10)}),
        (
            "change the dentist appointment to friday at 9",
            "Dentist",
            {"start": _iso("2026-03-13", 9)},
        ),
        ("rename haircut to Barber", "Barber", {"title": "Barber"}),
        ("the book club is at the cafe now", "Book club", {"location": "the cafe"}),
    ]
    for n, (text, title, args) in enumerate(kept):
        out.append(
            conv(
                f"kept-event-{n:02d}",
                ["update", "correction", "you"],
                [turn(text, ["you"], [call("update_event", **args)])],
                {"events": {"count": 3, "contains": [{"title": title, **args}]}},
                kept_events,
            )
        )
    kept_exp = {
        "expenses": [
            {"amount": 45, "category": "shopping", "description": "Bunnings", "date": "2026-03-09"},
            {
                "amount": 80,
                "category": "shopping",
                "description": "awning repair",
                "date": "2026-03-08",
            },
            {
                "amount": 22.5,
                "category": "food",
                "description": "fish and chips",
                "date": "2026-03-09",
            },
        ]
    }
    kept_e: list[tuple[str, dict[str, Any], float]] = [
        ("change the 45 at Bunnings to 54", {"amount": 54}, 54),
        ("the 80 one should be repairs", {"category": "repairs"}, 80),
        ("the fish and chips was actually 25.50", {"amount": 25.5}, 25.5),
        ("the awning repair should be under repairs not shopping", {"category": "repairs"}, 80),
        ("bunnings was 54 not 45", {"amount": 54}, 54),
        ("update the fish and chips to $27", {"amount": 27}, 27),
        ("fix the bunnings expense, it was on sunday", {"date": "2026-03-08"}, 45),
        ("change the category of the 80 dollar one to repairs", {"category": "repairs"}, 80),
    ]
    for n, (text, args, kept_amount) in enumerate(kept_e):
        out.append(
            conv(
                f"kept-exp-{n:02d}",
                ["update", "correction", "wins"],
                [turn(text, ["wins"], [call("update_expense", **args)])],
                {"expenses": {"count": 3, "contains": [{"amount": kept_amount, **args}]}},
                kept_exp,
            )
        )
    return out


# ---------------------------------------------------------------- shopping list
ADD_FORMS = [
    ("add milk to the shopping list", ["milk"]),
    ("we need milk and bread", ["milk", "bread"]),
    ("chuck eggs on the list", ["eggs"]),
    ("put sunscreen on the shopping list", ["sunscreen"]),
    ("out of coffee, add it to the list", ["coffee"]),
    ("shopping list: milk, eggs, bread", ["milk", "eggs", "bread"]),
    ("can u add tomato sauce to my list", ["tomato sauce"]),
    ("don't let me forget batteries - shopping list", ["batteries"]),
    ("need bin bags and matches, put them on the list", ["bin bags", "matches"]),
    ("pop dog food on the shopping list", ["dog food"]),
    ("add toilet paper to the shoppin list", ["toilet paper"]),
    ("grab onions next shop - add to list", ["onions"]),
    ("list: butter, cheese", ["butter", "cheese"]),
    ("could you add sausages to the shopping", ["sausages"]),
    ("we're low on rice, stick it on the list", ["rice"]),
    ("add 2L milk and a dozen eggs to the list", ["2L milk", "a dozen eggs"]),
    ("new items for the shopping list: apples, bananas", ["apples", "bananas"]),
    ("remind me to buy gas mantles — on the list pls", ["gas mantles"]),
    ("put insect repellent on our shopping list", ["insect repellent"]),
    ("shopping: bread", ["bread"]),
    ("add to shopping list - tea bags", ["tea bags"]),
    ("i need to get cable ties, add them", ["cable ties"]),
    ("we're out of milk", ["milk"]),
    ("stick bread on the list", ["bread"]),
    ("add chops to the shopping list for the bbq", ["chops"]),
    ("can you put lemons on the list?", ["lemons"]),
    ("shopping list add: gas bottle, ice", ["gas bottle", "ice"]),
    ("need more dishwashing liquid on the list", ["dishwashing liquid"]),
    ("write down firelighters on the shopping list", ["firelighters"]),
    ("add eggs, bacon and tomatoes to shopping", ["eggs", "bacon", "tomatoes"]),
]
CHECK_FORMS = [
    "what's on the shopping list",
    "read me the list",
    "do we need anything from the shops?",
    "is milk on the list?",
    "show shopping list",
    "whats on my list for the shops",
    "what do I need to buy",
    "have I got bread on the list?",
    "shopping list pls",
    "what's left to buy?",
]
REMOVE_FORMS = [
    "take milk off the shopping list",
    "remove the bread from the list",
    "cross milk off the shopping list",
    "got the bread, tick it off the shopping list",
    "delete eggs from the shopping list",
    "we don't need milk anymore, take it off the list",
    "clear the shopping list",
    "mark bread as bought",
]
MORE_FORMS = [
    ("and eggs", ["eggs"]),
    ("oh and bread too", ["bread"]),
    ("also cheese", ["cheese"]),
    ("plus some apples", ["apples"]),
    ("and sugar pls", ["sugar"]),
    ("add butter as well", ["butter"]),
]


def shopping_battery(rng: random.Random) -> list[Conv]:
    out: list[Conv] = []
    for n, (text, items) in enumerate(ADD_FORMS):
        out.append(
            conv(
                f"shop-add-{n:02d}",
                ["shopping list", "add"],
                [turn(text, ["you"], [call("add_to_shopping_list", items=items)])],
                {"shopping_list": {"count": len(items), "contains": [{"name": i} for i in items]}},
            )
        )
    fixture = {"shopping_list": [{"name": "milk"}, {"name": "bread"}, {"name": "eggs"}]}
    for n, text in enumerate(CHECK_FORMS):
        out.append(
            conv(
                f"shop-check-{n:02d}",
                ["shopping list", "check"],
                [turn(text, ["you"], [call("get_shopping_list")], reply_contains=["bread"])],
                {"shopping_list": {"count": 3}},
                fixture,
            )
        )
    for n, text in enumerate(REMOVE_FORMS):
        out.append(
            conv(
                f"shop-remove-{n:02d}",
                ["shopping list", "remove"],
                [turn(text, None, [])],
                {"shopping_list": {"count": 3}},
                fixture,
            )
        )
    for n, (text, items) in enumerate(MORE_FORMS):
        first, first_items = ADD_FORMS[n * 2]
        out.append(
            conv(
                f"shop-more-{n:02d}",
                ["shopping list", "follow-up"],
                [
                    turn(first, ["you"], [call("add_to_shopping_list", items=first_items)]),
                    turn(text, ["you"], [call("add_to_shopping_list", items=items)]),
                ],
                {"shopping_list": {"count": len(first_items) + len(items)}},
            )
        )
    return out


# ---------------------------------------------------------------- vehicles
ADD_VEHICLE: list[tuple[str, dict[str, Any]]] = [
    (
        "add a vehicle called Troopy, 2012 Toyota Land Cruiser, diesel",
        {"name": "Troopy", "make": "Toyota", "year": 2012, "fuel_type": "diesel"},
    ),
    (
        "we've got a new car, a 2020 Ford Ranger, call it Ranger",
        {"name": "Ranger", "make": "Ford", "year": 2020},
    ),
    (
        "add my ute: 2019 Isuzu D-Max, diesel, 80 litre tank, name it Dmax",
        {"name": "Dmax", "make": "Isuzu", "year": 2019, "fuel_type": "diesel", "tank_litres": 80},
    ),
    (
        "new vehicle - Bessie, a 2015 Ford Transit, uses about 12 l/100km",
        {"name": "Bessie", "make": "Ford", "consumption_l_per_100km": 12},
    ),
    (
        "can you add our motorhome? It's called Dolly, 2016 Fiat Ducato, diesel",
        {"name": "Dolly", "make": "Fiat", "year": 2016, "fuel_type": "diesel"},
    ),
    (
        "set up the Prado as a vehicle, petrol, 87L tank",
        {"name": "Prado", "fuel_type": "petrol", "tank_litres": 87},
    ),
    (
        "add vehicle: name Blue, Mitsubishi Pajero 2008, diesel",
        {"name": "Blue", "make": "Mitsubishi", "year": 2008},
    ),
    (
        "register my car - Tesla Model 3 2022, electric, call it Sparky",
        {"name": "Sparky", "make": "Tesla", "year": 2022, "fuel_type": "electric"},
    ),
    (
        "i just bought a 2021 hilux, diesel. call her Hilda",
        {"name": "Hilda", "year": 2021, "fuel_type": "diesel"},
    ),
    ("add the Jayco to my vehicles", {"name": "Jayco"}),
    (
        "please add a vehicle named Big Red, Nissan Patrol, 2005, 14.5 litres per 100",
        {"name": "Big Red", "make": "Nissan", "year": 2005, "consumption_l_per_100km": 14.5},
    ),
    (
        "our tow car is a 2018 VW Amarok called Rocky, diesel, add it",
        {"name": "Rocky", "year": 2018, "fuel_type": "diesel"},
    ),
    (
        "save my van: Sprinter, 2017 Mercedes, diesel, 75L tank",
        {"name": "Sprinter", "year": 2017, "tank_litres": 75},
    ),
    (
        "add a car - Corolla, petrol, 6.5 l/100km",
        {"name": "Corolla", "fuel_type": "petrol", "consumption_l_per_100km": 6.5},
    ),
]
LIST_VEHICLES = [
    "what vehicles have I got?",
    "which car is my default?",
    "show my vehicles",
    "list my cars",
    "what's my default vehicle",
    "which vehicles are saved?",
]
NO_TOOL_VEHICLE = [
    "make the Hilux my default",
    "set Troopy as the default vehicle",
    "the odo on the hilux is 123,400 now",
    "update the hilux odometer to 98,500",
    "change the Troopy's tank to 180 litres",
    "switch my default to the Troopy",
]
FUEL_WITH_ODO: list[tuple[str, dict[str, Any]]] = [
    (
        "filled the hilux, 60L for $120, odo 123,400",
        {"litres": 60, "odometer_km": 123400, "vehicle": "Hilux"},
    ),
    (
        "troopy: 85 litres, 170 bucks, odometer 245,100",
        {"litres": 85, "odometer_km": 245100, "vehicle": "Troopy"},
    ),
    (
        "put 55L in the Troopy at 1.95 a litre, odo's on 245,600",
        {"litres": 55, "odometer_km": 245600, "vehicle": "Troopy"},
    ),
    (
        "diesel for the hilux 70 litres $140.50 at 123,900 km",
        {"litres": 70, "odometer_km": 123900, "vehicle": "Hilux"},
    ),
]


def vehicles_battery(rng: random.Random) -> list[Conv]:
    out: list[Conv] = []
    for n, (text, args) in enumerate(ADD_VEHICLE):
        out.append(
            conv(
                f"veh-add-{n:02d}",
                ["vehicle", "add_vehicle"],
                [turn(text, ["wheels"], [call("add_vehicle", **args)])],
                {"vehicles": {"count": 1, "contains": [{"name": args["name"]}]}},
            )
        )
    two = {
        "vehicles": [
            {
                "name": "Hilux",
                "make": "Toyota",
                "fuel_type": "diesel",
                "consumption_l_per_100km": 11,
            },
            {
                "name": "Troopy",
                "make": "Toyota",
                "fuel_type": "diesel",
                "consumption_l_per_100km": 13.5,
            },
        ]
    }
    for n, text in enumerate(LIST_VEHICLES):
        out.append(
            conv(
                f"veh-list-{n:02d}",
                ["vehicle", "list_vehicles"],
                [turn(text, ["wheels"], [call("list_vehicles")], reply_contains=["Hilux"])],
                {"vehicles": {"count": 2}},
                two,
            )
        )
    for n, text in enumerate(NO_TOOL_VEHICLE):
        out.append(
            conv(
                f"veh-none-{n:02d}",
                ["vehicle", "update"],
                [turn(text, None, [])],
                {"vehicles": {"count": 2}, "fuel_logs": {"count": 0}, "maintenance": {"count": 0}},
                two,
            )
        )
    for n, (text, args) in enumerate(FUEL_WITH_ODO):
        out.append(
            conv(
                f"veh-fuel-{n:02d}",
                ["vehicle", "log_fuel"],
                [turn(text, ["wheels"], [call("log_fuel", **args)])],
                {"fuel_logs": {"count": 1}},
                two,
            )
        )
    # a second vehicle added after the first
    second = [
        ("add another one: the Jayco, a 2015 caravan", "Jayco"),
        ("we also have a Hilux, add it too", "Hilux2"),
    ]
    for n, (text, name) in enumerate(second):
        if name == "Hilux2":
            text, name = "we also have a Prado, add that too", "Prado"
        out.append(
            conv(
                f"veh-second-{n:02d}",
                ["vehicle", "add_vehicle", "follow-up"],
                [
                    turn(
                        "add my car, a 2019 Toyota Hilux called Hilux, diesel",
                        ["wheels"],
                        [call("add_vehicle", name="Hilux")],
                    ),
                    turn(text, ["wheels"], [call("add_vehicle", name=name)]),
                ],
                {"vehicles": {"count": 2}},
            )
        )
    return out


def build() -> list[Conv]:
    rng = random.Random(14)  # noqa: S311 (a fixed battery, no secret)
    convs = (
        tasks_battery(rng)
        + places_battery(rng)
        + corrections_battery(rng)
        + shopping_battery(rng)
        + vehicles_battery(rng)
    )
    return convs


def main() -> None:
    write_halves(build(), SPLIT_SEED, HERE, "acts14")


if __name__ == "__main__":
    main()
