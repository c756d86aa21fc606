"""Meetings for tests, made through the models."""

import io
import itertools
from datetime import datetime, time, timedelta

from werkzeug.datastructures import FileStorage

from councilportal.councils.models import Council
from councilportal.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState
from councilportal.timeutil import STOCKHOLM, now_utc, today_in_sweden
from councilportal.uploads import store_upload

_sequence = itertools.count(1)


def next_week_at_one() -> datetime:
    """13.00 Swedish time a week from today, as aware UTC."""
    day = today_in_sweden() + timedelta(days=7)
    return datetime.combine(day, time(13, 0), tzinfo=STOCKHOLM).astimezone(now_utc().tzinfo)


def make_meeting(session, council: Council, *, state: MeetingState = MeetingState.DRAFT,
                 starts_at: datetime | None = None, duration: timedelta = timedelta(hours=2),
                 items: int = 0, title: str | None = None, created_by=None, **fields) -> Meeting:
    """A meeting of `council` with `items` numbered agenda items; the state's timestamps are set too."""
    number = next(_sequence)
    starts_at = starts_at or next_week_at_one()
    now = now_utc()
    meeting = Meeting(council=council, title=title or f"Rådsmöte {number}", starts_at=starts_at,
                      ends_at=starts_at + duration, state=state, created_by_id=created_by.id if created_by else None,
                      **fields)
    if state is not MeetingState.DRAFT:
        meeting.published_at = now
    if state is MeetingState.CANCELLED:
        meeting.cancelled_at = now
        meeting.sequence = 1
    if state is MeetingState.MINUTES_APPROVED:
        meeting.minutes_approved_at = now
    meeting.agenda_items = [AgendaItem(position=position, title=f"Punkt {position}")
                            for position in range(1, items + 1)]
    session.add(meeting)
    session.flush()
    return meeting


PDF_BYTES = b"%PDF-1.4\n% en liten handling\n%%EOF\n"


def make_document(session, meeting: Meeting, *, item: AgendaItem | None = None, filename: str = "kallelse.pdf",
                  content: bytes = PDF_BYTES) -> MeetingDocument:
    """A document stored the way an upload is, so it can be downloaded."""
    stored = store_upload(session, FileStorage(io.BytesIO(content), filename=filename))
    document = MeetingDocument.of_upload(stored, meeting_id=meeting.id, agenda_item_id=item.id if item else None)
    session.add(document)
    session.flush()
    return document
