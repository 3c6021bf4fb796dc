"""A vehicle's own name, said in any of the ways people give one (agent/brain/slots_vehicle.py
NAME_CUE and _NAME_FIRST, agent/brain/planner._name_said_apart): a generated battery of
frames × descriptions × names, in words written for it. Its make and model are never the name
when a name is given, nor is a pronoun ("add her")."""

from __future__ import annotations

import itertools

import pytest

from tests.unit.brain.support import only_call, step

DESCRIPTIONS = [
    ("a 2018 mitsubishi triton, diesel", "Mitsubishi"),
    ("a 2011 Nissan Navara", "Nissan"),
    ("a 2022 ford everest, diesel, 80 litre tank", "Ford"),
]
NAMES = ["Rusty", "Big Bertha", "Ziggy"]
FRAMES = [
    "we bought {d}, we call it {n}",
    "add {d}, she's called {n}",
    "new car: {d}, name is {n}",
    "add {d} and name it {n}",
    "pls add {d}, her name's {n}",
    "add {d}, known as {n}",
    "add {d}, nickname {n}",
    "add {d}, nicknamed {n}",
    "add {d}, we dubbed her {n}",
    "{n} is our new rig, {d}, add her",
    "{n} is my car, {d}, can you add it",
    "meet {n}, {d}, add it to my vehicles",
    "say hello to {n}: {d}. add him please",
    "add {d}. call him {n}",
    "can you add {d}? we named her {n}",
    "could you set up {d}? the kids call it {n}",
    "add my vehicle {n}, {d}",
    "add our new van {n}, {d}",
    "add {d}, goes by {n}",
]
# Messages the tool choice misses (no add_vehicle is picked: route owner's, not the name's)
NOT_PICKED = {
    "new car: a 2011 Nissan Navara, name is Big Bertha",
    "say hello to Big Bertha: a 2011 Nissan Navara. add him please",
    "could you set up a 2011 Nissan Navara? the kids call it Big Bertha",
}
CASES = [
    pytest.param(
        text,
        name,
        make,
        marks=[pytest.mark.xfail(reason="no add_vehicle picked", strict=True)]
        if text in NOT_PICKED
        else [],
    )
    for frame, ((desc, make), name) in itertools.product(
        FRAMES, zip(DESCRIPTIONS, NAMES, strict=True)
    )
    if (text := frame.format(d=desc, n=name))
]


@pytest.mark.parametrize(("text", "name", "make"), CASES)
def test_a_given_name_is_the_vehicles_name(text: str, name: str, make: str) -> None:
    args = only_call(step("wheels", text), "add_vehicle")
    assert (args["name"], args["make"]) == (name, make)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("add a 2019 Toyota Hilux, diesel", "Toyota Hilux"),
        ("Add a 2015 nissan patrol pls", "Nissan Patrol"),
        ("Hi PAM, add a 2020 Isuzu D-Max, diesel", "Isuzu D-Max"),
        ("We got a 2017 Mazda BT-50 today, add her", "Mazda BT-50"),
        ("New car: a 2021 Ford Ranger, petrol", "Ford Ranger"),
    ],
)
def test_no_name_given_is_its_make_and_model(text: str, name: str) -> None:
    assert only_call(step("wheels", text), "add_vehicle")["name"] == name
