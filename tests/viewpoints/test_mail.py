"""Who is told what, by e-mail, as a viewpoint moves along; queued in the same transaction."""

import email
import email.policy
from datetime import date, timedelta

import pytest

from councilportal.councils.models import MembershipRole
from councilportal.errors import DomainError
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import workflow
from councilportal.viewpoints.models import ViewpointState
from councilportal.viewpoints.workflow import ViewpointFields
from tests.factories import make_membership, make_user
from tests.viewpoints.factories import make_viewpoint


def body(message) -> str:
    return email.message_from_string(message.message, policy=email.policy.default).get_body().get_content()


def recipients(messages) -> list[str]:
    return sorted(message.recipient for message in messages)


@pytest.fixture
def colleague(session, world):
    """Another active representative of the submitting organisation on the council."""
    person = make_user(session, "Kim Kollega", "kim@example.se")
    make_membership(session, world.council, person, world.user_organisation, role=MembershipRole.REPRESENTATIVE)
    former = make_user(session, "Fia Förra", "fia@example.se")
    make_membership(session, world.council, former, world.user_organisation, term_start=date(2020, 1, 1),
                    term_end=date(2021, 1, 1))
    session.commit()
    return person


def test_a_new_viewpoint_is_announced_to_the_councils_coordinators(session, world, outbox):
    viewpoint = workflow.submit_viewpoint(session, world.representative, world.council, world.user_organisation,
                                          ViewpointFields("Längre öppettider", "Text"))
    session.commit()
    [message] = outbox("viewpoint_new")
    assert message.recipient == "samordnare@example.se"
    assert message.subject == f"Ny synpunkt {viewpoint.reference} i Brukarrådet för socialtjänst"
    assert "RSMH Test har lämnat en synpunkt" in body(message)
    assert f"http://portal.test/viewpoints/{viewpoint.id}" in body(message)


def test_the_receipt_goes_to_the_organisations_representatives_with_reference_unit_and_deadline(
        session, world, outbox, colleague):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    deadline = date(2099, 3, 3)
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit, deadline=deadline)
    session.commit()
    receipts = outbox("viewpoint_receipt")
    assert recipients(receipts) == ["kim@example.se", "rep@example.se"]
    text = body(receipts[0])
    assert receipts[0].subject == f"Kvittens: synpunkt {viewpoint.reference} är mottagen"
    for expected in (viewpoint.reference, "Ansvarig enhet: Socialförvaltningen", "Svar senast: tisdag 3 mars 2099"):
        assert expected in text


def test_an_assignment_to_a_unit_only_goes_to_the_units_managers(session, world, outbox):
    colleague = make_user(session, "Ulla Enhetskollega", "ulla@example.se", unit=world.unit)
    make_user(session, "Inaktiv Chef", "inaktiv@example.se", unit=world.unit, active=False)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    workflow.mark_received(session, world.coordinator, viewpoint, unit=world.unit)
    session.commit()
    assigned = outbox("viewpoint_assigned")
    assert recipients(assigned) == ["chef@example.se", colleague.email]
    assert "Socialförvaltningen är ansvarig för att svara" in body(assigned[0])


def test_an_assignment_to_a_manager_goes_to_that_manager_alone(session, world, outbox):
    make_user(session, "Ulla Enhetskollega", "ulla@example.se", unit=world.unit)
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, deadline=today_in_sweden() + timedelta(days=9))
    workflow.assign_viewpoint(session, world.coordinator, viewpoint, unit=world.unit, manager=world.manager)
    session.commit()
    [message] = outbox("viewpoint_assigned")
    assert message.recipient == "chef@example.se"
    assert "Du är ansvarig för att svara" in body(message)


def test_receiving_without_anyone_responsible_sends_no_assignment(session, world, outbox):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative)
    workflow.mark_received(session, world.coordinator, viewpoint)
    session.commit()
    assert outbox("viewpoint_assigned") == []
    assert "inte bestämd ännu" in body(outbox("viewpoint_receipt")[0])


def test_interim_and_final_answers_go_to_the_submitting_organisation(session, world, outbox, colleague):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, unit=world.unit, manager=world.manager)
    workflow.give_interim_answer(session, world.manager, viewpoint, "Vi utreder saken.")
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Öppet till 20.", "Nytt schema.", date(2099, 6, 1))
    session.commit()
    answered = outbox("viewpoint_answered")
    interim = [message for message in answered if message.subject.startswith("Delbesked")]
    final = [message for message in answered if message.subject.startswith("Svar")]
    assert recipients(interim) == recipients(final) == ["kim@example.se", "rep@example.se"]
    assert interim[0].subject == f"Delbesked om synpunkt {viewpoint.reference}"
    assert final[0].subject == f"Svar på synpunkt {viewpoint.reference}"
    for expected in ("Öppet till 20.", "Åtgärder:", "Nytt schema.", "Följs upp måndag 1 juni 2099."):
        assert expected in body(final[0])


def test_reopening_tells_the_responsible_manager_why(session, world, outbox):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.ANSWERED, unit=world.unit, manager=world.manager)
    workflow.reopen_viewpoint(session, world.representative, viewpoint, "Gäller det helger också?")
    session.commit()
    [message] = outbox("viewpoint_reopened")
    assert message.recipient == "chef@example.se"
    assert "Gäller det helger också?" in body(message)


def test_mail_follows_the_recipients_language(session, world, outbox):
    world.coordinator.locale = "en"
    workflow.submit_viewpoint(session, world.representative, world.council, world.user_organisation,
                              ViewpointFields("Titel", "Text"))
    session.commit()
    assert outbox("viewpoint_new")[0].subject.startswith("New viewpoint")


def test_a_refused_action_queues_no_mail(session, world, outbox):
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.WITHDRAWN)
    session.commit()
    with pytest.raises(DomainError):
        workflow.mark_received(session, world.coordinator, viewpoint)
    session.rollback()
    assert outbox() == []
