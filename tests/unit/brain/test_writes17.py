"""Whether to write, and which act (round 17, branch b17-writes): refusals said last, a write
held back with nothing asked, what the household or a friend told, customs and plans told,
questions only talk answers, bills paid said in the passive, things told as to be kept,
kept rows changed or taken away in the passive or by a pronoun, a negated polite request,
a group told or asked by a gerund or by its name, quoted words, a need put on the list, a
store named the turn before, a go-ahead for an act mused on, and money of a year gone.
Phrasings written for these tests, none from an eval set."""

from __future__ import annotations

import pytest

from agent.brain.asking import mood_told
from agent.brain.general import talk_only
from agent.brain.row_acts import act_on_row, unkept
from tests.unit.brain.support import only_call, route, step, wanted, writes

# --- a refusal said last, in the user's own words ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my brother reckons we should post that the ferry is free — I'm not posting that",
        "the missus wants to log the pokies money, we're not logging that",
        "the 40 for the pub was Dave's shout so don't log anything for it",
        "Shaz wants to add the footy to the calendar but I won't be adding it",
        "the kebab was 14 but don't record any of it",
    ],
)
def test_a_refusal_said_last_writes_nothing(text: str) -> None:
    assert mood_told(text) == "denied"
    assert writes(text) == []


def test_a_request_after_the_refusal_still_asks() -> None:
    text = "Kev wants to post about the flood, I'm not posting that, add milk to the list though"
    assert "add_to_shopping_list" in writes(text)


# --- a write held back with nothing asked reads nothing either -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "don't post anything yet, still writing it: 'sunset at Cable Beach'",
        "don't share that yet, I'm still editing: 'best pies in Yass'",
        "don't post that just yet, just drafting it",
        "don't save that camp yet, I'm still deciding",
        "no need to post that yet, I'm just jotting ideas",
    ],
)
def test_held_back_with_no_question_picks_no_tool(text: str) -> None:
    assert [t for t in wanted(text) if t] == []


# --- what the household said, or a friend named then "he" ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my husband said we spent 450 on tucker last month, sounds right",
        "the wife reckons we paid 90 for the site at Mudgee",
        "my partner thinks we spent about 200 on fuel this week",
        "My friend Aiko, her car got a new battery at Alice yesterday",
        "my neighbour Sue, her van got new tyres yesterday",
        "our friend Bazza - his boat cost 20 grand",
    ],
)
def test_told_by_the_household_or_of_a_friend_writes_nothing(text: str) -> None:
    assert mood_told(text) == "others"
    assert writes(text) == []


def test_the_household_asking_to_log_still_asks() -> None:
    assert "add_expense" in writes("the wife says to log 35 for the laundromat")


# --- customs and plans told, questions only talk answers -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In Germany we call the caravan a Wohnwagen, funny word",
        "In India we celebrate Diwali in October or November, lots of lights",
        "In Italy people eat dinner very late, around 9",
        "we should tidy up the shopping list one of these days",
        "back in France we use WhatsApp for the groups, not this",
    ],
)
def test_a_custom_or_a_plan_told_picks_no_tool(text: str) -> None:
    assert mood_told(text) in ("habit", "maybe")
    assert route(text) == ["general"]


@pytest.mark.parametrize(
    "text",
    [
        "how much is 40 psi in kpa?",
        "what's 100 km in miles",
        "convert 30 litres to gallons please",
        "how many kpa is 2.4 bar",
        "what can you do with budgets?",
        "what else can pam do for the calendar side of things",
    ],
)
def test_a_conversion_or_what_pam_does_is_talk(text: str) -> None:
    assert talk_only(text)
    assert route(text) == ["general"]


def test_a_reading_still_reads() -> None:
    assert wanted("what were my tyre pressures last week?") == ["tyre_pressure_history"]


# --- a bill paid, said in the passive, is money out ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the van insurance was paid on friday too, 980 — could you put that in",
        "the rego was paid tuesday too, 860 would you mind putting that in",
        "the phone bill was paid today, 65, would you mind adding that",
        "the camp fees were paid yesterday, 120, can you log that",
        "the power bill got paid friday 210 - pop that in please",
    ],
)
def test_a_bill_paid_in_the_passive_is_an_expense(text: str) -> None:
    assert writes(text) == ["add_expense"]


def test_being_paid_is_still_income() -> None:
    assert writes("we were paid 600 for the fruit picking") == ["add_income"]


# --- things told as to be kept -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "write"),
    [
        ("the 15 car wash this morning has to go in as other", "add_expense"),
        ("the 32 for the ferry needs logging", "add_expense"),
        ("the 9.50 parking should be recorded please", "add_expense"),
        ("the 18 for the laundromat needs to be logged", "add_expense"),
        ("the boys need footy boots on the shopping", "add_to_shopping_list"),
        ("the grandkids need hats on the shopping", "add_to_shopping_list"),
        ("the kids need raincoats on the shopping", "add_to_shopping_list"),
    ],
)
def test_told_as_to_be_kept_writes(text: str, write: str) -> None:
    assert writes(text) == [write]


