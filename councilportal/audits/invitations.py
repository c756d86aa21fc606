"""Invitations to an audit's interview sessions and feedback meeting, as for meetings.

Each mail carries the event as an iCalendar invitation (METHOD:REQUEST, or CANCEL) with the UID the private
feed gives it, so a calendar that has the event from either updates it instead of adding another. The
calendar is built by the meetings' code (audits → meetings), for one attendee per mail.
"""

import enum
from collections.abc import Callable

from flask_babel import force_locale
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.audits.models import Audit
from councilportal.calendar.services import FeedEntry
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.meetings.ics import invitation_attachment, meeting_calendar


class Change(enum.Enum):
    """What a mail tells; the value is its template under templates/mail/ and the outbox's kind."""

    INVITED = "audit_session_invitation"
    UPDATED = "audit_session_updated"
    CANCELLED = "audit_session_cancelled"

    @property
    def method(self) -> str:
        return "CANCEL" if self is Change.CANCELLED else "REQUEST"


def invited_people(audit: Audit) -> list[User]:
    """The audit team and the unit's contact person: each active account once."""
    people = {member.user.id: member.user for member in audit.team}
    if audit.contact is not None:
        people.setdefault(audit.contact.id, audit.contact)
    return [person for person in people.values() if person.active]


def send_invitations(session: Session, audit: Audit, event: Callable[[], FeedEntry], change: Change) -> int:
    """One mail per invited person; `event` builds the event in the recipient's language. Returns how many."""
    template, method = change.value, change.method
    people = invited_people(audit)
    for person in people:
        with force_locale(person.locale):
            entry = event()
            calendar = meeting_calendar([], method=method, attendees=[person], entries=[entry])
        invitation = invitation_attachment(calendar, method)
        queue_mail(session, recipient=person.email, locale=person.locale, template=template, kind=template,
                   alternative=invitation, attachments=(invitation,), user=person, audit=audit, event=entry,
                   link=absolute_url("audits.detail", audit_id=audit.id))
    return len(people)
