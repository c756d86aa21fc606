"""Export and erasure of a person's data.

Erasure anonymises the person in place rather than deleting the row, so that what others
wrote or decided (minutes, answers, viewpoints submitted for an organisation) stays whole and
is simply no longer linked to a name.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, User, new_calendar_token
from councilportal.accounts.services import audit, forget_sign_in
from councilportal.compensation.models import CompensationClaim, PayrollIdentity
from councilportal.councils.models import Membership
from councilportal.errors import DomainError
from councilportal.meetings.models import Attendance, Meeting, MeetingReply, MinutesChecker
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints.models import EventKind, Viewpoint, ViewpointEvent, ViewpointFollowUp, ViewpointResponse

# Stored as the person's name and in the timelines that named them, so in one language for every
# reader: Swedish, the portal's own, never that of the admin who happened to erase.
ERASED_NAME = "Raderad person"


def personal_data(session: Session, user: User) -> dict:
    """Everything the portal keeps about a person, as plain data for a JSON download."""
    memberships = session.scalars(
        sa.select(Membership).where(Membership.user_id == user.id).order_by(Membership.term_start)
    ).all()
    events = session.scalars(
        sa.select(AuditEvent)
        .where(sa.or_(AuditEvent.actor_id == user.id, AuditEvent.subject_user_id == user.id))
        .order_by(AuditEvent.occurred_at)
    ).all()
    attempts = session.scalars(
        sa.select(LoginAttempt).where(LoginAttempt.email == user.email).order_by(LoginAttempt.attempted_at)
    ).all()
    return {
        **_viewpoint_data(session, user),
        **_meeting_data(session, user),
        **_compensation_data(session, user),
        "exported_at": now_utc().isoformat(),
        "profile": {
            "name": user.name,
            "email": user.email,
            "phone": user.phone,
            "language": user.locale,
            "show_name_publicly": user.show_name_publicly,
            "administrator": user.is_admin,
            "unit": user.unit.name if user.unit else None,
            "account_created_at": user.created_at.isoformat(),
            "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        },
        "memberships": [
            {
                "council": membership.council.name,
                "organisation": membership.organisation.name,
                "role": membership.role.value,
                "seat": membership.seat.value,
                "term_start": membership.term_start.isoformat(),
                "term_end": membership.term_end.isoformat() if membership.term_end else None,
            }
            for membership in memberships
        ],
        "coordinates_councils": [council.name for council in user.coordinated_councils],
        "security_events": [
            {"at": event.occurred_at.isoformat(), "action": event.action, "details": event.details}
            for event in events
        ],
        "sign_in_attempts": [
            {"at": attempt.attempted_at.isoformat(), "address": attempt.remote_address,
             "succeeded": attempt.succeeded}
            for attempt in attempts
        ],
    }


def _meeting_data(session: Session, user: User) -> dict:
    """The meetings a person answered and attended (the basis for compensation) and the minutes they checked."""
    attended = session.execute(
        sa.select(Attendance, Meeting).join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.user_id == user.id).order_by(Meeting.starts_at)
    ).all()
    checked = session.execute(
        sa.select(MinutesChecker, Meeting).join(Meeting, Meeting.id == MinutesChecker.meeting_id)
        .where(MinutesChecker.user_id == user.id).order_by(Meeting.starts_at)
    ).all()
    replied = session.execute(
        sa.select(MeetingReply, Meeting).join(Meeting, Meeting.id == MeetingReply.meeting_id)
        .where(MeetingReply.user_id == user.id).order_by(Meeting.starts_at)
    ).all()
    return {
        "meeting_replies": [
            {"meeting": meeting.title, "council": meeting.council.name, "coming": reply.coming,
             "replied_at": reply.replied_at.isoformat()}
            for reply, meeting in replied
        ],
        "meetings_attended": [
            {"meeting": meeting.title, "council": meeting.council.name, "starts_at": meeting.starts_at.isoformat(),
             "organisation": attendance.organisation.name if attendance.organisation else None,
             "role": attendance.role.value}
            for attendance, meeting in attended
        ],
        "minutes_checked": [
            {"meeting": meeting.title, "council": meeting.council.name,
             "approved_at": checker.approved_at.isoformat() if checker.approved_at else None}
            for checker, meeting in checked
        ],
    }


def _compensation_data(session: Session, user: User) -> dict:
    """The person's compensation claims (amounts in öre) and the identifier payroll knows them by."""
    claims = session.scalars(sa.select(CompensationClaim).where(CompensationClaim.user_id == user.id)
                             .order_by(CompensationClaim.submitted_at)).all()
    identity = session.get(PayrollIdentity, user.id)
    return {
        "payroll_identifier": identity.identifier if identity else None,
        "compensation_claims": [
            {"meeting": claim.meeting.title, "council": claim.council.name, "state": claim.state.value,
             "fee_ore": claim.fee_ore, "travel_ore": claim.travel_ore, "lost_income_ore": claim.lost_income_ore,
             "attachments": [file.filename for file in claim.attachments]}
            for claim in claims
        ],
    }


