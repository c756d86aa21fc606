"""The compensation rules on a table of cases worked out by hand: no application, no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from councilportal.compensation import amounts
from councilportal.compensation.models import CompensationRule, RuleKind, TravelKind

# 400 kr for the first hour and 150 kr for each started half hour after it; 2,50 kr per km.
HOURLY = CompensationRule(kind=RuleKind.HOURLY, valid_from=date(2026, 1, 1), meeting_fee_ore=0,
                          first_hour_ore=40000, half_hour_ore=15000, km_rate_ore=250)
PER_MEETING = CompensationRule(kind=RuleKind.PER_MEETING, valid_from=date(2026, 1, 1), meeting_fee_ore=52550,
                               first_hour_ore=0, half_hour_ore=0, km_rate_ore=185)
START = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("minutes", "expected_ore"), [
    (0, 40000),        # a meeting that ends as it starts: the first hour is the least paid
    (45, 40000),       # shorter than an hour: the first hour
    (60, 40000),       # exactly an hour: nothing started after it
    (61, 55000),       # one minute over: a half hour started, 400 + 150
    (90, 55000),       # that half hour full: still one
    (91, 70000),       # one minute into the second: 400 + 2 × 150
    (120, 70000),
    (121, 85000),      # 400 + 3 × 150
    (180, 100000),     # three hours: 400 + 4 × 150 = 1 000 kr
])
def test_hourly_fee_across_the_half_hour_edges(minutes, expected_ore):
    assert amounts.meeting_fee_ore(HOURLY, minutes) == expected_ore


@pytest.mark.parametrize("minutes", [30, 60, 61, 240])
def test_a_fee_per_meeting_does_not_depend_on_the_length(minutes):
    assert amounts.meeting_fee_ore(PER_MEETING, minutes) == 52550


@pytest.mark.parametrize(("length", "minutes"), [
    (timedelta(hours=1), 60),
    (timedelta(hours=1, seconds=1), 61),  # a started minute counts
    (timedelta(hours=1, minutes=30), 90),
    (timedelta(minutes=-5), 0),
])
def test_the_length_of_a_meeting_in_minutes(length, minutes):
    assert amounts.meeting_minutes(START, START + length) == minutes


@pytest.mark.parametrize(("rule", "kind", "km", "ticket", "expected_ore"), [
    (HOURLY, TravelKind.KM, 37, 0, 9250),          # 37 km × 2,50 kr = 92,50 kr
    (PER_MEETING, TravelKind.KM, 3, 0, 555),       # 3 × 1,85 kr = 5,55 kr, exactly
    (HOURLY, TravelKind.TICKET, 0, 5600, 5600),    # the ticket's price
    (HOURLY, TravelKind.NONE, 12, 5600, 0),        # no travel claimed: whatever else was typed
])
def test_travel(rule, kind, km, ticket, expected_ore):
    assert amounts.travel_ore(rule, kind, km, ticket) == expected_ore


@pytest.mark.parametrize(("typed", "ore"), [
    ("1 234,50", 123450), ("1234.5", 123450), ("1\u00a0234,50 kr", 123450), ("0,10", 10), ("7", 700),
    ("1 000 000", 100_000_000), ("0,1", 10), ("0.29", 29),
])
def test_typed_kronor_become_exact_ore(typed, ore):
    assert amounts.parse_kronor(typed) == ore


@pytest.mark.parametrize(("typed", "reason"), [
    ("-5", "negative"), ("abc", "not_a_number"), ("1,234", "not_a_number"), ("1e20", "not_a_number"),
    ("NaN", "not_a_number"), ("1 000 000,01", "too_large"), ("100000000000000000000", "too_large"),
])
def test_bad_amounts_are_refused_with_a_reason(typed, reason):
    with pytest.raises(amounts.AmountError, match=reason):
        amounts.parse_kronor(typed)


def test_amounts_are_shown_swedish_style_and_for_a_spreadsheet():
    assert amounts.kronor(123450) == "1\u00a0234,50\u00a0kr"
    assert amounts.kronor(5) == "0,05\u00a0kr"
    assert amounts.kronor_for_spreadsheet(123450) == "1234,50"
    assert amounts.kronor_for_spreadsheet(5) == "0,05"
