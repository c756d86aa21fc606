"""Att göra: what each role finds waiting after signing in, and what it does not."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

from councilportal.councils.models import MembershipRole
from councilportal.meetings.models import Attendance, MeetingReply, MeetingState, MinutesChecker
from councilportal.pagecache import ContentVersion
from councilportal.startpage import services
from councilportal.startpage.models import VisitMark
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints.models import ViewpointState
from tests.factories import make_user
from tests.meetings.factories import make_document, make_meeting
from tests.viewpoints.factories import make_viewpoint

HEADINGS = {
    "coordinator": ["Nya synpunkter att ta emot", "Försenade synpunkter", "Möten att förbereda och publicera",
                    "Hållna möten utan närvaro eller protokoll", "Protokoll som väntar på justering"],
    "manager": ["Synpunkter att besvara"],
    "member": ["Svar som väntar på er bedömning", "Kommande möten", "Nya handlingar sedan ditt förra besök"],
    "admin": ["Inbjudningar som inte har tagits emot", "Konton utan enhet eller råd"],
}


def headings_on(text: str) -> list[str]:
    return re.findall(r'<h3 id="todo-[\d-]+">([^<]+)</h3>', text)


def lines_under(text: str, heading: str) -> list[str]:
    section = text.split(f">{heading}</h3>", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


@pytest.fixture
def waiting(session, world):
    """Something of every kind for every role."""
    today, now = today_in_sweden(), now_utc()
    org = world.user_organisation
    make_viewpoint(session, world.council, org, world.representative, title="Nyare", created_at=now)
    make_viewpoint(session, world.council, org, world.representative, title="Äldst",
                   created_at=now - timedelta(days=3))
    make_viewpoint(session, world.council, org, world.representative, title="Sen", state=ViewpointState.RECEIVED,
                   unit=world.unit, deadline=today - timedelta(days=2))
    make_viewpoint(session, world.council, org, world.representative, title="I tid",
                   state=ViewpointState.IN_PROGRESS, manager=world.manager, deadline=today + timedelta(days=9))
    make_viewpoint(session, world.council, org, world.representative, title="Avslutad", state=ViewpointState.CLOSED,
                   unit=world.unit)
    make_viewpoint(session, world.council, org, world.representative, title="Besvarad",
                   state=ViewpointState.ANSWERED, unit=world.unit)
    make_meeting(session, world.council, title="Utkast i maj")
    coming = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Möte i juni")
    make_document(session, coming, filename="Dagordning juni.pdf").uploaded_at = now - timedelta(hours=3)
    make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Möte utan närvaro",
                 starts_at=now - timedelta(days=2))
    checked = make_meeting(session, world.council, state=MeetingState.HELD, title="Möte att justera",
                           starts_at=now - timedelta(days=9))
    session.add_all([Attendance(meeting_id=checked.id, user_id=world.representative.id, organisation_id=org.id,
                                role=MembershipRole.REPRESENTATIVE),
                     MinutesChecker(meeting_id=checked.id, user_id=world.representative.id)])
    make_user(session, "Inte Inloggad", "ny@example.se", password=False)
    session.commit()
    return coming


def start_page(client, auth, person) -> str:
    response = auth.login(person)
    assert response.headers["Location"] == "/att-gora"
    page = client.get("/att-gora")
    assert page.status_code == 200
    return page.text


def test_the_coordinator_finds_viewpoints_meetings_and_minutes(client, auth, world, waiting):
    text = start_page(client, auth, world.coordinator)
    assert headings_on(text) == HEADINGS["coordinator"]
    assert [line.split(" ", 1)[1] for line in lines_under(text, "Nya synpunkter att ta emot")] == ["Äldst", "Nyare"]
    assert [line.split(" ", 1)[1] for line in lines_under(text, "Försenade synpunkter")] == ["Sen"]
    assert lines_under(text, "Möten att förbereda och publicera") == ["Utkast i maj"]
    assert lines_under(text, "Hållna möten utan närvaro eller protokoll") == ["Möte utan närvaro"]
    assert lines_under(text, "Protokoll som väntar på justering") == ["Möte att justera"]


def test_a_manager_lands_on_open_viewpoints_of_their_unit_overdue_first(client, auth, world, waiting):
    text = start_page(client, auth, world.manager)
    assert "Mina råd</h1>" not in text
    assert headings_on(text)[0] == "Synpunkter att besvara"
    answer = [line.split(" ", 1)[1] for line in lines_under(text, "Synpunkter att besvara")]
    assert answer == ["Sen", "I tid"], "open ones only, the overdue one first"
    assert "Som samordnare" not in text and "Som administratör" not in text


def test_a_representative_finds_answers_to_rate_meetings_with_their_reply_and_new_documents(
        client, auth, session, world, waiting):
    session.add(MeetingReply(meeting_id=waiting.id, user_id=world.representative.id, coming=True))
    session.commit()
    text = start_page(client, auth, world.representative)
    assert headings_on(text) == HEADINGS["member"]
    assert [line.split(" ", 1)[1] for line in lines_under(text, "Svar som väntar på er bedömning")] == ["Besvarad"]
    assert lines_under(text, "Kommande möten") == ["Möte i juni"]
    assert "Du kommer." in text
    assert lines_under(text, "Nya handlingar sedan ditt förra besök") == ["Dagordning juni.pdf"]
    assert "Utkast i maj" not in text and "Som samordnare" not in text


def test_documents_count_as_new_until_the_next_visit(client, auth, session, world, waiting):
    text = start_page(client, auth, world.representative)
    assert "Dagordning juni.pdf" in text
    assert "Dagordning juni.pdf" in client.get("/att-gora").text, "a reload is the same visit"
    # The visit ended after the document came; the next one begins past the gap.
    mark = session.get(VisitMark, world.representative.id)
    mark.seen_at = now_utc() - services.VISIT_GAP - timedelta(minutes=1)
    session.commit()
    assert "Dagordning juni.pdf" not in client.get("/att-gora").text, "seen on the previous visit"


def test_the_admin_finds_invitations_and_accounts_without_a_place(client, auth, world, waiting):
    text = start_page(client, auth, world.admin)
    assert headings_on(text) == HEADINGS["admin"]
    assert lines_under(text, "Inbjudningar som inte har tagits emot") == ["Inte Inloggad"]
    assert lines_under(text, "Konton utan enhet eller råd") == [world.outsider.name]


def test_nothing_waiting_says_so(client, auth, world):
    text = start_page(client, auth, world.outsider)
    assert "Inget väntar på dig just nu." in text


def test_the_public_is_sent_to_sign_in_and_signed_in_people_start_here(client, auth, world):
    assert client.get("/att-gora").headers["Location"].startswith("/login")
    auth.login(world.representative)
    assert client.get("/").headers["Location"] == "/att-gora"


def test_a_line_kind_is_one_registered_function(session, world):
    found = []

    @services.line_kind("admin")
    def everyone(session, context):
        found.append(context.user.id)
        return services.TodoList("Alla", [services.TodoLine("Någon", "/")])

    try:
        with current_app.test_request_context():
            roles = services.waiting_for(session, world.admin, now_utc())
    finally:
        services.LINE_KINDS.remove(("admin", everyone))
    assert found == [world.admin.id]
    assert ("Som administratör", "Alla") in [(role, todo.heading) for role, lists in roles for todo in lists]


def test_opening_the_start_page_leaves_the_public_pages_kept(app, client, auth, session, world):
    def version():
        session.expire_all()
        return session.scalar(sa.select(ContentVersion.version))

    auth.login(world.representative)
    before = version()
    client.get("/att-gora")
    assert version() == before, "the visit mark is bookkeeping no public page shows"
