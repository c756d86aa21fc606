"""Money as integer öre: reading what people type, computing the fee, and showing it Swedish style.

Pure functions (no application needed), so the rules are tested on a table of cases worked out by hand;
work_fee_ore_sql is the fee rule as an SQL expression, tested on the same kind of table through the database.
"""

import math
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from babel.numbers import format_currency

from councilportal.compensation.models import CompensationRule, RuleKind, TravelKind

ORE_PER_KRONA = 100
FIRST_HOUR_MINUTES = 60
HALF_HOUR_MINUTES = 30
HUNDREDTHS_PER_HOUR = 100
HUNDREDTHS_PER_HALF_HOUR = 50
# A claim or a rate above a million kronor is a typing error, not a fee for a council meeting.
LARGEST_AMOUNT_ORE = 1_000_000 * ORE_PER_KRONA
LARGEST_TRAVEL_KM = 5_000
# Spaces people and spreadsheets put between thousands: plain, no-break and narrow no-break.
_THOUSANDS_SPACES = re.compile(r"[ \u00a0\u202f]")
_AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")


class AmountError(ValueError):
    """What is wrong with a typed amount, said so that the person can correct it."""


def parse_kronor(text: str) -> int:
    """ "1 234,50", "1234.5", "1 234 kr" -> öre. Raises AmountError for anything else."""
    cleaned = _THOUSANDS_SPACES.sub("", text.strip()).removesuffix("kr").removesuffix(":-")
    if cleaned.startswith("-"):
        raise AmountError("negative")
    if not _AMOUNT.fullmatch(cleaned):
        raise AmountError("not_a_number")
    try:
        kronor = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:
        raise AmountError("not_a_number") from error
    ore = int(kronor * ORE_PER_KRONA)
    if ore > LARGEST_AMOUNT_ORE:
        raise AmountError("too_large")
    return ore


def meeting_minutes(starts_at: datetime, ends_at: datetime) -> int:
    """Whole minutes the meeting lasted; a started minute counts."""
    seconds = (ends_at - starts_at).total_seconds()
    return max(0, math.ceil(seconds / 60))


def started_half_hours_after_first_hour(minutes: int) -> int:
    return max(0, math.ceil((minutes - FIRST_HOUR_MINUTES) / HALF_HOUR_MINUTES))


def meeting_fee_ore(rule: CompensationRule, minutes: int) -> int:
    """A fee per meeting; or the first-hour rate (also for a shorter meeting) plus a rate for each
    started half hour after it."""
    if rule.kind is RuleKind.PER_MEETING:
        return rule.meeting_fee_ore
    return rule.first_hour_ore + started_half_hours_after_first_hour(minutes) * rule.half_hour_ore


def work_fee_ore_sql(rule, hundredths: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    """meeting_fee_ore in SQL, for work counted in hundredths of an hour (an auditor's day): a fee per
    meeting is one fee; hourly is the first-hour rate plus the half-hour rate for each started half hour
    after the first hour. `rule` is CompensationRule (or an alias of it) in the query. Whole numbers only:
    integer division rounds down on both databases, so a started half hour is (hundredths - 51) // 50."""
    started = sa.case((hundredths > HUNDREDTHS_PER_HOUR,
                       (hundredths - (HUNDREDTHS_PER_HALF_HOUR + 1)) // HUNDREDTHS_PER_HALF_HOUR), else_=0)
    return sa.case((rule.kind == RuleKind.PER_MEETING, rule.meeting_fee_ore),
                   else_=rule.first_hour_ore + rule.half_hour_ore * started)


def travel_ore(rule: CompensationRule, kind: TravelKind, km: int, ticket_ore: int) -> int:
    if kind is TravelKind.KM:
        return km * rule.km_rate_ore
    if kind is TravelKind.TICKET:
        return ticket_ore
    return 0


def kronor(ore: int, locale: str = "sv") -> str:
    """1 234,50 kr (sv) or SEK 1,234.50 (en): exact, from Decimal, never float."""
    return format_currency(Decimal(ore) / ORE_PER_KRONA, "SEK", locale=locale)


def kronor_for_spreadsheet(ore: int) -> str:
    """1234,50: a number Excel with Swedish settings reads as a number (no thousands separator, no unit)."""
    sign = "-" if ore < 0 else ""
    whole, rest = divmod(abs(ore), ORE_PER_KRONA)
    return f"{sign}{whole},{rest:02d}"
