"""Meeting rules: drafts, agenda, documents, publishing, updates and cancelling."""

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from councilportal.meetings.models import Meeting


def load_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """A meeting with its agenda and documents, in three queries whatever their number."""
    return session.scalar(
        sa.select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.agenda_items), selectinload(Meeting.documents))
        .execution_options(populate_existing=True)
    )
