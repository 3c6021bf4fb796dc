"""The report of `make chaos` (`pytest -m chaos`): the full runs record their figures in
one `ChaosReport` (bench/results/chaos.json, written as each run ends); at the session's
end it is marked passed or not and its summary is printed under pytest's own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.chaos.report import ChaosReport

REPORT = pytest.StashKey[ChaosReport]()


@pytest.fixture(scope="session")
def chaos_report(pytestconfig: pytest.Config) -> Iterator[ChaosReport]:
    report = ChaosReport()
    pytestconfig.stash[REPORT] = report
    yield report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    report = session.config.stash.get(REPORT, None)
    if report is not None:
        report.finish(ok=exitstatus == pytest.ExitCode.OK)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    report = config.stash.get(REPORT, None)
    if report is None:
        return
    terminalreporter.section("make chaos")
    for line in report.lines():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"wrote {report.path}")
