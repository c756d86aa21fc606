"""The list queries: filters and what counts as overdue."""

from datetime import date, timedelta

import pytest

from councilportal.viewpoints.models import ViewpointState, Visibility
from councilportal.viewpoints.queries import ViewpointFilters, filter_viewpoints, is_overdue, visible_viewpoints
from tests.factories import make_organisation, make_unit
from tests.viewpoints.factories import make_viewpoint

TODAY = date(2026, 11, 24)


def titles(session, filters: ViewpointFilters, user=None, today=TODAY) -> set[str]:
    statement = filter_viewpoints(visible_viewpoints(user, today), filters, today)
    return {viewpoint.title for viewpoint in session.scalars(statement)}


@pytest.fixture
def spread(session, world):
    """Viewpoints that differ in one criterion each, seen by the admin."""
    other_organisation = make_organisation(session, "Attention Test")
    other_unit = make_unit(session, world.municipality, "Boendestöd")

    def viewpoint(title, **fields):
        fields.setdefault("council", world.council)
        fields.setdefault("organisation", world.user_organisation)
        return make_viewpoint(session, fields.pop("council"), fields.pop("organisation"), world.representative,
                              title=title, **fields)

    viewpoint("Kallelser i tid", subject="Möten", year=2025)
    viewpoint("Öppna rådets fråga", council=world.public_council, visibility=Visibility.PUBLIC, published=True)
    viewpoint("Attentions fråga", organisation=other_organisation)
    viewpoint("Boendestödets svar", unit=other_unit, state=ViewpointState.RECEIVED, deadline=TODAY)
    viewpoint("Försenad väntan", unit=world.unit, state=ViewpointState.IN_PROGRESS,
              deadline=TODAY - timedelta(days=1))
    viewpoint("Besvarad i tid", unit=world.unit, state=ViewpointState.ANSWERED, deadline=TODAY - timedelta(days=9))
    viewpoint("Återtagen", state=ViewpointState.WITHDRAWN, deadline=TODAY - timedelta(days=9))
    session.commit()
    return {"organisation": other_organisation, "unit": other_unit}


def test_each_filter_narrows_the_list_to_what_it_names(session, world, spread):
    admin = world.admin
    assert titles(session, ViewpointFilters(council_id=world.public_council.id), admin) == {"Öppna rådets fråga"}
    assert titles(session, ViewpointFilters(state=ViewpointState.RECEIVED), admin) == {"Boendestödets svar"}
    assert titles(session, ViewpointFilters(organisation_id=spread["organisation"].id), admin) == {"Attentions fråga"}
    assert titles(session, ViewpointFilters(unit_id=spread["unit"].id), admin) == {"Boendestödets svar"}
    assert titles(session, ViewpointFilters(subject="möten"), admin) == {"Kallelser i tid"}
    assert titles(session, ViewpointFilters(year=2025), admin) == {"Kallelser i tid"}
    assert len(titles(session, ViewpointFilters(), admin)) == 7


def test_filters_combine(session, world, spread):
    filters = ViewpointFilters(council_id=world.council.id, unit_id=world.unit.id, state=ViewpointState.ANSWERED)
    assert titles(session, filters, world.admin) == {"Besvarad i tid"}


def test_overdue_means_past_the_deadline_without_a_final_answer(session, world, spread):
    """Due today is not late yet; answered and withdrawn ones are never late."""
    assert titles(session, ViewpointFilters(overdue=True), world.admin) == {"Försenad väntan"}
    tomorrow = TODAY + timedelta(days=1)
    assert titles(session, ViewpointFilters(overdue=True), world.admin, tomorrow) == {
        "Försenad väntan", "Boendestödets svar"}


def test_filters_never_widen_what_a_person_may_see(session, world, spread):
    everything_public = titles(session, ViewpointFilters(council_id=world.council.id), None)
    assert everything_public == set()
    assert titles(session, ViewpointFilters(), None) == {"Öppna rådets fråga"}


def test_the_overdue_rule_in_python_agrees_with_the_sql(session, world, spread):
    for day in (TODAY, TODAY + timedelta(days=1)):
        in_sql = titles(session, ViewpointFilters(overdue=True), world.admin, day)
        in_python = {v.title for v in session.scalars(visible_viewpoints(world.admin)) if is_overdue(v, day)}
        assert in_python == in_sql
