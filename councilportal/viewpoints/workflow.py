"""The viewpoint workflow: the states, the actions that move between them and who may take each.

    submitted ──► received ──► in_progress ──► answered ──► closed
        └──────────┴──────────────┴──► withdrawn        └──► in_progress (reopened)

A public viewpoint reaches the public only once a coordinator has received it and confirmed its
public wording (publish_viewpoint), which they may correct first, and again later, or take back.
Text that may be read by others is checked for personal data first: the person is warned and may
send it anyway, which flags it for the coordinators.

One function per action. Each checks the actor (policies), the state (TRANSITIONS) and the
version the actor saw, writes its timeline event in the same transaction and only flushes;
the caller commits. A write based on a stale copy becomes ChangedMeanwhile.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering import workflow as answering
from councilportal.answering.models import Outcome
from councilportal.answering.workflow import (
    COMMENT_MAX_LENGTH,
    Workflow,
    clean_text,
    personal_data_flag,
)
from councilportal.councils.models import Council
from councilportal.errors import DomainError
from councilportal.organisations.models import Organisation, Unit
from councilportal.timeutil import STOCKHOLM, now_utc, today_in_sweden
from councilportal.uploads import StoredUpload
from councilportal.viewpoints import notifications, policies
from councilportal.viewpoints.labels import STATE_LABELS
from councilportal.viewpoints.models import (
    EventKind,
    Viewpoint,
    ViewpointAttachment,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000
SUBJECT_MAX_LENGTH = 100


class Action(enum.Enum):
    RECEIVE = "receive"
    ASSIGN = "assign"
    SET_DEADLINE = "set_deadline"
    COMMENT = "comment"
    WITHDRAW = "withdraw"
    INTERIM_ANSWER = "interim_answer"
    FINAL_ANSWER = "final_answer"
    CLOSE = "close"
    REOPEN = "reopen"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"


_S = ViewpointState
_OPEN = (_S.RECEIVED, _S.IN_PROGRESS)
_RECEIVED_ONWARDS = (*_OPEN, _S.ANSWERED, _S.CLOSED)

# action -> {state it may be taken in: the state it leads to}
TRANSITIONS: dict[Action, dict[ViewpointState, ViewpointState]] = {
    Action.RECEIVE: {_S.SUBMITTED: _S.RECEIVED},
    Action.ASSIGN: {state: state for state in _OPEN},
    Action.SET_DEADLINE: {state: state for state in _OPEN},
    Action.COMMENT: {state: state for state in (_S.SUBMITTED, *_OPEN, _S.ANSWERED)},
    Action.WITHDRAW: {state: _S.WITHDRAWN for state in (_S.SUBMITTED, *_OPEN)},
    Action.INTERIM_ANSWER: {state: _S.IN_PROGRESS for state in _OPEN},
    Action.FINAL_ANSWER: {state: _S.ANSWERED for state in _OPEN},
    Action.CLOSE: {_S.ANSWERED: _S.CLOSED},
    Action.REOPEN: {_S.ANSWERED: _S.IN_PROGRESS},
    # Only what a coordinator has received goes public; a withdrawn one can still be taken down.
    Action.PUBLISH: {state: state for state in _RECEIVED_ONWARDS},
    Action.UNPUBLISH: {state: state for state in (*_RECEIVED_ONWARDS, _S.WITHDRAWN)},
}

# action -> who may take it (whatever the state)
ACTORS: dict[Action, Callable[[User | None, Viewpoint], bool]] = {
    Action.RECEIVE: policies.can_triage,
    Action.ASSIGN: policies.can_triage,
    Action.SET_DEADLINE: policies.can_triage,
    Action.COMMENT: policies.can_comment,
    Action.WITHDRAW: policies.can_withdraw,
    Action.INTERIM_ANSWER: policies.can_answer,
    Action.FINAL_ANSWER: policies.can_answer,
    Action.CLOSE: policies.can_close,
    Action.REOPEN: policies.can_reopen,
    Action.PUBLISH: policies.can_confirm_publication,
    Action.UNPUBLISH: policies.can_confirm_publication,
}

_REFUSED_IN_STATE = {
    Action.RECEIVE: _l("En synpunkt som är %(state)s kan inte tas emot."),
    Action.ASSIGN: _l("En synpunkt som är %(state)s kan inte fördelas."),
    Action.SET_DEADLINE: _l("En synpunkt som är %(state)s kan inte få ett nytt svarsdatum."),
    Action.COMMENT: _l("En synpunkt som är %(state)s kan inte kommenteras."),
    Action.WITHDRAW: _l("En synpunkt som är %(state)s kan inte tas tillbaka."),
    Action.INTERIM_ANSWER: _l("En synpunkt som är %(state)s kan inte få ett delbesked."),
    Action.FINAL_ANSWER: _l("En synpunkt som är %(state)s kan inte besvaras."),
    Action.CLOSE: _l("En synpunkt som är %(state)s kan inte avslutas."),
    Action.REOPEN: _l("En synpunkt som är %(state)s kan inte öppnas igen."),
    Action.PUBLISH: _l("En synpunkt som är %(state)s kan inte publiceras."),
    Action.UNPUBLISH: _l("En synpunkt som är %(state)s kan inte tas bort från den offentliga sidan."),
}

_REFUSED_ACTOR = {
    Action.RECEIVE: _l("Bara rådets samordnare kan ta emot synpunkten."),
    Action.ASSIGN: _l("Bara rådets samordnare kan fördela synpunkten."),
    Action.SET_DEADLINE: _l("Bara rådets samordnare kan ändra svarsdatumet."),
    Action.COMMENT: _l("Du kan inte kommentera den här synpunkten."),
    Action.WITHDRAW: _l("Bara organisationen som lämnade synpunkten kan ta tillbaka den."),
    Action.INTERIM_ANSWER: _l("Synpunkten är fördelad till någon annan att besvara."),
    Action.FINAL_ANSWER: _l("Synpunkten är fördelad till någon annan att besvara."),
    Action.CLOSE: _l("Bara organisationen som lämnade synpunkten kan avsluta den."),
    Action.REOPEN: _l("Bara organisationen som lämnade synpunkten kan öppna den igen."),
    Action.PUBLISH: _l("Bara rådets samordnare kan publicera synpunkten, och bara om den är offentlig "
                       "i ett offentligt råd."),
    Action.UNPUBLISH: _l("Bara rådets samordnare kan ta bort synpunkten från den offentliga sidan."),
}

CHANGED_MEANWHILE = _l("Synpunkten har ändrats av någon annan medan du skrev. Läs det nya läget och försök igen.")


WORKFLOW = Workflow(TRANSITIONS, ACTORS, _REFUSED_ACTOR, _REFUSED_IN_STATE, STATE_LABELS, CHANGED_MEANWHILE)


def allowed_actions(user: User | None, viewpoint: Viewpoint) -> set[Action]:
    """What a person may do with a viewpoint now: the panels a page offers."""
    return WORKFLOW.allowed_actions(user, viewpoint)


def may(user: User | None, viewpoint: Viewpoint, action: Action) -> bool:
    return WORKFLOW.may(user, viewpoint, action)


def _record(session: Session, actor: User | None, viewpoint: Viewpoint, kind: EventKind,
            text: str = "") -> ViewpointEvent:
    event = ViewpointEvent(viewpoint_id=viewpoint.id, actor=actor, kind=kind, text=text)
    session.add(event)
    return event


# --- Personal data ------------------------------------------------------------------------------

PERSONAL_DATA_IN_PUBLIC_WORDING = _l(
    "Den offentliga lydelsen ser ut att innehålla personuppgifter: %(found)s. Råden behandlar frågor om "
    "verksamheten, inte om enskilda personer. Ta bort uppgifterna, eller kryssa i ”Publicera ändå”.")


# --- Deadlines -----------------------------------------------------------------------------------


DEADLINE_BEFORE_RECEIPT = _l("Svarsdatumet kan inte ligga före dagen synpunkten togs emot.")


def default_deadline(received_on: date) -> date:
    return answering.deadline_after(received_on, current_app.config["VIEWPOINT_ANSWER_WORKING_DAYS"])


# --- Submitting ----------------------------------------------------------------------------------


@dataclass
class ViewpointFields:
    title: str
    body: str
    subject: str = ""
    visibility: Visibility = Visibility.COUNCIL
    attachments: tuple[StoredUpload, ...] = ()
    # Sent although the text seemed to hold personal data.
    send_anyway: bool = False


def _lock_serials(session: Session, year: int) -> None:
    """Two submissions at the same instant must not take the same serial.

    PostgreSQL: a transaction-scoped advisory lock per year, held until commit, so the next
    submitter reads the serial the first one took. SQLite: writers are serialised anyway and
    the serial is computed inside the INSERT statement itself.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext("viewpoints.serial"), year)))


