"""The dashboard's kernel manager: idle culling that does not kill a visitor's fresh kernel.

Voilà keeps preheated kernels out of the culler's reach only while they wait in the pool. The
moment one is handed to a visitor it carries the `last_activity` of its render, possibly long
ago, and has no websocket yet, so the next cull pass shuts it down before the page connects
(seen here: "Culling 'idle' kernel ... due to 13 seconds of inactivity" right after "Using
pre-heated kernel"). This manager starts each kernel's idle clock when the culler first meets
it idle outside the pool, so every kernel gets the full timeout to be connected to.
"""

from __future__ import annotations

from datetime import datetime

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class GracefulCullingKernelManager(AsyncMappingKernelManager):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._idle_clock_started: dict[str, datetime] = {}

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        # Voilà's pool-aware subclass returns before this for kernels still in a pool.
        kernel = self._kernels.get(kernel_id)
        if (kernel is not None and kernel_id not in self._idle_clock_started
                and getattr(kernel, "execution_state", None) == "idle"):
            now = utcnow()
            self._idle_clock_started[kernel_id] = now
            kernel.last_activity = max(kernel.last_activity, now)
        await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        self._idle_clock_started.pop(kernel_id, None)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
