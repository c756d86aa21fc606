"""The answering machinery shared by everything a unit's manager answers: viewpoints and audit
recommendations.

Each domain describes its workflow once — which action leads from which state to which, who may take
it, what a refusal says — as a `Workflow`, and writes its own timeline events and mail. What is the
same everywhere lives here: the actor, state and version check; the optimistic version write; text
cleaning and the personal-data warning; assignment to a unit and a manager; working-day deadlines;
answers, interim and final; the outcome and rating; the overdue rule.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from councilportal.accounts.models import User
from councilportal.answering.labels import PERSONAL_DATA_LABELS
from councilportal.answering.models import AnswerColumns, Outcome
from councilportal.errors import ChangedMeanwhile, DomainError
from councilportal.organisations.models import Organisation, Unit
from councilportal.personaldata import Finding, find_personal_data
from councilportal.timeutil import now_utc, today_in_sweden, working_days_after

COMMENT_MAX_LENGTH = 5_000
ANSWER_MAX_LENGTH = 20_000
ACTIONS_MAX_LENGTH = 10_000


@dataclass(frozen=True)
class Workflow:
    """The states an answerable thing moves through and who moves it: action -> {state: next state},
    action -> who may take it, and what a refusal of each says."""

    transitions: Mapping[Any, Mapping[Any, Any]]
    actors: Mapping[Any, Callable[[User | None, Any], bool]]
    refused_actor: Mapping[Any, str]
    refused_in_state: Mapping[Any, str]
    state_labels: Mapping[Any, str]
    changed_meanwhile: str

    def allowed_actions(self, user: User | None, thing) -> set:
        """What a person may do with the thing now: the panels a page offers."""
        return {
            action for action, leads_to in self.transitions.items()
            if thing.state in leads_to and self.actors[action](user, thing)
        }

    def may(self, user: User | None, thing, action) -> bool:
        return thing.state in self.transitions[action] and self.actors[action](user, thing)

    def check(self, actor: User | None, thing, action, expected_version: int | None):
        """The state the action leads to, or the reason it may not be taken."""
        if not self.actors[action](actor, thing):
            raise DomainError(str(self.refused_actor[action]))
        if expected_version is not None and expected_version != thing.version:
            raise ChangedMeanwhile(str(self.changed_meanwhile))
        leads_to = self.transitions[action].get(thing.state)
        if leads_to is None:
            state = str(self.state_labels[thing.state]).lower()
            raise DomainError(str(self.refused_in_state[action]) % {"state": state})
        return leads_to

    def save(self, session: Session, thing, new_state) -> None:
        """Write the change; the version check makes a concurrent write fail instead of being lost."""
        thing.state = new_state
        # Touching the row even when no column changes (an interim answer in progress) bumps the version.
        thing.updated_at = now_utc()
        try:
            session.flush()
        except StaleDataError as error:
            raise ChangedMeanwhile(str(self.changed_meanwhile)) from error


def clean_text(value: str | None, *, field: str, limit: int, missing: str | None) -> str:
    # PostgreSQL refuses NUL characters in text; they never carry meaning in what people write.
    cleaned = (value or "").replace("\x00", "").strip()
    if missing is not None and not cleaned:
        raise DomainError(missing, field)
    if len(cleaned) > limit:
        raise DomainError(_("Högst %(max)d tecken.", max=limit), field)
    return cleaned


# --- Personal data ------------------------------------------------------------------------------

PERSONAL_DATA_FOUND = _l(
    "Texten ser ut att innehålla personuppgifter: %(found)s. Råden behandlar frågor om verksamheten, "
    "inte om enskilda personer. Ta bort uppgifterna, eller kryssa i ”Skicka ändå” och skicka igen: "
    "då ser samordnaren att texten kan innehålla personuppgifter.")
# The form field where the person chooses to send text despite the warning.
SEND_ANYWAY_FIELD = "send_anyway"


def _describe(findings: list[Finding]) -> str:
    return ", ".join(f"{PERSONAL_DATA_LABELS[finding.kind]} {finding.text}" for finding in findings)


def personal_data_flag(texts: Iterable[str], send_anyway: bool, warning=PERSONAL_DATA_FOUND) -> bool:
    """Whether the texts are sent although they seem to hold personal data; the warning if not chosen so."""
    findings = [finding for text in texts for finding in find_personal_data(text)]
    if findings and not send_anyway:
        raise DomainError(str(warning) % {"found": _describe(findings)}, SEND_ANYWAY_FIELD)
    return bool(findings)


# --- Assignment and deadlines --------------------------------------------------------------------


def check_assignees(owner: Organisation, unit: Unit | None, manager: User | None) -> None:
    """Units and managers of the municipality or region that answers (`owner`), as the forms offer them,
    whoever calls."""
    if unit is not None and unit.organisation_id != owner.id:
        raise DomainError(_("Enheten %(unit)s hör inte till %(owner)s, som äger rådet.", unit=unit.name,
                            owner=owner.name), "unit_id")
    if manager is not None and not manager.active:
        raise DomainError(_("%(name)s har inget aktivt konto.", name=manager.name), "manager_id")
    if manager is not None and not manager.is_manager:
        raise DomainError(_("%(name)s hör inte till någon enhet och kan inte svara på synpunkter.",
                            name=manager.name), "manager_id")
    if manager is not None and manager.unit.organisation_id != owner.id:
        raise DomainError(_("%(name)s hör inte till %(owner)s, som äger rådet.", name=manager.name,
                            owner=owner.name), "manager_id")


def assignment_text(unit: Unit | None, manager: User | None) -> str:
    """The timeline's note of an assignment: the unit's and the manager's names."""
    return ", ".join(part for part in (unit.name if unit else "", manager.name if manager else "") if part)


