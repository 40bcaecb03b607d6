"""The static site, built once for the session by the project's own builder (what `make site`
runs) and served as the README says to preview it: `python -m http.server` on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import REPO, RunningServer, answers, free_port, stop, wait_until_ready

from spineedu.static_site.build import build
from spineedu.static_site.runtime import DEFAULT_CACHE

PYODIDE = REPO / "node_modules" / "pyodide" / "pyodide.mjs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    if not PYODIDE.exists():
        pytest.fail(f"{PYODIDE} missing: run `npm ci` (make test does)")
    site = tmp_path_factory.mktemp("static") / "site"
    build(site, DEFAULT_CACHE)
    return site


@pytest.fixture(scope="session")
def site_server(built_site, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("static-log") / "http.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", "-b", "127.0.0.1", "-d", str(built_site),
             str(port)], stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_ready(answers(url + "/index.html"), process, log, "the static site's server")
    yield RunningServer(url, process, log)
    stop(process)
