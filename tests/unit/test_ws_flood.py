"""A socket's refused frames are counted within a moving window (server/ws/flood.py)."""

from __future__ import annotations

from server.ws.flood import Refusals


def test_more_than_the_limit_within_the_window_is_a_flood() -> None:
    now = [0.0]
    refusals = Refusals(3, window_s=10.0, clock=lambda: now[0])
    assert [refusals.refuse() for _ in range(3)] == [False] * 3
    assert refusals.refuse() is True


def test_refusals_older_than_the_window_are_forgotten() -> None:
    now = [0.0]
    refusals = Refusals(2, window_s=10.0, clock=lambda: now[0])
    assert not refusals.refuse() and not refusals.refuse()
    now[0] = 10.0  # both now a full window old
    assert not refusals.refuse() and not refusals.refuse()
    assert refusals.refuse()
