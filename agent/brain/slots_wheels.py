"""Arguments of the wheels tools from a piece of a message."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from agent.brain import measures, values
from agent.brain.clock import add_months
from agent.brain.convo import Env
from agent.brain.draft import Draft, blank, tidy
from agent.brain.money import bare_numbers, find_amounts, spoken_pair, spoken_price
from agent.brain.places import (
    capitalised_place,
    known_town,
    named_town,
    place_after,
    trip_places,
)
from agent.brain.ranges import forecast_days
from agent.brain.slots_vehicle import vehicle_named
from agent.brain.textutil import title_case

_I = re.IGNORECASE
_FUEL_TYPES = {"diesel": "diesel", "petrol": "petrol", "unleaded": "petrol", "lpg": "lpg"}
_FUEL_TYPES |= {"electric": "electric", "ev": "electric", "gas": "lpg", "ulp": "petrol"}


def log_fuel(text: str, env: Env) -> Draft:
    draft = Draft("log_fuel")
    litres, price, odo = measures.litres(text), measures.price_per_litre(text), None
    odo = measures.odometer(text)
    cut = blank(text, [(h.start, h.end) for h in (litres, price, odo) if h])
    draft.put("litres", litres.value if litres else None)
    # With the litres, price and odometer cut out, a bare figure left in a fill is its
    # total ("dropped 64.90 on diesel, 48 litres"), whatever verb came before it.
    cost = values.amount(cut, loose=True)
    pair = spoken_pair(cut, hundreds=True)
    if pair and pair.value > 20 and (cost is None or pair.start <= cost.start < pair.end):
        cost = pair  # "90 litres, one seventy five (total)": a fill is not $1.75
    if cost and cost.value > 20:
        draft.put("total_cost", cost.value)
        if litres is None and (paid := measures.litres_paid(text, cost.value)):
            litres = paid  # "$102.50 at 2.05 a litre": 50 litres
            draft.put("litres", paid.value)
    elif price:
        draft.put("price_per_litre", price.value)
    draft.put("odometer_km", odo.value if odo else None)
    day = values.day(cut, env.today, future=False)
    draft.put("date", (day.day if day else env.today).isoformat())  # no day said: today
    if vehicle := vehicle_named(cut, env):
        draft.put("vehicle", vehicle[0])
        cut = blank(cut, [vehicle[1:]])
    draft.put("location", _fuel_stop(cut))
    draft.missing = None if litres else "litres"
    return draft


def _fuel_stop(text: str) -> str | None:
    """Where a fill was: the town among the places named ("at the BP in Gundagai")."""
    places = []
    # ("rolled into Coober Pedy", "pulled into Hay": where the fill was arrived at)
    while place := place_after(text, r"at|in|into(?=\s+(?-i:[A-Z]))"):
        places.append(place[0])
        text = blank(text, [(place[1], place[2])])
    found = next((p for p in places if known_town(p)), places[0] if places else None)
    return found or named_town(text) or _town_last(text)


def _town_last(text: str) -> str | None:
    """ "diesel 142 roma": a town the map knows as the message's last words (a log typed
    in shorthand names the town with no "at" or "in")."""
    words = re.findall(r"[A-Za-z][\w'.-]*", text.rstrip(" .!?")[-40:])
    for n in (3, 2, 1):
        tail = " ".join(words[-n:])
        if len(words) >= n and (town := known_town(tail)) and town == tail:
            return title_case(town)
    return None


def fuel_stats(text: str, env: Env) -> Draft:
    draft = Draft("fuel_stats")
    if span := values.period(text, env.today):
        draft.put("start_date", span.start.isoformat())
        draft.put("end_date", min(span.end, env.today).isoformat())
    if vehicle := vehicle_named(text, env):
        draft.put("vehicle", vehicle[0])
    return draft


_SERVICE_NAMED = re.compile(
    r"\s*(?:k|km|kms|klm)?\s*(?:service|check|inspection|interval|major|minor|logbook)\b", _I
)


_SERVICED = re.compile(
    r"(?i:(?:serviced|service|servicing)(?:\s+(?:the|our|my)\s+[\w-]+)?"
    r"|(?:(?:had|got)\s+)?(?:it|her|him|the\s+[\w-]+|[\w-]+)\s+serviced)"
)
# Words that name the work done in a service
_WORK_NAMED = re.compile(
    r"\b(?:oil|filters?|tyres?|tires?|brakes?|pads|rotors|belts?|coolant|plugs|bearings|wipers"
    r"|battery|alignment|rotation|grease|fluids?|diffs?|gearbox|transmission|injectors?)\b",
    _I,
)


# "in 12 months", "in a year", "in six weeks" (by then "6 weeks"): a next time as an interval
_INTERVAL = re.compile(
    r"\s*(?:is\s+|'s\s+)?(?:again\s+)?(?:in|after)\s+(?:another\s+)?(?P<n>\d{1,3}|an?|one)\s+"
    r"(?P<unit>days?|weeks?|months?|years?)\b(?!\s+(?:ago|back)\b)",
    _I,
)
_COUNT = {"a": 1, "an": 1, "one": 1}


def log_maintenance(text: str, env: Env) -> Draft:
    draft = Draft("log_maintenance")
    if vehicle := vehicle_named(text, env):
        draft.put("vehicle", vehicle[0])
        text = blank(text, [vehicle[1:]])
    due = measures.next_due_km(text)
    rest = blank(text, [(due.start, due.end)]) if due else text
    odo = measures.odometer(rest)
    cut = blank(rest, [(odo.start, odo.end)]) if odo else rest
    draft.put("odometer_km", odo.value if odo else None)
    # "next in 10k" at 184,500 on the clock: a next reading below the one just given can
    # only be the interval, so it is counted on from the odometer
    ahead = due.value + odo.value if due and odo and due.value < odo.value else None
    draft.put("next_due_km", ahead or (due.value if due else None))
    # "next one due in March", "get them checked again on the 15th of January": a date
    # after words of the next time is when it is due, not when it was done
    m = re.search(
        r"\bnext\b.*?\bdue\b(.*)$|\b(?:again|due|recheck\w*|re-check\w*)\b(.*)$"
        # "next one in 6 months", "next service's in March": the next time named, then when
        r"|\bnext\s+(?:one|time|(?:\w+\s+)?(?:service|change|check|inspection))(?:'s|\s+is)?"
        r"(\s+(?:in|on|by|around|about|at the end of|end of|mid)\b.*)$",
        text,
        _I,
    )
    m = m if due is None else None
    if m and (nd := values.day(m[1] or m[2] or m[3], env.today, future=True)):
        draft.put("next_due_date", nd.day.isoformat())
        cut = cut[: m.start()]
    day = values.day(cut, env.today, future=False)
    cost = find_amounts(cut)
    if pair := spoken_price(cut, hundreds=True):
        cost = [pair]  # "oil change two twenty": work on a vehicle is never $2.20
    if not cost or not odo:  # bare numbers: an odometer reading is big, a price is not
        dated = blank(cut, [(day.start, day.end)]) if day else cut
        bare = [b for b in bare_numbers(dated) if b.value >= 10 and b not in cost]
        # ("its 150k service": a service named by its distance is no reading of the odometer)
        readings = [b for b in bare if b.value >= 10000 and not _SERVICE_NAMED.match(dated, b.end)]
        if not odo and (big := next(iter(readings), None)):
            draft.put("odometer_km", big.value)
            cut = blank(cut, [(big.start, big.end)])
            bare.remove(big)
        if not cost:
            cost = [b for b in bare if b.value < 10000][:1]
    draft.put("cost", cost[0].value if cost else None)
    draft.put("date", day.day.isoformat() if day else None)
    # "done on the 2nd ... next due in 12 months": an interval is counted on from the day the
    # work was done, not from today
    if (
        m
        and day
        and draft.args.get("next_due_date")
        and (after := _INTERVAL.match(m[1] or m[2] or m[3])) is not None
    ):
        n = _COUNT.get(after["n"].lower()) or int(after["n"])
        unit = after["unit"][0].lower()
        if unit in "my":
            due_day = add_months(day.day, n * (12 if unit == "y" else 1))
        else:
            due_day = day.day + timedelta(days=n * (7 if unit == "w" else 1))
        draft.put("next_due_date", due_day.isoformat())
    spans = [(a.start, a.end) for a in cost] + ([(day.start, day.end)] if day else [])
    cut = blank(cut, spans)
    parts = re.split(
        r"\b(?:done|at|cost|costing|for|on|today|yesterday|odo|km|was|and next|log|logged)\b|[,:]",
        cut,
    )
    lead = r"log|logged|record|had|got|needed|finally|the|a|an|did|just|maintenance|we|i|my|our"
    # The first phrase that names work: "log some maintenance" names none (ask what).
    vague = r"(?:some|something|a bit|stuff|work|a job|some work|it|that)?"
    said = [p for p in (tidy(p, lead) for p in parts) if not re.fullmatch(vague, p, _I)]
    item = said[0] if said else ""
    if (
        dashed := re.fullmatch(rf"({_SERVICED.pattern})\s+[-–]\s+(.+)", item)
    ) and _WORK_NAMED.search(dashed[2]):
        said = [dashed[1], dashed[2], *said[1:]]  # "her serviced - tyres rotated …"
        item = dashed[1]
    if re.fullmatch(_SERVICED, item) and (
        work := next((p for p in said[1:] if _WORK_NAMED.search(p)), None)
    ):
        # "serviced the LandCruiser today …, oil and filters $420": the work the service was
        item = f"Service: {work[0].lower()}{work[1:]}"
    if named := re.search(
        r"\b\d{1,3}(?:,?\d{3})?\s*(?:k|km|kms)\s+(?:service|check|inspection)\b", text, _I
    ):
        item = named[0]  # "the 10,000 km service": the work's name holds its interval
    if item:  # "repacked ($180)": brackets emptied of the cost they held
        item = re.sub(r"\s*[(\[]\s*[)\]]", "", item).strip()
    draft.put("item", item or None)
    draft.missing = None if item else "item"
    return draft


# A period joined to a distance by "or"/"and"/"/": "the next 3,000 km or 60 days".
_OR_PERIOD = re.compile(
    r"\b\d[\d,]*\s*(?:k|km|kms|kilomet\w+|miles?|mi)\s*(?:,\s*)?(?:or|and|/)\s*"
    r"(?:within\s+|in\s+)?(?P<period>(?:\d+|an?|one|a couple of|a few)\s*"
    r"(?:days?|weeks?|fortnights?|months?))\b(?!\s+(?:later|ago|back|before)\b)",
    _I,
)


def maintenance_due(text: str, env: Env) -> Draft:
    draft = Draft("maintenance_due")
    days = values.days_ahead(text)
    if days is None and (joined := _OR_PERIOD.search(text)):
        # "in the next 3,000 km or 60 days": the period joined to the distance shares its
        # "next" (the distance's cue reads both limits)
        days = values.days_ahead(f"next {joined['period']}")
    draft.put("within_days", days)
    if m := re.search(r"\b(\d[\d,]*)\s*(km|kms|k|kilomet\w+|miles?|mi)\b", text, _I):
        said = int(m[1].replace(",", ""))
        miles = m[2].lower().startswith("mi")  # asked in km ("in the next 3,000 miles")
        km = (said * measures.KM_PER_MILE).quantize(Decimal("0.01")) if miles else said
        draft.put("within_km", km)
    return draft


# Asking to keep the trip: "plan a trip", "map out", "save that trip", "add it to my trips".
_KEEP_TRIP = re.compile(
    r"\b(?:plan|planning|planned|map(?:ping)? out|save|book|keep|lock in|prepare|organi[sz]e"
    r"|arrange|set up|put together|create|schedule|sort out|line up)\b"
    r"|\b(?:add|put|pop|stick|whack)\b.{0,20}\b(?:trips?|itinerary)\b",
    _I,
)
# Asking only for figures: how far, how long, the distance, the time, the fuel or its cost.
_TRIP_QUESTION = re.compile(
    r"^\s*(?:how|what|what's|whats|is|are|would|will|roughly|about)\b|\?\s*$"
    r"|\bhow (?:far|long|many|much)\b|\b(?:distance|kms?|kilomet\w+|miles|hours?)\b"
    r"|\b(?:fuel|diesel|petrol|unleaded|juice)\b.{0,25}\bcost\b|\bcost\b.{0,25}\bfuel\b",
    _I,
)


# Saying not to keep it: "no need to save anything", "don't save it", "without saving".
_NO_KEEP = re.compile(
    r"\b(?:no need to|don'?t|do not|dont|not|never|without|no)\s+"
    r"(?:(?:need|bother|want|have|worry)(?:\s+(?:to|about|with))?\s+)?"
    r"(?:sav(?:e|ing)|keep(?:ing)?|book(?:ing)?|log(?:ging)?|record(?:ing)?)\b"
    r"|\bnothing to (?:save|keep)\b|\bjust (?:dreaming|curious|wondering)\b|\bonly dreaming\b",
    _I,
)


def trip_save(text: str) -> bool:
    """plan_trip's `save`: a request to plan or keep the trip saves it; a question about
    distance, time or fuel only answers (TOOLS.md: no unrequested writes); anything else
    ("we're driving to Cooktown Monday") is a trip being planned, the contract's default.
    Saying not to keep it ("no need to save anything, just dreaming") never saves."""
    if _NO_KEEP.search(text):
        return False
    if _KEEP_TRIP.search(text):
        return True
    return not _TRIP_QUESTION.search(text)


def plan_trip(text: str, env: Env) -> Draft:
    draft = Draft("plan_trip")
    draft.put("save", trip_save(text))
    if vehicle := vehicle_named(text, env):
        draft.put("vehicle", vehicle[0])
        text = blank(text, [vehicle[1:]])
    origin, dest, stops = trip_places(text)
    if origin is None and dest and env.location:
        origin = env.location
    draft.put("origin", origin)
    draft.put("destination", dest)
    draft.put("stops", stops or None)
    if day := values.day(text, env.today, future=True):
        draft.put("start_date", day.day.isoformat())
    draft.missing = "destination" if not dest else None if origin else "origin"
    return draft


def list_trips(text: str, env: Env) -> Draft:
    draft = Draft("list_trips")
    status = re.search(
        r"\b(planned|upcoming|active|current|done|past|completed|finished)\b", text, _I
    )
    names = {"upcoming": "planned", "current": "active", "past": "done", "completed": "done"}
    if status:
        draft.put("status", names.get(status[1].lower(), status[1].lower()))
    return draft


def weather_forecast(text: str, env: Env) -> Draft:
    draft = Draft("weather_forecast")
    places = []  # every place named after a weather word, the first the map knows first
    rest = text
    while place := place_after(
        rest, "in|at|for|near|around|over|to|about|weather|forecast|temps?|temperature", town=True
    ):
        places.append(place[0])
        rest = blank(rest, [(place[1], place[2])])
    known = next((p for p in places if known_town(p)), None)
    location = (
        known or named_town(text) or (places[0] if places else None) or capitalised_place(text)
    ) or env.location
    draft.put("location", title_case(location) if location else None)
    draft.put("days", forecast_days(text, env.today))
    draft.missing = None if location else "location"
    return draft
