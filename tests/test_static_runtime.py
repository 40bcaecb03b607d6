"""The static site's Python runtime (spineedu/static_site/runtime.py): pins, manifest, lock file.

Offline: they use node_modules/pyodide (npm ci) and the wheel cache .cache/site-wheels/ (filled by
`python -m spineedu.static_site.runtime site`), and skip with the reason when either is absent.
The browser proof also builds the spineedu wheel (pip, build isolation) and boots Pyodide in
Chromium, asking no host but the loopback test server.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import answers, free_port, stop, wait_until_ready

from spineedu.static_site import runtime

needs_pyodide = pytest.mark.skipif(
    not (runtime.PYODIDE_PACKAGE / "package.json").is_file(),
    reason="node_modules/pyodide is absent: run `npm ci`",
)


def cache_is_complete() -> bool:
    if not runtime.DEFAULT_CACHE.is_dir():
        return False
    pins = runtime.read_pins()
    if any(runtime.cached_file(runtime.DEFAULT_CACHE, pin) is None for pin in pins):
        return False
    return all(
        any((runtime.DEFAULT_CACHE / "built" / pin.sha256[:16]).glob("*-py3-none-any.whl"))
        for pin in pins
        if pin.name in runtime.BUILT_FROM_SDIST
    )


needs_cache = pytest.mark.skipif(
    not cache_is_complete(),
    reason="the wheel cache .cache/site-wheels/ is incomplete: run "
    "`python -m spineedu.static_site.runtime site` once (it downloads from PyPI)",
)


def check_manifest(site: Path) -> dict:
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (site / entry["path"]).read_bytes()
        assert entry["version"], entry
        assert entry["source"], entry
        assert entry["size"] == len(data), entry["path"]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]
    assert manifest["total_bytes"] == sum(e["size"] for e in manifest["files"])
    return manifest


def test_every_pin_is_exact_with_a_hash_and_matches_the_venv():
    pins = {pin.name: pin for pin in runtime.read_pins()}
    assert set(pins) == set(runtime.BROWSER_DEPENDS) - {"spineedu"}
    # the browser runs the pydantic the tests run, with the core that pydantic release requires
    assert pins["pydantic"].version == importlib.metadata.version("pydantic")
    assert pins["pydantic-core"].version == importlib.metadata.version("pydantic-core")


@needs_pyodide
def test_the_core_is_only_what_the_page_loads(tmp_path):
    shipped = runtime.copy_pyodide_core(tmp_path)
    runtime.write_manifest(tmp_path, shipped)
    manifest = check_manifest(tmp_path)
    version = runtime.pyodide_version()
    assert version.startswith("314.0.")
    assert sorted(e["path"] for e in manifest["files"]) == sorted(
        f"pyodide/{name}" for name in runtime.PYODIDE_CORE_FILES
    )
    assert {e["source"] for e in manifest["files"]} == {f"npm pyodide {version}"}


@needs_pyodide
@needs_cache
def test_wheels_manifest_and_lock_from_the_cache(tmp_path):
    shipped = runtime.copy_runtime(tmp_path, runtime.DEFAULT_CACHE)
    wheels = [f for f in shipped if f.path.endswith(".whl")]
    shipped.append(runtime.write_lock(tmp_path, wheels))
    runtime.write_manifest(tmp_path, shipped)
    manifest = check_manifest(tmp_path)
    pins = {pin.name: pin for pin in runtime.read_pins()}
    lock = json.loads((tmp_path / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    by_path = {e["path"]: e for e in manifest["files"]}
    assert set(lock["packages"]) == set(pins)
    for name, package in lock["packages"].items():
        entry = by_path[package["file_name"].removeprefix("../")]
        assert package["sha256"] == entry["sha256"]
        assert package["version"] == pins[name].version == entry["version"]
        assert set(package["depends"]) <= set(lock["packages"])
        if name not in runtime.BUILT_FROM_SDIST:  # PyPI's file, unmodified
            assert entry["sha256"] == pins[name].sha256
    upstream = json.loads((runtime.PYODIDE_PACKAGE / "pyodide-lock.json").read_text())
    assert lock["info"] == upstream["info"]


PROOF_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>proof</title></head><body><script type="module">
import { bootPython } from "./boot.mjs";
try {
  const py = await bootPython(() => {});
  window.proof = JSON.parse(py.runPython(`
import json, sys
import pydantic, spineedu.engine
json.dumps({"pydantic": pydantic.VERSION, "heavy": sorted(
    m for m in ("numpy", "matplotlib", "ipywidgets", "IPython") if m in sys.modules)})`));
} catch (e) { window.proof = { error: String(e) }; }
</script></body></html>
"""


@needs_pyodide
@needs_cache
def test_the_engine_imports_in_pyodide_and_no_other_host_is_asked(tmp_path, browser):
    site = tmp_path / "site"
    runtime.write_manifest(site, runtime.ship_python(site))
    (site / "boot.mjs").write_bytes((runtime.REPO / "static" / "boot.mjs").read_bytes())
    (site / "proof.html").write_text(PROOF_PAGE, encoding="utf-8")
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", "-b", "127.0.0.1", str(port), "-d", str(site)],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        ready = answers(f"http://127.0.0.1:{port}/manifest.json")
        wait_until_ready(ready, server, log, "the static file server")
        context = browser.new_context()
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"http://127.0.0.1:{port}/proof.html")
        page.wait_for_function("window.proof !== undefined", timeout=120_000)
        proof = page.evaluate("window.proof")
        context.close()
    finally:
        stop(server)
    assert proof == {"pydantic": importlib.metadata.version("pydantic"), "heavy": []}
    assert {urlsplit(url).netloc for url in requests} == {f"127.0.0.1:{port}"}
    shipped = {e["path"] for e in json.loads((site / "manifest.json").read_text())["files"]}
    asked = {urlsplit(url).path.lstrip("/") for url in requests} - {"proof.html", "boot.mjs"}
    assert asked <= shipped
