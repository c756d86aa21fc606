"""A public viewpoint reaches the public only once a coordinator has received it and confirmed its public
wording; text that seems to hold personal data is sent only when the person chooses to, and is flagged."""

import pytest
import sqlalchemy as sa

from councilportal.answering.workflow import SEND_ANYWAY_FIELD
from councilportal.errors import ChangedMeanwhile, DomainError
from councilportal.viewpoints import policies, queries, workflow
from councilportal.viewpoints.models import EventKind, ViewpointEvent, ViewpointState, Visibility
from councilportal.viewpoints.workflow import PublicWording, ViewpointFields
from tests.factories import make_membership
from tests.viewpoints.factories import make_viewpoint

PERSONNUMMER = "19850101-1236"


@pytest.fixture
def council(session, world):
    """The public council, run by the world's coordinator, where the representative sits."""
    world.public_council.coordinators.append(world.coordinator)
    make_membership(session, world.public_council, world.representative, world.user_organisation)
    session.flush()
    return world.public_council


def submit(session, world, **fields):
    fields = {"title": "Trappan på Solgården", "body": "Ledstången saknas.", "visibility": Visibility.PUBLIC,
              **fields}
    return workflow.submit_viewpoint(session, world.representative, world.public_council, world.user_organisation,
                                     ViewpointFields(**fields))


def kinds(session, viewpoint) -> list[EventKind]:
    return list(session.scalars(
        sa.select(ViewpointEvent.kind).where(ViewpointEvent.viewpoint_id == viewpoint.id).order_by(ViewpointEvent.id)))


def publicly_listed(session, viewpoint) -> bool:
    return viewpoint in session.scalars(queries.visible_viewpoints(None)).all()


# --- Publication ---------------------------------------------------------------------------------


def test_a_public_viewpoint_stays_with_the_council_until_a_coordinator_confirms_it(session, world, council):
    viewpoint = submit(session, world)
    assert not policies.can_view_viewpoint(None, viewpoint) and not publicly_listed(session, viewpoint)
    assert policies.can_view_viewpoint(world.representative, viewpoint)

    workflow.mark_received(session, world.coordinator, viewpoint)
    assert not policies.can_view_viewpoint(None, viewpoint) and not publicly_listed(session, viewpoint)

    workflow.publish_viewpoint(session, world.coordinator, viewpoint, workflow.public_wording(viewpoint))
    assert policies.can_view_viewpoint(None, viewpoint) and publicly_listed(session, viewpoint)
    assert kinds(session, viewpoint)[-1] is EventKind.PUBLISHED


def test_a_submitted_viewpoint_cannot_be_published_before_it_is_received(session, world, council):
    viewpoint = submit(session, world)
    with pytest.raises(DomainError, match="inskickad kan inte publiceras"):
        workflow.publish_viewpoint(session, world.coordinator, viewpoint, workflow.public_wording(viewpoint))
    assert viewpoint.published_at is None


def test_the_coordinator_corrects_the_wording_and_the_original_is_kept(session, world, council):
    viewpoint = submit(session, world, body="Anna på Solgården föll i trappan.")
    workflow.mark_received(session, world.coordinator, viewpoint)
    workflow.publish_viewpoint(session, world.coordinator, viewpoint,
                               PublicWording("Trappan på Solgården", "En boende föll i trappan."))
    assert (viewpoint.title, viewpoint.body) == ("Trappan på Solgården", "Anna på Solgården föll i trappan.")
    assert workflow.public_wording(viewpoint) == PublicWording("Trappan på Solgården", "En boende föll i trappan.")
    assert kinds(session, viewpoint)[-2:] == [EventKind.PUBLISHED, EventKind.PUBLIC_WORDING_CHANGED]

    workflow.publish_viewpoint(session, world.coordinator, viewpoint,
                               PublicWording("Trappan på Solgården", "En boende föll i trappan utan ledstång."))
    assert kinds(session, viewpoint)[-1] is EventKind.PUBLIC_WORDING_CHANGED
    events = len(kinds(session, viewpoint))
    workflow.publish_viewpoint(session, world.coordinator, viewpoint, workflow.public_wording(viewpoint))
    assert len(kinds(session, viewpoint)) == events, "confirming the same wording again changes nothing"


def test_published_as_sent_records_no_correction(session, world, council):
    viewpoint = submit(session, world)
    workflow.mark_received(session, world.coordinator, viewpoint)
    workflow.publish_viewpoint(session, world.coordinator, viewpoint, PublicWording(" Trappan på Solgården ",
                                                                                    "Ledstången saknas."))
    assert EventKind.PUBLIC_WORDING_CHANGED not in kinds(session, viewpoint)


def test_unpublishing_hides_it_again_and_keeps_the_confirmed_wording(session, world, council):
    viewpoint = submit(session, world)
    workflow.mark_received(session, world.coordinator, viewpoint)
    workflow.publish_viewpoint(session, world.coordinator, viewpoint, PublicWording("Trappan", "Rättad."))
    workflow.unpublish_viewpoint(session, world.coordinator, viewpoint)
    assert not policies.can_view_viewpoint(None, viewpoint) and not publicly_listed(session, viewpoint)
    assert workflow.public_wording(viewpoint) == PublicWording("Trappan", "Rättad.")
    assert kinds(session, viewpoint)[-1] is EventKind.UNPUBLISHED
    with pytest.raises(DomainError, match="inte publicerad"):
        workflow.unpublish_viewpoint(session, world.coordinator, viewpoint)


