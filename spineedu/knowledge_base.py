"""Load `content/` into a validated, read-only knowledge base.

Loading never stops at the first problem: every file is read and every check runs, so an educator
sees all that is wrong in one go, each problem naming its file, entry and field.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from spineedu.content_messages import (
    ReadProblem,
    committed_ids,
    plain_errors,
    read_yaml,
)
from spineedu.content_model import (
    SECTIONS,
    CancerType,
    Case,
    ExclusiveSet,
    Fact,
    GlossaryTerm,
    Invariant,
    NotInGlossary,
    Pathway,
    PlainPicture,
    PlainTopic,
    PlainTreatment,
    PlainType,
    PracticeLimit,
    RedFlag,
    Reference,
    Rule,
    Statistic,
    Treatment,
)
from spineedu.nearest import closest_id
from spineedu.package_files import CONTENT

DEFAULT_CONTENT_DIR = CONTENT  # the repository's content/, or the wheel's copy
KINDS = tuple(SECTIONS)

@dataclass(frozen=True)
class ContentIssue:
    """One problem in the content, located precisely enough to fix without searching.

    `unknown_id` is the id a "not defined" problem names (so that a file that could not be
    read can take the problems its absence causes as `follow_ons`, shown under it)."""

    file: str
    entry: str
    field: str
    message: str
    unknown_id: str | None = field(default=None, compare=False, repr=False)
    follow_ons: tuple[ContentIssue, ...] = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f": {self.entry}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"

    def lines(self, shown: int = 5) -> list[str]:
        """The problem, then the first `shown` problems that follow from it, indented under
        it, and how many more (they go when this one is fixed)."""
        lines = [str(self), *(f"    follows from it: {issue}" for issue in self.follow_ons[:shown])]
        if len(self.follow_ons) > shown:
            lines.append(f"    ... and {len(self.follow_ons) - shown} more like these, which go "
                         "away when this problem is fixed")
        return lines


class ContentError(Exception):
    """The content cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: Iterable[ContentIssue]) -> None:
        self.issues = tuple(issues)
        lines = "\n".join(f"  - {line}" for issue in self.issues for line in issue.lines())
        super().__init__(f"{len(self.issues)} problem(s) in the content:\n{lines}")


@dataclass(frozen=True)
class Origin:
    """Where an entry was written: used to point error messages at it."""

    file: str
    kind: str
    index: int

    def entry(self, entry_id: str) -> str:
        return f"{self.kind}[{self.index}] (id '{entry_id}')"


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Everything the engine and the views read. Built only by `load_knowledge_base`."""

    references: Mapping[str, Reference]
    treatments: Mapping[str, Treatment]
    cancer_types: Mapping[str, CancerType]
    rules: tuple[Rule, ...]
    facts: Mapping[str, Fact]
    red_flags: Mapping[str, RedFlag]
    statistics: Mapping[str, Statistic]
    cases: Mapping[str, Case]
    pathways: Mapping[str, Pathway]
    exclusive_sets: tuple[ExclusiveSet, ...]
    invariants: Mapping[str, Invariant]
    practice_limits: tuple[PracticeLimit, ...]
    # the same knowledge in plain words, for the public (treatments and types by their id)
    plain_treatments: Mapping[str, PlainTreatment]
    plain_types: Mapping[str, PlainType]
    plain_topics: Mapping[str, PlainTopic]
    glossary: Mapping[str, GlossaryTerm]
    not_in_glossary: Mapping[str, NotInGlossary]
    plain_pictures: Mapping[str, PlainPicture]  # the plain-words lesson's pictures
    origins: Mapping[tuple[str, str], Origin] = field(repr=False)
    directory: Path = field(repr=False)


@dataclass
class _FileEntries:
    valid: dict[str, list[tuple[int, BaseModel]]]
    invalid_ids: set[tuple[str, str]]
    issues: list[ContentIssue]
    cited_by_invalid: set[str] = field(default_factory=set)  # references an invalid entry cites
    unreadable: ReadProblem | None = None
    defines_nothing: bool = False
    # sections that could not be read (a misspelt name, not a list), with the ids they hold
    lost: list[tuple[ContentIssue, frozenset[str]]] = field(default_factory=list)


def cited_references(node: Any) -> Iterator[str]:
    """Every reference id a raw YAML entry cites, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "references" and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from cited_references(value)
    elif isinstance(node, list):
        for item in node:
            yield from cited_references(item)


