"""Pure score functions: inputs in, total, band and a per-item breakdown out.

An impossible input raises ScoreInputError naming the input and its allowed values, so the CLI
and the calculators can say exactly what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from spineedu.knowledge_base import KnowledgeBase, default_knowledge_base
from spineedu.scores.tables import (
    AdditiveScore,
    Classification,
    Decision,
    Item,
    Table,
    default_tables,
)

T = TypeVar("T", AdditiveScore, Classification, Decision)


class ScoreInputError(ValueError):
    """An input no published table allows."""

    def __init__(self, name: str, value: object, allowed: str) -> None:
        self.name, self.value, self.allowed = name, value, allowed
        super().__init__(f"{name}: {value!r} is not allowed (allowed: {allowed})")


@dataclass(frozen=True)
class ItemScore:
    item: str
    name: str
    choice: str
    label: str
    points: int | None
    why: str


@dataclass(frozen=True)
class ScoreResult:
    """A computed score: its total (None for NOMS, a grade id for classifications), the band it
    falls in and every item's points and reason.

    In a notebook it shows as the calculators' breakdown (`_repr_html_`), `print` gives the
    breakdown as text and its repr is one line; the views are imported only when asked for.
    """

    score: str
    name: str
    total: int | str | None
    band: str
    band_label: str
    meaning: str
    items: tuple[ItemScore, ...]
    paths: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "score": self.score, "total": self.total, "band": self.band,
            "band_label": self.band_label, "meaning": self.meaning,
            "items": [
                {"item": i.item, "name": i.name, "choice": i.choice, "label": i.label,
                 "points": i.points, "why": i.why}
                for i in self.items
            ],
        }
        if self.paths:
            data["paths"] = dict(self.paths)
        return data

    def __repr__(self) -> str:
        total = "" if self.total is None else f"{self.total!r}, "
        return f"ScoreResult({self.score}: {total}{self.band})"

    def __str__(self) -> str:
        from spineedu.views.score_text import format_score

        return format_score(self)

    def _repr_html_(self) -> str:
        from spineedu.views.score_html import breakdown_html

        return breakdown_html(self)


def _table(table_id: str, kind: type[T], tables: dict[str, Table] | None = None) -> T:
    table = (tables or default_tables())[table_id]
    assert isinstance(table, kind), f"{table_id} is not a {kind.__name__}"
    return table


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _range_text(option) -> str:
    return f"{option.min}+" if option.max is None else (
        str(option.min) if option.min == option.max else f"{option.min}-{option.max}")


def _choose(item: Item, value: object):
    if item.counts:
        allowed = ", ".join(_range_text(o) for o in item.options)
        if not _is_int(value):
            raise ScoreInputError(item.id, value, f"a whole number in {allowed}")
        for option in item.options:
            if value >= option.min and (option.max is None or value <= option.max):
                return option
        raise ScoreInputError(item.id, value, allowed)
    for option in item.options:
        if value == option.id:
            return option
    raise ScoreInputError(item.id, value, ", ".join(o.id for o in item.options))


def additive_score(table_id: str, tables: dict[str, Table] | None = None,
                   **inputs: object) -> ScoreResult:
    """Add up the items of an additive score (SINS, Tokuhashi, Tomita)."""
    table = _table(table_id, AdditiveScore, tables)
    names = {item.id.replace("-", "_"): item for item in table.items}
    unknown = sorted(set(inputs) - set(names))
    if unknown:
        raise ScoreInputError(unknown[0], inputs[unknown[0]], "items " + ", ".join(names))
    items = []
    for name, item in names.items():
        if name not in inputs:
            raise ScoreInputError(item.id, None, "one of " + ", ".join(
                _range_text(o) if item.counts else o.id for o in item.options))
        option = _choose(item, inputs[name])
        choice = str(inputs[name])
        items.append(ItemScore(item.id, item.name, choice, option.label, option.points,
                               f"{item.name}: {option.label} scores {option.points}. {item.why}"))
    total = sum(i.points for i in items)
    band = next(b for b in table.bands if b.min <= total <= b.max)
    return ScoreResult(table.id, table.name, total, band.id, band.label, band.meaning,
                       tuple(items))


def item_choices(table: AdditiveScore) -> list[tuple[str, str, list[tuple[str, object]]]]:
    """Each item of an additive score as a calculator offers it: id, name and (label, value)
    choices, a count's value being the least of its range. The lesson's calculator and the
    static site's both show these."""
    return [(item.id, item.name, [(o.label, o.min if item.counts else o.id)
                                  for o in item.options]) for item in table.items]