def test_only_a_public_viewpoint_of_a_public_council_is_published_by_its_coordinators(session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED)
    for someone in (world.representative, world.manager, world.outsider, None):
        with pytest.raises(DomainError, match="Bara rådets samordnare"):
            workflow.publish_viewpoint(session, someone, viewpoint, workflow.public_wording(viewpoint))
    own_council = make_viewpoint(session, council, world.user_organisation, world.representative,
                                 visibility=Visibility.COUNCIL, state=ViewpointState.RECEIVED)
    with pytest.raises(DomainError, match="bara om den är offentlig"):
        workflow.publish_viewpoint(session, world.coordinator, own_council, workflow.public_wording(own_council))


@pytest.mark.parametrize(("wording", "field"), [
    (PublicWording("", "Text."), "public_title"),
    (PublicWording("x" * 201, "Text."), "public_title"),
    (PublicWording("Rubrik", "  "), "public_body"),
])
def test_an_empty_or_too_long_public_wording_is_refused(session, world, council, wording, field):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED)
    with pytest.raises(DomainError) as refused:
        workflow.publish_viewpoint(session, world.coordinator, viewpoint, wording)
    assert refused.value.field == field and viewpoint.published_at is None


def test_publishing_from_an_older_copy_is_changed_meanwhile(session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED)
    with pytest.raises(ChangedMeanwhile):
        workflow.publish_viewpoint(session, world.coordinator, viewpoint, workflow.public_wording(viewpoint),
                                   expected_version=viewpoint.version - 1)


# --- Personal data -------------------------------------------------------------------------------


def test_a_viewpoint_with_a_personnummer_is_refused_with_a_warning_unless_sent_anyway(session, world, council):
    with pytest.raises(DomainError) as warned:
        submit(session, world, body=f"Anna Andersson, {PERSONNUMMER}, fick inget svar.")
    assert warned.value.field == SEND_ANYWAY_FIELD
    assert f"personnummer {PERSONNUMMER}" in warned.value.message
    assert "inte om enskilda personer" in warned.value.message

    sent = submit(session, world, body=f"Anna Andersson, {PERSONNUMMER}, fick inget svar.", send_anyway=True)
    assert sent.personal_data_flagged
    assert not submit(session, world, send_anyway=True).personal_data_flagged, "nothing found, nothing flagged"


def test_the_title_and_subject_are_checked_too(session, world, council):
    for fields in ({"title": "Ring mig på 070-123 45 67"}, {"subject": "anna@example.se"}):
        with pytest.raises(DomainError, match="personuppgifter"):
            submit(session, world, **fields)


def test_a_comment_with_an_e_mail_address_is_flagged_when_sent_anyway(session, world, council):
    viewpoint = submit(session, world)
    with pytest.raises(DomainError, match="e-postadress anna@example.se"):
        workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "Skriv till anna@example.se")
    event = workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "Skriv till anna@example.se",
                                          send_anyway=True)
    assert event.personal_data_flagged
    assert not workflow.comment_on_viewpoint(session, world.coordinator, viewpoint, "Bra.").personal_data_flagged


def test_an_answer_with_a_phone_number_in_its_actions_is_flagged_when_sent_anyway(session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               visibility=Visibility.PUBLIC, state=ViewpointState.RECEIVED, manager=world.manager)
    with pytest.raises(DomainError, match="telefonnummer 08-123 456 78"):
        workflow.answer_viewpoint(session, world.manager, viewpoint, "Vi sätter upp en ledstång.",
                                  "Frågor till vaktmästaren, 08-123 456 78.")
    assert viewpoint.state is ViewpointState.RECEIVED
    response = workflow.answer_viewpoint(session, world.manager, viewpoint, "Vi sätter upp en ledstång.",
                                         "Frågor till vaktmästaren, 08-123 456 78.", send_anyway=True)
    assert response.personal_data_flagged and viewpoint.state is ViewpointState.ANSWERED


def test_the_reason_for_reopening_is_checked_too(session, world, council):
    viewpoint = make_viewpoint(session, council, world.user_organisation, world.representative,
                               state=ViewpointState.ANSWERED)
    with pytest.raises(DomainError, match="samordningsnummer 850161-1233"):
        workflow.reopen_viewpoint(session, world.representative, viewpoint, "Gäller 850161-1233.")
    workflow.reopen_viewpoint(session, world.representative, viewpoint, "Gäller 850161-1233.", send_anyway=True)
    assert session.scalars(sa.select(ViewpointEvent).where(
        ViewpointEvent.kind == EventKind.REOPENED)).one().personal_data_flagged


def test_the_coordinator_is_warned_before_publishing_personal_data(session, world, council):
    viewpoint = submit(session, world, body=f"Gäller {PERSONNUMMER}.", send_anyway=True)
    workflow.mark_received(session, world.coordinator, viewpoint)
    with pytest.raises(DomainError, match="offentliga lydelsen ser ut att innehålla") as warned:
        workflow.publish_viewpoint(session, world.coordinator, viewpoint, workflow.public_wording(viewpoint))
    assert warned.value.field == SEND_ANYWAY_FIELD and viewpoint.published_at is None
    workflow.publish_viewpoint(session, world.coordinator, viewpoint, PublicWording("Trappan", "Gäller en boende."))
    assert viewpoint.published_at is not None
