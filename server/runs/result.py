"""What a finished chat turn amounts to for a client: reply, ui_actions, pending approval."""

from __future__ import annotations

from typing import Any


def interrupt_payload(interrupts: list[Any]) -> dict[str, Any] | None:
    """The first pending interrupt's value ({action_requests, review_configs} for the
    human-in-the-loop approvals), or None when nothing waits for the user."""
    for item in interrupts:
        value = getattr(item, "value", item)
        if isinstance(value, dict):
            return value
        return {"value": value}
    return None


def turn_result(values: dict[str, Any], interrupts: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "reply": str(values.get("reply") or ""),
        "ui_actions": list(values.get("ui_actions") or []),
    }
    pending = interrupt_payload(interrupts)
    if pending is not None:
        result["interrupt"] = pending
    return result
