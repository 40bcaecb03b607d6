"""Several `spineedu serve` replicas behind HAProxy on 127.0.0.1: start, check, stop.

One Voilà process is one Python process on one core, and a visitor's kernel lives in that
process's memory, so scaling out means several replicas and a proxy that keeps each visitor on
the replica that owns their kernel (a cookie). deploy/haproxy/run_cluster.py runs this for an
operator; tests/deploy/haproxy_test.py runs it to prove stickiness, websockets, failover and the
503 page. deploy/haproxy/README.md explains the settings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import psutil

from spineedu.package_files import ROOT as REPO

DEPLOY = REPO / "deploy" / "haproxy"  # in the repository only, not in the wheel
TEMPLATE = DEPLOY / "haproxy.cfg"
ERRORFILE = DEPLOY / "503.http"
HEALTH_PATH = "/voila/static/voila.js"  # static: a render URL would start a kernel per check
COOKIE = "SPINEEDU_REPLICA"
REPLICA_HEADER = "X-SpineEdu-Replica"
STOP_SECONDS = 20
CONNECTIONS_PER_SOURCE = 200  # open at once from one address; a class behind one NAT fits
REQUESTS_PER_SOURCE_10S = 1000  # a page load is about 30 requests
MIN_UPTIME_SECONDS = 30  # a replica that exits sooner after a restart is failing, not crashed


def haproxy_path() -> str | None:
    """Debian puts haproxy in /usr/sbin, which is not on an ordinary user's PATH."""
    for candidate in (shutil.which("haproxy"), "/usr/sbin/haproxy"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(port: int, replicas: dict[str, int], maxconn: int = 50) -> str:
    """The committed template with this run's ports; `replicas` maps a name (r1…) to a port."""
    servers = "\n".join(f"    server {name} 127.0.0.1:{replica_port} cookie {name}"
                        for name, replica_port in replicas.items())
    return string.Template(TEMPLATE.read_text()).substitute(
        port=port, servers=servers, maxconn=maxconn, health_path=HEALTH_PATH,
        errorfile=ERRORFILE, conn_limit=CONNECTIONS_PER_SOURCE,
        rate_limit=REQUESTS_PER_SOURCE_10S)


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def wait_until(ready: Callable[[], bool], process: subprocess.Popen, timeout: float,
               what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)


def process_tree(process: subprocess.Popen) -> list[psutil.Process]:
    """The process and every descendant, a kernel included although it runs in its own session."""
    try:
        root = psutil.Process(process.pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def stop_processes(processes: list[subprocess.Popen], crash: bool = False) -> None:
    """SIGTERM each process group at once, then SIGKILL whatever is left of each whole tree;
    with `crash`, SIGKILL every process of the trees at once (what a crashed replica looks like).

    `spineedu serve` is a parent of Voilà, and a kernel runs in its own session (jupyter_client
    starts it so), so neither terminating the parent alone nor the group alone is enough if
    Voilà hangs: the descendants are listed before any signal and killed if they outlive it.
    """
    running = [process for process in processes if process.poll() is None]
    tree = [member for process in running for member in process_tree(process)]
    if crash:
        for member in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                member.kill()
    for process in running:
        signal_group(process.pid, signal.SIGKILL if crash else signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            signal_group(process.pid, signal.SIGKILL)
            process.wait()
    for leftover in wait_gone(tree, timeout=5):
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()


def wait_gone(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """The processes still alive after `timeout`. A zombie counts as gone: a grandchild's zombie
    waits for whichever init adopted it, which in a container may never reap it."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in processes if is_alive(p)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def is_alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen
    log: Path
    started: float = field(default_factory=time.monotonic)
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class ReplicaFailing(RuntimeError):
    """A replica exits again right after its restart: restarting it forever helps nobody."""


class Cluster:
    """`with Cluster(replicas=2, port=8080) as cluster:` N replicas and HAProxy, all stopped on
    exit. Each child gets its own session so that a Ctrl-C in the terminal reaches this process
    only, which then stops HAProxy first (no new visitors) and the replicas after."""

    def __init__(self, replicas: int = 2, port: int = 8080, maxconn: int = 50,
                 workdir: Path | None = None, serve_args: Sequence[str] = ()) -> None:
        if replicas < 1:
            raise ValueError("at least one replica")
        self.port, self.maxconn, self.count = port, maxconn, replicas
        self.serve_args = list(serve_args)  # e.g. --max-kernels: each replica sizes itself alone
        self._tmp = None if workdir else tempfile.TemporaryDirectory(prefix="spineedu-haproxy-")
        self.workdir = workdir or Path(self._tmp.name)
        self.replicas: dict[str, Replica] = {}
        self.haproxy: subprocess.Popen | None = None
        self.config = self.workdir / "haproxy.cfg"
        self.haproxy_log = self.workdir / "haproxy.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def start(self) -> None:
        executable = haproxy_path()
        if executable is None:
            raise FileNotFoundError("haproxy not found: apt-get install -y haproxy")
        for number in range(1, self.count + 1):  # all start at once, then all are awaited
            self._start_replica(f"r{number}", free_port())
        for replica in self.replicas.values():
            wait_until(lambda r=replica: http_ok(r.url + HEALTH_PATH), replica.process, 90,
                       f"replica {replica.name}", replica.log)
        self.config.write_text(render_config(
            self.port, {name: r.port for name, r in self.replicas.items()}, self.maxconn))
        with self.haproxy_log.open("w") as output:
            self.haproxy = subprocess.Popen([executable, "-f", str(self.config), "-db"],
                                            stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        wait_until(lambda: http_ok(self.url + HEALTH_PATH), self.haproxy, 15, "haproxy",
                   self.haproxy_log)

    def _start_replica(self, name: str, port: int, restarts: int = 0) -> None:
        log = self.workdir / f"{name}.log"
        # the same command an operator types, same interpreter; a restart appends to the log
        with log.open("a" if restarts else "w") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "spineedu", "serve", "--port", str(port), "--no-browser",
                 *self.serve_args],
                cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        self.replicas[name] = Replica(name, port, process, log, restarts=restarts)

    def restart_exited(self, log: Callable[[str], None] = print) -> list[str]:
        """Start again, on its port, every replica that exited (a crash, an out-of-memory
        kill), logging each; HAProxy's health check sends it visitors once it answers. A
        replica that exits again within MIN_UPTIME_SECONDS of its restart raises ReplicaFailing
        (broken content, a port taken): the operator's supervisor (systemd) must see that."""
        restarted = []
        for name, replica in self.replicas.items():
            code = replica.process.poll()
            if code is None:
                continue
            uptime = time.monotonic() - replica.started
            if replica.restarts and uptime < MIN_UPTIME_SECONDS:
                raise ReplicaFailing(f"replica {name} exited again ({code}) {uptime:.0f} s after "
                                     f"its restart; see {replica.log}")
            log(f"SpineEdu: replica {name} (port {replica.port}) exited with {code}; "
                f"restarting it")
            signal_group(replica.process.pid, signal.SIGKILL)  # whatever of its group is left
            self._start_replica(name, replica.port, replica.restarts + 1)
            restarted.append(name)
        return restarted

    def stop_replica(self, name: str, crash: bool = False) -> None:
        """A replica stopped by an operator (SIGTERM: Voilà shuts its kernels down) or, with
        `crash`, killed at once: its port stops answering before a health check has noticed."""
        stop_processes([self.replicas[name].process], crash=crash)

    def close(self) -> None:
        if self.haproxy is not None:  # first, so that no visitor reaches a stopping replica
            stop_processes([self.haproxy])
        stop_processes([replica.process for replica in self.replicas.values()])
        if self._tmp is not None:
            self._tmp.cleanup()