def test_a_refused_clause_beside_one_to_be_kept() -> None:
    text = "don't put the rodeo in the diary, it's off. the 25 toll this arvo has to go in though"
    assert writes(text) == ["add_expense"]


# --- kept rows changed or taken away in the passive, or by a pronoun -----------------------------


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("that 60 dinner from friday can be deleted", "delete_expense"),
        ("the 12 dollar coffee should be removed", "delete_expense"),
        ("the physio on thursday needs to be cancelled", "delete_event"),
        ("could the dentist on friday be moved to 11am please", "update_event"),
        ("the haircut tomorrow can be pushed back to 4pm", "update_event"),
        ("Thursday's yoga isn't happening, can you take it out", "delete_event"),
        ("tomorrow's bowls is off, would you mind removing it", "delete_event"),
        (
            "the 22 I put under food is for the gas bottle, please change it to gas",
            "update_expense",
        ),
        ("the whale watching on sunday can be deleted", "delete_event"),
    ],
)
def test_a_kept_row_acted_on_in_the_passive(text: str, act: str) -> None:
    assert act_on_row(text) == act
    assert act in writes(text)


def test_going_in_is_no_taking_away() -> None:
    assert act_on_row("the 20 parking fine has to go in as other") is None


# --- a negated polite request --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("can you not forget that Rusty the dog hates thunder", "Rusty the dog hates thunder"),
        ("could you not forget that my wife is allergic to nuts", "my wife is allergic to nuts"),
        ("would you please not forget that we don't eat pork", "we don't eat pork"),
        ("will you not forget that the van is 7.2m long", "the van is 7.2m long"),
        ("pls can you not forget that Jo takes her tea black", "Jo takes her tea black"),
    ],
)
def test_can_you_not_forget_remembers(text: str, note: str) -> None:
    args = only_call(step("you", text), "remember")
    assert args["note"].lower() == note.lower()


# --- a group told or asked by a gerund or by its name --------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "would you mind letting the Desert Drifters group know the Plenty Hwy is open",
            "Desert Drifters",
        ),
        ("ask the Snowy Nomads if anyone has chains to lend", "Snowy Nomads"),
        ("could you ask the Kimberley Crew whether the Gibb is open", "Kimberley Crew"),
        ("would you mind telling the Solar Nerds group my panels arrived", "Solar Nerds"),
        ("ask the Tassie Campers about free camps near Stanley", "Tassie Campers"),
    ],
)
def test_a_group_told_or_asked(text: str, group: str) -> None:
    assert writes(text) == ["create_post"]
    args = only_call(step("social", text), "create_post")
    assert args["group"] == group
    assert args["content"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("I'd like in on Murray River Paddlers please", "Murray River Paddlers"),
        ("keen to get in on Pilbara Explorers", "Pilbara Explorers"),
        ("we want in on Coastal Cruisers", "Coastal Cruisers"),
        ("I'd like in on Solo Women Travel", "Solo Women Travel"),
        ("i wanna get in on Retired Roamers", "Retired Roamers"),
    ],
)
def test_wanting_in_on_a_group_by_name_joins(text: str, group: str) -> None:
    assert writes(text) == ["join_group"]
    assert only_call(step("social", text), "join_group")["group"] == group


# --- quoted words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mick's post says 'delete every expense you have' lol",
        "the ranger's sign said 'delete your photos of the site'",
        'her comment said "add us to the group chat" haha',
        "my mate wrote: 'post your rego number here' what a scam",
        "Kel texted 'cancel the bbq' but it's still on",
        "Baz posted 'join my group for free fuel' - what a scammer",
    ],
)
def test_words_quoted_of_others_write_nothing(text: str) -> None:
    assert mood_told(text) == "others"
    assert writes(text) == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("put down 'ring the insurance' for friday", "Ring the insurance"),
        ("jot down 'renew the rego' for next week", "Renew the rego"),
        ("write down call the bank for tomorrow", "Call the bank"),
        ("scribble down 'check the tyres' for saturday", "Check the tyres"),
        ("put down pick up the parcel for monday", "Pick up the parcel"),
    ],
)
def test_a_job_put_down_in_its_own_words_is_a_task(text: str, title: str) -> None:
    args = only_call(step("you", text), "add_task")
    assert args["title"] == title
    assert args.get("due_date")


# --- a store named the turn before, and a go-ahead for an act mused on ---------------------------


@pytest.mark.parametrize(
    ("before", "text", "tool"),
    [
        (
            "we should tidy the pantry one day",
            "actually 2 jars of pesto have to go in it",
            "add_pantry_item",
        ),
        (
            "the fridge is a mess",
            "oh and there's a tub of yoghurt that needs to go in there",
            "add_pantry_item",
        ),
        (
            "cleaned out the pantry this morning",
            "actually 4 tins of soup need to go in it too",
            "add_pantry_item",
        ),
        ("the freezer's half empty", "2 bags of peas have to go in it", "add_pantry_item"),
        (
            "we should sort the cupboard out",
            "a box of crackers needs to go in there",
            "add_pantry_item",
        ),
    ],
)
def test_in_it_is_the_store_named_before(before: str, text: str, tool: str) -> None:
    assert route(before, text) == ["you"]
    message = step("you", before, text)
    assert [c["name"] for c in message.tool_calls] == [tool]


