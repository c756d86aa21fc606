"""A viewpoint's page and the actions on it: submit, triage, publish, answer, comment, withdraw, close, reopen."""

from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.models import User
from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.councils import policies as council_policies
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.forms import PortalForm, choices
from councilportal.i18n import long_date, readable_size
from councilportal.meetings import policies as meeting_policies
from councilportal.organisations.models import Unit
from councilportal.pagecache import kept_until_changed
from councilportal.textformat import render_markdown
from councilportal.timeutil import today_in_sweden
from councilportal.uploads import StoredUpload, send_upload, store_upload
from councilportal.viewpoints import agenda, follow_ups, policies, queries, services, workflow
from councilportal.viewpoints.forms import (
    MAX_ATTACHMENTS,
    AnswerForm,
    AssignForm,
    CloseForm,
    CommentForm,
    DeadlineForm,
    FollowUpForm,
    PublishForm,
    ReceiveForm,
    ReopenForm,
    UnpublishForm,
    VersionedForm,
    ViewpointForm,
    WithdrawForm,
)
from councilportal.viewpoints.labels import (
    EVENT_LABELS,
    FOLLOW_UP_ANSWER_LABELS,
    STATE_LABELS,
    VISIBILITY_DESCRIPTIONS,
    VISIBILITY_LABELS,
)
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointAttachment,
    ViewpointState,
    Visibility,
)
from councilportal.viewpoints.workflow import Action
from councilportal.web import acting_user, committed_or_shown_on, get_or_404, require

bp = Blueprint("viewpoints", __name__)

# A form that failed is shown again on the viewpoint's page with this status, its input kept.
FORM_FAILED = 422

# Timeline events the organisation takes; the rest are the municipality's or region's.
ORGANISATION_EVENTS = {EventKind.SUBMITTED, EventKind.WITHDRAWN, EventKind.CLOSED, EventKind.REOPENED,
                       EventKind.FOLLOW_UP_ANSWERED}


@bp.app_template_filter("markdown")
def markdown_filter(text: str | None):
    return render_markdown(text)


@bp.app_template_filter("iso_date")
def iso_date_filter(text: str) -> date:
    """A date kept as text in a timeline event, such as the deadline that was set."""
    return date.fromisoformat(text)


@bp.app_context_processor
def viewpoint_policies():
    """Other domains' pages offer viewpoint actions too, such as a council's "Lämna en synpunkt", and show
    viewpoints in the wording their reader may read."""
    return {"viewpoint_policies": policies,
            "viewpoint_wording": lambda viewpoint: workflow.wording_for(acting_user(), viewpoint)}


@bp.context_processor
def labels():
    return {
        "state_labels": STATE_LABELS, "visibility_labels": VISIBILITY_LABELS, "outcome_labels": OUTCOME_LABELS,
        "rating_labels": RATING_LABELS, "event_labels": EVENT_LABELS, "EventKind": EventKind,
        "ORGANISATION_EVENTS": ORGANISATION_EVENTS, "follow_up_answer_labels": FOLLOW_UP_ANSWER_LABELS,
        "FollowUpAnswer": FollowUpAnswer,
    }


def _visible_viewpoint(viewpoint_id: int) -> Viewpoint:
    viewpoint = get_or_404(Viewpoint, viewpoint_id)
    require(policies.can_view_viewpoint(acting_user(), viewpoint))
    return viewpoint


# --- Submitting ----------------------------------------------------------------------------------


def _store_attachments() -> tuple[StoredUpload, ...]:
    """Keep the uploaded files in the request's transaction, so that a later failure leaves none behind."""
    files = [file for file in request.files.getlist("attachments") if file and file.filename]
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(_("Högst %(count)d bilagor.", count=MAX_ATTACHMENTS), "attachments")
    stored = []
    for file in files:
        try:
            stored.append(store_upload(db.session, file))
        except DomainError as error:
            shown_name = "".join(character for character in file.filename if character.isprintable())
            raise DomainError(f"{shown_name}: {error.message}", "attachments") from error
    return tuple(stored)


