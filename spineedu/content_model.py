"""The shape of the knowledge base: what an educator may write in `content/*.yaml`.

Every model forbids unknown fields so that a typo in a YAML key is an error, not silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = str
Level = Literal["first-line", "adjunct", "consider", "not-indicated"]
LEVELS: tuple[Level, ...] = ("first-line", "adjunct", "consider", "not-indicated")
EsccGrade = Literal["0", "1a", "1b", "1c", "2", "3"]
ESCC_GRADES: tuple[EsccGrade, ...] = ("0", "1a", "1b", "1c", "2", "3")
Origin = Literal["primary", "secondary"]
Group = Literal["primary", "metastatic", "intradural"]
Compartment = Literal[
    "extradural", "intradural-extramedullary", "intramedullary", "leptomeningeal"
]
Radiosensitivity = Literal["sensitive", "intermediate", "resistant"]
AgeGroup = Literal["children", "adolescents", "young-adults", "adults", "older-adults"]
Family = Literal["surgery", "radiation", "systemic", "interventional", "supportive"]
Behaviour = Literal["benign", "malignant"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """Base: unknown keys are errors, numbers written where text is expected are read as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


ReferenceKind = Literal["article", "guideline", "book", "web"]


class Reference(Strict):
    """A source a reader can follow. An `article` (the default: a paper in a journal, guidelines
    published in one included) needs a DOI or PMID and a Vancouver citation with volume and pages
    or article number; a `guideline`, `book` or `web` document without a journal needs at least a
    URL, its publisher and year (checked by tests/test_references.py)."""

    id: Id = Field(pattern=ID_PATTERN)
    kind: ReferenceKind = "article"
    citation: str = Field(min_length=10)
    year: int = Field(ge=1900, le=2100)
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    last_reviewed: dt.date

    @model_validator(mode="after")
    def _has_locator(self) -> Reference:
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a reference needs a doi, a pmid or a url")
        return self


class Stage(Strict):
    """One stage or grade of a type. `behaviour`, when given, overrides the type's behaviour for
    this stage: behaviour follows grade (a pilocytic astrocytoma, grade 1, is benign; a grade 3
    meningioma is malignant)."""

    id: str = Field(min_length=1)
    name: str
    description: str
    behaviour: Behaviour | None = None


class Staging(Strict):
    system: str
    stages: tuple[Stage, ...] = Field(min_length=1)


class Subtype(Strict):
    """A histological or molecular subtype that changes the plan (e.g. HER2-positive breast)."""

    id: Id = Field(pattern=ID_PATTERN)
    name: str
    description: str = Field(min_length=20)
    # the stages this subtype can have (e.g. a high-grade subtype has no low-grade stage); omitted
    # means every stage. Any other stage is answered "not suitable", never guessed.
    stages: tuple[str, ...] | None = None
    references: tuple[Id, ...] = Field(min_length=1)