def submit_viewpoint(session: Session, representative: User, council: Council, organisation: Organisation,
                     fields: ViewpointFields) -> Viewpoint:
    if not policies.can_submit_viewpoint(representative, council):
        raise DomainError(_("Du kan bara lämna synpunkter i råd där du är brukarrepresentant."))
    if organisation.id not in {o.id for o in policies.organisations_represented(representative, council)}:
        raise DomainError(_("Du företräder inte den organisationen i rådet."), "organisation_id")
    title = clean_text(fields.title, field="title", limit=TITLE_MAX_LENGTH, missing=_("Skriv en rubrik."))
    body = clean_text(fields.body, field="body", limit=BODY_MAX_LENGTH, missing=_("Skriv vad synpunkten gäller."))
    subject = clean_text(fields.subject, field="subject", limit=SUBJECT_MAX_LENGTH, missing=None)
    flagged = personal_data_flag((title, subject, body), fields.send_anyway)
    year = today_in_sweden().year
    _lock_serials(session, year)
    next_serial = (
        sa.select(sa.func.coalesce(sa.func.max(Viewpoint.serial), 0) + 1)
        .where(Viewpoint.year == year)
        .scalar_subquery()
    )
    viewpoint = Viewpoint(
        year=year, serial=next_serial, council=council, organisation=organisation, submitted_by=representative,
        title=title, body=body, subject=subject, visibility=fields.visibility, state=ViewpointState.SUBMITTED,
        personal_data_flagged=flagged,
    )
    session.add(viewpoint)
    session.flush()
    _record(session, representative, viewpoint, EventKind.SUBMITTED)
    for upload in fields.attachments:
        session.add(ViewpointAttachment.of_upload(upload, viewpoint_id=viewpoint.id, uploaded_by=representative))
    session.flush()
    notifications.new_viewpoint(session, viewpoint)
    return viewpoint


