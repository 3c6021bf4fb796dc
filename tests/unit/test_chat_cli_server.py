"""`pam chat` with no --server talks to the address `pam serve` listens on (HOST, PORT)."""

from __future__ import annotations

import pytest

from server.chat_cli.main import default_server
from server.settings import Settings


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8000, "http://127.0.0.1:8000"),  # the defaults, as before
        ("127.0.0.1", 8800, "http://127.0.0.1:8800"),  # PORT=8800 pam serve
        ("0.0.0.0", 8000, "http://127.0.0.1:8000"),  # noqa: S104 - every address: loopback
        ("::", 8000, "http://[::1]:8000"),
        ("::1", 9000, "http://[::1]:9000"),
        ("pam.lan", 8080, "http://pam.lan:8080"),
    ],
)
def test_the_default_server_is_where_pam_serve_listens(host: str, port: int, url: str) -> None:
    assert default_server(Settings(_env_file=None, host=host, port=port)) == url
