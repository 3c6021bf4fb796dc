"""`/metrics` on a real server: request histograms by route template, the in-flight
gauge, pool gauges read at scrape time, cache hits and misses, and the metrics other
parts of the server update."""

from __future__ import annotations

import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.api.conftest import Serve, auth
from tests.api.rest_support import new_user, ok
from tests.api.test_rest_travel import forecast
from tests.fakes import ScriptedChatModel
from tests.integration.tools.wheels_support import fake_service


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, frozenset(labels.items())), 0.0)


async def scrape(c: httpx.AsyncClient) -> str:
    response = await c.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_requests_are_timed_by_route_template(serve: Serve) -> None:
    async with serve(ScriptedChatModel()) as server, httpx.AsyncClient(base_url=server.url) as c:
        headers = auth(new_user())
        route = "/api/v1/wins/expenses/{expense_id}"
        labels = {"route": route, "method": "PATCH", "status": "404"}
        before = value(await scrape(c), "pam_http_request_duration_seconds_count", **labels)
        for _ in range(2):  # two different ids, one series
            missing = await c.patch(
                f"/api/v1/wins/expenses/{uuid.uuid4()}", json={"amount": 1}, headers=headers
            )
            assert missing.status_code == 404
        await c.get("/nowhere/abc123")
        text = await scrape(c)
        count = value(text, "pam_http_request_duration_seconds_count", **labels)
        assert count - before == 2
        unmatched = {"route": "unmatched", "method": "GET", "status": "404"}
        assert value(text, "pam_http_request_duration_seconds_count", **unmatched) >= 1
        assert not any("abc123" in line for line in text.splitlines())
        assert "pam_http_requests_in_flight" in text


async def test_pool_gauges_and_the_metrics_other_parts_update(serve: Serve) -> None:
    async with (
        serve(ScriptedChatModel(), db_pool_max_size=7) as server,
        httpx.AsyncClient(base_url=server.url) as c,
    ):
        text = await scrape(c)
    assert value(text, "pam_db_pool_max") == 7
    assert value(text, "pam_db_pool_size") >= 1
    assert value(text, "pam_db_pool_in_use") >= 0
    families = {family.name for family in text_string_to_metric_families(text)}
    assert {
        "pam_turn_duration_seconds",
        "pam_turns",
        "pam_tool_calls",
        "pam_tool_errors",
        "pam_model_latency_seconds",
        "pam_websockets_open",
        "pam_cache_lookups",
        "pam_db_pool_requests_waiting",
    } <= families


async def test_cache_hits_and_misses_are_counted(serve: Serve) -> None:
    with fake_service(forecast) as weather:
        settings = {"weather_url": f"{weather.url}/v1/forecast"}
        async with serve(ScriptedChatModel(), **settings) as server:
            headers = auth(new_user())
            async with httpx.AsyncClient(base_url=server.url, headers=headers) as c:
                before = await scrape(c)
                query: dict[str, str | int] = {"location": "Tibooburra", "days": 3}
                for _ in range(2):
                    ok(await c.get("/api/v1/wheels/weather", params=query))
                after = await scrape(c)
    assert len(weather.requests) == 1  # the second answer came from the cache
    for result in ("hit", "miss"):
        grew = value(after, "pam_cache_lookups_total", result=result) - value(
            before, "pam_cache_lookups_total", result=result
        )
        assert grew == 1, result
