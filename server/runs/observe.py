"""Turn metrics: how many turns and how long they took, by the domains they were routed to."""

from __future__ import annotations

from server.metrics import TURN_LATENCY, TURNS
from server.runs.run import Run


def observe_turn(run: Run, seconds: float) -> None:
    """Count a turn that reached its end or an approval (not failed or cancelled ones)."""
    route = run.values.get("route") or ["general"]
    for domain in dict.fromkeys(str(d) for d in route):
        TURNS.labels(domain=domain).inc()
        TURN_LATENCY.labels(domain=domain).observe(seconds)
