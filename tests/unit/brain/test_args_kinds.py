"""Issue 15, argument extraction by kind: each rule is checked on several phrasings of its
own (none of them an eval set's sentence), so that it is the rule that passes, not a
sentence."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage

from agent.brain.textutil import normalise
from tests.unit.brain.support import called, only_call, result, step, subset

US = {"tz": "America/Denver", "currency": "USD", "units": "imperial"}


def _args(domain: str, text: str, tool: str, **extra: str) -> dict[str, Any]:
    return only_call(step(domain, text, **extra), tool)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # money received: "two fifty" is hundreds and tens, nobody logs $2.50 received
        ("sold the spare jerry cans for three twenty", 320),
        ("got four fifty for minding the neighbours' dogs", 450),
        ("earned twelve fifty on the grape harvest", 1250),
        ("sold the kayak for six ninety", 690),
    ],
)
def test_spoken_hundreds_in_money_received(text: str, amount: int) -> None:
    assert _args("wins", text, "add_income")["amount"] == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a bill that is never a few dollars: hundreds
        ("rego came to six forty", 640),
        ("the insurance was three eighty", 380),
        ("paid two twenty for the brake repair", 220),
        # a small purchase keeps dollars and cents
        ("coffee was four fifty", 4.5),
        ("paid three twenty for a pie", 3.2),
    ],
)
def test_spoken_hundreds_only_for_dear_bills(text: str, amount: float) -> None:
    assert _args("wins", text, "add_expense")["amount"] == pytest.approx(amount)


@pytest.mark.parametrize(
    "text",
    [
        "gas was 58.40 at the shell in boise",
        "spent 62 bucks on gas in the rv",
        "$45 gas at the station outside Tulsa",
    ],
)
def test_gas_is_fuel_for_a_north_american_user(text: str) -> None:
    assert _args("wins", text, "add_expense", **US)["category"] == "fuel"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("gas bottle swap 32", "gas_lpg"),
        ("$30 on gas for the bbq", "gas_lpg"),
    ],
)
def test_gas_stays_lpg_in_australia_and_for_the_stove(text: str, category: str) -> None:
    assert _args("wins", text, "add_expense")["category"] == category
    assert _args("wins", "propane refill 24 dollars", "add_expense", **US)["category"] == "gas_lpg"


@pytest.mark.parametrize(
    "text",
    [
        "bought a new inverter for the camper, 349",
        "picked up a new pressure washer 180",
        "grabbed a new solar panel 420",
    ],
)
def test_a_new_thing_bought_is_shopping(text: str) -> None:
    assert _args("wins", text, "add_expense")["category"] == "shopping"


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        # a clause that only says when the money moved is the date of the amount before it
        ("log income 480 from the fruit picking, paid on monday", "add_income",
         {"amount": 480, "date": "2026-03-09", "source": "Fruit picking"}),
        ("got 300 for the house sit, came through yesterday", "add_income",
         {"amount": 300, "date": "2026-03-09"}),
        ("55 on lunch at the bakery, paid sunday", "add_expense",
         {"amount": 55, "date": "2026-03-08"}),
    ],
)  # fmt: skip
def test_a_when_only_clause_dates_the_amount(text: str, tool: str, args: dict[str, Any]) -> None:
    found = _args("wins", text, tool)
    assert subset(found, args), found


@pytest.mark.parametrize(
    ("text", "pressures"),
    [
        # four readings in a row: fronts then rears, left then right
        ("tyres this morning 36 36 40 40 psi", (36, 36, 40, 40)),
        ("pressures 240/240/260/255 kpa", (240, 240, 260, 255)),
        ("tyre pressures: 35, 35, 38, 39 psi", (35, 35, 38, 39)),
    ],
)
def test_four_readings_in_a_row_are_the_four_corners(
    text: str, pressures: tuple[int, int, int, int]
) -> None:
    found = _args("wheels", text, "log_tyre_pressures")["pressures"]
    corners = ("front_left", "front_right", "rear_left", "rear_right")
    assert found == dict(zip(corners, map(float, pressures), strict=True))


@pytest.mark.parametrize(
    ("text", "cold"),
    [
        ("tyres hot after the drive 42 front 46 rear psi", False),
        ("warm tyres, 40 all round", False),
        ("tyre pressures after a few hours on the highway 44 psi all round", False),
        ("cold check this morning 34 psi all round", True),
    ],
)
def test_warm_readings_are_not_cold(text: str, cold: bool) -> None:
    assert _args("wheels", text, "log_tyre_pressures")["cold"] is cold


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # words one letter from a number word that are words of their own
        ("front right 33", "right 33"),
        ("night 2 at the park", "night 2"),
        ("height 2.9 metres", "height 2.9"),
        ("the Bight 40 km out", "Bight 40"),
    ],
)
def test_near_number_words_stay_words(text: str, kept: str) -> None:
    assert kept in normalise(text)


@pytest.mark.parametrize(
    ("text", "tank"),
    [
        ("add the ute - 2019 hilux, diesel, 80 litres of tank", 80),
        ("add our van: 2015 sprinter, diesel, tank takes about 75", 75),
        ("add my new ranger, diesel, 120 litre fuel tank", 120),
    ],
)
def test_tank_size_in_everyday_words(text: str, tank: int) -> None:
    assert _args("wheels", text, "add_vehicle")["tank_litres"] == tank


def test_litres_put_in_the_tank_are_a_fill_not_a_tank_size() -> None:
    assert _args("wheels", "put 62 litres in the tank for $120", "log_fuel")["litres"] == 62


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("save this as a campsite: Gunbarrel camp, -25.12,125.3, 4 stars", "-25.12,125.3"),
        ("save the water tap at Nullarbor roadhouse, -31.45, 130.9", "-31.45,130.9"),
    ],
)
def test_coordinates_are_the_place(text: str, location: str) -> None:
    assert _args("wheels", text, "save_place")["location"] == location


@pytest.mark.parametrize(
    ("text", "args"),
    [
        # a road travelled is the way, not a town to stop at
        ("plan a trip adelaide to darwin via the stuart highway and alice springs",
         {"origin": "Adelaide", "destination": "Darwin", "stops": ["Alice Springs"]}),
        ("plan a run from cairns to cooktown via the bloomfield track",
         {"origin": "Cairns", "destination": "Cooktown"}),
        ("plan a trip sydney to melbourne via the coast road",
         {"origin": "Sydney", "destination": "Melbourne"}),
    ],
)  # fmt: skip
def test_roads_are_not_stops(text: str, args: dict[str, Any]) -> None:
    found = _args("wheels", text, "plan_trip")
    assert subset(found, args) and (found.get("stops") or []) == args.get("stops", []), found


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # a town typed in lower case after a second "in"/"at"
        ("book in the physio in dubbo weds 11am", "Dubbo"),
        ("haircut at the barber in roma friday 9am", "Roma"),
        ("lunch with the girls at the pub in mudgee sat at 12", "Mudgee"),
    ],
)
def test_event_town_after_another_place_word(text: str, location: str) -> None:
    assert _args("you", text, "create_event")["location"] == location


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # a group typed in lower case: the words from "in"/"to" up to the colon
        ("pop a post up in outback cooks: camp oven scones tonight", "outback cooks"),
        ("post to solar setups: is 200W enough for a 12v fridge?", "solar setups"),
        ("share in the kimberley crew: road's open to Drysdale", "kimberley crew"),
    ],
)
def test_a_lower_case_group_before_the_colon(text: str, group: str) -> None:
    assert _args("social", text, "create_post")["group"] == group


@pytest.mark.parametrize("text", ["post on the feed: sunset at Cable", "post to everyone: hi all"])
def test_the_feed_is_no_group(text: str) -> None:
    assert "group" not in _args("social", text, "create_post")


@pytest.mark.parametrize(
    "text",
    [
        "post in it: first meet is at Daly Waters on the 3rd",
        "put a post in the group: bring chairs",
        "post to that group: running late",
        "post in there: who is bringing the camp oven?",
    ],
)
def test_post_in_it_is_the_group_just_made(text: str) -> None:
    made = "Previous action: create_group (social, the previous turn, wrote)"
    rows = 'Previous rows: [{"kind": "group", "id": "g1", "name": "Nullarbor Nomads"}]'
    answer = step("social", text, previous_action=made.split(": ", 1)[1],
                  previous_rows=rows.split(": ", 1)[1])  # fmt: skip
    assert only_call(answer, "create_post")["group"] == "Nullarbor Nomads"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        # "for the month" is the month we are in
        ("what's the net for the month so far", "this_month"),
        ("how much have we spent for the week", "this_week"),
        ("what's the damage over the year", "this_year"),
    ],
)
def test_the_period_we_are_in(text: str, period: str) -> None:
    assert _args("wins", text, "spending_summary")["period"] == period


@pytest.mark.parametrize(
    ("text", "tool", "slot", "town"),
    [
        # "there" is the town an earlier request of the same message named
        ("fuel at longreach 80L for 170, hows the weather looking there this week",
         "weather_forecast", "location", "Longreach"),
        ("filled 60 litres for 130 at Coober Pedy, what's the forecast there tomorrow",
         "weather_forecast", "location", "Coober Pedy"),
        ("filled up 50L for 110 at tom price, find a campsite near there",
         "find_places", "near", "Tom Price"),
    ],
)  # fmt: skip
def test_there_is_the_town_named_earlier_in_the_message(
    text: str, tool: str, slot: str, town: str
) -> None:
    assert _args("wheels", text, tool)[slot] == town


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add the new van, a 2021 sprinter, we're calling it the Snail", "Snail"),
        ("add our 2018 prado, diesel, we've named her Dusty Rose", "Dusty Rose"),
        ("add the camper, a 2020 jayco, we call her the Tardis", "Tardis"),
    ],
)
def test_the_name_people_give_a_vehicle(text: str, name: str) -> None:
    assert _args("wheels", text, "add_vehicle")["name"] == name


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("I'd like to join the Kimberley Crew group please", "Kimberley Crew"),
        ("can you join me up with the Solar Setups group thanks", "Solar Setups"),
        # a pointer to the group the message named before
        ("mates mentioned the Gulf Fishos group, could you join us up to that?", "Gulf Fishos"),
    ],
)
def test_the_group_to_join(text: str, group: str) -> None:
    assert _args("social", text, "join_group")["group"] == group


@pytest.mark.parametrize(
    ("said", "day"),
    [
        # "Monday week": a week after the coming Monday (today is Tuesday 10 March)
        ("monday week", "2026-03-23"),
        ("friday week", "2026-03-20"),
        ("tomorrow week", "2026-03-18"),
    ],
)
def test_a_day_week(said: str, day: str) -> None:
    found = _args("you", f"dentist {said} at 9am", "create_event")
    assert found["start"].startswith(day)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a small purchase spoken as two numbers is dollars and cents
        ("a sausage roll at the bakery, four fifty", 4.5),
        ("ice creams for the kids nine eighty", 9.8),
    ],
)
def test_spoken_dollars_and_cents(text: str, amount: float) -> None:
    assert _args("wins", text, "add_expense")["amount"] == pytest.approx(amount)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("log sixty Canadian dollars for the ferry", 60, "CAD"),
        ("spent forty US dollars on dinner in Seattle", 40, "USD"),
        ("parking was twelve pound fifty", 12.5, "GBP"),
        ("museum tickets 18 euros", 18, "EUR"),
    ],
)
def test_currency_named_in_words(text: str, amount: float, currency: str) -> None:
    found = _args("wins", text, "add_expense")
    assert (found["amount"], found["currency"]) == (pytest.approx(amount), currency)


def test_quid_stays_the_users_currency() -> None:
    assert "currency" not in _args("wins", "paid 15 quid for a feed at the pub", "add_expense")


@pytest.mark.parametrize("text", ["our tea at the pub came to 64", "chippy on the way home, 23"])
def test_tea_out_and_the_chippy_are_food(text: str) -> None:
    assert _args("wins", text, "add_expense")["category"] == "food"


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("wat have we got in the pantry", "list_pantry"),
        ("wots on the calendar tomorrow", "list_events"),
    ],
)
def test_texted_question_words(text: str, tool: str) -> None:
    only_call(step("you", text), tool)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a workshop does repairs and services alike: the place filters nothing
        ("what did we spend at the mechanic last week", None),
        ("list what we spent at the garage this month", None),
        ("show the oil change costs", "maintenance"),
        ("what did we spend at the servo last week", "fuel"),
    ],
)
def test_a_workshop_is_no_category_filter(text: str, category: str | None) -> None:
    assert _args("wins", text, "list_expenses").get("category") == category


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("we've decided Cairns is home base now - the grandkids are there", "Cairns"),
        ("my home base is Geraldton these days", "Geraldton"),
        ("Port Lincoln is our new home, could you update that", "Port Lincoln"),
        ("home base now - Dubbo", "Dubbo"),
    ],
)
def test_home_base_said_in_passing(text: str, home: str) -> None:
    assert _args("you", text, "update_profile")["home_base"] == home


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what's on from the 12th through to the 15th", "2026-03-12", "2026-03-15"),
        ("anything in the calendar the 20th up to the 22nd?", "2026-03-20", "2026-03-22"),
    ],
)
def test_day_to_day_ranges_in_words(text: str, start: str, end: str) -> None:
    found = _args("you", text, "list_events")
    assert (found["start_date"], found["end_date"]) == (start, end)


def test_that_weekday_is_the_day_the_conversation_is_about() -> None:
    state = {
        "previous_action": "create_event (you, the previous turn, wrote)",
        "previous_day": "2026-03-21",  # a Saturday
    }
    found = _args("you", "and what else is on for that saturday?", "list_events", **state)
    assert (found["start_date"], found["end_date"]) == ("2026-03-21", "2026-03-21")


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("dentist on the twelfth of April at 10", "12th of April"),
        ("ferry booked for May the twenty-second", "May 22nd"),
        ("dinner with the Smiths on the third at 6", "on the 3rd at 6"),
        ("tick off the first one", "the first one"),  # a pick, not a date
        ("comment on the second post", "the second post"),
    ],
)
def test_ordinal_days_in_words(said: str, written: str) -> None:
    assert written in normalise(said)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("tyres rotated at 60,000, get them done again on the twentieth of August", "2026-08-20"),
        ("new shocks fitted 900, due for a recheck on the 3rd of june", "2026-06-03"),
    ],
)
def test_the_next_time_is_when_it_is_due(text: str, due: str) -> None:
    assert _args("wheels", text, "log_maintenance")["next_due_date"] == due


def test_compare_after_a_fill_keeps_the_period_asked() -> None:
    state = {"previous_action": "log_fuel (wheels, the previous turn, wrote)"}
    found = _args(
        "wheels", "how's that compare with everything since the 1st?", "fuel_stats", **state
    )
    assert found["start_date"] == "2026-03-01"


def test_a_group_picked_from_a_list_is_named_by_its_name() -> None:
    groups = [{"id": "g7", "name": "Paddle Nomads"}]
    listed = [called("list_groups", "l1", query="kayaks"),
              result("l1", "list_groups", groups=groups)]  # fmt: skip
    answer = step("social", "any groups for kayaks?", *listed, AIMessage("Paddle Nomads."),
                  "yep, join that one")  # fmt: skip
    assert only_call(answer, "join_group") == {"group": "Paddle Nomads"}


@pytest.mark.parametrize(
    ("text", "query"),
    [
        # one plural word is searched as a prefix of both forms ("cat" is in "Cats Abroad"
        # and "Cat Lovers"; the search finds the words inside names)
        ("is there a group for people with cats", "cat"),
        ("any groups for folk travelling with their beagles?", "beagle"),
        ("groups for people who love beaches", "beach"),
        ("is there a group for folks into fishing", "fishing"),
        ("find groups about solar", "solar"),
    ],
)
def test_a_group_search_is_about_the_topic_not_the_people(text: str, query: str) -> None:
    assert _args("social", text, "list_groups")["query"] == query


def test_same_day_keeps_the_rows_own_day() -> None:
    event = {"id": "e2", "title": "Farrier", "start": "2026-03-12T11:00:00+11:00"}
    shown = [called("list_events", "l1", start_date="2026-03-09", end_date="2026-03-15"),
             result("l1", "list_events", events=[event])]  # fmt: skip
    state = {"previous_action": "list_events (you, the previous turn)",
             "previous_day": "2026-03-09"}  # fmt: skip
    moved = step("you", "what's on this week", *shown, AIMessage("Farrier Thu."),
                 "move that one to 2 in the afternoon, same day", **state)  # fmt: skip
    assert only_call(moved, "update_event")["start"] == "2026-03-12T14:00:00+11:00"


@pytest.mark.parametrize(
    "text",
    [
        "the Kalbarri caravan park one should be dated the 2nd, not the 4th. could you fix that?",
        "the Kalbarri caravan park one should be dated the 2nd. can you update it please",
    ],
)
def test_fix_that_takes_the_change_said_before(text: str) -> None:
    row = {"id": "x9", "amount": 150, "category": "camping", "description": "Kalbarri caravan park",
           "date": "2026-03-04"}  # fmt: skip
    shown = [called("list_expenses", "l1", limit=20), result("l1", "list_expenses", expenses=[row])]
    answer = step("wins", "show my expenses", *shown, AIMessage("Kalbarri $150."), text)
    assert only_call(answer, "update_expense") == {"expense_id": "x9", "date": "2026-03-02"}


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("picked up a three kilo bag of oats in Atherton - add that to the pantry",
         {"quantity": 3, "unit": "kg", "name": "oats"}),
        ("add a five litre tin of olive oil to the pantry", {"quantity": 5, "name": "olive oil"}),
    ],
)  # fmt: skip
def test_pantry_counts_in_words_and_where_it_was_bought(text: str, args: dict[str, Any]) -> None:
    found = _args("you", text, "add_pantry_item")
    assert subset(found, args), found


_SET = {"previous_action": "set_budget (wins, the previous turn, wrote)",
        "previous_filters": '{"category": "groceries", "monthly_limit": 300}'}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "args"),
    [
        # after a budget was set: another for a category, or the same one changed
        ("and 250 for fuel", {"category": "fuel", "monthly_limit": 250}),
        ("oh and two hundred on eating out", {"category": "food", "monthly_limit": 200}),
        ("actually make it four twenty", {"category": "groceries", "monthly_limit": 420}),
        ("Hmm, that's too tight with visitors coming. Make it 380.",
         {"category": "groceries", "monthly_limit": 380}),
    ],
)  # fmt: skip
def test_a_budget_again(text: str, args: dict[str, Any]) -> None:
    assert _args("wins", text, "set_budget", **_SET) == args


@pytest.mark.parametrize("typed", ["actualy", "actully", "acutally"])
def test_actually_as_typed(typed: str) -> None:
    assert normalise(f"it was {typed} 54") == "it was actually 54"


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("log 2 things: pies 11.50, and ice 6", [11.5, 6]),
        ("expenses: parking 8, ferry 64 and sunscreen 15", [8, 64, 15]),
        ("add these: firewood 20; gas bottle 35", [20, 35]),
    ],
)
def test_a_list_of_purchases_is_one_expense_each(text: str, amounts: list[float]) -> None:
    calls = [c for c in step("wins", text).tool_calls if c["name"] == "add_expense"]
    assert [c["args"]["amount"] for c in calls] == amounts


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the book club on thursday, change the place on that one to the library",
         "Library"),
        ("the book club bbq thursday, change the venue on it to Apex Park", "Apex Park"),
    ],
)  # fmt: skip
def test_a_new_place_for_an_event(text: str, place: str) -> None:
    event = {"id": "e5", "title": "Book club BBQ", "start": "2026-03-12T18:00:00+11:00"}
    shown = [called("list_events", "l1"), result("l1", "list_events", events=[event])]
    answer = step("you", "what's on this week", *shown, AIMessage("Book club BBQ Thu."), text)
    assert only_call(answer, "update_event") == {"event_id": "e5", "location": place}


@pytest.mark.parametrize("text", ["what groups r there on here", "what groups are on here?"])
def test_every_group_when_none_is_named(text: str) -> None:
    assert "query" not in _args("social", text, "list_groups")


@pytest.mark.parametrize(
    ("text", "near"),
    [("got any camp spots saved round hay?", "Hay"), ("any water taps saved round Cobar", "Cobar")],
)
def test_places_round_a_town(text: str, near: str) -> None:
    assert _args("wheels", text, "find_places")["near"] == near


def test_a_correction_after_a_sound() -> None:
    state = {
        "previous_action": "create_event (you, the previous turn, wrote)",
        "previous_rows": '[{"kind": "event", "id": "e1", "start": "2026-03-12T10:00:00+11:00"}]',
    }
    found = _args("you", "Oh sorry, I misheard - it's at eleven, not ten.", "update_event", **state)
    assert found == {"event_id": "e1", "start": "2026-03-12T11:00:00+11:00"}


@pytest.mark.parametrize(
    "text", ["Hmm. And what about Exmouth for the same three days?", "ok, how about exmouth"]
)
def test_a_follow_up_names_a_town_without_in(text: str) -> None:
    state = {
        "previous_action": "weather_forecast (wheels, the previous turn)",
        "previous_filters": '{"location": "Carnarvon", "days": 3}',
    }
    found = _args("wheels", text, "weather_forecast", **state)
    assert found == {"location": "Exmouth", "days": 3}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a planned event's place corrected in one message: "X is at Y not Z"
        ("the bingo on friday is at the bowls club not the hall", "Bowls club"),
        ("the bbq is actually in Mudgee, not Gulgong", "Mudgee"),
    ],
)
def test_an_events_place_corrected(text: str, place: str) -> None:
    event = {"id": "b1", "title": "Bingo bbq", "start": "2026-03-13T18:00:00+11:00"}
    shown = [called("list_events", "l1"), result("l1", "list_events", events=[event])]
    answer = step("you", "what's on this week", *shown, AIMessage("Bingo bbq Fri."), text)
    assert only_call(answer, "update_event") == {"event_id": "b1", "location": place}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "save this spot as a dump point - Longreach showgrounds dump",
            "Longreach showgrounds",
        ),
        ("pin this as a campsite - Banjo's Bend free camp at Tambo, 4 stars", "Banjo's Bend"),
    ],
)
def test_a_place_named_after_a_dash(text: str, name: str) -> None:
    assert _args("wheels", text, "save_place")["name"] == name


@pytest.mark.parametrize(
    ("earlier", "town"),
    [
        # "there": the town where something is, not a name inside a compound
        ("we camped at the Jerusalem Creek free camp at Eildon last night", "Eildon"),
        ("found a spot on the Murray just out of Mannum", "Mannum"),
    ],
)
def test_there_is_where_the_place_is(earlier: str, town: str) -> None:
    answer = step("wheels", earlier, AIMessage("Nice."), "any campsites saved near there?")
    assert only_call(answer, "find_places")["near"] == town
