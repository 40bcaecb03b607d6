"""Checks across entries and files: what one file alone cannot tell is wrong."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from spineedu.content_messages import future_date, today_somewhere, unknown_id
from spineedu.knowledge_base import ContentIssue, KnowledgeBase
from spineedu.rules import (
    PatientFactors,
    decide_plan,
    matches_factors,
    matches_stage,
    matches_type,
)

NO_FACTORS = PatientFactors()


def _issue(kb: KnowledgeBase, kind: str, entry_id: str, field: str, message: str,
           unknown: str | None = None) -> ContentIssue:
    origin = kb.origins[(kind, entry_id)]
    return ContentIssue(origin.file, origin.entry(entry_id), field, message, unknown_id=unknown)


def _unknown(kb: KnowledgeBase, kind: str, entry_id: str, field: str, what: str, value: str,
             known, *, listed: bool = False, scope: str = "") -> ContentIssue:
    """An id that no entry defines, with the one it probably meant."""
    return _issue(kb, kind, entry_id, field,
                  unknown_id(what, value, known, listed=listed, scope=scope), unknown=value)


def _dangling_references(
    kb: KnowledgeBase, invalid_ids: frozenset[tuple[str, str]]
) -> Iterator[ContentIssue]:
    for kind, entries in (
        ("cancer_types", kb.cancer_types.values()),
        ("treatments", kb.treatments.values()),
        ("rules", kb.rules),
        ("facts", kb.facts.values()),
        ("red_flags", kb.red_flags.values()),
        ("statistics", kb.statistics.values()),
        ("cases", kb.cases.values()),
        ("pathways", kb.pathways.values()),
        ("exclusive_sets", kb.exclusive_sets),
        ("invariants", kb.invariants.values()),
        ("practice_limits", kb.practice_limits),
        ("plain_treatments", kb.plain_treatments.values()),
        ("plain_types", kb.plain_types.values()),
        ("plain_topics", kb.plain_topics.values()),
        ("glossary", kb.glossary.values()),
        ("plain_pictures", kb.plain_pictures.values()),
    ):
        for entry in entries:
            for index, ref_id in enumerate(entry.references):
                known = ref_id in kb.references or ("references", ref_id) in invalid_ids
                if not known:
                    yield _unknown(kb, kind, entry.id, f"references.{index}", "reference",
                                   ref_id, kb.references)
    for cancer_type in kb.cancer_types.values():
        for sub_index, subtype in enumerate(cancer_type.subtypes):
            for index, ref_id in enumerate(subtype.references):
                known = ref_id in kb.references or ("references", ref_id) in invalid_ids
                if not known:
                    yield _unknown(kb, "cancer_types", cancer_type.id,
                                   f"subtypes.{sub_index}.references.{index}", "reference",
                                   ref_id, kb.references)


def _stage_lists(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    for cancer_type in kb.cancer_types.values():
        seen: set[str] = set()
        for index, stage_id in enumerate(cancer_type.stage_ids()):
            if stage_id in seen:
                yield _issue(kb, "cancer_types", cancer_type.id, f"staging.stages.{index}.id",
                             f"duplicate stage '{stage_id}'")
            seen.add(stage_id)
        seen = set()
        for index, subtype_id in enumerate(cancer_type.subtype_ids()):
            if subtype_id in seen:
                yield _issue(kb, "cancer_types", cancer_type.id, f"subtypes.{index}.id",
                             f"duplicate subtype '{subtype_id}'")
            seen.add(subtype_id)
        for sub_index, subtype in enumerate(cancer_type.subtypes):
            for index, stage_id in enumerate(subtype.stages or ()):
                if stage_id not in cancer_type.stage_ids():
                    yield _unknown(kb, "cancer_types", cancer_type.id,
                                   f"subtypes.{sub_index}.stages.{index}", "stage", stage_id,
                                   cancer_type.stage_ids(), listed=True)


def _rule_targets(
    kb: KnowledgeBase, invalid_ids: frozenset[tuple[str, str]]
) -> Iterator[ContentIssue]:
    for rule in kb.rules:
        when = rule.when
        treatment_known = rule.treatment in kb.treatments
        if not treatment_known and ("treatments", rule.treatment) not in invalid_ids:
            yield _unknown(kb, "rules", rule.id, "treatment", "treatment", rule.treatment,
                           kb.treatments)
        for index, type_id in enumerate(when.types or ()):
            if type_id not in kb.cancer_types and ("cancer_types", type_id) not in invalid_ids:
                yield _unknown(kb, "rules", rule.id, f"when.types.{index}", "cancer type",
                               type_id, kb.cancer_types)
        for index, type_id in enumerate(when.except_types or ()):
            if type_id not in kb.cancer_types:
                yield _unknown(kb, "rules", rule.id, f"when.except_types.{index}",
                               "cancer type", type_id, kb.cancer_types)
        for low, high in (("sins_min", "sins_max"), ("ecog_min", "ecog_max")):
            low_value, high_value = getattr(when, low), getattr(when, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                yield _issue(kb, "rules", rule.id, f"when.{low}",
                             f"{low} {low_value} is above {high} {high_value}")
        selected = [t for t in kb.cancer_types.values() if matches_type(when, t)]
        if not selected and not any(t not in kb.cancer_types for t in when.types or ()):
            yield _issue(kb, "rules", rule.id, "when", "matches no cancer type")
        if not selected:
            continue
        names = ", ".join(t.id for t in selected)
        for field, label, wanted, known in (
            ("stages", "stage", when.stages, {s for t in selected for s in t.stage_ids()}),
            ("subtypes", "subtype", when.subtypes, {s for t in selected for s in t.subtype_ids()}),
        ):
            for index, value in enumerate(wanted or ()):
                if value not in known:
                    yield _issue(kb, "rules", rule.id, f"when.{field}.{index}", unknown_id(
                        label, value, sorted(known), listed=len(known) <= 12,
                        scope=f"the cancer type(s) {names}"))


def _pathways(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    for pathway in kb.pathways.values():
        for index, when in enumerate(pathway.when_any):
            for type_index, type_id in enumerate(when.types or ()):
                if type_id not in kb.cancer_types:
                    yield _unknown(kb, "pathways", pathway.id,
                                   f"when_any.{index}.types.{type_index}", "cancer type",
                                   type_id, kb.cancer_types)
            if not any(matches_type(when, t) for t in kb.cancer_types.values()):
                yield _issue(kb, "pathways", pathway.id, f"when_any.{index}",
                             "matches no cancer type")


def _conditions_issues(kb: KnowledgeBase, kind: str, entry_id: str, field: str,
                       when) -> Iterator[ContentIssue]:
    for name in ("types", "except_types"):
        for index, type_id in enumerate(getattr(when, name) or ()):
            if type_id not in kb.cancer_types:
                yield _unknown(kb, kind, entry_id, f"{field}.{name}.{index}", "cancer type",
                               type_id, kb.cancer_types)


def _treatment_ids(kb: KnowledgeBase, kind: str, entry_id: str, field: str,
                   ids) -> Iterator[ContentIssue]:
    for index, treatment_id in enumerate(ids):
        if treatment_id not in kb.treatments:
            yield _unknown(kb, kind, entry_id, f"{field}.{index}", "treatment", treatment_id,
                           kb.treatments)


def _exclusive_sets(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    owner: dict[str, str] = {}
    for exclusive in kb.exclusive_sets:
        for name, members in exclusive.strategies.items():
            yield from _treatment_ids(kb, "exclusive_sets", exclusive.id,
                                      f"strategies.{name}", members)
            for treatment_id in members:
                if owner.get(treatment_id, name) != name:
                    yield _issue(kb, "exclusive_sets", exclusive.id, f"strategies.{name}",
                                 f"'{treatment_id}' is also in strategy "
                                 f"'{owner[treatment_id]}': a treatment belongs to one side")
                owner[treatment_id] = name
        owner.clear()
        for index, when in enumerate(exclusive.when_any or ()):
            yield from _conditions_issues(kb, "exclusive_sets", exclusive.id,
                                          f"when_any.{index}", when)
        for index, leader in enumerate(exclusive.leaders):
            yield from _conditions_issues(kb, "exclusive_sets", exclusive.id,
                                          f"leaders.{index}.when", leader.when)
            for ref_index, ref_id in enumerate(leader.references):
                if ref_id not in kb.references:
                    yield _unknown(kb, "exclusive_sets", exclusive.id,
                                   f"leaders.{index}.references.{ref_index}", "reference",
                                   ref_id, kb.references)


def _invariants(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    def expectation_issues(invariant_id: str, field: str, expectation) -> Iterator[ContentIssue]:
        for bounds in ("at_least", "at_most"):
            for index, bound in enumerate(getattr(expectation, bounds)):
                yield from _treatment_ids(kb, "invariants", invariant_id,
                                          f"{field}.{bounds}.{index}.treatments", bound.treatments)
        for index, pathway in enumerate(expectation.pathways):
            if pathway not in kb.pathways:
                yield _unknown(kb, "invariants", invariant_id, f"{field}.pathways.{index}",
                               "pathway", pathway, kb.pathways)
        for index, alternative in enumerate(expectation.any_of):
            yield from expectation_issues(invariant_id, f"{field}.any_of.{index}", alternative)

    for invariant in kb.invariants.values():
        for index, when in enumerate(invariant.conditions()):
            field = "when" if invariant.when_any is None else f"when_any.{index}"
            yield from _conditions_issues(kb, "invariants", invariant.id, field, when)
        yield from _treatment_ids(kb, "invariants", invariant.id, "treatments",
                                  invariant.treatments)
        if invariant.then is not None:
            yield from expectation_issues(invariant.id, "then", invariant.then)


def _first_line_coverage(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    for cancer_type in kb.cancer_types.values():
        for index, stage in enumerate(cancer_type.stage_ids()):
            fired: dict[str, list] = defaultdict(list)
            for rule in kb.rules:
                when = rule.when
                if (matches_type(when, cancer_type) and matches_stage(when, cancer_type, stage)
                        and matches_factors(when, NO_FACTORS)):
                    fired[rule.treatment].append(rule)
            plan = decide_plan(fired, cancer_type, stage, NO_FACTORS, kb.exclusive_sets)
            levels = {decided.level for decided in plan.values()}
            if "first-line" not in levels:
                yield _issue(kb, "cancer_types", cancer_type.id, f"staging.stages.{index}",
                             f"stage '{stage}' has no first-line treatment (no rule without "
                             "patient factors gives one)")


def _cases(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    for case in kb.cases.values():
        cancer_type = kb.cancer_types.get(case.type)
        if cancer_type is None:
            yield _unknown(kb, "cases", case.id, "type", "cancer type", case.type,
                           kb.cancer_types)
        elif case.stage not in cancer_type.stage_ids():
            yield _unknown(kb, "cases", case.id, "stage", "stage", case.stage,
                           cancer_type.stage_ids(), listed=True, scope=case.type)
        if cancer_type is not None and case.subtype is not None and (
                case.subtype not in cancer_type.subtype_ids()):
            yield _unknown(kb, "cases", case.id, "subtype", "subtype", case.subtype,
                           cancer_type.subtype_ids(), listed=True, scope=case.type)
        for index, option in enumerate(case.options):
            if option not in kb.treatments:
                yield _unknown(kb, "cases", case.id, f"options.{index}", "treatment", option,
                               kb.treatments)
        if case.answer not in case.options:
            yield _issue(kb, "cases", case.id, "answer", "the answer is not one of the options")


def _shared_locators(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    """One source, one id: the same DOI, PMID or URL under two ids splits its citations."""
    for field, label in (("doi", "DOI"), ("pmid", "PMID"), ("url", "URL")):
        first: dict[str, str] = {}
        for reference in kb.references.values():
            value = getattr(reference, field)
            if not value:
                continue
            key = value.lower().rstrip("/")
            if key in first:
                other = first[key]
                where = kb.origins[("references", other)].file
                yield _issue(kb, "references", reference.id, field,
                             f"the same {label} as '{other}' ({where}): one source has one "
                             f"id; keep '{other}', delete this entry and cite '{other}' where "
                             f"'{reference.id}' is cited")
            else:
                first[key] = reference.id


ENTRY_KINDS = ("references", "treatments", "cancer_types", "rules", "facts", "red_flags",
               "statistics", "cases", "pathways", "exclusive_sets", "invariants",
               "practice_limits", "plain_treatments", "plain_types", "plain_topics", "glossary",
               "not_in_glossary", "plain_pictures")


def _plain_targets(kb: KnowledgeBase) -> Iterator[ContentIssue]:
    """A plain text is of a treatment or type that exists; a glossary word is defined once, and
    not also left out of the glossary."""
    for kind, entries, known, what in (
            ("plain_treatments", kb.plain_treatments, kb.treatments, "treatment"),
            ("plain_types", kb.plain_types, kb.cancer_types, "cancer type")):
        for entry_id in entries:
            if entry_id not in known:
                yield _unknown(kb, kind, entry_id, "id", what, entry_id, known)
    seen: dict[str, str] = {}
    for term in kb.glossary.values():
        for index, word in enumerate((term.term, *term.also)):
            other = seen.setdefault(word.lower(), term.id)
            if other != term.id:
                field = "term" if index == 0 else f"also.{index - 1}"
                yield _issue(kb, "glossary", term.id, field, f"'{word}' is defined already by "
                             f"'{other}': one definition a word")
        forms = {term.term, *term.also}
        for index, word in enumerate(term.unmarked):
            if word not in forms:
                yield _issue(kb, "glossary", term.id, f"unmarked.{index}",
                             f"'{word}' is not one of this term's forms (term or also)")
    for entry in kb.not_in_glossary.values():
        for index, word in enumerate(entry.words):
            other = seen.get(word.lower())
            if other is not None:
                yield _issue(kb, "not_in_glossary", entry.id, f"words.{index}",
                             f"'{word}' is in the glossary ('{other}'): either define it or "
                             "leave it out, not both")


def _entries(kb: KnowledgeBase) -> Iterator[tuple[str, object]]:
    for kind in ENTRY_KINDS:
        held = getattr(kb, kind)
        yield from ((kind, entry) for entry in (held.values() if hasattr(held, "values")
                                                 else held))


def _future_dates(kb: KnowledgeBase, today: dt.date) -> Iterator[ContentIssue]:
    for kind, entry in _entries(kb):
        if entry.last_reviewed > today:
            yield _issue(kb, kind, entry.id, "last_reviewed",
                         future_date(entry.last_reviewed, today))


def _unused_references(kb: KnowledgeBase, also_cited: frozenset[str]) -> Iterator[ContentIssue]:
    cited = set(also_cited)
    for kind, entry in _entries(kb):
        if kind not in ("references", "not_in_glossary"):  # a word left out cites nothing
            cited.update(entry.references)
    for cancer_type in kb.cancer_types.values():
        for subtype in cancer_type.subtypes:
            cited.update(subtype.references)
    for exclusive in kb.exclusive_sets:
        for leader in exclusive.leaders:
            cited.update(leader.references)
    for reference in kb.references.values():
        if reference.id not in cited:
            yield _issue(kb, "references", reference.id, "id",
                         "cited by no entry or score table: cite it where it supports a claim, "
                         "or delete it")


def cross_check(
    kb: KnowledgeBase, invalid_ids: frozenset[tuple[str, str]] = frozenset(), *,
    complete: bool = True, also_cited: frozenset[str] = frozenset(),
    today: dt.date | None = None,
) -> list[ContentIssue]:
    """Every cross-entry problem, in a stable order.

    An id whose entry failed validation has been reported already; pointing at it again from
    every entry that cites it would bury the one message that matters. `complete` says every
    file could be read, so that what no entry cites really is unused; `also_cited` are the
    references cited where this knowledge base does not hold the entry (score tables, entries
    that failed validation).
    """
    target_issues = list(_rule_targets(kb, invalid_ids))
    issues = [
        *_dangling_references(kb, invalid_ids), *_stage_lists(kb), *target_issues, *_cases(kb),
        *_pathways(kb), *_exclusive_sets(kb), *_invariants(kb), *_shared_locators(kb),
        *_plain_targets(kb),
        *_future_dates(kb, today or today_somewhere()),
    ]
    reported = {entry_id for _, entry_id in invalid_ids}  # its own problem says what is wrong
    issues = [issue for issue in issues if issue.unknown_id not in reported]
    if complete:
        issues.extend(_unused_references(kb, also_cited))
    if complete and not target_issues and not invalid_ids:  # coverage means nothing with
        issues.extend(_first_line_coverage(kb))             # entries missing
    return issues
