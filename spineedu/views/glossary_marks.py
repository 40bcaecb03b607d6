"""The glossary one tap or focus away: a glossary word in a page becomes a button whose plain
definition shows beneath it.

The definition is the button's accessible description (aria-describedby), so a screen reader
reads it with the word; focusing the button (Tab, or a tap) shows it, in the flow of the text
(nothing is covered: WCAG 1.4.13), and the pages' script (the Voilà template's terms.js, shared
by the static site) also opens and closes it on a click, for browsers that do not focus a
tapped button, and closes it on Escape. No script is needed to
read a definition: `GLOSSARY_CSS` does it, and a page without the style shows the definitions
inline. Each word is marked where it first appears in a text, never inside a link, a button,
code or a heading.
"""

from __future__ import annotations

import hashlib
from html import escape
from html.parser import HTMLParser

from spineedu.glossary_words import glossary_forms
from spineedu.knowledge_base import KnowledgeBase

NOT_MARKED_INSIDE = frozenset({"a", "button", "code", "pre", "kbd", "samp", "h1", "h2", "h3",
                               "h4", "h5", "h6", "summary", "label", "option", "select",
                               "textarea", "script", "style", "title", "dt", "sup", "svg"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
GLOSSARY_CSS = """\
.spineedu-term-word{font:inherit;color:inherit;background:none;border:0;margin:0;padding:0;
 text-decoration:underline dotted;text-underline-offset:3px;cursor:help}
.spineedu-term-word:focus-visible{outline:3px solid #0072B2;outline-offset:1px}
.spineedu-term-def{display:none}
.spineedu-term:focus-within>.spineedu-term-def,.spineedu-term.spineedu-term-open>.spineedu-term-def{
 display:block;margin:4px 0;padding:6px 10px;border-left:4px solid #0072B2;background:#eef5fb;
 color:#1a1a1a;font-weight:normal;font-style:normal;white-space:normal;overflow-wrap:anywhere}
.spineedu-term.spineedu-term-closed:not(.spineedu-term-open)>.spineedu-term-def{display:none}
"""


class GlossaryMarker:
    """Marks the glossary's words in the texts of one page region (one plan, one lesson cell).

    `scope` names the region: the definitions' ids begin with it, so two regions of a page
    never share an id. A word is marked once a region. A marker not `enabled` only escapes
    (a printed page: nobody can tap paper)."""

    def __init__(self, kb: KnowledgeBase, scope: str, enabled: bool = True) -> None:
        self.kb = kb
        self.enabled = enabled
        self.forms = glossary_forms(kb)
        self.scope = scope
        self.marked: set[str] = set()  # term ids marked in this region

    def text(self, text: str) -> str:
        """Plain text as HTML, with its glossary words marked."""
        return self._mark(text) if self.enabled else escape(text)

    def html(self, html: str) -> str:
        """HTML with the glossary words of its text marked (tags and attributes kept as they
        are)."""
        parser = _Marking(self)
        parser.feed(html)
        parser.close()
        return "".join(parser.out)

    def _mark(self, text: str) -> str:
        pattern = self.forms.marked
        if pattern is None:
            return escape(text, quote=False)
        out, at = [], 0
        for match in pattern.finditer(text):
            term = self.forms.term_of(match.group(0))
            if term is None or term.id in self.marked:
                continue
            self.marked.add(term.id)
            out.append(escape(text[at:match.start()], quote=False))
            out.append(self._button(match.group(0), term.id))
            at = match.end()
        out.append(escape(text[at:], quote=False))
        return "".join(out)

    def _button(self, word: str, term_id: str) -> str:
        term = self.kb.glossary[term_id]
        definition_id = f"spineedu-def-{self.scope}-{term_id}"
        return (f'<span class="spineedu-term"><button type="button" class="spineedu-term-word" '
                f'aria-describedby="{escape(definition_id)}">{escape(word)}</button>'
                f'<span class="spineedu-term-def" id="{escape(definition_id)}">'
                f"<strong>{escape(term.term)}:</strong> {escape(term.plain)}</span></span>")


class _Marking(HTMLParser):
    def __init__(self, marker: GlossaryMarker) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.out: list[str] = []
        self.inside: list[str] = []  # the open elements whose text is never marked

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in NOT_MARKED_INSIDE and tag not in VOID:
            self.inside.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in self.inside:
            while self.inside and self.inside.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.inside and self.inside[-1] in ("script", "style"):
            self.out.append(data)  # not HTML text: kept as written
        else:
            self.out.append(escape(data, quote=False) if self.inside else self.marker.text(data))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def glossary_style() -> str:
    """The style as an element, for HTML shown where the page has not got it (JupyterLab)."""
    return f"<style>{GLOSSARY_CSS}</style>"


def scope_of(*parts: object) -> str:
    """A short, stable name for a region from what it shows (two plans of one page differ)."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8]


def mark_lesson_html(html: str) -> str:
    """nbconvert's filter for a lesson's markdown cell (Voilà's template and the static site's
    lesson pages): its glossary words marked, its scope taken from its text."""
    from spineedu.knowledge_base import default_knowledge_base

    return GlossaryMarker(default_knowledge_base(), scope_of(html)).html(html)


def glossary_css(_: object = None) -> str:
    """nbconvert's filter that puts `GLOSSARY_CSS` in a page's <style>."""
    return GLOSSARY_CSS
