"""Run events -> chat events (route, token, tool_call, tool_result), then how a turn ended
(interrupt, final, error). Shared by SSE and the WebSocket, which only rename them."""

from __future__ import annotations

from typing import Any, Literal

import orjson
from langchain_core.messages import AIMessage, ToolMessage

from agent.declined import declined_summary
from agent.nodes import AGENT_MODEL, GENERAL, ROUTER, Node
from agent.reply_stream import reply_token
from server.errors import UNAVAILABLE
from server.runs.events import RunEvent
from server.runs.store import LOST, LOST_CODE

# What chat clients are told, in order: metadata, then route/token/tool_call/tool_result,
# then how the turn ended (interrupt, final or error). SSE sends each as is; the WebSocket
# forwarder (server/ws/forward.py) switches on the name exhaustively.
ChatEventName = Literal[
    "metadata", "route", "token", "tool_call", "tool_result", "interrupt", "final", "error"
]
ChatEvent = tuple[ChatEventName, dict[str, Any]]
# Top-level nodes whose model output is the reply. The router's output is a tool call
# that picks domains, never text for the user; domain agents run in subgraphs.
REPLY_NODES: frozenset[Node] = frozenset({GENERAL})
SUMMARY_CHARS = 500


def chat_events(event: RunEvent) -> list[ChatEvent]:
    if event.mode == "custom":  # a chat turn's reply text (agent/reply_stream.py)
        text = reply_token(event.data)
        return [("token", {"text": text})] if text else []
    if event.mode == "messages":  # a run started with LangGraph's `messages` mode
        return _tokens(event)
    if event.mode == "updates" and isinstance(event.data, dict):
        return _from_updates(event.namespace, event.data)
    return []


def _tokens(event: RunEvent) -> list[ChatEvent]:
    message, meta = event.data
    if not isinstance(message, AIMessage):  # AIMessageChunk is one too; tool results are not
        return []
    if not event.namespace and meta.get("langgraph_node") not in REPLY_NODES:
        return []
    if message.tool_calls or getattr(message, "tool_call_chunks", None):
        return []
    text = message.text
    return [("token", {"text": text})] if text else []


def _from_updates(namespace: tuple[str, ...], data: dict[str, Any]) -> list[ChatEvent]:
    if not namespace:
        router = data.get(ROUTER)
        if isinstance(router, dict) and router.get("route"):
            return [("route", {"domains": list(router["route"])})]
        return []
    events: list[ChatEvent] = []
    for node, update in data.items():
        messages = update.get("messages") if isinstance(update, dict) else None
        for message in messages if isinstance(messages, list) else []:
            if node == AGENT_MODEL and isinstance(message, AIMessage):
                events.extend(
                    ("tool_call", {"name": c["name"], "args": c["args"], "id": c["id"]})
                    for c in message.tool_calls
                )
            elif isinstance(message, ToolMessage):
                events.append(("tool_result", tool_result(message)))
    return events


def tool_result(message: ToolMessage) -> dict[str, Any]:
    outcome = message.artifact if isinstance(message.artifact, dict) else _parsed(message.text)
    if outcome is None and (declined := declined_summary(message)):
        outcome = {"ok": False, "summary": declined}
    if outcome is None:
        outcome = {"ok": message.status != "error", "summary": message.text}
    return {
        "name": message.name,
        "id": message.tool_call_id,
        "summary": str(outcome.get("summary") or "")[:SUMMARY_CHARS],
        "ok": outcome.get("ok") is True,
    }


def _parsed(text: str) -> dict[str, Any] | None:
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) and "ok" in value else None


def closing_events(
    status: str, result: dict[str, Any] | None, error: str | None = None
) -> list[ChatEvent]:
    """How the turn ended: a pending approval, the reply, or an error."""
    if status == "error" and error == UNAVAILABLE:
        return [("error", {"code": "UNAVAILABLE", "message": UNAVAILABLE})]
    if status == "error" and error == LOST:  # its server died mid-turn
        return [("error", {"code": LOST_CODE, "message": LOST})]
    if status == "error":
        return [("error", {"code": "INTERNAL", "message": "The turn failed on our side."})]
    if status == "cancelled":
        return [("final", {"reply": "", "ui_actions": [], "cancelled": True})]
    if status not in ("success", "interrupted") or result is None:
        return [("error", {"code": "INTERNAL", "message": "That turn did not finish."})]
    if "interrupt" in result:
        return [("interrupt", result["interrupt"])]
    return [("final", {"reply": result["reply"], "ui_actions": result["ui_actions"]})]
