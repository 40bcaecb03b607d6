"""First come, first served: how many pages render at once, and who waits.

Rendering a lesson means starting a kernel and running the notebook in it, about 0.65 s of
machine time. Started all at once, N renders share the cores and every visitor waits as long as
the last (measured: 50 at once, 32 s each). Admitting a few at a time (two per core: a render
also waits on the kernel's start and messages, so two keep a core busy) and queueing the rest in
arrival order gives about the same total time, but the first visitor is served at once and the
median visitor in half the time or less (bench/load.py).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class FifoAdmission:
    """At most `limit` holders at once; the rest wait strictly in arrival order."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        self.limit = limit
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        return sum(1 for waiter in self._waiters if not waiter.done())

    def must_wait(self) -> bool:
        """Whether a visitor arriving now would queue (to show them a waiting page)."""
        return self.active >= self.limit or self.waiting > 0

    async def acquire(self) -> None:
        if not self.must_wait():
            self.active += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter  # release() hands its slot over: `active` already counts this one
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # admitted and cancelled at once: pass the slot on
            raise
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def release(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot goes to the longest waiting
                return
        self.active -= 1

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self.acquire()
        try:
            yield
        finally:
            self.release()
