from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.errors import DomainError
from councilportal.meetings import services
from councilportal.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState
from tests.meetings.factories import make_document, make_meeting, next_week_at_one


def titles(session, meeting) -> list[str]:
    return list(session.scalars(sa.select(AgendaItem.title).where(AgendaItem.meeting_id == meeting.id)
                                .order_by(AgendaItem.position)))


def fields(**overrides) -> services.MeetingFields:
    start = next_week_at_one()
    values = {"title": "Rådsmöte", "starts_at": start, "ends_at": start + timedelta(hours=2)} | overrides
    return services.MeetingFields(**values)


def test_a_meeting_loads_with_its_agenda_in_order(session, world):
    meeting = make_meeting(session, world.council, items=3)
    meeting.agenda_items[0].position = 4
    session.commit()
    session.expunge_all()

    loaded = services.load_meeting(session, meeting.id)

    assert [item.title for item in loaded.agenda_items] == ["Punkt 2", "Punkt 3", "Punkt 1"]
    assert loaded.documents == []
    assert loaded.uid == meeting.uid


def test_a_meeting_cannot_end_before_it_starts_even_in_the_database(session, world):
    meeting = make_meeting(session, world.council)
    meeting.ends_at = meeting.starts_at
    with pytest.raises(sa.exc.IntegrityError):
        session.flush()


def test_a_new_meeting_is_a_draft_of_the_council(session, world):
    meeting = services.create_meeting(session, world.coordinator, world.council,
                                      fields(location="  Stadshuset, sal 2 ", case_number="KS 2026/114"))
    assert meeting.state is MeetingState.DRAFT
    assert meeting.council is world.council
    assert meeting.location == "Stadshuset, sal 2"
    assert meeting.created_by_id == world.coordinator.id


@pytest.mark.parametrize("overrides, field", [
    ({"ends_at": next_week_at_one()}, "ends_at"),
    ({"ends_at": next_week_at_one() - timedelta(minutes=1)}, "ends_at"),
    ({"title": "   "}, "title"),
    ({"online_url": "javascript:alert(1)"}, "online_url"),
])
def test_a_meeting_with_bad_details_is_refused_on_the_field(session, world, overrides, field):
    with pytest.raises(DomainError) as refused:
        services.create_meeting(session, world.coordinator, world.council, fields(**overrides))
    assert refused.value.field == field
    assert session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_a_change_to_a_draft_moves_last_modified_but_not_the_sequence(session, world):
    meeting = make_meeting(session, world.council)
    before = meeting.updated_at
    assert services.update_meeting(session, world.coordinator, meeting, fields(title="Nytt namn",
                                                                                starts_at=meeting.starts_at,
                                                                                ends_at=meeting.ends_at))
    assert meeting.updated_at > before
    assert meeting.sequence == 0


def test_every_change_to_a_published_meeting_raises_the_sequence(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, items=2)
    session.commit()
    services.update_meeting(session, world.coordinator, meeting, fields(starts_at=meeting.starts_at,
                                                                       ends_at=meeting.ends_at + timedelta(hours=1)))
    services.add_agenda_item(session, world.coordinator, meeting, services.AgendaItemFields(title="Budget"))
    services.move_agenda_item(session, world.coordinator, meeting, meeting.agenda_items[2], -1)
    assert meeting.sequence == 3


