"""Load `content/` into a validated, read-only knowledge base.

Loading never stops at the first problem: every file is read and every check runs, so an educator
sees all that is wrong in one go, each problem naming its file, entry and field.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from spineedu.content_model import (
    SECTIONS,
    CancerType,
    Case,
    ExclusiveSet,
    Fact,
    Invariant,
    Pathway,
    PracticeLimit,
    RedFlag,
    Reference,
    Rule,
    Statistic,
    Treatment,
)

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
KINDS = tuple(SECTIONS)

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class ContentIssue:
    """One problem in the content, located precisely enough to fix without searching."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f": {self.entry}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: Iterable[ContentIssue]) -> None:
        self.issues = tuple(issues)
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
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
    origins: Mapping[tuple[str, str], Origin] = field(repr=False)
    directory: Path = field(repr=False)


def _pydantic_issues(label: str, entry: str, error: ValidationError) -> list[ContentIssue]:
    issues = []
    for detail in error.errors(include_url=False):
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown field (check its spelling in docs/content-guide.md)"
        elif detail["type"] == "missing":
            message = "required field is missing"
        field_path = ".".join(str(part) for part in detail["loc"])
        issues.append(ContentIssue(label, entry, field_path, message))
    return issues


@dataclass
class _FileEntries:
    valid: dict[str, list[tuple[int, BaseModel]]]
    invalid_ids: set[tuple[str, str]]
    issues: list[ContentIssue]


def _read_file(path: Path, label: str) -> _FileEntries:
    """Validate entry by entry, so one bad entry does not hide the good ones beside it."""
    result = _FileEntries({kind: [] for kind in KINDS}, set(), [])
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        result.issues.append(ContentIssue(label, "", "", f"not valid YAML: {where}{problem}"))
        return result
    except (OSError, UnicodeDecodeError) as error:
        result.issues.append(ContentIssue(label, "", "", f"cannot be read: {error}"))
        return result
    if raw is None:
        return result
    if not isinstance(raw, dict):
        message = "must be a mapping with any of the keys " + ", ".join(KINDS)
        result.issues.append(ContentIssue(label, "", "", message))
        return result
    for key, items in raw.items():
        if key not in SECTIONS:
            message = "unknown section; allowed: " + ", ".join(KINDS)
            result.issues.append(ContentIssue(label, "", str(key), message))
            continue
        if not isinstance(items, list):
            result.issues.append(ContentIssue(label, "", key, "must be a list of entries"))
            continue
        for index, item in enumerate(items):
            entry_id = item.get("id") if isinstance(item, dict) else None
            entry = f"{key}[{index}]" + (f" (id '{entry_id}')" if entry_id is not None else "")
            try:
                result.valid[key].append((index, SECTIONS[key].model_validate(item)))
            except ValidationError as error:
                result.issues.extend(_pydantic_issues(label, entry, error))
                if entry_id is not None:
                    result.invalid_ids.add((key, str(entry_id)))
    return result


SEPARATE_FOLDERS = {"scores", "physics"}  # tables with models of their own, loaded apart


def content_files(directory: Path) -> list[Path]:
    """The YAML files that hold knowledge-base entries."""
    return sorted(
        path
        for path in directory.rglob("*.yaml")
        if not SEPARATE_FOLDERS & set(path.relative_to(directory).parts[:-1])
    )


def collect_issues(directory: Path | str) -> tuple[KnowledgeBase | None, list[ContentIssue]]:
    """Read and check everything; return the knowledge base (None if unusable) and all issues."""
    from spineedu.validation import cross_check  # validation needs the engine's rule logic

    directory = Path(directory)
    if not directory.is_dir():
        return None, [ContentIssue(str(directory), "", "", "is not a directory")]
    entries: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    origins: dict[tuple[str, str], Origin] = {}
    rules: list[Rule] = []
    issues: list[ContentIssue] = []
    files = content_files(directory)
    if not files:
        issues.append(ContentIssue(str(directory), "", "", "holds no .yaml content files"))
    invalid_ids: set[tuple[str, str]] = set()
    for path in files:
        label = path.relative_to(directory.parent).as_posix()
        read = _read_file(path, label)
        issues.extend(read.issues)
        invalid_ids |= read.invalid_ids
        for kind in KINDS:
            for index, item in read.valid[kind]:
                origin = Origin(label, kind, index)
                first = origins.get((kind, item.id))
                if first is not None:
                    issues.append(ContentIssue(
                        label, origin.entry(item.id), "id",
                        f"duplicate id: already defined in {first.file} {first.entry(item.id)}",
                    ))
                    continue
                origins[(kind, item.id)] = origin
                entries[kind][item.id] = item
                if kind == "rules":
                    rules.append(item)
    knowledge_base = KnowledgeBase(
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
        origins=MappingProxyType(origins),
        directory=directory,
    )
    issues.extend(cross_check(knowledge_base, frozenset(invalid_ids)))
    return (None if issues else knowledge_base), issues


def load_knowledge_base(directory: Path | str | None = None) -> KnowledgeBase:
    """The validated knowledge base; raises ContentError listing every problem."""
    knowledge_base, issues = collect_issues(directory or content_directory())
    if knowledge_base is None:
        raise ContentError(issues)
    return knowledge_base


def content_directory() -> Path:
    """`SPINEEDU_CONTENT` if set (to try edited content), else the repository's content/."""
    return Path(os.environ.get("SPINEEDU_CONTENT") or DEFAULT_CONTENT_DIR)


@functools.cache
def default_knowledge_base() -> KnowledgeBase:
    """Loaded once per process: the content does not change while a lesson runs."""
    return load_knowledge_base()
