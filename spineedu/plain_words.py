"""The plain-words texts of the knowledge base, for the public: which field of an entry is a
text a reader reads, and every such text with a label that says where it is written.

Readability is measured on exactly these texts (tests/test_plain_words.py), and the command
line gives them as each entry's `plain` object.
"""

from __future__ import annotations

from collections.abc import Iterator

from spineedu.content_model import (
    PICTURE_LABELS,
    GlossaryTerm,
    PlainPicture,
    PlainTopic,
    PlainTreatment,
    PlainType,
)
from spineedu.knowledge_base import KnowledgeBase

PlainEntry = PlainTreatment | PlainType | PlainTopic | GlossaryTerm | PlainPicture
TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    PlainTreatment: ("what", "why", "expect", "side_effects", "questions"),
    PlainType: ("what", "how_common", "how_treated"),
    PlainTopic: ("text",),
    GlossaryTerm: ("plain",),
    # a picture's labels are read in its text equivalent ("Radiotherapy" alone has no grade)
    PlainPicture: ("title", "alt", "caption", "text"),
}


def picture_labels(picture: PlainPicture) -> list[str]:
    """The picture's labels in the order it draws them, each a sentence."""
    labels = (picture.labels[name].strip() for name in PICTURE_LABELS[picture.id])
    return [label if label.endswith((".", "!", "?")) else f"{label}." for label in labels]


def picture_in_words(picture: PlainPicture) -> str:
    """The picture's text equivalent as one text: how it is laid out, then every label."""
    return " ".join([picture.text, "The labels say:", *picture_labels(picture)])


def plain_texts(entry: PlainEntry | None) -> dict[str, str]:
    """The entry's texts keyed by what they explain ({} when there is no entry)."""
    if entry is None:
        return {}
    texts = {name: getattr(entry, name) for name in TEXT_FIELDS[type(entry)]}
    if isinstance(entry, PlainPicture):
        texts["text"] = picture_in_words(entry)
    return texts


def every_plain_text(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """('content/plain/treatments.yaml: en-bloc-resection, what', text) for every text."""
    for kind in ("plain_treatments", "plain_types", "plain_topics", "glossary",
                 "plain_pictures"):
        for entry in getattr(kb, kind).values():
            where = kb.origins[(kind, entry.id)].file
            for name, text in plain_texts(entry).items():
                yield f"{where}: {entry.id}, {name}", text


def glossary(kb: KnowledgeBase) -> list[dict[str, object]]:
    """Every term with its plain definition, alphabetical: `spineedu glossary --json`."""
    return [{"term": term.term, "also": list(term.also), "plain": term.plain}
            for term in sorted(kb.glossary.values(), key=lambda t: t.term.lower())]
