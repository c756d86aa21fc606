"""The answering machinery itself, on a stand-in answerable thing; viewpoints and recommendations are tested
through their own services and routes."""

import enum
from dataclasses import dataclass
from datetime import date

import pytest

from councilportal.answering import workflow as answering
from councilportal.answering.models import Outcome
from councilportal.answering.reminders import responsible_managers
from councilportal.errors import ChangedMeanwhile, DomainError


class State(enum.Enum):
    OPEN = "open"
    DONE = "done"


class Action(enum.Enum):
    FINISH = "finish"


@dataclass
class Thing:
    state: State = State.OPEN
    version: int = 1
    responsible_unit_id: int | None = None
    responsible_manager_id: int | None = None
    responsible_manager: object = None
    deadline: date | None = None
    outcome: Outcome | None = None
    rating: int | None = None


@dataclass
class Person:
    id: int
    active: bool = True
    unit_id: int | None = None


WORKFLOW = answering.Workflow(
    transitions={Action.FINISH: {State.OPEN: State.DONE}},
    actors={Action.FINISH: answering.is_responsible_for},
    refused_actor={Action.FINISH: "Not yours."},
    refused_in_state={Action.FINISH: "A thing that is %(state)s cannot be finished."},
    state_labels={State.OPEN: "Open", State.DONE: "Done"},
    changed_meanwhile="Changed meanwhile.",
)


def test_the_workflow_checks_the_actor_then_the_version_then_the_state(app_context):
    manager = Person(1, unit_id=7)
    thing = Thing(responsible_unit_id=7)
    assert WORKFLOW.check(manager, thing, Action.FINISH, 1) is State.DONE
    assert WORKFLOW.allowed_actions(manager, thing) == {Action.FINISH}
    with pytest.raises(DomainError, match="Not yours."):
        WORKFLOW.check(Person(2), thing, Action.FINISH, 1)
    with pytest.raises(ChangedMeanwhile):
        WORKFLOW.check(manager, thing, Action.FINISH, 0)
    thing.state = State.DONE
    with pytest.raises(DomainError, match="A thing that is done cannot be finished."):
        WORKFLOW.check(manager, thing, Action.FINISH, None)
    assert not WORKFLOW.may(manager, thing, Action.FINISH)


def test_responsibility_is_the_manager_or_the_units_managers_while_active():
    thing = Thing(responsible_unit_id=7, responsible_manager_id=3)
    assert answering.is_responsible_for(Person(3), thing)
    assert answering.is_responsible_for(Person(4, unit_id=7), thing)
    assert not answering.is_responsible_for(Person(4, unit_id=7, active=False), thing)
    assert not answering.is_responsible_for(None, thing)


def test_the_responsible_manager_is_reminded_else_every_manager_of_the_unit():
    unit_managers = {7: [Person(4, unit_id=7), Person(5, unit_id=7)]}
    assert responsible_managers(Thing(responsible_unit_id=7), unit_managers) == unit_managers[7]
    named = Person(3)
    assert responsible_managers(Thing(responsible_unit_id=7, responsible_manager=named), unit_managers) == [named]
    assert responsible_managers(Thing(responsible_manager=Person(3, active=False)), unit_managers) == []


def test_overdue_is_past_the_deadline_and_still_awaiting():
    today = date(2027, 3, 10)
    assert answering.is_overdue(Thing(deadline=date(2027, 3, 9)), [State.OPEN], today)
    assert not answering.is_overdue(Thing(deadline=date(2027, 3, 10)), [State.OPEN], today)
    assert not answering.is_overdue(Thing(deadline=date(2027, 3, 9), state=State.DONE), [State.OPEN], today)


def test_text_outcome_rating_and_deadline_rules(app_context):
    assert answering.clean_text(" a\x00b ", field="text", limit=5, missing="Write.") == "ab"
    with pytest.raises(DomainError, match="Write."):
        answering.clean_text("  ", field="text", limit=5, missing="Write.")
    with pytest.raises(DomainError):
        answering.clean_text("abcdef", field="text", limit=5, missing=None)
    thing = Thing()
    answering.set_verdict(thing, Outcome.CHANGED, 4, "Choose.")
    assert (thing.outcome, thing.rating) == (Outcome.CHANGED, 4)
    for outcome, rating in ((None, 4), (Outcome.CHANGED, 0), (Outcome.CHANGED, True), (Outcome.CHANGED, "5")):
        with pytest.raises(DomainError):
            answering.set_verdict(Thing(), outcome, rating, "Choose.")
    # Julafton to annandag jul and the Sunday after are off: the 28th is the first working day, the 29th the second.
    assert answering.deadline_after(date(2026, 12, 23), 2) == date(2026, 12, 29)
    with pytest.raises(DomainError):
        answering.check_deadline(date(2027, 1, 1), date(2027, 1, 2), "Too early.")
    with pytest.raises(DomainError) as warned:
        answering.personal_data_flag(["Ring 070-123 45 67"], send_anyway=False)
    assert warned.value.field == answering.SEND_ANYWAY_FIELD
    assert answering.personal_data_flag(["Ring 070-123 45 67"], send_anyway=True)
