"""What the open data API reads: public councils, their published meetings and their published public
viewpoints with answers, a page at a time.

Pages are keyset pages: each is read from an index, starting after the last row of the page before, so the
hundredth page costs what the first does and rows added meanwhile are neither skipped nor repeated. The
cursor that names "after the last row" is opaque to clients (base64 of the sort key) and checked when it
comes back: a cursor that does not decode is the client's error (DomainError, a 400), never a failure.
"""

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.councils.models import Council
from councilportal.errors import DomainError
from councilportal.extensions import LARGEST_INTEGER
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.opendata.policies import can_read_open_data
from councilportal.viewpoints.models import Viewpoint, ViewpointResponse, Visibility
from councilportal.viewpoints.queries import published_to_public

DEFAULT_LIMIT = 50
MAX_LIMIT = 100

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    items: list[Row]
    # The cursor of the next page, or None on the last one.
    next_cursor: str | None


# --- Cursors -------------------------------------------------------------------------------------


def encode_cursor(kind: str, key: Sequence) -> str:
    """An opaque cursor: the list it belongs to and the sort key of the last row of the page."""
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


BAD_CURSOR = "The cursor is not one this list gave out."


def _row_id(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= LARGEST_INTEGER:
        raise DomainError(BAD_CURSOR, "cursor")
    return value


def _moment(value) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is None:
        raise DomainError(BAD_CURSOR, "cursor")
    return moment.astimezone(UTC)


# list -> how its sort key is read back from a cursor
_KEYS = {
    "councils": (_row_id,),
    "meetings": (_moment, _row_id),
    "viewpoints": (_moment, _row_id),
}


def decode_cursor(kind: str, cursor: str | None) -> tuple | None:
    """The sort key a cursor of list `kind` names, checked; None for the first page."""
    if cursor is None:
        return None
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        decoded = None
    readers = _KEYS[kind]
    if not isinstance(decoded, list) or len(decoded) != len(readers) + 1 or decoded[0] != kind:
        raise DomainError(BAD_CURSOR, "cursor")
    return tuple(read(value) for read, value in zip(readers, decoded[1:], strict=True))


def check_limit(value: str | None) -> int:
    """The page size asked for: 1 to MAX_LIMIT, DEFAULT_LIMIT when not given."""
    if value is None:
        return DEFAULT_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise DomainError(f"limit must be a whole number from 1 to {MAX_LIMIT}.", "limit")
    return int(value)


def _page(session: Session, statement: sa.Select, limit: int, kind: str, key_of) -> Page:
    """One more row than the page tells whether there is a next page, in the same query."""
    rows = list(session.scalars(statement.limit(limit + 1)).unique())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, encode_cursor(kind, key_of(rows[-1])) if more else None)


# --- Councils ------------------------------------------------------------------------------------


def public_council(session: Session, slug: str) -> Council | None:
    """The council of that slug if it is public; any other is as if it did not exist."""
    council = session.scalar(sa.select(Council).where(Council.slug == slug))
    return council if can_read_open_data(council) else None


def public_councils_statement(after: tuple | None) -> sa.Select:
    statement = sa.select(Council).where(Council.is_public.is_(True)).order_by(Council.id)
    if after is not None:
        statement = statement.where(Council.id > after[0])
    return statement


def public_councils(session: Session, after: tuple | None, limit: int) -> Page[Council]:
    return _page(session, public_councils_statement(after), limit, "councils", lambda council: [council.id])


# --- Meetings ------------------------------------------------------------------------------------

# What the public sees of a council's meetings: everything but drafts (a cancelled meeting stays, marked).
PUBLISHED_MEETING_STATES = (MeetingState.PUBLISHED, MeetingState.HELD, MeetingState.MINUTES_APPROVED,
                            MeetingState.CANCELLED)


def published_meetings_statement(council_id: int, after: tuple | None) -> sa.Select:
    """The council's published meetings by start time, oldest first, from ix_meetings_council_starts."""
    statement = (
        sa.select(Meeting)
        .where(Meeting.council_id == council_id, Meeting.state.in_(PUBLISHED_MEETING_STATES))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if after is not None:
        starts_at, last_id = after
        statement = statement.where(sa.or_(
            Meeting.starts_at > starts_at, sa.and_(Meeting.starts_at == starts_at, Meeting.id > last_id)))
    return statement


def published_meetings(session: Session, council: Council, after: tuple | None, limit: int) -> Page[Meeting]:
    return _page(session, published_meetings_statement(council.id, after), limit, "meetings",
                 lambda meeting: [meeting.starts_at.isoformat(), meeting.id])


# --- Viewpoints ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicViewpoint:
    viewpoint: Viewpoint
    responses: list[ViewpointResponse]


def published_viewpoints_statement(council_id: int, after: tuple | None) -> sa.Select:
    """The council's public viewpoints that a coordinator confirmed for the public, in the order they were
    published, from ix_viewpoints_council_published."""
    statement = (
        sa.select(Viewpoint)
        .where(Viewpoint.council_id == council_id, Viewpoint.visibility == Visibility.PUBLIC, published_to_public())
        .order_by(Viewpoint.published_at, Viewpoint.id)
    )
    if after is not None:
        published_at, last_id = after
        statement = statement.where(sa.or_(
            Viewpoint.published_at > published_at,
            sa.and_(Viewpoint.published_at == published_at, Viewpoint.id > last_id)))
    return statement


def published_viewpoints(session: Session, council: Council, after: tuple | None,
                         limit: int) -> Page[PublicViewpoint]:
    """A page of published viewpoints with their answers: two queries, however many."""
    page = _page(session, published_viewpoints_statement(council.id, after), limit, "viewpoints",
                 lambda viewpoint: [viewpoint.published_at.isoformat(), viewpoint.id])
    responses: dict[int, list[ViewpointResponse]] = {viewpoint.id: [] for viewpoint in page.items}
    if responses:
        for response in session.scalars(
            sa.select(ViewpointResponse).where(ViewpointResponse.viewpoint_id.in_(list(responses)))
            .order_by(ViewpointResponse.created_at, ViewpointResponse.id)
        ):
            responses[response.viewpoint_id].append(response)
    return Page([PublicViewpoint(viewpoint, responses[viewpoint.id]) for viewpoint in page.items],
                page.next_cursor)
