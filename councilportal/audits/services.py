"""The audit's rules: one function per action, the actor passed in, only flushing.

    planned ──► fieldwork ──► report ──► answered ──► followed_up ──► closed
       └───────────┴──► cancelled

The report's recommendations go to the audited unit when it is submitted; each is answered and
followed up through the shared answering machinery (councilportal.answering), like a viewpoint. The
audit is answered when every recommendation has a final answer, and followed up when every one has
its follow-up.
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering import workflow as answering
from councilportal.answering.models import Outcome
from councilportal.answering.workflow import Workflow, clean_text, personal_data_flag
from councilportal.audits import calendar as audit_calendar
from councilportal.audits import policies
from councilportal.audits.invitations import Change, send_invitations
from councilportal.audits.labels import AUDIT_STATE_LABELS, RECOMMENDATION_STATE_LABELS
from councilportal.audits.models import (
    Activity,
    Audit,
    AuditDocument,
    AuditInterview,
    AuditorHours,
    AuditState,
    AuditTeamMember,
    AuditTimelineEntry,
    CarriedOut,
    Decision,
    Recommendation,
    RecommendationResponse,
    RecommendationState,
    TimelineKind,
)
from councilportal.councils.models import Council
from councilportal.councils.policies import runs_council
from councilportal.errors import DomainError
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc, stockholm_to_utc, today_in_sweden
from councilportal.uploads import StoredUpload

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 20_000
RECOMMENDATION_MAX_LENGTH = 5_000
MAX_INTERVIEWED = 500
LOCATION_MAX_LENGTH = 200


class AuditAction(enum.Enum):
    START_FIELDWORK = "start_fieldwork"
    FIELDWORK = "fieldwork"
    SUBMIT_REPORT = "submit_report"
    SET_FEEDBACK_MEETING = "set_feedback_meeting"
    ADD_DOCUMENT = "add_document"
    RECORD_HOURS = "record_hours"
    CLOSE = "close"
    CANCEL = "cancel"


class RecommendationAction(enum.Enum):
    ASSIGN = "assign"
    INTERIM_ANSWER = "interim_answer"
    FINAL_ANSWER = "final_answer"
    FOLLOW_UP = "follow_up"


_A = AuditState
_R = RecommendationState
_UNDER_WAY = (_A.PLANNED, _A.FIELDWORK, _A.REPORT, _A.ANSWERED, _A.FOLLOWED_UP)
_AWAITING = (_R.AWAITING_ANSWER, _R.IN_PROGRESS)

AUDIT_WORKFLOW = Workflow(
    transitions={
        AuditAction.START_FIELDWORK: {_A.PLANNED: _A.FIELDWORK},
        # Interviews recorded, the report written and recommendations added.
        AuditAction.FIELDWORK: {_A.FIELDWORK: _A.FIELDWORK},
        AuditAction.SUBMIT_REPORT: {_A.FIELDWORK: _A.REPORT},
        AuditAction.SET_FEEDBACK_MEETING: {state: state for state in (_A.PLANNED, _A.FIELDWORK, _A.REPORT)},
        AuditAction.ADD_DOCUMENT: {state: state for state in _UNDER_WAY},
        AuditAction.RECORD_HOURS: {state: state for state in (*_UNDER_WAY, _A.CLOSED)},
        AuditAction.CLOSE: {_A.FOLLOWED_UP: _A.CLOSED},
        AuditAction.CANCEL: {state: _A.CANCELLED for state in (_A.PLANNED, _A.FIELDWORK)},
    },
    actors={
        AuditAction.START_FIELDWORK: policies.can_run_audit,
        AuditAction.FIELDWORK: policies.can_do_fieldwork,
        AuditAction.SUBMIT_REPORT: policies.can_do_fieldwork,
        AuditAction.SET_FEEDBACK_MEETING: policies.can_run_audit,
        AuditAction.ADD_DOCUMENT: policies.can_do_fieldwork,
        AuditAction.RECORD_HOURS: policies.can_record_hours,
        AuditAction.CLOSE: policies.can_run_audit,
        AuditAction.CANCEL: policies.can_run_audit,
    },
    refused_actor={
        AuditAction.START_FIELDWORK: _l("Bara samordnaren kan starta granskningen."),
        AuditAction.FIELDWORK: _l("Bara granskningsgruppen kan arbeta med granskningen."),
        AuditAction.SUBMIT_REPORT: _l("Bara granskningsgruppen kan lämna rapporten."),
        AuditAction.SET_FEEDBACK_MEETING: _l("Bara samordnaren kan boka återföringsmötet."),
        AuditAction.ADD_DOCUMENT: _l("Bara granskningsgruppen kan lägga till dokument."),
        AuditAction.RECORD_HOURS: _l("Bara granskningsgruppen kan registrera timmar."),
        AuditAction.CLOSE: _l("Bara samordnaren kan avsluta granskningen."),
        AuditAction.CANCEL: _l("Bara samordnaren kan ställa in granskningen."),
    },
    refused_in_state={
        AuditAction.START_FIELDWORK: _l("En granskning som är %(state)s kan inte startas."),
        AuditAction.FIELDWORK: _l("En granskning som är %(state)s är inte i fältarbetet."),
        AuditAction.SUBMIT_REPORT: _l("En granskning som är %(state)s kan inte få en rapport."),
        AuditAction.SET_FEEDBACK_MEETING: _l("En granskning som är %(state)s kan inte få ett återföringsmöte."),
        AuditAction.ADD_DOCUMENT: _l("En granskning som är %(state)s kan inte få nya dokument."),
        AuditAction.RECORD_HOURS: _l("En granskning som är %(state)s kan inte få nya timmar."),
        AuditAction.CLOSE: _l("En granskning som är %(state)s kan inte avslutas."),
        AuditAction.CANCEL: _l("En granskning som är %(state)s kan inte ställas in."),
    },
    state_labels=AUDIT_STATE_LABELS,
    changed_meanwhile=_l("Granskningen har ändrats av någon annan medan du skrev. Läs det nya läget och "
                         "försök igen."),
)


def _audit_allows(recommendation: Recommendation) -> bool:
    """A recommendation is answered and followed up while its audit is."""
    return recommendation.audit.state in (_A.REPORT, _A.ANSWERED)


RECOMMENDATION_WORKFLOW = Workflow(
    transitions={
        RecommendationAction.ASSIGN: {state: state for state in _AWAITING},
        RecommendationAction.INTERIM_ANSWER: {state: _R.IN_PROGRESS for state in _AWAITING},
        RecommendationAction.FINAL_ANSWER: {state: _R.ANSWERED for state in _AWAITING},
        RecommendationAction.FOLLOW_UP: {_R.ANSWERED: _R.FOLLOWED_UP},
    },
    actors={
        RecommendationAction.ASSIGN: policies.can_assign_recommendation,
        RecommendationAction.INTERIM_ANSWER: policies.can_answer_recommendation,
        RecommendationAction.FINAL_ANSWER: policies.can_answer_recommendation,
        RecommendationAction.FOLLOW_UP: policies.can_follow_up_recommendation,
    },
    refused_actor={
        RecommendationAction.ASSIGN: _l("Bara samordnaren kan fördela rekommendationen."),
        RecommendationAction.INTERIM_ANSWER: _l("Rekommendationen är fördelad till någon annan att besvara."),
        RecommendationAction.FINAL_ANSWER: _l("Rekommendationen är fördelad till någon annan att besvara."),
        RecommendationAction.FOLLOW_UP: _l("Bara granskningsgruppen kan följa upp rekommendationen."),
    },
    refused_in_state={
        RecommendationAction.ASSIGN: _l("En rekommendation som är %(state)s kan inte fördelas."),
        RecommendationAction.INTERIM_ANSWER: _l("En rekommendation som är %(state)s kan inte få ett delbesked."),
        RecommendationAction.FINAL_ANSWER: _l("En rekommendation som är %(state)s kan inte besvaras."),
        RecommendationAction.FOLLOW_UP: _l("En rekommendation som är %(state)s kan inte följas upp."),
    },
    state_labels=RECOMMENDATION_STATE_LABELS,
    changed_meanwhile=_l("Rekommendationen har ändrats av någon annan medan du skrev. Läs det nya läget och "
                         "försök igen."),
)


def _record(session: Session, actor: User | None, audit: Audit, kind: TimelineKind, text: str = "", *,
            recommendation: Recommendation | None = None) -> AuditTimelineEntry:
    entry = AuditTimelineEntry(audit_id=audit.id, recommendation_id=recommendation.id if recommendation else None,
                               actor=actor, kind=kind, text=text)
    session.add(entry)
    return entry


# --- Commissioning -------------------------------------------------------------------------------


@dataclass
class AuditFields:
    title: str
    unit: Unit | None
    purpose: str
    team: Sequence[User]
    lead: User | None
    council: Council | None = None
    themes: str = ""
    period_start: date | None = None
    period_end: date | None = None
    contact: User | None = None
    is_public: bool = False
    send_anyway: bool = False


def commission_audit(session: Session, coordinator: User, fields: AuditFields) -> Audit:
    if not policies.can_commission_audit(coordinator):
        raise DomainError(_("Bara samordnare kan beställa en brukarrevision."))
    if fields.council is not None and not runs_council(coordinator, fields.council):
        raise DomainError(_("Du är inte samordnare för det rådet."), "council_id")
    title = clean_text(fields.title, field="title", limit=TITLE_MAX_LENGTH, missing=_("Skriv en rubrik."))
    purpose = clean_text(fields.purpose, field="purpose", limit=TEXT_MAX_LENGTH,
                         missing=_("Skriv granskningens syfte."))
    themes = clean_text(fields.themes, field="themes", limit=TEXT_MAX_LENGTH, missing=None)
    if fields.unit is None:
        raise DomainError(_("Välj verksamheten som granskas."), "unit_id")
    if fields.period_start and fields.period_end and fields.period_end < fields.period_start:
        raise DomainError(_("Perioden kan inte sluta innan den börjar."), "period_end")
    team = list({person.id: person for person in fields.team}.values())
    if not team:
        raise DomainError(_("Välj minst en brukarrevisor."), "team")
    if any(not person.active for person in team):
        raise DomainError(_("Alla i granskningsgruppen måste ha ett aktivt konto."), "team")
    if fields.lead is None or fields.lead.id not in {person.id for person in team}:
        raise DomainError(_("Välj en granskningsledare ur gruppen."), "lead_id")
    if fields.contact is not None and not fields.contact.active:
        raise DomainError(_("%(name)s har inget aktivt konto.", name=fields.contact.name), "contact_id")
    personal_data_flag((title, purpose, themes), fields.send_anyway)
    audit = Audit(title=title, unit=fields.unit, council=fields.council, purpose=purpose, themes=themes,
                  period_start=fields.period_start, period_end=fields.period_end, contact=fields.contact,
                  is_public=fields.is_public and fields.council is not None and fields.council.is_public)
    audit.team = [AuditTeamMember(user=person, is_lead=person.id == fields.lead.id) for person in team]
    session.add(audit)
    session.flush()
    _record(session, coordinator, audit, TimelineKind.COMMISSIONED)
    session.flush()
    return audit


def start_fieldwork(session: Session, actor: User, audit: Audit, *, expected_version: int | None = None) -> Audit:
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.START_FIELDWORK, expected_version)
    AUDIT_WORKFLOW.save(session, audit, new_state)
    _record(session, actor, audit, TimelineKind.FIELDWORK_STARTED)
    session.flush()
    return audit


def set_feedback_meeting(session: Session, actor: User, audit: Audit, starts_at: datetime | None, location: str = "",
                         *, expected_version: int | None = None) -> Audit:
    """`starts_at` is the wall-clock time in Sweden, as typed. The team and the contact person get an invitation,
    and an update when the time or place changes."""
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.SET_FEEDBACK_MEETING, expected_version)
    if starts_at is None:
        raise DomainError(_("Fyll i dag och tid för återföringsmötet."), "starts_at")
    location = _place(location)
    before = (audit.feedback_meeting_at, audit.feedback_meeting_location)
    audit.feedback_meeting_at, audit.feedback_meeting_location = stockholm_to_utc(starts_at), location
    moved = before != (audit.feedback_meeting_at, audit.feedback_meeting_location)
    if moved and audit.feedback_meeting_invited_at is not None:
        audit.feedback_meeting_sequence += 1
    AUDIT_WORKFLOW.save(session, audit, new_state)
    if moved and audit.feedback_meeting_at > now_utc():
        change = Change.UPDATED if audit.feedback_meeting_invited_at is not None else Change.INVITED
        audit.feedback_meeting_invited_at = now_utc()
        _invite(session, actor, audit, lambda: audit_calendar.feedback_meeting_entry(audit), change)
    session.flush()
    return audit


def _place(location: str | None) -> str:
    location = (location or "").strip()
    if len(location) > LOCATION_MAX_LENGTH:
        raise DomainError(_("Platsen får vara högst %(max)d tecken.", max=LOCATION_MAX_LENGTH), "location")
    return location


def _invite(session: Session, actor: User, audit: Audit, event, change: Change) -> None:
    """Mail the team and the contact person, and say so on the timeline."""
    invited = send_invitations(session, audit, event, change)
    _record(session, actor, audit, TimelineKind.INVITATIONS_SENT, str(invited))


# --- Fieldwork -----------------------------------------------------------------------------------


def _count(value: int | None, field: str) -> int:
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INTERVIEWED:
        raise DomainError(_("Ange ett antal från 0 till %(max)d.", max=MAX_INTERVIEWED), field)
    return value


def record_interview(session: Session, actor: User, audit: Audit, starts_at: datetime | None, *, users: int | None,
                     relatives: int | None, staff: int | None, location: str = "") -> AuditInterview:
    """An interview session as counts only; `starts_at` is the wall-clock time in Sweden. A session ahead is
    scheduled: the team and the contact person get an invitation."""
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.FIELDWORK, None)
    if starts_at is None:
        raise DomainError(_("Fyll i dag och tid för intervjun."), "starts_at")
    counts = {name: _count(value, name) for name, value in
              (("users", users), ("relatives", relatives), ("staff", staff))}
    interview = AuditInterview(audit_id=audit.id, starts_at=stockholm_to_utc(starts_at), location=_place(location),
                               recorded_by_id=actor.id, **counts)
    session.add(interview)
    _record(session, actor, audit, TimelineKind.INTERVIEW_RECORDED)
    session.flush()
    if interview.starts_at > now_utc():
        interview.invited_at = now_utc()
        _invite(session, actor, audit, lambda: audit_calendar.interview_entry(interview, audit.title), Change.INVITED)
        session.flush()
    return interview


def _interview_of(audit: Audit, interview: AuditInterview) -> None:
    if interview.audit_id != audit.id:
        raise DomainError(_("Intervjun hör inte till den här granskningen."))


def change_interview(session: Session, actor: User, audit: Audit, interview: AuditInterview,
                     starts_at: datetime | None, *, users: int | None, relatives: int | None, staff: int | None,
                     location: str = "") -> AuditInterview:
    """Correct a session's time, place or counts; a new time or place of a session ahead reaches calendars as
    an update (the same UID, the SEQUENCE raised)."""
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.FIELDWORK, None)
    _interview_of(audit, interview)
    if starts_at is None:
        raise DomainError(_("Fyll i dag och tid för intervjun."), "starts_at")
    interview.users, interview.relatives, interview.staff = (
        _count(users, "users"), _count(relatives, "relatives"), _count(staff, "staff"))
    before = (interview.starts_at, interview.location)
    interview.starts_at, interview.location = stockholm_to_utc(starts_at), _place(location)
    moved = before != (interview.starts_at, interview.location)
    if moved and interview.invited_at is not None:
        interview.sequence += 1
    session.flush()
    if moved and interview.starts_at > now_utc():
        change = Change.UPDATED if interview.invited_at is not None else Change.INVITED
        interview.invited_at = now_utc()
        _invite(session, actor, audit, lambda: audit_calendar.interview_entry(interview, audit.title), change)
        session.flush()
    return interview


def remove_interview(session: Session, actor: User, audit: Audit, interview: AuditInterview) -> None:
    """A session recorded by mistake, or called off: those invited to it ahead get a cancellation."""
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.FIELDWORK, None)
    _interview_of(audit, interview)
    if interview.invited_at is not None and interview.starts_at > now_utc():
        interview.sequence += 1
        _invite(session, actor, audit, lambda: audit_calendar.interview_entry(interview, audit.title),
                Change.CANCELLED)
    session.delete(interview)
    _record(session, actor, audit, TimelineKind.INTERVIEW_REMOVED)
    session.flush()


def add_document(session: Session, actor: User, audit: Audit, upload: StoredUpload) -> AuditDocument:
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.ADD_DOCUMENT, None)
    document = AuditDocument.of_upload(upload, audit_id=audit.id, uploaded_by=actor)
    session.add(document)
    _record(session, actor, audit, TimelineKind.DOCUMENT_ADDED, document.filename)
    session.flush()
    return document


def write_report(session: Session, actor: User, audit: Audit, summary: str, findings: str, *,
                 expected_version: int | None = None, send_anyway: bool = False) -> Audit:
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.FIELDWORK, expected_version)
    summary = clean_text(summary, field="summary", limit=TEXT_MAX_LENGTH, missing=_("Skriv en sammanfattning."))
    findings = clean_text(findings, field="findings", limit=TEXT_MAX_LENGTH, missing=None)
    personal_data_flag((summary, findings), send_anyway)
    audit.summary, audit.findings = summary, findings
    AUDIT_WORKFLOW.save(session, audit, new_state)
    return audit


def add_recommendation(session: Session, actor: User, audit: Audit, text: str, *,
                       send_anyway: bool = False) -> Recommendation:
    """The next numbered recommendation of the report."""
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.FIELDWORK, None)
    text = clean_text(text, field="text", limit=RECOMMENDATION_MAX_LENGTH, missing=_("Skriv rekommendationen."))
    personal_data_flag((text,), send_anyway)
    number = session.scalar(sa.select(sa.func.coalesce(sa.func.max(Recommendation.number), 0) + 1)
                            .where(Recommendation.audit_id == audit.id))
    recommendation = Recommendation(audit_id=audit.id, number=number, text=text)
    session.add(recommendation)
    session.flush()
    return recommendation


def answer_deadline(start: date) -> date:
    return answering.deadline_after(start, current_app.config["AUDIT_ANSWER_WORKING_DAYS"])


def submit_report(session: Session, actor: User, audit: Audit, *, expected_version: int | None = None) -> Audit:
    """The report goes to the unit: every recommendation to its manager, with a working-day deadline."""
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.SUBMIT_REPORT, expected_version)
    if not audit.summary:
        raise DomainError(_("Skriv rapportens sammanfattning innan den lämnas."), "summary")
    recommendations = session.scalar(sa.select(sa.func.count()).where(Recommendation.audit_id == audit.id))
    if not recommendations:
        raise DomainError(_("Rapporten behöver minst en rekommendation."), "text")
    manager = audit.contact if audit.contact is not None and audit.contact.is_manager else None
    deadline = answer_deadline(today_in_sweden())
    audit.report_submitted_at = now_utc()
    AUDIT_WORKFLOW.save(session, audit, new_state)
    session.execute(
        sa.update(Recommendation)
        .where(Recommendation.audit_id == audit.id)
        .values(state=_R.AWAITING_ANSWER, responsible_unit_id=audit.unit_id,
                responsible_manager_id=manager.id if manager else None, deadline=deadline,
                version=Recommendation.version + 1, updated_at=now_utc())
        .execution_options(synchronize_session=False)
    )
    _record(session, actor, audit, TimelineKind.REPORT_SUBMITTED, deadline.isoformat())
    session.flush()
    return audit


def record_hours(session: Session, actor: User, audit: Audit, auditor: User | None, activity: Activity | None,
                 worked_on: date | None, hours: Decimal | str | None) -> AuditorHours:
    AUDIT_WORKFLOW.check(actor, audit, AuditAction.RECORD_HOURS, None)
    if auditor is None or not policies.is_on_team(auditor, audit):
        raise DomainError(_("Välj någon i granskningsgruppen."), "user_id")
    if auditor.id != actor.id and not policies.runs_audit(actor, audit):
        raise DomainError(_("Du kan bara registrera dina egna timmar."), "user_id")
    if not isinstance(activity, Activity):
        raise DomainError(_("Välj vad timmarna gällde."), "activity")
    if worked_on is None:
        raise DomainError(_("Fyll i dagen."), "worked_on")
    if worked_on > today_in_sweden():
        raise DomainError(_("Timmar kan bara registreras för dagar som har varit."), "worked_on")
    try:
        amount = Decimal(str(hours)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Ange timmar som ett tal, till exempel 2,5."), "hours") from None
    if not Decimal(0) < amount <= Decimal(24):
        raise DomainError(_("Ange mellan 0 och 24 timmar."), "hours")
    entry = AuditorHours(audit_id=audit.id, user_id=auditor.id, activity=activity, worked_on=worked_on, hours=amount)
    session.add(entry)
    session.flush()
    return entry


def close_audit(session: Session, actor: User, audit: Audit, *, expected_version: int | None = None) -> Audit:
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.CLOSE, expected_version)
    audit.closed_at = now_utc()
    AUDIT_WORKFLOW.save(session, audit, new_state)
    _record(session, actor, audit, TimelineKind.CLOSED)
    session.flush()
    return audit


def cancel_audit(session: Session, actor: User, audit: Audit, reason: str, *,
                 expected_version: int | None = None) -> Audit:
    new_state = AUDIT_WORKFLOW.check(actor, audit, AuditAction.CANCEL, expected_version)
    reason = clean_text(reason, field="reason", limit=answering.COMMENT_MAX_LENGTH,
                        missing=_("Skriv varför granskningen ställs in."))
    audit.cancelled_at = now_utc()
    AUDIT_WORKFLOW.save(session, audit, new_state)
    _record(session, actor, audit, TimelineKind.CANCELLED, reason)
    _cancel_invitations(session, actor, audit)
    session.flush()
    return audit


def _cancel_invitations(session: Session, actor: User, audit: Audit) -> None:
    """Every session ahead that calendars have from an invitation leaves them."""
    now = now_utc()
    if audit.feedback_meeting_invited_at is not None and audit.feedback_meeting_at > now:
        audit.feedback_meeting_sequence += 1
        _invite(session, actor, audit, lambda: audit_calendar.feedback_meeting_entry(audit), Change.CANCELLED)
    ahead = session.scalars(sa.select(AuditInterview).where(
        AuditInterview.audit_id == audit.id, AuditInterview.invited_at.is_not(None), AuditInterview.starts_at > now)
        .order_by(AuditInterview.starts_at))
    for interview in ahead:
        interview.sequence += 1
        _invite(session, actor, audit, lambda each=interview: audit_calendar.interview_entry(each, audit.title),
                Change.CANCELLED)


# --- Recommendations -----------------------------------------------------------------------------


def _check_recommendation(actor: User | None, recommendation: Recommendation, action: RecommendationAction,
                          expected_version: int | None) -> RecommendationState:
    if not _audit_allows(recommendation):
        state = str(AUDIT_STATE_LABELS[recommendation.audit.state]).lower()
        raise DomainError(_("Granskningen är %(state)s.", state=state))
    return RECOMMENDATION_WORKFLOW.check(actor, recommendation, action, expected_version)


def recommendation_actions(user: User | None, recommendation: Recommendation) -> set[RecommendationAction]:
    if not _audit_allows(recommendation):
        return set()
    return RECOMMENDATION_WORKFLOW.allowed_actions(user, recommendation)


def assign_recommendation(session: Session, coordinator: User, recommendation: Recommendation, *,
                          unit: Unit | None, manager: User | None, deadline: date | None,
                          expected_version: int | None = None) -> Recommendation:
    new_state = _check_recommendation(coordinator, recommendation, RecommendationAction.ASSIGN, expected_version)
    if unit is None and manager is None:
        raise DomainError(_("Välj en ansvarig enhet, en ansvarig chef eller båda."), "unit_id")
    submitted_on = recommendation.audit.report_submitted_at.date()
    deadline = answering.check_deadline(deadline, submitted_on,
                                        _("Svarsdatumet kan inte ligga före dagen rapporten lämnades."))
    # The audited unit's municipality or region answers the recommendations.
    answering.assign(recommendation, recommendation.audit.unit.organisation, unit, manager)
    recommendation.deadline = deadline
    RECOMMENDATION_WORKFLOW.save(session, recommendation, new_state)
    audit = recommendation.audit
    _record(session, coordinator, audit, TimelineKind.ASSIGNED, answering.assignment_text(unit, manager),
            recommendation=recommendation)
    _record(session, coordinator, audit, TimelineKind.DEADLINE_SET, deadline.isoformat(),
            recommendation=recommendation)
    session.flush()
    return recommendation


def _all_recommendations_in(session: Session, audit: Audit, states: tuple[RecommendationState, ...]) -> bool:
    return not session.scalar(sa.select(sa.func.count()).where(
        Recommendation.audit_id == audit.id, Recommendation.state.not_in(states)))


def give_interim_answer(session: Session, manager: User, recommendation: Recommendation, text: str,
                        actions: str = "", *, expected_version: int | None = None,
                        send_anyway: bool = False) -> RecommendationResponse:
    new_state = _check_recommendation(manager, recommendation, RecommendationAction.INTERIM_ANSWER,
                                      expected_version)
    response = answering.write_answer(session, RecommendationResponse, manager, is_final=False, text=text,
                                      actions=actions, follow_up_on=None, send_anyway=send_anyway,
                                      recommendation_id=recommendation.id)
    RECOMMENDATION_WORKFLOW.save(session, recommendation, new_state)
    _record(session, manager, recommendation.audit, TimelineKind.INTERIM_ANSWER, recommendation=recommendation)
    session.flush()
    return response


def answer_recommendation(session: Session, manager: User, recommendation: Recommendation,
                          decision: Decision | None, text: str, actions: str = "",
                          follow_up_on: date | None = None, *, expected_version: int | None = None,
                          send_anyway: bool = False) -> RecommendationResponse:
    """Accepted, partly accepted or not, with the actions and a follow-up date; the audit is answered
    when this was the last recommendation without a final answer."""
    new_state = _check_recommendation(manager, recommendation, RecommendationAction.FINAL_ANSWER,
                                      expected_version)
    if not isinstance(decision, Decision):
        raise DomainError(_("Välj om rekommendationen godtas."), "decision")
    response = answering.write_answer(session, RecommendationResponse, manager, is_final=True, text=text,
                                      actions=actions, follow_up_on=follow_up_on, send_anyway=send_anyway,
                                      recommendation_id=recommendation.id, decision=decision)
    recommendation.decision = decision
    recommendation.answered_at = now_utc()
    RECOMMENDATION_WORKFLOW.save(session, recommendation, new_state)
    audit = recommendation.audit
    _record(session, manager, audit, TimelineKind.FINAL_ANSWER, recommendation=recommendation)
    if audit.state is _A.REPORT and _all_recommendations_in(session, audit, (_R.ANSWERED, _R.FOLLOWED_UP)):
        AUDIT_WORKFLOW.save(session, audit, _A.ANSWERED)
        _record(session, manager, audit, TimelineKind.ANSWERED)
    session.flush()
    return response


def follow_up_recommendation(session: Session, actor: User, recommendation: Recommendation,
                             carried_out: CarriedOut | None, outcome: Outcome | None, rating: int | None, *,
                             expected_version: int | None = None) -> Recommendation:
    """Whether the actions were carried out, what it led to and the team's rating; the audit is followed up
    when every recommendation is."""
    new_state = _check_recommendation(actor, recommendation, RecommendationAction.FOLLOW_UP, expected_version)
    if recommendation.audit.state is not _A.ANSWERED:
        raise DomainError(_("Rekommendationerna följs upp när alla har besvarats."))
    if not isinstance(carried_out, CarriedOut):
        raise DomainError(_("Välj om åtgärderna har genomförts."), "carried_out")
    answering.set_verdict(recommendation, outcome, rating, _("Välj vad rekommendationen ledde till."))
    recommendation.carried_out = carried_out
    recommendation.followed_up_at = now_utc()
    RECOMMENDATION_WORKFLOW.save(session, recommendation, new_state)
    audit = recommendation.audit
    _record(session, actor, audit, TimelineKind.FOLLOWED_UP, recommendation=recommendation)
    if _all_recommendations_in(session, audit, (_R.FOLLOWED_UP,)):
        audit.followed_up_at = now_utc()
        AUDIT_WORKFLOW.save(session, audit, _A.FOLLOWED_UP)
        _record(session, actor, audit, TimelineKind.ALL_FOLLOWED_UP)
    session.flush()
    return recommendation
