"""The chaos runs' private PostgreSQL (tests/servers.py) lives outside pytest's temp root:
as root, pgserver runs the server as its own user and opens the folders above the data
to it, and each pytest session starting on the machine closes that root again. A server
under it then PANICs at its next checkpoint (`make chaos`'s database outage did, once,
while other sessions ran)."""

from __future__ import annotations

import os

import psycopg
import pytest

from tests.servers import private_postgres


def test_the_server_goes_on_when_a_new_pytest_session_closes_its_temp_root(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # pytest-of-USER/pytest-N/, and under pytest-xdist pytest-N/popen-gwK/
    roots = [p for p in tmp_path_factory.getbasetemp().parents if p.name.startswith("pytest-of-")]
    if not roots:
        pytest.skip("--basetemp was given: there is no /tmp/pytest-of-USER to close")
    root = roots[0]
    with private_postgres() as pg:
        assert not pg.embedded.pgdata.is_relative_to(root)
        os.chmod(root, 0o700)  # what every pytest session does as it starts
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute("CHECKPOINT")
            assert conn.execute("SELECT 1").fetchone() == (1,)
