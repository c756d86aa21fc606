"""The rules of compensation: one function per action, the actor passed in, flush only."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.compensation import amounts
from councilportal.compensation.models import (
    AttachmentPurpose,
    ClaimAttachment,
    ClaimState,
    CompensationClaim,
    CompensationEvent,
    CompensationRule,
    EventKind,
    PayrollIdentity,
    RuleKind,
    TravelKind,
)
from councilportal.compensation.policies import is_paid_attendance
from councilportal.councils.models import Council, MembershipRole
from councilportal.errors import DomainError
from councilportal.meetings.attendance import COUNTED_STATES, meeting_day
from councilportal.meetings.models import Attendance, Meeting, MeetingState
from councilportal.organisations.models import Organisation, OrganisationKind
from councilportal.personaldata import Kind, find_personal_data
from councilportal.timeutil import now_utc
from councilportal.uploads import StoredUpload

PAYROLL_IDENTIFIER_MAX = 100


# --- Rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleFields:
    valid_from: date
    kind: RuleKind
    meeting_fee_ore: int = 0
    first_hour_ore: int = 0
    half_hour_ore: int = 0
    km_rate_ore: int = 0


def rules_of(session: Session, council: Council) -> list[CompensationRule]:
    """Newest first."""
    return list(session.scalars(sa.select(CompensationRule).where(CompensationRule.council_id == council.id)
                                .order_by(CompensationRule.valid_from.desc())))


def rule_on(session: Session, council_id: int, day: date) -> CompensationRule | None:
    """The rule valid on `day`: the one with the latest start on or before it."""
    return session.scalar(sa.select(CompensationRule)
                          .where(CompensationRule.council_id == council_id, CompensationRule.valid_from <= day)
                          .order_by(CompensationRule.valid_from.desc()).limit(1))


def add_rule(session: Session, actor: User, council: Council, fields: RuleFields) -> CompensationRule:
    """A new rule from a date; earlier meetings keep the rule of their day."""
    if session.scalar(sa.select(CompensationRule.id).where(CompensationRule.council_id == council.id,
                                                           CompensationRule.valid_from == fields.valid_from)):
        raise DomainError(_("Rådet har redan en regel från det datumet. Välj ett annat datum."), "valid_from")
    if fields.kind is RuleKind.PER_MEETING and fields.meeting_fee_ore <= 0:
        raise DomainError(_("Fyll i arvodet per möte."), "meeting_fee")
    if fields.kind is RuleKind.HOURLY and fields.first_hour_ore <= 0:
        raise DomainError(_("Fyll i arvodet för första timmen."), "first_hour")
    rule = CompensationRule(council=council, created_by_id=actor.id, **fields.__dict__)
    session.add(rule)
    session.add(CompensationEvent(council_id=council.id, actor=actor, kind=EventKind.RULE_ADDED,
                                  text=describe_rule(rule)))
    session.flush()
    return rule


def describe_rule(rule: CompensationRule) -> str:
    if rule.kind is RuleKind.PER_MEETING:
        pay = _("%(fee)s per möte", fee=amounts.kronor(rule.meeting_fee_ore))
    else:
        pay = _("%(first)s första timmen och %(half)s per påbörjad halvtimme därefter",
                first=amounts.kronor(rule.first_hour_ore), half=amounts.kronor(rule.half_hour_ore))
    return _("Från %(day)s: %(pay)s; resa %(km)s per km.", day=rule.valid_from.isoformat(), pay=pay,
             km=amounts.kronor(rule.km_rate_ore))


def events_of_council(session: Session, council: Council, limit: int = 50) -> list[CompensationEvent]:
    """The latest changes of the council's rules and claims, newest first."""
    return list(session.scalars(sa.select(CompensationEvent).where(CompensationEvent.council_id == council.id)
                                .order_by(CompensationEvent.id.desc()).limit(limit)))


# --- Claims --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimFields:
    travel_kind: TravelKind = TravelKind.NONE
    travel_km: int = 0
    ticket_ore: int = 0
    lost_income_ore: int = 0
    receipt: StoredUpload | None = None
    employer_statement: StoredUpload | None = None