def _viewpoint_data(session: Session, user: User) -> dict:
    """The viewpoints a person submitted, and the comments, answers and follow-up answers they wrote on any
    viewpoint."""
    submitted = session.scalars(
        sa.select(Viewpoint).where(Viewpoint.submitted_by_id == user.id).order_by(Viewpoint.created_at)
    ).all()
    comments = session.execute(
        sa.select(ViewpointEvent, Viewpoint)
        .join(Viewpoint, Viewpoint.id == ViewpointEvent.viewpoint_id)
        .where(ViewpointEvent.actor_id == user.id, ViewpointEvent.kind == EventKind.COMMENTED)
        .order_by(ViewpointEvent.created_at)
    ).all()
    responses = session.execute(
        sa.select(ViewpointResponse, Viewpoint)
        .join(Viewpoint, Viewpoint.id == ViewpointResponse.viewpoint_id)
        .where(ViewpointResponse.manager_id == user.id)
        .order_by(ViewpointResponse.created_at)
    ).all()
    follow_ups = session.scalars(
        sa.select(ViewpointFollowUp).where(ViewpointFollowUp.answered_by_id == user.id)
        .order_by(ViewpointFollowUp.answered_at)
    ).all()
    return {
        "viewpoints_submitted": [
            {
                "reference": viewpoint.reference,
                "council": viewpoint.council.name,
                "organisation": viewpoint.organisation.name,
                "title": viewpoint.title,
                "text": viewpoint.body,
                "subject": viewpoint.subject,
                "visibility": viewpoint.visibility.value,
                "state": viewpoint.state.value,
                "submitted_at": viewpoint.created_at.isoformat(),
            }
            for viewpoint in submitted
        ],
        "viewpoint_comments": [
            {"viewpoint": viewpoint.reference, "at": event.created_at.isoformat(), "text": event.text}
            for event, viewpoint in comments
        ],
        "viewpoint_answers": [
            {
                "viewpoint": viewpoint.reference,
                "at": response.created_at.isoformat(),
                "final": response.is_final,
                "text": response.text,
                "actions": response.actions,
                "follow_up_on": response.follow_up_on.isoformat() if response.follow_up_on else None,
            }
            for response, viewpoint in responses
        ],
        "viewpoint_follow_up_answers": [
            {
                "viewpoint": follow_up.viewpoint.reference,
                "at": follow_up.answered_at.isoformat(),
                "answer": follow_up.answer.value,
                "comment": follow_up.comment,
            }
            for follow_up in follow_ups
        ],
    }


def record_export(session: Session, user: User) -> None:
    audit(session, user, "personal_data_exported", user)


def _forget_name_in_assignments(session: Session, name: str, replacement: str) -> None:
    """A viewpoint's timeline writes down whom it was assigned to ("Unit, Manager"), as it was then."""
    assignments = session.scalars(sa.select(ViewpointEvent).where(
        ViewpointEvent.kind == EventKind.ASSIGNED,
        sa.or_(ViewpointEvent.text == name, ViewpointEvent.text.endswith(f", {name}", autoescape=True))))
    for event in assignments:
        event.text = event.text[: len(event.text) - len(name)] + replacement


def erase_person(session: Session, admin: User, person: User) -> None:
    """Anonymise the person: no name, address or sign-in left; current terms end yesterday, and terms
    that have not begun are removed (a term cannot end before it starts)."""
    if person.id == admin.id:
        raise DomainError(_("Du kan inte radera dig själv."))
    if person.email.endswith("@erased.invalid"):
        raise DomainError(_("Personen är redan raderad."))
    yesterday = today_in_sweden() - timedelta(days=1)
    for membership in session.scalars(sa.select(Membership).where(Membership.user_id == person.id)).all():
        if membership.term_start > yesterday:
            session.delete(membership)
        elif membership.term_end is None or membership.term_end > yesterday:
            membership.term_end = yesterday
    session.execute(sa.delete(AccountToken).where(AccountToken.user_id == person.id))
    session.execute(sa.delete(PayrollIdentity).where(PayrollIdentity.user_id == person.id))
    session.execute(sa.delete(LoginAttempt).where(LoginAttempt.email == person.email))
    forget_sign_in(session, person)
    person.coordinated_councils = []
    _forget_name_in_assignments(session, person.name, ERASED_NAME)
    person.name = ERASED_NAME
    person.email = f"person-{person.id}@erased.invalid"
    person.phone = ""
    person.password_hash = None
    person.show_name_publicly = False
    person.is_admin = False
    person.unit = None
    person.active = False
    person.calendar_token = new_calendar_token()
    audit(session, admin, "person_erased", person, f"account {person.id}")