def assign(thing, owner: Organisation, unit: Unit | None, manager: User | None) -> None:
    check_assignees(owner, unit, manager)
    thing.responsible_unit = unit
    thing.responsible_manager = manager


def deadline_after(start: date, working_days: int) -> date:
    return working_days_after(start, working_days)


def check_deadline(deadline: date | None, earliest: date, too_early: str) -> date:
    if deadline is None:
        raise DomainError(_("Fyll i ett svarsdatum."), "deadline")
    if deadline < earliest:
        raise DomainError(too_early, "deadline")
    return deadline


def is_responsible_for(user: User | None, thing) -> bool:
    """The responsible manager, or a manager of the responsible unit."""
    if user is None or not user.active:
        return False
    return user.id == thing.responsible_manager_id or (
        user.unit_id is not None and user.unit_id == thing.responsible_unit_id
    )


def responsible_condition(model, user: User) -> sa.ColumnElement[bool]:
    """The same rule as is_responsible_for, as SQL over `model`'s rows."""
    if not user.active:
        return sa.false()
    responsible = model.responsible_manager_id == user.id
    if user.unit_id is not None:
        responsible = sa.or_(responsible, model.responsible_unit_id == user.unit_id)
    return responsible


def overdue_condition(model, awaiting_answer: Iterable, today: date) -> sa.ColumnElement[bool]:
    """Overdue: the deadline has passed and no final answer has been given."""
    return sa.and_(model.deadline < today, model.state.in_(tuple(awaiting_answer)))


def is_overdue(thing, awaiting_answer: Iterable, today: date) -> bool:
    """The same rule as overdue_condition, for a thing already loaded."""
    return thing.deadline is not None and thing.deadline < today and thing.state in tuple(awaiting_answer)


# --- Answers and the verdict on them -------------------------------------------------------------


def write_answer(session: Session, response_class: type[AnswerColumns], manager: User, *, is_final: bool,
                 text: str, actions: str, follow_up_on: date | None, send_anyway: bool,
                 **owner) -> AnswerColumns:
    """Check and add an answer (the domain has checked the action and writes its own timeline line).
    `owner` names the answered thing's column, e.g. viewpoint_id=…, and any column the domain adds."""
    text = clean_text(text, field="text", limit=ANSWER_MAX_LENGTH, missing=_("Skriv svaret."))
    actions = clean_text(actions, field="actions", limit=ACTIONS_MAX_LENGTH, missing=None)
    if follow_up_on is not None and follow_up_on < today_in_sweden():
        raise DomainError(_("Uppföljningsdatumet kan inte ligga i det förflutna."), "follow_up_on")
    flagged = personal_data_flag((text, actions), send_anyway)
    response = response_class(manager=manager, is_final=is_final, text=text, actions=actions,
                              follow_up_on=follow_up_on, personal_data_flagged=flagged, **owner)
    session.add(response)
    return response


def check_rating(rating: int | None) -> int:
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise DomainError(_("Välj ett betyg från 1 till 5."), "rating")
    return rating


def set_verdict(thing, outcome: Outcome | None, rating: int | None, missing_outcome: str) -> None:
    """Those who raised it say what it led to and rate the answer 1–5."""
    if not isinstance(outcome, Outcome):
        raise DomainError(missing_outcome, "outcome")
    thing.rating = check_rating(rating)
    thing.outcome = outcome
