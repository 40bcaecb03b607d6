"""Practice mode in the real lesson 6: answer a generated question, get the engine's feedback
and a score, move on to the next."""

from __future__ import annotations

from playwright.sync_api import expect


def test_practice_question_answers_scores_and_moves_on(page, dashboard):
    page.goto(dashboard.url + "/voila/render/06_cases.ipynb")
    practice = page.locator(".spineedu-practice")
    expect(practice).to_contain_text("Practice question 1 (seed 1)")
    expect(practice).to_contain_text("Practice score: 0 of 0")
    practice.locator(".widget-radio-box label").first.click()
    feedback = practice.locator(".spineedu-practice-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Why (")
    expect(feedback).to_contain_text("(rule ")
    expect(practice).to_contain_text(" of 1")
    practice.get_by_role("button", name="Next question").click()
    expect(practice).to_contain_text("Practice question 2 (seed 2)")
    expect(feedback).to_have_count(0)
