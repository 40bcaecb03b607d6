"""The static site's Python runtime (spineedu/static_site/runtime.py): exact pins that match the
venv, only the Pyodide core files the page loads, and our own lock file, which names only the
wheels the site ships, each with the sha256 the browser checks (PyPI's own file, unmodified)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

from spineedu.static_site import runtime


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


def test_the_lock_names_only_the_shipped_wheels_with_their_hashes(built_site):
    manifest = check_manifest(built_site)
    pins = {pin.name: pin for pin in runtime.read_pins()}
    lock = json.loads((built_site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    by_path = {e["path"]: e for e in manifest["files"]}
    assert set(lock["packages"]) == set(pins) | {"spineedu"}
    for name, package in lock["packages"].items():
        entry = by_path[package["file_name"].removeprefix("../")]
        assert package["sha256"] == entry["sha256"]
        assert package["version"] == entry["version"]
        assert set(package["depends"]) <= set(lock["packages"])
        if name in pins:  # PyPI's file, unmodified
            assert package["version"] == pins[name].version
            assert entry["sha256"] == pins[name].sha256
    upstream = json.loads((runtime.PYODIDE_PACKAGE / "pyodide-lock.json").read_text())
    assert lock["info"] == upstream["info"]
