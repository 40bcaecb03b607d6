"""Recommendations, references and safety messages as HTML. Formatting only: every word of
medical content comes from the knowledge base."""

from __future__ import annotations

from html import escape

from spineedu.content_model import LEVELS, CancerType, Pathway, PlainTopic, Reference
from spineedu.engine import Reason, Recommendation, TreatmentDecision
from spineedu.knowledge_base import KnowledgeBase
from spineedu.messages import (
    DISCLAIMER,
    EMERGENCY_ADVICE,
    PLAIN_NOT_INDICATED,
    PLAIN_PATHWAY_SUMMARY,
    PLAIN_PATHWAY_WARNING,
    PLAIN_PLAN_NOTE,
    SYMPTOMS_NOT_SUITABLE,
    URGENT_ADVICE,
)
from spineedu.views.glossary_marks import GlossaryMarker, glossary_style, scope_of

LEVEL_HEADINGS = {
    "first-line": "First-line",
    "adjunct": "Adjunct",
    "consider": "Consider",
    "not-indicated": "Not indicated",
}
LEVEL_MEANING = {
    "first-line": "the standard first choice",
    "adjunct": "added to the first-line treatment",
    "consider": "an option in selected patients",
    "not-indicated": "not recommended here, and why",
}
# in plain words: what the level means for a reader who is not a clinician, the clinical word
# kept in brackets (it is the word the care team and the clinical version use)
PLAIN_LEVEL_HEADINGS = {
    "first-line": "Usually the first choice (first-line)",
    "adjunct": "Often added (adjunct)",
    "consider": "Sometimes used (consider)",
    "not-indicated": "Usually not used (not indicated)",
}
PLAIN_LEVEL_MEANING = {
    "first-line": "in a situation like the one chosen; the care team decides for each person",
    "adjunct": "alongside the first choice",
    "consider": "for some people: the care team weighs whether it fits",
    "not-indicated": "in a situation like the one chosen",
}
URGENT_CARE_TOPIC = "urgent-care"  # content/plain/topics.yaml: what to do with red flags now
LEVEL_BORDER = {  # Okabe-Ito colours, always beside the written heading
    "first-line": "#0072B2",
    "adjunct": "#009E73",
    "consider": "#E69F00",
    "not-indicated": "#D55E00",
}
BOX = "border-radius:6px;padding:8px 12px;margin:8px 0;"
# a wide table or figure scrolls in its own box on a phone, never the page; focusable and named
# so that a keyboard can scroll it (WCAG 2.1.1)
SCROLL_BOX = '<div class="spineedu-scroll-box" role="region" tabindex="0" aria-label="{label}">'


def reference_link(reference: Reference) -> str:
    if reference.doi:
        href = f"https://doi.org/{reference.doi}"
    elif reference.pmid:
        href = f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/"
    else:
        href = reference.url or ""
    return (f'<a href="{escape(href, quote=True)}" target="_blank" rel="noopener">'
            f"{escape(reference.citation)}</a>")


def disclaimer_html() -> str:
    return (f'<div class="spineedu-disclaimer" role="note" style="{BOX}background:#fff4e5;'
            f'border:1px solid #E69F00"><strong>Educational use only.</strong> '
            f"{escape(DISCLAIMER)}</div>")


def not_suitable_html(message: str) -> str:
    return (f'<div class="spineedu-not-suitable" role="alert" style="{BOX}background:#fdecea;'
            f'border:1px solid #D55E00"><strong>Not suitable.</strong> {escape(message)}</div>')


def lowered_text(reason: Reason) -> str:
    """How a reason that lowered its treatment begins: 'Lowered from first-line: '."""
    if reason.lowered_from is None:
        return ""
    return f"Lowered from {LEVEL_HEADINGS[reason.lowered_from].lower()}: "


def _reasons_html(decision: TreatmentDecision, citations: dict[str, int],
                  marker: GlossaryMarker) -> str:
    return "".join(
        f"<li>{escape(lowered_text(reason))}{marker.text(reason.text)} "
        + "".join(f"<sup>[{citations[ref]}]</sup>" for ref in reason.references)
        + "</li>"
        for reason in decision.reasons
    )