# --- Triage --------------------------------------------------------------------------------------


def mark_received(session: Session, coordinator: User, viewpoint: Viewpoint, *, unit: Unit | None = None,
                  manager: User | None = None, deadline: date | None = None,
                  expected_version: int | None = None) -> Viewpoint:
    """Receive a viewpoint; the deadline defaults to the configured number of working days."""
    new_state = WORKFLOW.check(coordinator, viewpoint, Action.RECEIVE, expected_version)
    received_on = today_in_sweden()
    deadline = answering.check_deadline(deadline or default_deadline(received_on), received_on,
                                        str(DEADLINE_BEFORE_RECEIPT))
    answering.assign(viewpoint, viewpoint.council.owner, unit, manager)
    viewpoint.received_at = now_utc()
    viewpoint.deadline = deadline
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, coordinator, viewpoint, EventKind.RECEIVED)
    if unit is not None or manager is not None:
        _record(session, coordinator, viewpoint, EventKind.ASSIGNED, answering.assignment_text(unit, manager))
    _record(session, coordinator, viewpoint, EventKind.DEADLINE_SET, deadline.isoformat())
    session.flush()
    notifications.receipt(session, viewpoint)
    if unit is not None or manager is not None:
        notifications.assigned(session, viewpoint)
    return viewpoint


def assign_viewpoint(session: Session, coordinator: User, viewpoint: Viewpoint, *, unit: Unit | None,
                     manager: User | None, expected_version: int | None = None) -> Viewpoint:
    new_state = WORKFLOW.check(coordinator, viewpoint, Action.ASSIGN, expected_version)
    if unit is None and manager is None:
        raise DomainError(_("Välj en ansvarig enhet, en ansvarig chef eller båda."), "unit_id")
    answering.assign(viewpoint, viewpoint.council.owner, unit, manager)
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, coordinator, viewpoint, EventKind.ASSIGNED, answering.assignment_text(unit, manager))
    session.flush()
    notifications.assigned(session, viewpoint)
    return viewpoint


