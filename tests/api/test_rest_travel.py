"""Wheels on the road over REST: trips, the weather (against a real local stand-in for
Open-Meteo) and saved places."""

from __future__ import annotations

from tests.api.conftest import Serve
from tests.api.rest_support import clients, error, ok
from tests.fakes import ScriptedChatModel
from tests.integration.tools.wheels_support import Reply, Request, closed_port_url, fake_service


def forecast(request: Request) -> Reply:
    days = int(request.query["forecast_days"])
    return Reply(
        body={
            "daily": {
                "time": [f"2026-03-{10 + i:02d}" for i in range(days)],
                "temperature_2m_max": [31.0] * days,
                "temperature_2m_min": [18.0] * days,
                "precipitation_sum": [0.0] * days,
                "precipitation_probability_max": [5] * days,
                "wind_speed_10m_max": [20.0] * days,
                "weather_code": [0] * days,
            }
        }
    )


async def test_a_trips_figures_are_numbers(serve: Serve) -> None:
    """try17 (left by earlier tries): a trip's distance, hours, litres and cost came back
    as strings ("803.3"), and so did the consumption and price it assumed, where every
    other route's figures (an expense's amount, a fuel log's litres, a place's distance)
    are JSON numbers; a client adding legs up joined text. Now they are numbers, planned
    or listed, the trip's and each leg's."""
    async with serve(ScriptedChatModel()) as server, clients(server, "fig") as (fig,):
        planned = ok(
            await fig.post(
                "/wheels/trips",
                json={"origin": "-30,150", "destination": "-32,150", "stops": ["-31,150"]},
            ),
            201,
        )
        assumed = (planned["consumption_l_per_100km"], planned["price_per_litre"])
        assert all(type(f) is float for f in assumed), planned
        planned = planned["trip"]
        listed = ok(await fig.get("/wheels/trips"))["trips"]
        for trip in (planned, *listed):
            for part in (trip, *trip["legs"]):
                figures = [part[k] for k in ("distance_km", "driving_hours", "fuel_litres")]
                figures.append(part["fuel_cost"])
                assert all(type(f) is float for f in figures), part
            legs = sum(leg["distance_km"] for leg in trip["legs"])
            assert abs(legs - trip["distance_km"]) < 0.11, trip
        assert planned["distance_km"] == 278.0  # two legs of 139.0 km (1° × 1.25)


async def test_trips_planned_and_listed(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "jo") as (jo,):
        planned = ok(
            await jo.post(
                "/wheels/trips",
                json={"origin": "-30,150", "destination": "-32,150", "stops": ["-31,150"]},
            ),
            201,
        )
        trip = planned["trip"]
        assert trip["distance_source"] == "estimate"  # no ROUTING_URL: labelled estimate
        assert len(trip["legs"]) == 2 and planned["ids"] == [trip["id"]]
        listed = ok(await jo.get("/wheels/trips"))
        assert [t["id"] for t in listed["trips"]] == [trip["id"]]
        assert ok(await jo.get("/wheels/trips", params={"status": "done"}))["trips"] == []
        error(await jo.get("/wheels/trips", params={"status": "someday"}), 422)
        error(await jo.post("/wheels/trips", json={"origin": "-30,150"}), 422)
        # POST creates: `save` is the tool's, not the route's (no 201 that saved nothing).
        error(
            await jo.post(
                "/wheels/trips", json={"origin": "-30,150", "destination": "-31,150", "save": False}
            ),
            422,
        )
        assert len(ok(await jo.get("/wheels/trips"))["trips"]) == 1
        unknown = error(
            await jo.post("/wheels/trips", json={"origin": "Qwxzzy", "destination": "Bourke"}),
            404,
            "not_found",
        )
        assert "Qwxzzy" in unknown["detail"]


async def test_weather_from_the_configured_service(serve: Serve) -> None:
    with fake_service(forecast) as weather:
        settings = {"weather_url": f"{weather.url}/v1/forecast"}
        async with (
            serve(ScriptedChatModel(), **settings) as server,
            clients(server, "kim") as (kim,),
        ):
            result = ok(await kim.get("/wheels/weather", params={"location": "Bourke", "days": 2}))
            assert result["location"].startswith("Bourke")
            assert [d["date"] for d in result["days"]] == ["2026-03-10", "2026-03-11"]
            error(await kim.get("/wheels/weather", params={"location": "Bourke", "days": 99}), 422)
            error(await kim.get("/wheels/weather"), 422)
    assert [r.query["forecast_days"] for r in weather.requests] == ["2"]


async def test_weather_service_down_is_503(serve: Serve) -> None:
    settings = {"weather_url": f"{closed_port_url()}/v1/forecast"}
    async with serve(ScriptedChatModel(), **settings) as server, clients(server, "lee") as (lee,):
        down = error(await lee.get("/wheels/weather", params={"location": "Bourke"}), 503)
        assert down["code"] == "unavailable" and "weather" in down["detail"].lower()


async def test_places_saved_and_found_nearest_first(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, clients(server, "mia", "ned") as (mia, ned):
        near = ok(
            await mia.post(
                "/wheels/places",
                json={"name": "Near tap", "location": "-40.1,150.0", "kind": "water"},
            ),
            201,
        )["place"]
        ok(
            await mia.post(
                "/wheels/places",
                json={"name": "Far camp", "location": "-40.9,150.0", "kind": "campsite"},
            ),
            201,
        )
        found = ok(await mia.get("/wheels/places", params={"near": "-40,150", "radius_km": 200}))[
            "places"
        ]
        assert [p["name"] for p in found[:2]] == ["Near tap", "Far camp"]
        assert found[0]["id"] == near["id"] and found[0]["mine"] is True
        camps = ok(await mia.get("/wheels/places", params={"near": "-40,150", "kind": "water"}))
        assert [p["name"] for p in camps["places"]] == ["Near tap"]
        # Another traveller never sees private places.
        theirs = ok(await ned.get("/wheels/places", params={"near": "-40,150", "radius_km": 200}))
        assert not {p["name"] for p in theirs["places"]} & {"Near tap", "Far camp"}
        error(await mia.get("/wheels/places", params={"near": "-40,150", "radius_km": 0}), 422)
        error(
            await mia.post("/wheels/places", json={"name": "X", "location": "Y", "kind": "castle"}),
            422,
        )
