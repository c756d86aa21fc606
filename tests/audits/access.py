"""Access to the audit pages and every action on audits and recommendations, for every role.

`world.representative` leads the audit team, `world.manager` manages the audited unit, `world.coordinator`
runs the commissioning council.
"""

import io
from datetime import UTC, datetime

from werkzeug.datastructures import FileStorage

from councilportal.audits.models import AuditDocument, AuditInterview, AuditState
from councilportal.uploads import store_upload
from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, RouteCase, signed_in, statuses
from tests.audits.factories import make_audit

FAILED_FORM = 422
WORKING_WITH_IT = signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK)


def audit_url(suffix: str = "", *, state=AuditState.PLANNED, recommendations: int = 0, public: bool = False):
    def build(world, session):
        audit = make_audit(session, world, state=state, recommendations=recommendations, public=public)
        return f"/audits/{audit.id}{suffix}"
    return build


def interview_url(suffix: str = ""):
    """A session of an audit in fieldwork, recorded after it was held (so changing it mails nobody)."""
    def build(world, session):
        audit = make_audit(session, world, state=AuditState.FIELDWORK)
        interview = AuditInterview(audit_id=audit.id, starts_at=datetime(2026, 5, 4, 8, tzinfo=UTC), users=3)
        session.add(interview)
        session.flush()
        return f"/audits/{audit.id}/interviews/{interview.id}{suffix}"
    return build


def document_url(world, session):
    audit = make_audit(session, world)
    stored = store_upload(session, FileStorage(io.BytesIO(b"Plan"), "plan.txt"))
    document = AuditDocument.of_upload(stored, audit_id=audit.id)
    session.add(document)
    session.flush()
    return f"/audits/{audit.id}/documents/{document.id}"


def only(*roles: str, status: int = REDIRECT) -> dict[str, int]:
    return signed_in(FORBIDDEN, **{role: status for role in roles})


RUNS = ("coordinator", "admin")
TEAM = ("representative", "coordinator", "admin")
FIELDWORK = AuditState.FIELDWORK
REPORT = AuditState.REPORT
ANSWERED = AuditState.ANSWERED

CASES = [
    RouteCase("audits.index", lambda w, s: "/audits/", statuses(OK)),
    RouteCase("audits.export", lambda w, s: "/audits/audits.csv", statuses(OK)),
    RouteCase("audits.commission", lambda w, s: "/audits/new", only(*RUNS, status=OK)),
    RouteCase("audits.commission", lambda w, s: "/audits/new", only(*RUNS, status=FAILED_FORM), method="POST",
              data={"title": ""}),
    RouteCase("audits.detail", audit_url(), WORKING_WITH_IT, name="planned"),
    RouteCase("audits.detail", audit_url(state=REPORT, recommendations=1, public=True), statuses(OK),
              name="public, report submitted"),
    RouteCase("audits.detail", audit_url(public=True),
              signed_in(FORBIDDEN, representative=OK, manager=OK, coordinator=OK, admin=OK),
              name="public, planned"),
    RouteCase("audits.detail", lambda w, s: "/audits/999999", statuses(NOT_FOUND), name="unknown"),
    RouteCase("audits.document", document_url, WORKING_WITH_IT),
    RouteCase("audits.document", audit_url("/documents/999999"),
              signed_in(FORBIDDEN, representative=NOT_FOUND, manager=NOT_FOUND, coordinator=NOT_FOUND,
                        admin=NOT_FOUND), name="unknown document"),
    RouteCase("audits.start_fieldwork", audit_url("/fieldwork"), only(*RUNS), method="POST",
              data={"fieldwork-version": "1"}),
    RouteCase("audits.feedback_meeting", audit_url("/feedback-meeting", state=FIELDWORK), only(*RUNS),
              method="POST", data={"feedback-starts_at": "2099-05-04T13:00"}),
    RouteCase("audits.interview", audit_url("/interviews", state=FIELDWORK), only(*TEAM), method="POST",
              data={"interview-starts_at": "2026-05-04T10:00", "interview-users": "3",
                    "interview-relatives": "0", "interview-staff": "2"}),
    # The form's fields are named after the session; without them those who may are told what is missing.
    RouteCase("audits.change_interview", interview_url(), only(*TEAM, status=FAILED_FORM), method="POST"),
    RouteCase("audits.remove_interview", interview_url("/remove"), only(*TEAM), method="POST"),
    RouteCase("audits.add_document", audit_url("/documents", state=FIELDWORK), only(*TEAM), method="POST"),
    RouteCase("audits.report", audit_url("/report", state=FIELDWORK), only(*TEAM), method="POST",
              data={"report-summary": "Sammanfattning.", "report-findings": ""}),
    RouteCase("audits.add_recommendation", audit_url("/recommendations", state=FIELDWORK), only(*TEAM),
              method="POST", data={"recommendation-text": "Inför fasta kontaktpersoner."}),
    # Without a summary the team is told to write one first.
    RouteCase("audits.submit_report", audit_url("/submit", state=FIELDWORK, recommendations=1),
              only(*TEAM, status=FAILED_FORM), method="POST", data={"submit-version": "1"}),
    # No auditor chosen: those who may record hours are told to choose one.
    RouteCase("audits.hours", audit_url("/hours", state=FIELDWORK), only(*TEAM, status=FAILED_FORM),
              method="POST", data={"hours-activity": "analysis", "hours-hours": "2"}),
    RouteCase("audits.close", audit_url("/close", state=AuditState.FOLLOWED_UP, recommendations=1), only(*RUNS),
              method="POST", data={"close-version": "1"}),
    RouteCase("audits.cancel", audit_url("/cancel"), only(*RUNS), method="POST",
              data={"cancel-version": "1", "cancel-reason": "Verksamheten läggs ned."}),
    RouteCase("audits.assign", audit_url("/recommendations/1/assign", state=REPORT, recommendations=1),
              only(*RUNS, status=FAILED_FORM), method="POST",
              data={"r1-assign-unit_id": "0", "r1-assign-manager_id": "0", "r1-assign-deadline": "2099-01-02"}),
    RouteCase("audits.answer", audit_url("/recommendations/1/answer", state=REPORT, recommendations=1),
              only("manager"), method="POST",
              data={"r1-answer-kind": "interim", "r1-answer-text": "Vi utreder saken."}),
    RouteCase("audits.follow_up", audit_url("/recommendations/1/follow-up", state=ANSWERED, recommendations=1),
              only(*TEAM), method="POST",
              data={"r1-follow_up-carried_out": "yes", "r1-follow_up-outcome": "changed",
                    "r1-follow_up-rating": "4"}),
]
