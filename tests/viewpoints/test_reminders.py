"""`councilportal mail remind-overdue`: one mail per manager, nothing twice the same day."""

from datetime import timedelta

from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import ViewpointState
from councilportal.viewpoints.reminders import send_overdue_reminders
from tests.factories import make_unit, make_user
from tests.viewpoints.factories import make_viewpoint

TODAY = today_in_sweden()
YESTERDAY = TODAY - timedelta(days=1)


def overdue(session, world, title, **fields):
    fields.setdefault("state", ViewpointState.RECEIVED)
    fields.setdefault("deadline", YESTERDAY)
    return make_viewpoint(session, world.council, world.user_organisation, world.representative, title=title,
                          **fields)


def test_each_manager_gets_one_mail_listing_all_their_overdue_viewpoints(session, world, outbox):
    colleague = make_user(session, "Kim Kollega", "kim@example.se", unit=world.unit)
    other_unit = make_unit(session, world.municipality, "Boendestöd")
    make_user(session, "Bo Boende", "bo@example.se", unit=other_unit)
    first = overdue(session, world, "Tolk vid besök", manager=world.manager)
    second = overdue(session, world, "Väntetider", unit=world.unit, manager=world.manager,
                     state=ViewpointState.IN_PROGRESS)
    overdue(session, world, "Enhetens fråga", unit=world.unit)
    overdue(session, world, "Inte försenad än", manager=world.manager, deadline=TODAY)
    overdue(session, world, "Redan besvarad", manager=world.manager, state=ViewpointState.ANSWERED)
    overdue(session, world, "Återtagen", manager=world.manager, state=ViewpointState.WITHDRAWN)
    overdue(session, world, "Ingen ansvarig")
    session.commit()

    report = send_overdue_reminders(session, TODAY)
    session.commit()

    mails = {mail.recipient: mail.text() for mail in outbox("viewpoint_overdue")}
    assert sorted(mails) == ["chef@example.se", "kim@example.se"]
    assert (report.mails, report.viewpoints) == (2, 3)
    to_manager = mails["chef@example.se"]
    assert first.reference in to_manager and second.reference in to_manager
    assert "Enhetens fråga" in to_manager, "the unit's viewpoints go to every manager of the unit"
    for not_due in ("Inte försenad än", "Redan besvarad", "Återtagen", "Ingen ansvarig"):
        assert not_due not in to_manager
    assert f"http://portal.test/viewpoints/{first.id}" in to_manager
    assert "http://portal.test/viewpoints/assigned?overdue=y" in to_manager
    assert mails["kim@example.se"].count("BR-") == 1, "a named manager's viewpoint is not sent to the colleague"
    subjects = {mail.recipient: mail.subject for mail in outbox("viewpoint_overdue")}
    assert subjects == {"chef@example.se": "3 synpunkter väntar på ditt svar efter svarsdatum",
                        colleague.email: "En synpunkt väntar på ditt svar efter svarsdatum"}


def test_a_second_run_the_same_day_sends_nothing_but_a_newly_overdue_viewpoint_once(session, world, outbox):
    overdue(session, world, "Tolk vid besök", manager=world.manager)
    session.commit()
    send_overdue_reminders(session, TODAY)
    session.commit()
    assert send_overdue_reminders(session, TODAY).mails == 0
    session.commit()
    assert len(outbox("viewpoint_overdue")) == 1

    overdue(session, world, "Nyss försenad", manager=world.manager)
    session.commit()
    send_overdue_reminders(session, TODAY)
    session.commit()
    send_overdue_reminders(session, TODAY)
    session.commit()
    mails = outbox("viewpoint_overdue")
    assert len(mails) == 2
    assert "Nyss försenad" in mails[1].text() and "Tolk vid besök" not in mails[1].text()

    send_overdue_reminders(session, TODAY + timedelta(days=1))
    session.commit()
    assert len(outbox("viewpoint_overdue")) == 3, "the next day the manager is reminded again"


def test_an_inactive_manager_gets_no_reminder(session, world, outbox):
    world.manager.active = False
    overdue(session, world, "Tolk vid besök", manager=world.manager)
    overdue(session, world, "Enhetens fråga", unit=world.unit)
    session.commit()
    send_overdue_reminders(session, TODAY)
    session.commit()
    assert outbox("viewpoint_overdue") == []


def test_the_command_queues_the_reminders_and_says_how_many(app, runner, session, world, outbox):
    overdue(session, world, "Tolk vid besök", manager=world.manager)
    session.commit()
    result = runner.invoke(args=["mail", "remind-overdue"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 reminders about 1 overdue viewpoints." in result.output
    again = runner.invoke(args=["mail", "remind-overdue"])
    assert "Queued 0 reminders" in again.output
    assert len(outbox("viewpoint_overdue")) == 1


def test_reminders_take_the_same_number_of_queries_for_5_or_500_overdue_viewpoints(session, world, count_queries):
    units = [make_unit(session, world.municipality, f"Enhet {number}") for number in range(3)]
    for unit in units:
        make_user(session, unit=unit)

    def add(count):
        for number in range(count):
            overdue(session, world, f"Fråga {number}", unit=units[number % 3])
        session.commit()

    add(5)
    with count_queries() as few:
        send_overdue_reminders(session, TODAY)
    session.rollback()
    add(495)
    with count_queries() as many:
        send_overdue_reminders(session, TODAY)
    session.rollback()
    assert many.count == few.count, many.statements
