"""A generated battery of argument values and spans as travellers say them (branch i15-args15).

Amounts said in words, clock times said around an hour or with a dot, the half of the day
taken from what the traveller is doing, days said relative to today, places whose name holds
a kind word, lists typed as bullets or lines, corrections of the row just written, and the
names of vehicles and groups. Every message is written for this battery; expectations come
from the public contract (/work/shared/spec/TOOLS.md, evals/CONTRACT.md) and only the
argument under test is asserted (a subset), so the battery measures values and spans.

    .venv/bin/python -m evals.batteries.args15     # writes args15_tune.jsonl, args15_held.jsonl

The split into halves is by a fixed seed over the conversation ids, made once before any
brain change: `tune` is read to find mechanisms, `held` is only scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.batteries.halves import write_halves
from evals.batteries.turns import call, conversation, turn

HERE = Path(__file__).parent
NOW = "2026-03-10T09:00:00+11:00"  # a Tuesday morning in Sydney
PROFILE = {"timezone": "Australia/Sydney", "currency": "AUD"}
TZ = "+11:00"
SPLIT_SEED = 1515
DAY = {  # the days after NOW by name
    "today": "2026-03-10",
    "tomorrow": "2026-03-11",
    "wednesday": "2026-03-11",
    "thursday": "2026-03-12",
    "friday": "2026-03-13",
    "saturday": "2026-03-14",
    "sunday": "2026-03-15",
    "monday": "2026-03-16",
}

Conv = dict[str, Any]


def conv(
    cid: str,
    tags: list[str],
    turns: list[dict[str, Any]],
    final: dict[str, Any] | None = None,
    fixtures: dict[str, Any] | None = None,
) -> Conv:
    return conversation(
        f"args15-{cid}", tags, turns, now=NOW, profile=PROFILE, final=final, fixtures=fixtures
    )


def at(day: str, hhmm: str) -> str:
    return f"{DAY[day]}T{hhmm}:00{TZ}"


# ---------------------------------------------------------------- money said in words
# (message, amount): a purchase's total said aloud or typed as it is said
SPOKEN_MONEY = [
    ("bakery run, nineteen sixty all up", 19.60),
    ("paid twenty forty five for the pies and coffee", 20.45),
    ("groceries at the IGA came to ninety eight all up", 98),
    ("woolies shop was one forty two thirty", 142.30),
    ("the camp fee was thirty two fifty", 32.50),
    ("fish and chips for two, thirty seven eighty", 37.80),
    ("dropped sixty five dollars forty on groceries", 65.40),
    ("spent a hundred and twelve fifty at coles", 112.50),
    ("bought a new esky, eighty nine ninety five", 89.95),
    ("chemist was twenty three fifty all up", 23.50),
    ("the laundromat took eleven bucks", 11),
    ("gas bottle refill nineteen ninety five", 19.95),
    ("coffee and a muffin, twelve eighty", 12.80),
    ("spent twenty ninety at the bottle-o", 20.90),
    ("dinner at the pub set us back seventy four all up", 74),
    ("new thongs, fourteen bucks fifty", 14.50),
    ("the ferry was forty two dollars", 42),
    ("ice and bait, sixteen forty", 16.40),
    ("paid two hundred and forty for the caravan park, 3 nights", 240),
    ("groceries: one hundred and five dollars twenty", 105.20),
    ("museum entry for us both, fifty four", 54),
    ("spent nineteen seventy on firewood and matches", 19.70),
    ("fuel for the genny, twenty eight forty", 28.40),
    ("picked up meds at the pharmacy, thirty one ninety", 31.90),
    ("a new tarp, forty nine ninety nine", 49.99),
    ("pizza night cost us fifty six all up", 56),
    ("the car wash was fifteen dollars", 15),
    ("spent eighty two thirty at aldi", 82.30),
    ("mozzie coils and sunscreen, twenty two all up", 22),
    ("paid nine fifty for a pie at the roadhouse", 9.50),
    ("vet bill came to one hundred sixty", 160),
    ("bought a bag of ice, six bucks", 6),
    ("breakfast at the cafe was thirty four sixty", 34.60),
    ("the markets, twenty bucks on veggies", 20),
    ("a new phone charger nineteen ninety nine", 19.99),
    ("spent ninety nine on a camp chair", 99),
    ("hardware store, sixty seven twenty for hose fittings", 67.20),
    ("takeaway thai was forty eight fifty", 48.50),
    ("paid twenty for the dump point", 20),
    ("the butcher was thirty nine all up", 39),
    ("propane top up, twenty four fifty", 24.50),
    ("bakery, eleven sixty for two pies and a vanilla slice", 11.60),
    ("hot chips and a drink, nine eighty", 9.80),
    ("spent one hundred and thirty nine on groceries today", 139),
    ("paid seventy two sixty for the laundry and showers", 72.60),
    ("new fishing rod, one hundred and nineteen all up", 119),
    ("the park at Hay was twenty eight a night, paid for one", 28),
    ("drinks at the bowlo, forty one all up", 41),
    ("grabbed a kebab, fifteen ninety", 15.90),
    ("spent two hundred and ninety nine on a new solar panel", 299),
    ("vegies at the market came to eighteen twenty", 18.20),
    ("paid sixty for the power site", 60),
    ("entry to the caves was forty four for the two of us all up", 44),
    ("the chemist, eight forty five for panadol", 8.45),
    ("paid a hundred bucks for the tour", 100),
]

# spoken money to other tools: (domain, message, tool, args)
SPOKEN_MONEY_OTHER: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "wins",
        "got paid eight hundred and fifty from the fruit picking",
        "add_income",
        {"amount": 850},
    ),
    ("wins", "sold the old bike rack for sixty five", "add_income", {"amount": 65}),
    ("wins", "set a food budget of four fifty a month", "set_budget", {"monthly_limit": 450}),
    ("wins", "budget two hundred a month for eating out", "set_budget", {"monthly_limit": 200}),
    ("wins", "earned one twenty cash for the house sit", "add_income", {"amount": 120}),
    (
        "wheels",
        "filled up, sixty two litres, one hundred and eleven dollars",
        "log_fuel",
        {"litres": 62, "total_cost": 111},
    ),
    (
        "wheels",
        "diesel fill, fifty five litres, ninety eight forty all up",
        "log_fuel",
        {"litres": 55, "total_cost": 98.40},
    ),
    (
        "wheels",
        "oil change done today, cost two hundred and twenty",
        "log_maintenance",
        {"cost": 220},
    ),
    ("wheels", "new battery for the van, three forty all up", "log_maintenance", {"cost": 340}),
    ("wins", "set the fuel budget to six hundred a month", "set_budget", {"monthly_limit": 600}),
    ("wins", "my pension came in, nine hundred and twelve forty", "add_income", {"amount": 912.40}),
    ("wins", "got three hundred for two days work on the farm", "add_income", {"amount": 300}),
    (
        "wins",
        "limit groceries to five hundred and fifty a month",
        "set_budget",
        {"monthly_limit": 550},
    ),
    ("wheels", "had the wheel bearings done, one ninety five", "log_maintenance", {"cost": 195}),
    (
        "wheels",
        "fifty litres of unleaded, ninety two sixty",
        "log_fuel",
        {"litres": 50, "total_cost": 92.60},
    ),
]


def money_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, amount) in enumerate(SPOKEN_MONEY):
        out.append(
            conv(
                f"money-{n:02d}",
                ["money", "spoken"],
                [turn(text, ["wins"], [call("add_expense", amount=amount)])],
                {"expenses": {"count": 1}},
            )
        )
    for n, (dom, text, tool, args) in enumerate(SPOKEN_MONEY_OTHER):
        out.append(
            conv(
                f"money-other-{n:02d}",
                ["money", "spoken", tool],
                [turn(text, [dom], [call(tool, **args)])],
            )
        )
    return out


# ---------------------------------------------------------------- clock times
# (message, day, HH:MM): an event put in the calendar with its time said around an hour,
# aloud, with a dot, or with the half of the day left to what is being done
CLOCK = [
    ("dentist thursday at half past three", "thursday", "15:30"),
    ("put the physio in for friday, quarter to eleven", "friday", "10:45"),
    ("vet appointment tomorrow at quarter past two", "tomorrow", "14:15"),
    ("hair cut saturday half past nine in the morning", "saturday", "09:30"),
    ("drinks with the neighbours friday at half six", "friday", "18:30"),
    ("bus tour monday at ten fifteen", "monday", "10:15"),
    ("mechanic tomorrow at eight thirty am", "tomorrow", "08:30"),
    ("skype with the grandkids sunday at seven thirty tonight", "sunday", "19:30"),
    ("boat cruise thursday 2.45pm", "thursday", "14:45"),
    ("doctors friday at 9.15", "friday", "09:15"),
    ("pick up the parcel tomorrow at 4.30", "tomorrow", "16:30"),
    ("we leave for broome at 6.30 tomorrow, put it in the calendar", "tomorrow", "06:30"),
    ("heading off at 5.45 on saturday, add that to my calendar", "saturday", "05:45"),
    ("setting off for the Flinders at 7 on friday, pop it in the diary", "friday", "07:00"),
    ("departing the park at half past six on monday, calendar it", "monday", "06:30"),
    ("hitting the road at 6.15 thursday morning, add to calendar", "thursday", "06:15"),
    ("dinner at the RSL friday at 6.30", "friday", "18:30"),
    ("trivia night at the pub thursday 7.30", "thursday", "19:30"),
    ("sunset cruise saturday at quarter to six in the evening", "saturday", "17:45"),
    ("breakfast with Lyn on sunday at 8.30", "sunday", "08:30"),
    ("tyre place tomorrow at twenty past one", "tomorrow", "13:20"),
    ("call the bank friday at ten to nine", "friday", "08:50"),
    ("swimming lesson for the kids monday at five past four", "monday", "16:05"),
    ("podiatrist on thursday at eleven fifteen", "thursday", "11:15"),
    ("dinner with Kev and Trish saturday at seven forty five", "saturday", "19:45"),
    ("early start friday, leaving at 5.30 for the gorge", "friday", "05:30"),
    ("check out of the park is tomorrow at 10.30, remind me", "tomorrow", "10:30"),
    ("the tour bus picks us up wednesday at 7.15 in the morning", "wednesday", "07:15"),
    ("book club thursday at 2 in the arvo", "thursday", "14:00"),
    ("catching the ferry saturday at 8.40", "saturday", "08:40"),
    ("optometrist friday at quarter past nine", "friday", "09:15"),
    ("bingo at the hall monday night at half seven", "monday", "19:30"),
    ("market stall setup sunday at 6.45 am", "sunday", "06:45"),
    ("flu shot tomorrow at twelve thirty", "tomorrow", "12:30"),
    ("fishing charter thursday, we need to be at the ramp by 5.30am", "thursday", "05:30"),
    ("yoga on the beach saturday at 7.30 in the morning", "saturday", "07:30"),
    ("movie night friday at eight fifteen pm", "friday", "20:15"),
    ("gas fitter coming monday between 1 and 3, put it in for 1", "monday", "13:00"),
    ("pack up and head off sunday at 9.30", "sunday", "09:30"),
    ("leaving the show grounds at 6 saturday morning", "saturday", "06:00"),
    ("massage wednesday at quarter past eleven", "wednesday", "11:15"),
    ("kids footy saturday, kick off at ten to ten", "saturday", "09:50"),
    ("pick up Sharon from the airport friday at 3.20", "friday", "15:20"),
    ("we're off to Uluru sunday, leaving at 7.15, add to the calendar", "sunday", "07:15"),
    ("council meeting about the free camp monday at 6.30 tonight", "monday", "18:30"),
    ("mum's call thursday at half past four in the afternoon", "thursday", "16:30"),
    ("gym tomorrow at 6.30 in the morning", "tomorrow", "06:30"),
    ("sundowners on saturday at 5.30", "saturday", "17:30"),
    ("quiz night friday night at 7", "friday", "19:00"),
    ("the glass bottom boat is at eleven forty five on thursday", "thursday", "11:45"),
]

# a correction of the event just made: (first message, correction, day, new HH:MM)
EVENT_FIX = [
    ("dentist thursday at 2pm", "sorry, the dentist is at 3 not 2", "thursday", "15:00"),
    ("vet friday at 10am", "make it ten fifteen", "friday", "10:15"),
    ("physio monday at 9am", "actually make that half past nine", "monday", "09:30"),
    ("lunch with Barb tomorrow at 12", "oops it's 12.30 not 12", "tomorrow", "12:30"),
    ("haircut saturday at 11am", "change it to quarter to twelve", "saturday", "11:45"),
    ("mechanic thursday 8am", "they said 8.30 instead", "thursday", "08:30"),
    ("dinner at the club friday at 6pm", "move that to seven", "friday", "19:00"),
    ("bowls sunday at 1pm", "no wait it starts at half one", "sunday", "13:30"),
    ("boat tour monday at 9am", "correction: it's at ten forty five", "monday", "10:45"),
    ("markets saturday at 8am", "actually 7.30 not 8", "saturday", "07:30"),
    ("the optician tomorrow at 3pm", "my mistake, it's at four", "tomorrow", "16:00"),
    ("campfire cook-up friday at 5pm", "push it back to quarter past five", "friday", "17:15"),
    ("church sunday at 10am", "sorry got that wrong, it's 9.30", "sunday", "09:30"),
    ("car service friday at 8am", "hang on, they said quarter past eight", "friday", "08:15"),
    (
        "pick up the caravan tomorrow at 2pm",
        "actually the caravan pick up is at 4 not 2",
        "tomorrow",
        "16:00",
    ),
]

# a correction of the expense just logged: (first message, correction, new amount)
EXPENSE_FIX = [
    ("spent 54 at the IGA on groceries", "sorry that was 45 not 54", 45),
    ("paid 30 for the campsite", "actually it was thirty five", 35),
    ("coffee 8.50", "no, make it nine fifty", 9.50),
    ("bought fuel for the genny 25", "oops, 52 not 25", 52),
    ("lunch at the bakery 18", "it was 21 actually", 21),
    ("pharmacy 42.10", "correction, 24.10", 24.10),
    ("spent 60 on firewood", "wait, only 16", 16),
    ("groceries 120", "make that one thirty", 130),
    ("paid 28 for the laundry", "typo, should be 18", 18),
    ("spent 95 at the butcher", "no it was fifty nine", 59),
    ("camp fee 42", "sorry, 24 not 42", 24),
]


def clock_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, day, hhmm) in enumerate(CLOCK):
        out.append(
            conv(
                f"clock-{n:02d}",
                ["time", "create_event"],
                [turn(text, ["you"], [call("create_event", start=at(day, hhmm))])],
                {"events": {"count": 1}},
            )
        )
    for n, (first, fix, day, hhmm) in enumerate(EVENT_FIX):
        out.append(
            conv(
                f"event-fix-{n:02d}",
                ["time", "correction", "update_event"],
                [
                    turn(first, ["you"], [call("create_event")]),
                    turn(fix, ["you"], [call("update_event", start=at(day, hhmm))]),
                ],
                {"events": {"count": 1, "contains": [{"start": at(day, hhmm)}]}},
            )
        )
    for n, (first, fix, amount) in enumerate(EXPENSE_FIX):
        out.append(
            conv(
                f"expense-fix-{n:02d}",
                ["money", "correction", "update_expense"],
                [
                    turn(first, ["wins"], [call("add_expense")]),
                    turn(fix, ["wins"], [call("update_expense", amount=amount)]),
                ],
                {"expenses": {"count": 1, "contains": [{"amount": amount}]}},
            )
        )
    return out


# ---------------------------------------------------------------- days
# (message, tool, argument, day)
DAYS = [
    (
        "add a task to ring the insurance mob the day after tomorrow",
        "add_task",
        "due_date",
        "2026-03-12",
    ),
    ("to do: get the rego renewed by this friday", "add_task", "due_date", "2026-03-13"),
    ("to do: service the generator, due next tuesday", "add_task", "due_date", "2026-03-17"),
    ("add a task to post the tax stuff by the 20th", "add_task", "due_date", "2026-03-20"),
    (
        "job for saturday week: clean the gutters on the annexe",
        "add_task",
        "due_date",
        "2026-03-21",
    ),
    ("task: book the ferry, due end of the month", "add_task", "due_date", "2026-03-31"),
    (
        "in a fortnight I need to renew the insurance, stick it on my to do list",
        "add_task",
        "due_date",
        "2026-03-24",
    ),
    ("put a task in for thursday week to call the solar guy", "add_task", "due_date", "2026-03-19"),
    ("add task wash the van this sunday", "add_task", "due_date", "2026-03-15"),
    (
        "to do list: order new brake pads by the first of april",
        "add_task",
        "due_date",
        "2026-04-01",
    ),
    ("bought a loaf of bread yesterday for 6.50", "add_expense", "date", "2026-03-09"),
    ("spent 40 on diesel for the genny on sunday", "add_expense", "date", "2026-03-08"),
    ("paid the park 35 last friday", "add_expense", "date", "2026-03-06"),
    ("groceries 88 the day before yesterday", "add_expense", "date", "2026-03-08"),
    ("on the 3rd I spent 27 at the chemist", "add_expense", "date", "2026-03-03"),
    ("got 200 from selling the kayak on saturday", "add_income", "date", "2026-03-07"),
    ("block out the 18th for the rodeo", "create_event", "start", "2026-03-18"),
    (
        "put the long weekend trip in for monday fortnight, all day",
        "create_event",
        "start",
        "2026-03-30",
    ),
    (
        "add the markets to my calendar for this coming sunday, all day",
        "create_event",
        "start",
        "2026-03-15",
    ),
    (
        "Nan's birthday is on the 2nd of april, put it in the calendar",
        "create_event",
        "start",
        "2026-04-02",
    ),
    ("add a task to defrost the fridge tomorrow", "add_task", "due_date", "2026-03-11"),
    ("to do: pay the phone bill by next friday", "add_task", "due_date", "2026-03-20"),
    ("spent 12 on ice two days ago", "add_expense", "date", "2026-03-08"),
    ("bought a gas bottle last wednesday for 35", "add_expense", "date", "2026-03-04"),
    ("put the rodeo in the calendar for saturday, all day", "create_event", "start", "2026-03-14"),
]


def days_battery() -> list[Conv]:
    out: list[Conv] = []
    domains = {
        "add_task": "you",
        "create_event": "you",
        "add_expense": "wins",
        "add_income": "wins",
    }
    for n, (text, tool, arg, day) in enumerate(DAYS):
        value: str | Any = day
        if tool == "create_event":
            out.append(
                conv(
                    f"day-{n:02d}",
                    ["day", tool],
                    [turn(text, [domains[tool]], [call(tool, start=day, all_day=True)])],
                )
            )
            continue
        out.append(
            conv(
                f"day-{n:02d}",
                ["day", tool],
                [turn(text, [domains[tool]], [call(tool, **{arg: value})])],
            )
        )
    return out


# ---------------------------------------------------------------- places
# (message, name or None when the name is not what is tested, location, kind)
PLACES = [
    ("save the Liberty servo in Roma as a fuel stop", "Liberty servo", "Roma", "fuel"),
    (
        "we're camped at Lake Bindegolly, remember this spot",
        "Lake Bindegolly",
        "Thargomindah",
        "campsite",
    ),
    (
        "add Bush Camp Caravan Park in Longreach to my places, great campsite",
        "Bush Camp Caravan Park",
        "Longreach",
        "campsite",
    ),
    (
        "the Ampol roadhouse at Barcaldine has cheap diesel, save it",
        "Ampol roadhouse",
        "Barcaldine",
        "fuel",
    ),
    ("save Outback Mechanical in Winton as a mechanic", "Outback Mechanical", "Winton", "mechanic"),
    (
        "we're parked up at Policemans Point tonight, save this spot as a campsite",
        "Policemans Point",
        "Meningie",
        "campsite",
    ),
    ("the Shell servo in Dubbo, save it as a fuel place", "Shell servo", "Dubbo", "fuel"),
    ("remember the dump point at Hay showground", None, "Hay", "dump_point"),
    (
        "save Drovers Rest camp in Cunnamulla, lovely spot",
        "Drovers Rest camp",
        "Cunnamulla",
        "campsite",
    ),
    ("add the IGA in Tambo to my places as a shop", "IGA", "Tambo", "shop"),
    ("save Coles Express in Katherine as a fuel stop", "Coles Express", "Katherine", "fuel"),
    ("we're staying at Big4 Mildura, save it", "Big4 Mildura", "Mildura", "campsite"),
    ("the water tap at Quilpie park is good drinking water, save it", None, "Quilpie", "water"),
    (
        "Bob's Auto Repairs in Charleville fixed our leak, save them as a mechanic",
        "Bob's Auto Repairs",
        "Charleville",
        "mechanic",
    ),
    (
        "camping at Neds Corner station tonight, remember this place",
        "Neds Corner station",
        "Mildura",
        "campsite",
    ),
    ("save Puma fuel in Cobar as a fuel stop", "Puma fuel", "Cobar", "fuel"),
    (
        "save the BP truck stop at Tennant Creek as a fuel stop",
        "BP truck stop",
        "Tennant Creek",
        "fuel",
    ),
    ("add Lions Park in Blackall to my places, free camp", "Lions Park", "Blackall", "campsite"),
    (
        "save Nindigully Pub camp area in Nindigully, top spot",
        "Nindigully Pub camp area",
        "Nindigully",
        "campsite",
    ),
    ("remember Foodworks in Winton as a shop", "Foodworks", "Winton", "shop"),
]


def places_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, name, _town, kind) in enumerate(PLACES):
        want = {"name": name, "kind": kind} if name else {"kind": kind}
        out.append(
            conv(
                f"place-{n:02d}",
                ["place", "save_place"],
                [turn(text, ["wheels"], [call("save_place", **want)])],
                {"places": {"count": 1}},
            )
        )
    return out


# ---------------------------------------------------------------- lists
# (message, items)
LISTS = [
    ("add to the shopping list:\n- milk\n- eggs\n- bread", ["milk", "eggs", "bread"]),
    (
        "shopping list\n* sunscreen\n* tea bags\n* toilet paper",
        ["sunscreen", "tea bags", "toilet paper"],
    ),
    ("pop these on the shopping list\nbutter\ncheese\ntomatoes", ["butter", "cheese", "tomatoes"]),
    ("write down milk on the shopping list", ["milk"]),
    ("write down matches and firelighters for the shops", ["matches", "firelighters"]),
    ("need to grab: coffee, sugar, long life milk", ["coffee", "sugar", "long life milk"]),
    ("shopping list: dog food, zip ties & gaffer tape", ["dog food", "zip ties", "gaffer tape"]),
    ("add bananas + apples + oranges to the list", ["bananas", "apples", "oranges"]),
    (
        "put on the shopping list\n1. rice\n2. pasta\n3. tinned tomatoes",
        ["rice", "pasta", "tinned tomatoes"],
    ),
    (
        "shopping:\n- insect repellent\n- batteries\n- water",
        ["insect repellent", "batteries", "water"],
    ),
    ("jot down bread rolls and ham for the shops", ["bread rolls", "ham"]),
    ("note for the shopping list: washing powder", ["washing powder"]),
    ("add eggs, bacon, and mushrooms to my shopping list", ["eggs", "bacon", "mushrooms"]),
    ("we're out of olive oil and salt, add to shopping", ["olive oil", "salt"]),
    ("shopping list add - onions - garlic - potatoes", ["onions", "garlic", "potatoes"]),
    (
        "could you add metho, lighter fluid and paper towel to the shopping list",
        ["metho", "lighter fluid", "paper towel"],
    ),
    ("add to shopping list • yoghurt • honey • oats", ["yoghurt", "honey", "oats"]),
    ("write down wet wipes", ["wet wipes"]),
    ("add to shopping\n- cat litter\n- bread\n- apples", ["cat litter", "bread", "apples"]),
    ("write down a new mop head for the shopping list", ["mop head"]),
    ("for the shops:\nmilk\ncoffee pods", ["milk", "coffee pods"]),
    ("shopping list: sausages; buns; sauce", ["sausages", "buns", "sauce"]),
    ("put cheese, crackers and grapes on the list please", ["cheese", "crackers", "grapes"]),
]

# a list given as the answer to PAM's question: (first message, answer, items)
LIST_ANSWER = [
    (
        "add some things to my shopping list",
        "- lettuce\n- carrots\n- mince",
        ["lettuce", "carrots", "mince"],
    ),
    (
        "I need to add a few things to the shopping list",
        "bin bags\ndish soap\nsponges",
        ["bin bags", "dish soap", "sponges"],
    ),
    (
        "can you add stuff to my shopping list",
        "* chips\n* dip\n* soft drink",
        ["chips", "dip", "soft drink"],
    ),
    ("shopping list please", "sausages, bread, onions", ["sausages", "bread", "onions"]),
    ("got a few things for the shopping list", "- eggs\n- spinach", ["eggs", "spinach"]),
    ("add to my shopping list", "toothpaste\nshampoo\nrazors", ["toothpaste", "shampoo", "razors"]),
]


def lists_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, items) in enumerate(LISTS):
        out.append(
            conv(
                f"list-{n:02d}",
                ["list", "shopping"],
                [turn(text, ["you"], [call("add_to_shopping_list", items=items)])],
                {"shopping_list": {"count": len(items)}},
            )
        )
    for n, (first, answer, items) in enumerate(LIST_ANSWER):
        out.append(
            conv(
                f"list-answer-{n:02d}",
                ["list", "shopping", "follow-up"],
                [
                    turn(first, ["you"]),
                    turn(answer, ["you"], [call("add_to_shopping_list", items=items)]),
                ],
                {"shopping_list": {"count": len(items)}},
            )
        )
    return out


# ---------------------------------------------------------------- names
# (message, args)
VEHICLES: list[tuple[str, dict[str, Any]]] = [
    ("It's called Dolly, 2016 Fiat Ducato, diesel", {"name": "Dolly", "year": 2016}),
    ("add our van, her name is Matilda, a 2019 Jayco", {"name": "Matilda", "year": 2019}),
    ("new vehicle: Rusty the 2008 Landcruiser", {"name": "Rusty", "year": 2008}),
    (
        "we call the truck Big Blue, it's a 2012 Isuzu NPS, add it",
        {"name": "Big Blue", "year": 2012},
    ),
    ("add the Troopy, 2010 Toyota, diesel, 180 litre tank", {"name": "Troopy", "tank_litres": 180}),
    (
        "please add my car Nellie, a 2021 Subaru Outback, petrol",
        {"name": "Nellie", "fuel_type": "petrol"},
    ),
    ("add vehicle: Gypsy, 2015 Mercedes Sprinter", {"name": "Gypsy", "year": 2015}),
    (
        "the motorhome's name is Wanda, 2018 Avida, add her to my vehicles",
        {"name": "Wanda", "year": 2018},
    ),
    ("add the ute - we named it Bluey - 2020 Ford Ranger diesel", {"name": "Bluey", "year": 2020}),
    ("set up my rig: Old Faithful, a 1998 Nissan Patrol", {"name": "Old Faithful", "year": 1998}),
    (
        "she's called Betty, a 2011 Ford Transit, petrol, please add her",
        {"name": "Betty", "year": 2011},
    ),
    ("add a vehicle named Snail, 2005 Toyota Coaster, diesel", {"name": "Snail", "year": 2005}),
    ("our camper is Hilda, a 2017 Sunliner, add her", {"name": "Hilda", "year": 2017}),
]

GROUPS = [
    ("make a group called Silver Nomads NSW for retirees on the road", "Silver Nomads NSW"),
    ("start a group named Cape York Convoy 2026, private", "Cape York Convoy 2026"),
    ("create a group: Fishing Fanatics of the Kimberley", "Fishing Fanatics of the Kimberley"),
    ("can you set up a private group for the Brennan Family Lap", "Brennan Family Lap"),
    ("new group please - Solo Women Wanderers", "Solo Women Wanderers"),
    ("create a group Dog Friendly Vanners for people travelling with pets", "Dog Friendly Vanners"),
    ("create a group called Boondockers Down Under", "Boondockers Down Under"),
    ("set up a group Nullarbor Crossing March, keep it private", "Nullarbor Crossing March"),
]


def names_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, args) in enumerate(VEHICLES):
        out.append(
            conv(
                f"vehicle-{n:02d}",
                ["name", "add_vehicle"],
                [turn(text, ["wheels"], [call("add_vehicle", **args)])],
                {"vehicles": {"count": 1, "contains": [{"name": args["name"]}]}},
            )
        )
    for n, (text, name) in enumerate(GROUPS):
        out.append(
            conv(
                f"group-{n:02d}",
                ["name", "create_group"],
                [turn(text, ["social"], [call("create_group", name=name)])],
                {"groups": {"count": 1}},
            )
        )
    return out


# ---------------------------------------------------------------- quantities and units
# (domain, message, tool, args)
QUANTITIES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("you", "add two dozen eggs to the pantry", "add_pantry_item", {"quantity": 24}),
    ("you", "put 3 tins of tuna in the pantry", "add_pantry_item", {"quantity": 3}),
    ("you", "pantry: a couple of kilos of rice", "add_pantry_item", {"quantity": 2, "unit": "kg"}),
    (
        "you",
        "we've got half a dozen cans of beans, add them to the pantry",
        "add_pantry_item",
        {"quantity": 6},
    ),
    ("you", "add 5 litres of long life milk to the pantry", "add_pantry_item", {"quantity": 5}),
    (
        "you",
        "add 2 loaves of bread to the pantry, best before friday",
        "add_pantry_item",
        {"quantity": 2, "expiry_date": "2026-03-13"},
    ),
    (
        "you",
        "add a 10 kilo bag of dog biscuits to the pantry",
        "add_pantry_item",
        {"quantity": 10, "unit": "kg"},
    ),
    ("you", "add four jars of vegemite to the pantry", "add_pantry_item", {"quantity": 4}),
    (
        "wheels",
        "put sixty litres of diesel in, 112 bucks",
        "log_fuel",
        {"litres": 60, "total_cost": 112},
    ),
    (
        "wheels",
        "fuelled up with forty five litres of unleaded for 86.50",
        "log_fuel",
        {"litres": 45, "total_cost": 86.5},
    ),
    (
        "wheels",
        "filled 72.4 L at 1.96 a litre",
        "log_fuel",
        {"litres": 72.4, "price_per_litre": 1.96},
    ),
    (
        "wheels",
        "seventy litres, one eighty nine a litre",
        "log_fuel",
        {"litres": 70, "price_per_litre": 1.89},
    ),
    (
        "wheels",
        "weather for Coober Pedy for the next five days",
        "weather_forecast",
        {"location": "Coober Pedy", "days": 5},
    ),
    (
        "wheels",
        "what's the weather doing in Port Augusta over the next three days",
        "weather_forecast",
        {"location": "Port Augusta", "days": 3},
    ),
    ("wheels", "any free camps within fifty km of Cobar", "find_places", {"radius_km": 50}),
    ("you", "add a dozen eggs to the pantry", "add_pantry_item", {"quantity": 12}),
    (
        "you",
        "add three litres of milk to the pantry",
        "add_pantry_item",
        {"quantity": 3, "unit": "l"},
    ),
    (
        "wheels",
        "pressures front 36 rear 40 psi",
        "log_tyre_pressures",
        {"pressures": {"front_left": 36, "front_right": 36, "rear_left": 40, "rear_right": 40}},
    ),
    (
        "wheels",
        "tyres at thirty eight psi all round",
        "log_tyre_pressures",
        {"pressures": {"all_round": 38}, "unit": "psi"},
    ),
    ("wheels", "any dump points within twenty k of Gundagai", "find_places", {"radius_km": 20}),
]


def quantities_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (dom, text, tool, args) in enumerate(QUANTITIES):
        out.append(
            conv(f"qty-{n:02d}", ["quantity", tool], [turn(text, [dom], [call(tool, **args)])])
        )
    return out


# ---------------------------------------------------------------- money from rates, and periods
# (message, amount): a rate times the nights or the people
RATES = [
    ("paid 35 a night for 3 nights at the showground", 105),
    ("the tour was 60 each for the two of us, paid it", 120),
    ("spent 22 a head on the buffet for the 4 of us", 88),
    ("camping fees 18 per night for four nights", 72),
    ("bought 3 pies at 6.50 each", 19.50),
    ("paid for two nights at the station stay, 25 a night", 50),
]

# (message, tool, args): a period said to a tool that reads rows
PERIODS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "what did I spend since last tuesday",
        "list_expenses",
        {"start_date": "2026-03-03"},
    ),
    ("show my expenses since the 1st", "list_expenses", {"start_date": "2026-03-01"}),
    (
        "list what I spent last week",
        "list_expenses",
        {"start_date": "2026-03-02", "end_date": "2026-03-08"},
    ),
    (
        "fuel spend from the 2nd to the 6th",
        "list_expenses",
        {"start_date": "2026-03-02", "end_date": "2026-03-06"},
    ),
    ("how much have we spent this month so far", "spending_summary", {"period": "this_month"}),
    ("spending summary for last month please", "spending_summary", {"period": "last_month"}),
    (
        "what's on in the calendar this weekend",
        "list_events",
        {"start_date": "2026-03-14", "end_date": "2026-03-15"},
    ),
    (
        "anything on between thursday and saturday?",
        "list_events",
        {"start_date": "2026-03-12", "end_date": "2026-03-14"},
    ),
    (
        "show me the calendar for next week",
        "list_events",
        {"start_date": "2026-03-16", "end_date": "2026-03-22"},
    ),
    (
        "what's in the pantry going off in the next 5 days",
        "list_pantry",
        {"expiring_within_days": 5},
    ),
    ("any maintenance due in the next 8 weeks", "maintenance_due", {"within_days": 56}),
    (
        "fuel stats for february",
        "fuel_stats",
        {"start_date": "2026-02-01", "end_date": "2026-02-28"},
    ),
]


def rates_battery() -> list[Conv]:
    out: list[Conv] = []
    for n, (text, amount) in enumerate(RATES):
        out.append(
            conv(
                f"rate-{n:02d}",
                ["money", "rate"],
                [turn(text, ["wins"], [call("add_expense", amount=amount)])],
                {"expenses": {"count": 1}},
            )
        )
    domains = {
        "list_expenses": "wins",
        "spending_summary": "wins",
        "list_events": "you",
        "list_pantry": "you",
        "maintenance_due": "wheels",
        "fuel_stats": "wheels",
    }
    for n, (text, tool, args) in enumerate(PERIODS):
        out.append(
            conv(
                f"period-{n:02d}",
                ["period", tool],
                [turn(text, [domains[tool]], [call(tool, **args)])],
            )
        )
    return out


def build() -> list[Conv]:
    convs = (
        money_battery()
        + clock_battery()
        + days_battery()
        + places_battery()
        + lists_battery()
        + names_battery()
        + quantities_battery()
        + rates_battery()
    )
    return convs


def main() -> None:
    write_halves(build(), SPLIT_SEED, HERE, "args15")


if __name__ == "__main__":
    main()
