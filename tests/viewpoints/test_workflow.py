from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from councilportal.answering.models import Outcome
from councilportal.errors import ChangedMeanwhile, DomainError
from councilportal.organisations.models import OrganisationKind
from councilportal.timeutil import today_in_sweden, working_days_after
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from councilportal.viewpoints.workflow import ViewpointFields
from tests.factories import make_council, make_membership, make_organisation, make_unit, make_user
from tests.viewpoints.factories import make_viewpoint


def submit(session, world, **fields):
    fields = {"title": "Längre öppettider", "body": "Mötesplatsen stänger för tidigt.", **fields}
    return workflow.submit_viewpoint(session, world.representative, world.council, world.user_organisation,
                                     ViewpointFields(**fields))


def kinds(session, viewpoint) -> list[EventKind]:
    return list(session.scalars(
        sa.select(ViewpointEvent.kind).where(ViewpointEvent.viewpoint_id == viewpoint.id).order_by(ViewpointEvent.id)))


# --- Reference numbers ---------------------------------------------------------------------------


def test_submitted_viewpoints_are_numbered_in_order_within_the_year(session, world):
    first, second = submit(session, world), submit(session, world, title="Andra")
    year = today_in_sweden().year
    assert (first.reference, second.reference) == (f"BR-{year}-0001", f"BR-{year}-0002")
    assert first.state is ViewpointState.SUBMITTED
    assert first.submitted_by == world.representative and first.organisation == world.user_organisation
    assert kinds(session, first) == [EventKind.SUBMITTED]


def test_the_serial_starts_again_each_year(session, world):
    year = today_in_sweden().year
    make_viewpoint(session, world.council, world.user_organisation, world.representative, year=year - 1, serial=41)
    assert submit(session, world).reference == f"BR-{year}-0001"


# --- Submitting: bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"title": "  "}, "title", "Skriv en rubrik."),
    ({"title": "x" * 201}, "title", "Högst 200 tecken."),
    ({"body": ""}, "body", "Skriv vad synpunkten gäller."),
    ({"body": "x" * 1_000_000}, "body", "Högst 20000 tecken."),
    ({"subject": "x" * 101}, "subject", "Högst 100 tecken."),
])
def test_a_viewpoint_with_bad_fields_is_refused_with_the_field_named(session, world, fields, field, message):
    with pytest.raises(DomainError) as refused:
        submit(session, world, **fields)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert session.scalar(sa.select(sa.func.count(Viewpoint.id))) == 0


def test_only_a_representative_of_the_council_submits(session, world):
    for person in (world.outsider, world.manager, world.coordinator):
        with pytest.raises(DomainError, match="brukarrepresentant"):
            workflow.submit_viewpoint(session, person, world.council, world.user_organisation,
                                      ViewpointFields("Titel", "Text"))
    with pytest.raises(DomainError, match="brukarrepresentant"):
        workflow.submit_viewpoint(session, world.representative, world.public_council, world.user_organisation,
                                  ViewpointFields("Titel", "Text"))


def test_a_representative_speaks_only_for_the_organisation_they_represent(session, world):
    with pytest.raises(DomainError) as refused:
        workflow.submit_viewpoint(session, world.representative, world.council, world.municipality,
                                  ViewpointFields("Titel", "Text"))
    assert refused.value.field == "organisation_id"


def test_a_former_representative_can_no_longer_submit(session, world):
    council = make_council(session, world.municipality)
    former = make_user(session)
    make_membership(session, council, former, world.user_organisation, term_start=date(2020, 1, 1),
                    term_end=date(2021, 12, 31))
    with pytest.raises(DomainError):
        workflow.submit_viewpoint(session, former, council, world.user_organisation, ViewpointFields("T", "B"))


