"""A generated battery of writes nobody asked for, and their look-alikes that do ask (branch
i15-writes15, issue 15's "no unrequested writes").

A write needs an explicit request. Here a write is tempting but not asked — questions about
a kind of row ("did i log the fuel yesterday?"), plans, habits, feelings, prices seen, other
people's stories, suppositions, negations, things already done and kept — and beside them
as many messages that do ask, so a gate that refuses everything fails; and messages where a
write of the wrong kind tempts (a task or an event, work on the vehicle or a purchase, a
saved place or a post, money in or out, the shopping list or the pantry). Expectations
follow the contract (/work/shared/spec/TOOLS.md, evals/CONTRACT.md) and the tuning set's
conventions ("remind me to X on <day>" is an event at 9:00, with no day a task; a report of
money spent is logged): a statement expects `"tools": []`, a question the tool that reads
its rows, and every conversation's final state says which tables must stay as they were.

    uv run python -m evals.batteries.writes15     # writes writes15_tune.jsonl, writes15_held.jsonl

The split into halves is by a fixed seed over the conversation ids, made once before any
brain change: `tune` is read to find mechanisms, `held` is only scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.batteries.halves import write_halves
from evals.batteries.turns import call, conversation, turn

HERE = Path(__file__).parent
NOW = "2026-03-10T09:00:00+11:00"  # a Tuesday in Sydney
PROFILE = {"timezone": "Australia/Sydney", "currency": "AUD"}
SPLIT_SEED = 1515

Conv = dict[str, Any]

# The tables a write of each tool adds to (what must stay as it was when nothing is asked).
TABLE = {
    "add_expense": "expenses", "add_income": "incomes", "set_budget": "budgets",
    "add_vehicle": "vehicles", "log_fuel": "fuel_logs", "log_maintenance": "maintenance",
    "log_tyre_pressures": "tyre_pressures", "save_place": "places", "create_event": "events",
    "add_task": "tasks", "add_pantry_item": "pantry", "add_to_shopping_list": "shopping_list",
    "remember": "memories", "create_post": "posts", "create_group": "groups",
    "plan_trip": "trips",
}  # fmt: skip
# Tables a statement about money, the calendar or jobs might be wrongly written to.
WATCHED = ("expenses", "incomes", "events", "tasks", "fuel_logs", "maintenance", "places",
           "posts", "shopping_list", "pantry", "budgets", "trips", "memories",
           "tyre_pressures")  # fmt: skip

VEHICLE = {"name": "Troopy", "make": "Toyota", "model": "LandCruiser", "fuel_type": "diesel"}
GROUP = {"name": "Harvest Trail Workers", "description": "fruit picking work"}


def conv(
    cid: str,
    tags: list[str],
    turns: list[dict[str, Any]],
    final: dict[str, Any] | None = None,
    fixtures: dict[str, Any] | None = None,
) -> Conv:
    return conversation(
        f"writes15-{cid}", tags, turns, now=NOW, profile=PROFILE, final=final, fixtures=fixtures
    )


def unchanged(
    fixtures: dict[str, Any] | None, *, but: dict[str, int] | None = None
) -> dict[str, Any]:
    """Every watched table's count as the fixtures left it, except the ones in `but`."""
    fixtures = fixtures or {}
    out = {t: {"count": len(fixtures.get(t, []))} for t in WATCHED}
    # (a fill kept as a fixture wrote its fuel expense too)
    out["expenses"]["count"] += len(fixtures.get("fuel_logs", []))
    for table, added in (but or {}).items():
        out[table] = {
            "count": out.get(table, {"count": len(fixtures.get(table, []))})["count"] + added
        }
    return out


# Writes whose one message may keep several rows ("jobs: defrost the fridge, clean the
# filters"): their table's count is not asserted.
LISTED = {"add_to_shopping_list", "add_task", "add_pantry_item"}