def attendance_of(session: Session, meeting: Meeting, user: User) -> Attendance | None:
    return session.scalar(sa.select(Attendance).where(Attendance.meeting_id == meeting.id,
                                                      Attendance.user_id == user.id))


def claim_of(session: Session, meeting: Meeting, user: User) -> CompensationClaim | None:
    return session.scalar(sa.select(CompensationClaim).where(CompensationClaim.meeting_id == meeting.id,
                                                             CompensationClaim.user_id == user.id))


def _paid_attendance(session: Session, meeting: Meeting, user: User) -> Attendance:
    if meeting.state not in COUNTED_STATES:
        raise DomainError(_("Arvode kan begäras först när mötet är hållet."))
    attendance = attendance_of(session, meeting, user)
    if not is_paid_attendance(attendance):
        raise DomainError(_("Arvode betalas till ledamöter som deltog för en brukarorganisation."))
    return attendance


def _rule_for(session: Session, meeting: Meeting) -> CompensationRule:
    rule = rule_on(session, meeting.council_id, meeting_day(meeting))
    if rule is None:
        raise DomainError(_("Rådet har ingen arvodesregel för mötesdagen. Kontakta samordnaren."))
    return rule


def _price(claim: CompensationClaim, meeting: Meeting, rule: CompensationRule) -> None:
    """The fee by the rule of the meeting's day and the meeting's times now, kept on the claim."""
    claim.rule = rule
    claim.meeting_starts_at, claim.meeting_ends_at = meeting.starts_at, meeting.ends_at
    claim.fee_ore = amounts.meeting_fee_ore(rule, amounts.meeting_minutes(meeting.starts_at, meeting.ends_at))
    claim.travel_ore = amounts.travel_ore(rule, claim.travel_kind, claim.travel_km, claim.ticket_ore)


def _has(claim: CompensationClaim, purpose: AttachmentPurpose) -> bool:
    return any(attachment.purpose is purpose for attachment in claim.attachments)


def _attach(claim: CompensationClaim, actor: User, upload: StoredUpload | None, purpose: AttachmentPurpose) -> None:
    if upload is not None:
        claim.attachments.append(ClaimAttachment.of_upload(upload, purpose=purpose, uploaded_by_id=actor.id))


def _check_travel_and_income(fields: ClaimFields) -> None:
    if fields.travel_kind is TravelKind.KM and not 0 < fields.travel_km <= amounts.LARGEST_TRAVEL_KM:
        raise DomainError(_("Skriv hur många kilometer du reste, mellan 1 och %(most)d.",
                            most=amounts.LARGEST_TRAVEL_KM), "travel_km")
    if fields.travel_kind is TravelKind.TICKET and fields.ticket_ore <= 0:
        raise DomainError(_("Skriv vad biljetten kostade."), "ticket")


def _describe_claim(claim: CompensationClaim) -> str:
    return _("Arvode %(fee)s, resa %(travel)s, förlorad arbetsinkomst %(income)s: totalt %(total)s.",
             fee=amounts.kronor(claim.fee_ore), travel=amounts.kronor(claim.travel_ore),
             income=amounts.kronor(claim.lost_income_ore), total=amounts.kronor(claim.total_ore))


