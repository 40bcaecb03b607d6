"""SpineEdu's Voilà server: Voilà 0.5 itself, with first-come-first-served admission, a cap on
live kernels and a pool size for the explorer set from the command line.

`spineedu serve` runs this module in its own process (it execs it), so SIGTERM and Ctrl-C reach
Voilà, which stops every kernel before it exits.
"""

from __future__ import annotations

import atexit
import os
import shutil
from pathlib import Path

import tornado.ioloop
import tornado.web
from traitlets import Integer
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from spineedu.admission import FifoAdmission
from spineedu.quiet_errors import prune_request_info, quiet_handlers
from spineedu.security_headers import SecurityHeaders

EXPLORER = "02_treatment_explorer.ipynb"
KERNEL_BUDGET_BYTES = 100 * 2**20  # a lesson kernel is about 46 MB (USS); room to spare
RETRY_AFTER_SECONDS = 60
PRUNE_MILLISECONDS = 10_000  # Voilà's request-info cache, of kernels that have ended
TEMPLATES = Path(__file__).resolve().parent / "server_pages"


def available_memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def default_max_kernels() -> int:
    """Half of the memory free at start, in kernel budgets: never an out-of-memory kill."""
    available = available_memory_bytes()
    return 20 if available is None else max(2, available // 2 // KERNEL_BUDGET_BYTES)


def page(name: str, **values: object) -> str:
    text = (TEMPLATES / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


class FairVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler, admitting renders first come, first served, and refusing new
    kernels past the cap with a 503 and Retry-After instead of running out of memory."""

    @tornado.web.authenticated
    async def get(self, path=None):
        self._ignore_overrides()
        admission: FifoAdmission = self.settings["spineedu_admission"]
        if self._visitor_kernels() + admission.active + admission.waiting >= (
                self.settings["spineedu_max_kernels"]):
            self.log.warning("SpineEdu: kernel cap reached, answering 503")
            self.set_status(503)
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            await self.finish(page("busy.html", retry=RETRY_AFTER_SECONDS))
            return
        if self._ready_in_pool(path):  # rendered already: nothing to wait for
            await self._write_page(path)
            return
        if admission.must_wait():  # show where they are now; the lesson's page follows
            self.write(page("queue.html", position=admission.waiting + 1))
            self.flush()
        async with admission.slot():
            await self._write_page(path)

    def _ignore_overrides(self) -> None:
        """voila.json forbids ?theme= and ?template=; Voilà still lets them skip the
        preheated kernel (a fresh render each time), so they are removed first."""
        for name in ("theme", "template"):
            if getattr(self.voila_configuration, f"allow_{name}_override") == "NO":
                self.request.arguments.pop(name, None)

    async def _write_page(self, path) -> None:
        async for html in self.get_generator(path=path):
            self.write(html)
            self.flush()

    def _ready_in_pool(self, path) -> bool:
        pool = getattr(self.kernel_manager, "_pools", {}).get(path) or []
        return bool(pool) and pool[0].done() and not pool[0].cancelled() and (
            pool[0].exception() is None)

    def _visitor_kernels(self) -> int:
        """Live kernels handed to visitors: the ones still waiting in a pool do not count."""
        pools = getattr(self.kernel_manager, "_pools", {})
        pooled = sum(len(pool) for pool in pools.values())
        return max(0, len(self.kernel_manager.list_kernel_ids()) - pooled)


class SpineEduVoila(Voila):
    preheat = Integer(-1, config=True,
                      help="explorer kernels kept ready (-1: as voila.json says)")
    max_rendering = Integer(0, config=True,
                            help="pages rendered at once, the rest queue (0: two per core)")
    max_kernels = Integer(0, config=True,
                          help="live visitor kernels at most, then 503 (0: from free memory)")

    def initialize(self, argv=None):
        super().initialize(argv)
        if self.preheat >= 0:
            pools = dict(self.config.VoilaKernelManager.get("kernel_pools_config", {}))
            pools[EXPLORER] = {"pool_size": self.preheat}
            pools.setdefault("default", {"pool_size": 0})
            self.config.VoilaKernelManager.kernel_pools_config = pools

    def init_handlers(self):
        limit = self.max_rendering or 2 * (os.cpu_count() or 1)
        cap = self.max_kernels or default_max_kernels()
        self.app.settings.update(spineedu_admission=FifoAdmission(limit),
                                 spineedu_max_kernels=cap)
        self.log.info("SpineEdu: %d page(s) rendered at once, at most %d visitor kernels",
                      limit, cap)
        self.app.add_transform(SecurityHeaders)
        tornado.ioloop.PeriodicCallback(
            lambda: prune_request_info(set(self.kernel_manager.list_kernel_ids())),
            PRUNE_MILLISECONDS).start()
        return quiet_handlers([
            (pattern, FairVoilaHandler, *rest) if handler is TornadoVoilaHandler
            else (pattern, handler, *rest) for pattern, handler, *rest in super().init_handlers()])


def main() -> None:
    snapshot = os.environ.get("SPINEEDU_CONTENT_SNAPSHOT")  # spineedu serve's content copy
    if snapshot:
        atexit.register(shutil.rmtree, snapshot, ignore_errors=True)
    SpineEduVoila.launch_instance()


if __name__ == "__main__":
    main()