def _plain_html(decision: TreatmentDecision, citations: dict[str, int], kb: KnowledgeBase,
                marker: GlossaryMarker) -> str:
    """What the treatment is and, in general, why it is used: the content has no plain version
    of a rule's reasons for this patient, so none is made up. Under 'not indicated' a general
    'why it is used' would read as the opposite of the level: the reader is told it is usually
    not used here, and where the reason is."""
    plain = kb.plain_treatments.get(decision.treatment.id)
    if plain is None:
        return ""
    cited = "".join(f"<sup>[{citations[ref]}]</sup>" for ref in plain.references)
    what = f"<li><strong>What it is.</strong> {marker.text(plain.what)} {cited}</li>"
    if decision.level == "not-indicated":
        return what + f"<li><strong>Here.</strong> {escape(PLAIN_NOT_INDICATED)}</li>"
    return what + (f"<li><strong>Why it is used, in general.</strong> "
                   f"{marker.text(plain.why)}</li>")


def _decision_html(decision: TreatmentDecision, citations: dict[str, int], kb: KnowledgeBase,
                   marker: GlossaryMarker, plain: bool) -> str:
    step = f"Step {decision.step}: " if decision.step else ""
    reasons = (_plain_html(decision, citations, kb, marker) if plain
               else _reasons_html(decision, citations, marker))
    return (
        f'<div class="spineedu-treatment" data-treatment="{escape(decision.treatment.id)}" '
        f'style="margin:6px 0 10px 0">'
        f"<strong>{escape(step + decision.treatment.name)}</strong> "
        + ("" if plain else  # 'systemic', 'interventional': a clinician's grouping
           f'<span style="color:#555">({escape(decision.treatment.family)})</span>')
        + f'<ul style="margin:2px 0">{reasons}</ul></div>'
    )


def pathway_html(pathway: Pathway, citations: dict[str, int],
                 urgent_care: PlainTopic | None = None) -> str:
    """An urgent pathway (e.g. suspected cord compression): shown above the plan, never folded.
    In plain words (`urgent_care`: the plain topic) the reader is first told what to do with
    such symptoms; the team's steps follow, folded, with a warning not to act on them."""
    steps = "".join(f"<li>{escape(step)}</li>" for step in pathway.steps)
    cited = "".join(f"<sup>[{citations[ref]}]</sup>" for ref in pathway.references)
    clinical = (f"<strong>{escape(pathway.title)}</strong>{cited}"
                f'<ol style="margin:4px 0">{steps}</ol>')
    if urgent_care is not None:
        topic_cited = "".join(f"<sup>[{citations[ref]}]</sup>" for ref in urgent_care.references)
        clinical = (f"<p><strong>{escape(urgent_care.title)}.</strong> "
                    f"{escape(urgent_care.text)}{topic_cited}</p>"
                    f"<details><summary>{escape(PLAIN_PATHWAY_SUMMARY)}</summary>{clinical}"
                    f"<p><strong>{escape(PLAIN_PATHWAY_WARNING)}</strong></p></details>")
    return (
        f'<div class="spineedu-pathway" data-pathway="{escape(pathway.id)}" role="note" '
        f'style="{BOX}background:#fdecea;border:2px solid #D55E00">{clinical}</div>'
    )


