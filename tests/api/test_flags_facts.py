"""A flag rule targeting a profile fact, on real turns: a user who sets their units to
imperial through the profile endpoint (the real update_profile action) has the
imperial-only switch from their next turn; another user does not."""

from __future__ import annotations

import httpx
import pytest
from langchain_core.messages import AIMessage

from agent.flags import CATALOGUE
from server.flags.rules import FlagRule
from server.flags.store import save_rule
from tests.api.conftest import Serve, StreamingScriptedModel, auth
from tests.api.test_agent_protocol_support import person
from tests.api.test_flags_turns import clean_flags  # noqa: F401  (the fixture)
from tests.fakes import route

CHAT = "/api/v1/pam/chat"
PROFILE = "/api/v1/you/profile"
SOCIAL_PAUSED = CATALOGUE["domain.social"].paused
POSTING_PAUSED = CATALOGUE["action.create_post"].paused
FEED = "Here is your feed."


@pytest.mark.usefixtures("clean_flags")
async def test_a_rule_for_imperial_users_pauses_social_for_whoever_sets_imperial(
    serve: Serve,
) -> None:
    flo, otto = person("flo"), person("otto")
    model = StreamingScriptedModel()
    rule = FlagRule.model_validate(
        {"default": True, "value": False, "where": {"units": "imperial"}}
    )

    async def feed(c: httpx.AsyncClient) -> str:
        model.script[:] = [route("social"), AIMessage(FEED)]
        reply = (await c.post(CHAT, json={"message": "show my feed"})).json()["reply"]
        return str(reply)

    async with serve(model) as server:
        await save_rule(server.app.state.resources.pool, "domain.social", rule, "test")
        await server.app.state.resources.flags.reload()
        async with (
            httpx.AsyncClient(base_url=server.url, headers=auth(flo), timeout=30) as f,
            httpx.AsyncClient(base_url=server.url, headers=auth(otto), timeout=30) as o,
        ):
            metric_turn = await feed(f)
            set_units = await f.patch(PROFILE, json={"units": "imperial"})
            other_change = await o.patch(PROFILE, json={"currency": "USD"})
            imperial_turn = await feed(f)
            other_turn = await feed(o)
            back = await f.patch(PROFILE, json={"units": "metric"})
            metric_again = await feed(f)
    assert [r.status_code for r in (set_units, other_change, back)] == [200, 200, 200]
    assert set_units.json()["profile"]["units"] == "imperial"
    assert (metric_turn, imperial_turn, other_turn, metric_again) == (
        FEED,
        SOCIAL_PAUSED,
        FEED,
        FEED,
    )


@pytest.mark.usefixtures("clean_flags")
async def test_the_rest_api_honours_a_fact_rule_read_in_the_requests_own_transaction(
    serve: Serve,
) -> None:
    flo, otto = person("flo"), person("otto")
    post = {"content": "Sunset at Uluru", "visibility": "public"}
    rule = FlagRule.model_validate(
        {"default": True, "value": False, "where": {"currency": ["USD", "CAD"]}}
    )
    async with serve() as server:
        await save_rule(server.app.state.resources.pool, "action.create_post", rule, "test")
        await server.app.state.resources.flags.reload()
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as c:
            before = await c.post("/api/v1/social/posts", json=post, headers=auth(flo))
            await c.patch(PROFILE, json={"currency": "cad"}, headers=auth(flo))
            refused = await c.post("/api/v1/social/posts", json=post, headers=auth(flo))
            allowed = await c.post("/api/v1/social/posts", json=post, headers=auth(otto))
    assert before.status_code == 201
    assert refused.status_code == 503
    assert refused.json() == {"detail": POSTING_PAUSED, "code": "unavailable"}
    assert allowed.status_code == 201