def test_saving_unchanged_details_tells_nobody(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED, title="Rådsmöte")
    same = fields(starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    assert services.update_meeting(session, world.coordinator, meeting, same) is False
    assert meeting.sequence == 0


def test_items_are_added_last_moved_and_removed_with_the_rest_renumbered(session, world):
    meeting = make_meeting(session, world.council, items=3)
    session.commit()
    session.expunge_all()
    meeting = session.get(Meeting, meeting.id)
    services.add_agenda_item(session, world.coordinator, meeting, services.AgendaItemFields(title="Övriga frågor"))
    assert titles(session, meeting) == ["Punkt 1", "Punkt 2", "Punkt 3", "Övriga frågor"]

    third = meeting.agenda_items[2]
    services.move_agenda_item(session, world.coordinator, meeting, third, -1)
    services.move_agenda_item(session, world.coordinator, meeting, third, -1)
    services.move_agenda_item(session, world.coordinator, meeting, third, -1)
    assert titles(session, meeting) == ["Punkt 3", "Punkt 1", "Punkt 2", "Övriga frågor"]

    services.remove_agenda_item(session, world.coordinator, meeting, meeting.agenda_items[1])
    assert titles(session, meeting) == ["Punkt 3", "Punkt 2", "Övriga frågor"]
    assert [item.position for item in meeting.agenda_items] == [1, 2, 3]


def test_an_item_of_another_meeting_cannot_be_moved_through_this_one(session, world):
    meeting = make_meeting(session, world.council, items=2)
    other = make_meeting(session, world.council, items=2)
    with pytest.raises(DomainError):
        services.move_agenda_item(session, world.coordinator, meeting, other.agenda_items[1], -1)
    assert titles(session, other) == ["Punkt 1", "Punkt 2"]


def test_the_agenda_of_a_held_or_cancelled_meeting_is_fixed(session, world):
    for state in (MeetingState.HELD, MeetingState.CANCELLED):
        meeting = make_meeting(session, world.council, state=state, items=1)
        with pytest.raises(DomainError):
            services.add_agenda_item(session, world.coordinator, meeting, services.AgendaItemFields(title="Sent"))
        assert titles(session, meeting) == ["Punkt 1"]


def test_the_standard_agenda_fills_in_what_is_missing(session, world):
    services.save_agenda_template(session, world.coordinator, world.council,
                                  "Mötets öppnande\n\n  Information från förvaltningen \nÖvriga frågor\n")
    assert world.council.agenda_template == "Mötets öppnande\nInformation från förvaltningen\nÖvriga frågor"
    meeting = make_meeting(session, world.council)
    services.add_agenda_item(session, world.coordinator, meeting, services.AgendaItemFields(title="övriga frågor"))

    added = services.prefill_agenda(session, world.coordinator, meeting)

    assert [item.title for item in added] == ["Mötets öppnande", "Information från förvaltningen"]
    assert titles(session, meeting) == ["övriga frågor", "Mötets öppnande", "Information från förvaltningen"]
    assert services.prefill_agenda(session, world.coordinator, meeting) == []


def test_prefilling_without_a_standard_agenda_says_so(session, world):
    meeting = make_meeting(session, world.council)
    with pytest.raises(DomainError, match="ingen standarddagordning"):
        services.prefill_agenda(session, world.coordinator, meeting)


def test_deleting_a_draft_takes_its_agenda_and_document_files_with_it(session, world, app, tmp_path):
    meeting = make_meeting(session, world.council, items=2)
    document = make_document(session, meeting, item=meeting.agenda_items[0])
    stored = tmp_path / "uploads" / document.storage_key[:2] / document.storage_key
    assert stored.exists()
    session.commit()

    services.delete_meeting(session, world.coordinator, meeting)
    session.commit()

    assert session.scalar(sa.select(sa.func.count()).select_from(AgendaItem)) == 0
    assert session.scalar(sa.select(sa.func.count()).select_from(MeetingDocument)) == 0
    assert not stored.exists()


def test_a_published_meeting_is_cancelled_not_deleted(session, world):
    meeting = make_meeting(session, world.council, state=MeetingState.PUBLISHED)
    with pytest.raises(DomainError, match="Bara ett utkast"):
        services.delete_meeting(session, world.coordinator, meeting)


def test_removing_an_item_removes_its_documents(session, world, tmp_path):
    meeting = make_meeting(session, world.council, items=2)
    on_item = make_document(session, meeting, item=meeting.agenda_items[0])
    on_meeting = make_document(session, meeting)
    session.commit()
    services.remove_agenda_item(session, world.coordinator, meeting, meeting.agenda_items[0])
    session.commit()
    assert session.scalars(sa.select(MeetingDocument.id)).all() == [on_meeting.id]
    assert not (tmp_path / "uploads" / on_item.storage_key[:2] / on_item.storage_key).exists()