@bp.route("/viewpoints/new", methods=["GET", "POST"])
@login_required
def submit():
    user = acting_user()
    require(policies.can_submit_any_viewpoint(user))
    options = services.submitting_choices(user)
    form = ViewpointForm()
    form.on_behalf_of.choices = choices(
        (option.key, _("%(council)s, för %(organisation)s", council=option.council.name,
                       organisation=option.organisation.name))
        for option in options
    )
    if request.method == "GET":
        chosen = next((option for option in options if option.council.slug == request.args.get("council")), None)
        if chosen is not None:
            form.on_behalf_of.data = chosen.key
    if form.validate_on_submit():
        chosen = next(option for option in options if option.key == form.on_behalf_of.data)
        with committed_or_shown_on(form) as done:
            viewpoint = workflow.submit_viewpoint(
                db.session, user, chosen.council, chosen.organisation,
                workflow.ViewpointFields(title=form.title.data, body=form.body.data, subject=form.subject.data or "",
                                         visibility=form.visibility.data, attachments=_store_attachments(),
                                         send_anyway=form.send_anyway.data))
        if done:
            flash(_("Synpunkten är inskickad och har fått referensnummer %(reference)s.",
                    reference=viewpoint.reference), "success")
            return redirect(url_for("viewpoints.detail", viewpoint_id=viewpoint.id))
    status = FORM_FAILED if request.method == "POST" else 200
    return render_template("viewpoints/submit.html", form=form, visibility_descriptions=VISIBILITY_DESCRIPTIONS,
                           Visibility=Visibility, max_attachments=MAX_ATTACHMENTS,
                           max_attachment_size=readable_size(current_app.config["UPLOAD_MAX_BYTES"])), status


# --- The viewpoint's page ------------------------------------------------------------------------


def _assignee_choices(form: ReceiveForm | AssignForm, viewpoint: Viewpoint) -> None:
    units = services.assignable_units(db.session, viewpoint.council)
    managers = services.assignable_managers(db.session, viewpoint.council)
    form.unit_id.choices = choices([(0, _("Ingen enhet"))] + [(unit.id, unit.name) for unit in units])
    form.manager_id.choices = choices(
        [(0, _("Ingen chef"))] + [(manager.id, f"{manager.name} ({manager.unit.name})") for manager in managers])


def _version(viewpoint: Viewpoint) -> dict:
    return {"version": viewpoint.version}


def _blank_forms(viewpoint: Viewpoint, actions: set[Action]) -> dict[str, PortalForm]:
    """The form of every panel the person may use, empty; formdata=None keeps a POST's input out of them."""
    forms: dict[str, PortalForm] = {}
    if Action.COMMENT in actions:
        forms["comment"] = CommentForm(prefix="comment", formdata=None)
    if Action.WITHDRAW in actions:
        forms["withdraw"] = WithdrawForm(prefix="withdraw", formdata=None, data=_version(viewpoint))
    if Action.RECEIVE in actions:
        forms["receive"] = ReceiveForm(prefix="receive", formdata=None, data={
            **_version(viewpoint), "deadline": workflow.default_deadline(today_in_sweden())})
        _assignee_choices(forms["receive"], viewpoint)
    if Action.ASSIGN in actions:
        forms["assign"] = AssignForm(prefix="assign", formdata=None, data={
            **_version(viewpoint), "unit_id": viewpoint.responsible_unit_id or 0,
            "manager_id": viewpoint.responsible_manager_id or 0})
        _assignee_choices(forms["assign"], viewpoint)
    if Action.SET_DEADLINE in actions:
        forms["deadline"] = DeadlineForm(prefix="deadline", formdata=None,
                                         data={**_version(viewpoint), "deadline": viewpoint.deadline})
    if Action.INTERIM_ANSWER in actions or Action.FINAL_ANSWER in actions:
        forms["answer"] = AnswerForm(prefix="answer", formdata=None, data=_version(viewpoint))
    if Action.CLOSE in actions:
        forms["close"] = CloseForm(prefix="close", formdata=None, data=_version(viewpoint))
    if Action.REOPEN in actions:
        forms["reopen"] = ReopenForm(prefix="reopen", formdata=None, data=_version(viewpoint))
    if Action.PUBLISH in actions:
        wording = workflow.public_wording(viewpoint)
        forms["publish"] = PublishForm(prefix="publish", formdata=None, data={
            **_version(viewpoint), "public_title": wording.title, "public_body": wording.body})
    if Action.UNPUBLISH in actions and viewpoint.is_published:
        forms["unpublish"] = UnpublishForm(prefix="unpublish", formdata=None, data=_version(viewpoint))
    return forms


