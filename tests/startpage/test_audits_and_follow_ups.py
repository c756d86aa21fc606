"""Att göra for audits and follow-ups: per role what shows, and that nothing of a council, unit or audit a
person has no part in does."""

from datetime import timedelta

import pytest

from councilportal.audits.models import Audit, AuditInterview, AuditState, AuditTeamMember, RecommendationState
from councilportal.councils.models import Seat
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints import follow_ups, workflow
from councilportal.viewpoints.models import FollowUpAnswer, ViewpointState
from tests.audits.factories import make_audit
from tests.factories import make_council, make_membership, make_unit, make_user
from tests.startpage.factories import recommend
from tests.startpage.test_startpage import headings_on, lines_under, start_page
from tests.viewpoints.factories import make_viewpoint

TODAY = today_in_sweden()
TAKE_UP = "Att ta upp igen: åtgärderna genomfördes inte"
AUDITS_TO_RUN = "Granskningar som väntar på dig"
OVERDUE = "Försenade rekommendationer"
TO_ANSWER = "Rekommendationer att besvara"
FOLLOW_UPS = "Uppföljningar att svara på"
TEAM = "Granskningar som väntar på gruppen"
SESSIONS = "Kommande intervjuer och återföringsmöten"


def followed_up(session, council, organisation, representative, manager, title, answer: FollowUpAnswer | None):
    """A viewpoint answered with a follow-up today, asked, and (unless `answer` is None) answered."""
    viewpoint = make_viewpoint(session, council, organisation, representative, title=title,
                               state=ViewpointState.RECEIVED, manager=manager)
    workflow.answer_viewpoint(session, manager, viewpoint, "Vi ändrar rutinen.", "Ny rutin i mars.", TODAY)
    follow_ups.send_follow_up_requests(session, TODAY)
    if answer is not None:
        follow_ups.answer_follow_up(session, representative, viewpoint, answer, "")
    return viewpoint


@pytest.fixture
def elsewhere(session, world):
    """A council, unit and representative the world's people have nothing to do with, with something of
    every kind waiting there."""
    other_coordinator = make_user(session, "Olle Annan", "olle@example.se")
    council = make_council(session, world.municipality, name="Annat råd", slug="annat-rad",
                           coordinators=[other_coordinator])
    unit = make_unit(session, world.municipality, "Annan enhet")
    other_manager = make_user(session, "Mia Annan", "mia@example.se", unit=unit)
    other_representative = make_user(session, "Rita Annan", "rita@example.se")
    make_membership(session, council, other_representative, world.user_organisation)
    followed_up(session, council, world.user_organisation, other_representative, other_manager, "Annans nej",
                FollowUpAnswer.NO)
    followed_up(session, council, world.user_organisation, other_representative, other_manager, "Annans fråga",
                None)
    for state, title in ((AuditState.REPORT, "Annans rapport"), (AuditState.FOLLOWED_UP, "Annans uppföljda"),
                         (AuditState.FIELDWORK, "Annans fältarbete")):
        audit = Audit(title=title, unit=unit, council=council, purpose="Hur fungerar det?", state=state,
                      report_submitted_at=now_utc(), feedback_meeting_at=now_utc() + timedelta(days=5))
        audit.team = [AuditTeamMember(user=other_representative, is_lead=True)]
        session.add(audit)
        session.flush()
        recommend(session, audit, 1, unit=unit, deadline=TODAY - timedelta(days=3))
    session.commit()


@pytest.fixture
def waiting(session, world, elsewhere):
    now = now_utc()
    followed_up(session, world.council, world.user_organisation, world.representative, world.manager,
                "Sa nej", FollowUpAnswer.NO)
    followed_up(session, world.council, world.user_organisation, world.representative, world.manager,
                "Sa ja", FollowUpAnswer.YES)
    followed_up(session, world.council, world.user_organisation, world.representative, world.manager,
                "Väntar på svar", None)

    report = make_audit(session, world, state=AuditState.REPORT, title="Rapport inne")
    recommend(session, report, 1, unit=world.unit, deadline=TODAY - timedelta(days=2))
    recommend(session, report, 2, unit=world.unit, deadline=TODAY + timedelta(days=5))
    booked = make_audit(session, world, state=AuditState.REPORT, title="Bokad och fördelad")
    booked.feedback_meeting_at = now + timedelta(days=7)
    recommend(session, booked, 1, unit=world.unit, manager=world.manager, deadline=TODAY + timedelta(days=9))
    make_audit(session, world, state=AuditState.FOLLOWED_UP, title="Klar att avsluta", recommendations=1)
    make_audit(session, world, state=AuditState.CLOSED, title="Avslutad", recommendations=1)

    fieldwork = make_audit(session, world, state=AuditState.FIELDWORK, title="I fältarbete")
    session.add_all([AuditInterview(audit_id=fieldwork.id, starts_at=now + timedelta(days=2)),
                     AuditInterview(audit_id=fieldwork.id, starts_at=now - timedelta(days=2))])
    due = make_audit(session, world, state=AuditState.ANSWERED, title="Dags att följa upp")
    recommend(session, due, 1, unit=world.unit, state=RecommendationState.ANSWERED,
              follow_up_on=TODAY - timedelta(days=1))
    later = make_audit(session, world, state=AuditState.ANSWERED, title="Följs upp senare")
    recommend(session, later, 1, unit=world.unit, state=RecommendationState.ANSWERED,
              follow_up_on=TODAY + timedelta(days=30))
    make_audit(session, world, state=AuditState.PLANNED, title="Planerad")
    session.commit()