def written(fixtures: dict[str, Any], tool: str) -> dict[str, Any]:
    """The final state after one write of `tool`: its row added (a fill writes its fuel
    expense too; work on the vehicle with a cost writes its own, so expenses are not
    asserted), every other watched table unchanged."""
    if tool == "join_group":
        return unchanged(fixtures)
    final = unchanged(
        fixtures, but={TABLE[tool]: 1, **({"expenses": 1} if tool == "log_fuel" else {})}
    )
    if tool == "log_maintenance":
        final.pop("expenses")
    if tool in LISTED:
        final.pop(TABLE[tool])
    return final


def asked_turns(text: str, tool: str) -> list[dict[str, Any]]:
    """The turn that asks for `tool`; a public post waits for approval, which is given."""
    first = turn(text, tools=[call(tool)])
    if tool != "create_post" or "harvest trail" in text:
        return [first]
    first["expect"]["interrupt"] = True
    return [first, {"decisions": [{"type": "approve"}], "expect": {}}]


def fixtures_for(tool: str) -> dict[str, Any]:
    """A vehicle, and a group the user is in (not yet, when the request is to join it)."""
    return {"vehicles": [VEHICLE], "groups": [{**GROUP, "member": tool != "join_group"}]}


# ---------------------------------------------------------------- questions about kept rows
# (reading tool, table, fixture rows, questions whether such a row was kept)
QUESTIONS: list[tuple[str, str, list[dict[str, Any]], list[str]]] = [
    (
        "fuel_stats",
        "fuel_logs",
        [{"litres": 62, "total_cost": 131.5, "date": "2026-03-09"}],
        [
            "did i log the fuel yesterday?",
            "did we put in the diesel from roma",
            "have i logged that fill at the shell yet",
            "hey did the fuel from monday get recorded?",
            "fuel from yesterday, logged or not?",
            "was the diesel fill put in",
            "i logged the fuel already didnt i",
            "cant remember - did i log the last fill up?",
        ],
    ),
    (
        "list_expenses",
        "expenses",
        [{"amount": 45, "category": "camping", "description": "Dubbo site", "date": "2026-03-09"}],
        [
            "did i put the campsite in, the 45 one?",
            "have we logged the pub dinner",
            "was the 120 for the esky recorded??",
            "did the vet bill go in yesterday",
            "the groceries from woolies, did they get logged?",
            "did i ever add the parking fine",
            "did we log lunch at the bakery or no",
            "have i put the laundromat money in yet",
            "any record of the tolls from sunday?",
            "is the 60 for firewood logged",
            "the rego payment's in there already?",
        ],
    ),
    (
        "list_events",
        "events",
        [{"title": "Dentist", "start": "2026-03-12T14:00:00+11:00"}],
        [
            "did i put the dentist in the calendar?",
            "is the vet on friday in my diary",
            "have i booked in the service for thursday?",
            "did we add the markets saturday",
            "is dinner with bev and col in the calendar already",
            "the haircut on the 14th, did that go in?",
            "did i pop the physio in for next week",
        ],
    ),
    (
        "list_tasks",
        "tasks",
        [{"title": "Refill the gas bottles"}],
        [
            "did i add the gas bottles to my jobs?",
            "is cleaning the solar panels on my todo list",
            "have i got renewing the rego as a task?",
            "did the awning strap go on the jobs list",
            "was ringing the insurance added as a task or not",
            "did i already make a to do for the water filter",
        ],
    ),
    (
        "get_shopping_list",
        "shopping_list",
        [{"name": "milk"}, {"name": "bread"}],
        [
            "is milk on the shopping list?",
            "did i put eggs on the list",
            "have we got bread on the list already",
            "did the dog food get added to the shopping?",
            "teabags on the list yet?",
        ],
    ),
    (
        "list_pantry",
        "pantry",
        [{"name": "rice", "quantity": 1, "unit": "kg"}],
        [
            "have we got any rice left",
            "is there still mince in the freezer?",
            "did i add the eggs to the pantry",
            "any tinned tomatoes in the cupboard?",
        ],
    ),
    (
        "budget_status",
        "budgets",
        [{"category": "fuel", "monthly_limit": 600}],
        [
            "did i set a fuel budget?",
            "have we got a budget for eating out",
            "is there a limit on groceries already?",
            "did we ever put a cap on camping",
        ],
    ),
    (
        "find_places",
        "places",
        [{"name": "Ponto Falls", "location": "Wellington", "kind": "campsite"}],
        [
            "did i save that free camp near dubbo?",
            "have i got the dump point in longreach saved",
            "is the water tap at barcaldine in my places?",
            "did the mechanic in mt isa get saved",
        ],
    ),
    (
        "get_feed",
        "posts",
        [],
        [
            "did my post about the road closure go up?",
            "have i posted about the flood yet",
            "did anyone comment on my post",
        ],
    ),
    (
        "spending_summary",
        "incomes",
        [{"amount": 500, "source": "Bar work", "date": "2026-03-02"}],
        [
            "did i log the pay from the bar work?",
            "has the harvest money gone in",
            "did i record the 850 from picking?",
        ],
    ),
    (
        "tyre_pressure_history",
        "tyre_pressures",
        [],
        [
            "did i log the tyre pressures this morning?",
            "have i put the tyres in yet",
            "tyre readings from yesterday, did they save?",
        ],
    ),
    (
        "list_vehicles",
        "vehicles",
        [VEHICLE],
        [
            "have i added the jayco already?",
            "is the troopy in my vehicles",
            "did the van get added",
        ],
    ),
]


