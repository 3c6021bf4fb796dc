"""Admission's slots alone: order, cancels (also one that lands as a slot is handed
over), no limit."""

from __future__ import annotations

import asyncio

from server.runs.admission import Admission


async def test_slots_go_to_waiters_first_come_first_served() -> None:
    admission = Admission(1)
    first = admission.ticket()
    assert first.take_now()
    order: list[int] = []

    async def wait(n: int) -> None:
        ticket = admission.ticket()
        assert not ticket.take_now()  # someone runs, or waits ahead
        await ticket.take()
        order.append(n)
        ticket.give_back()

    waiters = [asyncio.create_task(wait(n)) for n in range(4)]
    await asyncio.sleep(0)
    assert admission.waiting == 4
    first.give_back()
    await asyncio.gather(*waiters)
    assert order == [0, 1, 2, 3]
    assert (admission.running, admission.waiting) == (0, 0)


async def test_a_free_slot_is_not_taken_past_those_waiting() -> None:
    admission = Admission(1)
    holder = admission.ticket()
    assert holder.take_now()
    waiter = admission.ticket()
    waiting = asyncio.create_task(waiter.take())
    await asyncio.sleep(0)
    holder.give_back()  # handed to the waiter, not freed
    assert not admission.ticket().take_now()
    await waiting
    assert admission.running == 1


async def test_a_cancelled_waiter_leaves_the_queue() -> None:
    admission = Admission(1)
    holder = admission.ticket()
    holder.take_now()
    waiting = asyncio.create_task(admission.ticket().take())
    await asyncio.sleep(0)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert admission.waiting == 0
    holder.give_back()
    assert (admission.running, admission.waiting) == (0, 0)
    assert admission.ticket().take_now()


async def test_a_slot_handed_to_a_waiter_cancelled_meanwhile_passes_on() -> None:
    admission = Admission(1)
    holder = admission.ticket()
    holder.take_now()
    cancelled, next_one = admission.ticket(), admission.ticket()
    first = asyncio.create_task(cancelled.take())
    second = asyncio.create_task(next_one.take())
    await asyncio.sleep(0)
    holder.give_back()  # the slot goes to `first`...
    first.cancel()  # ...which is cancelled before it resumes
    await asyncio.gather(first, return_exceptions=True)
    await asyncio.wait_for(second, 1)
    assert not cancelled.held and next_one.held
    assert (admission.running, admission.waiting) == (1, 0)


async def test_a_ticket_is_given_back_once() -> None:
    admission = Admission(2)
    ticket = admission.ticket()
    ticket.take_now()
    ticket.give_back()
    ticket.give_back()
    assert admission.running == 0


async def test_no_limit_admits_everyone_at_once() -> None:
    admission = Admission(0)
    tickets = [admission.ticket() for _ in range(100)]
    assert all(t.take_now() for t in tickets)
    for ticket in tickets:
        ticket.give_back()
    assert (admission.running, admission.waiting) == (0, 0)
