"""`langgraph dev` and `pam serve` side by side, for the differential conformance suite.

Both start once per session on a migrated database of their own with the offline brain,
paced like a real model (tests.fakes.PacedBrain: its replies take a few hundred ms,
so that a case can act while a turn is provably mid-run, as a cancel must). Each
case runs the same scripted SDK calls against both (`both`), normalises what came back
(normalise.py) and compares; a row of the issue's table is a case, and the terminal
summary prints the table re-filled from the results.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path

import pytest

from bench.launch import langgraph_dev, pam_serve
from bench.procs import REPO, Server
from tests.conformance.sides import Side
from tests.conformance.table import record, render
from tests.servers import scratch_database
from tools.db.migrate import migrate

pytestmark = pytest.mark.slow
BRAIN = "python:tests.fakes:PacedBrain"
LOG_TAIL_LINES = 80
# The servers' logs live in temp directories removed when they stop; a failing case copies
# them here (the session's pytest tmp, kept after the run) and shows their tails.
_logs: dict[str, tuple[Path, Path]] = {}


def _keep_log(server: Server, keep: pytest.TempPathFactory) -> None:
    assert server.log is not None
    _logs[server.name] = (server.log, keep.getbasetemp() / "server-logs" / server.log.name)


def _attach_logs(report: pytest.TestReport) -> None:
    """Copy both servers' logs so far to pytest's tmp and put their tails in the report:
    an error of either server (its traceback) is then read from the failure itself."""
    for name, (log, kept) in _logs.items():
        if not log.exists():
            continue
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, kept)
        lines = log.read_text(errors="replace").splitlines()[-LOG_TAIL_LINES:]
        tail = "\n".join([f"(whole log: {kept})", *lines])
        report.sections.append((f"{name} log, last {LOG_TAIL_LINES} lines", tail))


@pytest.fixture(scope="session")
async def migrated_url(database_url: str) -> AsyncIterator[str]:
    """A database of the two servers' own: they live the whole session and `pam serve`
    runs a job worker, which would otherwise fire the crons and delayed runs of tests
    that come later on the suite's database, with the wrong model."""
    with scratch_database(database_url, "pam_conformance") as url:
        await migrate(url)
        yield url


@pytest.fixture(scope="session")
def reference(migrated_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Side]:
    # The paced brain lives in tests/, which the installed project does not ship. The graph
    # is graph.py's, with LangGraph's `tools` mode asked for its v3 streams
    # (reference_graph.py says why).
    served = f"{REPO / 'tests' / 'conformance' / 'reference_graph.py'}:graph"
    env = {"PYTHONPATH": str(REPO)}
    with langgraph_dev(migrated_url, BRAIN, extra_env=env, graph=served) as server:
        _keep_log(server, tmp_path_factory)
        server.wait_ready(timeout_s=120)
        yield Side("reference", server.url)


@pytest.fixture(scope="session")
def pam(migrated_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Side]:
    # Studio's origin allowed, as docs/studio.md tells a developer to.
    studio = {"CORS_ORIGINS": '["http://localhost:3000", "https://smith.langchain.com"]'}
    with pam_serve(migrated_url, BRAIN, extra_env=studio) as server:
        _keep_log(server, tmp_path_factory)
        server.wait_ready(timeout_s=120)
        yield Side("pam", server.url)


@pytest.fixture(scope="session")
def sides(reference: Side, pam: Side) -> tuple[Side, Side]:
    return reference, pam


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "row(call): the row of the conformance table a case fills")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        _attach_logs(report)
    marker = item.get_closest_marker("row")
    if marker is not None and (report.when == "call" or report.outcome != "passed"):
        record(item.nodeid, str(marker.args[0]), report)
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    table = render()
    if table:
        terminalreporter.write_sep("-", "Agent Protocol conformance (langgraph dev vs pam serve)")
        terminalreporter.write_line(table)