def _read_file(path: Path, label: str) -> _FileEntries:
    return _file_entries(*read_yaml(path), label)


def _file_entries(raw: Any, problem: ReadProblem | None, label: str) -> _FileEntries:
    """Validate entry by entry, so one bad entry does not hide the good ones beside it."""
    result = _FileEntries({kind: [] for kind in KINDS}, set(), [])
    if problem is not None:
        result.unreadable = problem
        return result
    if raw is None:
        result.defines_nothing = True
        return result
    if not isinstance(raw, dict):
        message = ("must hold lists under section names such as 'rules:' at the start of a "
                   "line; allowed: " + ", ".join(KINDS))
        result.issues.append(ContentIssue(label, "", "", message))
        return result
    for key, items in raw.items():
        held = frozenset(str(item["id"]) for item in items if isinstance(item, dict)
                         and "id" in item) if isinstance(items, list) else frozenset()
        if key not in SECTIONS:
            guess = closest_id(str(key), KINDS)
            hint = f"did you mean '{guess}'? " if guess else ""
            message = f"unknown section: {hint}Sections allowed: " + ", ".join(KINDS)
            result.lost.append((ContentIssue(label, "", str(key), message), held))
            continue
        if items is None:
            result.issues.append(ContentIssue(
                label, "", key, f"'{key}:' has no entries: list them below it, each starting "
                "with '- ' (indented), or delete the line"))
            continue
        if not isinstance(items, list):
            result.lost.append((ContentIssue(
                label, "", key, "must be a list of entries, each starting with '- '"), held))
            continue
        for index, item in enumerate(items):
            entry_id = item.get("id") if isinstance(item, dict) else None
            entry = f"{key}[{index}]" + (f" (id '{entry_id}')" if entry_id is not None else "")
            try:
                result.valid[key].append((index, SECTIONS[key].model_validate(item)))
            except ValidationError as error:
                result.issues.extend(ContentIssue(label, entry, where, message)
                                     for where, message in plain_errors(SECTIONS[key], item,
                                                                        error))
                result.cited_by_invalid.update(cited_references(item))
                if entry_id is not None:
                    result.invalid_ids.add((key, str(entry_id)))
    return result  # explicit empty lists (`rules: []`) are written on purpose: not "empty"


SEPARATE_FOLDERS = {"scores", "physics"}  # tables with models of their own, loaded apart


def content_files(directory: Path) -> list[Path]:
    """The YAML files that hold knowledge-base entries."""
    return sorted(
        path
        for path in directory.rglob("*.yaml")
        if not SEPARATE_FOLDERS & set(path.relative_to(directory).parts[:-1])
    )


def _unreadable_issue(path: Path, label: str, read: _FileEntries) -> tuple[ContentIssue,
                                                                            frozenset[str]]:
    """The one problem of a file that cannot be used, and the ids it probably defined."""
    if read.unreadable is not None:
        defined = read.unreadable.defined_ids | {path.stem}
        return ContentIssue(label, "", "", read.unreadable.message), defined
    before = committed_ids(path)
    if before:
        shown = ", ".join(sorted(before)[:5]) + (", ..." if len(before) > 5 else "")
        message = (f"is empty, but at the last commit it defined {len(before)} entr"
                   f"{'y' if len(before) == 1 else 'ies'} ({shown}): restore it "
                   f"(git restore {label}) or also remove what cites them")
        return ContentIssue(label, "", "", message), before | {path.stem}
    return ContentIssue(label, "", "", "is empty: it defines nothing; write its entries (for "
                        "example 'rules:' and a list below it) or delete the file"), frozenset(
                            {path.stem})  # a type's file is named by its id


