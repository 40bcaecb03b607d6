"""Words shown to every visitor. Safety wording only: no medical facts live here."""

DISCLAIMER = (
    "SpineEdu is for education only. It is not medical advice and cannot assess a patient: "
    "treatment is decided by a specialist team that knows the person."
)

NOT_SUITABLE = (
    "This tool is not suitable for this case. Please see your GP or your specialist team."
)