def score_from_choices(table_id: str, choices: dict[str, object],
                       tables: dict[str, Table] | None = None) -> ScoreResult | None:
    """The score once every item is chosen (None until then); a count may come as text."""
    table = _table(table_id, AdditiveScore, tables)
    values = {}
    for item in table.items:
        value = choices.get(item.id)
        if value in (None, ""):
            return None
        if item.counts and isinstance(value, str) and value.isdigit():
            value = int(value)
        values[item.id.replace("-", "_")] = value
    return additive_score(table_id, tables, **values)


def sins_score(*, location: str, pain: str, lesion: str, alignment: str, collapse: str,
               posterolateral: str) -> ScoreResult:
    """Spinal Instability Neoplastic Score, 0-18 (Fisher 2010): is the spine stable?

    Each argument is an item's option id (`spineedu score sins --help` lists them); the total
    can be passed on as `recommend(..., sins=result.total)`.

    >>> result = sins_score(location="junctional", pain="mechanical", lesion="lytic",
    ...                     alignment="normal", collapse="under-50", posterolateral="unilateral")
    >>> result
    ScoreResult(sins: 11, potentially-unstable)
    >>> result.total, result.band_label
    (11, 'Potentially unstable (7-12)')
    >>> [item.points for item in result.items]
    [3, 3, 2, 0, 2, 1]
    >>> sins_score(location="junction", pain="mechanical", lesion="lytic",
    ...            alignment="normal", collapse="under-50", posterolateral="unilateral")
    Traceback (most recent call last):
    spineedu.scores.calculate.ScoreInputError: location: 'junction' is not allowed (allowed: ...)
    """
    return additive_score("sins", location=location, pain=pain, lesion=lesion,
                          alignment=alignment, collapse=collapse, posterolateral=posterolateral)


def tokuhashi_score(*, kps: int, extraspinal_bone_mets: int, vertebral_mets: int,
                    visceral_mets: str, primary: str, palsy: str) -> ScoreResult:
    """Revised Tokuhashi score, 0-15 (Tokuhashi 2005): the expected survival, which sets how
    much surgery is worthwhile.

    >>> tokuhashi_score(kps=70, extraspinal_bone_mets=1, vertebral_mets=2,
    ...                 visceral_mets="removable", primary="kidney", palsy="incomplete")
    ScoreResult(tokuhashi: 8, under-6-months)
    """
    return additive_score("tokuhashi", kps=kps, extraspinal_bone_mets=extraspinal_bone_mets,
                          vertebral_mets=vertebral_mets, visceral_mets=visceral_mets,
                          primary=primary, palsy=palsy)


def tomita_score(*, growth: str, visceral_mets: str, bone_mets: str) -> ScoreResult:
    """Tomita score, 2-10 (Tomita 2001): the treatment goal, from wide excision to supportive
    care.

    >>> tomita_score(growth="slow", visceral_mets="none", bone_mets="solitary").band
    'wide-or-marginal-excision'
    """
    return additive_score("tomita", growth=growth, visceral_mets=visceral_mets,
                          bone_mets=bone_mets)


def classify(table_id: str, grade: object, tables: dict[str, Table] | None = None) -> ScoreResult:
    """Look a grade up in a classification (ESCC, Enneking, ECOG, Frankel, ASIA)."""
    table = _table(table_id, Classification, tables)
    key = str(grade) if _is_int(grade) else grade
    found = next((g for g in table.grades if g.id == key), None)
    if found is None:
        raise ScoreInputError("grade", grade, ", ".join(g.id for g in table.grades))
    band = next(b for b in table.bands if b.id == found.band)
    extras = [f"Surgical margin: {found.margin}" if found.margin else "",
              f"Karnofsky equivalent: {found.karnofsky}" if found.karnofsky else ""]
    why = " ".join(part for part in [found.definition, *extras] if part)
    item = ItemScore("grade", table.name, found.id, found.label, None, why)
    return ScoreResult(table.id, table.name, found.id, band.id, band.label, band.meaning, (item,))


def escc_grade(grade: str) -> ScoreResult:
    """The Bilsky epidural spinal cord compression grade: 2 and 3 are high-grade.

    >>> escc_grade("3")
    ScoreResult(escc: '3', high-grade)
    >>> escc_grade("1c").band
    'low-grade'
    """
    return classify("escc", grade)


def enneking_stage(stage: str) -> ScoreResult:
    """Enneking's stage of a primary bone tumour, with the surgical margin it calls for.

    >>> enneking_stage("IB")
    ScoreResult(enneking: 'IB', malignant)
    """
    return classify("enneking", stage)


def ecog_grade(grade: int | str) -> ScoreResult:
    """ECOG performance status (fitness, with its Karnofsky equivalent); a number is accepted.

    >>> ecog_grade(1)
    ScoreResult(ecog: '1', ambulatory)
    """
    return classify("ecog", grade)


