"""Wheels tool calls from many phrasings."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.brain.support import only_call, step, subset

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("filled up 62L diesel for $130 at Dubbo, odo 145230", "log_fuel",
     {"litres": 62, "total_cost": 130, "odometer_km": 145230, "location": "Dubbo"}),
    ("put 55 litres in at $2.09/L", "log_fuel", {"litres": 55, "price_per_litre": 2.09}),
    ("fuelled up in Broken Hill, 70.5L for $150.20", "log_fuel",
     {"litres": 70.5, "total_cost": 150.2, "location": "Broken Hill"}),
    ("62.5L of diesel at 209.9c/L, odometer 98,765", "log_fuel",
     {"litres": 62.5, "price_per_litre": 2.099, "odometer_km": 98765}),
    ("60 litres unleaded yesterday $118", "log_fuel",
     {"litres": 60, "total_cost": 118, "date": "2026-03-09"}),
    ("Filled the tank: 80L, $172, odo 150,010 km", "log_fuel",
     {"litres": 80, "total_cost": 172, "odometer_km": 150010}),
    ("log a fuel fill of 45 litres at 2.15 a litre in Longreach", "log_fuel",
     {"litres": 45, "price_per_litre": 2.15, "location": "Longreach"}),
    ("how's my fuel economy", "fuel_stats", {}),
    ("what's my average L/100km lately?", "fuel_stats", {}),
    ("how much fuel have we used this month", "fuel_stats", {"start_date": "2026-03-01"}),
    ("show fuel stats for last month", "fuel_stats",
     {"start_date": "2026-02-01", "end_date": "2026-02-28"}),
    ("add my Troopy, 2012 Land Cruiser diesel 13.5L/100km", "add_vehicle",
     {"name": "Troopy", "year": 2012, "fuel_type": "diesel", "consumption_l_per_100km": 13.5}),
    ("add a new vehicle: 2019 Ford Ranger, diesel, 80 litre tank", "add_vehicle",
     {"name": "Ford Ranger", "year": 2019, "fuel_type": "diesel", "tank_litres": 80}),
    ("register our motorhome called Big Bertha, petrol, uses 18L/100km", "add_vehicle",
     {"name": "Big Bertha", "fuel_type": "petrol", "consumption_l_per_100km": 18}),
    ("oil change done at 150,000 km cost $180, next due 160,000", "log_maintenance",
     {"item": "oil change", "odometer_km": 150000, "cost": 180, "next_due_km": 160000}),
    ("had the Troopy serviced today, $650", "log_maintenance",
     {"cost": 650, "date": "2026-03-10"}),
    ("replaced the brake pads yesterday for $320", "log_maintenance",
     {"cost": 320, "date": "2026-03-09"}),
    ("log maintenance: tyre rotation at 152,300km", "log_maintenance", {"odometer_km": 152300}),
    ("what maintenance is due", "maintenance_due", {}),
    ("anything due on the van soon?", "maintenance_due", {}),
    ("when's my next service due", "maintenance_due", {}),
    ("plan a trip from Broome to Alice Springs via Tennant Creek", "plan_trip",
     {"origin": "Broome", "destination": "Alice Springs", "stops": ["Tennant Creek"]}),
    ("how far is it from Dubbo to Bourke", "plan_trip",
     {"origin": "Dubbo", "destination": "Bourke"}),
    ("plan a route from Adelaide to Darwin stopping at Coober Pedy and Alice Springs",
     "plan_trip", {"origin": "Adelaide", "destination": "Darwin",
                   "stops": ["Coober Pedy", "Alice Springs"]}),
    ("we're driving from Cairns to Cooktown next Monday", "plan_trip",
     {"origin": "Cairns", "destination": "Cooktown", "start_date": "2026-03-16"}),
    ("drive to Darwin from Katherine", "plan_trip",
     {"origin": "Katherine", "destination": "Darwin"}),
    ("show my trips", "list_trips", {}),
    ("weather in Birdsville this weekend", "weather_forecast",
     {"location": "Birdsville", "days": 6}),
    ("what's the forecast for Alice Springs for 5 days", "weather_forecast",
     {"location": "Alice Springs", "days": 5}),
    ("is it going to rain in Port Augusta tomorrow?", "weather_forecast",
     {"location": "Port Augusta"}),
    ("how hot will it be in Marble Bar", "weather_forecast", {"location": "Marble Bar"}),
    ("weather for coober pedy", "weather_forecast", {"location": "Coober Pedy"}),
    ("save this campsite Lake Eyre North as a campsite, 4 stars, share it", "save_place",
     {"name": "Lake Eyre North", "kind": "campsite", "rating": 4, "shared": True}),
    ("bookmark the dump point at Tamworth", "save_place",
     {"kind": "dump_point", "location": "Tamworth"}),
    ("save Bitter Springs near Mataranka as a free camp, rated 5 out of 5", "save_place",
     {"name": "Bitter Springs", "location": "Mataranka", "kind": "campsite", "rating": 5}),
    ("find dump points near Tamworth", "find_places", {"near": "Tamworth", "kind": "dump_point"}),
    ("any free camps around Mudgee within 50km?", "find_places",
     {"near": "Mudgee", "kind": "campsite", "radius_km": 50}),
    ("where can I get water near Coober Pedy", "find_places",
     {"near": "Coober Pedy", "kind": "water"}),
    ("find a mechanic in Katherine", "find_places", {"near": "Katherine", "kind": "mechanic"}),
    ("Log a service: $520 at Toowoomba, 160,200km, next one due at 170,200km",
     "log_maintenance", {"cost": 520, "odometer_km": 160200, "next_due_km": 170200}),
    ("how far's katherine from darwin", "plan_trip",
     {"origin": "Darwin", "destination": "Katherine"}),
    ("weather birdsville", "weather_forecast", {"location": "Birdsville"}),
    ("free camps within 30 km of Hay", "find_places",
     {"near": "Hay", "radius_km": 30, "kind": "campsite"}),
    ("is anything overdue for maintenance?", "maintenance_due", {}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tool", "args"), CASES)
def test_wheels_calls(text: str, tool: str, args: dict[str, Any]) -> None:
    got = only_call(step("wheels", text), tool)
    assert subset(got, args), got


def test_client_location_fills_a_missing_town() -> None:
    args = only_call(
        step("wheels", "what's the weather like tomorrow?", user_location="Dubbo, NSW, Australia"),
        "weather_forecast",
    )
    assert args == {"location": "Dubbo", "days": 2}


def test_there_is_the_place_named_last() -> None:
    args = only_call(
        step("wheels", "We're heading to Bourke tomorrow, what's the weather like there?"),
        "weather_forecast",
    )
    assert args["location"] == "Bourke"


def test_leaving_a_town_is_the_origin() -> None:
    args = only_call(step("wheels", "Leaving Dubbo today for Bourke, plan the trip"), "plan_trip")
    assert subset(args, {"origin": "Dubbo", "destination": "Bourke"})
