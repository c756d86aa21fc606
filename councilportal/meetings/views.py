from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.extensions import db
from councilportal.forms import choices
from councilportal.i18n import readable_size
from councilportal.meetings import policies, replies, services
from councilportal.meetings.forms import (
    STATE_LABELS,
    AgendaItemForm,
    AgendaTemplateForm,
    DocumentForm,
    MeetingForm,
)
from councilportal.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingState
from councilportal.pagecache import kept_until_changed
from councilportal.timeutil import stockholm_to_utc, utc_to_stockholm_naive
from councilportal.uploads import allowed_extensions, send_upload
from councilportal.web import (
    FAILED,
    acting_user,
    committed_or_flashed,
    committed_or_shown_on,
    council_or_404,
    get_or_404,
    paginate,
    require,
)

bp = Blueprint("meetings", __name__)


@bp.app_context_processor
def labels():
    """App-wide: the council page and the minutes pages show meeting states too."""
    return {"state_labels": STATE_LABELS, "meeting_policies": policies}


@bp.app_context_processor
def council_page_helpers():
    """The council page lists the next meetings; this lets it ask without the councils package knowing meetings."""

    def upcoming_meetings_of(council: Council) -> list[Meeting]:
        include_drafts = policies.can_manage_meetings(acting_user(), council)
        return services.upcoming_council_meetings(db.session, council, include_drafts=include_drafts)

    return {"upcoming_meetings_of": upcoming_meetings_of}


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = services.load_meeting(db.session, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _managed_meeting(meeting_id: int) -> Meeting:
    meeting = _meeting_or_404(meeting_id)
    require(policies.can_manage_meetings(acting_user(), meeting.council))
    return meeting


def _item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    """An item through its meeting's URL only: another meeting's item is not found here."""
    item = get_or_404(AgendaItem, item_id)
    if item.meeting_id != meeting.id:
        abort(404)
    return item


def _document_of(meeting: Meeting, document_id: int) -> MeetingDocument:
    document = get_or_404(MeetingDocument, document_id)
    if document.meeting_id != meeting.id:
        abort(404)
    return document


# --- Meetings ------------------------------------------------------------------------------------


def _meeting_fields(form: MeetingForm) -> services.MeetingFields:
    return services.MeetingFields(
        title=form.title.data, starts_at=stockholm_to_utc(form.starts_at.data),
        ends_at=stockholm_to_utc(form.ends_at.data), location=form.location.data or "",
        online_url=form.online_url.data or "", description=form.description.data or "",
        case_number=form.case_number.data or "",
    )


@bp.route("/councils/<slug>/meetings/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    council = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_meetings(actor, council))
    form = MeetingForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            meeting = services.create_meeting(db.session, actor, council, _meeting_fields(form))
        if done:
            flash(_("Mötet är sparat som utkast. Bygg dagordningen och publicera mötet när det är klart."), "success")
            return redirect(url_for("meetings.agenda", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, council=council, meeting=None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    form = MeetingForm(obj=meeting)
    if not form.is_submitted():
        # The form shows and takes Swedish wall-clock time; the meeting keeps UTC.
        form.starts_at.data = utc_to_stockholm_naive(meeting.starts_at)
        form.ends_at.data = utc_to_stockholm_naive(meeting.ends_at)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            changed = services.update_meeting(db.session, acting_user(), meeting, _meeting_fields(form))
        if done:
            if changed and meeting.state is MeetingState.PUBLISHED:
                flash(_("Mötet är sparat och ledamöterna har fått en uppdatering med e-post."), "success")
            else:
                flash(_("Mötet är sparat."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, council=meeting.council, meeting=meeting)


@bp.post("/meetings/<int:meeting_id>/publish")
@login_required
def publish(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    invited = committed_or_flashed(lambda: services.publish_meeting(db.session, acting_user(), meeting))
    if invited is not FAILED:
        flash(_("Mötet är publicerat och kallelsen är skickad till %(count)d ledamöter.", count=invited), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    if request.method == "POST":
        if committed_or_flashed(lambda: services.cancel_meeting(db.session, acting_user(), meeting)) is not FAILED:
            flash(_("Mötet är inställt och ledamöterna har fått besked."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/cancel.html", meeting=meeting)


@bp.post("/meetings/<int:meeting_id>/delete")
@login_required
def delete(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    council = meeting.council
    if committed_or_flashed(lambda: services.delete_meeting(db.session, acting_user(), meeting)) is not FAILED:
        flash(_("Utkastet %(title)s är borttaget.", title=meeting.title), "success")
        return redirect(url_for("meetings.council_meetings", slug=council.slug))
    return redirect(url_for("meetings.detail", meeting_id=meeting_id))


@bp.get("/meetings/<int:meeting_id>")
@kept_until_changed
def detail(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    user = acting_user()
    require(policies.can_view_meeting(user, meeting))
    return render_template("meetings/detail.html", meeting=meeting,
                           can_manage=policies.can_manage_meetings(user, meeting.council),
                           **_documents_by_item(meeting), **_replies_on_page(meeting, user))


def _replies_on_page(meeting: Meeting, user: User | None) -> dict:
    """The reader's own answer to the invitation, and for the coordinators everyone's."""
    mine = policies.can_reply_to_meeting(user, meeting)
    overview = policies.can_view_replies(user, meeting) and not meeting.is_draft
    return {
        "may_reply": mine,
        "my_reply": replies.reply_of(db.session, meeting, user) if mine else None,
        "replies_open": replies.replies_open(meeting),
        "replies_by_organisation": replies.replies_by_organisation(db.session, meeting) if overview else None,
    }


def _documents_by_item(meeting: Meeting) -> dict:
    by_item: dict[int, list[MeetingDocument]] = {}
    for document in meeting.documents:
        by_item.setdefault(document.agenda_item_id or 0, []).append(document)
    return {"meeting_documents": by_item.pop(0, []), "item_documents": by_item}


@bp.get("/councils/<slug>/meetings")
@kept_until_changed
def council_meetings(slug: str):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_view_council_meetings(user, council))
    can_manage = policies.can_manage_meetings(user, council)
    upcoming, past = services.council_meetings(council, include_drafts=can_manage)
    return render_template("meetings/council_meetings.html", council=council,
                           upcoming=db.session.scalars(upcoming).all(), page=paginate(past), can_manage=can_manage)


@bp.get("/my-meetings")
@login_required
@kept_until_changed
def mine():
    user = acting_user()
    require(policies.can_view_my_meetings(user))
    return render_template("meetings/mine.html", page=paginate(services.my_upcoming_meetings(db.session, user)))


# --- Agenda --------------------------------------------------------------------------------------


def _item_fields(form: AgendaItemForm) -> services.AgendaItemFields:
    return services.AgendaItemFields(title=form.title.data, description=form.description.data or "",
                                     presenter=form.presenter.data or "", planned_minutes=form.planned_minutes.data)


def _document_form(meeting: Meeting) -> DocumentForm:
    form = DocumentForm(prefix="document")
    form.file.description = _("Högst %(size)s. Tillåtna filtyper: %(types)s.",
                              size=readable_size(current_app.config["UPLOAD_MAX_BYTES"]), types=allowed_extensions())
    form.agenda_item_id.choices = choices([(0, _("Hela mötet"))] + [
        (item.id, f"{item.position}. {item.title}") for item in meeting.agenda_items])
    return form


def _agenda_page(meeting: Meeting, item_form: AgendaItemForm, document_form: DocumentForm):
    return render_template("meetings/agenda.html", meeting=meeting, form=item_form, document_form=document_form,
                           template_titles=services.template_titles(meeting.council), **_documents_by_item(meeting))


@bp.route("/meetings/<int:meeting_id>/agenda", methods=["GET", "POST"])
@login_required
def agenda(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    form = AgendaItemForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            item = services.add_agenda_item(db.session, acting_user(), meeting, _item_fields(form))
        if done:
            flash(_("Punkten %(title)s är tillagd.", title=item.title), "success")
            return redirect(url_for("meetings.agenda", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
        meeting = _meeting_or_404(meeting_id)
    return _agenda_page(meeting, form, _document_form(meeting))


@bp.route("/meetings/<int:meeting_id>/agenda/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def item_edit(meeting_id: int, item_id: int):
    meeting = _managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.update_agenda_item(db.session, acting_user(), meeting, item, _item_fields(form))
        if done:
            flash(_("Punkten är sparad."), "success")
            return redirect(url_for("meetings.agenda", meeting_id=meeting.id, _anchor=f"item-{item.id}"))
    return render_template("meetings/item_form.html", form=form, meeting=meeting, item=item)


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/remove")
@login_required
def item_remove(meeting_id: int, item_id: int):
    meeting = _managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    removed = committed_or_flashed(lambda: services.remove_agenda_item(db.session, acting_user(), meeting, item))
    if removed is not FAILED:
        flash(_("Punkten %(title)s är borttagen.", title=item.title), "success")
    return redirect(url_for("meetings.agenda", meeting_id=meeting.id))


MOVES = {"up": -1, "down": 1}


@bp.post("/meetings/<int:meeting_id>/agenda/<int:item_id>/move")
@login_required
def item_move(meeting_id: int, item_id: int):
    meeting = _managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    steps = MOVES.get(request.form.get("direction", ""))
    if steps is None:
        abort(400)
    moved = committed_or_flashed(lambda: services.move_agenda_item(db.session, acting_user(), meeting, item, steps))
    if moved is not FAILED:
        flash(_("Punkten %(title)s är flyttad till plats %(position)d.", title=item.title, position=item.position),
              "success")
    return redirect(url_for("meetings.agenda", meeting_id=meeting.id, _anchor=f"item-{item.id}"))


@bp.post("/meetings/<int:meeting_id>/agenda/prefill")
@login_required
def prefill(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    added = committed_or_flashed(lambda: services.prefill_agenda(db.session, acting_user(), meeting))
    if added is not FAILED:
        if added:
            flash(_("%(count)d standardpunkter är tillagda.", count=len(added)), "success")
        else:
            flash(_("Dagordningen har redan alla standardpunkter."), "success")
    return redirect(url_for("meetings.agenda", meeting_id=meeting.id))


@bp.route("/councils/<slug>/agenda-template", methods=["GET", "POST"])
@login_required
def agenda_template(slug: str):
    council = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_meetings(actor, council))
    form = AgendaTemplateForm(obj=council)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.save_agenda_template(db.session, actor, council, form.agenda_template.data or "")
        if done:
            flash(_("Standarddagordningen är sparad."), "success")
            return redirect(url_for("meetings.council_meetings", slug=council.slug))
    return render_template("meetings/agenda_template.html", form=form, council=council)


# --- Documents -----------------------------------------------------------------------------------


@bp.post("/meetings/<int:meeting_id>/documents")
@login_required
def document_upload(meeting_id: int):
    meeting = _managed_meeting(meeting_id)
    form = _document_form(meeting)
    if form.validate_on_submit():
        item = _item_of(meeting, form.agenda_item_id.data) if form.agenda_item_id.data else None
        with committed_or_shown_on(form) as done:
            document = services.attach_document(db.session, acting_user(), meeting, form.file.data, item)
        if done:
            flash(_("Dokumentet %(filename)s är uppladdat.", filename=document.filename), "success")
            return redirect(url_for("meetings.agenda", meeting_id=meeting.id, _anchor="documents"))
        meeting = _meeting_or_404(meeting_id)
    return _agenda_page(meeting, AgendaItemForm(formdata=None), form)


@bp.get("/meetings/<int:meeting_id>/documents/<int:document_id>")
def document_download(meeting_id: int, document_id: int):
    meeting = _meeting_or_404(meeting_id)
    document = _document_of(meeting, document_id)
    require(policies.can_download_document(acting_user(), document))
    return send_upload(db.session, document)


@bp.post("/meetings/<int:meeting_id>/documents/<int:document_id>/remove")
@login_required
def document_remove(meeting_id: int, document_id: int):
    meeting = _managed_meeting(meeting_id)
    document = _document_of(meeting, document_id)
    removed = committed_or_flashed(lambda: services.remove_document(db.session, acting_user(), meeting, document))
    if removed is not FAILED:
        flash(_("Dokumentet %(filename)s är borttaget.", filename=document.filename), "success")
    return redirect(url_for("meetings.agenda", meeting_id=meeting.id, _anchor="documents"))
