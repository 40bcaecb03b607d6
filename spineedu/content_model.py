"""The shape of the knowledge base: what an educator may write in `content/*.yaml`.

Every model forbids unknown fields so that a typo in a YAML key is an error, not silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

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
Behaviour = Literal["benign", "borderline", "malignant"]  # ICD-O /0, /1, /3

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """Base: unknown keys are errors, numbers written where text is expected are read as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Reviewed(Strict):
    """An entry a clinician vouches for: when it was last checked against its sources, by whom
    (a role or a name, optional), and when it is due again (optional; `spineedu stale`)."""

    last_reviewed: dt.date
    reviewed_by: str | None = Field(default=None, min_length=2)
    review_due: dt.date | None = None

    @model_validator(mode="after")
    def _due_after_review(self) -> Reviewed:
        if self.review_due is not None and self.review_due <= self.last_reviewed:
            raise ValueError("'review_due' must be after 'last_reviewed'")
        return self


ReferenceKind = Literal["article", "guideline", "book", "web"]


class Reference(Reviewed):
    """A source a reader can follow. An `article` (the default: a paper in a journal, guidelines
    published in one included) needs a DOI or PMID and a Vancouver citation with authors, volume
    and pages or article number; a `guideline`, `book` or `web` document without a journal needs
    a URL, its publisher and year (checked by tests/test_references.py). `unverified` says which
    field could not be checked against its source and why: only it excuses that field missing,
    and README.md's Limitations name every such reference."""

    id: Id = Field(pattern=ID_PATTERN)
    kind: ReferenceKind = "article"
    citation: str = Field(min_length=10)
    year: int = Field(ge=1900, le=2100)
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    unverified: str | None = Field(default=None, min_length=10)

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


class CancerType(Reviewed):
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


class Treatment(Reviewed):
    id: Id = Field(pattern=ID_PATTERN)
    name: str
    family: Family
    description: str = Field(min_length=20)
    delivery: str = Field(min_length=10)
    benefits: tuple[str, ...] = Field(min_length=1)
    risks: tuple[str, ...] = Field(min_length=1)
    references: tuple[Id, ...] = Field(min_length=1)


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
    except_types: tuple[Id, ...] | None = None  # a principle's per-type exceptions
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


class Rule(Reviewed):
    """One recommendation: in these circumstances, this treatment has this level, because...

    A rule either sets a level (`level`) or caps one (`at_most`). A cap only lowers: it applies
    to a treatment that other rules put in the plan and never adds one, so "at ECOG 3-4, SBRT at
    most consider" cannot bring SBRT into a plan that did not have it. Meaning: spineedu/rules.py.
    """

    id: Id = Field(pattern=ID_PATTERN)
    treatment: Id
    level: Level | None = None
    at_most: Level | None = None
    when: Conditions = Conditions()
    priority: int = Field(default=0, ge=0, le=9)
    step: int | None = Field(default=None, ge=1, le=9)
    reason: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _sets_or_caps(self) -> Rule:
        if (self.level is None) == (self.at_most is None):
            raise ValueError("a rule has either 'level' (sets the level) or 'at_most' (caps "
                             "it), not both and not neither")
        if self.at_most is not None and (self.step is not None or self.priority):
            raise ValueError("a cap ('at_most') takes no 'step' or 'priority': every cap that "
                             "holds applies, the lowest wins")
        return self

    @property
    def is_cap(self) -> bool:
        return self.at_most is not None


class Leader(Strict):
    """Which strategy of an exclusive set keeps first-line, where `when` holds, and why."""

    when: Conditions = Conditions()
    leads: str
    reason: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)


class ExclusiveSet(Reviewed):
    """Strategies that exclude each other for one patient: a plan never has two of them at
    first-line. Where more than one would be, the first `leaders` entry whose `when` holds names
    the strategy that keeps first-line; the others drop to `others_at`, with that reason."""

    id: Id = Field(pattern=ID_PATTERN)
    statement: str = Field(min_length=20)
    strategies: dict[str, tuple[Id, ...]] = Field(min_length=2)
    when_any: tuple[Conditions, ...] | None = None  # where the exclusion holds; default always
    leaders: tuple[Leader, ...] = Field(min_length=1)
    others_at: Level = "consider"
    references: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _leaders_name_strategies(self) -> ExclusiveSet:
        for index, leader in enumerate(self.leaders):
            if leader.leads not in self.strategies:
                raise ValueError(f"leaders.{index}.leads '{leader.leads}' is not one of the "
                                 f"strategies ({', '.join(self.strategies)})")
        if self.leaders[-1].when != Conditions():
            raise ValueError("the last of 'leaders' needs no 'when': it decides wherever the "
                             "ones before it do not")
        if self.others_at == "first-line":
            raise ValueError("others_at must be below first-line")
        return self


class LevelBound(Strict):
    """`each` (default) or `any` of `treatments` at `level` or above (at_least) or below
    (at_most). A treatment not in the plan is below every level."""

    level: Level
    treatments: tuple[Id, ...] = Field(min_length=1)
    of: Literal["each", "any"] = "each"
    # at_least only: a treatment counts only if it is done by this step (one with no step does
    # not count), so "urgent" can be said: an operation at step 2 does not relieve a cord
    # compressed today
    step_max: int | None = Field(default=None, ge=1, le=9)


