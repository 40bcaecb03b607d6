"""The public dashboard serves the lessons and nothing else: no source, no files, no Jupyter API."""

from __future__ import annotations

import urllib.request

import pytest
from browser_support import http_status

CLOSED = [
    "/tree", "/lab", "/api/contents", "/api/kernels", "/api/sessions", "/terminals",
    "/api/terminals", "/voila/files/02_treatment_explorer.ipynb",
    "/voila/files/01_overview.ipynb", "/voila/files/../spineedu/engine.py",
    "/voila/files/../content/treatments.yaml", "/voila/files/../voila.json",
    "/voila/files/../pyproject.toml",
]


@pytest.mark.parametrize("path", CLOSED)
def test_jupyter_api_and_files_are_closed(dashboard, path):
    assert http_status(dashboard.url + path) in (403, 404)


def test_python_and_yaml_files_under_the_served_folder_are_refused(dashboard, tmp_path):
    # files that a maintainer might drop next to the notebooks
    assert http_status(dashboard.url + "/voila/files/helper.py") in (403, 404)
    assert http_status(dashboard.url + "/voila/files/data.yaml") in (403, 404)


def read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def test_landing_page_links_every_lesson(dashboard):
    page = read(dashboard.url + "/")
    for lesson in ("00_start_here", "01_overview", "02_treatment_explorer",
                   "03_radiation_technologies", "04_surgery_and_interventional",
                   "05_systemic_and_targeted", "06_cases", "07_life_after", "08_scores",
                   "09_python_api", "10_in_plain_words", "11_glossary"):
        assert f"{lesson}.ipynb" in page


def test_rendered_lesson_has_no_source_code(dashboard):
    page = read(dashboard.url + "/voila/render/07_life_after.ipynb")
    assert "Rehabilitation" in page  # the lesson itself is there
    assert "from spineedu" not in page and "cards.treatment_cards" not in page
    assert "NBVAL" not in page
