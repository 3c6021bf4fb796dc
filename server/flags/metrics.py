"""Turns by experiment arm, so arms can be compared on /metrics.

The label is the arm (`<model>/<prompt>`, agent/flags.py). Arms come from flag values
that admins set, so they are few; still, past MAX_ARMS distinct arms in one process the
rest count as `other`, so a long run of experiments cannot grow the series without end.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

EXPERIMENT_TURNS = Counter(
    "pam_experiment_turns", "Chat turns by experiment arm (model/prompt).", ["variant"]
)
EXPERIMENT_TURN_LATENCY = Histogram(
    "pam_experiment_turn_seconds",
    "Chat turn latency by experiment arm (model/prompt).",
    ["variant"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)
MAX_ARMS = 20
_seen: set[str] = set()


def arm_label(variant: str) -> str:
    if variant in _seen or len(_seen) < MAX_ARMS:
        _seen.add(variant)
        return variant
    return "other"


def observe_arm(variant: str, seconds: float) -> None:
    label = arm_label(variant)
    EXPERIMENT_TURNS.labels(variant=label).inc()
    EXPERIMENT_TURN_LATENCY.labels(variant=label).observe(seconds)