def submit_claim(session: Session, actor: User, meeting: Meeting, fields: ClaimFields,
                 now: datetime | None = None) -> CompensationClaim:
    """A representative's claim for a held meeting they attended; a returned claim is corrected and sent again."""
    now = now or now_utc()
    attendance = _paid_attendance(session, meeting, actor)
    claim = claim_of(session, meeting, actor)
    if claim is not None and claim.state is not ClaimState.RETURNED:
        raise DomainError(_("Du har redan begärt arvode för mötet. Det kan ändras bara om samordnaren "
                            "skickar tillbaka det."))
    _check_travel_and_income(fields)
    rule = _rule_for(session, meeting)
    resubmitted = claim is not None
    if claim is None:
        claim = CompensationClaim(council_id=meeting.council_id, meeting=meeting, user=actor,
                                  month=meeting_day(meeting).replace(day=1))
    claim.organisation_id = attendance.organisation_id
    claim.travel_kind, claim.travel_km, claim.ticket_ore, claim.lost_income_ore = (
        fields.travel_kind,
        fields.travel_km if fields.travel_kind is TravelKind.KM else 0,
        fields.ticket_ore if fields.travel_kind is TravelKind.TICKET else 0,
        fields.lost_income_ore)
    _attach(claim, actor, fields.receipt, AttachmentPurpose.RECEIPT)
    _attach(claim, actor, fields.employer_statement, AttachmentPurpose.EMPLOYER_STATEMENT)
    if claim.travel_kind is TravelKind.TICKET and not _has(claim, AttachmentPurpose.RECEIPT):
        raise DomainError(_("Bifoga kvittot på biljetten."), "receipt")
    if claim.lost_income_ore > 0 and not _has(claim, AttachmentPurpose.EMPLOYER_STATEMENT):
        raise DomainError(_("Bifoga arbetsgivarens intyg om förlorad arbetsinkomst."), "employer_statement")
    _price(claim, meeting, rule)
    session.add(claim)
    claim.state, claim.submitted_at, claim.decided_at, claim.decided_by_id = ClaimState.SUBMITTED, now, None, None
    session.add(CompensationEvent(council_id=meeting.council_id, claim=claim, actor=actor, created_at=now,
                                  kind=EventKind.RESUBMITTED if resubmitted else EventKind.SUBMITTED,
                                  text=_describe_claim(claim)))
    session.flush()
    return claim


def _require_submitted(claim: CompensationClaim) -> None:
    if claim.state is not ClaimState.SUBMITTED:
        raise DomainError(_("Begäran är redan behandlad."))


def return_claim(session: Session, actor: User, claim: CompensationClaim, comment: str,
                 now: datetime | None = None) -> None:
    _require_submitted(claim)
    if not comment.strip():
        raise DomainError(_("Skriv vad som behöver rättas, så att ledamoten kan rätta det."), "comment")
    now = now or now_utc()
    claim.state, claim.decided_at, claim.decided_by_id = ClaimState.RETURNED, now, actor.id
    session.add(CompensationEvent(council_id=claim.council_id, claim=claim, actor=actor, created_at=now,
                                  kind=EventKind.RETURNED, text=comment.strip()))
    session.flush()


def approve_claim(session: Session, actor: User, claim: CompensationClaim, now: datetime | None = None) -> None:
    """Approve as the meeting and attendance stand now: the fee is priced again, so a meeting moved
    since the claim was sent is paid by its real length."""
    _require_submitted(claim)
    meeting = claim.meeting
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt. Skicka tillbaka begäran i stället."))
    attendance = attendance_of(session, meeting, claim.user)
    if not is_paid_attendance(attendance):
        raise DomainError(_("%(name)s står inte längre bland mötets närvarande för en brukarorganisation. "
                            "Rätta närvaron eller skicka tillbaka begäran.", name=claim.user.name))
    claim.organisation_id = attendance.organisation_id
    _price(claim, meeting, _rule_for(session, meeting))
    now = now or now_utc()
    claim.state, claim.decided_at, claim.decided_by_id = ClaimState.APPROVED, now, actor.id
    session.add(CompensationEvent(council_id=claim.council_id, claim=claim, actor=actor, created_at=now,
                                  kind=EventKind.APPROVED, text=_describe_claim(claim)))
    session.flush()


def attendance_changed_clause() -> sa.ColumnElement[bool]:
    """In SQL, per claim: approved, and since then the person left the attendance or sat for another
    organisation or role, or the meeting was moved or cancelled. One rule for the claim page and the report."""
    still_present = sa.exists().where(
        Attendance.meeting_id == CompensationClaim.meeting_id, Attendance.user_id == CompensationClaim.user_id,
        Attendance.organisation_id == CompensationClaim.organisation_id,
        Attendance.role == MembershipRole.REPRESENTATIVE)
    meeting = sa.select(Meeting.id).where(
        Meeting.id == CompensationClaim.meeting_id, Meeting.state != MeetingState.CANCELLED,
        Meeting.starts_at == CompensationClaim.meeting_starts_at, Meeting.ends_at == CompensationClaim.meeting_ends_at)
    return sa.and_(CompensationClaim.state == ClaimState.APPROVED,
                   sa.or_(~still_present, ~meeting.exists()))


