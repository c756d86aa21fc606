"""Putting viewpoints on meeting agendas: small forms on the viewpoint page and the meeting page."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from councilportal.extensions import db
from councilportal.meetings import policies as meeting_policies
from councilportal.meetings.models import AgendaItem, Meeting
from councilportal.viewpoints import agenda, policies
from councilportal.viewpoints.forms import AgendaPlaceForm
from councilportal.viewpoints.labels import STATE_LABELS
from councilportal.viewpoints.models import Viewpoint
from councilportal.web import FAILED, acting_user, committed_or_flashed, get_or_404, require, safe_next_url

bp = Blueprint("viewpoint_agenda", __name__)


@bp.app_context_processor
def meeting_page_helpers():
    """Meeting pages (the meeting, its agenda editor, its minutes) show the viewpoints on their agenda; this lets
    them ask without the meetings package knowing viewpoints, as council pages receive their meetings."""

    def viewpoints_on_agenda(meeting: Meeting) -> dict[int, list[Viewpoint]]:
        return agenda.viewpoints_by_agenda_item(db.session, meeting, acting_user())

    def viewpoints_to_take_up(meeting: Meeting) -> list[Viewpoint]:
        return agenda.unanswered_viewpoints_for(db.session, meeting) if agenda_takes_viewpoints(meeting) else []

    return {"viewpoint_state_labels": STATE_LABELS, "viewpoints_on_agenda": viewpoints_on_agenda,
            "viewpoints_to_take_up": viewpoints_to_take_up, "agenda_takes_viewpoints": agenda_takes_viewpoints,
            "viewpoint_agenda_item": agenda.suggested_item}


def agenda_takes_viewpoints(meeting: Meeting) -> bool:
    return meeting.state in agenda.AGENDA_OPEN_STATES


def _back_to(viewpoint: Viewpoint) -> str:
    """The page the form was on: the viewpoint's own, or the meeting's agenda."""
    return safe_next_url(request.form.get("next"), url_for("viewpoints.detail", viewpoint_id=viewpoint.id))


@bp.post("/viewpoints/<int:viewpoint_id>/agenda")
@login_required
def put_on_agenda(viewpoint_id: int):
    viewpoint = get_or_404(Viewpoint, viewpoint_id)
    actor = acting_user()
    require(policies.can_put_on_agenda(actor, viewpoint))
    form = AgendaPlaceForm()
    if not form.validate_on_submit():
        flash(_("Välj en punkt på dagordningen."), "error")
        return redirect(_back_to(viewpoint))
    item = get_or_404(AgendaItem, form.agenda_item_id.data)
    if committed_or_flashed(lambda: agenda.put_viewpoint_on_agenda(db.session, actor, viewpoint, item)) is not FAILED:
        flash(_("%(reference)s står på dagordningen för %(meeting)s, punkt %(position)s.",
                reference=viewpoint.reference, meeting=item.meeting.title, position=item.position), "success")
    return redirect(_back_to(viewpoint))


@bp.post("/viewpoints/<int:viewpoint_id>/agenda/<int:item_id>/remove")
@login_required
def take_off_agenda(viewpoint_id: int, item_id: int):
    viewpoint = get_or_404(Viewpoint, viewpoint_id)
    actor = acting_user()
    require(policies.can_put_on_agenda(actor, viewpoint))
    item = get_or_404(AgendaItem, item_id)
    if committed_or_flashed(lambda: agenda.take_viewpoint_off_agenda(db.session, actor, viewpoint, item)) is not FAILED:
        flash(_("%(reference)s är borttagen från dagordningen för %(meeting)s.",
                reference=viewpoint.reference, meeting=item.meeting.title), "success")
    return redirect(_back_to(viewpoint))


@bp.post("/meetings/<int:meeting_id>/agenda/unanswered")
@login_required
def put_unanswered_on_agenda(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    actor = acting_user()
    require(meeting_policies.can_manage_meetings(actor, meeting.council))
    back = url_for("meetings.agenda", meeting_id=meeting.id, _anchor="unanswered")
    form = AgendaPlaceForm()
    if not form.validate_on_submit():
        flash(_("Välj en punkt på dagordningen."), "error")
        return redirect(back)
    item = get_or_404(AgendaItem, form.agenda_item_id.data)
    taken_up = committed_or_flashed(
        lambda: agenda.put_unanswered_viewpoints_on_agenda(db.session, actor, meeting, item))
    if taken_up is not FAILED:
        flash(ngettext("%(num)d synpunkt står nu under punkten %(title)s.",
                       "%(num)d synpunkter står nu under punkten %(title)s.", len(taken_up), title=item.title),
              "success")
    return redirect(back)
