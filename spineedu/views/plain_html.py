"""The plain-words texts as HTML, for the public pages and the family handout: one way to show a
tumour, a treatment, a topic and the glossary, wherever they appear."""

from __future__ import annotations

from html import escape

from spineedu.knowledge_base import KnowledgeBase

TREATMENT_PARTS = (("what", "What it is"), ("why", "Why it is used"),
                   ("expect", "What to expect"), ("side_effects", "Side effects"))
TYPE_PARTS = (("what", "What it is"), ("how_common", "How common it is"),
              ("how_treated", "How it is usually treated"))


def _parts(entry: object, parts: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"<p><strong>{label}.</strong> {escape(getattr(entry, name))}</p>"
                   for name, label in parts)


def plain_treatment_html(kb: KnowledgeBase, treatment_id: str, heading: str = "h3",
                         questions: bool = False) -> str:
    """A treatment in plain words (with the questions to ask when `questions`)."""
    plain = kb.plain_treatments[treatment_id]
    extra = (f"<p><strong>Questions you may want to ask.</strong> {escape(plain.questions)}</p>"
             if questions else "")
    return (f'<section class="spineedu-treatment" id="treatment-{escape(treatment_id)}">'
            f"<{heading}>{escape(kb.treatments[treatment_id].name)}</{heading}>"
            f"{_parts(plain, TREATMENT_PARTS)}{extra}</section>")


def plain_type_html(kb: KnowledgeBase, type_id: str, heading: str = "h3") -> str:
    plain = kb.plain_types[type_id]
    return (f'<section class="spineedu-type" id="type-{escape(type_id)}">'
            f"<{heading}>{escape(kb.cancer_types[type_id].name)}</{heading}>"
            f"{_parts(plain, TYPE_PARTS)}</section>")


def plain_topic_html(kb: KnowledgeBase, topic_id: str, heading: str = "h2") -> str:
    topic = kb.plain_topics[topic_id]
    return (f'<section class="spineedu-topic" id="topic-{escape(topic_id)}">'
            f"<{heading}>{escape(topic.title)}</{heading}><p>{escape(topic.text)}</p></section>")


def glossary_html(kb: KnowledgeBase) -> str:
    """Every term, alphabetical, each with an anchor (#term-<id>) a page can link to."""
    terms = sorted(kb.glossary.values(), key=lambda term: term.term.lower())
    items = "".join(
        f'<dt id="term-{escape(term.id)}">{escape(term.term)}'
        + (f' <span class="also">({escape(", ".join(term.also))})</span>' if term.also else "")
        + f"</dt><dd>{escape(term.plain)}</dd>" for term in terms)
    return f'<dl class="spineedu-glossary">{items}</dl>'
