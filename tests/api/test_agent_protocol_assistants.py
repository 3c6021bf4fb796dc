"""Agent Protocol: probes, the one assistant, and who may call what — with langgraph-sdk."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

import httpx
import pytest
from langgraph_sdk import get_client
from langgraph_sdk.errors import AuthenticationError, NotFoundError

from server.agent_protocol.assistant import ASSISTANT_ID
from tests.api.conftest import Serve, auth, token_for


async def test_ok_and_info_need_no_token(serve: Serve) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.url) as client:
        ok = await client.get("/ok")
        info = await client.get("/info")
    assert ok.status_code == 200 and ok.json()["ok"] is True
    assert info.status_code == 200
    assert info.json()["flags"]["assistants"] is True


async def test_the_one_assistant_is_found_by_search_id_and_graph_name(serve: Serve) -> None:
    async with serve() as server:
        client = get_client(url=server.url, headers=auth("alice"), api_key=None)
        found = await client.assistants.search()
        by_graph = await client.assistants.search(graph_id="pam")
        other_graph = await client.assistants.search(graph_id="agent")
        paged = await client.assistants.search(offset=1)
        by_id = await client.assistants.get(ASSISTANT_ID)
        by_name = await client.assistants.get("pam")
        with pytest.raises(NotFoundError):
            await client.assistants.get("not-pam")
        await client.aclose()
    assert [a["assistant_id"] for a in found] == [ASSISTANT_ID]
    assert str(uuid5(UUID("6ba7b821-9dad-11d1-80b4-00c04fd430c8"), "pam")) == ASSISTANT_ID
    assert by_graph == found and other_graph == [] and paged == []
    assert by_id["graph_id"] == "pam" and by_id == by_name


async def test_graph_and_schemas_describe_pam(serve: Serve) -> None:
    async with serve() as server:
        client = get_client(url=server.url, headers=auth("alice"), api_key=None)
        graph = await client.assistants.get_graph("pam")
        deep = await client.assistants.get_graph("pam", xray=1)
        schemas: Any = await client.assistants.get_schemas(ASSISTANT_ID)
        await client.aclose()
    nodes = {n["id"] for n in graph["nodes"]}
    assert {"router", "wins", "wheels", "you", "social", "general", "finish"} <= nodes
    assert {"source": "__start__", "target": "router"} in graph["edges"]
    assert len(deep["nodes"]) > len(graph["nodes"])  # the domain agents, drawn inside
    assert all(
        "id" not in (n.get("data") or {}) for n in graph["nodes"] if isinstance(n.get("data"), dict)
    )
    assert schemas["graph_id"] == "pam"
    assert "messages" in schemas["input_schema"]["properties"]
    assert {"reply", "ui_actions"} <= set(schemas["state_schema"]["properties"])
    context = schemas["context_schema"]["properties"]
    assert set(context) == {"location", "current_page", "timezone"}  # never user_id


async def test_no_token_or_a_bad_one_is_401_and_x_api_key_is_accepted(serve: Serve) -> None:
    async with serve() as server:
        anonymous = get_client(url=server.url, api_key=None)
        forged = get_client(url=server.url, api_key=None, headers={"Authorization": "Bearer x.y.z"})
        expired = get_client(url=server.url, api_key=None, headers=auth_expired("alice"))
        for client in (anonymous, forged, expired):
            with pytest.raises(AuthenticationError):
                await client.assistants.search()
            with pytest.raises(AuthenticationError):
                await client.threads.create()
            await client.aclose()
        # agent-chat-ui can only send an "API key": PAM's JWT works there too.
        keyed = get_client(url=server.url, api_key=token_for("alice"))
        assert (await keyed.assistants.get("pam"))["assistant_id"] == ASSISTANT_ID
        await keyed.aclose()


def auth_expired(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user, ttl_s=-10)}"}
