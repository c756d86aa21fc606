"""The payroll report: approved amounts per person and month, from every source of payable work.

Each source is one function `(council_id, first_month, last_month) -> Select` whose rows have the
columns of `SOURCE_COLUMNS`: the person, the first day of the month, the amounts in öre and whether
something changed after approval. The report unions the sources and sums them in SQL, so adding a
source (an audit team's hours, say) is writing one such function and listing it in `PAYABLE_SOURCES`.

The report runs over a set of councils (the payroll office pays every council from one file): each source
is asked once per council, its rows tagged with the council, and the union is summed per person, month and
council in one query; the councils of one person and month are then added up into one row, which keeps
the amounts per council beside it.
"""

import dataclasses
from collections.abc import Callable, Iterable
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
class CouncilAmount:
    """What one council pays a person in a month, in öre."""

    council: str
    total_ore: int


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
    by_council: tuple[CouncilAmount, ...] = ()

    @property
    def total_ore(self) -> int:
        return self.fee_ore + self.travel_ore + self.lost_income_ore


def payroll_report(session: Session, council: Council, start: date, end: date,
                   sources: tuple[PayableSource, ...] = PAYABLE_SOURCES) -> list[PayrollRow]:
    """Per month and person, the council's approved amounts of the months from `start` to `end`; one query."""
    return payroll_across_councils(session, [council], start, end, sources)


def payroll_across_councils(session: Session, councils: Iterable[Council], start: date, end: date,
                            sources: tuple[PayableSource, ...] = PAYABLE_SOURCES) -> list[PayrollRow]:
    """Per month and person, the approved amounts of the months from `start` to `end` summed over `councils`,
    with each council's part; one query."""
    councils = sorted(councils, key=lambda council: council.id)
    if not councils:
        return []
    first_month, last_month = start.replace(day=1), end.replace(day=1)
    payable = sa.union_all(*(
        source(council.id, first_month, last_month).add_columns(sa.literal(council.id).label("council_id"))
        for council in councils for source in sources
    )).subquery()
    statement = (
        sa.select(payable.c.month, User.name, User.email, PayrollIdentity.identifier, User.id, Council.name,
                  sa.func.sum(payable.c.fee_ore), sa.func.sum(payable.c.travel_ore),
                  sa.func.sum(payable.c.lost_income_ore), sa.func.max(payable.c.flagged))
        .join(User, User.id == payable.c.user_id)
        .join(Council, Council.id == payable.c.council_id)
        .outerjoin(PayrollIdentity, PayrollIdentity.user_id == User.id)
        .group_by(payable.c.month, User.id, User.name, User.email, PayrollIdentity.identifier, Council.id,
                  Council.name)
        .order_by(payable.c.month, User.name, User.id, Council.name, Council.id)
    )
    rows: list[PayrollRow] = []
    for month, name, email, identifier, user_id, council, fee, travel, income, flagged \
            in session.execute(statement):
        part = PayrollRow(_as_date(month), name, email, identifier or email, user_id, int(fee), int(travel),
                          int(income), bool(flagged))
        part = dataclasses.replace(part, by_council=(CouncilAmount(council, part.total_ore),))
        if rows and (rows[-1].month, rows[-1].user_id) == (part.month, part.user_id):
            part = _added(rows.pop(), part)
        rows.append(part)
    return rows


def _added(first: PayrollRow, second: PayrollRow) -> PayrollRow:
    """One person's month on two councils as one row."""
    return dataclasses.replace(
        first, fee_ore=first.fee_ore + second.fee_ore, travel_ore=first.travel_ore + second.travel_ore,
        lost_income_ore=first.lost_income_ore + second.lost_income_ore, flagged=first.flagged or second.flagged,
        by_council=first.by_council + second.by_council)


def _as_date(value: date | str) -> date:
    """SQLite hands a date back from a union as its text."""
    return value if isinstance(value, date) else date.fromisoformat(value)