def questions_battery() -> list[Conv]:
    out: list[Conv] = []
    for tool, table, rows, texts in QUESTIONS:
        for n, text in enumerate(texts):
            fixtures: dict[str, Any] = {table: rows} if rows else {}
            if table == "fuel_logs":
                fixtures["vehicles"] = [VEHICLE]
            out.append(
                conv(
                    f"q-{table}-{n:02d}",
                    ["question", "no write"],
                    [turn(text, tools=[call(tool)])],
                    unchanged(fixtures),
                    fixtures,
                )
            )
    return out


# ---------------------------------------------------------------- told, not asked
TOLD: dict[str, list[str]] = {
    "plan": [
        "we might hit the markets saturday",
        "thinking of getting the van serviced in dubbo next week",
        "probably gonna grab a new esky at some stage",
        "planning to fill up in roma tmrw",
        "might join the grey nomads group one day",
        "we'll prob see the dentist when we're back in brissie",
        "hoping to catch up with bev and col on the weekend",
        "reckon we'll stay 3 more nights here, maybe 4",
        "the plan is to be in broome by easter",
        "gonna have to replace the battery eventually",
    ],
    "habit": [
        "we always fill up at the cheapest servo in town",
        "usually spend about 60 a week on groceries",
        "most nights we just cook in the van",
        "we tend to book sites a day ahead",
        "every time we hit a big town we stock up at aldi",
        "normally the tyres sit on 38 cold",
        "i check the oil every monday morning",
        "we go through a gas bottle a month in winter",
    ],
    "feeling": [
        "so sick of paying 50 a night for sites",
        "gutted the new esky was so dear",
        "loving the new awning, best buy ever",
        "the fridge is doing my head in",
        "rego is such a rip off in this state",
        "bit worried about the bearings tbh",
        "ugh groceries up here are insane",
    ],
    "price": [
        "unleaded 2.05 at the shell in longreach",
        "sites at the big4 are 65 a night now",
        "bread's 7 bucks a loaf up here",
        "the ferry to kangaroo island is like 500 return yikes",
        "diesel was 2.29 at the roadhouse",
        "the servo in coober pedy wants 2.60 a litre lol",
        "powered sites going for 48 at the showgrounds",
    ],
    "others": [
        "my brother just bought a new jayco for 90k",
        "the couple next door paid 300 for a new battery",
        "bev from the group got her tyres done in mt isa",
        "a bloke at the servo said the birdsville road is shut",
        "my mate reckons i should join the harvest trail mob",
        "the neighbours had their van serviced yesterday",
        "our friends spent 2 grand on solar last month",
        "some guy at the park posted heaps about the flood",
    ],
    "supposed": [
        "if we'd filled up in cloncurry we'd have saved heaps",
        "imagine paying 80 a night everywhere",
        "if the bearings go again im selling the van lol",
        "if i had a dollar for every pothole",
        "suppose we could always just camp at the river instead",
    ],
    "negation": [
        "dont log that one, it was the wife's work lunch",
        "no need to put the dentist in the calendar, i'll remember",
        "dont add bread to the list we've got heaps",
        "didn't fill up in hay, too dear",
        "we didnt end up buying the generator",
        "havent paid the rego yet",
        "don't save the campsite, it was a dump",
        "nah dont post anything about it",
        "leave the budget as it is",
    ],
    "reported": [
        "the mechanic said the service will be about 400",
        "the ranger told us the dump point at hay is closed",
        "the sign says pay 20 at the honesty box",
        "the lady at the info centre said the markets are on sunday",
        "the vet reckons bluey needs his shots next month",
    ],
    "wish": [
        "wish we'd bought the bigger fridge",
        "would love a new awning one day",
        "be nice to do a convoy with the group sometime",
        "we really should do a budget at some point",
        "i should log my fuel more often lol",
    ],
    "asks general": [
        "how much does a service usually cost for a troopy?",
        "is it worth logging every coffee",
        "should i be putting fuel in as an expense too?",
        "do people usually post about free camps on here",
        "whats a normal price for a powered site these days",
    ],
    "already": [
        "already logged the diesel earlier, all good",
        "the campsite's in already, i did it this morning",
        "i put the dentist in yesterday so we're sweet",
        "milk's already on the list",
        "the tyres are done, i logged them before",
        "sorted the expense for the ferry last night myself",
    ],
}


