"""A LangChain callback that feeds the tool and model metrics from any graph run:
pass `config={"callbacks": [MetricsCallback()]}` to `graph.astream(...)`.

A PAM tool reports a bad call as a result with `"ok": false` (so the model can fix it)
rather than raising; both count as tool errors. The agent's own events (agent/events.py)
count model errors by kind, routing fallbacks and hand-offs. Chain events are not
listened to: a turn has many and none of them is counted.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler

from server.metrics import (
    HANDOFFS,
    MODEL_ERRORS,
    MODEL_LATENCY,
    ROUTE_FALLBACKS,
    TOOL_CALLS,
    TOOL_ERRORS,
)


def failed_result(output: Any) -> bool:
    """Whether a tool's output (a ToolMessage with the action's result as its artifact,
    or the bare result) says the action failed."""
    result = getattr(output, "artifact", output)
    if getattr(output, "status", None) == "error":
        return True
    return isinstance(result, dict) and result.get("ok") is False


class MetricsCallback(AsyncCallbackHandler):
    # Awaited in line: LangChain runs a handler that is not inline as a task of its own,
    # one per callback event (every chain's start and end, every token), and none of
    # these handlers waits on anything.
    run_inline = True
    ignore_chain = True
    ignore_retriever = True

    def __init__(self) -> None:
        self.model_started: dict[UUID, float] = {}
        self.tool_names: dict[UUID, str] = {}

    async def on_chat_model_start(
        self, serialized: dict[str, Any], messages: Any, *, run_id: UUID, **kwargs: Any
    ) -> None:
        self.model_started[run_id] = time.perf_counter()

    async def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._model_done(run_id)

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._model_done(run_id)

    def _model_done(self, run_id: UUID) -> None:
        started = self.model_started.pop(run_id, None)
        if started is not None:
            MODEL_LATENCY.observe(time.perf_counter() - started)

    async def on_tool_start(
        self, serialized: dict[str, Any], input_str: str, *, run_id: UUID, **kwargs: Any
    ) -> None:
        name = str((serialized or {}).get("name") or kwargs.get("name") or "unknown")
        self.tool_names[run_id] = name
        TOOL_CALLS.labels(name).inc()

    async def on_tool_end(self, output: Any, *, run_id: UUID, **kwargs: Any) -> None:
        name = self.tool_names.pop(run_id, "unknown")
        if failed_result(output):
            TOOL_ERRORS.labels(name).inc()

    async def on_tool_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        TOOL_ERRORS.labels(self.tool_names.pop(run_id, "unknown")).inc()

    async def on_custom_event(self, name: str, data: Any, *, run_id: UUID, **kwargs: Any) -> None:
        found = data if isinstance(data, dict) else {}
        if name == "pam_model_error":
            MODEL_ERRORS.labels(str(found.get("kind", "other"))).inc()
        elif name == "pam_route_fallback":
            ROUTE_FALLBACKS.labels(str(found.get("reason", "unknown"))).inc()
        elif name == "pam_handoff":
            HANDOFFS.labels(str(found.get("from", "")), str(found.get("to", ""))).inc()
