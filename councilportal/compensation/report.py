"""The payroll report: approved amounts per person and month, from every source of payable work.

Each source is one function `(council_id, first_month, last_month) -> Select` whose rows have the
columns of `SOURCE_COLUMNS`: the person, the first day of the month, the amounts in öre and whether
something changed after approval. The report unions the sources and sums them in SQL, so adding a
source (an audit team's hours, say) is writing one such function and listing it in `PAYABLE_SOURCES`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.compensation.models import ClaimState, CompensationClaim, PayrollIdentity
from councilportal.compensation.services import attendance_changed_clause
from councilportal.councils.models import Council

SOURCE_COLUMNS = ("user_id", "month", "fee_ore", "travel_ore", "lost_income_ore", "flagged")
PayableSource = Callable[[int, date, date], sa.Select]


def approved_meeting_claims(council_id: int, first_month: date, last_month: date) -> sa.Select:
    """Fees, travel and lost income of approved claims for the council's meetings."""
    return sa.select(
        CompensationClaim.user_id.label("user_id"),
        CompensationClaim.month.label("month"),
        CompensationClaim.fee_ore.label("fee_ore"),
        CompensationClaim.travel_ore.label("travel_ore"),
        CompensationClaim.lost_income_ore.label("lost_income_ore"),
        sa.case((attendance_changed_clause(), 1), else_=0).label("flagged"),
    ).where(CompensationClaim.council_id == council_id, CompensationClaim.state == ClaimState.APPROVED,
            CompensationClaim.month >= first_month, CompensationClaim.month <= last_month)


PAYABLE_SOURCES: tuple[PayableSource, ...] = (approved_meeting_claims,)


@dataclass(frozen=True)
class PayrollRow:
    month: date
    name: str
    email: str
    identifier: str  # what payroll matches on: the chosen identifier, or the e-mail address
    user_id: int
    fee_ore: int
    travel_ore: int
    lost_income_ore: int
    flagged: bool

    @property
    def total_ore(self) -> int:
        return self.fee_ore + self.travel_ore + self.lost_income_ore


def payroll_report(session: Session, council: Council, start: date, end: date,
                   sources: tuple[PayableSource, ...] = PAYABLE_SOURCES) -> list[PayrollRow]:
    """Per month and person, the approved amounts of the months from `start` to `end`; one query."""
    first_month, last_month = start.replace(day=1), end.replace(day=1)
    payable = sa.union_all(*(source(council.id, first_month, last_month) for source in sources)).subquery()
    statement = (
        sa.select(payable.c.month, User.name, User.email, PayrollIdentity.identifier, User.id,
                  sa.func.sum(payable.c.fee_ore), sa.func.sum(payable.c.travel_ore),
                  sa.func.sum(payable.c.lost_income_ore), sa.func.max(payable.c.flagged))
        .join(User, User.id == payable.c.user_id)
        .outerjoin(PayrollIdentity, PayrollIdentity.user_id == User.id)
        .group_by(payable.c.month, User.id, User.name, User.email, PayrollIdentity.identifier)
        .order_by(payable.c.month, User.name, User.id)
    )
    return [PayrollRow(_as_date(month), name, email, identifier or email, user_id, int(fee), int(travel),
                       int(income), bool(flagged))
            for month, name, email, identifier, user_id, fee, travel, income, flagged in session.execute(statement)]


def _as_date(value: date | str) -> date:
    """SQLite hands a date back from a union as its text."""
    return value if isinstance(value, date) else date.fromisoformat(value)
