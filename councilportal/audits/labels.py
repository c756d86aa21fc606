"""What the audit's states, decisions, activities and timeline lines are called in the interface."""

from flask_babel import lazy_gettext as _l

from councilportal.audits.models import Activity, AuditState, CarriedOut, Decision, RecommendationState, TimelineKind

AUDIT_STATE_LABELS = {
    AuditState.PLANNED: _l("Planerad"),
    AuditState.FIELDWORK: _l("Fältarbete"),
    AuditState.REPORT: _l("Rapport lämnad"),
    AuditState.ANSWERED: _l("Besvarad"),
    AuditState.FOLLOWED_UP: _l("Uppföljd"),
    AuditState.CLOSED: _l("Avslutad"),
    AuditState.CANCELLED: _l("Inställd"),
}

RECOMMENDATION_STATE_LABELS = {
    RecommendationState.DRAFT: _l("Utkast"),
    RecommendationState.AWAITING_ANSWER: _l("Väntar på svar"),
    RecommendationState.IN_PROGRESS: _l("Under handläggning"),
    RecommendationState.ANSWERED: _l("Besvarad"),
    RecommendationState.FOLLOWED_UP: _l("Uppföljd"),
}

DECISION_LABELS = {
    Decision.ACCEPTED: _l("Godtas"),
    Decision.PARTLY_ACCEPTED: _l("Godtas delvis"),
    Decision.NOT_ACCEPTED: _l("Godtas inte"),
}

CARRIED_OUT_LABELS = {
    CarriedOut.YES: _l("Ja"),
    CarriedOut.PARTLY: _l("Delvis"),
    CarriedOut.NO: _l("Nej"),
    CarriedOut.UNKNOWN: _l("Vet inte"),
}

ACTIVITY_LABELS = {
    Activity.PREPARATION: _l("Förberedelser"),
    Activity.INTERVIEWS: _l("Intervjuer"),
    Activity.ANALYSIS: _l("Analys"),
    Activity.REPORT: _l("Rapportskrivande"),
    Activity.FEEDBACK_MEETING: _l("Återföringsmöte"),
}

TIMELINE_LABELS = {
    TimelineKind.COMMISSIONED: _l("Beställde granskningen"),
    TimelineKind.FIELDWORK_STARTED: _l("Startade fältarbetet"),
    TimelineKind.INTERVIEW_RECORDED: _l("Registrerade en intervju"),
    TimelineKind.DOCUMENT_ADDED: _l("Lade till ett dokument"),
    TimelineKind.REPORT_SUBMITTED: _l("Lämnade rapporten till verksamheten"),
    TimelineKind.ASSIGNED: _l("Fördelade rekommendationen"),
    TimelineKind.DEADLINE_SET: _l("Satte svarsdatum"),
    TimelineKind.INTERIM_ANSWER: _l("Lämnade ett delbesked"),
    TimelineKind.FINAL_ANSWER: _l("Lämnade svar"),
    TimelineKind.ANSWERED: _l("Alla rekommendationer är besvarade"),
    TimelineKind.FOLLOWED_UP: _l("Följde upp rekommendationen"),
    TimelineKind.ALL_FOLLOWED_UP: _l("Alla rekommendationer är uppföljda"),
    TimelineKind.CLOSED: _l("Avslutade granskningen"),
    TimelineKind.CANCELLED: _l("Ställde in granskningen"),
    TimelineKind.INVITATIONS_SENT: _l("Skickade inbjudan till granskningsgruppen och kontaktpersonen"),
    TimelineKind.INTERVIEW_REMOVED: _l("Tog bort en intervjutid"),
}