def _fold(issues: list[ContentIssue], causes: dict[int, frozenset[str]]) -> list[ContentIssue]:
    """Problems that only say an id is missing, where an unusable file probably defined that id,
    go under that file's problem instead of standing beside it."""
    owner = {}
    for index, defined in causes.items():
        for entry_id in defined:
            owner.setdefault(entry_id, index)
    folded: dict[int, list[ContentIssue]] = {index: [] for index in causes}
    kept = []
    for index, issue in enumerate(issues):
        cause = owner.get(issue.unknown_id) if issue.unknown_id is not None else None
        if cause is not None and cause != index:
            folded[cause].append(issue)
        else:
            kept.append((index, issue))
    result = []
    for index, issue in kept:
        if folded.get(index):
            count = len(folded[index])
            follow_ons = tuple(sorted(folded[index], key=lambda issue: issue.file))
            issue = replace(issue, message=f"{issue.message} ({count} problem(s) elsewhere "
                            "follow from it, listed below)", follow_ons=follow_ons)
        result.append(issue)
    return result


@dataclass
class _Assembled:
    knowledge_base: KnowledgeBase
    issues: list[ContentIssue]
    unusable: list[tuple[ContentIssue, frozenset[str]]]
    invalid_ids: set[tuple[str, str]]
    cited_by_invalid: set[str]


def _assemble(reads: Iterable[tuple[Path | None, str, _FileEntries]],
              directory: Path) -> _Assembled:
    """The entries of every file read, in one knowledge base (not yet cross-checked)."""
    entries: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    rules: list[Rule] = []
    built = _Assembled(None, [], [], set(), set())  # type: ignore[arg-type]
    for path, label, read in reads:
        if read.unreadable is not None or read.defines_nothing:
            built.unusable.append(_unreadable_issue(path or Path(label), label, read))
        built.unusable.extend(read.lost)
        built.issues.extend(read.issues)
        built.invalid_ids |= read.invalid_ids
        built.cited_by_invalid |= read.cited_by_invalid
        for kind in KINDS:
            for index, item in read.valid[kind]:
                origin = Origin(label, kind, index)
                first = origins.get((kind, item.id))
                if first is not None:
                    built.issues.append(ContentIssue(
                        label, origin.entry(item.id), "id",
                        f"duplicate id: already defined in {first.file} {first.entry(item.id)}"
                        ": give one of them another id",
                    ))
                    continue
                origins[(kind, item.id)] = origin
                entries[kind][item.id] = item
                if kind == "rules":
                    rules.append(item)
    built.knowledge_base = KnowledgeBase(
        references=MappingProxyType(entries["references"]),
        treatments=MappingProxyType(entries["treatments"]),
        cancer_types=MappingProxyType(entries["cancer_types"]),
        rules=tuple(rules),
        facts=MappingProxyType(entries["facts"]),
        red_flags=MappingProxyType(entries["red_flags"]),
        statistics=MappingProxyType(entries["statistics"]),
        cases=MappingProxyType(entries["cases"]),
        pathways=MappingProxyType(entries["pathways"]),
        exclusive_sets=tuple(entries["exclusive_sets"].values()),
        invariants=MappingProxyType(entries["invariants"]),
        practice_limits=tuple(entries["practice_limits"].values()),
        plain_treatments=MappingProxyType(entries["plain_treatments"]),
        plain_types=MappingProxyType(entries["plain_types"]),
        plain_topics=MappingProxyType(entries["plain_topics"]),
        glossary=MappingProxyType(entries["glossary"]),
        not_in_glossary=MappingProxyType(entries["not_in_glossary"]),
        plain_pictures=MappingProxyType(entries["plain_pictures"]),
        origins=MappingProxyType(origins),
        directory=directory,
    )
    return built


