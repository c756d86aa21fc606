"""The rule "a membership is active on a day" holds the same in Python and in SQL."""

from datetime import date

import pytest
import sqlalchemy as sa

from councilportal.councils.models import Membership
from tests.factories import make_membership

TERMS = {
    "one day": (date(2027, 3, 10), date(2027, 3, 10)),
    "spring": (date(2027, 1, 1), date(2027, 6, 30)),
    "open-ended": (date(2027, 3, 1), None),
    "ended last year": (date(2025, 1, 1), date(2026, 12, 31)),
    "not begun": (date(2028, 1, 1), date(2029, 12, 31)),
}
DAYS = [date(2026, 12, 31), date(2027, 1, 1), date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 9),
        date(2027, 3, 10), date(2027, 3, 11), date(2027, 6, 30), date(2027, 7, 1), date(2027, 12, 31),
        date(2028, 1, 1), date(2029, 12, 31), date(2030, 1, 1), date(2099, 1, 1)]

# Written out by hand, not derived from the rule, so that either side breaking fails here.
ACTIVE = {
    "one day": {date(2027, 3, 10)},
    "spring": {date(2027, 1, 1), date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 9), date(2027, 3, 10),
               date(2027, 3, 11), date(2027, 6, 30)},
    "open-ended": {date(2027, 3, 1), date(2027, 3, 9), date(2027, 3, 10), date(2027, 3, 11), date(2027, 6, 30),
                   date(2027, 7, 1), date(2027, 12, 31), date(2028, 1, 1), date(2029, 12, 31), date(2030, 1, 1),
                   date(2099, 1, 1)},
    "ended last year": {date(2026, 12, 31)},
    "not begun": {date(2028, 1, 1), date(2029, 12, 31)},
}


@pytest.fixture
def memberships(session, world):
    made = {name: make_membership(session, world.council, world.outsider, world.user_organisation,
                                  term_start=start, term_end=end)
            for name, (start, end) in TERMS.items()}
    session.commit()
    return made


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_python_and_sql_agree_on_who_is_active_on_each_day_first_and_last_day_included(session, memberships, day):
    expected = {name for name, days in ACTIVE.items() if day in days}
    in_python = {name for name, membership in memberships.items() if membership.is_active_on(day)}
    ids = {membership.id: name for name, membership in memberships.items()}
    in_sql = {ids[found] for found in session.scalars(
        sa.select(Membership.id).where(Membership.id.in_(ids), Membership.is_active_on(day)))}
    assert in_python == expected
    assert in_sql == expected