def frankel_grade(grade: str) -> ScoreResult:
    """The Frankel grade of a neurological deficit, A (complete) to E (normal).

    >>> frankel_grade("D").band
    'incomplete'
    """
    return classify("frankel", grade)


def asia_grade(grade: str) -> ScoreResult:
    """The ASIA impairment scale, A (complete) to E (normal).

    >>> asia_grade("A").band
    'complete'
    """
    return classify("asia", grade)


HISTOLOGIES = ("radiosensitive", "radioresistant")

def noms_type_ids(knowledge_base: KnowledgeBase | None = None) -> tuple[str, ...]:
    """The cancer types `noms_decision(type_id=...)` accepts: every extradural metastasis with a
    known radiosensitivity, and the types the NOMS table names in `also_applies_to`."""
    kb = knowledge_base or default_knowledge_base()
    also = default_tables()["noms"].also_applies_to
    return tuple(
        t.id for t in kb.cancer_types.values()
        if t.radiosensitivity and t.compartment == "extradural"
        and (t.group == "metastatic" or t.id in also)
    )


def noms_decision(
    *, escc: str, fit: bool, histology: str | None = None, type_id: str | None = None,
    sins: int | None = None, myelopathy: bool | None = None,
    knowledge_base: KnowledgeBase | None = None,
) -> ScoreResult:
    """The NOMS path: radiation (and surgery) from N, O and S; stabilization from M.

    Give either `histology` ("radiosensitive" or "radioresistant") or `type_id` (one of
    `noms_type_ids()`), whose radiosensitivity then comes from the knowledge base. There is no
    total: `band` is the radiation path and `paths` holds both paths.

    >>> result = noms_decision(escc="3", type_id="renal-cell-metastasis", sins=14, fit=True)
    >>> result
    ScoreResult(noms: separation-surgery-then-srs)
    >>> result.paths["mechanical"]
    'stabilization'
    """
    table = _table("noms", Decision)
    escc_result = escc_grade(escc)  # validates the grade
    if not isinstance(fit, bool):
        raise ScoreInputError("fit", fit, "true or false")
    if sins is not None and not (_is_int(sins) and 0 <= sins <= 18):
        raise ScoreInputError("sins", sins, "a whole number from 0 to 18")
    if (histology is None) == (type_id is None):
        raise ScoreInputError("histology", histology, "either a histology or a cancer type")
    if type_id is not None:
        kb = knowledge_base or default_knowledge_base()
        accepted = noms_type_ids(kb)
        if not isinstance(type_id, str) or type_id not in accepted:
            raise ScoreInputError("type", type_id, ", ".join(accepted))
        cancer_type = kb.cancer_types[type_id]
        radiosensitive = cancer_type.radiosensitivity == "sensitive"
        oncologic = (f"{cancer_type.name} is {cancer_type.radiosensitivity} to conventional "
                     "radiotherapy (from the cancer type in the knowledge base).")
    else:
        if histology not in HISTOLOGIES:
            raise ScoreInputError("histology", histology, ", ".join(HISTOLOGIES))
        radiosensitive = histology == "radiosensitive"
        oncologic = f"The histology is {histology} to conventional radiotherapy."
    high_grade = escc in table.high_grade_escc
    facts = {"radiosensitive": radiosensitive, "high_grade": high_grade, "fit": fit}
    radiation = next(p for p in table.radiation_paths
                     if all(facts[k] == v for k, v in p.when.items()))
    mechanical = None
    if sins is not None:
        mechanical = next(
            p for p in table.mechanical_paths
            if (p.sins_min is None or sins >= p.sins_min)
            and (p.sins_max is None or sins <= p.sins_max) and (p.fit is None or p.fit == fit))
    neuro = {True: " with myelopathy or radiculopathy", False: " without myelopathy or "
             "radiculopathy", None: ""}[myelopathy]
    items = (
        ItemScore("neurologic", "Neurologic", escc, escc_result.band_label, None,
                  f"ESCC grade {escc}{neuro}: {escc_result.meaning}"),
        ItemScore("oncologic", "Oncologic", "radiosensitive" if radiosensitive else
                  "radioresistant", "", None, oncologic),
        ItemScore("mechanical", "Mechanical", "not assessed" if sins is None else str(sins),
                  mechanical.label if mechanical else "SINS not given", None,
                  mechanical.why if mechanical else "Give the SINS to assess stability."),
        ItemScore("systemic", "Systemic", "fit" if fit else "not fit", "", None,
                  "Fit for surgery." if fit else "Cannot tolerate surgery: the least invasive "
                  "option is chosen."),
    )
    paths = {"radiation": radiation.id}
    if mechanical:
        paths["mechanical"] = mechanical.id
    return ScoreResult(table.id, table.name, None, radiation.id, radiation.label, radiation.why,
                       items, paths)
