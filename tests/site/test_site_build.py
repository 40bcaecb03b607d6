"""What `make site` builds, read as files: every lesson a page, the landing page lesson 00, the
explorer's controls those of the Voilà explorer, a manifest of every file with its hash, no page
of ours that loads anything from another host, and no site at all from broken content."""

from __future__ import annotations

import json
import re

from page_text import unmarked

from spineedu.package_files import LESSONS
from spineedu.static_site.build import main
from spineedu.views.explorer_state import CONTROLS, FACTOR_CONTROLS, type_options

NOTEBOOKS = sorted(LESSONS.glob("[0-9][0-9]_*.ipynb"))
OUR_PAGES = ("index.html", "lessons/*.html", "explorer/*", "*.css", "*.mjs")
OTHER_HOST = re.compile(r"""(?:\bsrc=|<link[^>]*href=|url\(|\bimport\b[^'"]*|fetch\()\s*['"]?"""
                        r"""(?:https?:)?//""", re.I)


def test_every_lesson_is_a_page_linked_from_the_landing_page(built_site):
    landing = (built_site / "index.html").read_text()
    for notebook in NOTEBOOKS:
        page = built_site / "lessons" / f"{notebook.stem}.html"
        assert page.is_file(), notebook.name
        assert "Educational use only." in page.read_text(), notebook.name
        if notebook.stem != "00_start_here":
            assert f'href="lessons/{notebook.stem}.html"' in landing, notebook.name
    assert ".ipynb" not in re.sub(r"<code>.*?</code>", "", landing)


def test_the_landing_page_says_what_lesson_00_says(built_site):
    first = json.loads((LESSONS / "00_start_here.ipynb").read_text())["cells"][0]
    heading = "".join(first["source"]).splitlines()[0].lstrip("# ").strip()
    assert heading and heading in (built_site / "index.html").read_text()


def test_a_lesson_says_where_each_widget_runs_live_and_ships_no_widget_state(built_site):
    page = (built_site / "lessons" / "08_scores.html").read_text()
    assert "Spinal Instability Neoplastic Score (SINS) calculator is interactive" in page
    assert 'The explorer has a SINS calculator of its own: <a href="../explorer/index.html">' in (
        page)
    assert "widget-state" not in page and "widget-view" not in page


def test_every_page_carries_a_content_security_policy(built_site):
    for path in [built_site / "index.html", *built_site.glob("lessons/*.html"),
                 built_site / "explorer" / "index.html"]:
        assert "Content-Security-Policy" in path.read_text() and "object-src 'none'" in (
            path.read_text()), path.name


def test_a_lesson_keeps_its_stored_figures(built_site):
    page = (built_site / "lessons" / "03_radiation_technologies.html").read_text()
    assert "data:image/png;base64," in page or "<svg" in page


def test_the_explorer_offers_the_controls_of_the_voila_explorer(built_site, kb):
    page = (built_site / "explorer" / "index.html").read_text()
    for control in CONTROLS:
        assert f'<select id="{control.name}"' in page, control.name
    for label, _ in type_options(kb):
        assert f">{label}</option>" in page.replace("&#x27;", "'")
    for control in FACTOR_CONTROLS:
        for label, _ in control.options:
            assert f">{label}</option>" in page
    assert "Nothing you choose here is sent anywhere" in page


def test_the_manifest_lists_every_file_the_site_holds(built_site):
    manifest = json.loads((built_site / "manifest.json").read_text())
    listed = {entry["path"] for entry in manifest["files"]}  # hashes: test_site_runtime.py
    on_disk = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*")
               if path.is_file() and path.name != "manifest.json"}
    assert listed == on_disk


def test_no_page_of_ours_loads_anything_from_another_host(built_site):
    for pattern in OUR_PAGES:
        for path in built_site.glob(pattern):
            found = OTHER_HOST.findall(path.read_text())
            assert not found, f"{path.relative_to(built_site)}: {found[:3]}"


def test_broken_content_builds_no_site(write_content, tmp_path, monkeypatch, capsys):
    def break_it(files):
        files["treatments.yaml"]["treatments"][0].pop("name")

    monkeypatch.setenv("SPINEEDU_CONTENT", str(write_content(break_it)))
    site = tmp_path / "site"
    assert main([str(site), "--cache", str(tmp_path / "cache")]) == 1
    message = capsys.readouterr().err
    assert "treatments.yaml" in message and "name" in message
    assert not site.exists()


def test_the_public_reads_every_plain_text_and_the_glossary(built_site, kb):
    from html import escape

    from spineedu.plain_words import plain_texts

    landing = (built_site / "index.html").read_text()
    assert landing.index('href="plain/index.html"') < landing.index("<h1")  # the first way in
    plain = unmarked((built_site / "plain" / "index.html").read_text())
    entries = [*kb.plain_treatments.values(), *kb.plain_types.values(),
               *kb.plain_topics.values()]
    for entry in entries:
        for text in plain_texts(entry).values():
            assert escape(text, quote=False) in plain, entry.id
    assert plain.index("999") < plain.index("<h2>Tumours</h2>")  # urgent care comes first
    glossary = (built_site / "plain" / "glossary.html").read_text()
    for term in kb.glossary.values():
        assert f'id="term-{term.id}"' in glossary and escape(term.plain) in glossary


def test_lessons_mark_their_glossary_words_except_the_explorers_introduction(built_site):
    overview = (built_site / "lessons" / "01_overview.html").read_text()
    assert overview.count('class="spineedu-term-word"') >= 5
    explorer = (built_site / "lessons" / "02_treatment_explorer.html").read_text()
    introduction = explorer.split('<h2 id="How-to-read')[0]  # cells tagged spineedu-no-glossary
    assert "spineedu-term-word" not in introduction
    assert ".spineedu-term-def{display:none}" in (built_site / "site.css").read_text()
    assert '<script src="../terms.js"></script>' in overview
    assert (built_site / "terms.js").read_text().startswith("// The glossary's words")
