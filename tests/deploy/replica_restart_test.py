"""A crashed replica comes back: deploy/haproxy/run_cluster.py, as an operator runs it, restarts
a replica killed with SIGKILL, says so on stderr, and HAProxy serves both replicas again
(issue 16, point 10). Skips loudly without haproxy, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import psutil
import pytest

from spineedu.dashboard import REPO
from spineedu.deploy.haproxy import (
    DEPLOY,
    HEALTH_PATH,
    REPLICA_HEADER,
    free_port,
    haproxy_path,
    wait_gone,
)


def replicas_answering(url: str, tries: int = 8) -> set[str]:
    """Which replicas answer new visitors (no cookie): leastconn spreads them over the live."""
    names = set()
    for _ in range(tries):
        with urllib.request.urlopen(url + HEALTH_PATH, timeout=5) as response:
            names.add(response.headers.get(REPLICA_HEADER))
    return names


def listening_process(port: int) -> psutil.Process:
    for connection in psutil.net_connections("tcp"):
        if connection.laddr.port == port and connection.status == psutil.CONN_LISTEN:
            return psutil.Process(connection.pid)
    raise LookupError(f"nothing listens on {port}")


def test_a_replica_killed_with_sigkill_is_restarted_and_serves_again():
    if haproxy_path() is None:
        message = "haproxy not found: replica restart NOT TESTED (apt-get install -y haproxy)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    script = subprocess.Popen(
        [sys.executable, str(DEPLOY / "run_cluster.py"), "--replicas", "2", "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(iter(script.stderr.readline, "")),
                              daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}"
    try:
        line = script.stdout.readline() if script.stdout else ""
        ports = [int(p) for p in re.search(r"replicas on ports ([\d, ]+);", line)[1].split(",")]
        assert replicas_answering(url) == {"r1", "r2"}
        victim = listening_process(ports[0])
        victim.send_signal(signal.SIGKILL)  # a crash: no shutdown, no goodbye
        assert not wait_gone([victim], timeout=5)  # a zombie counts as gone
        deadline = time.monotonic() + 90
        while not any("replica r1" in e and "restarting" in e for e in errors):
            assert time.monotonic() < deadline, "".join(errors)
            time.sleep(0.5)
        while replicas_answering(url) != {"r1", "r2"}:  # restart + two health checks
            assert time.monotonic() < deadline, "r1 never came back"
            time.sleep(1)
        assert listening_process(ports[0]).pid != victim.pid  # a new replica, on the same port
        assert script.poll() is None
    finally:
        script.send_signal(signal.SIGTERM)
        assert script.wait(timeout=60) == 0
