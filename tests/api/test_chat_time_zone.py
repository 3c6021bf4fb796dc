"""A chat turn's client time zone and the profile: the first profile row takes the
device's zone when the user gave none, so clients that send no zone read the same day."""

from __future__ import annotations

import httpx

from agent.brain import OfflineBrain
from tests.api.conftest import Serve, auth


async def test_a_first_profile_takes_the_devices_time_zone(serve: Serve) -> None:
    """try18: a traveller in Perth whose first profile change was the currency got the
    default zone (Sydney), which reminders, the doors and a terminal on UTC then read
    "today" in. A later device's zone changes nothing stored."""
    async with (
        serve(OfflineBrain()) as server,
        httpx.AsyncClient(base_url=server.url, headers=auth("tz-first"), timeout=30) as http,
    ):

        async def say(message: str, zone: str) -> str:
            body = {"message": message, "context": {"timezone": zone}}
            answer = await http.post("/api/v1/pam/chat", json=body)
            assert answer.status_code == 200, answer.text
            return str(answer.json()["reply"])

        first = await say("set my currency to NZD", "Australia/Perth")
        assert "time zone Australia/Perth (this device's)" in first, first
        await say("set my units to imperial", "Australia/Adelaide")
        profile = (await http.get("/api/v1/you/profile")).json()
    assert (profile["currency"], profile["units"]) == ("NZD", "imperial")
    assert profile["timezone"] == "Australia/Perth"
