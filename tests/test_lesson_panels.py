"""Lesson panels and charts carry their text, so notebooks compare content, not pictures."""

from __future__ import annotations

from spineedu.views import cards


def test_statistic_panel_has_chart_summary_and_source(kb):
    panel = cards.statistic_panel("metastasis-compartments")
    statistic = kb.statistics["metastasis-compartments"]
    assert panel.chart.png.startswith(b"\x89PNG")
    assert repr(panel.chart).startswith(f"Chart: {statistic.title}")
    assert statistic.summary in panel.caption.html and statistic.source_note in panel.caption.html


def test_treatment_cards_show_what_how_benefits_risks(kb):
    panel = cards.treatment_cards(["kyphoplasty"])
    kyphoplasty = kb.treatments["kyphoplasty"]
    assert kyphoplasty.description in panel.html.replace("&#x27;", "'")
    assert "How it is given" in panel.html and "Risks and side effects" in panel.html
    assert repr(panel).startswith(kyphoplasty.name)


def test_level_table_reads_the_engine(kb):
    table = cards.level_table([("chordoma", "IB", {"subtype": "conventional"})],
                              ["en-bloc-resection", "chemotherapy"])
    assert repr(table).splitlines() == ["En bloc resection: First-line",
                                        "Chemotherapy: Not indicated"]


def test_safety_banner_on_every_lesson_mentions_gp_and_red_flags():
    banner = cards.safety_banner()
    assert "GP" in banner.html and "999" in banner.html and "Educational use only" in banner.html


def test_case_list_does_not_give_away_answers(kb):
    listing = repr(cards.case_list())
    for case in kb.cases.values():
        assert case.title in listing
        assert kb.treatments[case.answer].name not in listing.split(case.title)[1].split("\n")[0]
