"""The client's time zone reaches a run however a LangGraph client sends it: in `context`,
or in `config.configurable` (which LangGraph reads as the context when none is given), or
only as the location it is at. A traveller now in Adelaide, whose profile says Sydney,
books dinner at 7 pm Adelaide time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from agent.brain import OfflineBrain
from tests.api.conftest import Serve, auth
from tests.api.test_agent_protocol_support import person, say, sdk

ADELAIDE = {"lat": -34.93, "lng": 138.6, "city": "Adelaide", "region": "SA"}


@pytest.mark.parametrize(
    ("how", "given"),
    [
        ("context", {"context": {"timezone": "Australia/Adelaide"}}),
        ("configurable", {"config": {"configurable": {"timezone": "Australia/Adelaide"}}}),
        ("location only", {"context": {"location": ADELAIDE}}),
    ],
)
async def test_an_event_is_booked_in_the_clients_zone(
    serve: Serve, how: str, given: dict[str, Any]
) -> None:
    name = person(f"tz-{how.replace(' ', '-')}")
    async with (
        serve(OfflineBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth(name), timeout=30) as rest,
    ):
        client = sdk(server.url, name)
        thread = await client.threads.create()
        state = await client.runs.wait(
            thread["thread_id"], "pam", input=say("dinner with Sam on Friday at 7pm"), **given
        )
        await client.aclose()
        soon = {"start_date": str(date.today()), "end_date": str(date.today() + timedelta(days=9))}
        listed = await rest.get("/api/v1/you/events", params=soon)
    assert listed.status_code == 200, listed.text
    events = listed.json()
    assert isinstance(state, dict) and "7:00 pm" in str(state["reply"])
    (event,) = events["events"]
    # The REST read shows it in the profile's zone (Sydney): the same instant.
    start = datetime.fromisoformat(event["start"]).astimezone(ZoneInfo("Australia/Adelaide"))
    assert (start.hour, start.minute, start.weekday()) == (19, 0, 4)


async def test_a_bad_location_in_configurable_is_named(serve: Serve) -> None:
    async with (
        serve(OfflineBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("tz-bad"), timeout=30) as rest,
    ):
        response = await rest.post(
            "/runs/wait",
            json={
                "assistant_id": "pam",
                "input": say("hi"),
                "config": {"configurable": {"location": {"lat": 200, "lng": 0}}},
            },
        )
    assert response.status_code == 422
    assert "config.configurable.location.lat" in response.text
