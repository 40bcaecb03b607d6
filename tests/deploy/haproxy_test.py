"""The public dashboard as N Voilà replicas behind HAProxy (deploy/haproxy/), seen by visitors.

One cluster of 2 replicas for the module, each capped at one visitor kernel (--max-kernels 1) so
that "full" is cheap to reach; the tests run in file order, the later ones fill and then stop
replicas on purpose. Skips loudly without haproxy, except in CI (CI=true), where it fails.
The `browser` fixture is the dashboard tests' own (Debian's Chromium; fails in CI if missing).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import psutil
import pytest
from playwright.sync_api import expect

from spineedu.dashboard import EXPLORER, REPO
from spineedu.deploy.haproxy import (
    COOKIE,
    DEPLOY,
    REPLICA_HEADER,
    Cluster,
    free_port,
    haproxy_path,
    is_alive,
    process_tree,
)

BUSY = "SpineEdu is busy, try again in a minute"


def require_haproxy() -> None:
    if haproxy_path() is None:
        message = ("haproxy not found: scale-out tests NOT RUN. Install Debian's haproxy "
                   "(apt-get install -y haproxy).")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    require_haproxy()
    with Cluster(replicas=2, port=free_port(), workdir=tmp_path_factory.mktemp("haproxy"),
                 serve_args=["--max-kernels", "1"]) as c:
        yield c


@pytest.fixture(scope="module")
def explorer_replica() -> dict[str, str]:
    """Which replica the browser test's explorer kernel lives on, for the next test."""
    return {}


@dataclass
class Answer:
    status: int
    replica: str | None  # the X-SpineEdu-Replica header: which replica answered
    set_cookie: str | None  # the SPINEEDU_REPLICA value this answer set, if any
    httponly: bool
    headers: Message
    body: str
    seconds: float


def visit(url: str, cookie: str | None = None) -> Answer:
    """One request as a browser without (or with) the stickiness cookie; never waits > 10 s."""
    request = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie
                                     else {})
    started = time.monotonic()
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read().decode(errors="replace")
    set_cookie, httponly = None, False
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";")[0].partition("=")
        if name.strip() == COOKIE:
            set_cookie, httponly = value.strip(), "httponly" in header.lower()
    return Answer(response.status, response.headers.get(REPLICA_HEADER), set_cookie,
                  httponly, response.headers, body, time.monotonic() - started)


def assert_all_gone(processes: list[psutil.Process]) -> None:
    alive = [p.pid for p in processes if is_alive(p)]
    assert not alive, f"processes left running: {alive}"


def test_a_visitor_stays_on_the_replica_that_answered_first(cluster):
    first = visit(cluster.url + "/")
    assert first.status == 200
    assert first.replica in cluster.replicas
    assert first.set_cookie == first.replica  # the cookie names the replica
    assert first.httponly  # page scripts cannot read or forge it
    again = [visit(cluster.url + "/", cookie=first.set_cookie) for _ in range(5)]
    assert [a.status for a in again] == [200] * 5
    assert {a.replica for a in again} == {first.replica}
    fresh = {visit(cluster.url + "/").replica for _ in range(6)}
    assert fresh == set(cluster.replicas)  # new visitors are spread over both


