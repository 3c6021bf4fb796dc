"""Fresh, empty databases on the same server as the suite's, for migration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import scratch_database


@pytest.fixture
def fresh_database_url(database_url: str) -> Iterator[str]:
    with scratch_database(database_url, "pam_fresh") as url:
        yield url