@pytest.mark.parametrize(
    ("before", "text", "tool", "arg", "value"),
    [
        (
            "thinking of making a group for Jayco owners what do you reckon",
            "ok do it, call it Jayco Jammers",
            "create_group",
            "name",
            "Jayco Jammers",
        ),
        (
            "toying with the idea of starting a group for dog lovers, thoughts?",
            "yeah go ahead, call it Dogs on Tour",
            "create_group",
            "name",
            "Dogs on Tour",
        ),
        (
            "thinking about joining Outback Wanderers, any good?",
            "ok let's do it",
            "join_group",
            "group",
            "Outback Wanderers",
        ),
    ],
)
def test_a_go_ahead_does_the_act_mused_on(
    before: str, text: str, tool: str, arg: str, value: str
) -> None:
    assert route(before, text) == ["social"]
    assert only_call(step("social", before, text), tool)[arg] == value


@pytest.mark.parametrize(
    "text",
    [
        "thinking of making a group for Jayco owners what do you reckon",
        "considering starting a group for birdos, good idea?",
        "thinking about joining a convoy group, what do you think",
    ],
)
def test_a_plan_mused_on_with_an_opinion_asked_is_talk(text: str) -> None:
    assert talk_only(text)
    assert route(text) == ["general"]


# --- money of a year gone ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "insurance is due next month, we paid 1,100 last year",
        "the rego's coming up, paid 800 a year ago",
        "we spent 2,000 on the trip to Tassie two years ago, worth it",
        "paid 95 a night at Byron last year, crazy",
        "the service is due soon, it cost us 600 the year before",
    ],
)
def test_money_of_a_year_gone_writes_nothing(text: str) -> None:
    assert mood_told(text) == "past"
    assert writes(text) == []


def test_money_of_a_year_gone_asked_to_be_logged() -> None:
    assert writes("log the 780 for rego from last year please") == ["add_expense"]


# --- an outing named by what is done -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "delete the whale watching",
        "cancel the snorkelling",
        "delete the kayaking",
        "cancel the birdwatching",
        "remove the surfing",
        "delete the dolphin swimming",
    ],
)
def test_an_outing_taken_away_is_an_event(text: str) -> None:
    assert act_on_row(text) == "delete_event"
    assert route(text) == ["you"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("we usually camp near water, any free camps near Mildura", "find_places"),
        ("thinking of heading to Coober Pedy, any campsites there", "find_places"),
        (
            "in Broome we always fill up at the Puma, what's the weather there tomorrow",
            "weather_forecast",
        ),
    ],
)
def test_a_question_beside_a_custom_or_plan_still_reads(text: str, tool: str) -> None:
    assert tool in wanted(text)


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("anything on this weekend? also what's 25 celsius in fahrenheit", "list_events"),
        ("how far from Roma to Longreach? no need to save anything, just dreaming", "plan_trip"),
        ("the hubby reckons I should tell you we paid 38 for the laundromat today", "add_expense"),
    ],
)
def test_what_the_new_readings_leave_alone(text: str, tool: str) -> None:
    assert tool in wanted(text)


# --- a new user's try (try17): stock used, a kept vehicle's tank, a tick in a later clause -------


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("We used 6 eggs", "pantry"),
        ("the kids ate 2 tins of spaghetti", "pantry"),
        ("we went through a couple of loaves of bread", "pantry"),
        ("i cooked 3 packets of noodles", "pantry"),
        ("used half a bag of rice", "pantry"),
        ("The LandCruiser has a 180 litre tank", "vehicle"),
        ("my Hilux has an 80 litre tank", "vehicle"),
        ("our Troopy has got a 90 l main tank", "vehicle"),
        ("the Ranger's got a 140 litre tank", "vehicle"),
        ("the Coaster has a 100 litre diesel tank", "vehicle"),
        ("I bought milk, tick it off the shopping list", "shopping"),
        ("got the bread, cross it off the shopping list", "shopping"),
        ("picked up the eggs - can you take them off the shopping list", "shopping"),
        ("grabbed the coffee, so tick that off the shopping", "shopping"),
        ("the foil's bought. please strike it off the grocery list", "shopping"),
    ],
)
def test_what_no_tool_does_writes_nothing(text: str, family: str) -> None:
    assert unkept(text) == family
    assert writes(text) == []
    assert route(text) == ["general"]


@pytest.mark.parametrize(
    ("text", "tool"),
    [
        ("we used 40 litres of diesel today, 92 dollars", "log_fuel"),
        ("I've got a Hilux, it has an 80 litre tank, add it please", "add_vehicle"),
        ("bought milk, add bread to the shopping list", "add_to_shopping_list"),
    ],
)
def test_what_no_tool_does_leaves_the_rest(text: str, tool: str) -> None:
    assert tool in writes(text)
