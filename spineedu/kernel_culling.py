"""The dashboard's kernel manager: idle culling that does not kill a visitor's fresh kernel,
that ends kernels held by an idle websocket, and that knows which visitor started each kernel.

Voilà keeps preheated kernels out of the culler's reach only while they wait in the pool. The
moment one is handed to a visitor it carries the `last_activity` of its render, possibly long
ago, and has no websocket yet, so the next cull pass shuts it down before the page connects
(seen here: "Culling 'idle' kernel ... due to 13 seconds of inactivity" right after "Using
pre-heated kernel"). This manager starts each kernel's idle clock when the culler first meets
it idle outside the pool, so every kernel gets the full timeout to be connected to.

Jupyter never culls a kernel with a connected websocket (`cull_connected` is off, rightly: a
student reads between clicks). Six held sockets then kept every other visitor out past the cull
timeout, so a connected kernel with no message either way for `cull_connected_idle_timeout`
(default 30 minutes, far longer than reading a lesson) is culled as well.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer

from spineedu.client_address import CURRENT_VISITOR


class GracefulCullingKernelManager(AsyncMappingKernelManager):
    cull_connected_idle_timeout = Integer(
        1800, config=True,
        help="seconds without a message after which a kernel is culled although a websocket "
             "is connected (0: never)")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._idle_clock_started: dict[str, datetime] = {}
        self.visitor_of: dict[str, str] = {}  # kernel id -> the address that was given it

    async def start_kernel(self, *args, **kwargs) -> str:
        kernel_id = await super().start_kernel(*args, **kwargs)
        if (kwargs.get("env") or {}).get("VOILA_PREHEAT") != "True":  # a pool's: nobody's yet
            self.record_visitor(kernel_id)
        return kernel_id

    def record_visitor(self, kernel_id: str) -> None:
        """The kernel now belongs to the visitor whose request is being served, if any."""
        visitor = CURRENT_VISITOR.get()
        if visitor is not None:
            self.visitor_of[kernel_id] = visitor

    def kernels_of(self, visitor: str) -> int:
        live = set(self.list_kernel_ids())
        return sum(1 for kernel_id, owner in self.visitor_of.items()
                   if owner == visitor and kernel_id in live)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        # Voilà's pool-aware subclass returns before this for kernels still in a pool.
        kernel = self._kernels.get(kernel_id)
        if (kernel is not None and kernel_id not in self._idle_clock_started
                and getattr(kernel, "execution_state", None) == "idle"):
            now = utcnow()
            self._idle_clock_started[kernel_id] = now
            kernel.last_activity = max(kernel.last_activity, now)
        await super().cull_kernel_if_idle(kernel_id)
        kernel = self._kernels.get(kernel_id)
        if (kernel is not None and self.cull_connected_idle_timeout > 0
                and self._kernel_connections.get(kernel_id, 0)
                and getattr(kernel, "execution_state", None) != "busy"
                and utcnow() - kernel.last_activity > timedelta(
                    seconds=self.cull_connected_idle_timeout)):
            self.log.warning("Culling kernel %s: connected but idle for more than %d s",
                             kernel_id, self.cull_connected_idle_timeout)
            await self.shutdown_kernel(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        self._idle_clock_started.pop(kernel_id, None)
        self.visitor_of.pop(kernel_id, None)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