# --- Working days --------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2026, 11, 2), 20, date(2026, 11, 30)),  # four plain weeks
    (date(2026, 11, 6), 1, date(2026, 11, 9)),  # Friday → Monday
    (date(2026, 12, 23), 1, date(2026, 12, 28)),  # julafton, juldagen, annandag jul, the weekend
    (date(2026, 12, 30), 2, date(2027, 1, 5)),  # nyårsafton, nyårsdagen, the weekend; across the year
    (date(2027, 1, 5), 1, date(2027, 1, 7)),  # trettondedag jul
    (date(2026, 6, 18), 1, date(2026, 6, 22)),  # midsommarafton
    (date(2027, 3, 25), 1, date(2027, 3, 30)),  # långfredagen, annandag påsk
    (date(2026, 5, 13), 1, date(2026, 5, 15)),  # Kristi himmelsfärdsdag
])
def test_deadlines_count_working_days_skipping_weekends_and_swedish_holidays(start, count, expected):
    assert working_days_after(start, count) == expected


def test_receipt_sets_the_configured_working_day_deadline_by_default(app, session, world):
    app.config["VIEWPOINT_ANSWER_WORKING_DAYS"] = 5
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit)
    assert viewpoint.deadline == working_days_after(today_in_sweden(), 5)
    assert viewpoint.state is ViewpointState.RECEIVED and viewpoint.received_at is not None
    assert kinds(session, viewpoint) == [EventKind.SUBMITTED, EventKind.RECEIVED, EventKind.ASSIGNED,
                                         EventKind.DEADLINE_SET]


def test_receipt_with_a_chosen_deadline_and_manager(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    chosen = today_in_sweden() + timedelta(days=40)
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager,
                           deadline=chosen)
    assert (viewpoint.deadline, viewpoint.responsible_manager, viewpoint.responsible_unit) == (
        chosen, world.manager, world.unit)
    assigned = session.scalar(sa.select(ViewpointEvent).where(ViewpointEvent.kind == EventKind.ASSIGNED))
    assert assigned.text == "Socialförvaltningen, Max Chef"


def test_a_deadline_before_receipt_is_refused(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    with pytest.raises(DomainError) as refused:
        workflow.mark_received(session, world.coordinator, viewpoint, deadline=today_in_sweden() - timedelta(days=1))
    assert refused.value.field == "deadline"


def test_assigning_needs_a_unit_or_a_manager_who_belongs_to_a_unit(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED)
    with pytest.raises(DomainError) as nobody:
        workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=None, manager=None)
    assert nobody.value.field == "unit_id"
    with pytest.raises(DomainError) as not_a_manager:
        workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=None, manager=world.outsider)
    assert not_a_manager.value.field == "manager_id"



def test_only_the_units_and_managers_of_the_council_owner_can_be_assigned(session, world):
    """The form offers only the owner's units and managers; the rule holds for every other caller too."""
    other_municipality = make_organisation(session, "Grannkommun", OrganisationKind.MUNICIPALITY)
    other_unit = make_unit(session, other_municipality, "Grannkommunens socialtjänst")
    other_manager = make_user(session, "Greta Grannchef", unit=other_unit)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    with pytest.raises(DomainError) as unit_elsewhere:
        workflow.mark_received(session, world.coordinator, viewpoint, unit=other_unit)
    assert unit_elsewhere.value.field == "unit_id" and "Testkommun" in unit_elsewhere.value.message
    with pytest.raises(DomainError) as manager_elsewhere:
        workflow.mark_received(session, world.coordinator, viewpoint, manager=other_manager)
    assert manager_elsewhere.value.field == "manager_id"
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit)
    with pytest.raises(DomainError) as reassigned_elsewhere:
        workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=other_manager)
    assert reassigned_elsewhere.value.field == "manager_id"
    assert viewpoint.responsible_manager is None


# --- Answers and verdicts ------------------------------------------------------------------------


