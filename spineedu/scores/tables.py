"""The score tables of content/scores/, validated on load like the rest of the content."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from spineedu.content_messages import (
    future_date,
    plain_errors,
    read_yaml,
    today_somewhere,
    unknown_id,
)
from spineedu.content_model import Reviewed, Strict
from spineedu.knowledge_base import (
    ContentError,
    ContentIssue,
    cited_references,
    content_directory,
    json_ready,
)
from spineedu.nearest import closest_id


class Option(Strict):
    id: str
    label: str
    points: int
    min: int | None = None  # for items given as a count or a percentage
    max: int | None = None


class Item(Strict):
    id: str
    name: str
    why: str
    counts: bool = False  # given as a number that falls into one option's min-max range
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _ranges_for_counts(self) -> Item:
        if self.counts and any(o.min is None for o in self.options):
            raise ValueError("an item given as a number needs min (and max) on every option")
        return self


class Band(Strict):
    id: str
    label: str
    meaning: str
    min: int | None = None
    max: int | None = None


class AdditiveScore(Reviewed):
    kind: Literal["additive"]
    id: str
    name: str
    description: str
    items: tuple[Item, ...] = Field(min_length=1)
    bands: tuple[Band, ...] = Field(min_length=2)
    references: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _bands_cover_every_total(self) -> AdditiveScore:
        low = sum(min(o.points for o in item.options) for item in self.items)
        high = sum(max(o.points for o in item.options) for item in self.items)
        covered = sorted(n for band in self.bands for n in range(band.min, band.max + 1))
        if covered != list(range(low, high + 1)):
            raise ValueError(f"bands must cover every total from {low} to {high} exactly once")
        return self

    def total_range(self) -> tuple[int, int]:
        return (sum(min(o.points for o in item.options) for item in self.items),
                sum(max(o.points for o in item.options) for item in self.items))


class Grade(Strict):
    id: str
    label: str
    band: str
    definition: str
    margin: str | None = None
    karnofsky: str | None = None


class Classification(Reviewed):
    kind: Literal["classification"]
    id: str
    name: str
    description: str
    grades: tuple[Grade, ...] = Field(min_length=2)
    bands: tuple[Band, ...] = Field(min_length=2)
    references: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _grades_in_known_bands(self) -> Classification:
        bands = {band.id for band in self.bands}
        unknown = sorted({grade.band for grade in self.grades} - bands)
        if unknown:
            raise ValueError(f"grades name unknown band(s) {unknown}")
        return self


class RadiationPath(Strict):
    id: str
    label: str
    when: dict[Literal["radiosensitive", "high_grade", "fit"], bool]
    why: str


class MechanicalPath(Strict):
    id: str
    label: str
    sins_min: int | None = None
    sins_max: int | None = None
    fit: bool | None = None
    why: str


class Decision(Reviewed):
    kind: Literal["decision"]
    id: str
    name: str
    description: str
    high_grade_escc: tuple[str, ...]
    # non-metastatic types assessed with it too (e.g. myeloma compresses the cord like a metastasis)
    also_applies_to: tuple[str, ...] = ()
    radiation_paths: tuple[RadiationPath, ...]
    mechanical_paths: tuple[MechanicalPath, ...]
    references: tuple[str, ...] = Field(min_length=1)


class Layer(Strict):
    id: str
    label: str


class Zones(Reviewed):
    """A staging map drawn as a figure (WBB)."""

    kind: Literal["zones"]
    id: str
    name: str
    description: str
    zones: int = Field(ge=4, le=24)
    body_zones: tuple[int, ...]
    layers: tuple[Layer, ...] = Field(min_length=1)
    references: tuple[str, ...] = Field(min_length=1)


Table = AdditiveScore | Classification | Decision | Zones
MODELS = {"additive": AdditiveScore, "classification": Classification, "decision": Decision,
          "zones": Zones}


def check_tables(directory: Path, known_references: Collection[str],
                 known_types: Collection[str], invalid_references: Collection[str] = (),
                 label_root: Path | None = None, today: dt.date | None = None,
                 ) -> tuple[dict[str, Table], list[ContentIssue], set[str], bool]:
    """Every table in `directory`, every problem (in the words of content_messages), the
    reference ids the tables cite, and whether every file could be read.

    `invalid_references` are ids whose entries failed validation: reported already, so not
    reported again as unknown here."""
    today = today or today_somewhere()
    tables: dict[str, Table] = {}
    issues: list[ContentIssue] = []
    cited: set[str] = set()
    all_read = True
    for path in sorted(directory.glob("*.yaml")):
        label = (path.relative_to(label_root).as_posix() if label_root is not None
                 else f"content/scores/{path.name}")
        raw, problem = read_yaml(path)
        if problem is not None:
            issues.append(ContentIssue(label, "", "", problem.message))
            all_read = False
            continue
        if raw is None:
            issues.append(ContentIssue(label, "", "", "is empty: a score file holds one table "
                                       "(see docs/content-guide.md) or is deleted"))
            continue
        cited.update(cited_references(raw))
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind not in MODELS:
            guess = closest_id(str(kind), MODELS) if kind is not None else None
            hint = f"did you mean '{guess}'? " if guess else ""
            written = "is missing" if kind is None else f"'{kind}' is not a kind of table"
            issues.append(ContentIssue(label, "", "kind", f"{written}: {hint}write one of "
                                       + ", ".join(MODELS)))
            continue
        entry = f"{kind} '{raw.get('id')}'"
        try:
            table = MODELS[kind].model_validate(raw)
        except ValidationError as error:
            issues.extend(ContentIssue(label, entry, where, message)
                          for where, message in plain_errors(MODELS[kind], raw, error))
            continue
        for index, reference in enumerate(table.references):
            if reference not in known_references and reference not in invalid_references:
                issues.append(ContentIssue(label, entry, f"references.{index}",
                                           unknown_id("reference", reference, known_references),
                                           unknown_id=reference))
        for index, type_id in enumerate(getattr(table, "also_applies_to", ())):
            if type_id not in known_types:
                issues.append(ContentIssue(label, entry, f"also_applies_to.{index}",
                                           unknown_id("cancer type", type_id, known_types),
                                           unknown_id=type_id))
        if table.last_reviewed > today:
            issues.append(ContentIssue(label, entry, "last_reviewed", future_date(
                table.last_reviewed, today)))
        tables[table.id] = table
    return tables, issues, cited, all_read


def load_tables(directory: Path | None = None,
                known_references: Collection[str] | None = None,
                known_types: Collection[str] | None = None) -> dict[str, Table]:
    """Every table in content/scores/; a ContentError names each broken file and field."""
    from spineedu.knowledge_base import default_knowledge_base

    directory = directory or content_directory() / "scores"
    if known_references is None:
        known_references = set(default_knowledge_base().references)
    if known_types is None:
        known_types = set(default_knowledge_base().cancer_types)
    tables, issues, _, _ = check_tables(directory, known_references, known_types)
    if issues:
        raise ContentError(issues)
    return tables


@functools.cache
def default_tables() -> dict[str, Table]:
    return load_tables()



def table_documents(directory: Path) -> dict[str, Any]:
    """Every score table as parsed data, by its label ('content/scores/sins.yaml'), for the
    static site beside `content_documents` (validate the content first)."""
    documents = {}
    for path in sorted(directory.glob("*.yaml")):
        raw, problem = read_yaml(path)
        if problem is not None:
            raise ContentError([ContentIssue(path.name, "", "", problem.message)])
        documents[f"content/scores/{path.name}"] = json_ready(raw)
    return documents


def tables_from_documents(documents: Mapping[str, Any]) -> dict[str, Table]:
    """The tables among `documents` (labels under content/scores/), each validated by its
    model; the cross-checks ran when the documents were made."""
    tables: dict[str, Table] = {}
    for label, raw in documents.items():
        if label.startswith("content/scores/"):
            table = MODELS[raw["kind"]].model_validate(raw)
            tables[table.id] = table
    return tables
