"""The static site's way in for the public: "In plain words" (the topics a visitor asks about
first, then every tumour and treatment) and the glossary, a page of its own. Both come from
content/plain/, the texts the readability test measures."""

from __future__ import annotations

from html import escape

from spineedu.knowledge_base import KnowledgeBase
from spineedu.static_site.pages import page
from spineedu.views.plain_html import (
    entry_marker,
    glossary_html,
    plain_topic_html,
    plain_treatment_html,
    plain_type_html,
)
from spineedu.views.plan_html import disclaimer_html

TOPICS_FIRST = ("urgent-care", "when-to-see-a-gp", "primary-and-secondary", "the-care-team",
                "second-opinions", "life-after-treatment")
WAY_IN = ('<div class="way-in"><p><strong>For patients, families and the curious:</strong> '
          '<a href="{root}plain/index.html">spinal tumours and their treatment in plain '
          'words</a>, and a <a href="{root}plain/glossary.html">glossary</a> of the words '
          "doctors use. <strong>For students:</strong> the lessons below.</p></div>")


def way_in(root: str) -> str:
    """The landing page's first box: the plain-words pages beside the lessons."""
    return WAY_IN.format(root=root)


def _folded(summary: str, body: str) -> str:
    return f"<details><summary>{escape(summary)}</summary>{body}</details>"


def plain_words_page(kb: KnowledgeBase) -> str:
    topics = [t for t in TOPICS_FIRST if t in kb.plain_topics] + [
        t for t in kb.plain_topics if t not in TOPICS_FIRST]
    types = sorted(kb.plain_types, key=lambda t: kb.cancer_types[t].name)
    treatments = sorted(kb.plain_treatments, key=lambda t: kb.treatments[t].name)
    body = (
        "<h1>Spinal tumours in plain words</h1>" + disclaimer_html()
        + "<p>General information for patients, families and anyone curious. It cannot say "
        "what is right for one person: the care team knows the person and decides with them. "
        'Words in doctors\' language are explained in the <a href="glossary.html">glossary</a>.'
        "</p>"
        + "".join(plain_topic_html(kb, topic, marker=entry_marker(kb, topic)) for topic in topics)
        + "<h2>Tumours</h2>"
        + "".join(_folded(kb.cancer_types[t].name,
                          plain_type_html(kb, t, "h3", marker=entry_marker(kb, t)))
                  for t in types)
        + "<h2>Treatments</h2>"
        + "".join(_folded(kb.treatments[t].name,
                          plain_treatment_html(kb, t, "h3", questions=True,
                                               marker=entry_marker(kb, t)))
                  for t in treatments))
    return page("In plain words · SpineEdu", body, "../")


def glossary_page(kb: KnowledgeBase) -> str:
    body = ("<h1>Glossary</h1>" + disclaimer_html()
            + "<p>The words doctors use about spinal tumours and their treatment, in plain words."
            ' More in <a href="index.html">spinal tumours in plain words</a>.</p>'
            + glossary_html(kb))
    return page("Glossary · SpineEdu", body, "../")