def told_battery() -> list[Conv]:
    out: list[Conv] = []
    for kind, texts in TOLD.items():
        for n, text in enumerate(texts):
            fixtures = {"vehicles": [VEHICLE], "groups": [GROUP]}
            out.append(
                conv(
                    f"told-{kind}-{n:02d}",
                    ["told", kind, "no write"],
                    [turn(text, tools=[])],
                    unchanged(fixtures),
                    fixtures,
                )
            )
    return out


# ---------------------------------------------------------------- look-alikes that do ask
ASKS: list[tuple[str, str, dict[str, Any]]] = [
    ("we might hit the markets saturday at 9, put it in the calendar", "create_event", {}),
    ("thinking of getting the van serviced in dubbo, add a task to book it", "add_task", {}),
    ("probably need a new esky, chuck it on the shopping list", "add_to_shopping_list", {}),
    ("planning to fill up in roma, add a task to check the tyres first", "add_task", {}),
    ("bev reckons we should join harvest trail workers, join it for me", "join_group", {}),
    (
        "we'll be back in brissie on the 20th, book the dentist for 10am that day",
        "create_event",
        {},
    ),
    ("usually spend 250 a month on groceries so set that as the grocery budget", "set_budget", {}),
    ("most nights we cook in but we ate out tonight, 65 at the pub", "add_expense", {}),
    ("we always fill at the cheapest servo, today 70 litres for 148 at the united", "log_fuel", {}),
    (
        "the tyres normally sit on 38 cold, log them at 36 all round this morning",
        "log_tyre_pressures",
        {},
    ),
    ("so sick of paying 50 a night but log it, 50 for the site in parkes", "add_expense", {}),
    ("gutted, the new esky came to 180, add it to my spending", "add_expense", {}),
    ("ugh groceries are insane up here, spent 142 at the iga", "add_expense", {}),
    ("diesel was 2.29 at the roadhouse, put in 80 litres", "log_fuel", {}),
    ("sites are 65 a night at the big4, we paid for two nights so 130", "add_expense", {}),
    (
        "my brother says the jayco forum is good, post in harvest trail workers that we are in"
        " mildura till friday",
        "create_post",
        {},
    ),
    (
        "a bloke at the servo said the road is shut, post that on the public feed for everyone",
        "create_post",
        {},
    ),
    (
        "the couple next door told us about ponto falls near wellington, save it as a campsite",
        "save_place",
        {},
    ),
    (
        "the mechanic said the service will be about 400, put it in for thursday at 8",
        "create_event",
        {},
    ),
    (
        "the ranger says the dump point's closed so remind me to empty the cassette in parkes",
        "add_task",
        {},
    ),
    ("if it stays sunny remind me to wash the van", "add_task", {}),
    ("don't log the work lunch but do log 30 for my own", "add_expense", {}),
    ("dont add bread, but pop milk on the list", "add_to_shopping_list", {}),
    ("no need for the calendar, just add a task to ring the dentist", "add_task", {}),
    ("already logged the diesel but add 20 for the car wash", "add_expense", {}),
    ("the campsite's in already, now log the 12 for showers", "add_expense", {}),
    ("paid the rego today, 780 for the troopy", "add_expense", {}),
    ("filled up at hay 65 litres 139.50", "log_fuel", {}),
    ("got the tyres done in mt isa, 4 new ones 1200 bucks", "log_maintenance", {}),
    ("join harvest trail workers pls", "join_group", {}),
    ("can u put the markets in for saturday morning", "create_event", {}),
    ("log 48 for the powered site at the showgrounds", "add_expense", {}),
    ("remember that bluey needs his shots next month", "remember", {}),
    ("add a budget of 400 a month for eating out", "set_budget", {}),
    ("stock up list: rice, pasta, tinned tomatoes", "add_to_shopping_list", {}),
    ("save the water tap at barcaldine to my places", "save_place", {}),
    ("i'd like you to log 35 for laundry", "add_expense", {}),
    ("could you note down 60 for firewood from yesterday", "add_expense", {}),
    ("pls add dentist thurs 2pm", "create_event", {}),
    ("jot down a job: grease the hitch", "add_task", {}),
    ("can you add a task for the gas bottles?", "add_task", {}),
    ("any chance you could log 22 for ice", "add_expense", {}),
    ("is it possible to save ponto falls near wellington as a campsite", "save_place", {}),
    ("we'll need milk, add it", "add_to_shopping_list", {}),
    ("put down 45 for the site pls", "add_expense", {}),
    ("we should set a fuel budget of 500", "set_budget", {}),
    ("let's put the markets in for sunday at 8", "create_event", {}),
    ("mark down the bakery in bourke as a shop in my places", "save_place", {}),
    ("i'd like to join harvest trail workers", "join_group", {}),
]


