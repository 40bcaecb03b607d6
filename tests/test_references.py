"""Every reference is one a reader can follow to its source, and every one is used.

An `article` is cited in Vancouver style with a DOI or PMID; a guideline, book or web document
without a journal has a URL, its publisher and year. A field that could not be verified is
excused only by the reference's `unverified` note naming it, and README.md lists those ids.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from spineedu.content_model import Reference
from spineedu.figures.depth_dose import load_parameters
from spineedu.knowledge_base import KnowledgeBase, content_directory

REPO = Path(__file__).resolve().parent.parent

AUTHOR = r"[\w'-]+(?: [\w'-]+)* [A-ZÀ-ÖØ-Þ]{1,4}(?: (?:Jr|Sr|2nd|3rd|\d+th))?"
AUTHORS = re.compile(rf"^{AUTHOR}(?:, {AUTHOR})*(?:, et al)?(?:; [^.;]+)?\. ")
SOURCE = re.compile(
    r"(?P<title>.+?[.?!]) (?P<journal>[A-Z][^.]*?)\. (?P<year>\d{4})"
    r"(?: [A-Z][a-z]{2}(?: \d{1,2})?)?;(?P<volume>\d+)?(?:\((?P<issue>[^)]+)\))?"
    r":(?P<pages>[A-Za-z]*\d+(?:-[A-Za-z]*\d+)?)\.$"
)
"""Title. Journal. Year;Volume(Issue):Pages. Pages may be an article number (e123, CD012345)."""
PUBLISHED = re.compile(r"(?:[^.;:]+: )?(?P<publisher>[A-Z][^.;:]+); (?P<year>\d{4})")
"""Vancouver's '[Place:] Publisher; Year' of a guideline, book or web document."""


def all_references(kb: KnowledgeBase) -> dict[str, Reference]:
    """The knowledge base's references and the depth-dose figure's own."""
    return {**kb.references, **{ref.id: ref for ref in load_parameters().references}}