def _page(viewpoint: Viewpoint, posted: dict[str, PortalForm] | None = None, status: int = 200):
    user = acting_user()
    actions = workflow.allowed_actions(user, viewpoint)
    forms = _blank_forms(viewpoint, actions)
    forms.update(posted or {})
    show_names = policies.can_see_names(user, viewpoint)
    history = services.history_of(db.session, viewpoint)
    if not show_names:
        # Comments are the council's own conversation; the public follows the states and answers.
        history.events = [event for event in history.events if event.kind is not EventKind.COMMENTED]
    if not policies.can_view_attachment(user, viewpoint):
        history.attachments = []
    asked_follow_ups = follow_ups.follow_ups_of(db.session, viewpoint)
    if follow_ups.awaiting_answer(asked_follow_ups) and policies.can_answer_follow_up(user, viewpoint):
        forms.setdefault("follow_up", FollowUpForm(prefix="follow_up", formdata=None))
    return render_template("viewpoints/detail.html", viewpoint=viewpoint, history=history, forms=forms,
                           reader=user, show_names=show_names, wording=workflow.wording_for(user, viewpoint),
                           public_wording=workflow.public_wording(viewpoint), follow_ups=asked_follow_ups,
                           show_follow_up_comments=policies.can_see_follow_up_comments(user, viewpoint),
                           awaits_publication=policies.awaits_publication(viewpoint),
                           show_personal_data_flags=policies.can_see_personal_data_flags(user, viewpoint),
                           overdue=queries.is_overdue(viewpoint, today_in_sweden()),
                           may_view_council=council_policies.can_view_council(user, viewpoint.council),
                           **_agenda_panel(user, viewpoint)), status


def _agenda_panel(user: User | None, viewpoint: Viewpoint) -> dict:
    """Where the viewpoint is discussed and, for the council's coordinators, where it could be."""
    may_change = policies.can_put_on_agenda(user, viewpoint)
    open_agendas = agenda.open_agendas(db.session, viewpoint) if may_change else []
    suggested = agenda.suggested_item(open_agendas[0][1]) if open_agendas else None
    # A manager answering for a council they do not sit in learns where it is discussed, without a dead
    # link to a meeting they may not open; a draft stays the coordinators' own until it is published.
    places = [item for item in agenda.agenda_places(db.session, viewpoint)
              if not item.meeting.is_draft or meeting_policies.can_view_meeting(user, item.meeting)]
    return {"agenda_places": places, "may_change_agenda": may_change,
            "linked_meeting_ids": {item.meeting.id for item in places
                                   if meeting_policies.can_view_meeting(user, item.meeting)},
            "open_agendas": open_agendas if viewpoint.state is not ViewpointState.WITHDRAWN else [],
            "suggested_agenda_item": suggested, "agenda_open_states": agenda.AGENDA_OPEN_STATES}


@bp.get("/viewpoints/<int:viewpoint_id>")
@kept_until_changed
def detail(viewpoint_id: int):
    return _page(_visible_viewpoint(viewpoint_id))


@bp.get("/viewpoints/<int:viewpoint_id>/attachments/<int:attachment_id>")
def attachment(viewpoint_id: int, attachment_id: int):
    viewpoint = _visible_viewpoint(viewpoint_id)
    require(policies.can_view_attachment(acting_user(), viewpoint))
    found = get_or_404(ViewpointAttachment, attachment_id)
    if found.viewpoint_id != viewpoint.id:
        abort(404)
    return send_upload(db.session, found)


# --- Actions -------------------------------------------------------------------------------------


def _act(viewpoint_id: int, action: Action, form_class: type[PortalForm], prefix: str,
         perform: Callable[[PortalForm, Viewpoint, User], str]):
    """Check who may, validate the posted form, take the action, commit; or show the page again with
    the form's input and the reason. `perform` returns the message that confirms what was done."""
    viewpoint = _visible_viewpoint(viewpoint_id)
    user = acting_user()
    require(workflow.ACTORS[action](user, viewpoint))
    form = form_class(prefix=prefix)
    if isinstance(form, ReceiveForm | AssignForm):
        _assignee_choices(form, viewpoint)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            confirmation = perform(form, viewpoint, user)
        if done:
            flash(confirmation, "success")
            return redirect(url_for("viewpoints.detail", viewpoint_id=viewpoint.id))
    if isinstance(form, VersionedForm) and form.seen_version != viewpoint.version:
        # Show what changed and let the person send their kept input again against the new state.
        message = str(workflow.CHANGED_MEANWHILE)
        if message not in form.form_errors:
            form.form_errors.append(message)
        form.version.data = viewpoint.version
    return _page(viewpoint, {prefix: form}, FORM_FAILED)


def _chosen(model, identifier: int | None):
    return db.session.get(model, identifier) if identifier else None


