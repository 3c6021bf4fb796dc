"""The readable report (Markdown): summary, per-tag accuracy, route confusion, failures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from agent.nodes import DOMAIN_NODES
from evals.metrics import document, kind_outcomes, share
from evals.report_failures import failed_section
from evals.results import RunResult, SuiteResult

DOMAINS = DOMAIN_NODES  # the routes a turn may take (agent/nodes.py)
NONE = "—"


def cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{round(value, 4):g}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _summary(suite: SuiteResult) -> list[str]:
    doc = document(suite)
    s = doc["summary"]
    rows: list[list[Any]] = [[key, s[key]] for key in s if not isinstance(s[key], dict)]
    rows += [[f"pass^{k}", v] for k, v in s["pass_hat_k"].items()]
    rows += [[f"turn latency {p} (ms)", v] for p, v in s["turn_latency_ms"].items()]
    return ["## Summary", "", *table(["metric", "value"], rows)]


def _tags(suite: SuiteResult) -> list[str]:
    by_tag: dict[str, list[list[RunResult]]] = {}
    for runs in suite.by_conversation().values():
        for tag in runs[0].conversation.tags or ["(untagged)"]:
            by_tag.setdefault(tag, []).append(runs)
    rows = []
    for tag in sorted(by_tag):
        groups = by_tag[tag]
        flat = [r for runs in groups for r in runs]
        passed = sum(all(r.passed for r in runs) for runs in groups)
        rows.append(
            [tag, len(groups), passed, round(passed / len(groups), 4)]
            + [share(kind_outcomes(flat, k)) for k in ("route", "tools", "args")]
        )
    header = ["tag", "conversations", "passed", "pass rate", "route acc.", "tool acc.", "args acc."]
    return ["## Per-tag accuracy", "", *table(header, rows)]


def confusion(suite: SuiteResult) -> Counter[tuple[str, str]]:
    """(expected, got) counts over turns stating a route. A domain both expected and
    picked counts on the diagonal; a missed one counts against each extra domain picked
    instead (or against — when none); an extra one with nothing missed counts as (—, got)."""
    counts: Counter[tuple[str, str]] = Counter()
    for run in suite.runs:
        for turn in run.turns:
            if turn.expect.route is None:
                continue
            want, got = set(turn.expect.route), set(turn.observed.route)
            missed, extra = sorted(want - got), sorted(got - want)
            for d in want & got:
                counts[(d, d)] += 1
            for d in missed:
                for x in extra or [NONE]:
                    counts[(d, x)] += 1
            if not missed:
                for x in extra:
                    counts[(NONE, x)] += 1
    return counts


def _confusion(suite: SuiteResult) -> list[str]:
    counts = confusion(suite)
    labels = [*DOMAINS, NONE]
    rows = [[f"**{e}**", *(counts[(e, g)] or "" for g in labels)] for e in labels]
    recall = []
    for d in DOMAINS:
        expected = sum(n for (e, _), n in counts.items() if e == d)
        if expected:
            recall.append([d, expected, counts[(d, d)], round(counts[(d, d)] / expected, 4)])
    return [
        "## Route confusion matrix",
        "",
        f"Rows: the domain a turn expected; columns: the domain the router picked ({NONE}: none).",
        "",
        *table(["expected \\ got", *labels], rows),
        "",
        *table(["domain", "expected", "picked", "recall"], recall),
    ]


def render(suite: SuiteResult) -> str:
    lines = [
        "# PAM eval report",
        "",
        f"Model: `{suite.model}` · runs per conversation: {suite.repeat} · files: "
        + ", ".join(f"`{f}`" for f in suite.files),
        "",
    ]
    if suite.notes:
        lines += ["**Notes:**", "", *(f"- {n}" for n in suite.notes), ""]
    for section in (_summary, _tags, _confusion, failed_section):
        lines += [*section(suite), ""]
    return "\n".join(lines)
