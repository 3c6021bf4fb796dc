"""Turn metrics: how many turns and how long they took, by the domains they were routed
to, and the model tokens they used (also kept in the run's metadata)."""

from __future__ import annotations

from typing import Any

from agent.nodes import GENERAL
from server.flags.metrics import observe_arm
from server.metrics import MODEL_TOKENS, TURN_LATENCY, TURNS
from server.runs.run import Run


def observe_turn(run: Run, seconds: float) -> None:
    """Count a turn that reached its end or an approval (not failed or cancelled ones)."""
    route = run.values.get("route") or [GENERAL]
    for domain in dict.fromkeys(str(d) for d in route):
        TURNS.labels(domain=domain).inc()
        TURN_LATENCY.labels(domain=domain).observe(seconds)
    observe_arm(str(run.metadata.get("experiment_variant") or "default/default"), seconds)
    usage = run.values.get("usage")
    if isinstance(usage, dict) and usage.get("calls"):
        record_usage(run, usage)


def record_usage(run: Run, usage: dict[str, Any]) -> None:
    for entry in usage.get("by") or []:
        labels = {"model": str(entry.get("model")), "domain": str(entry.get("domain"))}
        MODEL_TOKENS.labels(**labels, kind="input").inc(int(entry.get("input_tokens") or 0))
        MODEL_TOKENS.labels(**labels, kind="output").inc(int(entry.get("output_tokens") or 0))
    run.metadata["usage"] = {k: v for k, v in usage.items() if k != "counted"}