def plan_html(result: Recommendation, kb: KnowledgeBase, plain: bool = False,
              glossary: bool = True) -> str:
    """The plan grouped under First-line / Adjunct / Consider / Not indicated, with references;
    `plain`: each treatment explained in plain words instead of the rules' clinical reasons.
    `glossary`: its words one tap or focus away (the <style> makes that so in any page); a
    printed handout has none."""
    if not result.suitable:
        return not_suitable_html(result.message)
    marker = GlossaryMarker(kb, scope_of("plan", plain, result.type_id, result.stage,
                                         result.factors), enabled=glossary)
    citations: dict[str, int] = {}
    urgent_care = kb.plain_topics.get(URGENT_CARE_TOPIC) if plain else None
    for pathway in result.pathways:
        for ref in (*(urgent_care.references if urgent_care else ()), *pathway.references):
            citations.setdefault(ref, len(citations) + 1)
    for decision in result.treatments:
        plain_entry = kb.plain_treatments.get(decision.treatment.id)
        cited = ((plain_entry.references if plain_entry else ()) if plain
                 else [ref for reason in decision.reasons for ref in reason.references])
        for ref in cited:
            citations.setdefault(ref, len(citations) + 1)
    sections = [pathway_html(pathway, citations, urgent_care) for pathway in result.pathways]
    headings, meanings = ((PLAIN_LEVEL_HEADINGS, PLAIN_LEVEL_MEANING) if plain
                          else (LEVEL_HEADINGS, LEVEL_MEANING))
    for level in LEVELS:
        decisions = result.at_level(level)
        if not decisions:
            continue
        body = "".join(_decision_html(d, citations, kb, marker, plain) for d in decisions)
        sections.append(
            f'<section class="spineedu-level" data-level="{level}" '
            f'style="border-left:6px solid {LEVEL_BORDER[level]};padding-left:10px;'
            f'margin:12px 0">'
            f'<h3 style="margin:4px 0">{headings[level]}</h3>'
            f'<p style="margin:0 0 4px 0;color:#555"><em>{meanings[level]}</em></p>'
            f"{body}</section>"
        )
    references = "".join(
        f'<li value="{number}">{reference_link(kb.references[ref])}</li>'
        for ref, number in citations.items()
    )
    note = (f'<p class="spineedu-plain-note"><em>{escape(PLAIN_PLAN_NOTE)}</em></p>'
            if plain else "")
    return (
        '<div class="spineedu-plan">' + (glossary_style() if glossary else "")
        + note + "".join(sections)
        + '<h3>References</h3><ol class="spineedu-references" style="font-size:90%">'
        + f"{references}</ol>"
        + disclaimer_html() + "</div>"
    )


def type_summary_html(cancer_type: CancerType, stage_id: str | None,
                      subtype_id: str | None = None) -> str:
    """What the learner should know about the type, the chosen stage and subtype."""
    stage = next((s for s in cancer_type.staging.stages if s.id == stage_id), None)
    subtype = next((s for s in cancer_type.subtypes if s.id == subtype_id), None)
    radiosensitivity = (
        f"<br><strong>Response to conventional radiotherapy:</strong> "
        f"{escape(cancer_type.radiosensitivity)}" if cancer_type.radiosensitivity else ""
    )
    system = escape(cancer_type.staging.system)
    stage_text = (f"<br><strong>Stage {escape(stage.id)}</strong> ({system}): "
                  f"{escape(stage.description)}" if stage else "")
    if subtype:
        stage_text += (f"<br><strong>Subtype: {escape(subtype.name)}</strong>: "
                       f"{escape(subtype.description)}")
    return (
        f'<div class="spineedu-type-summary" style="{BOX}background:#f4f8fb;'
        f'border:1px solid #cfe0ec">'
        f"<strong>{escape(cancer_type.name)}</strong>: {escape(cancer_type.summary)}"
        f"{radiosensitivity}{stage_text}</div>"
    )


def red_flags_html(kb: KnowledgeBase) -> str:
    """The answer to a visitor with symptoms: not this tool; the GP; urgent care for red flags."""
    groups = []
    for urgency, advice in (("emergency", EMERGENCY_ADVICE), ("urgent", URGENT_ADVICE)):
        items = "".join(f"<li>{escape(flag.text)}</li>" for flag in kb.red_flags.values()
                        if flag.urgency == urgency)
        if items:
            groups.append(f"<p><strong>{escape(advice)}</strong></p><ul>{items}</ul>")
    return (
        f'<div class="spineedu-symptoms" role="alert" style="{BOX}background:#fdecea;'
        f'border:2px solid #D55E00"><p><strong>{escape(SYMPTOMS_NOT_SUITABLE)}</strong></p>'
        + "".join(groups) + "</div>"
    )
