"""`make site`: the static site in one folder, from the project's own files.

The content is validated first (a site is never built from broken content) and shipped as JSON,
which the browser loads in milliseconds where YAML would take seconds (gzip-compressed: 170 KB
where the JSON is 700 KB; the page unpacks it). Then come the pages (the
landing page is lesson 00), the explorer, the Python runtime (Pyodide from npm, wheels from PyPI,
the project's own wheel) and a manifest of every file shipped, with its version and hash.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from pathlib import Path

from spineedu.knowledge_base import (
    ContentError,
    content_directory,
    content_documents,
    load_knowledge_base,
)
from spineedu.package_files import JUPYTER_SHARE, LESSONS
from spineedu.scores.tables import load_tables, table_documents
from spineedu.static_site.explorer_page import explorer_page
from spineedu.static_site.pages import lesson_body, lesson_page_name, page
from spineedu.static_site.plain_pages import glossary_page, plain_words_page, way_in
from spineedu.static_site.runtime import (
    DEFAULT_CACHE,
    REPO,
    ShippedFile,
    ship_python,
    write_manifest,
)
from spineedu.views.glossary_marks import GLOSSARY_CSS

LANDING = "00_start_here.ipynb"
SOURCES = REPO / "static"  # the pages' own script, loader and style
SCRIPTS = {"boot.mjs": "boot.mjs", "explorer.js": "explorer/explorer.js"}
# the glossary's words behave as on the dashboard: its script, and its style after the site's
TERMS_SCRIPT = JUPYTER_SHARE / "voila" / "templates" / "spineedu" / "terms.js"


def _ours(site: Path, path: Path) -> ShippedFile:
    from importlib.metadata import version

    return ShippedFile.of(site, path, version("spineedu"), "built from this repository")


def _write(site: Path, relative: str, text: str) -> ShippedFile:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return _ours(site, path)


def build(site: Path, cache: Path) -> list[ShippedFile]:
    """Build the whole site into `site` (emptied first); the files shipped."""
    directory = content_directory()
    kb = load_knowledge_base(directory)
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    tables = load_tables(directory / "scores", known_references=set(kb.references),
                         known_types=set(kb.cancer_types))
    documents = json.dumps({**content_documents(directory),
                            **table_documents(directory / "scores")},
                           separators=(",", ":"), ensure_ascii=False).encode()
    (site / "content.json.gz").write_bytes(gzip.compress(documents, mtime=0))
    files = [_ours(site, site / "content.json.gz")]
    lessons = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
    for notebook in lessons:
        title, body = lesson_body(notebook, "../")
        files.append(_write(site, f"lessons/{lesson_page_name(notebook.name)}",
                            page(title, body, "../")))
    title, body = lesson_body(LESSONS / LANDING, "")
    files.append(_write(site, "index.html", page(title, way_in("") + body, "")))
    files.append(_write(site, "plain/index.html", plain_words_page(kb)))
    files.append(_write(site, "plain/glossary.html", glossary_page(kb)))
    files.append(_write(site, "explorer/index.html", explorer_page(kb, tables)))
    files.append(_write(site, "site.css", (SOURCES / "site.css").read_text(encoding="utf-8")
                        + "\n/* the glossary's words (spineedu/views/glossary_marks.py) */\n"
                        + GLOSSARY_CSS))
    (site / "terms.js").write_bytes(TERMS_SCRIPT.read_bytes())
    files.append(_ours(site, site / "terms.js"))
    for name, target in SCRIPTS.items():
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCES / name, site / target)
        files.append(_ours(site, site / target))
    files.extend(ship_python(site, cache))
    write_manifest(site, files)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spineedu.static_site.build",
                                     description="Build the static SpineEdu site.")
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    options = parser.parse_args(argv)
    try:
        files = build(options.site, options.cache)
    except ContentError as error:
        print(f"make site: the content is not valid, no site was built.\n{error}",
              file=sys.stderr)
        return 1
    total = sum(file.size for file in files)
    print(f"make site: {len(files)} files, {total / 1e6:.1f} MB in {options.site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
