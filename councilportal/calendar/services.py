"""Which meetings each calendar feed holds, and the cheap fingerprint that lets clients poll it."""

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session, lazyload, selectinload

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


def council_feed(council_id: int | sa.ColumnElement[int], since: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(Meeting.council_id == council_id, shown_in_calendars(), in_feed_window(since))


def _councils_in_personal_feed(user_id: sa.ColumnElement[int], today) -> sa.CompoundSelect:
    """Every council the person sits on `today` or coordinates, for a query about that person (`user_id`
    is a column of it)."""
    coordinated = (sa.select(council_coordinators.c.council_id)
                   .where(council_coordinators.c.user_id == user_id).correlate(User))
    sits_on = (sa.select(Membership.council_id)
               .where(Membership.user_id == user_id, Membership.is_active_on(today)).correlate(User))
    return sa.union(coordinated, sits_on)


def only_meeting(meeting_id: int) -> sa.ColumnElement[bool]:
    return Meeting.id == meeting_id


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


def _stamp_of(which: sa.ColumnElement[bool]) -> tuple[sa.ScalarSelect, sa.ScalarSelect]:
    """The feed's newest change and its size, as columns of an enclosing query: a conditional request
    is answered from that one query, without loading any meeting."""
    return (sa.select(sa.func.max(Meeting.updated_at)).where(which).scalar_subquery(),
            sa.select(sa.func.count(Meeting.id)).where(which).scalar_subquery())


def _stamp(last_modified: datetime | None, count: int) -> FeedStamp:
    if last_modified is not None and last_modified.tzinfo is None:
        last_modified = last_modified.replace(tzinfo=UTC)  # SQLite hands an aggregate back without its zone
    return FeedStamp(last_modified or EMPTY_FEED_LAST_MODIFIED, count)


# A feed is polled far more often than it changes, so the queries that answer a poll are put together
# once, with their values as parameters: building them anew took longer than running them.
@functools.cache
def _council_feed_state_query() -> sa.Select:
    # Without the owner the council loads along by default: a feed never shows it, and a 304 answers
    # sooner from a query with one join less to plan.
    return (sa.select(Council, *_stamp_of(council_feed(Council.id, sa.bindparam("since"))))
            .where(Council.slug == sa.bindparam("slug")).options(lazyload(Council.owner)))


def council_feed_state(session: Session, slug: str, since: datetime) -> tuple[Council, FeedStamp] | None:
    """The council at this address with its feed's stamp, in one query."""
    found = session.execute(_council_feed_state_query(), {"slug": slug, "since": since}).one_or_none()
    if found is None:
        return None
    council, last_modified, count = found
    return council, _stamp(last_modified, count)


@dataclass(frozen=True)
class PersonalFeedState:
    owner_id: int
    councils: list[int]
    stamp: FeedStamp


@functools.cache
def _personal_feed_state_query(sources: tuple["PrivateFeedSource", ...], dialect: str) -> sa.Select:
    since, today = sa.bindparam("since"), sa.bindparam("today")
    found_by_token = sa.and_(User.calendar_token == sa.bindparam("token"), User.active.is_(True))
    # The person's id alone: no feed shows anything else of them, and a 304 answers sooner without an
    # object to load.
    if dialect == "sqlite":
        # SQLite runs each subquery of the row on its own, so the owner and their councils are found once,
        # as named parts of the query (CTEs) that every stamp reads: 0.5 ms became 0.07. PostgreSQL answers
        # sooner from subqueries of the owner's row, which it plans as one: with CTEs it took twice as long.
        owner = sa.select(User.id).where(found_by_token).cte("feed_owner")
        owner_id = owner.c.id
        councils = _councils_in_personal_feed(owner_id, today).cte("feed_councils")
        query = sa.select(owner_id)
    else:
        owner_id = User.id
        councils = _councils_in_personal_feed(owner_id, today).subquery()
        query = sa.select(owner_id).where(found_by_token)
    which = sa.and_(Meeting.council_id.in_(sa.select(councils.c.council_id)), shown_in_calendars(),
                    in_feed_window(since))
    council_list = (sa.select(sa.func.aggregate_strings(sa.cast(councils.c.council_id, sa.String), ","))
                    .scalar_subquery())
    stamps = [_stamp_of(which), *(source.stamp(owner_id, since) for source in sources)]
    return query.add_columns(council_list, *(column for stamp in stamps for column in stamp))


def personal_feed_state(session: Session, token: str, since: datetime,
                        sources: Iterable["PrivateFeedSource"] = ()) -> PersonalFeedState | None:
    """The active person whose private feed `token` opens, their councils and the feed's stamp over the
    meetings and every other source's events, in one query; None for any other token (which the views
    turn into a bare 404)."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    # Columns alone, so the session's connection runs it without the ORM's part of the work.
    found = session.connection().execute(
        _personal_feed_state_query(tuple(sources), session.get_bind().dialect.name),
        {"token": token, "since": since, "today": today_in_sweden()}).one_or_none()
    if found is None:
        return None
    owner_id, council_text, *stamp_values = found
    # Sorted here: the database may aggregate in any order, and the ETag must not depend on it.
    council_ids = sorted(int(part) for part in council_text.split(",")) if council_text else []
    pairs = zip(stamp_values[::2], stamp_values[1::2], strict=True)
    return PersonalFeedState(owner_id, council_ids, combined_stamp(_stamp(changed, count) for changed, count in pairs))


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
    location: str = ""
    # Raised when the time or place changes, so that a calendar updates the event in place.
    sequence: int = 0


@dataclass(frozen=True)
class PrivateFeedSource:
    """Another domain's events for a person's private feed, registered on the app so that the calendar
    need not know the domain.

    `stamp` takes the feed owner's id (a column of the query that finds the owner) and the start of the
    feed's window, and gives the events' newest change and their number as two scalar subqueries: a
    conditional request is answered from that one query. `entries` takes the session, the feed owner's
    id and the start of the window, and loads the events."""

    stamp: Callable[[sa.ColumnElement[int], datetime], tuple[sa.ScalarSelect, sa.ScalarSelect]]
    entries: Callable[[Session, int, datetime], list[FeedEntry]]


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
    """The meeting with its council; its agenda loads only when its event is built."""
    return session.get(Meeting, meeting_id)


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
