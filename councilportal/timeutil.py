"""The portal's clock: stored in UTC, reasoned about in Europe/Stockholm."""

import functools
import importlib.util
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_in_sweden() -> date:
    return datetime.now(STOCKHOLM).date()


def stockholm_to_utc(local: datetime) -> datetime:
    """A wall-clock time typed in Sweden (naive) as aware UTC."""
    return local.replace(tzinfo=STOCKHOLM).astimezone(UTC)


def utc_to_stockholm_naive(moment: datetime) -> datetime:
    """The wall-clock time in Sweden, naive, as a datetime-local field shows it."""
    return moment.astimezone(STOCKHOLM).replace(tzinfo=None)


@functools.cache
def _swedish_calendar() -> type[holidays.HolidayBase]:
    """holidays' Sweden, loaded from its own file: `holidays.Sweden` imports the package
    holidays.countries, which loads all of its some 250 countries into every worker (7 MB)."""
    source = Path(holidays.__file__).parent / "countries" / "sweden.py"
    spec = importlib.util.spec_from_file_location("councilportal_swedish_holidays", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Sweden


@functools.lru_cache(maxsize=32)
def _days_off(year: int) -> frozenset[date]:
    # PUBLIC alone misses midsommarafton, julafton and nyårsafton, which Swedish law treats as
    # Sundays (DE_FACTO). Weekends are skipped by weekday, so Sundays need not be listed.
    calendar = _swedish_calendar()(years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO),
                                   include_sundays=False)
    return frozenset(calendar)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _days_off(day.year)


def working_days_after(start: date, count: int) -> date:
    """The date `count` working days after `start`, skipping weekends and Swedish public holidays."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`: 0 on the same day, 1 from a Friday to the next
    Monday; the inverse of working_days_after. Negative when `end` comes before `start`."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))
