"""The plain-words texts as HTML, for the public pages and the family handout: one way to show a
tumour, a treatment, a topic and the glossary, wherever they appear."""

from __future__ import annotations

from html import escape

from spineedu.knowledge_base import KnowledgeBase
from spineedu.views.glossary_marks import GlossaryMarker

TREATMENT_PARTS = (("what", "What it is"), ("why", "Why it is used"),
                   ("expect", "What to expect"), ("side_effects", "Side effects"))
TYPE_PARTS = (("what", "What it is"), ("how_common", "How common it is"),
              ("how_treated", "How it is usually treated"))


def entry_marker(kb: KnowledgeBase, entry_id: str) -> GlossaryMarker:
    """Glossary words marked once an entry (each is read on its own, often folded)."""
    return GlossaryMarker(kb, f"plain-{entry_id}")


def _text(text: str, marker: GlossaryMarker | None) -> str:
    """A text as HTML; with a `marker`, its glossary words one tap or focus away (a page on a
    screen; a printed handout has none)."""
    return marker.text(text) if marker else escape(text)


def _parts(entry: object, parts: tuple[tuple[str, str], ...],
           marker: GlossaryMarker | None) -> str:
    return "".join(f"<p><strong>{label}.</strong> {_text(getattr(entry, name), marker)}</p>"
                   for name, label in parts)


def plain_treatment_html(kb: KnowledgeBase, treatment_id: str, heading: str = "h3",
                         questions: bool = False, marker: GlossaryMarker | None = None) -> str:
    """A treatment in plain words (with the questions to ask when `questions`)."""
    plain = kb.plain_treatments[treatment_id]
    extra = (f"<p><strong>Questions you may want to ask.</strong> "
             f"{_text(plain.questions, marker)}</p>" if questions else "")
    return (f'<section class="spineedu-treatment" id="treatment-{escape(treatment_id)}">'
            f"<{heading}>{escape(kb.treatments[treatment_id].name)}</{heading}>"
            f"{_parts(plain, TREATMENT_PARTS, marker)}{extra}</section>")


def plain_type_html(kb: KnowledgeBase, type_id: str, heading: str = "h3",
                    marker: GlossaryMarker | None = None) -> str:
    plain = kb.plain_types[type_id]
    return (f'<section class="spineedu-type" id="type-{escape(type_id)}">'
            f"<{heading}>{escape(kb.cancer_types[type_id].name)}</{heading}>"
            f"{_parts(plain, TYPE_PARTS, marker)}</section>")


def plain_topic_html(kb: KnowledgeBase, topic_id: str, heading: str = "h2",
                     marker: GlossaryMarker | None = None) -> str:
    topic = kb.plain_topics[topic_id]
    return (f'<section class="spineedu-topic" id="topic-{escape(topic_id)}">'
            f"<{heading}>{escape(topic.title)}</{heading}><p>{_text(topic.text, marker)}</p>"
            "</section>")


def glossary_html(kb: KnowledgeBase) -> str:
    """Every term, alphabetical, each with an anchor (#term-<id>) a page can link to."""
    terms = sorted(kb.glossary.values(), key=lambda term: term.term.lower())
    items = "".join(
        f'<dt id="term-{escape(term.id)}">{escape(term.term)}'
        + (f' <span class="also">({escape(", ".join(term.also))})</span>' if term.also else "")
        + f"</dt><dd>{escape(term.plain)}</dd>" for term in terms)
    return f'<dl class="spineedu-glossary">{items}</dl>'
