"""A battery of multi-turn conversations where a later turn leans on an earlier one
(branch i15-dialogue14). `python -m evals.batteries.dialogue14` writes
`evals/batteries/dialogue14_a.jsonl` (the half tuned on) and `dialogue14_b.jsonl` (the half
kept apart while fixing), split by `SPLIT_SEED` over the conversation ids.

Written from the public contract (evals/CONTRACT.md, the tool catalogue) and how people
talk, not from any eval set. Expectations follow the contract strictly: a follow-up keeps
the previous turn's action and the filters it does not change; a new request inherits
nothing; dates are worked out here from `now` in its zone (zoneinfo), never from the brain.
Families (the id's prefix): `per` a period changed, `cat` a category changed, `veh` a
vehicle changed, `wx` a place changed, `there` the place just named, `row` a listed row
pointed at, `ask` a question over the rows just shown, `grp` the group just shown, `it` the
vehicle just named, `appr` an approval answered in words or declined then asked again,
`switch` a new request that must not inherit, `cross` a follow-up in another domain, `day`
the day just named, `bud` a budget said again for another category.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from evals.batteries.turns import call, turn

SEED = 14
SPLIT_SEED = "dialogue14-split"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Now:
    iso: str
    zone: str

    @property
    def dt(self) -> datetime:
        return datetime.fromisoformat(self.iso).astimezone(ZoneInfo(self.zone))

    @property
    def today(self) -> date:
        return self.dt.date()

    def at(self, day: date, hour: int, minute: int = 0) -> str:
        return datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(self.zone)
        ).isoformat()


NOWS = [
    Now("2026-05-13T09:00:00+10:00", "Australia/Brisbane"),  # a Wednesday
    Now("2026-08-20T18:30:00+08:00", "Australia/Perth"),  # a Thursday
    Now("2026-11-03T08:15:00+11:00", "Australia/Sydney"),  # a Tuesday (daylight time)
    Now("2026-07-07T12:00:00+09:30", "Australia/Darwin"),  # a Tuesday
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def month_range(day: date, back: int) -> tuple[str, str]:
    y, m = day.year, day.month - back
    while m < 1:
        y, m = y - 1, m + 12
    start = date(y, m, 1)
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return start.isoformat(), (nxt - timedelta(days=1)).isoformat()


def next_weekday(today: date, name: str) -> date:
    """The coming <weekday> (never today)."""
    ahead = (WEEKDAYS.index(name) - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def convo(
    cid: str,
    now: Now,
    turns: list[dict[str, Any]],
    *,
    fixtures: dict[str, Any] | None = None,
    final: dict[str, Any] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"d14-{cid}",
        "tags": ["dialogue14", cid.split("-")[0]],
        "now": now.iso,
        "profile": {"timezone": now.zone, "currency": "AUD"},
        "fixtures": fixtures or {},
        "turns": turns,
    }
    if final:
        out["final_state"] = final
    return out


def ordinal(n: int) -> str:
    tail = "th" if 10 < n % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{tail}"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:24]


# --- families ------------------------------------------------------------------------------

SUMMARY_T1 = {
    "this_month": [
        "how much have we spent this month?",
        "what's our spending looking like this month",
        "give me a rundown of this month's spending",
    ],
    "last_month": [
        "what did we spend last month all up?",
        "how much went out last month",
        "summary of last month's spending please",
    ],
    "last_week": [
        "how much did I spend last week?",
        "what did last week cost us",
        "break down last week's spending for me",
    ],
}
SUMMARY_T2 = {  # (words, what they change to: a period name or "month-2")
    "this_month": [
        ("and last month?", "last_month"),
        ("what about the month before?", "last_month"),
        ("how about this week", "this_week"),
        ("same for this year", "this_year"),
    ],
    "last_month": [
        ("and the month before that?", "month-2"),
        ("what about this month so far?", "this_month"),
        ("ok and last week", "last_week"),
        ("how about the year so far", "this_year"),
    ],
    "last_week": [
        ("and this week?", "this_week"),
        ("what about last month", "last_month"),
        ("and this month so far?", "this_month"),
    ],
}


def per(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for now in NOWS:
        for p1, t1s in SUMMARY_T1.items():
            for words, p2 in SUMMARY_T2[p1]:
                t1 = rng.choice(t1s)
                if p2 == "month-2":
                    s, e = month_range(now.today, 2)
                    args2 = {"start_date": s, "end_date": e}
                else:
                    args2 = {"period": p2}
                out.append(
                    convo(
                        f"per-{p1}-{slug(words)}-{now.today:%m}",
                        now,
                        [
                            turn(t1, ["wins"], [call("spending_summary", period=p1)]),
                            turn(words, ["wins"], [call("spending_summary", **args2)]),
                        ],
                    )
                )
    return out


CATS = [
    ("fuel", "fuel"),
    ("groceries", "groceries"),
    ("food", "eating out"),
    ("camping", "camping fees"),
    ("entertainment", "entertainment"),
    ("maintenance", "servicing"),
]
CAT_T1 = [
    "show me what I spent on {w} last month",
    "list my {w} expenses for last month",
    "what went on {w} last month?",
]
CAT_T2 = ["and {w}?", "same for {w}", "what about {w}", "ok now {w}", "how about {w} then?"]
CAT_WORD2 = {
    "fuel": "fuel",
    "groceries": "groceries",
    "food": "food",
    "camping": "camping",
    "entertainment": "entertainment",
    "maintenance": "maintenance",
}


def cat(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(22):
        now = NOWS[i % len(NOWS)]
        (c1, w1), (c2, _) = rng.sample(CATS, 2)
        s, e = month_range(now.today, 1)
        t2 = rng.choice(CAT_T2).format(w=CAT_WORD2[c2])
        turns = [
            turn(
                rng.choice(CAT_T1).format(w=w1),
                ["wins"],
                [call("list_expenses", category=c1, start_date=s, end_date=e)],
            ),
            turn(t2, ["wins"], [call("list_expenses", category=c2, start_date=s, end_date=e)]),
        ]
        if i % 2 == 0:  # a third turn: the month before, keeping the second's category
            s2, e2 = month_range(now.today, 2)
            turns.append(
                turn(
                    rng.choice(
                        [
                            "and the month before?",
                            "what about the month before that",
                            "and the one before?",
                        ]
                    ),
                    ["wins"],
                    [call("list_expenses", category=c2, start_date=s2, end_date=e2)],
                )
            )
        out.append(convo(f"cat-{c1}-{c2}-{i}", now, turns))
    return out


VEHICLES = [
    ("Troopy", "Toyota", "Troopcarrier", "diesel"),
    ("Hilux", "Toyota", "Hilux", "diesel"),
    ("Pajero", "Mitsubishi", "Pajero", "diesel"),
    ("Bessie", "Ford", "Transit", "diesel"),
    ("Ranger", "Ford", "Ranger", "diesel"),
    ("Gerty", "Isuzu", "MU-X", "diesel"),
]
VEH_T1 = [
    "how's the {v} going on fuel?",
    "fuel figures for the {v} please",
    "what's the {v} been using?",
    "show me fuel stats for the {v}",
]
VEH_T2 = [
    "and the {v}?",
    "what about the {v}",
    "same for the {v}",
    "now the {v}",
    "how about the {v}?",
]


def _vehicle_rows(names: list[str]) -> list[dict[str, Any]]:
    rows = []
    for n in names:
        v = next(x for x in VEHICLES if x[0] == n)
        rows.append({"name": v[0], "make": v[1], "model": v[2], "fuel_type": v[3]})
    return rows


def veh(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(16):
        now = NOWS[i % len(NOWS)]
        a, b = rng.sample([v[0] for v in VEHICLES], 2)
        out.append(
            convo(
                f"veh-{slug(a)}-{slug(b)}-{i}",
                now,
                [
                    turn(
                        rng.choice(VEH_T1).format(v=a), ["wheels"], [call("fuel_stats", vehicle=a)]
                    ),
                    turn(
                        rng.choice(VEH_T2).format(v=b), ["wheels"], [call("fuel_stats", vehicle=b)]
                    ),
                ],
                fixtures={"vehicles": _vehicle_rows([a, b])},
            )
        )
    return out


TOWNS = [
    "Broome",
    "Derby",
    "Kununurra",
    "Katherine",
    "Tennant Creek",
    "Alice Springs",
    "Mildura",
    "Hay",
    "Bourke",
    "Cobar",
    "Longreach",
    "Winton",
    "Ceduna",
    "Esperance",
    "Exmouth",
    "Carnarvon",
    "Mount Isa",
    "Dubbo",
]
WX_T1 = [
    ("what's the weather doing in {t}?", None),
    ("forecast for {t} for the next 3 days", 3),
    ("is it going to rain in {t} this week", None),
    ("weather in {t} over the next 5 days?", 5),
]
WX_T2 = [
    "and {t}?",
    "what about {t}",
    "how about up at {t}?",
    "same for {t}",
    "ok and {t} then",
    "and down in {t}?",
]


def wx(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(20):
        now = NOWS[i % len(NOWS)]
        a, b = rng.sample(TOWNS, 2)
        t1, days = rng.choice(WX_T1)
        args: dict[str, Any] = {"location": b}
        if days:
            args["days"] = days
        turns = [
            turn(t1.format(t=a), ["wheels"], [call("weather_forecast", location=a)]),
            turn(rng.choice(WX_T2).format(t=b), ["wheels"], [call("weather_forecast", **args)]),
        ]
        if i % 3 == 0:
            c = rng.choice([t for t in TOWNS if t not in (a, b)])
            turns.append(
                turn(
                    rng.choice(["and {t}", "last one, {t}?", "what about {t} too"]).format(t=c),
                    ["wheels"],
                    [call("weather_forecast", location=c)],
                )
            )
        out.append(convo(f"wx-{slug(a)}-{slug(b)}-{i}", now, turns))
    return out


TRIP_T1 = [
    "how far is it from {a} to {b}?",
    "plan a trip from {a} to {b}",
    "how long's the drive {a} to {b}",
    "how many k's from {a} to {b}?",
]
THERE_T2 = [
    ("any dump points there?", "find_places", {"kind": "dump_point"}),
    ("find me a mechanic near there", "find_places", {"kind": "mechanic"}),
    ("any good campsites around there?", "find_places", {"kind": "campsite"}),
    ("where can we get water there", "find_places", {"kind": "water"}),
    ("what's the weather going to be like there?", "weather_forecast", {}),
    ("is it gonna rain there this week", "weather_forecast", {}),
    ("weather up there for the weekend?", "weather_forecast", {}),
]
THERE_T3 = [
    ("and dump points?", {"kind": "dump_point"}),
    ("what about fuel?", {"kind": "fuel"}),
    ("and a mechanic?", {"kind": "mechanic"}),
]
PAIRS = [
    ("Darwin", "Katherine"),
    ("Broome", "Derby"),
    ("Dubbo", "Bourke"),
    ("Mildura", "Hay"),
    ("Port Augusta", "Ceduna"),
    ("Alice Springs", "Tennant Creek"),
    ("Longreach", "Winton"),
    ("Carnarvon", "Exmouth"),
    ("Kalgoorlie", "Esperance"),
    ("Cairns", "Cooktown"),
]


def there(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(24):
        now = NOWS[i % len(NOWS)]
        a, b = PAIRS[i % len(PAIRS)]
        words, tool, extra = THERE_T2[i % len(THERE_T2)]
        key = "near" if tool == "find_places" else "location"
        turns = [
            turn(
                rng.choice(TRIP_T1).format(a=a, b=b),
                ["wheels"],
                [call("plan_trip", origin=a, destination=b)],
            ),
            turn(words, ["wheels"], [call(tool, **{key: b}, **extra)]),
        ]
        if tool == "find_places" and i % 2 == 0:
            w3, e3 = rng.choice([t for t in THERE_T3 if t[1] != extra])
            turns.append(turn(w3, ["wheels"], [call("find_places", near=b, **e3)]))
        out.append(convo(f"there-{slug(b)}-{i}", now, turns))
    return out


def _events(now: Now, n: int) -> list[dict[str, Any]]:
    names = ["Dentist", "Vet for Bluey", "Haircut", "Lunch with Bev", "Physio", "Bowls with Ron"]
    tomorrow = now.today + timedelta(days=1)
    return [
        {"title": names[k], "start": now.at(tomorrow + timedelta(days=k), 10 + k)} for k in range(n)
    ]


def row(rng: random.Random) -> list[dict[str, Any]]:
    """A listed row pointed at: 'the second one', 'that one', 'the last one', 'it'."""
    out = []
    pointers = [
        ("delete the second one", 1),
        ("get rid of the first one", 0),
        ("cancel the last one", -1),
        ("bin the 2nd one", 1),
        ("scrap the top one", 0),
        ("remove the last of those", -1),
    ]
    for i in range(12):
        now = NOWS[i % len(NOWS)]
        evs = _events(now, 3)
        words, k = pointers[i % len(pointers)]
        keep = [e for j, e in enumerate(evs) if j != (k % 3)]
        last = now.today + timedelta(days=3)
        out.append(
            convo(
                f"row-events-{slug(words)}-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                "what's coming up in the next few days?",
                                "what have I got on this week",
                                "show me my calendar for the next 3 days",
                            ]
                        ),
                        ["you"],
                        [call("list_events")],
                    ),
                    turn(words, ["you"], [call("delete_event")], interrupt=True),
                    {"decisions": [{"type": "approve"}], "expect": {"interrupt": False}},
                ],
                fixtures={"events": evs},
                final={"events": {"count": 2, "contains": [{"title": e["title"]} for e in keep]}},
            )
        )
        del last
    singles = ["cancel it", "delete that one", "yeah get rid of that", "scrap that appointment"]
    for i in range(8):
        now = NOWS[i % len(NOWS)]
        ev = _events(now, 1)
        tomorrow = now.today + timedelta(days=1)
        out.append(
            convo(
                f"row-single-{slug(singles[i % 4])}-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                "what's on tomorrow?",
                                "anything on tomorrow",
                                "have I got anything tomorrow?",
                            ]
                        ),
                        ["you"],
                        [
                            call(
                                "list_events",
                                start_date=tomorrow.isoformat(),
                                end_date=tomorrow.isoformat(),
                            )
                        ],
                    ),
                    turn(singles[i % 4], ["you"], [call("delete_event")], interrupt=True),
                    {"decisions": [{"type": "approve"}], "expect": {"interrupt": False}},
                ],
                fixtures={"events": ev},
                final={"events": {"count": 0}},
            )
        )
    moves = [
        ("move it to 2pm", 14, 0),
        ("push it back to 3.30", 15, 30),
        ("can you make it 11 instead", 11, 0),
        ("shift that to 4pm", 16, 0),
    ]
    for i in range(8):
        now = NOWS[i % len(NOWS)]
        ev = _events(now, 1)
        tomorrow = now.today + timedelta(days=1)
        words, h, m = moves[i % 4]
        out.append(
            convo(
                f"row-move-{slug(words)}-{i}",
                now,
                [
                    turn(
                        rng.choice(["what's on tomorrow?", "what have I got tomorrow"]),
                        ["you"],
                        [call("list_events")],
                    ),
                    turn(words, ["you"], [call("update_event", start=now.at(tomorrow, h, m))]),
                ],
                fixtures={"events": ev},
                final={"events": {"count": 1, "contains": [{"start": now.at(tomorrow, h, m)}]}},
            )
        )
    return out


def ask(rng: random.Random) -> list[dict[str, Any]]:
    """A question over the rows just shown."""
    out = []
    qs = [
        ("how much was the biggest?", "max"),
        ("which was the most expensive one?", "max"),
        ("what's that come to all up?", "sum"),
        ("how much is that altogether?", "sum"),
        ("what was the smallest?", "min"),
        ("add those up for me", "sum"),
    ]
    for i in range(18):
        now = NOWS[i % len(NOWS)]
        amounts = rng.sample([23.4, 41.0, 57.85, 66.2, 88.9, 92.5, 104.3, 12.75], 3)
        days = [now.today - timedelta(days=d) for d in (0, 1, 2)]
        rows = [
            {"amount": a, "category": "fuel", "description": "Diesel", "date": d.isoformat()}
            for a, d in zip(amounts, days, strict=True)
        ]
        words, how = qs[i % len(qs)]
        val = {"max": max(amounts), "min": min(amounts), "sum": round(sum(amounts), 2)}[how]
        out.append(
            convo(
                f"ask-{how}-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                "show me my fuel spending from the last few days",
                                "list my fuel expenses for the last 3 days",
                                "what did I spend on fuel the last 3 days?",
                            ]
                        ),
                        ["wins"],
                        [call("list_expenses", category="fuel")],
                    ),
                    turn(words, ["wins"], reply_contains=[f"{val:.2f}"]),
                ],
                fixtures={"expenses": rows},
            )
        )
    return out


GROUPS = ["Grey Nomads", "Kimberley Crew", "Solar and 12V", "Tassie Tourers", "Nullarbor Crossers"]


def grp(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    t2s: list[tuple[str, str, dict[str, Any]]] = [
        ("join it", "join_group", {}),
        ("ok join that group", "join_group", {}),
        ("sign me up to that one", "join_group", {}),
        ("post in there: anyone heading to Uluru next week?", "create_post", {}),
        ("tell them we're at Cable Beach till Sunday", "create_post", {}),
        ("show me the latest posts there", "get_feed", {}),
    ]
    for i in range(18):
        now = NOWS[i % len(NOWS)]
        g = GROUPS[i % len(GROUPS)]
        words, tool, _ = t2s[i % len(t2s)]
        member = tool != "join_group"
        t1 = (
            rng.choice(
                ["any groups about {q}?", "find me a group for {q}", "look for {q} groups"]
            ).format(q=g.split()[0].lower())
            if tool == "join_group"
            else rng.choice(
                ["what's new in {g}?", "show me the {g} feed", "catch me up on {g}"]
            ).format(g=g)
        )
        t1call = call("list_groups") if tool == "join_group" else call("get_feed", group=g)
        fixtures = {"groups": [{"name": g, "description": f"{g} chat", "member": member}]}
        fin = None
        if tool == "create_post":
            fin = {"posts": {"count": 1}}
        out.append(
            convo(
                f"grp-{tool}-{slug(g)}-{i}",
                now,
                [
                    turn(t1, ["social"], [t1call]),
                    turn(words, ["social"], [call(tool, group=g)], interrupt=False),
                ],
                fixtures=fixtures,
                final=fin,
            )
        )
    return out


def it(rng: random.Random) -> list[dict[str, Any]]:
    """The vehicle just named, pointed at by 'it', 'her', 'that one'."""
    out = []
    t2s: list[tuple[str, str, dict[str, Any]]] = [
        ("put 60 litres in it for $118", "log_fuel", {"litres": 60, "total_cost": 118}),
        ("filled her up today, 72 L, 139.50", "log_fuel", {"litres": 72, "total_cost": 139.5}),
        ("what pressures did I last put in it?", "tyre_pressure_history", {}),
        ("log an oil change on it today, $180", "log_maintenance", {"cost": 180}),
    ]
    for i in range(16):
        now = NOWS[i % len(NOWS)]
        a, b = rng.sample([v[0] for v in VEHICLES], 2)
        words, tool, args = t2s[i % len(t2s)]
        out.append(
            convo(
                f"it-{tool}-{slug(a)}-{i}",
                now,
                [
                    turn(
                        rng.choice(VEH_T1).format(v=a), ["wheels"], [call("fuel_stats", vehicle=a)]
                    ),
                    turn(words, ["wheels"], [call(tool, vehicle=a, **args)]),
                ],
                fixtures={"vehicles": _vehicle_rows([b, a])},
            )
        )  # the other one is the default
    return out


def appr(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    posts = [
        "Cable Beach sunset tonight was unreal",
        "selling our Engel fridge, $600 ono, pick up from Renmark",
        "free firewood at the Bitter Springs campground, help yourselves",
        "the road into Purnululu is open again, take it slow",
    ]
    # a public post, changed in words to a group
    to_group = [
        "no, just send it to the {g} group instead",
        "nah, only the {g} mob",
        "actually just post it in {g}",
        "not public, put it in {g} instead",
    ]
    for i in range(12):
        now = NOWS[i % len(NOWS)]
        g = GROUPS[i % len(GROUPS)]
        text = posts[i % len(posts)]
        out.append(
            convo(
                f"appr-togroup-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                "post publicly: {p}",
                                "share with everyone: {p}",
                                "put on the public feed: {p}",
                            ]
                        ).format(p=text),
                        ["social"],
                        [call("create_post")],
                        interrupt=True,
                    ),
                    turn(
                        to_group[i % len(to_group)].format(g=g),
                        ["social"],
                        [call("create_post", group=g)],
                        interrupt=False,
                    ),
                ],
                fixtures={"groups": [{"name": g, "description": "chat", "member": True}]},
                final={"posts": {"count": 1}},
            )
        )
    # a delete answered yes in words
    yeses = ["yep go for it", "yes please", "yeah do it", "sure, delete it"]
    for i in range(8):
        now = NOWS[i % len(NOWS)]
        y = (now.today - timedelta(days=1)).isoformat()
        out.append(
            convo(
                f"appr-yes-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                "delete yesterday's $38 camping fee",
                                "get rid of the 38 dollar camping expense from yesterday",
                            ]
                        ),
                        ["wins"],
                        [call("delete_expense")],
                        interrupt=True,
                    ),
                    turn(yeses[i % 4], interrupt=False),  # the call approved is no new call,
                ],
                fixtures={
                    "expenses": [
                        {"amount": 38, "category": "camping", "date": y},
                        {"amount": 20, "category": "food", "date": y},
                    ]
                },
                final={"expenses": {"count": 1, "contains": [{"amount": 20}]}},
            )
        )
    # declined, then asked again
    agains = [
        "actually yeah, delete it",
        "on second thoughts go ahead and delete it",
        "ok fine, get rid of it after all",
        "hmm no, do delete that camping one",
    ]
    for i in range(8):
        now = NOWS[i % len(NOWS)]
        y = (now.today - timedelta(days=1)).isoformat()
        out.append(
            convo(
                f"appr-again-{i}",
                now,
                [
                    turn(
                        "delete yesterday's $38 camping fee",
                        ["wins"],
                        [call("delete_expense")],
                        interrupt=True,
                    ),
                    {"decisions": [{"type": "reject"}], "expect": {"interrupt": False}},
                    turn(agains[i % 4], ["wins"], [call("delete_expense")], interrupt=True),
                    {"decisions": [{"type": "approve"}], "expect": {"interrupt": False}},
                ],
                fixtures={
                    "expenses": [
                        {"amount": 38, "category": "camping", "date": y},
                        {"amount": 20, "category": "food", "date": y},
                    ]
                },
                final={"expenses": {"count": 1, "contains": [{"amount": 20}]}},
            )
        )
    # a public post declined in words: nothing posted
    nos = ["nah don't post that", "no leave it", "no, forget it"]
    for i in range(6):
        now = NOWS[i % len(NOWS)]
        out.append(
            convo(
                f"appr-no-{i}",
                now,
                [
                    turn(
                        "post publicly: " + posts[i % len(posts)],
                        ["social"],
                        [call("create_post")],
                        interrupt=True,
                    ),
                    turn(nos[i % 3], tools=[], interrupt=False),
                ],
                final={"posts": {"count": 0}},
            )
        )
    return out


def switch(rng: random.Random) -> list[dict[str, Any]]:
    """A new request after a read: it takes none of the read's filters."""
    out = []
    for i in range(26):
        now = NOWS[i % len(NOWS)]
        s, e = month_range(now.today, 1)
        tomorrow = now.today + timedelta(days=1)
        kind = i % 6
        if kind == 0:
            turns = [
                turn(
                    "show me my fuel expenses for last month",
                    ["wins"],
                    [call("list_expenses", category="fuel", start_date=s, end_date=e)],
                ),
                turn(
                    rng.choice(
                        ["log 45 for lunch at the bakery", "spent $45 on lunch at the pub today"]
                    ),
                    ["wins"],
                    [call("add_expense", amount=45, category="food", date=now.today.isoformat())],
                ),
            ]
            fin = {"expenses": {"count": 1, "contains": [{"amount": 45, "category": "food"}]}}
        elif kind == 1:
            turns = [
                turn(
                    "list my grocery spending last month",
                    ["wins"],
                    [call("list_expenses", category="groceries", start_date=s, end_date=e)],
                ),
                turn(
                    rng.choice(["what's on my calendar tomorrow?", "anything on tomorrow?"]),
                    ["you"],
                    [
                        call(
                            "list_events",
                            start_date=tomorrow.isoformat(),
                            end_date=tomorrow.isoformat(),
                        )
                    ],
                ),
            ]
            fin = None
        elif kind == 2:
            a, b = rng.sample(TOWNS, 2)
            turns = [
                turn(
                    f"weather in {a} for the next 3 days?",
                    ["wheels"],
                    [call("weather_forecast", location=a)],
                ),
                turn(
                    rng.choice([f"how far from {a} to {b}?", f"plan a trip from {a} to {b}"]),
                    ["wheels"],
                    [call("plan_trip", origin=a, destination=b)],
                ),
            ]
            fin = None
        elif kind == 3:
            v = rng.choice(VEHICLES)[0]
            turns = [
                turn(f"how's the {v} going on fuel?", ["wheels"], [call("fuel_stats", vehicle=v)]),
                turn(
                    rng.choice(
                        [
                            "how much did I spend on food this month",
                            "what have I spent on food this month?",
                        ]
                    ),
                    ["wins"],
                    [
                        call(
                            "list_expenses",
                            category="food",
                            start_date=month_range(now.today, 0)[0],
                        )
                    ],
                ),
            ]
            fin = None
        elif kind == 4:
            a = rng.choice(TOWNS)
            turns = [
                turn(
                    f"any free camps near {a}?",
                    ["wheels"],
                    [call("find_places", near=a, kind="campsite")],
                ),
                turn(
                    rng.choice(["spent 30 on firewood", "paid $30 for firewood"]),
                    ["wins"],
                    [call("add_expense", amount=30)],
                ),
            ]
            fin = {"expenses": {"count": 1}}
        else:
            a, b = rng.sample(TOWNS, 2)
            turns = [
                turn(
                    f"what's the weather doing in {a}?",
                    ["wheels"],
                    [call("weather_forecast", location=a)],
                ),
                turn(
                    rng.choice(
                        [
                            "remind me to call Mum tomorrow at 10",
                            "remind me tomorrow at 10 to call Mum",
                        ]
                    ),
                    ["you"],
                    [call("create_event", start=now.at(tomorrow, 10))],
                ),
            ]
            fin = {"events": {"count": 1}}
        fx = {"vehicles": _vehicle_rows([v])} if kind == 3 else {}
        out.append(convo(f"switch-{kind}-{i}", now, turns, fixtures=fx, final=fin))
    return out


