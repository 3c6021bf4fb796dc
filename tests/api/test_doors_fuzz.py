"""Fuzzing the JSON-RPC doors (/mcp, /a2a), which have no OpenAPI schema for schemathesis
(/agui has, and is fuzzed with the rest): generated JSON-RPC requests — known and
unknown methods, any JSON as params, any tool name and arguments — never get a 5xx, and
every JSON answer is a JSON-RPC response (a result or an error)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Serve, auth
from tools.registry import ACTIONS

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
MCP_METHODS = ["tools/list", "tools/call", "initialize", "ping", "resources/list", "nope"]
A2A_METHODS = ["SendMessage", "GetTask", "CancelTask", "message/send", "tasks/get", "nope"]
TOOL_NAMES = [a.name for a in ACTIONS] + ["ask_pam", "decide_approval", "rm_rf"]


def mcp_request() -> st.SearchStrategy[dict[str, Any]]:
    call = st.fixed_dictionaries(
        {
            "name": st.sampled_from(TOOL_NAMES),
            "arguments": st.dictionaries(st.text(max_size=12), JSON, max_size=4),
        }
    )
    return st.fixed_dictionaries(
        {
            "jsonrpc": st.just("2.0"),
            "id": st.integers(1, 10**6),
            "method": st.sampled_from(MCP_METHODS),
            "params": call | JSON,
        }
    )


def a2a_request() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "jsonrpc": st.just("2.0"),
            "id": st.integers(1, 10**6),
            "method": st.sampled_from(A2A_METHODS),
            "params": JSON,
        }
    )


def check(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if (
        response.headers.get("content-type", "").startswith("application/json")
        and response.status_code == 200
    ):
        body = response.json()
        assert body.get("jsonrpc") == "2.0" and ("result" in body or "error" in body), body


def fuzz(
    url: str, path: str, requests: st.SearchStrategy[dict[str, Any]], headers: dict[str, str]
) -> None:
    headers = {**headers, "Accept": "application/json, text/event-stream"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:

        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        @given(requests)
        def one(body: dict[str, Any]) -> None:
            check(client.post(path, json=body))

        one()


async def test_json_rpc_doors_answer_generated_requests_without_5xx(serve: Serve) -> None:
    async with serve(rate_limit_api="100000/minute", rate_limit_chat="100000/minute") as server:
        await asyncio.to_thread(fuzz, server.url, "/mcp", mcp_request(), auth("fuzzy"))
        await asyncio.to_thread(fuzz, server.url, "/a2a", a2a_request(), auth("fuzzy"))