def test_the_whole_way_from_submission_to_closing(session, world):
    viewpoint = submit(session, world)
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit)
    workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager)
    workflow.give_interim_answer(session, world.manager, viewpoint, "Vi utreder.")
    assert viewpoint.state is ViewpointState.IN_PROGRESS
    follow_up = today_in_sweden() + timedelta(days=90)
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Öppet till 20.", "Beslut i nämnden.", follow_up)
    assert viewpoint.state is ViewpointState.ANSWERED and viewpoint.answered_at is not None
    workflow.reopen_viewpoint(session, world.representative, viewpoint, "Gäller det helger också?")
    assert viewpoint.state is ViewpointState.IN_PROGRESS and viewpoint.answered_at is None
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Ja, helger också.")
    workflow.close_viewpoint(session, world.representative, viewpoint, Outcome.CHANGED, 5)
    assert (viewpoint.state, viewpoint.outcome, viewpoint.rating) == (ViewpointState.CLOSED, Outcome.CHANGED, 5)
    assert kinds(session, viewpoint) == [
        EventKind.SUBMITTED, EventKind.RECEIVED, EventKind.ASSIGNED, EventKind.DEADLINE_SET, EventKind.ASSIGNED,
        EventKind.INTERIM_ANSWER, EventKind.FINAL_ANSWER, EventKind.REOPENED, EventKind.FINAL_ANSWER,
        EventKind.CLOSED]
    responses = session.scalars(sa.select(ViewpointResponse).order_by(ViewpointResponse.id)).all()
    assert [(r.is_final, r.manager) for r in responses] == [
        (False, world.manager), (True, world.manager), (True, world.manager)]
    assert responses[1].follow_up_on == follow_up and responses[1].actions == "Beslut i nämnden."


def test_answering_a_viewpoint_assigned_to_someone_else_is_refused(session, world):
    other = make_user(session, unit=None)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, manager=other)
    with pytest.raises(DomainError, match="någon annan"):
        workflow.answer_viewpoint(session, world.manager, viewpoint, "Svar")
    assert viewpoint.state is ViewpointState.RECEIVED


@pytest.mark.parametrize("rating", [0, 6, 7, None, True])
def test_a_rating_outside_one_to_five_is_refused(session, world, rating):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.ANSWERED)
    with pytest.raises(DomainError) as refused:
        workflow.close_viewpoint(session, world.representative, viewpoint, Outcome.CHANGED, rating)
    assert refused.value.field == "rating"
    assert viewpoint.state is ViewpointState.ANSWERED


def test_closing_a_withdrawn_viewpoint_is_refused_with_its_state_named(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.WITHDRAWN)
    with pytest.raises(DomainError) as refused:
        workflow.close_viewpoint(session, world.representative, viewpoint, Outcome.CHANGED, 3)
    assert refused.value.message == "En synpunkt som är återtagen kan inte avslutas."


def test_reopening_needs_a_reason_and_a_follow_up_cannot_be_in_the_past(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.ANSWERED, manager=world.manager)
    with pytest.raises(DomainError) as no_reason:
        workflow.reopen_viewpoint(session, world.representative, viewpoint, " ")
    assert no_reason.value.field == "comment"
    viewpoint.state = ViewpointState.IN_PROGRESS
    with pytest.raises(DomainError) as past:
        workflow.answer_viewpoint(session, world.manager, viewpoint, "Svar", follow_up_on=date(2020, 1, 1))
    assert past.value.field == "follow_up_on"


def test_an_action_on_an_older_copy_than_the_current_is_changed_meanwhile(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, manager=world.manager)
    seen = viewpoint.version
    workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager)
    with pytest.raises(ChangedMeanwhile):
        workflow.answer_viewpoint(session, world.manager, viewpoint, "Svar", expected_version=seen)
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Svar", expected_version=viewpoint.version)


def test_a_comment_never_conflicts_and_keeps_the_version(session, world):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               visibility=Visibility.COUNCIL)
    version = viewpoint.version
    event = workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "  Tack, vi tittar på det. ")
    assert event.text == "Tack, vi tittar på det." and viewpoint.version == version
    with pytest.raises(DomainError) as empty:
        workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "")
    assert empty.value.field == "text"


def test_nul_characters_are_dropped_from_what_people_write(session, world):
    viewpoint = submit(session, world, title="Rub\x00rik", body="Te\x00xt", subject="\x00")
    session.commit()
    assert (viewpoint.title, viewpoint.body, viewpoint.subject) == ("Rubrik", "Text", "")
    event = workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "Kom\x00mentar")
    session.commit()
    assert event.text == "Kommentar"