def test_the_coordinator_finds_matters_to_take_up_again_audits_to_run_and_overdue_recommendations(
        client, auth, world, waiting):
    text = start_page(client, auth, world.coordinator)
    assert {TAKE_UP, AUDITS_TO_RUN, OVERDUE} <= set(headings_on(text))
    assert [line.split(" ", 1)[1] for line in lines_under(text, TAKE_UP)] == ["Sa nej"]
    assert "svarade nej på uppföljningen" in text
    assert lines_under(text, AUDITS_TO_RUN) == ["Rapport inne", "Klar att avsluta"]
    assert "fördela rekommendationerna till en chef och boka återföringsmötet" in text
    assert "avsluta granskningen" in text
    assert lines_under(text, OVERDUE) == ["Rekommendation 1: Rapport inne"]
    assert "Annan" not in text, "nothing of a council the coordinator does not run"
    assert "Som brukarrevisor" not in text


def test_a_manager_finds_recommendations_of_their_unit_overdue_first(client, auth, world, waiting):
    text = start_page(client, auth, world.manager)
    assert lines_under(text, TO_ANSWER) == ["Rekommendation 1: Rapport inne", "Rekommendation 2: Rapport inne",
                                            "Rekommendation 1: Bokad och fördelad"]
    assert "Försenad: skulle ha besvarats" in text
    assert f'href="/audits/{_audit_id(text, "Rapport inne")}#r1"' in text
    assert "Annan" not in text, "nothing of a unit the manager does not belong to"
    assert TAKE_UP not in text and AUDITS_TO_RUN not in text


def test_a_representative_finds_follow_ups_to_answer_and_as_auditor_the_teams_audits(client, auth, world, waiting):
    text = start_page(client, auth, world.representative)
    assert [line.split(" ", 1)[1] for line in lines_under(text, FOLLOW_UPS)] == ["Väntar på svar"]
    assert "#follow-up" in text
    assert "Som brukarrevisor" in text
    assert lines_under(text, TEAM) == ["I fältarbete", "Dags att följa upp"]
    assert lines_under(text, SESSIONS) == ["Intervjuer: I fältarbete", "Återföringsmöte: Bokad och fördelad"]
    assert "Följs upp senare" not in text and "Planerad" not in text
    assert "Annan" not in text, "nothing of another organisation's seat or another team's audit"
    assert TAKE_UP not in text and OVERDUE not in text


def test_a_deputy_answers_follow_ups_for_their_organisation_too(client, auth, session, world, waiting):
    deputy = make_user(session, "Dag Ersättare", "dag@example.se")
    make_membership(session, world.council, deputy, world.user_organisation, seat=Seat.DEPUTY,
                    stands_in_for=world.membership)
    session.commit()
    text = start_page(client, auth, deputy)
    assert [line.split(" ", 1)[1] for line in lines_under(text, FOLLOW_UPS)] == ["Väntar på svar"]
    assert "Som brukarrevisor" not in text, "not on any team"


def test_people_with_no_part_see_none_of_it(client, auth, world, waiting):
    for person in (world.outsider, world.admin):
        text = start_page(client, auth, person)
        assert not {TAKE_UP, AUDITS_TO_RUN, OVERDUE, TO_ANSWER, FOLLOW_UPS, TEAM, SESSIONS} & set(headings_on(text))


def _audit_id(text: str, title: str) -> str:
    return text.split(f">Rekommendation 1: {title}<", 1)[0].rsplit('href="/audits/', 1)[1].split("#", 1)[0]
