"""What an injection run found, for the test's assertions and chaos.json."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.chaos.sql_sweep import Sweep


@dataclass
class InjectionReport:
    model: str
    messages: int = 0
    sql_strings: int = 0
    turns: Counter[str] = field(default_factory=Counter)  # by protocol
    statuses: Counter[str] = field(default_factory=Counter)  # "protocol:status"
    forged: Counter[str] = field(default_factory=Counter)  # hostile tool calls: refused/accepted
    sweep: Counter[str] = field(default_factory=Counter)  # "action:ok", "rest:4xx", ...
    read_back: int = 0  # stored strings read back unchanged
    answers_checked: int = 0
    leaks: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)  # 5xx, INTERNAL, failed streams
    changes: list[str] = field(default_factory=list)  # to the victim's data
    failures: list[str] = field(default_factory=list)  # crashes, strings not read back

    def add_sweep(self, sweep: Sweep) -> None:
        self.sweep.update(sweep.outcomes)
        self.read_back += sweep.read_back
        self.failures += sweep.failures

    @property
    def ok(self) -> bool:
        problems = self.leaks or self.server_errors or self.changes or self.failures
        return not problems and self.messages > 0 and sum(self.sweep.values()) > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "corpus_messages": self.messages,
            "sql_strings": self.sql_strings,
            "turns": dict(self.turns),
            "statuses": dict(sorted(self.statuses.items())),
            "forged_tool_calls": dict(self.forged),
            "sql_sweep": dict(sorted(self.sweep.items())),
            "read_back": self.read_back,
            "answers_checked": self.answers_checked,
            "leaks": len(self.leaks),
            "server_errors": len(self.server_errors),
            "victim_changes": len(self.changes),
            "failures": len(self.failures),
            "first_problems": (self.leaks + self.server_errors + self.changes + self.failures)[:20],
            "ok": self.ok,
        }


def summary(runs: list[InjectionReport]) -> dict[str, Any]:
    """The figures of the offline and the replay run together, for chaos.json."""
    return {
        "corpus_messages": max((r.messages for r in runs), default=0),
        "sql_strings": max((r.sql_strings for r in runs), default=0),
        "protocols": sorted({p for r in runs for p in r.turns}),
        "models": [r.model for r in runs],
        "leaks": sum(len(r.leaks) for r in runs),
        "server_errors": sum(len(r.server_errors) for r in runs),
        "victim_changes": sum(len(r.changes) for r in runs),
        "runs": [r.as_dict() for r in runs],
        "ok": bool(runs) and all(r.ok for r in runs),
    }
