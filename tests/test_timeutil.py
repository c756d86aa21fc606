"""The portal's calendar of Swedish days off, loaded without the holidays package's other countries."""

import subprocess
import sys
from datetime import date

import holidays
import pytest

from councilportal import timeutil


@pytest.mark.parametrize("year", [2004, 2005, 2025, 2026, 2040])
def test_the_days_off_are_holidays_own_swedish_ones(year):
    expected = holidays.Sweden(years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO), include_sundays=False)
    assert timeutil._days_off(year) == frozenset(expected)
    assert date(year, 12, 24) in timeutil._days_off(year)  # julafton: DE_FACTO, not PUBLIC


def test_working_days_leave_the_other_countries_unloaded():
    """Every country holidays knows would add 7 MB to each web worker."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from datetime import date; from councilportal import timeutil; "
         "timeutil.working_days_after(date(2026, 6, 18), 3); "
         "print(sum(name.startswith('holidays.countries') for name in sys.modules))"],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "0"
