"""The in-process rate counter (server/ratelimit.py: MemoryCounter): a moving window per
key, kept without a thread."""

from __future__ import annotations

import asyncio
import threading

from limits import parse

from server.ratelimit import MemoryCounter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_key_gets_its_amount_per_moving_window() -> None:
    clock = Clock()
    counter = MemoryCounter(clock)
    rate = parse("3/minute")
    assert [await counter.hit(rate, "ann") for _ in range(3)] == [None, None, None]
    clock.now += 20
    assert await counter.hit(rate, "ann") == 40.0  # until the first hit leaves the window
    assert await counter.hit(rate, "bob") is None  # keys apart
    assert await counter.hit(parse("5/minute"), "ann") is None  # and rates apart
    clock.now += 40
    assert await counter.hit(rate, "ann") is None  # the first three went at once
    assert await counter.hit(rate, "ann") is None
    clock.now += 0.5
    assert await counter.hit(rate, "ann") is None
    assert await counter.hit(rate, "ann") == 59.5
    clock.now = 1060.0 + 59.9
    assert await counter.hit(rate, "ann") == 1.0  # never less than a second


async def test_idle_keys_are_dropped_and_the_one_hit_kept() -> None:
    clock = Clock()
    counter = MemoryCounter(clock, sweep_every=10)
    rate = parse("2/second")
    for n in range(9):
        await counter.hit(rate, f"user-{n}")
    clock.now += 5
    assert await counter.hit(rate, "user-0") is None  # the tenth hit: a sweep after it
    assert len(counter) == 1
    assert await counter.hit(rate, "user-0") is None
    assert await counter.hit(rate, "user-0") == 1.0  # both hits of user-0 counted


async def test_counting_starts_no_thread() -> None:
    counter = MemoryCounter()
    await asyncio.sleep(0.05)
    before = {t.ident for t in threading.enumerate()}
    started = set()
    for n in range(5):
        await counter.hit(parse("100/minute"), f"k{n % 2}")
        started |= {t.ident for t in threading.enumerate()} - before
        await asyncio.sleep(0.03)  # longer than any expiry timer a hit could have started
    assert not started
