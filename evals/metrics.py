"""The suite's figures: accuracies, pass^k, latency percentiles, and the --json document.

With `--repeat K` a conversation counts as passed when all K runs passed (so the
conversation pass rate equals pass^K); per-turn accuracies are taken over every run's
turns. An accuracy whose kind no turn states is `null`.
"""

from __future__ import annotations

from math import comb
from typing import Any

from evals.results import KINDS, RunResult, SuiteResult


def pass_hat_k(successes: list[int], n: int) -> dict[str, float]:
    """tau-bench's pass^k for k = 1..n: the mean over conversations of C(c, k) / C(n, k),
    where c of a conversation's n runs succeeded."""
    if not successes:
        return {str(k): 0.0 for k in range(1, n + 1)}
    return {
        str(k): round(sum(comb(c, k) / comb(n, k) for c in successes) / len(successes), 4)
        for k in range(1, n + 1)
    }


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def share(outcomes: list[bool]) -> float | None:
    return round(sum(outcomes) / len(outcomes), 4) if outcomes else None


def kind_outcomes(runs: list[RunResult], kind: str) -> list[bool]:
    return [v for r in runs for t in r.turns if (v := t.score.kind(kind)) is not None]


def summary(suite: SuiteResult) -> dict[str, Any]:
    grouped = suite.by_conversation()
    passed = sum(all(r.passed for r in runs) for runs in grouped.values())
    latencies = [t.observed.latency_ms for r in suite.runs for t in r.turns if t.observed.ran]
    accuracy = {f"{k}_accuracy": share(kind_outcomes(suite.runs, k)) for k in KINDS}
    accuracy["tool_accuracy"] = accuracy.pop("tools_accuracy")
    states = [r.state_ok for r in suite.runs if r.state_ok is not None]
    return {
        "conversations": len(grouped),
        "passed": passed,
        "conversation_pass_rate": round(passed / len(grouped), 4) if grouped else 0.0,
        "turns": sum(len(r.turns) for r in suite.runs),
        "route_accuracy": accuracy["route_accuracy"],
        "tool_accuracy": accuracy["tool_accuracy"],
        "args_accuracy": accuracy["args_accuracy"],
        "reply_accuracy": accuracy["reply_accuracy"],
        "interrupt_accuracy": accuracy["interrupt_accuracy"],
        "state_accuracy": share(states),
        "pass_hat_k": pass_hat_k(
            [sum(r.passed for r in runs) for runs in grouped.values()], suite.repeat
        ),
        "turn_latency_ms": {
            "p50": round(percentile(latencies, 0.50), 1),
            "p95": round(percentile(latencies, 0.95), 1),
        },
    }


def conversation_entries(suite: SuiteResult) -> list[dict[str, Any]]:
    entries = []
    for cid, runs in suite.by_conversation().items():
        failures = [
            (f"run {r.run}: {f}" if suite.repeat > 1 else f) for r in runs for f in r.failures
        ]
        entries.append({"id": cid, "passed": all(r.passed for r in runs), "failures": failures})
    return entries


def document(suite: SuiteResult) -> dict[str, Any]:
    """The --json document, with exactly EVALS.md's keys."""
    return {
        "model": suite.model,
        "files": suite.files,
        "summary": summary(suite),
        "conversations": conversation_entries(suite),
    }
