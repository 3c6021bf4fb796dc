"""The computer's time zone as `pam chat` tells it: TZ first; UTC by any name is none."""

from __future__ import annotations

import pytest

from server.chat_cli.local_zone import local_zone


@pytest.mark.parametrize(
    ("tz", "sent"),
    [
        ("Australia/Perth", "Australia/Perth"),
        (":Australia/Darwin", "Australia/Darwin"),
        ("Etc/UTC", None),
        ("UTC", None),
        ("Etc/GMT-8", None),
        ("AWST-8", None),  # a POSIX rule, not a zone's name: said nothing we can name
    ],
)
def test_tz_decides_and_utc_is_no_place(
    monkeypatch: pytest.MonkeyPatch, tz: str, sent: str | None
) -> None:
    monkeypatch.setenv("TZ", tz)
    assert local_zone() == sent
