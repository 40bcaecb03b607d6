"""Fair admission: no more renders at once than allowed, the rest served in arrival order."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from spineedu.admission import FifoAdmission


def run(coroutine):
    """In a thread of its own: the browser tests' Playwright keeps an event loop running in
    the main thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_visitors_are_served_in_arrival_order_and_never_more_than_the_limit():
    async def scenario():
        admission, order, running, peak = FifoAdmission(2), [], [0], [0]

        async def visitor(number: int) -> None:
            async with admission.slot():
                running[0] += 1
                peak[0] = max(peak[0], running[0])
                order.append(number)
                await asyncio.sleep(0.01)
                running[0] -= 1

        tasks = []
        for number in range(12):
            tasks.append(asyncio.create_task(visitor(number)))
            await asyncio.sleep(0)  # arrival order is creation order
        await asyncio.gather(*tasks)
        return order, peak[0], admission

    order, peak, admission = run(scenario())
    assert order == list(range(12))
    assert peak == 2
    assert admission.active == 0 and admission.waiting == 0


def test_a_visitor_who_leaves_the_queue_does_not_keep_a_slot():
    async def scenario():
        admission = FifoAdmission(1)
        await admission.acquire()
        leaver = asyncio.create_task(admission.acquire())
        stayer = asyncio.create_task(admission.acquire())
        await asyncio.sleep(0)
        assert admission.must_wait() and admission.waiting == 2
        leaver.cancel()  # closed the tab while waiting
        await asyncio.sleep(0)
        admission.release()
        await asyncio.wait_for(stayer, 1)
        assert admission.active == 1
        admission.release()
        return admission

    admission = run(scenario())
    assert admission.active == 0 and not admission.must_wait()


def test_the_first_visitor_never_waits():
    async def scenario():
        admission = FifoAdmission(2)
        assert not admission.must_wait()
        await asyncio.wait_for(admission.acquire(), 0.1)
        return admission.active

    assert run(scenario()) == 1


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="at least 1"):
        FifoAdmission(0)
