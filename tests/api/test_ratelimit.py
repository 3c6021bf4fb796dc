"""Rate limits on a real server: per user and per route class, 429 JSON with
Retry-After, exempt probes, per-IP counting without a valid token, the WebSocket hook,
Redis counters shared by instances, and memory when Redis is down."""

from __future__ import annotations

import uuid

import httpx
import pytest

from server.ratelimit import hit
from tests.api.conftest import Serve, auth
from tests.api.rest_support import error, new_user, ok
from tests.fakes import ScriptedChatModel
from tests.integration.tools.wheels_support import closed_port_url


def assert_limited(response: httpx.Response, window_s: int = 60) -> None:
    error(response, 429, "rate_limited")
    assert 1 <= int(response.headers["retry-after"]) <= window_s
    assert response.headers["x-request-id"]


async def test_each_user_has_their_own_api_budget(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel(), rate_limit_api="3/minute") as server,
        httpx.AsyncClient(base_url=f"{server.url}/api/v1") as c,
    ):
        alice, bob = auth(new_user("alice")), auth(new_user("bob"))
        for _ in range(3):
            ok(await c.get("/you/profile", headers=alice))
        limited = await c.get("/wins/expenses", headers=alice)  # any API route counts
        assert_limited(limited)
        assert "try again in" in limited.json()["detail"]
        ok(await c.get("/you/profile", headers=bob))  # bob is untouched
        # Probes and metrics are never limited.
        for _ in range(5):
            ok(await c.get(f"{server.url}/health/live"))
            assert (await c.get(f"{server.url}/metrics")).status_code == 200


async def test_without_a_valid_token_requests_count_per_address(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel(), rate_limit_api="2/minute") as server,
        httpx.AsyncClient(base_url=f"{server.url}/api/v1") as c,
    ):
        forged = {"Authorization": "Bearer forged.token.value"}
        error(await c.get("/you/profile"), 401)
        error(await c.get("/you/profile", headers=forged), 401)
        assert_limited(await c.get("/you/profile"))
        # A signed-in user is counted on their own, not by the shared address.
        ok(await c.get("/you/profile", headers=auth(new_user())))


async def test_chat_routes_have_their_own_budget(serve: Serve) -> None:
    settings = {"rate_limit_chat": "2/minute", "rate_limit_api": "100/minute"}
    async with serve(ScriptedChatModel(), **settings) as server:
        headers = auth(new_user())
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as c:
            turn_routes = ["/api/v1/pam/chat", f"/threads/{uuid.uuid4()}/runs"]
            for path in turn_routes:  # invalid bodies: counted, but no turn runs
                response = await c.post(path, json={"not": "a chat"})
                assert response.status_code not in (429, 500), response.text
            assert_limited(await c.post("/api/v1/pam/chat/stream", json={}))
            assert_limited(await c.post(f"/threads/{uuid.uuid4()}/runs/wait", json={}))
            ok(await c.get("/api/v1/you/profile"))  # the API budget is separate
            # Cancelling or joining a run starts no turn: it is an API request.
            cancel = await c.post(f"/threads/{uuid.uuid4()}/runs/{uuid.uuid4()}/cancel")
            assert cancel.status_code not in (429, 500), cancel.text


async def test_the_websocket_hook_limits_per_key(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server:
        resources = server.app.state.resources
        key = f"ws:{uuid.uuid4()}"
        assert await hit(resources, key, "2/minute") is None
        assert await hit(resources, key, "2/minute") is None
        retry_after = await hit(resources, key, "2/minute")
        assert retry_after is not None and 0 < retry_after <= 60
        assert await hit(resources, f"ws:{uuid.uuid4()}", "2/minute") is None


@pytest.mark.redis
async def test_instances_share_counters_in_redis(serve: Serve, redis_url: str) -> None:
    settings = {"redis_url": redis_url, "rate_limit_api": "3/minute"}
    async with (
        serve(ScriptedChatModel(), **settings) as one,
        serve(ScriptedChatModel(), **settings) as two,
    ):
        headers = auth(new_user())
        async with httpx.AsyncClient(headers=headers) as c:
            ok(await c.get(f"{one.url}/api/v1/you/profile"))
            ok(await c.get(f"{two.url}/api/v1/you/profile"))
            ok(await c.get(f"{one.url}/api/v1/you/profile"))
            assert_limited(await c.get(f"{two.url}/api/v1/you/profile"))


async def test_redis_down_falls_back_to_memory(serve: Serve) -> None:
    dead_redis = closed_port_url().replace("http://", "redis://") + "/0"
    settings = {"redis_url": dead_redis, "rate_limit_api": "2/minute"}
    async with serve(ScriptedChatModel(), **settings) as server:
        headers = auth(new_user())
        async with httpx.AsyncClient(base_url=f"{server.url}/api/v1", headers=headers) as c:
            ok(await c.get("/you/profile"))  # Redis refused: counted here instead
            ok(await c.get("/you/profile"))
            assert_limited(await c.get("/you/profile"))
