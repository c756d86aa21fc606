from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from councilportal.extensions import Base
from councilportal.timeutil import now_utc


class VisitMark(Base):
    """When a person last opened the start page, and since when its "new" lines count for this visit.

    A visit lasts while the page is opened again within VISIT_GAP; the next visit shows what came
    after the previous one, and the list stays the same while the person reloads it.
    """

    __tablename__ = "visit_marks"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(default=now_utc)
    new_since: Mapped[datetime]