def _cited_in(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        here = f"{where}/{node['id']}" if isinstance(node.get("id"), str) else where
        for key, value in node.items():
            if key == "references" and isinstance(value, list):
                yield from ((item, here) for item in value if isinstance(item, str))
            yield from _cited_in(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _cited_in(item, where)


def citations() -> dict[str, list[str]]:
    """Every reference id cited anywhere in content/ (scores and physics included), and where."""
    cited: dict[str, list[str]] = defaultdict(list)
    directory = content_directory()
    for path in sorted(directory.rglob("*.yaml")):
        label = path.relative_to(directory.parent).as_posix()
        for ref_id, where in _cited_in(yaml.safe_load(path.read_text(encoding="utf-8")), label):
            cited[ref_id].append(where)
    return cited


def excused(ref: Reference, field: str) -> bool:
    return ref.unverified is not None and field in ref.unverified.lower()


def article_problems(ref: Reference) -> list[str]:
    """What a reader would miss in an article's citation, less what `unverified` explains."""
    problems = []
    if not (ref.doi or ref.pmid) and not excused(ref, "doi"):
        problems.append("no DOI or PMID")
    authors = AUTHORS.match(ref.citation)
    if authors is None and not excused(ref, "authors"):
        return [*problems, "does not start with authors ('Surname AB, ... et al.')"]
    source = SOURCE.match(ref.citation[authors.end() if authors else 0:])
    if source is None:
        missing = [f for f in ("volume", "pages") if not excused(ref, f)]
        if missing:
            problems.append("not 'Title. Journal. Year;Volume(Issue):Pages.'")
        return problems
    if int(source["year"]) != ref.year:
        problems.append(f"citation year {source['year']} is not the year field {ref.year}")
    if not (source["volume"] or source["issue"]) and not excused(ref, "volume"):
        problems.append("no volume")
    return problems


def test_every_article_has_a_locator_and_a_full_vancouver_citation(kb):
    failures = {
        ref.id: problems
        for ref in all_references(kb).values()
        if ref.kind == "article" and (problems := article_problems(ref))
    }
    assert not failures, "\n".join(f"{ref_id}: {'; '.join(p)}" for ref_id, p in failures.items())


def document_problem(ref: Reference) -> str | None:
    """What a reader would miss in a guideline, book or web document's citation."""
    published = PUBLISHED.search(ref.citation)
    if ref.url is None:
        return "no url"
    if published is None:
        return "no '[Place:] Publisher; Year' in the citation"
    if int(published["year"]) != ref.year:
        return f"published {published['year']}, year field {ref.year}"
    return None


def test_every_guideline_book_or_web_document_has_url_publisher_and_year(kb):
    failures = {
        ref.id: problem
        for ref in all_references(kb).values()
        if ref.kind != "article" and (problem := document_problem(ref))
    }
    assert not failures, "\n".join(f"{ref_id}: {problem}" for ref_id, problem in failures.items())


def test_the_citation_checks_reject_what_a_reader_could_not_follow():
    def article(citation: str, **fields: Any) -> Reference:
        return Reference(id="x", citation=citation, year=2012, pmid="1",
                         last_reviewed="2026-12-03", **fields)

    good = ("Boriani S, Amendola L, et al. Staging of osteoblastoma. "
            "Eur Spine J. 2012;21(10):2003-2010.")
    assert article_problems(article(good)) == []
    assert article_problems(article(good.replace("2003-2010", "e528"))) == []
    assert article_problems(article(good.replace("Boriani S, Amendola L, et al. ", ""))) != []
    no_pages = "Boriani S, et al. Staging of osteoblastoma. Eur Spine J. 2012."
    assert article_problems(article(no_pages)) != []
    assert article_problems(article(no_pages, unverified="volume and pages: not indexed")) == []
    no_locator = Reference(id="x", citation=good, year=2012, url="https://example.org",
                           last_reviewed="2026-12-03")
    assert article_problems(no_locator) == ["no DOI or PMID"]

    def document(citation: str, **fields: Any) -> Reference:
        return Reference(id="x", kind="guideline", citation=citation, year=2023,
                         last_reviewed="2026-12-03", **fields)

    nice = "NICE. Spinal metastases (NICE guideline NG234) [Internet]. London: NICE; 2023."
    assert document_problem(document(nice, url="https://www.nice.org.uk/guidance/ng234")) is None
    assert document_problem(document(nice, doi="10.1000/ng234")) == "no url"
    undated = document("NICE. Spinal metastases (NICE guideline NG234).", url="https://nice.org.uk")
    assert document_problem(undated) is not None


def test_no_reference_is_cited_nowhere(kb):
    cited = citations()
    unused = sorted(ref_id for ref_id in all_references(kb) if ref_id not in cited)
    assert not unused, f"references cited by no entry: {unused}"


def test_every_cited_reference_exists(kb):
    known = all_references(kb)
    dangling = {ref_id: where for ref_id, where in citations().items() if ref_id not in known}
    assert not dangling, f"cited but not defined: {dangling}"


@pytest.mark.parametrize("field", ["doi", "pmid", "url"])
def test_no_two_references_share_a_locator(kb, field):
    holders: dict[str, list[str]] = defaultdict(list)
    for ref in all_references(kb).values():
        if value := getattr(ref, field):
            holders[value.lower().rstrip("/")].append(ref.id)
    shared = {value: ids for value, ids in holders.items() if len(ids) > 1}
    assert not shared, f"one {field} under several ids (merge them): {shared}"


def test_the_readme_limitations_name_every_unverified_reference(kb):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Limitations\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert section is not None, "README.md has no '## Limitations' section"
    unverified = [ref.id for ref in all_references(kb).values() if ref.unverified]
    missing = [ref_id for ref_id in unverified if f"`{ref_id}`" not in section[1]]
    assert not missing, f"unverified references not named in README Limitations: {missing}"
