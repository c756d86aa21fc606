"""A person's meetings in their data export, and what erasure leaves of them in the minutes."""

import json
from datetime import timedelta

from councilportal.meetings import attendance, minutes
from councilportal.meetings.models import MeetingState
from councilportal.timeutil import now_utc
from tests.meetings.factories import make_meeting


def approved_meeting(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=1, sequence=1,
                           title="Rådsmöte i oktober", starts_at=now_utc() - timedelta(days=2))
    session.commit()
    meeting = attendance.load_after_meeting(session, meeting.id)
    attendance.record_attendance(session, world.coordinator, meeting, attendance.eligible_memberships(session, meeting))
    minutes.save_minutes(session, world.coordinator, meeting,
                         [minutes.ItemMinutes(item.id, "Antecknat.", "") for item in meeting.agenda_items])
    minutes.name_checkers(session, world.coordinator, meeting, [world.representative])
    minutes.approve_minutes(session, world.representative, meeting)
    session.commit()
    return meeting


def test_the_export_lists_the_meetings_attended_and_the_minutes_checked(client, auth, world, session):
    approved_meeting(session, world)
    auth.login(world.representative)
    data = json.loads(client.post("/profile/my-data").data)
    [attended] = data["meetings_attended"]
    assert (attended["meeting"], attended["council"], attended["organisation"], attended["role"]) == (
        "Rådsmöte i oktober", world.council.name, world.user_organisation.name, "representative")
    [checked] = data["minutes_checked"]
    assert checked["meeting"] == "Rådsmöte i oktober" and checked["approved_at"]


def test_erasure_keeps_the_attendance_for_the_report_but_not_the_name(client, auth, world, session):
    meeting = approved_meeting(session, world)
    auth.login(world.admin)
    client.post(f"/admin/accounts/{world.representative.id}/erase", data={"understood": "y"})
    page = client.get(f"/meetings/{meeting.id}/minutes").text
    assert "Rut Representant" not in page
    assert "Raderad person, RSMH Test" in page
