"""The isolation matrix on the protocol doors (MCP, A2A, AG-UI): user B, driving each
door with the protocol's own client where one exists, holding A's ids, gets the door's
"not found" and none of A's data; where the client chooses the thread (A2A's context
id, AG-UI's threadId), A's id gets what an unused id gets: B's own new thread."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import httpx2
from a2a.client import ClientConfig, ClientFactory
from a2a.helpers.proto_helpers import new_text_message
from a2a.types.a2a_pb2 import Role, SendMessageRequest
from a2a.utils.errors import A2AError
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from tests.chaos.owner import Owner
from tests.chaos.probes import Probe
from tests.tokens import auth


def _mcp_outcome(result: Any) -> str:
    data = result.structured_content or {}
    if not result.is_error:
        return "ok"
    return str(data.get("error") or data.get("status") or "error")


async def mcp_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    ids, probes = owner.ids, []
    calls: list[tuple[str, dict[str, Any], str]] = [
        ("update_expense", {"expense_id": ids["expense_id"], "amount": 1}, "not_found"),
        ("ask_pam", {"message": "what is on this thread?", "thread_id": ids["thread_id"]}, "404"),
        ("list_expenses", {}, "ok"),
        ("list_events", {}, "ok"),
    ]
    http = httpx2.AsyncClient(headers=auth(intruder), timeout=60)
    async with http, Client(streamable_http_client(f"{base_url}/mcp", http_client=http)) as b:
        for tool, args, expected in calls:
            result = await b.call_tool(tool, args)
            text = "".join(getattr(c, "text", "") for c in result.content)
            tried = f"tools/call {tool} with A's ids" if expected != "ok" else f"tools/call {tool}"
            got = _mcp_outcome(result)
            probes.append(Probe("MCP", tried, expected, got, owner.marker in text))
    return probes


async def _a2a_send(base_url: str, intruder: str, context_id: str) -> tuple[str, str]:
    """What B got (answered, or the protocol error's name) and the text of it."""
    async with httpx.AsyncClient(headers=auth(intruder), timeout=60) as http:
        client = await ClientFactory(ClientConfig(httpx_client=http)).create_from_url(base_url)
        message = new_text_message("what did I say?", context_id=context_id, role=Role.ROLE_USER)
        try:
            seen = [str(r) async for r in client.send_message(SendMessageRequest(message=message))]
            return "answered", " ".join(seen)
        except A2AError as exc:
            return type(exc).__name__, str(exc)
        finally:
            await client.close()


async def a2a_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    unused, _ = await _a2a_send(base_url, intruder, str(uuid.uuid4()))
    got, text = await _a2a_send(base_url, intruder, owner.ids["thread_id"])
    tried = "SendMessage with A's thread as context id (expected: as for an unused id)"
    return [Probe("A2A", tried, unused, got, owner.marker in text)]


async def agui_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    thread = owner.ids["thread_id"]
    run: dict[str, Any] = {
        "threadId": thread,
        "runId": str(uuid.uuid4()),
        "state": {},
        "messages": [{"id": "m1", "role": "user", "content": "what did I say?"}],
        "tools": [],
        "context": [],
        "forwardedProps": {},
    }
    resume = {**run, "resume": [{"interruptId": "x", "status": "resolved"}]}
    probes = []
    fresh = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=base_url, headers=auth(intruder), timeout=60) as b:
        for tried, body in (("run", run), ("resume", resume)):
            unused = await b.post("/agui", json={**body, "threadId": fresh})
            response = await b.post("/agui", json=body)
            got = str(response.status_code)
            leaked = owner.marker in response.text
            tried = f"{tried} on A's threadId (expected: as for an unused id)"
            probes.append(Probe("AG-UI", tried, str(unused.status_code), got, leaked))
    return probes


async def door_probes(base_url: str, owner: Owner, intruder: str) -> list[Probe]:
    return [
        *await mcp_probes(base_url, owner, intruder),
        *await a2a_probes(base_url, owner, intruder),
        *await agui_probes(base_url, owner, intruder),
    ]