def collect_issues(directory: Path | str) -> tuple[KnowledgeBase | None, list[ContentIssue]]:
    """Read and check everything, the score tables included; return the knowledge base (None
    if unusable) and all issues, grouped by file."""
    from spineedu.scores.tables import check_tables  # the tables cite the base's references
    from spineedu.validation import cross_check  # validation needs the engine's rule logic

    directory = Path(directory)
    if not directory.is_dir():
        return None, [ContentIssue(str(directory), "", "", "is not a directory")]
    files = content_files(directory)
    issues: list[ContentIssue] = []
    if not files:
        issues.append(ContentIssue(str(directory), "", "", "holds no .yaml content files"))
    reads = [(path, path.relative_to(directory.parent).as_posix()) for path in files]
    built = _assemble(((path, label, _read_file(path, label)) for path, label in reads),
                      directory)
    knowledge_base, unusable, invalid_ids = built.knowledge_base, built.unusable, built.invalid_ids
    issues.extend(built.issues)
    complete = not unusable  # every file read: what is not cited or defined is really so
    cited_by_tables: set[str] = set()
    if (directory / "scores").is_dir():
        _, table_issues, cited_by_tables, all_read = check_tables(
            directory / "scores", known_references=knowledge_base.references.keys(),
            known_types=knowledge_base.cancer_types.keys(),
            invalid_references={i for kind, i in invalid_ids if kind == "references"},
            label_root=directory.parent)
        issues.extend(table_issues)
        complete = complete and all_read
    issues.extend(cross_check(
        knowledge_base, frozenset(invalid_ids), complete=complete,
        also_cited=frozenset(cited_by_tables | built.cited_by_invalid)))
    causes = {}
    for problem, defined in unusable:
        causes[len(issues)] = defined
        issues.append(problem)
    issues = _fold(issues, causes)
    issues.sort(key=lambda issue: issue.file)  # stable: each file's problems together
    return (None if issues else knowledge_base), issues


def load_knowledge_base(directory: Path | str | None = None) -> KnowledgeBase:
    """The validated knowledge base; raises ContentError listing every problem."""
    knowledge_base, issues = collect_issues(directory or content_directory())
    if knowledge_base is None:
        raise ContentError(issues)
    return knowledge_base


def content_directory() -> Path:
    """`SPINEEDU_CONTENT` if set (to try edited content), else the package's content."""
    return Path(os.environ.get("SPINEEDU_CONTENT") or DEFAULT_CONTENT_DIR)


@functools.cache
def default_knowledge_base() -> KnowledgeBase:
    """Loaded once per process: the content does not change while a lesson runs."""
    return load_knowledge_base()


def content_documents(directory: Path | str) -> dict[str, Any]:
    """Every content file as parsed data, by its label ('content/rules/spine.yaml'), in a form
    JSON can hold (dates as ISO text): what the static site ships, where parsing YAML would
    cost a browser seconds. Validate the directory first (`load_knowledge_base`)."""
    directory = Path(directory)
    documents = {}
    for path in content_files(directory):
        raw, problem = read_yaml(path)
        if problem is not None:
            raise ContentError([ContentIssue(path.name, "", "", problem.message)])
        documents[path.relative_to(directory.parent).as_posix()] = json_ready(raw)
    return documents


def json_ready(node: Any) -> Any:
    """Parsed YAML as JSON can hold it: dates as ISO text."""
    if isinstance(node, dict):
        return {str(key): json_ready(value) for key, value in node.items()}
    if isinstance(node, list):
        return [json_ready(item) for item in node]
    if hasattr(node, "isoformat"):
        return node.isoformat()
    return node


def knowledge_base_from_documents(documents: Mapping[str, Any]) -> KnowledgeBase:
    """The knowledge base from `content_documents`: each entry is validated by its model as
    from YAML, but the cross-checks (every id cited exists, every rule can fire...) are not run
    again: they ran when the documents were made."""
    built = _assemble(((None, label, _file_entries(raw, None, label))
                       for label, raw in documents.items()
                       if not SEPARATE_FOLDERS & set(label.split("/")[1:-1])), Path("content"))
    problems = built.issues + [problem for problem, _ in built.unusable]
    if problems:
        raise ContentError(problems)
    return built.knowledge_base
