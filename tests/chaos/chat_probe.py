"""One message through each chat protocol, as the attacker would send it: the HTTP status
and every event or frame that came back, parsed, for the leak and error checks.

- `sse`: POST /api/v1/pam/chat/stream; a pending approval is approved (the attacker
  says yes to their own injected action) through POST /api/v1/pam/resume.
- `ws`: a `chat` frame on an open /ws, up to its `response_complete`.
- `agent_protocol`: a new thread and POST /threads/{id}/runs/stream, with the victim's
  id forged into `context`, `config` and `metadata` (all of which must be ignored).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection

from tests.chaos.leaks import parsed

PROTOCOLS = ("sse", "ws", "agent_protocol")
TURN_TIMEOUT_S = 60.0


@dataclass
class Reply:
    protocol: str
    status: int
    events: list[tuple[str, Any]] = field(default_factory=list)  # (event or frame type, data)

    def errors(self) -> list[Any]:
        return [data for name, data in self.events if name == "error"]

    def tool_results(self) -> list[dict[str, Any]]:
        return [data for name, data in self.events if name == "tool_result"]


def parse_sse(text: str) -> list[tuple[str, Any]]:
    events = []
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith(":")]
        name = next((ln[6:].strip() for ln in lines if ln.startswith("event:")), None)
        data = "\n".join(ln[5:].removeprefix(" ") for ln in lines if ln.startswith("data:"))
        if name is not None:
            events.append((name, parsed(data) if data else None))
    return events


async def via_sse(http: httpx.AsyncClient, message: str) -> Reply:
    response = await http.post("/api/v1/pam/chat/stream", json={"message": message})
    reply = Reply("sse", response.status_code, parse_sse(response.text))
    asked = [data for name, data in reply.events if name == "interrupt"]
    thread = next((d["thread_id"] for n, d in reply.events if n == "metadata"), None)
    if asked and thread is not None:
        decisions = [{"type": "approve"}] * len(asked[-1]["action_requests"])
        body = {"thread_id": thread, "decisions": decisions}
        resumed = await http.post("/api/v1/pam/resume", json=body)
        reply.status = max(reply.status, resumed.status_code)
        reply.events.append(("resume", parsed(resumed.text)))
    return reply


async def via_ws(ws: ClientConnection, message: str, message_id: str) -> Reply:
    await ws.send(json.dumps({"type": "chat", "message": message, "message_id": message_id}))
    reply, started = Reply("ws", 101), False
    async with asyncio.timeout(TURN_TIMEOUT_S):
        while True:
            frame = json.loads(await ws.recv())
            if frame.get("message_id") not in (None, message_id):
                continue  # a late frame of an earlier turn
            reply.events.append((str(frame.get("type")), frame))
            started = started or frame.get("type") == "chat_response_start"
            if frame.get("type") == "response_complete" or (
                frame.get("type") == "error" and not started
            ):
                return reply


async def via_agent_protocol(http: httpx.AsyncClient, message: str, victim: str) -> Reply:
    created = await http.post("/threads", json={"metadata": {"user_id": victim}})
    if created.status_code != 200:
        return Reply("agent_protocol", created.status_code, [("thread", parsed(created.text))])
    thread = created.json()["thread_id"]
    body = {
        "assistant_id": "pam",
        "input": {"messages": [{"role": "user", "content": message}]},
        "stream_mode": ["values", "updates", "messages-tuple"],
        "context": {"user_id": victim},
        "config": {"configurable": {"user_id": victim}},
        "metadata": {"user_id": victim},
    }
    response = await http.post(f"/threads/{thread}/runs/stream", json=body)
    events = [("thread", created.json()), *parse_sse(response.text)]
    return Reply("agent_protocol", response.status_code, events)
