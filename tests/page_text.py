"""What a reader reads in HTML the pages mark with the glossary (spineedu/views/glossary_marks.py):
each marked word as the word alone, its definition (shown only on request) left out. Shared by
the tests that look for a content text in a page."""

from __future__ import annotations

import re

MARKED = re.compile(r'<span class="spineedu-term"><button[^>]*>(.*?)</button>'
                    r'<span class="spineedu-term-def"[^>]*>.*?</span></span>', re.S)


def unmarked(html: str) -> str:
    return MARKED.sub(r"\1", html)


def read_text(html: str) -> str:
    """The text a reader sees, in one line: no tags, styles or (hidden) definitions."""
    text = re.sub(r"<style>.*?</style>|<[^>]+>", "", MARKED.sub(r"\1", html), flags=re.S)
    return re.sub(r"\s+", " ", text)
