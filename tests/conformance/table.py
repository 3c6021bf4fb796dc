"""The conformance table, filled from this run's case results (printed at the end)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class Row:
    call: str
    passed: int = 0
    failed: int = 0
    expected_failures: int = 0
    skipped: int = 0

    @property
    def verdict(self) -> str:
        if self.failed:
            return "differs"
        if self.passed and not (self.expected_failures or self.skipped):
            return "same"
        if self.passed:
            return "same (some cases not yet, or skipped)"
        if self.expected_failures:
            return "not yet (known, the case's xfail says why)"
        return "skipped"


_rows: dict[str, Row] = {}
_seen: set[str] = set()


def record(nodeid: str, call: str, report: pytest.TestReport) -> None:
    if nodeid in _seen:
        return
    _seen.add(nodeid)
    row = _rows.setdefault(call, Row(call))
    if hasattr(report, "wasxfail"):
        row.expected_failures += 1
    elif report.passed:
        row.passed += 1
    elif report.skipped:
        row.skipped += 1
    else:
        row.failed += 1


def render() -> str:
    if not _rows:
        return ""
    lines = ["| call | cases | langgraph dev vs PAM |", "|---|---|---|"]
    for row in _rows.values():
        cases = row.passed + row.failed + row.expected_failures + row.skipped
        lines.append(f"| {row.call} | {cases} | {row.verdict} |")
    total = sum(r.passed + r.failed + r.expected_failures + r.skipped for r in _rows.values())
    lines.append(f"\n{total} cases in {len(_rows)} rows")
    return "\n".join(lines)