def attendance_changed(session: Session, claim: CompensationClaim) -> bool:
    return bool(session.scalar(sa.select(attendance_changed_clause()).where(CompensationClaim.id == claim.id)))


def events_of_claim(session: Session, claim: CompensationClaim) -> list[CompensationEvent]:
    return list(session.scalars(sa.select(CompensationEvent).where(CompensationEvent.claim_id == claim.id)
                                .order_by(CompensationEvent.id)))


def claims_waiting(session: Session, council: Council) -> list[CompensationClaim]:
    """Claims to decide, oldest first."""
    return list(session.scalars(sa.select(CompensationClaim)
                                .where(CompensationClaim.council_id == council.id,
                                       CompensationClaim.state == ClaimState.SUBMITTED)
                                .order_by(CompensationClaim.submitted_at, CompensationClaim.id)))


@dataclass(frozen=True)
class AttendedMeeting:
    meeting: Meeting
    claim: CompensationClaim | None


def my_meetings(session: Session, person: User, limit: int = 100) -> list[AttendedMeeting]:
    """Held meetings the person attended for a user organisation, newest first, with their claim if any."""
    rows = session.execute(
        sa.select(Meeting, CompensationClaim)
        .join(Attendance, sa.and_(Attendance.meeting_id == Meeting.id, Attendance.user_id == person.id))
        .join(Organisation, Organisation.id == Attendance.organisation_id)
        .outerjoin(CompensationClaim, sa.and_(CompensationClaim.meeting_id == Meeting.id,
                                              CompensationClaim.user_id == person.id))
        .where(Meeting.state.in_(COUNTED_STATES), Attendance.role == MembershipRole.REPRESENTATIVE,
               Organisation.kind == OrganisationKind.USER_ORGANISATION)
        .order_by(Meeting.starts_at.desc()).limit(limit))
    return [AttendedMeeting(meeting, claim) for meeting, claim in rows]


# --- Payroll identifiers -------------------------------------------------------------------------


def payroll_identifier(session: Session, person: User) -> str:
    return session.scalar(sa.select(PayrollIdentity.identifier).where(PayrollIdentity.user_id == person.id)) or ""


def set_payroll_identifier(session: Session, actor: User, council: Council, person: User, identifier: str) -> None:
    """The employee number or e-mail address payroll knows the person by; empty means their e-mail address.
    A personnummer or samordningsnummer is refused: the portal stores none."""
    identifier = identifier.strip()
    if len(identifier) > PAYROLL_IDENTIFIER_MAX:
        raise DomainError(_("Högst %(max)d tecken.", max=PAYROLL_IDENTIFIER_MAX), "identifier")
    if any(finding.kind in (Kind.PERSONAL_IDENTITY_NUMBER, Kind.COORDINATION_NUMBER)
           for finding in find_personal_data(identifier)):
        raise DomainError(_("Portalen sparar inga personnummer. Använd anställningsnumret eller "
                            "e-postadressen som lönesystemet känner personen under."), "identifier")
    stored = session.get(PayrollIdentity, person.id)
    if stored is None and identifier:
        session.add(PayrollIdentity(user_id=person.id, identifier=identifier))
    elif stored is not None and identifier:
        stored.identifier = identifier
    elif stored is not None:
        session.delete(stored)
    session.add(CompensationEvent(council_id=council.id, actor=actor, kind=EventKind.PAYROLL_ID_SET,
                                  text=_("Löneidentitet för %(name)s: %(identifier)s", name=person.name,
                                         identifier=identifier or _("e-postadressen"))))
    session.flush()
