"""Which words of a text the glossary explains, and which technical words it leaves out.

One place for the matching rules: the pages mark the glossary's words with them
(`views/glossary_marks.py`), and the content test checks with them that every technical word a
page uses is in the glossary or listed as deliberately not (content/plain/not_in_glossary.yaml).

A form with a capital letter (ESCC, Ewing sarcoma) matches as written; an all-lowercase form
matches in any case; either may take a plural 's'. A term's `unmarked` forms (words that mean
something else in everyday English: 'primary', 'stage') are in the glossary but never marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spineedu.content_model import GlossaryTerm
from spineedu.knowledge_base import KnowledgeBase

# what counts as a technical word: an abbreviation (two capitals or more, digits allowed: ESCC,
# PD-L1) that is not a Roman numeral (a stage: IIB), and words built from medical word parts
ABBREVIATION = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?![\w])")
ROMAN_STAGE = re.compile(r"^(?:I{1,3}V?|IV|V)(?:[A-E])?(?:-I{0,3}V?)?$")
WORD_PARTS = re.compile(
    r"\b[a-z-]*(?:oma|omas|ectomy|ectomies|otomy|plasty|pathy|plegia|paresis|dural|medullary|"
    r"meningeal|metasta[a-z]*|[a-z]+sensitive|[a-z]+resistant|radio[a-z]+|[a-z]+therapy|"
    r"[a-z]+lytic|[a-z]+genic|[a-z]+ologist)\b",
    re.IGNORECASE)


def technical_words(text: str) -> set[str]:
    """The abbreviations and medical words of a text, as written."""
    words = {m.group(1) for m in ABBREVIATION.finditer(text)
             if not ROMAN_STAGE.match(m.group(1))}
    return words | {m.group(0).strip("-") for m in WORD_PARTS.finditer(text)}


def _matches_as_written(form: str) -> bool:
    return form != form.lower()


@dataclass(frozen=True)
class GlossaryForms:
    """Every form the glossary defines, and a pattern that finds the marked ones in a text."""

    as_written: dict[str, GlossaryTerm]  # ESCC, Ewing sarcoma
    any_case: dict[str, GlossaryTerm]  # lowercase forms: metastasis, en bloc resection
    marked: re.Pattern[str] | None  # the forms a page marks
    every: re.Pattern[str] | None  # every form, the unmarked too

    def term_of(self, word: str) -> GlossaryTerm | None:
        """The term a word found in a text belongs to (a plural 's' allowed), or None."""
        for candidate in (word, word[:-1] if word.endswith("s") else word):
            term = self.as_written.get(candidate) or self.any_case.get(candidate.lower())
            if term is not None:
                return term
        return None


def _pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(forms), key=len, reverse=True)  # the longest form wins
    if not ordered:
        return None
    alternatives = "|".join(re.escape(f) if _matches_as_written(f)
                            else f"(?i:{re.escape(f)})" for f in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])")


_CACHE: dict[int, tuple[KnowledgeBase, GlossaryForms]] = {}


def glossary_forms(kb: KnowledgeBase) -> GlossaryForms:
    """The glossary's forms of this knowledge base (built once: pages ask for every plan)."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    as_written: dict[str, GlossaryTerm] = {}
    any_case: dict[str, GlossaryTerm] = {}
    marked: list[str] = []
    for term in kb.glossary.values():
        for form in (term.term, *term.also):
            (as_written if _matches_as_written(form) else any_case)[
                form if _matches_as_written(form) else form.lower()] = term
            if form not in term.unmarked:
                marked.append(form)
    forms = GlossaryForms(as_written, any_case, _pattern(marked),
                          _pattern([*as_written, *any_case]))
    _CACHE[id(kb)] = (kb, forms)
    return forms


CODE = re.compile(r"`[^`]*`")  # markdown's code: ids and Python, never marked


def unexplained_words(kb: KnowledgeBase, text: str) -> set[str]:
    """The technical words of a text that the glossary neither defines nor leaves out on
    purpose: each one a reader of the page would meet without an explanation. A word within
    a glossary form ('osteoma' in 'osteoid osteoma') is explained by it."""
    forms = glossary_forms(kb)
    left_out = {word.lower() for entry in kb.not_in_glossary.values() for word in entry.words}
    rest = CODE.sub(" ", text)
    if forms.every is not None:
        rest = forms.every.sub(" ", rest)
    return {word for word in technical_words(rest)
            if forms.term_of(word) is None and word.lower() not in left_out
            and word.lower().removesuffix("s") not in left_out}
