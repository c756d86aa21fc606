"""The portal's clock: stored in UTC, reasoned about in Europe/Stockholm."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_in_sweden() -> date:
    return datetime.now(STOCKHOLM).date()