class Expectation(Strict):
    """What must hold of a plan: every part given holds; `any_of` holds when one of its does."""

    at_least: tuple[LevelBound, ...] = ()
    at_most: tuple[LevelBound, ...] = ()
    pathways: tuple[Id, ...] = ()
    first_line_not_only: Family | None = None  # first-line is not this family alone
    any_of: tuple[Expectation, ...] = ()

    @model_validator(mode="after")
    def _steps_in_at_least(self) -> Expectation:
        if any(bound.step_max is not None for bound in self.at_most):
            raise ValueError("'step_max' belongs in 'at_least' (a treatment done by that step)")
        return self


Monotone = Literal["ecog"]


class Invariant(Reviewed):
    """A safety property of every plan: a sentence a clinician reads, its formal condition and
    its sources. The walk of the whole input space (`spineedu validate --walk`) checks it.

    - `when` / `when_any`: the patients it is about (all patients if neither is given);
    - `then`: what their plan must show;
    - `never_raised_by`: instead of `then`, a property between patients: making this factor
      worse (ECOG up by one) never raises any of `treatments` (absent counts lowest);
    - `same_as_not_given` with `values`: entering one of these values of the factor (a normal
      finding) never changes which of `treatments` are first-line compared with the factor not
      given;
    - `check: subtype-dependence`: a systemic treatment whose level differs between a type's
      subtypes is `consider` with its reason naming a subtype while the subtype is not given.
    """

    id: Id = Field(pattern=ID_PATTERN)
    statement: str = Field(min_length=20)
    when: Conditions | None = None
    when_any: tuple[Conditions, ...] | None = None
    then: Expectation | None = None
    never_raised_by: Monotone | None = None
    same_as_not_given: Literal["escc"] | None = None
    values: tuple[str, ...] = ()
    treatments: tuple[Id, ...] = ()
    check: Literal["subtype-dependence"] | None = None
    references: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Invariant:
        kinds = [self.then is not None, self.never_raised_by is not None,
                 self.same_as_not_given is not None, self.check is not None]
        if sum(kinds) != 1:
            raise ValueError("an invariant has exactly one of 'then', 'never_raised_by', "
                             "'same_as_not_given' or 'check'")
        if self.never_raised_by is not None and not self.treatments:
            raise ValueError("'never_raised_by' needs the 'treatments' it must not raise")
        if self.same_as_not_given is not None and not (self.treatments and self.values):
            raise ValueError("'same_as_not_given' needs the 'values' of the factor and the "
                             "'treatments' whose first-line place they must not change")
        if self.when is not None and self.when_any is not None:
            raise ValueError("give 'when' or 'when_any', not both")
        return self

    def conditions(self) -> tuple[Conditions, ...]:
        """The alternatives of `when`/`when_any`; one always-true condition when neither."""
        if self.when_any is not None:
            return self.when_any
        return (self.when or Conditions(),)


class Fact(Reviewed):
    """A teaching statement shown outside the recommendations (e.g. epidemiology)."""

    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)


class RedFlag(Reviewed):
    """A symptom that needs urgent care, not a teaching tool."""

    id: Id = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=5)
    urgency: Literal["emergency", "urgent"]
    references: tuple[Id, ...] = Field(min_length=1)


class Pathway(Reviewed):
    """An urgent care pathway shown above the plan when any of its situations applies (e.g. the
    NICE steps for suspected cord compression): what happens around the treatments, and how fast."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str
    when_any: tuple[Conditions, ...] = Field(min_length=1)
    steps: tuple[str, ...] = Field(min_length=1)
    references: tuple[Id, ...] = Field(min_length=1)


class StatisticItem(Strict):
    label: str
    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StatisticItem:
        if self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class Statistic(Reviewed):
    """Numbers for a chart: a value or, where sources disagree, a range per item."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str
    unit: str
    items: tuple[StatisticItem, ...] = Field(min_length=2)
    summary: str = Field(min_length=20)
    source_note: str = Field(min_length=5)
    references: tuple[Id, ...] = Field(min_length=1)


class Case(Reviewed):
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


class PracticeLimit(Reviewed):
    """What a generated practice patient looks like where `when` holds: a teaching choice of
    plausible patients (a bedbound patient with a benign tumour and high-grade compression is
    too rare to practise on), not a rule of the engine."""

    id: Id = Field(pattern=ID_PATTERN)
    when: Conditions = Conditions()
    escc: tuple[EsccGrade, ...] | None = None
    sins_min: int | None = Field(default=None, ge=0, le=18)
    ecog_max: int | None = Field(default=None, ge=0, le=4)
    not_asked: tuple[FactorName, ...] = ()
    reason: str = Field(min_length=20)
    references: tuple[Id, ...] = Field(min_length=1)


