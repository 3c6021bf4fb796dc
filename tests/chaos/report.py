"""Fault-run summaries: the counts QUALITY.md asks for, the per-fault checks, and the
one table `make chaos` prints and writes to bench/results/chaos.json."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"


@dataclass
class FaultSummary:
    name: str
    attempted: int = 0
    completed: int = 0
    failed_clear: int = 0
    lost: int = 0
    duplicated: int = 0
    retried: int = 0
    unconfirmed_writes: int = 0  # stored, though the client was told the turn failed
    tracebacks_to_clients: int = 0
    error_codes: Counter[str] = field(default_factory=Counter)
    checks: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def require(self, condition: bool, what: str) -> None:
        if not condition:
            self.failures.append(what)

    def judge(self) -> FaultSummary:
        """The criteria every fault run shares."""
        self.require(self.attempted > 0, "no turn was attempted")
        self.require(self.completed > 0, "no turn completed")
        self.require(self.lost == 0, f"{self.lost} turn(s) lost")
        self.require(self.duplicated == 0, f"{self.duplicated} duplicated write(s)")
        self.require(self.tracebacks_to_clients == 0, "a traceback reached a client")
        return self

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["error_codes"] = dict(self.error_codes)
        data["ok"] = self.ok
        return data


HEADER = ("fault", "attempted", "completed", "failed (clear error)", "lost", "duplicated", "ok")


def table(summaries: list[FaultSummary]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for s in summaries:
        cells = (s.name, s.attempted, s.completed, s.failed_clear, s.lost, s.duplicated)
        mark = "yes" if s.ok else "NO: " + "; ".join(s.failures)
        lines.append("| " + " | ".join(str(c) for c in cells) + f" | {mark} |")
    return "\n".join(lines)


def write_json(name: str, data: Any) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    path.write_bytes(orjson.dumps(data, option=options, default=str) + b"\n")
    return path
