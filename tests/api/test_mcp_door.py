"""The MCP door, driven by the official `mcp` SDK client over Streamable HTTP against a
live server: tools from the registry, calls as the token's user only, approvals by
ticket, bad input as MCP errors naming the field, and a whole turn with ask_pam."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import uuid4

import httpx
import httpx2
import jwt
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from redis.asyncio import Redis

from agent.flags import CATALOGUE
from agent.tools import model_parameters
from server.doors.approval_tickets import SPENT_KEY
from tests.api.conftest import (
    LiveServer,
    Serve,
    StreamingScriptedModel,
    add_expense,
    auth,
    expense_amounts,
    token_for,
)
from tests.api.test_flags_turns import clean_flags, switch_for  # noqa: F401  (the fixture)
from tests.fakes import call, route
from tools.db.pool import Pool
from tools.registry import ACTIONS, ACTIONS_BY_NAME


@asynccontextmanager
async def mcp_client(server: LiveServer, user: str, mode: str = "auto") -> AsyncIterator[Client]:
    """The SDK's client; `mode="legacy"` speaks the 2025 initialize handshake, as the
    clients in the wild (Claude, IDEs) still do."""
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token_for(user)}"}, timeout=30)
    transport = streamable_http_client(f"{server.url}/mcp", http_client=http)
    async with http, Client(transport, mode=mode) as c:
        yield c


def data(result: Any) -> dict[str, Any]:
    assert result.structured_content is not None
    return dict(result.structured_content)


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_tools_are_the_registry_with_the_models_schemas(serve: Serve, mode: str) -> None:
    async with serve() as server, mcp_client(server, "mia", mode) as c:
        tools = {t.name: t for t in (await c.list_tools()).tools}
        listed = await c.call_tool("list_expenses", {})
    assert not listed.is_error and data(listed)["ok"] is True
    assert set(tools) == {a.name for a in ACTIONS} | {"ask_pam", "decide_approval"}
    add = ACTIONS_BY_NAME["add_expense"]
    assert tools["add_expense"].input_schema == model_parameters(add.args)
    assert tools["delete_expense"].annotations is not None
    assert tools["delete_expense"].annotations.destructive_hint is True


async def test_add_expense_is_the_callers_and_only_theirs(serve: Serve, pool: Pool) -> None:
    async with serve() as server:
        async with mcp_client(server, "ann") as c:
            added = await c.call_tool("add_expense", {"amount": 42.5, "category": "fuel"})
        assert not added.is_error, added
        assert data(added)["ok"] is True
        async with mcp_client(server, "bob") as c:
            listed = data(await c.call_tool("list_expenses", {}))
        async with httpx.AsyncClient(base_url=server.url, headers=auth("ann")) as rest:
            mine = (await rest.get("/api/v1/wins/expenses")).json()
    assert await expense_amounts(pool, "ann") == [42.5]
    assert listed["expenses"] == [] and await expense_amounts(pool, "bob") == []
    assert [float(e["amount"]) for e in mine["expenses"]] == [42.5]


async def test_bad_arguments_are_an_error_result_naming_the_field(serve: Serve, pool: Pool) -> None:
    async with serve() as server, mcp_client(server, "cy") as c:
        wrong = await c.call_tool("add_expense", {"amount": "lots", "category": "fuel"})
        extra = await c.call_tool("add_expense", {"amount": 3, "category": "fuel", "who": "x"})
        with pytest.raises(MCPError, match="Unknown tool: drop_tables"):
            await c.call_tool("drop_tables", {})
    assert wrong.is_error and data(wrong)["field"] == "amount"
    assert "amount" in data(wrong)["summary"]
    assert extra.is_error and data(extra)["field"] == "who"
    assert await expense_amounts(pool, "cy") == []


async def test_a_delete_waits_for_approval_and_a_ticket_is_the_callers_once(
    serve: Serve, pool: Pool
) -> None:
    async with serve() as server:
        async with mcp_client(server, "dee") as c:
            added = data(await c.call_tool("add_expense", {"amount": 38, "category": "camping"}))
            expense = added["expense"]["id"] if "expense" in added else added["ids"][0]
            asked = data(await c.call_tool("delete_expense", {"expense_id": expense}))
            assert asked["status"] == "approval_required"
            assert "$38.00" in asked["question"]
            assert await expense_amounts(pool, "dee") == [38.0]  # nothing ran
        async with mcp_client(server, "eve") as other:
            stolen = await other.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "approve"}
            )
        assert stolen.is_error and data(stolen)["field"] == "ticket"
        assert await expense_amounts(pool, "dee") == [38.0]
        async with mcp_client(server, "dee") as c:
            done = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "approve"}
            )
            again = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "approve"}
            )
            forged = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"] + "x", "decision": "approve"}
            )
            odd = await c.call_tool("decide_approval", {"ticket": "t", "decision": "maybe"})
    assert not done.is_error and data(done)["ok"] is True, done
    assert await expense_amounts(pool, "dee") == []
    assert again.is_error and "already" in data(again)["summary"]
    assert forged.is_error and data(forged)["field"] == "ticket"
    assert odd.is_error and data(odd)["field"] == "decision"


async def test_a_rejected_approval_runs_nothing(serve: Serve, pool: Pool) -> None:
    async with serve() as server, mcp_client(server, "fay") as c:
        added = data(await c.call_tool("add_expense", {"amount": 9, "category": "food"}))
        asked = data(await c.call_tool("delete_expense", {"expense_id": added["ids"][0]}))
        no = data(
            await c.call_tool("decide_approval", {"ticket": asked["ticket"], "decision": "reject"})
        )
    assert no["status"] == "declined"
    assert await expense_amounts(pool, "fay") == [9.0]


async def test_no_token_or_a_bad_one_is_401_with_the_metadata_to_find_one(serve: Serve) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as raw:
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
        bare = await raw.post("/mcp", json=body)
        expired = await raw.post(
            "/mcp", json=body, headers={"Authorization": f"Bearer {token_for('gus', ttl_s=-60)}"}
        )
        metadata = await raw.get("/.well-known/oauth-protected-resource/mcp")
    for refused in (bare, expired):
        assert refused.status_code == 401
        challenge = refused.headers["www-authenticate"]
        assert challenge.startswith("Bearer ")
        assert (
            f'resource_metadata="{server.url}/.well-known/oauth-protected-resource/mcp"'
            in challenge
        )
    assert metadata.status_code == 200
    assert metadata.json()["resource"] == f"{server.url}/mcp"
    assert metadata.json()["authorization_servers"]


async def test_ask_pam_runs_a_turn_on_the_callers_thread(serve: Serve, pool: Pool) -> None:
    model = StreamingScriptedModel(
        script=[route("wins"), call("add_expense", "c1", amount=12, category="food")]
    )
    async with serve(model) as server:
        async with mcp_client(server, "hal") as c:
            told = data(await c.call_tool("ask_pam", {"message": "I spent $12 on food"}))
        async with mcp_client(server, "ivy") as other:
            foreign = await other.call_tool(
                "ask_pam", {"message": "hi", "thread_id": told["thread_id"]}
            )
            blank = await other.call_tool("ask_pam", {"message": " "})
        async with httpx.AsyncClient(base_url=server.url, headers=auth("hal")) as rest:
            threads = (await rest.get("/api/v1/pam/threads")).json()
    assert told["status"] == "done" and told["summary"].startswith("Logged $12.00"), told
    assert await expense_amounts(pool, "hal") == [12.0]
    assert foreign.is_error and data(foreign)["status"] == 404
    assert blank.is_error and "message" in data(blank)["summary"]
    assert told["thread_id"] in [t["thread_id"] for t in threads["items"]]


async def test_ask_pam_asks_for_approval_and_yes_on_the_thread_settles_it(
    serve: Serve, pool: Pool
) -> None:
    expense = await add_expense(pool, "jo", 38)
    model = StreamingScriptedModel(
        script=[route("wins"), call("delete_expense", "d1", expense_id=expense)]
    )
    async with serve(model) as server, mcp_client(server, "jo") as c:
        asked = data(await c.call_tool("ask_pam", {"message": "delete the camping one"}))
        assert asked["status"] == "approval_required" and "$38.00" in asked["summary"]
        assert await expense_amounts(pool, "jo") == [38.0]
        done = data(
            await c.call_tool("ask_pam", {"message": "yes", "thread_id": asked["thread_id"]})
        )
    assert done["status"] == "done" and done["summary"].startswith("Deleted"), done
    assert await expense_amounts(pool, "jo") == []


@pytest.mark.redis
async def test_a_ticket_is_spent_once_across_instances(
    serve: Serve, pool: Pool, redis_url: str
) -> None:
    """With Redis, a ticket one instance has run is spent for every other instance."""
    expense = await add_expense(pool, "kai", 21)
    async with serve(redis_url=redis_url) as one, serve(redis_url=redis_url) as two:
        async with mcp_client(one, "kai") as c:
            asked = data(await c.call_tool("delete_expense", {"expense_id": expense}))
            first = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "reject"}
            )
        async with mcp_client(two, "kai") as c:
            second = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "approve"}
            )
    assert not first.is_error and data(first)["status"] == "declined"
    assert second.is_error and "already" in data(second)["summary"]
    assert await expense_amounts(pool, "kai") == [21.0]
    # Spent in Redis, where every instance looks (not only in this process's memory).
    ticket_id = jwt.decode(asked["ticket"], options={"verify_signature": False})["jti"]
    async with Redis.from_url(redis_url) as redis:
        assert await redis.exists(f"{SPENT_KEY}{ticket_id}") == 1


async def test_a_ticket_is_spent_once_across_instances_coordinating_through_postgres(
    serve: Serve, pool: Pool
) -> None:
    """Without Redis, instances coordinating through Postgres (the workers of one `pam
    serve --workers N`) spend a ticket once for all of them."""
    expense = await add_expense(pool, "kai-pg", 21)
    alone = {"redis_url": None, "pam_coordination": "postgres"}
    async with serve(**alone) as one, serve(**alone) as two:
        async with mcp_client(one, "kai-pg") as c:
            asked = data(await c.call_tool("delete_expense", {"expense_id": expense}))
            first = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "reject"}
            )
        async with mcp_client(two, "kai-pg") as c:
            second = await c.call_tool(
                "decide_approval", {"ticket": asked["ticket"], "decision": "approve"}
            )
    assert not first.is_error and data(first)["status"] == "declined"
    assert second.is_error and "already" in data(second)["summary"]
    assert await expense_amounts(pool, "kai-pg") == [21.0]


@pytest.mark.usefixtures("clean_flags")
async def test_an_action_or_domain_switched_off_is_not_run_over_mcp(
    serve: Serve, pool: Pool
) -> None:
    async with serve() as server:
        await switch_for(server, "action.add_expense", "mcp-fay", False)
        await switch_for(server, "domain.wins", "mcp-gil", False)
        async with mcp_client(server, "mcp-fay") as c:
            paused = await c.call_tool("add_expense", {"amount": 7, "category": "fuel"})
        async with mcp_client(server, "mcp-gil") as c:
            listed = await c.call_tool("list_expenses", {})
            deleting = await c.call_tool("delete_expense", {"expense_id": str(uuid4())})
        async with mcp_client(server, "mcp-kit") as c:  # the switches are fay's and gil's only
            added = await c.call_tool("add_expense", {"amount": 8, "category": "fuel"})
    assert paused.is_error and data(paused)["error"] == "paused"
    assert data(paused)["summary"] == CATALOGUE["action.add_expense"].paused
    assert listed.is_error and data(listed)["summary"] == CATALOGUE["domain.wins"].paused
    assert deleting.is_error and data(deleting)["error"] == "paused"  # nothing asked
    assert not added.is_error
    assert await expense_amounts(pool, "mcp-fay") == []
    assert await expense_amounts(pool, "mcp-kit") == [8.0]
