"""`make chaos` inside pytest (registered by tests/conftest.py): the full runs (marker
`chaos`) are left out unless `-m` asks for them; when it does, the runs record their
figures in one `ChaosReport` (bench/results/chaos.json, written as each run ends), the
outcome of each issue-14 regression test (marker `hardening`) is recorded beside them,
and at the session's end the report is marked passed or not and printed."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from tests.chaos.report import ChaosReport

REPORT = pytest.StashKey[ChaosReport]()


def asks_for_chaos(config: pytest.Config) -> bool:
    """`-m` names the marker to select it (`chaos`, `chaos or hardening`), not to leave it
    out (`not chaos`)."""
    expression = config.option.markexpr or ""
    return "chaos" in expression and "not chaos" not in expression


def pytest_configure(config: pytest.Config) -> None:
    if asks_for_chaos(config):
        config.stash[REPORT] = ChaosReport()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The full runs take ~10 minutes: `make test` runs their small versions instead."""
    if asks_for_chaos(config):
        return
    left_out = [item for item in items if item.get_closest_marker("chaos") is not None]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item.get_closest_marker("chaos") is None]


@pytest.fixture(scope="session")
def chaos_report(pytestconfig: pytest.Config) -> ChaosReport:
    return pytestconfig.stash[REPORT]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    chaos = item.config.stash.get(REPORT, None)
    if chaos is not None and item.get_closest_marker("hardening") is not None:
        chaos.case(item.nodeid, report.when, report.outcome)
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    report = session.config.stash.get(REPORT, None)
    if report is not None and (report.results or report.cases):
        report.finish(ok=exitstatus == pytest.ExitCode.OK)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    report = config.stash.get(REPORT, None)
    if report is None or not (report.results or report.cases):
        return
    terminalreporter.section("make chaos")
    for line in report.lines():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"wrote {report.path}")
