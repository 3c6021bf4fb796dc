"""Wheels over REST on a real server: vehicles, fuel logs and stats, maintenance."""

from __future__ import annotations

import asyncio

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel


async def test_vehicles_fuel_and_stats(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "erin") as (erin,):
        assert ok(await erin.get("/wheels/vehicles"))["vehicles"] == []
        troopy = ok(
            await erin.post(
                "/wheels/vehicles",
                json={"name": "Troopy", "make": "Toyota", "fuel_type": "diesel", "year": 2015},
            ),
            201,
        )["vehicle"]
        assert troopy["is_default"] is True and troopy["fuel_type"] == "diesel"
        ok(await erin.post("/wheels/vehicles", json={"name": "Ute", "fuel_type": "petrol"}), 201)
        names = [v["name"] for v in ok(await erin.get("/wheels/vehicles"))["vehicles"]]
        assert names == ["Troopy", "Ute"]  # the default first

        first = ok(
            await erin.post(
                "/wheels/fuel-logs",
                json={"litres": 60, "total_cost": 120, "odometer_km": 10000, "date": "2026-03-01"},
            ),
            201,
        )
        assert first["fuel_log"]["vehicle"] == "Troopy" and first["expense_id"]
        second = ok(
            await erin.post(
                "/wheels/fuel-logs",
                json={
                    "litres": 50,
                    "price_per_litre": 2,
                    "odometer_km": 10500,
                    "date": "2026-03-05",
                    "vehicle": "troopy",
                },
            ),
            201,
        )
        assert second["l_per_100km"] == 10.0  # 50 L over 500 km
        # The linked fuel expenses are real expenses.
        spent = ok(await erin.get("/wins/expenses", params={"category": "fuel"}))
        assert spent["count"] == 2 and spent["total"] == 220.0

        logs = ok(await erin.get("/wheels/fuel-logs"))["fuel_logs"]
        assert [log["date"] for log in logs] == ["2026-03-01", "2026-03-05"]
        march_5 = ok(await erin.get("/wheels/fuel-logs", params={"start_date": "2026-03-02"}))
        assert [log["litres"] for log in march_5["fuel_logs"]] == [50.0]

        stats = ok(
            await erin.get(
                "/wheels/fuel-stats", params={"start_date": "2026-03-01", "end_date": "2026-03-31"}
            )
        )
        assert stats["litres"] == 110.0 and stats["cost"] == 220.0


async def test_maintenance_and_what_is_due(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "finn") as (finn,):
        ok(await finn.post("/wheels/vehicles", json={"name": "Hilux"}), 201)
        ok(
            await finn.post(
                "/wheels/fuel-logs", json={"litres": 40, "total_cost": 80, "odometer_km": 49_500}
            ),
            201,
        )
        service = ok(
            await finn.post(
                "/wheels/maintenance",
                json={
                    "item": "Oil change",
                    "cost": 150,
                    "odometer_km": 40_000,
                    "next_due_km": 50_000,
                },
            ),
            201,
        )
        assert service["maintenance"]["item"] == "Oil change"
        assert service["maintenance"]["expense_id"]
        records = ok(await finn.get("/wheels/maintenance"))["maintenance"]
        assert [r["item"] for r in records] == ["Oil change"]
        due = ok(await finn.get("/wheels/maintenance/due", params={"within_km": 1000}))
        assert [d["item"] for d in due["due"]] == ["Oil change"]
        assert due["due"][0]["km_left"] == 500.0
        nothing = ok(await finn.get("/wheels/maintenance/due", params={"within_km": 100}))
        assert nothing["due"] == []


async def test_another_users_vehicle_is_not_found(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel()) as server,
        clients(server, "gus", "hana") as (
            gus,
            hana,
        ),
    ):
        van = ok(await gus.post("/wheels/vehicles", json={"name": "Coaster"}), 201)["vehicle"]
        for ref in ("Coaster", van["id"]):
            error(
                await hana.post(
                    "/wheels/fuel-logs", json={"litres": 10, "total_cost": 20, "vehicle": ref}
                ),
                404,
                "not_found",
            )
            error(await hana.get("/wheels/fuel-stats", params={"vehicle": ref}), 404)
        assert ok(await hana.get("/wheels/vehicles"))["vehicles"] == []
        assert ok(await hana.get("/wheels/fuel-logs")) == {"fuel_logs": []}


