"""Replies to a meeting's invitation (coming or not) and the deputies they call in.

A member answers until the meeting starts, from the invitation's signed link or in the portal. When
an ordinarie cannot come, the ersättare paired with their seat is called in at once, by a mail with
the calendar invitation; once per deputy and meeting, however often the answer changes. The
coordinator sees per organisation who comes, who stands in and which seats stay empty.
"""

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.councils.models import Membership, Seat
from councilportal.errors import DomainError
from councilportal.meetings import services
from councilportal.meetings.attendance import eligible_memberships, has_started, meeting_day
from councilportal.meetings.models import DeputyCallIn, Meeting, MeetingReply, MeetingState
from councilportal.organisations.models import Organisation
from councilportal.timeutil import now_utc


def replies_open(meeting: Meeting, now: datetime | None = None) -> bool:
    """A published meeting takes answers until it starts."""
    return meeting.state is MeetingState.PUBLISHED and not has_started(meeting, now)


def require_replies_open(meeting: Meeting, now: datetime | None = None) -> None:
    if meeting.state is MeetingState.CANCELLED:
        raise DomainError(_("Mötet är inställt, så du behöver inte svara."))
    if meeting.state is MeetingState.DRAFT:
        raise DomainError(_("Mötet är inte publicerat än."))
    if not replies_open(meeting, now):
        raise DomainError(_("Mötet har redan börjat. Svaret kan bara ändras fram till mötets start."))


def seats_on_meeting_day(session: Session, meeting: Meeting, person: User) -> list[Membership]:
    """The person's seats on the meeting's council on the day of the meeting."""
    day = meeting_day(meeting)
    return list(session.scalars(sa.select(Membership).where(
        Membership.council_id == meeting.council_id, Membership.user_id == person.id,
        Membership.is_active_on(day))).unique())


def reply_of(session: Session, meeting: Meeting, person: User) -> MeetingReply | None:
    return session.get(MeetingReply, (meeting.id, person.id))


def reply_to_meeting(session: Session, person: User, meeting: Meeting, coming: bool,
                     now: datetime | None = None) -> list[User]:
    """Record `person`'s answer; returns the deputies called in by it (each is called once, ever).

    The meeting's row is locked until the transaction ends, so two answers at once take turns and
    a deputy is never called in twice.
    """
    now = now or now_utc()
    require_replies_open(meeting, now)
    if not person.active:
        raise DomainError(_("Kontot är avstängt."))
    seats = seats_on_meeting_day(session, meeting, person)
    if not seats:
        raise DomainError(_("Du sitter inte i %(council)s på mötesdagen, så du svarar inte på kallelsen.",
                            council=meeting.council.name))
    services.lock_with_agenda(session, meeting)
    reply = reply_of(session, meeting, person)
    if reply is None:
        reply = MeetingReply(meeting_id=meeting.id, user_id=person.id, coming=coming, replied_at=now)
        session.add(reply)
    else:
        reply.coming, reply.replied_at = coming, now
    called = [] if coming else _call_in_deputies(session, meeting, seats, now)
    session.flush()
    return called


def _call_in_deputies(session: Session, meeting: Meeting, seats: list[Membership], now: datetime) -> list[User]:
    ordinary = [seat.id for seat in seats if seat.seat is Seat.ORDINARY]
    if not ordinary:
        return []
    day = meeting_day(meeting)
    already = sa.select(DeputyCallIn.deputy_membership_id).where(DeputyCallIn.meeting_id == meeting.id)
    deputies = session.scalars(sa.select(Membership).join(Membership.user).where(
        Membership.stands_in_for_id.in_(ordinary), Membership.seat == Seat.DEPUTY, Membership.is_active_on(day),
        User.active.is_(True), Membership.id.not_in(already))).unique().all()
    called = []
    for deputy in deputies:
        session.add(DeputyCallIn(meeting_id=meeting.id, deputy_membership_id=deputy.id, called_at=now))
        services.mail_invitation(session, meeting, deputy.user, method="REQUEST", template="deputy_called_in",
                                 stands_in_for=deputy.stands_in_for.user)
        called.append(deputy.user)
    return called


# --- What the coordinator sees --------------------------------------------------------------------


@dataclass
class SeatReplies:
    """One seat: the member holding it, their answer, and the deputy who stands in when they cannot come."""

    membership: Membership
    reply: MeetingReply | None
    deputy: Membership | None = None
    deputy_reply: MeetingReply | None = None
    deputy_called_in: bool = False

    @property
    def is_empty(self) -> bool:
        """Nobody comes for the seat: the member cannot, and there is no deputy or the deputy cannot either."""
        if self.reply is None or self.reply.coming:
            return False
        return self.deputy is None or (self.deputy_reply is not None and not self.deputy_reply.coming)

    @property
    def stand_in(self) -> User | None:
        """The deputy who comes in the member's place."""
        if self.reply is not None and not self.reply.coming and self.deputy_reply is not None \
                and self.deputy_reply.coming:
            return self.deputy.user
        return None


@dataclass
class OrganisationReplies:
    organisation: Organisation
    seats: list[SeatReplies] = field(default_factory=list)

    @property
    def coming(self) -> int:
        return sum(1 for seat in self.seats if not seat.is_empty and (
            (seat.reply is not None and seat.reply.coming) or seat.stand_in is not None))


def replies_by_organisation(session: Session, meeting: Meeting) -> list[OrganisationReplies]:
    """Every seat on the meeting day, per organisation, with the answers and who stands in: three queries."""
    memberships = eligible_memberships(session, meeting)
    replies = {reply.user_id: reply for reply in session.scalars(
        sa.select(MeetingReply).where(MeetingReply.meeting_id == meeting.id))}
    called = set(session.scalars(sa.select(DeputyCallIn.deputy_membership_id)
                                 .where(DeputyCallIn.meeting_id == meeting.id)))
    deputies_of = {m.stands_in_for_id: m for m in memberships if m.seat is Seat.DEPUTY and m.stands_in_for_id}
    paired = {deputy.id for deputy in deputies_of.values()}
    present = {m.id for m in memberships}
    groups: dict[int, OrganisationReplies] = {}
    for membership in memberships:
        if membership.id in paired and membership.stands_in_for_id in present:
            continue
        deputy = deputies_of.get(membership.id)
        seat = SeatReplies(membership, replies.get(membership.user_id), deputy,
                           replies.get(deputy.user_id) if deputy else None,
                           deputy is not None and deputy.id in called)
        groups.setdefault(membership.organisation_id, OrganisationReplies(membership.organisation)).seats.append(seat)
    return list(groups.values())


def coming_memberships(session: Session, meeting: Meeting, memberships: list[Membership]) -> list[int]:
    """The seats whose holder answered that they come: where recording attendance starts."""
    coming = set(session.scalars(sa.select(MeetingReply.user_id).where(
        MeetingReply.meeting_id == meeting.id, MeetingReply.coming.is_(True))))
    return [membership.id for membership in memberships if membership.user_id in coming]
