"""Replies to a meeting's invitation: by the mail's signed link, in the portal, and the deputy they call in."""

import re
from datetime import timedelta

import pytest

from councilportal.councils.models import Seat
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.meetings import replies
from councilportal.meetings.models import DeputyCallIn, MeetingReply, MeetingState
from councilportal.meetings.reply_links import read_reply_token, reply_token
from councilportal.timeutil import now_utc
from tests.calendar.ical import events_by_uid
from tests.conftest import QueryCounter
from tests.factories import make_membership, make_user
from tests.meetings.factories import make_meeting
from tests.meetings.test_invitations import calendar_part, parsed


@pytest.fixture
def deputy(session, world):
    person = make_user(session, "Erik Ersättare", "ersattare@example.se")
    make_membership(session, world.council, person, world.user_organisation, seat=Seat.DEPUTY,
                    stands_in_for=world.membership)
    session.commit()
    return person


@pytest.fixture
def meeting(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Rådsmöte maj", items=2)
    session.commit()
    return meeting


def link_path(mail, answer: str) -> str:
    return re.search(rf"http://portal\.test(/meetings/reply/\S+\?svar={answer})\s", mail.text()).group(1)


def reply_rows(session, meeting) -> dict[int, bool]:
    session.expire_all()
    return {reply.user_id: reply.coming for reply in session.query(MeetingReply).filter_by(meeting_id=meeting.id)}


# --- The signed link ------------------------------------------------------------------------------


def test_the_invitation_carries_two_links_that_answer_only_after_a_button(client, auth, session, world, outbox):
    draft = make_meeting(session, world.council, title="Rådsmöte juni", items=1)
    session.commit()
    auth.login(world.coordinator)
    client.post(f"/meetings/{draft.id}/publish")
    auth.logout()
    [mail] = [m for m in outbox("meeting_invitation") if m.recipient == world.representative.email]
    coming, not_coming = link_path(mail, "kommer"), link_path(mail, "kommer-inte")
    assert coming.split("?")[0] == not_coming.split("?")[0]

    page = client.get(not_coming)
    assert page.status_code == 200
    assert "Svar för" in page.text and world.representative.name in page.text
    assert reply_rows(session, draft) == {}, "opening the link changes nothing by itself"

    answered = client.post(not_coming.split("?")[0], data={"svar": "kommer-inte"}, follow_redirects=True)
    assert "Tack! Du har svarat att du inte kan komma." in answered.text
    assert reply_rows(session, draft) == {world.representative.id: False}
    client.post(coming.split("?")[0], data={"svar": "kommer"})
    assert reply_rows(session, draft) == {world.representative.id: True}, "changeable until the meeting starts"


def test_a_link_answers_only_the_meeting_and_person_it_was_made_for(app, session, world, meeting):
    with app.test_request_context():
        token = reply_token(meeting.id, world.representative.id)
        assert read_reply_token(token) == (meeting.id, world.representative.id)
        payload, signature = token.split(".")
        other = reply_token(meeting.id + 1, world.representative.id)
        assert read_reply_token(f"{other.split('.')[0]}.{signature}") is None, "another meeting under the signature"
        assert read_reply_token(token + "x") is None


@pytest.mark.parametrize("token", ["nonsense", "WzEsMl0.forged-signature", "", "a.b.c"])
def test_a_forged_link_gets_a_clear_page(client, world, meeting, token):
    for method in ("get", "post"):
        response = getattr(client, method)(f"/meetings/reply/{token or 'x'}", data={"svar": "kommer"})
        assert response.status_code == 404
        assert "Länken är inte giltig" in response.text


def test_a_link_stops_working_when_the_meeting_starts(app, client, session, world):
    started = make_meeting(session, world.council, state=MeetingState.PUBLISHED,
                           starts_at=now_utc() - timedelta(minutes=5))
    session.commit()
    with app.test_request_context():
        token = reply_token(started.id, world.representative.id)
    for response in (client.get(f"/meetings/reply/{token}"),
                     client.post(f"/meetings/reply/{token}", data={"svar": "kommer"})):
        assert response.status_code == 410
        assert "Mötet har redan börjat" in response.text
    assert reply_rows(session, started) == {}


def test_a_link_to_a_cancelled_meeting_says_so(app, client, session, world):
    cancelled = make_meeting(session, world.council, state=MeetingState.CANCELLED)
    session.commit()
    with app.test_request_context():
        token = reply_token(cancelled.id, world.representative.id)
    response = client.get(f"/meetings/reply/{token}")
    assert response.status_code == 410 and "Mötet är inställt" in response.text


def test_someone_who_no_longer_sits_on_the_council_cannot_answer(app, client, session, world, meeting):
    with app.test_request_context():
        token = reply_token(meeting.id, world.outsider.id)
    response = client.post(f"/meetings/reply/{token}", data={"svar": "kommer"})
    assert response.status_code == 410 and "Du sitter inte i" in response.text


# --- In the portal --------------------------------------------------------------------------------


def test_a_member_answers_on_the_meeting_page_and_sees_the_answer(client, auth, session, world, meeting):
    auth.login(world.representative)
    page = client.get(f"/meetings/{meeting.id}")
    assert "Du har inte svarat än." in page.text
    response = client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kommer"}, follow_redirects=True)
    assert "Tack! Du har svarat att du kommer." in response.text
    assert "Du har svarat att du kommer." in client.get(f"/meetings/{meeting.id}").text
    assert "Svar från ledamöterna" not in response.text, "the overview is the coordinators'"


def test_an_answer_after_the_start_is_refused_with_a_message(client, auth, session, world):
    started = make_meeting(session, world.council, state=MeetingState.PUBLISHED,
                           starts_at=now_utc() - timedelta(minutes=1))
    session.commit()
    auth.login(world.representative)
    response = client.post(f"/meetings/{started.id}/reply", data={"svar": "kommer"}, follow_redirects=True)
    assert "Mötet har redan börjat" in response.text
    assert reply_rows(session, started) == {}


def test_a_meaningless_answer_is_a_bad_request(client, auth, world, meeting):
    auth.login(world.representative)
    assert client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kanske"}).status_code == 400


# --- The deputy -----------------------------------------------------------------------------------


def test_an_ordinarie_who_cannot_come_calls_in_the_deputy_once(client, auth, session, world, deputy, meeting,
                                                                outbox):
    auth.login(world.representative)
    client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kommer-inte"})
    client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kommer"})
    client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kommer-inte"})

    [call_in] = outbox("deputy_called_in")
    assert call_in.recipient == deputy.email
    message = parsed(call_in)
    assert message["Subject"].startswith("Du kallas in: Rådsmöte maj")
    assert "Rut Representant kan inte komma" in call_in.text()
    [(event, independent)] = events_by_uid(calendar_part(message)).values()
    assert [a.value for a in independent.attendee_list] == [f"mailto:{deputy.email}"]
    assert independent.attendee_list[0].params["RSVP"] == ["TRUE"]
    assert link_path(call_in, "kommer"), "the deputy answers from the mail too"
    assert session.query(DeputyCallIn).count() == 1


def test_a_deputy_who_cannot_come_either_leaves_the_seat_empty_for_the_coordinator(client, auth, session, world,
                                                                                   deputy, meeting):
    for person, answer in ((world.representative, "kommer-inte"), (deputy, "kommer")):
        auth.login(person)
        client.post(f"/meetings/{meeting.id}/reply", data={"svar": answer})
        auth.logout()
    auth.login(world.coordinator)
    page = client.get(f"/meetings/{meeting.id}").text
    assert "Svar från ledamöterna" in page
    assert "Erik Ersättare:" in page and "står i" in page
    assert "Platsen är tom" not in page
    auth.logout()

    auth.login(deputy)
    client.post(f"/meetings/{meeting.id}/reply", data={"svar": "kommer-inte"})
    auth.logout()
    auth.login(world.coordinator)
    assert "Platsen är tom" in client.get(f"/meetings/{meeting.id}").text


def test_the_overview_groups_seats_by_organisation(session, world, deputy, meeting):
    replies.reply_to_meeting(session, world.manager, meeting, True)
    groups = replies.replies_by_organisation(session, meeting)
    by_name = {group.organisation.name: group for group in groups}
    assert set(by_name) == {"RSMH Test", "Testkommun"}
    [seat] = by_name["RSMH Test"].seats
    assert seat.membership.user_id == world.representative.id and seat.deputy.user_id == deputy.id
    assert seat.reply is None and not seat.is_empty
    assert by_name["Testkommun"].coming == 1


def test_a_deputy_is_not_called_in_when_the_ordinarie_comes_or_for_an_official(session, world, deputy, meeting,
                                                                               outbox):
    assert replies.reply_to_meeting(session, world.representative, meeting, True) == []
    assert replies.reply_to_meeting(session, world.manager, meeting, False) == []
    session.commit()
    assert outbox("deputy_called_in") == []


def test_a_draft_takes_no_answers(session, world):
    draft = make_meeting(session, world.council)
    with pytest.raises(DomainError):
        replies.reply_to_meeting(session, world.representative, draft, True)


# --- Attendance starts from the replies -----------------------------------------------------------


def test_recording_attendance_starts_from_who_said_they_come(client, auth, session, world, deputy):
    held = make_meeting(session, world.council, state=MeetingState.PUBLISHED,
                        starts_at=now_utc() - timedelta(hours=1))
    session.add_all([MeetingReply(meeting_id=held.id, user_id=world.representative.id, coming=False),
                     MeetingReply(meeting_id=held.id, user_id=deputy.id, coming=True)])
    session.commit()
    auth.login(world.coordinator)
    page = client.get(f"/meetings/{held.id}/attendance").text
    assert "Förifyllt med dem som har svarat att de kommer." in page
    checked = re.findall(r'id="present-\d+" checked>\s*<label for="present-\d+">([^,]+),', page)
    assert checked == ["Erik Ersättare"]


def test_the_public_meeting_page_is_still_kept_and_an_answer_is_not_shown_to_the_public(make_app, session, world):
    """With form tokens on, as in production: a page holding one is never kept."""
    protected = make_app(WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    public = make_meeting(session, world.public_council, state=MeetingState.PUBLISHED, title="Öppet möte")
    session.commit()
    first = client.get(f"/meetings/{public.id}")
    assert "Ditt svar på kallelsen" not in first.text and "Svar från ledamöterna" not in first.text
    with protected.app_context():
        engine = db.engine
    with QueryCounter(engine) as counter:
        assert client.get(f"/meetings/{public.id}").data == first.data
    assert counter.count == 1, "served from the kept copy"


def test_a_person_s_replies_are_in_their_data_export(client, auth, session, world, meeting):
    replies.reply_to_meeting(session, world.representative, meeting, False)
    session.commit()
    auth.login(world.representative)
    [reply] = client.post("/profile/my-data").get_json()["meeting_replies"]
    assert (reply["meeting"], reply["coming"]) == ("Rådsmöte maj", False)