class CancerType(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: str
    origin: Origin
    group: Group
    behaviour: Behaviour
    compartment: Compartment
    age_groups: tuple[AgeGroup, ...] = Field(min_length=1)
    radiosensitivity: Radiosensitivity | None = None
    staging: Staging
    subtypes: tuple[Subtype, ...] = ()
    summary: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date

    def stage_ids(self) -> tuple[str, ...]:
        return tuple(stage.id for stage in self.staging.stages)

    def subtype_ids(self) -> tuple[str, ...]:
        return tuple(subtype.id for subtype in self.subtypes)

    def behaviour_of(self, stage_id: str) -> Behaviour:
        """The behaviour at this stage: the stage's own `behaviour` if it has one, else the
        type's. Raises KeyError for a stage the type does not have."""
        for stage in self.staging.stages:
            if stage.id == stage_id:
                return stage.behaviour or self.behaviour
        raise KeyError(f"{self.id} has no stage {stage_id!r}")


class Treatment(Strict):
    id: Id = Field(pattern=ID_PATTERN)
    name: str
    family: Family
    description: str = Field(min_length=20)
    delivery: str = Field(min_length=10)
    benefits: tuple[str, ...] = Field(min_length=1)
    risks: tuple[str, ...] = Field(min_length=1)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


FactorName = Literal["escc", "sins", "ecog", "neuro_deficit", "subtype", "resectable"]
FACTOR_NAMES: tuple[FactorName, ...] = (
    "escc", "sins", "ecog", "neuro_deficit", "subtype", "resectable",
)


class Conditions(Strict):
    """When a rule fires: every condition given must hold; an omitted condition always holds.

    A condition on a patient factor (escc, sins, ecog, neuro_deficit, subtypes, resectable) never
    holds while that factor is unknown, so a rule never fires on a guess. `not_given` is the
    opposite: it holds only while the named factors are unknown (e.g. a rule for "fitness not
    yet assessed").
    """

    types: tuple[Id, ...] | None = None
    groups: tuple[Group, ...] | None = None
    origin: Origin | None = None
    compartments: tuple[Compartment, ...] | None = None
    radiosensitivity: tuple[Radiosensitivity, ...] | None = None
    stages: tuple[str, ...] | None = None
    behaviour: Behaviour | None = None  # of the type at this stage (see Stage.behaviour)
    escc: tuple[EsccGrade, ...] | None = None
    sins_min: int | None = Field(default=None, ge=0, le=18)
    sins_max: int | None = Field(default=None, ge=0, le=18)
    ecog_min: int | None = Field(default=None, ge=0, le=4)
    ecog_max: int | None = Field(default=None, ge=0, le=4)
    neuro_deficit: bool | None = None
    subtypes: tuple[Id, ...] | None = None
    resectable: bool | None = None
    not_given: tuple[FactorName, ...] | None = None


class Rule(Strict):
    """One recommendation: in these circumstances, this treatment has this level, because..."""

    id: Id = Field(pattern=ID_PATTERN)
    treatment: Id
    level: Level
    when: Conditions = Conditions()
    priority: int = Field(default=0, ge=0, le=9)
    step: int | None = Field(default=None, ge=1, le=9)
    reason: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


class Fact(Strict):
    """A teaching statement shown outside the recommendations (e.g. epidemiology)."""

    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


class RedFlag(Strict):
    """A symptom that needs urgent care, not a teaching tool."""

    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=5)
    urgency: Literal["emergency", "urgent"]
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


class Pathway(Strict):
    """An urgent care pathway shown above the plan when any of its situations applies (e.g. the
    NICE steps for suspected cord compression): what happens around the treatments, and how fast."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str
    when_any: tuple[Conditions, ...] = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=1)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


class StatisticItem(Strict):
    label: str
    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StatisticItem:
        if self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class Statistic(Strict):
    """Numbers for a chart: a value or, where sources disagree, a range per item."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str
    unit: str
    items: tuple[StatisticItem, ...] = Field(min_length=2)
    summary: str = Field(min_length=20)
    source_note: str = Field(min_length=5)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


class Case(Strict):
    """A clinical vignette for practice: the learner picks the first-line plan."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str
    vignette: str = Field(min_length=40)
    type: Id
    stage: str
    escc: EsccGrade | None = None
    sins: int | None = Field(default=None, ge=0, le=18)
    ecog: int | None = Field(default=None, ge=0, le=4)
    neuro_deficit: bool | None = None
    subtype: Id | None = None
    resectable: bool | None = None
    question: str
    options: tuple[Id, ...] = Field(min_length=2)
    answer: Id
    teaching_point: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)
    last_reviewed: dt.date


SECTIONS: dict[str, type[Strict]] = {
    "references": Reference,
    "treatments": Treatment,
    "cancer_types": CancerType,
    "rules": Rule,
    "facts": Fact,
    "red_flags": RedFlag,
    "statistics": Statistic,
    "cases": Case,
    "pathways": Pathway,
}
"""The lists a content file may hold, and the model of each list's entries."""
