"""The static site's pages: one shell for every page, the lessons with their stored outputs.

A lesson page is the notebook as nbconvert's `basic` template renders it (body only: its own
templates would link scripts on public CDNs), without code, inside the site's shell: a skip
link, a <main> landmark, the disclaimer, and links between lessons rewritten to the pages.
A widget cannot run without a kernel; where a lesson shows one, the page says where the live
version is instead.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from spineedu.views.glossary_marks import mark_lesson_html
from spineedu.views.plan_html import SCROLL_BOX, disclaimer_html

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER_LESSON = "02_treatment_explorer"
NO_GLOSSARY = "spineedu-no-glossary"  # a cell tag: the explorer's introduction (the template's)
CODE_LESSONS = {"09_python_api"}  # the code is what this lesson teaches
# Defence in depth for HTML put on the page: scripts, styles sheets and connections only from
# the site itself (Pyodide compiles its WebAssembly: 'wasm-unsafe-eval'); inline style
# attributes, which the plan's HTML uses; images from the site or data: URLs (the figures).
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' "
          "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'none'")
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}site.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header"><nav aria-label="SpineEdu">
<a href="{root}index.html">SpineEdu: lessons</a>
<a href="{root}explorer/index.html">Treatment explorer</a>
<a href="{root}plain/index.html">In plain words</a>
<a href="{root}plain/glossary.html">Glossary</a>
</nav></header>
<main id="main" tabindex="-1">
{body}
</main>
<footer class="site-footer"><p>SpineEdu: an open teaching resource on the treatment of spinal
tumours. Educational use only, not medical advice.</p></footer>
<script src="{root}terms.js"></script>
{scripts}
</body>
</html>
"""


def page(title: str, body: str, root: str, scripts: str = "") -> str:
    """A whole page; `root` is the way back to the site's top folder ('', '../')."""
    return PAGE.format(title=escape(title), body=body, root=root, scripts=scripts,
                       policy=POLICY)


def lesson_page_name(notebook: str) -> str:
    return f"{Path(notebook).stem}.html"


def _link_lessons(html: str, root: str) -> str:
    """Links to a lesson's notebook go to its page."""
    return re.sub(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{root}lessons/{m.group(1)}.html{m.group(2) or ""}"', html)


def _live_widget_note(root: str, fallback: str, explorer: bool) -> str:
    """Where a widget's live version is, naming the widget as its notebook does."""
    found = re.match(r"(.+?) is an interactive widget", fallback)
    what = escape(found.group(1)) if found else "This interactive part"
    if explorer or what.startswith("The treatment explorer"):
        return (f'<p class="live-note">{what} runs live on its own page here: '
                f'<a href="{root}explorer/index.html">open the treatment explorer</a>.</p>')
    here = (f' The explorer has a SINS calculator of its own: <a href="{root}explorer/'
            'index.html">open the treatment explorer</a>.' if "SINS" in what else "")
    return (f'<p class="live-note">{what} is interactive: it runs in the SpineEdu dashboard '
            f"and in JupyterLab, and this page shows the lesson as text.{here}</p>")


def _scrolling_tables(html: str) -> str:
    """A wide table scrolls in its own box on a phone, never the page (as the explorer's do)."""
    def wrap(match: re.Match) -> str:
        before = html[max(0, match.start() - 160):match.start()]
        if re.search(r'class="spineedu-scroll-box"[^>]*>\s*$', before):
            return match.group(0)  # already in one
        return SCROLL_BOX.format(label="Table (scrolls sideways on a small screen)") + (
            match.group(0) + "</div>")

    return re.sub(r"<table\b.*?</table>", wrap, html, flags=re.S)


def lesson_body(notebook: Path, root: str) -> tuple[str, str]:
    """The lesson's title and its body: markdown and stored outputs, no code."""
    import nbformat
    from jinja2 import pass_context
    from nbconvert import HTMLExporter

    lesson = nbformat.read(notebook, as_version=4)
    lesson.metadata.pop("widgets", None)  # saved widget state: no kernel here to use it
    explorer = notebook.stem == EXPLORER_LESSON
    for cell in lesson.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:  # the view cannot run here: say where it does
                fallback = str(data.get("text/plain", ""))
                output["data"] = {"text/html": _live_widget_note(root, fallback, explorer)}
    class GlossaryExporter(HTMLExporter):  # the markdown's glossary words marked, as in Voilà
        @pass_context
        def markdown2html(self, context: dict, source: str) -> str:
            html = super().markdown2html(context, source)
            tags = context.get("cell", {}).get("metadata", {}).get("tags", [])
            return html if NO_GLOSSARY in tags else mark_lesson_html(html)

    exporter = GlossaryExporter(template_name="basic",
                            exclude_input=notebook.stem not in CODE_LESSONS,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(lesson)
    body = _scrolling_tables(re.sub(r'<a class="anchor-link" href="[^"]*">[^<]*</a>', "", body))
    title = lesson.metadata.get("title") or notebook.stem.replace("_", " ")
    shown = "spineedu-disclaimer" in body  # most lessons show it in their first output
    return title, ("" if shown else disclaimer_html()) + _link_lessons(body, root)
