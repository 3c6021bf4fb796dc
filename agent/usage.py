"""Model tokens per turn, from the usage each provider reply reports.

The router's call is recorded when it is made (its reply is not kept in the
conversation); every other model reply of the turn is an AIMessage named after its
domain, carrying `usage_metadata`. `finish` adds them up into the turn's `usage`:
totals, and one entry per model and domain, which the server records in the run's
metadata and counts in `pam_model_tokens_total{model,domain,kind}`, and `python -m evals`
reports. Calls PAM did not make (the restating call skipped after a write) cost nothing
and appear nowhere.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, AnyMessage


def entry(message: AIMessage, domain: str) -> dict[str, Any] | None:
    meta = message.usage_metadata
    if not meta:
        return None
    model = str((message.response_metadata or {}).get("model_name") or "unknown")
    return {
        "model": model,
        "domain": domain,
        "input_tokens": int(meta.get("input_tokens") or 0),
        "output_tokens": int(meta.get("output_tokens") or 0),
    }


def started(router_reply: AIMessage | None) -> dict[str, Any]:
    """A turn's usage as the router leaves it."""
    first = entry(router_reply, "router") if router_reply is not None else None
    return totals([first] if first else [], [])


def totals(by: list[dict[str, Any]], counted: list[str]) -> dict[str, Any]:
    return {
        "input_tokens": sum(e["input_tokens"] for e in by),
        "output_tokens": sum(e["output_tokens"] for e in by),
        "calls": len(by),
        "by": by,
        "counted": counted,
    }


def add_turn(usage: dict[str, Any] | None, turn: list[AnyMessage]) -> dict[str, Any]:
    """`usage` with the turn's model replies not yet counted."""
    by = list((usage or {}).get("by") or [])
    counted = list((usage or {}).get("counted") or [])
    for message in turn:
        if isinstance(message, AIMessage) and message.id and message.id not in counted:
            found = entry(message, message.name or "general")
            if found:
                by.append(found)
                counted.append(message.id)
    return totals(by, counted)
