"""Follow-up of promised actions: asked once on the date, through the outbox, answered on the page."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.privacy.services import personal_data
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import follow_ups, queries, workflow
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointState,
)
from tests.factories import make_membership, make_user
from tests.viewpoints.factories import make_viewpoint

TODAY = today_in_sweden()


def answered_with_follow_up(session, world, *, on=TODAY, title="Längre öppettider") -> Viewpoint:
    viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative, title=title,
                               state=ViewpointState.RECEIVED, manager=world.manager)
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Vi öppnar till 20.", "Nya scheman i mars.", on)
    session.commit()
    return viewpoint


def test_the_follow_up_mail_goes_once_per_date_to_each_representative(session, world, outbox, runner):
    colleague = make_user(session, "Rolf Kollega", "rolf@example.se")
    make_membership(session, world.council, colleague, world.user_organisation)
    viewpoint = answered_with_follow_up(session, world)
    answered_with_follow_up(session, world, on=TODAY + timedelta(days=1), title="Inte i dag")
    outbox_before = len(outbox())

    first = runner.invoke(args=["mail", "follow-ups"])
    second = runner.invoke(args=["mail", "follow-ups"])

    assert first.exit_code == 0 and "Queued 2 follow-up mails about 1 answers." in first.output
    assert second.exit_code == 0 and "Queued 0 follow-up mails about 0 answers." in second.output
    mails = outbox("viewpoint_follow_up")
    assert len(outbox()) == outbox_before + 2
    assert sorted(mail.recipient for mail in mails) == ["rep@example.se", "rolf@example.se"]
    assert all(viewpoint.reference in mail.subject and "Längre öppettider" in mail.text() for mail in mails)
    assert f"http://portal.test/viewpoints/{viewpoint.id}" in mails[0].text()
    assert "Nya scheman i mars." in mails[0].text()
    session.expire_all()
    asked = session.scalars(sa.select(ViewpointEvent).where(ViewpointEvent.kind == EventKind.FOLLOW_UP_ASKED)).all()
    assert [event.viewpoint_id for event in asked] == [viewpoint.id]

    follow_ups.send_follow_up_requests(session, TODAY + timedelta(days=1))
    session.commit()
    assert len(outbox("viewpoint_follow_up")) == 4, "the next day's follow-up is asked on its day, the first not again"


def test_a_reopened_viewpoint_is_not_asked_and_a_new_answer_replaces_the_promise(session, world, outbox):
    viewpoint = answered_with_follow_up(session, world, on=TODAY + timedelta(days=10))
    workflow.reopen_viewpoint(session, world.representative, viewpoint, "Räcker inte.")
    session.commit()
    assert follow_ups.send_follow_up_requests(session, TODAY + timedelta(days=10)).follow_ups == 0
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Nytt svar", "", TODAY + timedelta(days=20))
    session.commit()
    assert session.scalars(sa.select(ViewpointFollowUp.due_on)).all() == [TODAY + timedelta(days=20)]
    assert follow_ups.send_follow_up_requests(session, TODAY + timedelta(days=20)).mails == 1


def test_the_answer_lands_on_the_timeline_and_no_puts_it_on_the_list_to_take_up_again(session, world, outbox):
    viewpoint = answered_with_follow_up(session, world)
    with pytest.raises(DomainError, match="ingen uppföljning"):
        follow_ups.answer_follow_up(session, world.representative, viewpoint, FollowUpAnswer.NO, "")
    follow_ups.send_follow_up_requests(session, TODAY)
    session.commit()
    with pytest.raises(DomainError, match="Bara organisationen"):
        follow_ups.answer_follow_up(session, world.manager, viewpoint, FollowUpAnswer.YES, "")

    follow_ups.answer_follow_up(session, world.representative, viewpoint, FollowUpAnswer.NO, "Inget har hänt.")
    session.commit()

    event = session.scalars(sa.select(ViewpointEvent).where(ViewpointEvent.kind == EventKind.FOLLOW_UP_ANSWERED)).one()
    assert (event.viewpoint_id, event.actor_id, event.text) == (viewpoint.id, world.representative.id, "no")
    told = sorted(mail.recipient for mail in outbox("viewpoint_follow_up_answered"))
    assert told == ["chef@example.se", "samordnare@example.se"]
    assert "ta upp igen" in next(m for m in outbox("viewpoint_follow_up_answered")
                                 if m.recipient == "samordnare@example.se").text()
    again = queries.filter_viewpoints(queries.visible_viewpoints(world.coordinator),
                                      queries.ViewpointFilters(take_up_again=True))
    assert session.scalars(again).all() == [viewpoint]
    with pytest.raises(DomainError, match="ingen uppföljning"):
        follow_ups.answer_follow_up(session, world.representative, viewpoint, FollowUpAnswer.YES, "")
    # The statistics count the answers straight from the table.
    counts = dict(session.execute(sa.select(ViewpointFollowUp.answer, sa.func.count())
                                  .group_by(ViewpointFollowUp.answer)).all())
    assert counts == {FollowUpAnswer.NO: 1}
    exported = personal_data(session, world.representative)["viewpoint_follow_up_answers"]
    assert [(row["viewpoint"], row["answer"], row["comment"]) for row in exported] == [
        (viewpoint.reference, "no", "Inget har hänt.")]

    workflow.reopen_viewpoint(session, world.representative, viewpoint, "Vi vill ha ett nytt svar.")
    workflow.answer_viewpoint(session, world.manager, viewpoint, "Nu är det gjort.")
    session.commit()
    assert session.scalars(again).all() == [], "a new final answer takes it off the list"


def test_the_representative_answers_on_the_page_and_the_coordinator_finds_it_in_the_list(client, auth, world,
                                                                                          session, app):
    viewpoint = answered_with_follow_up(session, world)
    auth.login(world.representative)
    assert "Svara på uppföljningen" not in client.get(f"/viewpoints/{viewpoint.id}").text
    follow_ups.send_follow_up_requests(session, TODAY)
    session.commit()
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert "Svara på uppföljningen" in page

    refused = client.post(f"/viewpoints/{viewpoint.id}/follow-up", data={"follow_up-answer": "maybe"})
    assert refused.status_code == 422 and "Har åtgärderna genomförts?" in refused.text
    personal = client.post(f"/viewpoints/{viewpoint.id}/follow-up",
                           data={"follow_up-answer": "no", "follow_up-comment": "Ring 070-123 45 67"})
    assert personal.status_code == 422 and "personuppgifter" in personal.text
    done = client.post(f"/viewpoints/{viewpoint.id}/follow-up",
                       data={"follow_up-answer": "no", "follow_up-comment": "Inget har hänt."})
    assert done.status_code == 302
    page = client.get(f"/viewpoints/{viewpoint.id}").text
    assert "svarade på uppföljningen: nej, åtgärderna har inte genomförts" in page
    assert "Svara på uppföljningen" not in page

    auth.logout()
    auth.login(world.coordinator)
    listed = client.get("/viewpoints/?take_up_again=y").text
    assert viewpoint.reference in listed and "Inget har hänt." in client.get(f"/viewpoints/{viewpoint.id}").text
    other = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                           state=ViewpointState.ANSWERED, title="Utan uppföljning")
    session.commit()
    assert other.reference not in client.get("/viewpoints/?take_up_again=y").text
    with app.app_context():
        assert db.session.scalar(sa.select(ViewpointFollowUp.answer)) is FollowUpAnswer.NO