def cross(rng: random.Random) -> list[dict[str, Any]]:
    """A follow-up in another domain: the trip or event just made, put elsewhere."""
    out = []
    for i in range(20):
        now = NOWS[i % len(NOWS)]
        a, b = PAIRS[i % len(PAIRS)]
        kind = i % 4
        if kind in (0, 1):
            day = now.today + timedelta(days=9)
            t1 = f"plan a trip from {a} to {b} on the {ordinal(day.day)}"
            t2 = (
                rng.choice(
                    [
                        "put that in the calendar too",
                        "stick it in my calendar as well",
                        "add it to the calendar",
                    ]
                )
                if kind == 0
                else rng.choice(
                    [
                        "put it in the calendar, we leave at 7am",
                        "add it to my calendar, leaving 7am",
                    ]
                )
            )
            start = day.isoformat() if kind == 0 else now.at(day, 7)
            out.append(
                convo(
                    f"cross-trip-cal-{kind}-{i}",
                    now,
                    [
                        turn(
                            t1,
                            ["wheels"],
                            [
                                call(
                                    "plan_trip", origin=a, destination=b, start_date=day.isoformat()
                                )
                            ],
                        ),
                        turn(t2, ["you"], [call("create_event", start=start)]),
                    ],
                    final={"events": {"count": 1}, "trips": {"count": 1}},
                )
            )
        else:
            wd = WEEKDAYS[4 if kind == 2 else 5]
            day = next_weekday(now.today, wd)
            h = 10 if kind == 2 else 14
            what = rng.choice(["dentist", "vet for Bluey", "hairdresser", "physio"])
            t1 = f"{what} on {wd} at {h if h <= 12 else h - 12}{'am' if h < 12 else 'pm'}"
            t2, minutes = rng.choice(
                [
                    ("remind me about it the day before", 1440),
                    ("remind me an hour before", 60),
                    ("can you remind me 30 mins before", 30),
                    ("give me a reminder 2 hours before", 120),
                ]
            )
            out.append(
                convo(
                    f"cross-remind-{kind}-{i}",
                    now,
                    [
                        turn(t1, ["you"], [call("create_event", start=now.at(day, h))]),
                        turn(t2, ["you"], [call("update_event", reminder_minutes=minutes)]),
                    ],
                    final={"events": {"count": 1, "contains": [{"start": now.at(day, h)}]}},
                )
            )
    return out


