"""SQL pieces the figures are built from: Swedish dates of UTC timestamps, and working-day ordinals."""

from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from councilportal.timeutil import is_working_day

EPOCH = date(2000, 1, 1)


def day_number(day: date) -> int:
    """Days since EPOCH: what swedish_day_number gives in SQL."""
    return (day - EPOCH).days


class SwedishDayNumber(sa.sql.expression.ColumnElement):
    """The Swedish calendar day of a stored UTC timestamp (or of a date), as days since EPOCH.

    An integer rather than a date, so that both databases compare, subtract and join it alike.
    """

    inherit_cache = True
    type = sa.Integer()
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("is_timestamp", InternalTraversal.dp_boolean)]

    def __init__(self, column, is_timestamp: bool = True):
        self.column = sa.sql.coercions.expect(sa.sql.roles.ExpressionElementRole, column)
        self.is_timestamp = is_timestamp


def swedish_day_number(timestamp) -> SwedishDayNumber:
    return SwedishDayNumber(timestamp, True)


def date_day_number(day_column) -> SwedishDayNumber:
    return SwedishDayNumber(day_column, False)


@compiles(SwedishDayNumber, "postgresql")
def _postgresql_day_number(element: SwedishDayNumber, compiler, **kw) -> str:
    column = compiler.process(element.column, **kw)
    if element.is_timestamp:
        column = f"CAST(({column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Stockholm' AS DATE)"
    return f"({column} - DATE '{EPOCH.isoformat()}')"


@compiles(SwedishDayNumber)
def _sqlite_day_number(element: SwedishDayNumber, compiler, **kw) -> str:
    column = compiler.process(element.column, **kw)
    offset = "'+0 hours'"
    if element.is_timestamp:
        # SQLite knows no time zones: Swedish summer time runs from 01:00 UTC on the last Sunday of March
        # to 01:00 UTC on the last Sunday of October (the first Sunday on or after the 25th).
        def change(month: str) -> str:
            return f"datetime(date(strftime('%Y', {column}) || '-{month}-25', 'weekday 0'), '+1 hour')"

        offset = (f"CASE WHEN {column} >= {change('03')} AND {column} < {change('10')} "
                  f"THEN '+2 hours' ELSE '+1 hour' END")
    return f"CAST(julianday({column}, {offset}) - julianday('{EPOCH.isoformat()}') AS INTEGER)"


# 2000-01-03, the first Monday after EPOCH: weeks are counted from it.
FIRST_MONDAY = 2


def weekday_holidays(first: date, last: date) -> list[int]:
    """The day numbers of the Swedish public holidays between `first` and `last` that fall on a weekday."""
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return [day_number(day) for day in days if day.weekday() < 5 and not is_working_day(day)]


def working_day_ordinal(number: sa.ColumnElement, holidays: list[int]) -> sa.ColumnElement[int]:
    """The working days from the first Monday after EPOCH up to and including the day `number` (a day number,
    from 2000-01-03 on): the weekdays, less the weekday holidays up to it. Two days' ordinals differ by
    timeutil.working_days_between of the two. `holidays` must cover every day the ordinal is asked of.

    Arithmetic and one CASE, so that it costs the same on both databases and needs no table.
    """
    since_monday = number - FIRST_MONDAY
    weeks, weekday = since_monday // 7, since_monday % 7
    weekdays = weeks * 5 + sa.case((weekday >= 4, 5), else_=weekday + 1)
    if not holidays:
        return weekdays
    holidays_up_to = sa.case(*((number < holiday, index) for index, holiday in enumerate(sorted(holidays))),
                             else_=len(holidays))
    return weekdays - holidays_up_to
