"""What every door shares with chat: a turn counts against the user's chat rate limit
(the same bucket as POST /api/v1/pam/chat; a refused turn writes nothing), and its
requests and turns are in the metrics."""

from __future__ import annotations

from uuid import uuid4

import httpx
import httpx2
import pytest
from a2a.helpers.proto_helpers import new_text_message
from a2a.types.a2a_pb2 import Role, SendMessageRequest
from a2a.utils.errors import A2AError
from langchain_core.messages import AIMessage
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from tests.api.conftest import Serve, StreamingScriptedModel, auth, token_for
from tests.api.test_a2a_door import a2a_client
from tests.api.test_agui_door import run_input
from tests.api.test_metrics import scrape, value
from tests.fakes import route


async def test_the_chat_limit_holds_across_chat_and_every_door(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hi.")])
    async with serve(model, rate_limit_chat="1/minute") as server:
        async with httpx.AsyncClient(base_url=server.url, headers=auth("lim"), timeout=30) as c:
            first = await c.post("/api/v1/pam/chat", json={"message": "hello"})
            agui = await c.post("/agui", json=run_input(str(uuid4()), "again"))
            threads = (await c.get("/api/v1/pam/threads")).json()["items"]
        http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token_for('lim')}"})
        url = f"{server.url}/mcp"
        async with http, Client(streamable_http_client(url, http_client=http)) as mcp:
            asked = await mcp.call_tool("ask_pam", {"message": "again"})
        async with a2a_client(server, "lim", streaming=False) as a2a:
            message = new_text_message("again", context_id=str(uuid4()), role=Role.ROLE_USER)
            with pytest.raises(A2AError, match="Too many requests"):
                [r async for r in a2a.send_message(SendMessageRequest(message=message))]
    assert first.status_code == 200
    assert agui.status_code == 429 and int(agui.headers["retry-after"]) >= 1
    assert asked.is_error and asked.structured_content is not None
    assert asked.structured_content["status"] == 429
    assert len(threads) == 1  # only the turn that was allowed made a thread


async def test_door_requests_and_turns_are_in_the_metrics(serve: Serve) -> None:
    model = StreamingScriptedModel(script=[route("general"), AIMessage("Hi.")], loop=True)
    async with serve(model) as server, httpx.AsyncClient(base_url=server.url, timeout=30) as c:
        before = await scrape(c)
        http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token_for('met')}"})
        url = f"{server.url}/mcp"
        async with http, Client(streamable_http_client(url, http_client=http)) as mcp:
            await mcp.call_tool("list_expenses", {})
            oversized = await mcp.call_tool("ask_pam", {"message": "x" * 5000})
        turn = await c.post("/agui", json=run_input(str(uuid4()), "hello"), headers=auth("met"))
        after = await scrape(c)
    assert turn.status_code == 200
    assert oversized.is_error and oversized.structured_content is not None
    assert oversized.structured_content["status"] == 422
    mcp_posts = {"route": "/mcp", "method": "POST", "status": "200"}
    count = "pam_http_request_duration_seconds_count"
    assert value(after, count, **mcp_posts) > value(before, count, **mcp_posts)
    agui = {"route": "/agui", "method": "POST", "status": "200"}
    assert value(after, count, **agui) == value(before, count, **agui) + 1
    turns = "pam_turns_total"
    assert value(after, turns, domain="general") == value(before, turns, domain="general") + 1