class PlainTreatment(Reviewed):
    """A treatment in plain words, for patients, families and the curious: the same facts as
    the clinical entry (and the same review), at a reading age most adults have (every text
    Flesch-Kincaid grade 8 or below, tests/test_plain_words.py). `id` is the treatment's."""

    id: Id = Field(pattern=ID_PATTERN)
    what: str = Field(min_length=20)  # what it is
    why: str = Field(min_length=20)  # why it is used
    expect: str = Field(min_length=20)  # before, during and after
    side_effects: str = Field(min_length=20)  # the common and the serious ones
    questions: str = Field(min_length=20)  # to ask the care team
    references: tuple[Id, ...] = Field(min_length=1)


class PlainType(Reviewed):
    """A cancer type in plain words; `id` is the type's."""

    id: Id = Field(pattern=ID_PATTERN)
    what: str = Field(min_length=20)
    how_common: str = Field(min_length=20)  # how common it is in the spine
    how_treated: str = Field(min_length=20)  # how it is usually treated, in general terms
    references: tuple[Id, ...] = Field(min_length=1)


class PlainTopic(Reviewed):
    """A topic for the public (primary and secondary tumours, urgent care...), in plain words."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3)
    text: str = Field(min_length=40)
    references: tuple[Id, ...] = Field(min_length=1)


class GlossaryTerm(Reviewed):
    """A technical word the pages use, defined in plain words; `also` lists the other forms the
    pages write it in (a plural, the abbreviation or the long form)."""

    id: Id = Field(pattern=ID_PATTERN)
    term: str = Field(min_length=2)
    also: tuple[str, ...] = ()
    # forms that mean something else in everyday English ('primary', 'stage'): defined here,
    # never marked in a page
    unmarked: tuple[str, ...] = ()
    plain: str = Field(min_length=15)
    references: tuple[Id, ...] = ()


class NotInGlossary(Reviewed):
    """Technical words the pages use that the glossary leaves out on purpose, and why (a
    trial's or a gene's name, explained where it is written, is no word a reader needs)."""

    id: Id = Field(pattern=ID_PATTERN)
    words: tuple[str, ...] = Field(min_length=1)
    why: str = Field(min_length=20)


# The pictures of the plain-words lesson (content/plain/pictures.yaml): the labels each picture
# draws, in the order its text equivalent lists them. The drawing is in spineedu/figures/
# (spine_compartments.py, what_treatments_do.py); every word on it comes from content.
PICTURE_LABELS: dict[str, tuple[str, ...]] = {
    "spine-compartments": (
        "front", "back", "vertebral-body", "bony-arch", "spinal-canal", "epidural-space",
        "dura", "spinal-fluid", "spinal-cord", "nerve-root", "outside-the-dura",
        "inside-the-dura", "not-to-scale"),
    "what-treatments-do": (
        "radiotherapy", "radiotherapy-does", "surgery", "surgery-does", "cement", "cement-does",
        "medicines", "medicines-does", "front", "back", "tumour", "spinal-cord", "removed",
        "blood-vessel", "not-to-scale"),
}


class PlainPicture(Reviewed):
    """A picture of the plain-words lesson: its title, its alt text (`alt`, one or two
    sentences), the caption under it, the picture in words (`text`: how it is laid out; the
    text equivalent lists the labels after it) and every label it draws (PICTURE_LABELS)."""

    id: Id = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3)
    alt: str = Field(min_length=20)
    caption: str = Field(min_length=20)
    text: str = Field(min_length=40)
    labels: dict[str, str]
    references: tuple[Id, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _a_picture_that_is_drawn(cls, value: str) -> str:
        if value not in PICTURE_LABELS:
            raise ValueError(f"no picture is drawn for '{value}': the pictures are "
                             + ", ".join(PICTURE_LABELS))
        return value

    @field_validator("labels")
    @classmethod
    def _every_label_the_picture_draws(cls, value: dict[str, str],
                                       info: ValidationInfo) -> dict[str, str]:
        drawn = PICTURE_LABELS.get(info.data.get("id", ""))
        if drawn is None:
            return value  # the id's own problem says what is wrong
        missing = [name for name in drawn if name not in value]
        extra = [name for name in value if name not in drawn]
        problems = []
        if missing:
            problems.append("missing label(s) " + ", ".join(f"'{name}'" for name in missing)
                            + ": the picture draws every one of " + ", ".join(drawn))
        if extra:
            problems.append("label(s) the picture does not draw: "
                            + ", ".join(f"'{name}'" for name in extra))
        short = [name for name, text in value.items() if len(str(text).strip()) < 3]
        if short:
            problems.append("empty label(s): " + ", ".join(f"'{name}'" for name in short))
        if problems:
            raise ValueError("; ".join(problems))
        return value


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
    "exclusive_sets": ExclusiveSet,
    "invariants": Invariant,
    "practice_limits": PracticeLimit,
    "plain_treatments": PlainTreatment,
    "plain_types": PlainType,
    "plain_topics": PlainTopic,
    "glossary": GlossaryTerm,
    "not_in_glossary": NotInGlossary,
    "plain_pictures": PlainPicture,
}
"""The lists a content file may hold, and the model of each list's entries."""
