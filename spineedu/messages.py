"""Words shown to every visitor. Safety wording only: no medical facts live here."""

DISCLAIMER = (
    "SpineEdu is for education only. It is not medical advice and cannot assess a patient: "
    "treatment is decided by a specialist team that knows the person."
)

NOT_SUITABLE = (
    "This tool is not suitable for this case. Please see your GP or your specialist team."
)

SYMPTOMS_NOT_SUITABLE = (
    "This resource is not suitable to assess symptoms. If you have symptoms now, please see your "
    "GP directly (or, if you are already under a cancer team, call your specialist team or its "
    "acute oncology helpline)."
)

EMERGENCY_ADVICE = (
    "Call 999 or go to A&E now (outside the UK: your local emergency number) if you have any of "
    "these, whether or not you have cancer:"
)

URGENT_ADVICE = (
    "Contact your cancer team's acute oncology service or your GP the same day if you have or "
    "have had cancer and any of these:"
)

PLAIN_PLAN_NOTE = (
    "In plain words: what each treatment is and, in general, why it is used. This is not a plan "
    "for any one person. Why a team would or would not choose each treatment in the situation "
    "chosen here is in the clinical version."
)

PLAIN_NOT_INDICATED = (
    "In the situation chosen, this treatment is usually not used. The reason, with its "
    "evidence, is in the clinical version. The care team can explain it."
)

PLAIN_PATHWAY_SUMMARY = "What the care team does (clinical words)"

PLAIN_PATHWAY_WARNING = (
    "These steps are for the care team. Do not start, stop or change any medicine, such as "
    "steroids, because of them."
)