def asks_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, tool, _args) in enumerate(ASKS):
        fixtures = fixtures_for(tool)
        out.append(
            conv(
                f"asks-{n:02d}",
                ["asks", "write"],
                asked_turns(text, tool),
                written(fixtures, tool),
                fixtures,
            )
        )
    return out


# ---------------------------------------------------------------- which kind of write
KINDS: list[tuple[str, str, str]] = [  # (family, text, tool)
    # a task or an event
    ("task-event", "add a task to renew the rego by friday", "add_task"),
    ("task-event", "put the rego renewal in the calendar for friday at 10", "create_event"),
    ("task-event", "remind me to buy gas", "add_task"),
    ("task-event", "remind me to ring the vet on thursday", "create_event"),
    ("task-event", "todo: fix the awning strap", "add_task"),
    ("task-event", "need to call the bank tomorrow, stick it on the to do list", "add_task"),
    ("task-event", "physio wednesday at 11", "create_event"),
    ("task-event", "book in lunch with shaz sunday 12.30", "create_event"),
    ("task-event", "jobs: defrost the fridge, clean the filters", "add_task"),
    ("task-event", "dont let me forget to post mum's card", "add_task"),
    ("task-event", "chuck the bbq at kev's on saturday arvo in the diary", "create_event"),
    ("task-event", "new job - check the water pump, high priority", "add_task"),
    ("task-event", "pencil in the ferry for the 21st at 7am", "create_event"),
    ("task-event", "add buy a new hose to my jobs", "add_task"),
    # work on the vehicle or a purchase
    ("maint-expense", "oil change at the mechanic 180, odo 98,500", "log_maintenance"),
    ("maint-expense", "new brake pads fitted today 320", "log_maintenance"),
    ("maint-expense", "bought a new 12v fridge for 900", "add_expense"),
    ("maint-expense", "spent 120 on a new esky at bcf", "add_expense"),
    ("maint-expense", "service done at 100,000 km cost us 450", "log_maintenance"),
    ("maint-expense", "tyres rotated this arvo, 60 bucks", "log_maintenance"),
    ("maint-expense", "car insurance came out, 1,200 for the year", "add_expense"),
    ("maint-expense", "grabbed 2 jerry cans at supercheap for 60", "add_expense"),
    ("maint-expense", "had the wheel bearings repacked 220", "log_maintenance"),
    ("maint-expense", "paid 95 for a camp chair", "add_expense"),
    ("maint-expense", "replaced the fuel filter myself, 45 for the part", "log_maintenance"),
    ("maint-expense", "rego for the van 780", "add_expense"),
    # a saved place or a post
    ("place-post", "great free camp at lake cargelligo, save it as a campsite", "save_place"),
    ("place-post", "tell everyone the free camp at lake cargelligo is a ripper", "create_post"),
    ("place-post", "add the dump point in hay to my places", "save_place"),
    ("place-post", "post on the feed that the dump point in hay is shut", "create_post"),
    ("place-post", "keep the bakery in bourke in my saved spots, best pies", "save_place"),
    (
        "place-post",
        "share with the public that the bakery in bourke does the best pies",
        "create_post",
    ),
    ("place-post", "pop the water tap at winton on my map", "save_place"),
    ("place-post", "let everyone know theres drinking water at the winton tap", "create_post"),
    ("place-post", "save the mechanic in tennant creek, good bloke, rating 5", "save_place"),
    ("place-post", "post in harvest trail workers: good mechanic in tennant creek", "create_post"),
    # money in or out
    ("income-expense", "sold the old generator for 300", "add_income"),
    ("income-expense", "bought a generator for 300", "add_expense"),
    ("income-expense", "got paid 850 from the fruit picking", "add_income"),
    ("income-expense", "paid the labour hire mob a 50 fee", "add_expense"),
    ("income-expense", "mum sent us 200 for fuel money", "add_income"),
    ("income-expense", "sent mum 200 for her birthday", "add_expense"),
    ("income-expense", "house sitting paid 400 this week", "add_income"),
    ("income-expense", "we paid 400 for the house sitting insurance", "add_expense"),
    ("income-expense", "cash in hand 120 for mowing the caravan park lawns", "add_income"),
    ("income-expense", "120 for a mower service at the park, paid cash", "add_expense"),
    # the shopping list or the pantry
    ("shop-pantry", "out of eggs, add them to the shopping list", "add_to_shopping_list"),
    ("shop-pantry", "just bought 2 dozen eggs, put them in the pantry", "add_pantry_item"),
    ("shop-pantry", "need milk and bread next shop", "add_to_shopping_list"),
    ("shop-pantry", "add a kilo of mince to the pantry, use by friday", "add_pantry_item"),
    ("shop-pantry", "put coffee on the list", "add_to_shopping_list"),
    ("shop-pantry", "we've got 3 tins of beans now, add to the pantry", "add_pantry_item"),
    # a fact kept or a job
    ("memory-task", "remember the van's tyre size is 245/75r16", "remember"),
    ("memory-task", "add a task to get new tyres 245/75r16", "add_task"),
    ("memory-task", "make a note that the spare key is in the gas locker", "remember"),
    ("memory-task", "add a job to put the spare key back in the gas locker", "add_task"),
    # a fill or a money row
    ("fuel-expense", "filled up 60 litres for 125 at dubbo", "log_fuel"),
    ("fuel-expense", "spent 125 on diesel at dubbo", "add_expense"),
    ("fuel-expense", "log 55 L of unleaded, 2.05 a litre", "log_fuel"),
    ("fuel-expense", "gas bottle refill 35", "add_expense"),
]


