"""The older stream shapes, built from the same chunks.

`messages` (not `messages-tuple`): per message id, `messages/metadata` once, then
`messages/partial` with the text so far for streamed chunks, or `messages/complete`
for whole messages.

`events`: the run is not driven through `astream_events`, so this is a documented
subset of its shape, made from the graph's chunks: `on_chat_model_stream` (a token
chunk), `on_chat_model_end` (a whole model message), `on_chain_stream` (a node's state
update, named after the node) and `on_custom_event` (a custom chunk), from the top
graph and the domain subgraphs alike. Each has `event`, `name`, `run_id` (the protocol
run's id), `tags`, `metadata` (LangGraph's, with `langgraph_node` and
`langgraph_checkpoint_ns`) and `data`.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage, BaseMessageChunk

from server.runs import RunEvent

Part = tuple[str, Any]


class LegacyMessages:
    def __init__(self) -> None:
        self._so_far: dict[str, BaseMessage] = {}

    def parts(self, data: Any) -> list[Part]:
        message, metadata = data
        if not isinstance(message, BaseMessage):
            return []
        key = str(message.id)
        parts: list[Part] = []
        known = self._so_far.get(key)
        if known is None:
            parts.append(("messages/metadata", {key: {"metadata": metadata}}))
        if isinstance(message, BaseMessageChunk):
            merged = message if not isinstance(known, BaseMessageChunk) else known + message
            self._so_far[key] = merged
            parts.append(("messages/partial", [merged]))
        else:
            self._so_far[key] = message
            parts.append(("messages/complete", [message]))
        return parts


def _event(kind: str, name: str, run_id: str, data: dict[str, Any], meta: Any) -> dict[str, Any]:
    return {
        "event": kind,
        "name": name,
        "run_id": run_id,
        "tags": [],
        "metadata": meta if isinstance(meta, dict) else {},
        "data": data,
        "parent_ids": [],
    }


def langchain_events(event: RunEvent, run_id: str) -> list[dict[str, Any]]:
    if event.mode == "messages":
        message, meta = event.data
        node = str((meta or {}).get("langgraph_node", "model"))
        if isinstance(message, BaseMessageChunk):
            return [_event("on_chat_model_stream", node, run_id, {"chunk": message}, meta)]
        return [_event("on_chat_model_end", node, run_id, {"output": message}, meta)]
    if event.mode == "updates" and isinstance(event.data, dict):
        where = {"langgraph_checkpoint_ns": "|".join(event.namespace)}
        return [
            _event(
                "on_chain_stream",
                str(node),
                run_id,
                {"chunk": update},
                {"langgraph_node": node, **where},
            )
            for node, update in event.data.items()
        ]
    if event.mode == "custom":
        return [_event("on_custom_event", "custom", run_id, {"data": event.data}, {})]
    return []