async def test_wheels_bad_input_is_a_clear_4xx(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "ivan") as (ivan,):
        error(await ivan.post("/wheels/vehicles", json={"name": ""}), 422)
        error(await ivan.post("/wheels/vehicles", json={"name": "X", "fuel_type": "steam"}), 422)
        error(await ivan.post("/wheels/vehicles", json={"name": "X", "year": "old"}), 422)
        error(await ivan.post("/wheels/fuel-logs", json={"litres": -1, "total_cost": 5}), 422)
        error(await ivan.get("/wheels/fuel-logs", params={"start_date": "31/12/2026"}), 422)
        error(await ivan.get("/wheels/maintenance/due", params={"within_days": -1}), 422)
        error(await ivan.post("/wheels/maintenance", json={"cost": 10}), 422)


async def test_tyre_pressures_in_the_users_units(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "jo", "kit") as (jo, kit):
        ok(await jo.post("/wheels/vehicles", json={"name": "Ranger"}), 201)
        ok(await jo.patch("/you/profile", json={"units": "imperial"}))
        cold = ok(
            await jo.post(
                "/wheels/tyre-pressures", json={"pressures": 36, "cold": True, "date": "2026-03-01"}
            ),
            201,
        )
        assert cold["reading"]["unit"] == "psi" and cold["reading"]["rear_left"] == 36.0
        # Given in kPa, answered in psi; 200 kPa is 29 psi, more than 15 % below 36.
        low = ok(
            await jo.post(
                "/wheels/tyre-pressures",
                json={"pressures": {"all_round": 248, "rear_left": 200}, "unit": "kpa"},
            ),
            201,
        )
        assert low["flagged"] == ["rear_left"] and low["reading"]["rear_left"] == 29.0
        history = ok(await jo.get("/wheels/tyre-pressures", params={"vehicle": "Ranger"}))
        assert [r["rear_left"] for r in history["readings"]][:2] == [29.0, 36.0]
        assert history["summary"].startswith("Tyre pressures for Ranger, newest first (psi)")

        assert ok(await kit.get("/wheels/tyre-pressures"))["readings"] == []
        error(await kit.get("/wheels/tyre-pressures", params={"vehicle": "Ranger"}), 404)
        error(await kit.post("/wheels/tyre-pressures", json={"pressures": 36}), 400, "invalid")
        error(await jo.post("/wheels/tyre-pressures", json={"pressures": {"spare": 30}}), 422)
        error(await jo.get("/wheels/tyre-pressures", params={"limit": 0}), 422)


async def test_every_read_route_says_it_changed_nothing(serve: Serve) -> None:
    """Every GET of an action route, from the server's own schema, answers `changed:
    false` for a user with rows to read (tyre-pressure history said true: its action was
    not marked read-only, which also left MCP's readOnlyHint off)."""
    async with serve(ScriptedChatModel()) as server, clients(server, "ned") as (ned,):
        ok(await ned.post("/wheels/vehicles", json={"name": "Troopy"}), 201)
        ok(await ned.post("/wheels/tyre-pressures", json={"pressures": 38, "unit": "psi"}), 201)
        ok(await ned.post("/you/tasks", json={"title": "Grease the bearings"}), 201)
        schema = ok(await ned.get(f"{server.url}/openapi.json"))
        domains = {"wins", "wheels", "you", "social"}
        reads = [
            path.removeprefix("/api/v1")
            for path, methods in schema["paths"].items()
            if "get" in methods and set(path.split("/")[3:4]) & domains
        ]
        assert "/wheels/tyre-pressures" in reads and len(reads) >= 15
        reads.remove("/wheels/weather")  # a forecast service's, not the user's rows
        needs = {"/wheels/places": {"near": "Broome"}}
        for path in reads:
            body = ok(await ned.get(path, params=needs.get(path, {})))
            if "changed" in body:  # the profile is a plain row, not an action's result
                assert body["changed"] is False, (path, body["summary"])


async def test_a_fill_far_over_the_tank_is_refused(serve: Serve) -> None:
    """A slipped decimal (950 L for 95.0 into a 180 L Troopy) was logged, with its $1,400
    fuel expense and a wild economy figure. More than twice the tank the vehicle has is
    refused, naming litres, and nothing is written; a fill with jerry cans still fits."""
    async with serve(ScriptedChatModel()) as server, clients(server, "sam") as (sam,):
        ok(await sam.post("/wheels/vehicles", json={"name": "Troopy", "tank_litres": 180}), 201)
        ok(await sam.post("/wheels/vehicles", json={"name": "Ute"}), 201)  # tank unknown
        refused = error(
            await sam.post(
                "/wheels/fuel-logs", json={"litres": 950, "total_cost": 1400, "vehicle": "Troopy"}
            ),
            400,
            "invalid",
        )
        assert "950" in refused["detail"] and "180" in refused["detail"], refused
        assert ok(await sam.get("/wins/expenses"))["expenses"] == []
        assert ok(await sam.get("/wheels/fuel-logs"))["fuel_logs"] == []
        fill = {"litres": 220, "total_cost": 400, "vehicle": "Troopy"}  # tanks and jerry cans
        ok(await sam.post("/wheels/fuel-logs", json=fill), 201)
        ok(
            await sam.post(
                "/wheels/fuel-logs",
                json={**fill, "litres": 950, "total_cost": 1400, "vehicle": "Ute"},
            ),
            201,
        )


