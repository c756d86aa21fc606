"""Which meetings each calendar feed holds, and the cheap fingerprint that lets clients poll it."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session, selectinload

from councilportal.accounts.models import User, new_calendar_token
from councilportal.accounts.services import audit
from councilportal.councils.models import Council, Membership, council_coordinators
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.timeutil import today_in_sweden

# An empty feed's Last-Modified: older than any meeting that may join it later.
EMPTY_FEED_LAST_MODIFIED = datetime(1970, 1, 1, tzinfo=UTC)

# Calendar tokens are made by secrets.token_urlsafe(24): 32 characters. Anything far off that is not a token.
TOKEN_MAX_LENGTH = 64


def shown_in_calendars() -> sa.ColumnElement[bool]:
    """Drafts never leave the portal; a cancelled meeting stays, marked CANCELLED."""
    return Meeting.state != MeetingState.DRAFT


def in_feed_window(since: datetime) -> sa.ColumnElement[bool]:
    """Feeds cover a window, so that a feed stays small however many years a council has met."""
    return Meeting.starts_at >= since


def council_feed(council: Council, since: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(Meeting.council_id == council.id, shown_in_calendars(), in_feed_window(since))


def personal_feed_councils(session: Session, user: User) -> list[int]:
    """Every council the person sits on today or coordinates, by id, in one query."""
    today = today_in_sweden()
    coordinated = sa.select(council_coordinators.c.council_id).where(council_coordinators.c.user_id == user.id)
    sits_on = sa.select(Membership.council_id).where(Membership.user_id == user.id, Membership.is_active_on(today))
    return sorted(session.scalars(sa.union(coordinated, sits_on)))


def personal_feed(councils: list[int], since: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(Meeting.council_id.in_(councils), shown_in_calendars(), in_feed_window(since))


@dataclass(frozen=True)
class FeedStamp:
    """What changes whenever a feed's content does: every change of a meeting bumps its updated_at,
    and a meeting joining or leaving the feed changes the count.

    Only the ETag sees the count: a client that sends If-Modified-Since alone misses a meeting that
    leaves the feed without any other change, until the next one. Calendar programs send the ETag.
    """

    last_modified: datetime
    count: int

    def etag(self, *variant: object) -> str:
        """`variant`: whatever else shapes the body, such as the language of its words."""
        seed = "|".join(str(part) for part in (self.last_modified.isoformat(), self.count, *variant))
        return hashlib.sha256(seed.encode()).hexdigest()[:32]


def feed_stamp(session: Session, which: sa.ColumnElement[bool]) -> FeedStamp:
    """One aggregate query, so a conditional request is answered without loading any meeting."""
    last_modified, count = session.execute(
        sa.select(sa.func.max(Meeting.updated_at), sa.func.count(Meeting.id)).where(which)
    ).one()
    return FeedStamp(last_modified or EMPTY_FEED_LAST_MODIFIED, count)


def combined_stamp(stamps: Iterable[FeedStamp]) -> FeedStamp:
    stamps = list(stamps)
    return FeedStamp(max(stamp.last_modified for stamp in stamps), sum(stamp.count for stamp in stamps))


@dataclass(frozen=True)
class FeedEntry:
    """An event other than a meeting in a person's private feed, such as an audit's interview session."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    url: str
    last_modified: datetime


@dataclass(frozen=True)
class PrivateFeedSource:
    """Another domain's events for a person's private feed, registered on the app so that the calendar
    need not know the domain: `stamp` answers a conditional request cheaply, `entries` loads the events.
    Both take the session, the feed's owner and the start of the feed's window."""

    stamp: Callable[[Session, User, datetime], FeedStamp]
    entries: Callable[[Session, User, datetime], list[FeedEntry]]


_SOURCES = "councilportal.private_feed_sources"


def add_private_feed_source(app: Flask, source: PrivateFeedSource) -> None:
    app.extensions.setdefault(_SOURCES, []).append(source)


def private_feed_sources(app: Flask) -> list[PrivateFeedSource]:
    return app.extensions.get(_SOURCES, [])


def meeting_stamp(meeting: Meeting) -> FeedStamp:
    return FeedStamp(meeting.updated_at, 1)


def feed_meetings(session: Session, which: sa.ColumnElement[bool]) -> list[Meeting]:
    """The meetings with what their events show: two queries however many meetings there are."""
    return list(session.scalars(
        sa.select(Meeting).where(which).options(selectinload(Meeting.agenda_items))
        .order_by(Meeting.starts_at, Meeting.id)
    ))


def find_meeting(session: Session, meeting_id: int) -> Meeting | None:
    return session.scalar(
        sa.select(Meeting).where(Meeting.id == meeting_id).options(selectinload(Meeting.agenda_items))
    )


def find_feed_owner(session: Session, token: str) -> User | None:
    """The active person whose private feed `token` opens, or None (which the views turn into a bare 404)."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return session.scalar(sa.select(User).where(User.calendar_token == token, User.active.is_(True)))


def regenerate_calendar_token(session: Session, user: User) -> None:
    """A new private feed address; the old one stops working at once (someone else may have it)."""
    user.calendar_token = new_calendar_token()
    audit(session, user, "calendar_token_regenerated", subject=user)
    session.flush()
