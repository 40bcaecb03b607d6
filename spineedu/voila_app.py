"""SpineEdu's Voilà server: Voilà 0.5 itself, with first-come-first-served admission, a cap on
live kernels and a pool size for the explorer set from the command line.

`spineedu serve` runs this module in its own process (it execs it), so SIGTERM and Ctrl-C reach
Voilà, which stops every kernel before it exits.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
from pathlib import Path

import tornado.ioloop
import tornado.web
from jupyter_core.paths import jupyter_config_path
from traitlets import Integer, default
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from spineedu.admission import FifoAdmission
from spineedu.client_address import CURRENT_VISITOR, client_address
from spineedu.package_files import PACKAGE, VOILA_CONFIG_DIR
from spineedu.quiet_errors import prune_request_info, quiet_handlers
from spineedu.security_headers import SecurityHeaders

EXPLORER = "02_treatment_explorer.ipynb"
KERNEL_BUDGET_BYTES = 100 * 2**20  # a lesson kernel is about 46 MB (USS); room to spare
RETRY_AFTER_SECONDS = 60
# A half-sent request is dropped after 20 s (Tornado's default: an hour), a body past 64 KB is
# refused (default 100 MB: four 90 MB POSTs grew the server by 528 MB); no page needs either.
HTTP_SERVER_LIMITS = {"idle_connection_timeout": 20, "body_timeout": 20,
                      "max_body_size": 64 * 1024, "max_header_size": 32 * 1024}
# Jupyter Server's kernel websocket pings every ws_ping_interval ms and closes a socket whose
# pong is later than ws_ping_timeout ms: a vanished browser frees its kernel for the culler.
WEBSOCKET_PING = {"ws_ping_interval": 30_000, "ws_ping_timeout": 60_000}
PRUNE_MILLISECONDS = 10_000  # Voilà's request-info cache, of kernels that have ended
TEMPLATES = PACKAGE / "server_pages"


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
            await self._busy("kernel cap reached")
            return
        visitor = self.visitor()
        per_visitor = self.settings.get("spineedu_max_kernels_per_visitor", 0)
        if per_visitor and self.kernel_manager.kernels_of(visitor) >= per_visitor:
            await self._busy(f"{visitor} holds {per_visitor} kernels")
            return
        if self._ready_in_pool(path):  # rendered already: nothing to wait for
            await self._write_page(path)
            return
        if admission.must_wait():  # show where they are now; the lesson's page follows
            self.write(page("queue.html", position=admission.waiting + 1))
            self.flush()
        async with admission.slot():
            await self._write_page(path)

    async def _busy(self, why: str) -> None:
        """The friendly 503 with Retry-After: never an out-of-memory kill."""
        self.log.warning("SpineEdu: %s, answering 503", why)
        self.set_status(503)
        self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        await self.finish(page("busy.html", retry=RETRY_AFTER_SECONDS))

    def visitor(self) -> str:
        return client_address(self.request.remote_ip or "",
                              self.request.headers.get("X-Forwarded-For"))

    def _ignore_overrides(self) -> None:
        """voila.json forbids ?theme= and ?template=; Voilà still lets them skip the
        preheated kernel (a fresh render each time), so they are removed first."""
        for name in ("theme", "template"):
            if getattr(self.voila_configuration, f"allow_{name}_override") == "NO":
                self.request.arguments.pop(name, None)

    async def _write_page(self, path) -> None:
        token = CURRENT_VISITOR.set(self.visitor())  # the kernel started here is theirs
        try:
            async for html in self.get_generator(path=path):
                self.write(html)
                self.flush()
        finally:
            CURRENT_VISITOR.reset(token)

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
    max_kernels_per_visitor = Integer(
        20, config=True, help="live kernels one client address may hold, then 503 (0: no cap)")

    @default("config_file_paths")
    def _config_file_paths_default(self):
        """The project's voila.json first, wherever the server is started (Voilà's default
        reads the working directory's, so a stray voila.json there could loosen it)."""
        return [str(VOILA_CONFIG_DIR), *jupyter_config_path()]

    def initialize(self, argv=None):
        super().initialize(argv)
        if self.preheat >= 0:
            pools = dict(self.config.VoilaKernelManager.get("kernel_pools_config", {}))
            pools[EXPLORER] = {"pool_size": self.preheat}
            pools.setdefault("default", {"pool_size": 0})
            self.config.VoilaKernelManager.kernel_pools_config = pools

    def init_settings(self):
        settings = super().init_settings()
        settings["spineedu_max_kernels_per_visitor"] = self.max_kernels_per_visitor
        settings.update(WEBSOCKET_PING)
        manager = self.kernel_manager  # a preheated kernel handed out is the visitor's too
        handed_out = manager.get_rendered_notebook

        async def get_rendered_notebook(*args, **kwargs):
            render_task, rendered, kernel_id = await handed_out(*args, **kwargs)
            manager.record_visitor(kernel_id)
            return render_task, rendered, kernel_id

        manager.get_rendered_notebook = get_rendered_notebook
        return settings

    def listen(self):
        """Voilà's listen, with the connection limits a public server needs."""
        self.app.listen = functools.partial(self.app.listen, **HTTP_SERVER_LIMITS)
        super().listen()

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
