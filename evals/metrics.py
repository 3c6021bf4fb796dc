"""The suite's figures: accuracies, pass^k, latency percentiles, and the --json document.

With `--repeat K` a conversation counts as passed when all K runs passed (so the
conversation pass rate equals pass^K); per-turn accuracies are taken over every run's
turns. An accuracy whose kind no turn states is `null`.
"""

from __future__ import annotations

from math import comb
from typing import Any

from evals.dataset import ToolExpect
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


REFUSAL = "can't help"  # the offline brain's answer to what it does not understand
# ... and its answer when a domain was reached but no request of it was read: to the user
# the same refusal of an in-scope request, so it is counted as one (evals/README.md).
NOT_SURE = "not sure what you'd like"
REFUSALS = (REFUSAL, NOT_SURE)


def _refused(reply: str, said: tuple[str, ...] = REFUSALS) -> bool:
    text = reply.lower().replace("’", "'")
    return any(s in text for s in said)


def _writes_asked(expected: list[ToolExpect]) -> set[str]:
    """The tools a turn asks to write with: a call expected with save=false (plan_trip on a
    distance question) asks for figures only, so a saved one is a write nobody asked for."""
    return {e.name for e in expected if (e.args or {}).get("save") is not False}


def behaviour(suite: SuiteResult) -> dict[str, Any]:
    """What the per-kind accuracies hide: in-scope requests refused (a turn that expects a
    tool and gets "can't help" or "not sure what you'd like" with no call), writes nobody
    asked for (a write that succeeded in a turn whose expected tools do not name it), and
    the pass rate per tag."""
    asked = [t for r in suite.runs for t in r.turns if t.observed.ran and t.expect.tools]
    refused = {id(t) for t in asked if not t.observed.tools and _refused(t.observed.reply)}
    # the narrower count of "can't help" alone (the metric before "not sure" was counted)
    cant_help = [
        t for t in asked if not t.observed.tools and _refused(t.observed.reply, (REFUSAL,))
    ]
    unrequested = [
        f"{r.conversation.id} turn {t.number}: {w.name}"
        for r in suite.runs
        for t in r.turns
        if t.expect.tools is not None
        for w in t.observed.writes
        if w.name not in _writes_asked(t.expect.tools)
    ]
    tags: dict[str, list[bool]] = {}
    for runs in suite.by_conversation().values():
        for tag in runs[0].conversation.tags:
            tags.setdefault(tag, []).append(all(r.passed for r in runs))
    return {
        "refusals": len(refused),
        "refusal_rate": share([id(t) in refused for t in asked]),
        "refusals_cant_help": len(cant_help),
        "unrequested_writes": len(unrequested),
        "unrequested_write_turns": unrequested,
        "per_tag_pass_rate": {tag: share(v) for tag, v in sorted(tags.items())},
    }


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
        **behaviour(suite),
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
