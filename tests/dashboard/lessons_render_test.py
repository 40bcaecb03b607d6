"""Every lesson runs top to bottom in Voilà: rendered by the server with no failing cell."""

from __future__ import annotations

import urllib.request

import pytest

from spineedu.dashboard import NOTEBOOKS

LESSONS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


def test_there_are_the_landing_page_nine_lessons_and_the_two_plain_words_pages():
    assert len(LESSONS) == 12 and LESSONS[0] == "00_start_here.ipynb"
    assert LESSONS[-2:] == ["10_in_plain_words.ipynb", "11_glossary.ipynb"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_renders_without_errors(dashboard, lesson):
    with urllib.request.urlopen(f"{dashboard.url}/voila/render/{lesson}", timeout=120) as reply:
        page = reply.read().decode()
    assert reply.status == 200
    assert "There was an error when executing cell" not in page
    assert "Traceback" not in page
    assert "<h1" in page  # the lesson's title