def day(rng: random.Random) -> list[dict[str, Any]]:
    """The day just named carried to the next turn."""
    out = []
    for i in range(16):
        now = NOWS[i % len(NOWS)]
        wd = WEEKDAYS[(now.today.weekday() + 2 + i % 3) % 7]
        d = next_weekday(now.today, wd)
        wd2 = WEEKDAYS[(WEEKDAYS.index(wd) + 1) % 7]
        d2 = next_weekday(now.today, wd2)
        t1 = rng.choice([f"what have I got on {wd}?", f"anything on {wd}?", f"what's on {wd}"])
        kind = i % 2
        if kind == 0:
            t2 = rng.choice([f"and {wd2}?", f"what about {wd2}", f"how about {wd2} then"])
            second = turn(
                t2,
                ["you"],
                [call("list_events", start_date=d2.isoformat(), end_date=d2.isoformat())],
            )
            fin = None
        else:
            t2 = rng.choice(
                [
                    "ok book the vet for 2pm that day",
                    "put lunch with Bev in at 2pm that day",
                    "add a haircut at 2pm then",
                ]
            )
            second = turn(t2, ["you"], [call("create_event", start=now.at(d, 14))])
            fin = {"events": {"count": 1, "contains": [{"start": now.at(d, 14)}]}}
        out.append(
            convo(
                f"day-{kind}-{slug(wd)}-{i}",
                now,
                [
                    turn(
                        t1,
                        ["you"],
                        [call("list_events", start_date=d.isoformat(), end_date=d.isoformat())],
                    ),
                    second,
                ],
                final=fin,
            )
        )
    return out