def set_deadline(session: Session, coordinator: User, viewpoint: Viewpoint, deadline: date, *,
                 expected_version: int | None = None) -> Viewpoint:
    new_state = WORKFLOW.check(coordinator, viewpoint, Action.SET_DEADLINE, expected_version)
    received_on = viewpoint.received_at.astimezone(STOCKHOLM).date() if viewpoint.received_at else today_in_sweden()
    viewpoint.deadline = answering.check_deadline(deadline, received_on, str(DEADLINE_BEFORE_RECEIPT))
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, coordinator, viewpoint, EventKind.DEADLINE_SET, deadline.isoformat())
    session.flush()
    return viewpoint


# --- Conversation --------------------------------------------------------------------------------


def comment_on_viewpoint(session: Session, user: User, viewpoint: Viewpoint, text: str, *,
                         send_anyway: bool = False) -> ViewpointEvent:
    """A comment only adds to the timeline: it never conflicts with someone answering meanwhile."""
    WORKFLOW.check(user, viewpoint, Action.COMMENT, None)
    text = clean_text(text, field="text", limit=COMMENT_MAX_LENGTH, missing=_("Skriv en kommentar."))
    flagged = personal_data_flag((text,), send_anyway)
    event = _record(session, user, viewpoint, EventKind.COMMENTED, text)
    event.personal_data_flagged = flagged
    session.flush()
    return event


def withdraw_viewpoint(session: Session, representative: User, viewpoint: Viewpoint, *,
                       expected_version: int | None = None) -> Viewpoint:
    new_state = WORKFLOW.check(representative, viewpoint, Action.WITHDRAW, expected_version)
    viewpoint.withdrawn_at = now_utc()
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, representative, viewpoint, EventKind.WITHDRAWN)
    session.flush()
    return viewpoint


# --- Answers -------------------------------------------------------------------------------------


def _respond(session: Session, manager: User, viewpoint: Viewpoint, action: Action, text: str, actions: str,
             follow_up_on: date | None, expected_version: int | None, send_anyway: bool) -> ViewpointResponse:
    new_state = WORKFLOW.check(manager, viewpoint, action, expected_version)
    is_final = action is Action.FINAL_ANSWER
    response = answering.write_answer(session, ViewpointResponse, manager, is_final=is_final, text=text,
                                      actions=actions, follow_up_on=follow_up_on, send_anyway=send_anyway,
                                      viewpoint_id=viewpoint.id)
    if is_final:
        viewpoint.answered_at = now_utc()
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, manager, viewpoint, EventKind.FINAL_ANSWER if is_final else EventKind.INTERIM_ANSWER)
    session.flush()
    if is_final:
        _promise_follow_up(session, response)
    notifications.answered(session, viewpoint, response)
    return response


def _promise_follow_up(session: Session, response: ViewpointResponse) -> None:
    """A new final answer's follow-up date replaces what an earlier answer promised and nobody was asked yet
    (follow_ups.py asks the organisation when the day comes)."""
    session.execute(sa.delete(ViewpointFollowUp).where(
        ViewpointFollowUp.viewpoint_id == response.viewpoint_id, ViewpointFollowUp.asked_on.is_(None)))
    if response.follow_up_on is not None:
        session.add(ViewpointFollowUp(viewpoint_id=response.viewpoint_id, response_id=response.id,
                                      due_on=response.follow_up_on))
        session.flush()


def give_interim_answer(session: Session, manager: User, viewpoint: Viewpoint, text: str, actions: str = "", *,
                        expected_version: int | None = None, send_anyway: bool = False) -> ViewpointResponse:
    """Besked om handläggning: the viewpoint moves to in progress."""
    return _respond(session, manager, viewpoint, Action.INTERIM_ANSWER, text, actions, None, expected_version,
                    send_anyway)


def answer_viewpoint(session: Session, manager: User, viewpoint: Viewpoint, text: str, actions: str = "",
                     follow_up_on: date | None = None, *, expected_version: int | None = None,
                     send_anyway: bool = False) -> ViewpointResponse:
    """The final answer, with the actions taken or planned and an optional follow-up date."""
    return _respond(session, manager, viewpoint, Action.FINAL_ANSWER, text, actions, follow_up_on, expected_version,
                    send_anyway)


# --- The organisation's verdict ------------------------------------------------------------------