def kinds_battery() -> list[Conv]:
    out: list[Conv] = []
    counts: dict[str, int] = {}
    for family, text, tool in KINDS:
        n = counts[family] = counts.get(family, -1) + 1
        fixtures = fixtures_for(tool)
        final = written(fixtures, tool)
        out.append(
            conv(
                f"kind-{family}-{n:02d}",
                ["kind", family],
                asked_turns(text, tool),
                final,
                fixtures,
            )
        )
    return out


# ---------------------------------------------------------------- a request beside a story
# One request with a clause that only tells: the split must not make the story a request.
BESIDE: list[tuple[str, str]] = [
    ("log 45 for the site, the people next door paid 60 for theirs", "add_expense"),
    ("add milk to the list, we usually get the big one", "add_to_shopping_list"),
    ("put the dentist in for thursday 2pm, might grab lunch after", "create_event"),
    ("filled up 70 litres 150 at roma, diesel was cheaper in mitchell", "log_fuel"),
    ("add a task to clean the panels, we always forget", "add_task"),
    ("save the free camp at gin gin as a campsite, my mate stayed there last year", "save_place"),
    ("spent 38 at the bakery, bread's 7 bucks a loaf up here", "add_expense"),
    ("book the vet for friday at 3, the neighbours reckon he's good", "create_event"),
    ("log 90 for the ferry, we might do it again on the way back", "add_expense"),
    ("chuck eggs on the list, bev says aldi has them cheap", "add_to_shopping_list"),
    ("set the fuel budget to 700, we normally go over 600", "set_budget"),
    ("remind me to grease the hitch, the bloke at the park said it squeaks", "add_task"),
    ("we paid 65 for the site tonight, the one at dubbo was 45", "add_expense"),
    ("got 200 from the markets, might do another stall next week", "add_income"),
    ("pressures 36 all round cold, they're usually 38", "log_tyre_pressures"),
    ("log the oil change 180, mechanic reckons the bearings are next", "log_maintenance"),
]


