"""The portal's clock: stored in UTC, reasoned about in Europe/Stockholm."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

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