def close_viewpoint(session: Session, representative: User, viewpoint: Viewpoint, outcome: Outcome | None,
                    rating: int | None, *, expected_version: int | None = None) -> Viewpoint:
    new_state = WORKFLOW.check(representative, viewpoint, Action.CLOSE, expected_version)
    answering.set_verdict(viewpoint, outcome, rating, _("Välj vad synpunkten ledde till."))
    viewpoint.closed_at = now_utc()
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, representative, viewpoint, EventKind.CLOSED)
    session.flush()
    return viewpoint


def reopen_viewpoint(session: Session, representative: User, viewpoint: Viewpoint, comment: str, *,
                     expected_version: int | None = None, send_anyway: bool = False) -> Viewpoint:
    """The answer was not enough: back to in progress, with the reason on the timeline."""
    new_state = WORKFLOW.check(representative, viewpoint, Action.REOPEN, expected_version)
    comment = clean_text(comment, field="comment", limit=COMMENT_MAX_LENGTH,
                    missing=_("Skriv varför synpunkten öppnas igen."))
    flagged = personal_data_flag((comment,), send_anyway)
    # It needs a new final answer; until then it counts as unanswered (and can become overdue).
    viewpoint.answered_at = None
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, representative, viewpoint, EventKind.REOPENED, comment).personal_data_flagged = flagged
    session.flush()
    notifications.reopened(session, viewpoint, comment)
    return viewpoint


# --- Publication ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicWording:
    """What the public reads of a viewpoint: what was sent, or a coordinator's correction of it."""

    title: str
    body: str


def public_wording(viewpoint: Viewpoint) -> PublicWording:
    """The wording confirmed for the public; before any confirmation, what was sent, to start from."""
    if viewpoint.public_title is None or viewpoint.public_body is None:
        return PublicWording(viewpoint.title, viewpoint.body)
    return PublicWording(viewpoint.public_title, viewpoint.public_body)


def wording_for(user: User | None, viewpoint: Viewpoint) -> PublicWording:
    """What a person reads: the confirmed public wording when they see the viewpoint only because it is
    published, otherwise what was sent."""
    if policies.reads_public_wording(user, viewpoint):
        return public_wording(viewpoint)
    return PublicWording(viewpoint.title, viewpoint.body)


def publish_viewpoint(session: Session, coordinator: User, viewpoint: Viewpoint, wording: PublicWording, *,
                      send_anyway: bool = False, expected_version: int | None = None) -> Viewpoint:
    """Confirm that a received public viewpoint may reach the public, in `wording`; on a published one,
    correct its public wording. The organisation and the coordinators go on reading what was sent."""
    new_state = WORKFLOW.check(coordinator, viewpoint, Action.PUBLISH, expected_version)
    title = clean_text(wording.title, field="public_title", limit=TITLE_MAX_LENGTH,
                  missing=_("Skriv rubriken som allmänheten ser."))
    body = clean_text(wording.body, field="public_body", limit=BODY_MAX_LENGTH,
                 missing=_("Skriv texten som allmänheten ser."))
    personal_data_flag((title, body), send_anyway, PERSONAL_DATA_IN_PUBLIC_WORDING)
    newly_published = not viewpoint.is_published
    reworded = PublicWording(title, body) != public_wording(viewpoint)
    if not newly_published and not reworded:
        return viewpoint
    viewpoint.public_title, viewpoint.public_body = title, body
    if newly_published:
        viewpoint.published_at = now_utc()
    WORKFLOW.save(session, viewpoint, new_state)
    if newly_published:
        _record(session, coordinator, viewpoint, EventKind.PUBLISHED)
    if reworded:
        _record(session, coordinator, viewpoint, EventKind.PUBLIC_WORDING_CHANGED)
    session.flush()
    return viewpoint


def unpublish_viewpoint(session: Session, coordinator: User, viewpoint: Viewpoint, *,
                        expected_version: int | None = None) -> Viewpoint:
    """Take a viewpoint off the public pages again; it stays a council viewpoint, its public wording kept."""
    new_state = WORKFLOW.check(coordinator, viewpoint, Action.UNPUBLISH, expected_version)
    if not viewpoint.is_published:
        raise DomainError(_("Synpunkten är inte publicerad."))
    viewpoint.published_at = None
    WORKFLOW.save(session, viewpoint, new_state)
    _record(session, coordinator, viewpoint, EventKind.UNPUBLISHED)
    session.flush()
    return viewpoint
