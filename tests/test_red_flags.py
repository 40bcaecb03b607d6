"""Red flags: signs of cord or cauda equina compression are an emergency for anyone."""

from __future__ import annotations

from spineedu.messages import EMERGENCY_ADVICE
from spineedu.views.plan_html import red_flags_html

UNIVERSAL = ("red-flag-limb-weakness", "red-flag-difficulty-walking", "red-flag-numbness",
             "red-flag-bladder-bowel")


def test_emergency_advice_is_for_anyone_not_only_people_with_cancer():
    assert "999" in EMERGENCY_ADVICE and "A&E" in EMERGENCY_ADVICE
    assert "whether or not you have cancer" in EMERGENCY_ADVICE
    assert "if you have cancer" not in EMERGENCY_ADVICE


def test_weakness_saddle_numbness_and_bladder_bowel_are_emergencies_for_anyone(kb):
    for flag_id in UNIVERSAL:
        flag = kb.red_flags[flag_id]
        assert flag.urgency == "emergency", flag_id
        assert "cancer" not in flag.text.lower(), flag_id
    assert "bottom or genitals" in kb.red_flags["red-flag-numbness"].text


def test_cancer_specific_flags_say_so(kb):
    for flag in kb.red_flags.values():
        if flag.id.endswith("-with-cancer"):
            assert flag.text.startswith("If you have or have had cancer"), flag.id


def test_symptom_box_shows_the_emergency_advice_with_its_flags(kb):
    html = red_flags_html(kb).replace("&amp;", "&")
    assert "whether or not you have cancer" in html
    assert kb.red_flags["red-flag-bladder-bowel"].text in html
