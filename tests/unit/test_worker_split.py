"""`make test`'s split of the suite between pytest-xdist workers (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import FilesAndConformance


@pytest.mark.parametrize(
    ("nodeid", "unit"),
    [
        ("tests/conformance/test_runs.py::test_join", "tests/conformance"),
        ("tests/conformance/test_state.py::test_history[a-b]", "tests/conformance"),
        ("tests/api/test_chat.py::TestStream::test_reply", "tests/api/test_chat.py"),
        ("tests/unit/brain/test_dates.py::test_thurs[1]", "tests/unit/brain/test_dates.py"),
        ("tests/conformance_extra.py::test_x", "tests/conformance_extra.py"),
    ],
)
def test_a_file_goes_whole_to_one_worker_and_the_conformance_files_together(
    nodeid: str, unit: str
) -> None:
    split = FilesAndConformance.__new__(FilesAndConformance)  # the split reads no state
    assert split._split_scope(nodeid) == unit
