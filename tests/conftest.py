"""Shared fixtures: the real knowledge base, and small synthetic content to break on purpose."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import CHROMIUM_ARGS, chromium_path

from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_knowledge_base()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for every browser test of the session.

    Browser tests skip loudly where Chromium is missing, except in CI (CI=true), where they
    fail: CI installs Debian's chromium and must never pass without having run them."""
    executable = chromium_path()
    if executable is None:
        message = ("Chromium not found: browser tests NOT RUN. Install Debian's chromium "
                   "(apt-get install -y chromium) or set SPINEEDU_CHROMIUM.")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a slow CI machine, not a slow page, is the risk here
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page, with its own cookies."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


MINIMAL_CONTENT: dict[str, dict[str, Any]] = {
    "references.yaml": {
        "references": [{
            "id": "ref-a", "citation": "Author A. A study of things. J Things. 2020;1:1-2.",
            "year": 2020, "pmid": "123456", "last_reviewed": "2026-01-01",
        }],
    },
    "treatments.yaml": {
        "treatments": [{
            "id": "surgery-x", "name": "Surgery X", "family": "surgery",
            "description": "An operation that removes the tumour.", "delivery": "In theatre.",
            "benefits": ["cure"], "risks": ["bleeding"], "references": ["ref-a"],
            "last_reviewed": "2026-01-01",
        }],
    },
    "types/tumour-x.yaml": {
        "cancer_types": [{
            "id": "tumour-x", "name": "Tumour X", "origin": "primary", "group": "primary",
            "behaviour": "malignant", "compartment": "extradural", "age_groups": ["adults"],
            "staging": {"system": "Test", "stages": [
                {"id": "IA", "name": "IA", "description": "early"},
                {"id": "IB", "name": "IB", "description": "later"},
            ]},
            "summary": "A made-up tumour for testing the loader.", "references": ["ref-a"],
            "last_reviewed": "2026-01-01",
        }],
        "rules": [{
            "id": "tumour-x-surgery", "treatment": "surgery-x", "level": "first-line",
            "when": {"types": ["tumour-x"]},
            "reason": "Surgery X removes the whole tumour.", "references": ["ref-a"],
            "last_reviewed": "2026-01-01",
        }],
    },
}


@pytest.fixture
def write_content(tmp_path: Path) -> Callable[..., Path]:
    """Write the minimal content, after `edit(files)` changed it, and return its directory."""

    def write(edit: Callable[[dict[str, Any]], None] | None = None,
              raw: dict[str, str] | None = None) -> Path:
        files = copy.deepcopy(MINIMAL_CONTENT)
        if edit:
            edit(files)
        directory = tmp_path / "content"
        for name, data in files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        for name, text in (raw or {}).items():
            (directory / name).write_text(text, encoding="utf-8")
        return directory

    return write
