"""`make chaos`'s plumbing: the full runs are left out unless `-m` names the marker, and
chaos.json keeps the last session's figures for the runs this session did not do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.chaos.report import ChaosReport, FaultSummary
from tests.servers import REPO

FULL_RUNS = "tests/chaos/test_full_runs.py"


def collected(*args: str) -> str:
    """pytest's count line for the full runs' module, without its timing."""
    argv = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*argv, *args, FULL_RUNS], cwd=REPO, capture_output=True, text=True, check=False
    )
    return done.stdout.strip().splitlines()[-1].rsplit(" in ", 1)[0]


@pytest.mark.slow
@pytest.mark.timeout(600)  # two collections in subprocesses: slow on a loaded machine
def test_the_full_runs_are_left_out_unless_the_marker_is_asked_for() -> None:
    # Another -m (CI's second run) leaves them out as `make test`'s none does.
    assert collected("-m", "not redis") == "no tests collected (9 deselected)"
    # `make chaos CHAOS_ARGS="-k isolation"`
    assert collected("-m", "chaos", "-k", "isolation") == "1/9 tests collected (8 deselected)"


def fault(name: str, lost: int = 0) -> FaultSummary:
    return FaultSummary(name, attempted=3, completed=3, lost=lost).judge()


def test_a_partial_session_keeps_the_other_runs_figures(tmp_path: Path) -> None:
    path = tmp_path / "chaos.json"
    earlier = ChaosReport(path)
    earlier.fault(fault("crash"))
    earlier.fault(fault("database outage", lost=1))
    earlier.record("schema", {"requests_generated": 4229}, True)
    earlier.finish(ok=False)
    assert orjson.loads(path.read_bytes())["ok"] is False

    later = ChaosReport(path)
    later.fault(fault("database outage"))
    later.record("isolation", {"probes": 116}, True)
    written = orjson.loads(path.read_bytes())
    assert written["ok"] is False  # until this session ends, the last one's verdict
    later.finish(ok=True)
    written = orjson.loads(path.read_bytes())
    assert [(f["name"], f["lost"]) for f in written["faults"]] == [
        ("crash", 0),
        ("database outage", 0),
    ]
    assert written["schema"] == {"requests_generated": 4229}
    assert written["isolation"] == {"probes": 116}
    assert written["steps_in_last_run"] == ["faults", "isolation"]
    assert written["ok"] is True


def test_a_failed_run_or_session_marks_the_file_failed(tmp_path: Path) -> None:
    report = ChaosReport(tmp_path / "chaos.json")
    report.record("wsfuzz", {"frames_sent": 10}, False)
    report.finish(ok=True)
    assert orjson.loads(report.path.read_bytes())["ok"] is False
    assert report.lines() == ["wsfuzz: FAILED {'frames_sent': 10}"]

    report = ChaosReport(tmp_path / "other.json")
    report.fault(fault("crash"))
    report.finish(ok=False)  # a run that raised before recording anything
    assert orjson.loads(report.path.read_bytes())["ok"] is False


def test_the_hardening_tests_outcomes_join_the_report(tmp_path: Path) -> None:
    report = ChaosReport(tmp_path / "chaos.json")
    for when, outcome in (("setup", "passed"), ("call", "passed"), ("teardown", "passed")):
        report.case("test_tokens.py::test_a", when, outcome)
    for when, outcome in (("setup", "passed"), ("call", "passed"), ("teardown", "failed")):
        report.case("test_tokens.py::test_b", when, outcome)
    report.case("test_migrate.py::test_c", "setup", "skipped")
    report.finish(ok=True)
    written = orjson.loads(report.path.read_bytes())
    assert written["hardening_tests"] == {
        "tests": 3,
        "passed": 1,
        "failed": 1,
        "skipped": 1,
        "failed_tests": ["test_tokens.py::test_b"],
    }
    assert written["ok"] is False