async def test_a_vehicles_details_corrected(serve: Serve) -> None:
    """try17: a vehicle's details could not be put right after it was added ("the
    LandCruiser has a 180 litre tank" in chat added a second vehicle called LandCruiser).
    PATCH /wheels/vehicles/{id} corrects its name, make, model, year, fuel, tank or
    consumption, or makes it the default; a name another of the user's vehicles has is a
    409, another user's vehicle a 404, and a refused change changes nothing."""
    async with serve(ScriptedChatModel()) as server, clients(server, "vic", "max") as (vic, mal):
        cruiser = ok(
            await vic.post("/wheels/vehicles", json={"name": "Jayco LandCruiser 200"}), 201
        )["vehicle"]
        van = ok(await vic.post("/wheels/vehicles", json={"name": "Van"}), 201)["vehicle"]
        path = f"/wheels/vehicles/{cruiser['id']}"
        fixed = ok(
            await vic.patch(
                path,
                json={"name": "LandCruiser", "make": "Toyota", "tank_litres": 180,
                      "fuel_type": "diesel", "consumption_l_per_100km": 16.5},
            )
        )  # fmt: skip
        got = fixed["vehicle"]
        assert (got["name"], got["make"], got["tank_litres"]) == ("LandCruiser", "Toyota", 180.0)
        assert (got["fuel_type"], got["consumption_l_per_100km"]) == ("diesel", 16.5)
        assert fixed["changed"] is True and "LandCruiser" in fixed["summary"], fixed
        again = ok(await vic.patch(path, json={"tank_litres": 180}))
        assert again["changed"] is False, again
        error(await mal.patch(path, json={"tank_litres": 1}), 404, "not_found")
        taken = error(await vic.patch(path, json={"name": "van"}), 409, "conflict")
        assert "Van" in taken["detail"], taken
        error(await vic.patch(path, json={}), 400, "invalid")
        error(await vic.patch(path, json={"tank_litres": -1}), 422)
        error(await vic.patch(path, json={"is_default": False}), 422)
        default = ok(await vic.patch(f"/wheels/vehicles/{van['id']}", json={"is_default": True}))
        assert default["vehicle"]["is_default"] is True, default
        listed = ok(await vic.get("/wheels/vehicles"))["vehicles"]
        assert [(v["name"], v["is_default"], v["tank_litres"]) for v in listed] == [
            ("Van", True, None),
            ("LandCruiser", False, 180.0),
        ]
        fill = ok(
            await vic.post(
                "/wheels/fuel-logs",
                json={"litres": 150, "price_per_litre": 2, "vehicle": "LandCruiser"},
            ),
            201,
        )
        assert fill["fuel_log"]["vehicle"] == "LandCruiser", fill


async def test_adds_of_one_vehicle_at_once_are_one_vehicle_and_named_conflicts(
    serve: Serve,
) -> None:
    """try18: five adds of "Coaster" at once made one vehicle, and the four that lost the
    race to the unique index were told "That already exists." where the same add a moment
    later is told the vehicle's name."""
    async with serve(ScriptedChatModel()) as server, clients(server, "cas") as (cas,):
        # A first write makes the user's row: a new user's writes wait on its making.
        ok(await cas.post("/wheels/vehicles", json={"name": "Troopy"}), 201)
        coaster = {"name": "Coaster"}
        answers = await asyncio.gather(
            *(cas.post("/wheels/vehicles", json=coaster) for _ in range(5))
        )
        assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409]
        for lost in (a for a in answers if a.status_code == 409):
            assert (
                error(lost, 409, "conflict")["detail"]
                == "You already have a vehicle called Coaster."
            )
        names = sorted(v["name"] for v in ok(await cas.get("/wheels/vehicles"))["vehicles"])
        assert names == ["Coaster", "Troopy"]