def beside_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, tool) in enumerate(BESIDE):
        fixtures = fixtures_for(tool)
        final = written(fixtures, tool)
        out.append(
            conv(f"beside-{n:02d}", ["beside", "write"], asked_turns(text, tool), final, fixtures)
        )
    return out


# ---------------------------------------------------------------- a follow-up that asks nothing
# A write, then a turn that only tells something more: no second write.
FOLLOW: list[tuple[str, str, str]] = [
    (
        "log 45 for the campsite at dubbo",
        "add_expense",
        "cheers. bit dear but the showers were hot",
    ),
    ("log 45 for the campsite at dubbo", "add_expense", "we'll probably stay another night"),
    ("spent 82 at woolies", "add_expense", "ta, the wife reckons aldi would've been cheaper"),
    (
        "filled up 60 litres 128 at hay",
        "log_fuel",
        "diesel was 2.05 in balranald, should've waited",
    ),
    (
        "put the dentist in for thursday 2pm",
        "create_event",
        "thanks, might move it if the car's not ready",
    ),
    ("add milk to the shopping list", "add_to_shopping_list", "we usually get 2 litres"),
    ("add a task to clean the panels", "add_task", "ugh i hate that job"),
    ("book dinner with bev sunday 6pm", "create_event", "she always picks the pub lol"),
    (
        "save the free camp at lake cargelligo as a campsite",
        "save_place",
        "my mate reckons the other end is quieter",
    ),
    (
        "log 120 for the tow bar fitting",
        "add_expense",
        "the bloke said it'd be 150 but did us a deal",
    ),
    (
        "got paid 850 from the fruit picking",
        "add_income",
        "might do another week if the back holds up",
    ),
    ("log 36 all round cold this morning", "log_tyre_pressures", "they felt soft yesterday"),
    ("set a fuel budget of 600 a month", "set_budget", "we spent about 700 last month"),
    ("add eggs to the list", "add_to_shopping_list", "already got bread tho"),
]


def follow_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (first, tool, then) in enumerate(FOLLOW):
        fixtures = fixtures_for(tool)
        extra = {"expenses": 1} if tool == "log_fuel" else {}
        out.append(
            conv(
                f"follow-{n:02d}",
                ["follow-up", "no write"],
                [turn(first, tools=[call(tool)]), turn(then, tools=[])],
                unchanged(fixtures, but={TABLE[tool]: 1, **extra}),
                fixtures,
            )
        )
    return out


def build() -> list[Conv]:
    convs = (
        questions_battery()
        + told_battery()
        + asks_battery()
        + kinds_battery()
        + beside_battery()
        + follow_battery()
    )
    return convs


def main() -> None:
    write_halves(build(), SPLIT_SEED, HERE, "writes15")


if __name__ == "__main__":
    main()