def bud(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(12):
        now = NOWS[i % len(NOWS)]
        (c1, _w1), (c2, _w2) = rng.sample(CATS[:5], 2)
        amt = rng.choice([300, 450, 600, 800])
        kind = i % 3
        if kind == 0:
            t2, args = (
                rng.choice([f"same for {CAT_WORD2[c2]}", f"and the same for {CAT_WORD2[c2]}"]),
                {"monthly_limit": amt},
            )
        elif kind == 1:
            t2, args = (
                rng.choice([f"and 250 for {CAT_WORD2[c2]}", f"{CAT_WORD2[c2]} 250 too"]),
                {"monthly_limit": 250},
            )
        else:
            t2, args = (
                rng.choice(
                    [f"do {CAT_WORD2[c2]} as well, 200", f"and {CAT_WORD2[c2]}, 200 a month"]
                ),
                {"monthly_limit": 200},
            )
        out.append(
            convo(
                f"bud-{kind}-{c1}-{c2}-{i}",
                now,
                [
                    turn(
                        rng.choice(
                            [
                                f"set a {amt} a month budget for {CAT_WORD2[c1]}",
                                f"budget {amt} for {CAT_WORD2[c1]} each month",
                            ]
                        ),
                        ["wins"],
                        [call("set_budget", category=c1, monthly_limit=amt)],
                    ),
                    turn(t2, ["wins"], [call("set_budget", category=c2, **args)]),
                ],
                final={"budgets": {"count": 2}},
            )
        )
    return out


FAMILIES = [per, cat, veh, wx, there, row, ask, grp, it, appr, switch, cross, day, bud]


def build() -> list[dict[str, Any]]:
    rng = random.Random(SEED)  # noqa: S311 - a fixed draw of phrasings, not a secret
    out: list[dict[str, Any]] = []
    for family in FAMILIES:
        out.extend(family(rng))
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids)), "ids must be unique"
    return out


def half(cid: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SEED}:{cid}".encode()).digest()
    return "a" if digest[0] % 2 == 0 else "b"


def main() -> None:
    convos = build()
    for part in ("a", "b"):
        rows = [c for c in convos if half(c["id"]) == part]
        with (HERE / f"dialogue14_{part}.jsonl").open("w") as fh:
            for c in rows:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
        print(part, len(rows))


if __name__ == "__main__":
    main()