@bp.post("/viewpoints/<int:viewpoint_id>/comment")
@login_required
def comment(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.comment_on_viewpoint(db.session, user, viewpoint, form.text.data,
                                      send_anyway=form.send_anyway.data)
        return _("Kommentaren är sparad.")
    return _act(viewpoint_id, Action.COMMENT, CommentForm, "comment", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/withdraw")
@login_required
def withdraw(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.withdraw_viewpoint(db.session, user, viewpoint, expected_version=form.seen_version)
        return _("Synpunkten är tillbakatagen.")
    return _act(viewpoint_id, Action.WITHDRAW, WithdrawForm, "withdraw", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/receive")
@login_required
def receive(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.mark_received(db.session, user, viewpoint, unit=_chosen(Unit, form.unit_id.data),
                               manager=_chosen(User, form.manager_id.data), deadline=form.deadline.data,
                               expected_version=form.seen_version)
        return _("Synpunkten är mottagen. Den ska besvaras senast %(date)s.", date=long_date(viewpoint.deadline))
    return _act(viewpoint_id, Action.RECEIVE, ReceiveForm, "receive", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/assign")
@login_required
def assign(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.assign_viewpoint(db.session, user, viewpoint, unit=_chosen(Unit, form.unit_id.data),
                                  manager=_chosen(User, form.manager_id.data), expected_version=form.seen_version)
        return _("Synpunkten är fördelad.")
    return _act(viewpoint_id, Action.ASSIGN, AssignForm, "assign", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/deadline")
@login_required
def deadline(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.set_deadline(db.session, user, viewpoint, form.deadline.data, expected_version=form.seen_version)
        return _("Svarsdatumet är ändrat till %(date)s.", date=long_date(viewpoint.deadline))
    return _act(viewpoint_id, Action.SET_DEADLINE, DeadlineForm, "deadline", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/answer")
@login_required
def answer(viewpoint_id: int):
    def perform(form, viewpoint, user):
        if form.kind.data == "interim":
            workflow.give_interim_answer(db.session, user, viewpoint, form.text.data, form.actions.data or "",
                                         expected_version=form.seen_version, send_anyway=form.send_anyway.data)
            return _("Delbeskedet är lämnat.")
        workflow.answer_viewpoint(db.session, user, viewpoint, form.text.data, form.actions.data or "",
                                  form.follow_up_on.data, expected_version=form.seen_version,
                                  send_anyway=form.send_anyway.data)
        return _("Svaret är lämnat.")
    return _act(viewpoint_id, Action.FINAL_ANSWER, AnswerForm, "answer", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/close")
@login_required
def close(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.close_viewpoint(db.session, user, viewpoint, form.outcome.data, form.rating.data,
                                 expected_version=form.seen_version)
        return _("Synpunkten är avslutad. Tack för ert omdöme om svaret.")
    return _act(viewpoint_id, Action.CLOSE, CloseForm, "close", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/reopen")
@login_required
def reopen(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.reopen_viewpoint(db.session, user, viewpoint, form.comment.data, expected_version=form.seen_version,
                                  send_anyway=form.send_anyway.data)
        return _("Synpunkten är öppnad igen och går tillbaka till den som ska svara.")
    return _act(viewpoint_id, Action.REOPEN, ReopenForm, "reopen", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/publish")
@login_required
def publish(viewpoint_id: int):
    def perform(form, viewpoint, user):
        already_published = viewpoint.is_published
        workflow.publish_viewpoint(db.session, user, viewpoint,
                                   workflow.PublicWording(form.public_title.data, form.public_body.data),
                                   send_anyway=form.send_anyway.data, expected_version=form.seen_version)
        if already_published:
            return _("Den offentliga lydelsen är sparad.")
        return _("Synpunkten är godkänd och syns nu på rådets offentliga sida.")
    return _act(viewpoint_id, Action.PUBLISH, PublishForm, "publish", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/unpublish")
@login_required
def unpublish(viewpoint_id: int):
    def perform(form, viewpoint, user):
        workflow.unpublish_viewpoint(db.session, user, viewpoint, expected_version=form.seen_version)
        return _("Synpunkten är borttagen från den offentliga sidan. Rådet ser den som förut.")
    return _act(viewpoint_id, Action.UNPUBLISH, UnpublishForm, "unpublish", perform)


@bp.post("/viewpoints/<int:viewpoint_id>/follow-up")
@login_required
def follow_up(viewpoint_id: int):
    """The organisation's answer to the follow-up: were the promised actions carried out?"""
    viewpoint = _visible_viewpoint(viewpoint_id)
    user = acting_user()
    require(policies.can_answer_follow_up(user, viewpoint))
    form = FollowUpForm(prefix="follow_up")
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            follow_ups.answer_follow_up(db.session, user, viewpoint, form.answer.data, form.comment.data or "",
                                        send_anyway=form.send_anyway.data)
        if done:
            flash(_("Tack! Ert svar på uppföljningen är sparat."), "success")
            return redirect(url_for("viewpoints.detail", viewpoint_id=viewpoint.id))
    return _page(viewpoint, {"follow_up": form}, FORM_FAILED)
