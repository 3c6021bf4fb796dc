"""What `make chaos` reports: fault-run summaries (the counts QUALITY.md asks for, the
per-fault checks, one table) and `ChaosReport`, which gathers every run's figures into
bench/results/chaos.json as the runs end."""

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


def write_json(name: str, data: Any, directory: Path = RESULTS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    path.write_bytes(orjson.dumps(data, option=options, default=str) + b"\n")
    return path


class ChaosReport:
    """The figures of this session's chaos runs, written to chaos.json after every run
    (a session cut short keeps what it measured) over the last session's file, so a
    partial run (`make chaos CHAOS_ARGS="-k isolation"`) keeps the other runs' figures."""

    def __init__(self, path: Path = RESULTS / "chaos.json") -> None:
        self.path = path
        self.results: dict[str, Any] = {}
        self.faults: list[FaultSummary] = []
        self.passed: dict[str, bool] = {}
        self.cases: dict[str, str] = {}  # the `hardening` tests: node id -> outcome

    def case(self, nodeid: str, when: str, outcome: str) -> None:
        """A phase of a regression test: its outcome is the call's, unless a phase failed
        (or setup skipped it)."""
        deciding = outcome == "failed" or when == "call" or nodeid not in self.cases
        if deciding and self.cases.get(nodeid) != "failed":
            self.cases[nodeid] = outcome

    def record(self, name: str, figures: Any, ok: bool) -> None:
        self.results[name] = figures
        self.passed[name] = ok
        self._write()

    def fault(self, summary: FaultSummary) -> None:
        self.faults.append(summary)
        self.record("faults", [f.as_dict() for f in self.faults], all(f.ok for f in self.faults))

    def finish(self, ok: bool) -> None:
        """`ok`: every selected run passed (pytest's exit status), each recorded one too."""
        if self.cases:
            outcomes = Counter(self.cases.values())
            failed = sorted(n for n, o in self.cases.items() if o == "failed")
            figures = {"tests": len(self.cases), **outcomes, "failed_tests": failed}
            self.results["hardening_tests"] = figures
            self.passed["hardening_tests"] = not failed
        self.results["ok"] = ok and all(self.passed.values())
        self._write()

    def _write(self) -> None:
        path = self.path
        earlier: dict[str, Any] = orjson.loads(path.read_bytes()) if path.exists() else {}
        write_json(path.name, merged(earlier, self.results), path.parent)

    def lines(self) -> list[str]:
        """The terminal summary: the fault table, then one line per other run."""
        out = [table(self.faults)] if self.faults else []
        for name, figures in self.results.items():
            if name in ("faults", "ok"):
                continue
            shown = {k: v for k, v in figures.items() if not isinstance(v, list | dict)}
            out.append(f"{name}: {'ok' if self.passed[name] else 'FAILED'} {shown}")
        return out


def merged(earlier: dict[str, Any], results: dict[str, Any]) -> dict[str, Any]:
    """This session's runs over the last file's; `ok` is this session's."""
    merged = {**earlier, **results}
    if "faults" in results:  # fault by fault, too
        by_name = {f["name"]: f for f in [*earlier.get("faults", []), *results["faults"]]}
        merged["faults"] = list(by_name.values())
    if "ok" in results:
        merged["ok"] = all(f["ok"] for f in merged.get("faults", [])) and results["ok"]
    return {**merged, "steps_in_last_run": sorted(k for k in results if k != "ok")}
