"""The payroll report: approved amounts per person and month, from every source of payable work.

Each source is one function `(council_id, first_month, last_month) -> Select` whose rows have the
columns of `SOURCE_COLUMNS`: the person, the first day of the month, the amounts in öre, whether
something changed after approval, and the activity paid for (a key of `ACTIVITY_LABELS`). The report
unions the sources and sums them in SQL, so adding a source is writing one such function and listing
it in `PAYABLE_SOURCES`: an audit team's hours are one (compensation → audits).

The report runs over a set of councils (the payroll office pays every council from one file): each source
is asked once per council, its rows tagged with the council, and the union is summed per person, month,
activity and council in one query; the councils of one person, month and activity are then added up into one
row, which keeps the amounts per council beside it.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased

from councilportal.accounts.models import User
from councilportal.audits.models import Audit, AuditorHours
from councilportal.compensation import amounts
from councilportal.compensation.models import ClaimState, CompensationClaim, CompensationRule, PayrollIdentity
from councilportal.compensation.services import attendance_changed_clause
from councilportal.councils.models import Council, Membership, MembershipRole
from councilportal.organisations.models import Organisation, OrganisationKind

SOURCE_COLUMNS = ("user_id", "month", "fee_ore", "travel_ore", "lost_income_ore", "flagged", "activity")
PayableSource = Callable[[int, date, date], sa.Select]

MEETINGS = "meetings"
AUDITS = "audits"
ACTIVITY_LABELS = {MEETINGS: _l("Rådsmöten"), AUDITS: _l("Brukarrevision")}


def approved_meeting_claims(council_id: int, first_month: date, last_month: date) -> sa.Select:
    """Fees, travel and lost income of approved claims for the council's meetings."""
    return sa.select(
        CompensationClaim.user_id.label("user_id"),
        CompensationClaim.month.label("month"),
        CompensationClaim.fee_ore.label("fee_ore"),
        CompensationClaim.travel_ore.label("travel_ore"),
        CompensationClaim.lost_income_ore.label("lost_income_ore"),
        sa.case((attendance_changed_clause(), 1), else_=0).label("flagged"),
        sa.literal(MEETINGS).label("activity"),
    ).where(CompensationClaim.council_id == council_id, CompensationClaim.state == ClaimState.APPROVED,
            CompensationClaim.month >= first_month, CompensationClaim.month <= last_month)


def audit_days(council_id: int, first_month: date, last_month: date) -> sa.Select:
    """Auditors' days of work on the audits the council commissioned, paid by the council's rule of that day.

    A day's work is one person's hours on one audit on one day, summed: like a meeting, it earns the
    first-hour rate (also for less than an hour) and the half-hour rate for each started half hour after
    it, or, under a fee per meeting, one fee. Paid only to someone who sat for a user organisation on a
    council that day; a day without a rule earns nothing here.
    """
    day = (sa.select(AuditorHours.user_id, AuditorHours.worked_on,
                     _hundredths(sa.func.sum(AuditorHours.hours)).label("hundredths"))
           .join(Audit, Audit.id == AuditorHours.audit_id)
           .where(Audit.council_id == council_id, AuditorHours.worked_on >= first_month,
                  AuditorHours.worked_on < _month_after(last_month),
                  _sits_for_a_user_organisation(AuditorHours.user_id, AuditorHours.worked_on))
           .group_by(AuditorHours.user_id, AuditorHours.audit_id, AuditorHours.worked_on)
           .subquery())
    rules = aliased(CompensationRule)
    valid_from = (sa.select(sa.func.max(rules.valid_from))
                  .where(rules.council_id == council_id, rules.valid_from <= day.c.worked_on)
                  .correlate(day).scalar_subquery())
    return (
        sa.select(
            day.c.user_id.label("user_id"),
            FirstOfMonth(day.c.worked_on).label("month"),
            amounts.work_fee_ore_sql(CompensationRule, day.c.hundredths).label("fee_ore"),
            sa.literal(0).label("travel_ore"),
            sa.literal(0).label("lost_income_ore"),
            sa.literal(0).label("flagged"),
            sa.literal(AUDITS).label("activity"),
        )
        .join(CompensationRule, sa.and_(CompensationRule.council_id == council_id,
                                        CompensationRule.valid_from == valid_from))
    )


def _sits_for_a_user_organisation(user_id: sa.ColumnElement[int], day: sa.ColumnElement[date]
                                  ) -> sa.ColumnElement[bool]:
    """The payee rule of policies.is_paid_attendance for work outside a meeting: a representative of a user
    organisation on some council that day; officials are paid by their employer."""
    return sa.exists().where(
        Membership.user_id == user_id, Membership.is_active_on(day), Membership.role == MembershipRole.REPRESENTATIVE,
        Membership.organisation_id.in_(sa.select(Organisation.id).where(
            Organisation.kind == OrganisationKind.USER_ORGANISATION)))


def _hundredths(hours: sa.ColumnElement) -> sa.ColumnElement[int]:
    """Hours (kept to two decimals) as a whole number of hundredths, exact on both databases."""
    return sa.cast(sa.func.round(hours * 100), sa.Integer)


def _month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


class FirstOfMonth(sa.sql.functions.FunctionElement):
    """The first day of a date's month, in SQL."""

    type = sa.Date()
    inherit_cache = True


@compiles(FirstOfMonth, "postgresql")
def _first_of_month_postgresql(element, compiler, **kw) -> str:
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(FirstOfMonth)
def _first_of_month_sqlite(element, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


PAYABLE_SOURCES: tuple[PayableSource, ...] = (approved_meeting_claims, audit_days)


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
    activity: str = MEETINGS  # a key of ACTIVITY_LABELS
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
                  sa.func.sum(payable.c.lost_income_ore), sa.func.max(payable.c.flagged), payable.c.activity)
        .join(User, User.id == payable.c.user_id)
        .join(Council, Council.id == payable.c.council_id)
        .outerjoin(PayrollIdentity, PayrollIdentity.user_id == User.id)
        .group_by(payable.c.month, User.id, User.name, User.email, PayrollIdentity.identifier, payable.c.activity,
                  Council.id, Council.name)
        .order_by(payable.c.month, User.name, User.id, payable.c.activity.desc(), Council.name, Council.id)
    )
    rows: list[PayrollRow] = []
    for month, name, email, identifier, user_id, council, fee, travel, income, flagged, activity \
            in session.execute(statement):
        part = PayrollRow(_as_date(month), name, email, identifier or email, user_id, int(fee), int(travel),
                          int(income), bool(flagged), activity)
        part = dataclasses.replace(part, by_council=(CouncilAmount(council, part.total_ore),))
        if rows and (rows[-1].month, rows[-1].user_id, rows[-1].activity) == (part.month, part.user_id, part.activity):
            part = _added(rows.pop(), part)
        rows.append(part)
    return rows


def _added(first: PayrollRow, second: PayrollRow) -> PayrollRow:
    """One person's month of one activity on two councils as one row."""
    return dataclasses.replace(
        first, fee_ore=first.fee_ore + second.fee_ore, travel_ore=first.travel_ore + second.travel_ore,
        lost_income_ore=first.lost_income_ore + second.lost_income_ore, flagged=first.flagged or second.flagged,
        by_council=first.by_council + second.by_council)


def _as_date(value: date | str) -> date:
    """SQLite hands a date back from a union as its text."""
    return value if isinstance(value, date) else date.fromisoformat(value)
