"""The panels of the plain-words lessons (10_in_plain_words, 11_glossary): urgent care first,
the topics, every tumour and treatment folded by group, the pictures with their text
equivalents, and the glossary. Every text comes from content/plain/ through plain_html, the
HTML the static site's plain pages and the family handout use too."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from spineedu.figures.spine_compartments import spine_compartments_figure
from spineedu.figures.what_treatments_do import what_treatments_do_figure
from spineedu.knowledge_base import KnowledgeBase
from spineedu.plain_words import picture_labels, plain_texts
from spineedu.views.cards import ChartWithCaption, Panel, _kb, references_panel
from spineedu.views.glossary_marks import glossary_style
from spineedu.views.plain_html import (
    entry_marker,
    glossary_html,
    plain_topic_html,
    plain_treatment_html,
    plain_type_html,
)
from spineedu.views.plan_html import BOX, disclaimer_html, reference_link

FIGURES = {"spine-compartments": spine_compartments_figure,
           "what-treatments-do": what_treatments_do_figure}
FOLD = ('<details class="spineedu-plain" style="border:1px solid #cfe0ec;border-radius:6px;'
        'padding:6px 12px;margin:6px 0"><summary style="cursor:pointer"><strong>{summary}'
        "</strong></summary>{body}</details>")


def urgent_care_first(kb: KnowledgeBase | None = None) -> Panel:
    """What to do with symptoms now, unfolded and first, then the disclaimer."""
    kb = _kb(kb)
    topic = kb.plain_topics["urgent-care"]
    html = (f'{glossary_style()}<div class="spineedu-urgent" style="{BOX}background:#fdecea;'
            f'border:2px solid #D55E00">'
            f'{plain_topic_html(kb, "urgent-care", marker=entry_marker(kb, "urgent-care"))}</div>'
            f"{disclaimer_html()}")
    return Panel(html, f"{topic.title}: {topic.text}")


def topics(topic_ids: Iterable[str], kb: KnowledgeBase | None = None) -> Panel:
    kb = _kb(kb)
    chosen = [kb.plain_topics[topic_id] for topic_id in topic_ids]
    return Panel(glossary_style() + "".join(
        plain_topic_html(kb, topic.id, marker=entry_marker(kb, topic.id)) for topic in chosen),
                 "\n".join(f"{topic.title}: {topic.text}" for topic in chosen))


def _folded(entries: list[tuple[str, str, dict[str, str]]]) -> Panel:
    """(name, html, texts) each in a fold of its own, so a group stays a list to scan."""
    html = glossary_style() + "".join(FOLD.format(summary=escape(name), body=body)
                                      for name, body, _ in entries)
    text = "\n".join(f"{name}: " + " ".join(texts.values()) for name, _, texts in entries)
    return Panel(html, text)


def types_in_group(group: str, kb: KnowledgeBase | None = None) -> Panel:
    """Every tumour of one group (primary, metastatic, intradural) in plain words, by name."""
    kb = _kb(kb)
    ids = sorted((t.id for t in kb.cancer_types.values() if t.group == group),
                 key=lambda type_id: kb.cancer_types[type_id].name)
    return _folded([(kb.cancer_types[i].name, plain_type_html(kb, i, "h4", entry_marker(kb, i)),
                     plain_texts(kb.plain_types[i])) for i in ids])


def treatments_in_family(family: str, kb: KnowledgeBase | None = None) -> Panel:
    """Every treatment of one family (surgery, radiation, ...) in plain words, by name."""
    kb = _kb(kb)
    ids = sorted((t.id for t in kb.treatments.values() if t.family == family),
                 key=lambda treatment_id: kb.treatments[treatment_id].name)
    return _folded([(kb.treatments[i].name,
                     plain_treatment_html(kb, i, "h4", questions=True, marker=entry_marker(kb, i)),
                     plain_texts(kb.plain_treatments[i])) for i in ids])


def picture(picture_id: str, kb: KnowledgeBase | None = None) -> ChartWithCaption:
    """A plain picture (its alt text the content's `alt`), its caption and the picture in
    words: how it is laid out and every label it draws, for a reader who cannot see it."""
    kb = _kb(kb)
    shown = kb.plain_pictures[picture_id]
    labels = picture_labels(shown)
    sources = "; ".join(reference_link(kb.references[r]) for r in shown.references)
    items = "".join(f"<li>{escape(label)}</li>" for label in labels)
    caption = Panel(
        f"<p><strong>{escape(shown.caption)}</strong></p>"
        f'<details class="spineedu-picture-words"><summary style="cursor:pointer">The picture '
        f"in words</summary><p>{escape(shown.text)}</p><p>The labels say:</p><ul>{items}</ul>"
        f'</details><p style="font-size:85%">Sources: {sources}</p>',
        " ".join([shown.caption, "The picture in words:", shown.text, "The labels say:",
                  *labels]))
    return ChartWithCaption(FIGURES[picture_id](shown), caption)


def glossary(kb: KnowledgeBase | None = None) -> Panel:
    """Every term, alphabetical, each with its plain definition."""
    kb = _kb(kb)
    terms = sorted(kb.glossary.values(), key=lambda term: term.term.lower())
    return Panel(glossary_html(kb), "\n".join(f"{term.term}: {term.plain}" for term in terms))


def plain_references(kb: KnowledgeBase | None = None) -> Panel:
    """Every source behind the plain-words lesson: its topics, tumours, treatments, pictures."""
    kb = _kb(kb)
    ids = [r for kind in ("plain_topics", "plain_pictures", "plain_types", "plain_treatments")
           for entry in getattr(kb, kind).values() for r in entry.references]
    return references_panel(ids, kb)