def test_the_explorer_works_through_haproxy(cluster, browser, explorer_replica):
    """The widgets draw only if the kernel's websocket reaches the replica that started it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    replicas: set[str] = set()
    page.on("response", lambda r: replicas.add(r.headers.get(REPLICA_HEADER.lower(), "-")))
    try:
        page.goto(f"{cluster.url}/voila/render/{EXPLORER}")
        page.get_by_label("I am learning").check()
        expect(page.get_by_label("Cancer type", exact=True)).to_be_visible()
        cookie = {c["name"]: c["value"] for c in context.cookies()}.get(COOKIE)
    finally:
        context.close()
    assert replicas == {cookie}  # the page, its assets and its API calls: all one replica
    explorer_replica["name"] = cookie


def test_a_full_replica_sends_new_pages_to_the_other_until_both_are_full(cluster,
                                                                         explorer_replica):
    """The explorer above holds the one kernel its replica may give out (the kernel outlives the
    closed tab until culled): a page asked of that replica is served by the other one."""
    explorer = f"{cluster.url}/voila/render/{EXPLORER}"
    full = explorer_replica.get("name") or visit(explorer).set_cookie  # run alone: fill one
    assert full in cluster.replicas
    (other,) = set(cluster.replicas) - {full}
    # while a replica's pool refills (a few seconds after a hand-out) it undercounts its visitor
    # kernels and admits one more (spineedu/voila_app.py), hence the loops of up to 10 s
    deadline = time.monotonic() + 10
    while (moved := visit(explorer, cookie=full)).replica == full:
        assert time.monotonic() < deadline, f"{full} stays full, yet its visitor is not moved"
        time.sleep(1)
    assert (moved.status, moved.replica, moved.set_cookie) == (200, other, other)
    while (busy := visit(explorer)).status != 503:  # now both hold a visitor kernel
        assert time.monotonic() < deadline + 10, "both replicas are full, yet not busy"
        time.sleep(1)
    assert busy.headers["Retry-After"] == "60"
    assert "SpineEdu is busy" in busy.body and "try again in a minute" in busy.body


def test_visitors_of_a_crashed_replica_are_sent_to_the_live_one(cluster):
    """Killed at once, so the first requests come before any health check noticed: they are
    the ones `option redispatch` saves (a cookie naming a server marked DOWN is ignored)."""
    victim = visit(cluster.url + "/").set_cookie
    assert victim is not None
    (survivor,) = set(cluster.replicas) - {victim}
    processes = process_tree(cluster.replicas[victim].process)
    cluster.stop_replica(victim, crash=True)
    assert_all_gone(processes)  # its kernel too
    assert f"voila/{victim} is DOWN" not in cluster.haproxy_log.read_text()
    returning = visit(cluster.url + "/", cookie=victim)
    assert (returning.status, returning.replica) == (200, survivor)
    assert returning.set_cookie == survivor  # and stays there from now on
    fresh = [visit(cluster.url + "/") for _ in range(4)]
    assert [(a.status, a.replica) for a in fresh] == [(200, survivor)] * 4
    deadline = time.monotonic() + 5  # inter 1s, fall 2: HAProxy stops trying the dead one
    while f"voila/{victim} is DOWN" not in cluster.haproxy_log.read_text():
        assert time.monotonic() < deadline, cluster.haproxy_log.read_text()
        time.sleep(0.2)
    after = [visit(cluster.url + "/", cookie=victim) for _ in range(4)]
    assert [(a.status, a.replica) for a in after] == [(200, survivor)] * 4
    assert max(a.seconds for a in [returning, *fresh, *after]) < 5


def test_with_every_replica_stopped_visitors_get_the_busy_page(cluster):
    for name in cluster.replicas:
        cluster.stop_replica(name)
    for answer in (visit(cluster.url + "/"), visit(f"{cluster.url}/voila/render/{EXPLORER}",
                                                    cookie="r1")):
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "60"
        assert answer.headers.get_content_type() == "text/html"
        assert BUSY in answer.body
        assert answer.seconds < 5


def test_run_cluster_stops_everything_on_ctrl_c(tmp_path):
    require_haproxy()
    port = free_port()
    script = subprocess.Popen(
        [sys.executable, str(DEPLOY / "run_cluster.py"), "--replicas", "1", "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        line = script.stdout.readline() if script.stdout else ""
        assert f"http://127.0.0.1:{port}/" in line
        assert visit(f"http://127.0.0.1:{port}/").status == 200
        processes = process_tree(script)[1:]
        assert len(processes) >= 2  # haproxy, Voilà (`spineedu serve` execs it) and kernels
        script.send_signal(signal.SIGINT)
        assert script.wait(timeout=30) == 0
        assert_all_gone(processes)
    finally:
        if script.poll() is None:
            script.kill()
