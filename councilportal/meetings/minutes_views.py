"""After the meeting: attendance, the minutes, their checkers and approval, and the attendance report."""

from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.forms import ConfirmForm
from councilportal.accounts.models import User
from councilportal.accounts.services import find_user_by_email
from councilportal.councils.forms import ROLE_LABELS, SEAT_LABELS
from councilportal.councils.models import Council
from councilportal.csvexport import excel_csv_response
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.forms import choices
from councilportal.meetings import attendance, minutes, policies, replies
from councilportal.meetings.minutes_forms import (
    AddAttendeeForm,
    AttendanceForm,
    AttendanceReportForm,
    CheckersForm,
    MinutesForm,
)
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.organisations.models import Organisation
from councilportal.organisations.services import organisations_of_kind
from councilportal.timeutil import today_in_sweden
from councilportal.web import FAILED, acting_user, committed_or_flashed, committed_or_shown_on, council_or_404, require

bp = Blueprint("minutes", __name__)


@bp.context_processor
def labels():
    return {"role_labels": ROLE_LABELS, "seat_labels": SEAT_LABELS, "minutes_policies": policies}


@bp.app_template_global()
def meeting_has_started(meeting: Meeting) -> bool:
    return attendance.has_started(meeting)


@bp.app_template_global()
def awaits_my_approval(meeting: Meeting) -> bool:
    """On the meeting page, which does not load the checkers: one small query, for a held meeting only."""
    user = acting_user()
    return (user is not None and meeting.state is MeetingState.HELD
            and minutes.awaits_approval_by(db.session, meeting, user))


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = attendance.load_after_meeting(db.session, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _meeting_allowed(meeting_id: int, policy: Callable[[User | None, Meeting], bool]) -> tuple[Meeting, User | None]:
    """The meeting with what the pages after it show, and the acting person, once the policy lets them."""
    meeting = _meeting_or_404(meeting_id)
    actor = acting_user()
    require(policy(actor, meeting))
    return meeting, actor


def _approvals_reset_notice(reset: bool) -> None:
    if reset:
        flash(_("Justerarna hade redan godkänt protokollet. Eftersom det har ändrats behöver de justera igen."),
              "info")


@bp.get("/meetings/<int:meeting_id>/minutes")
def view(meeting_id: int):
    meeting, user = _meeting_allowed(meeting_id, policies.can_view_minutes)
    return render_template("meetings/minutes.html", meeting=meeting,
                           attendances=attendance.sorted_attendance(meeting),
                           checkers=attendance.checkers_of(meeting),
                           show_names=policies.can_see_attendee_names(user, meeting),
                           can_record=policies.can_record_minutes(user, meeting),
                           can_approve=policies.can_approve_minutes(user, meeting),
                           confirm_form=ConfirmForm())


@bp.post("/meetings/<int:meeting_id>/held")
@login_required
def mark_held(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    if (ConfirmForm().validate_on_submit()
            and committed_or_flashed(lambda: attendance.mark_held(db.session, actor, meeting)) is not FAILED):
        flash(_("Mötet är markerat som hållet. Nu kan du fylla i närvaro och protokoll."), "success")
    return redirect(url_for("minutes.attendance_page", meeting_id=meeting.id))


# --- Attendance -----------------------------------------------------------------------------------


def _add_attendee_form(**kwargs) -> AddAttendeeForm:
    form = AddAttendeeForm(**kwargs)
    form.organisation_id.choices = choices([(0, _("Ingen organisation")),
                                            *((o.id, o.name) for o in organisations_of_kind(db.session))])
    return form


def _attendance_page(meeting: Meeting, form: AttendanceForm, add_form: AddAttendeeForm, status: int = 200):
    eligible = attendance.eligible_memberships(db.session, meeting)
    member_ids = {membership.user_id for membership in eligible}
    others = [a for a in attendance.sorted_attendance(meeting) if a.user_id not in member_ids]
    return render_template("meetings/attendance.html", meeting=meeting, form=form, add_form=add_form,
                           eligible=eligible, others=others, confirm_form=ConfirmForm(),
                           from_replies=not meeting.attendances), status


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance_page(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    eligible = {m.id: m for m in attendance.eligible_memberships(db.session, meeting)}
    present_users = {a.user_id for a in meeting.attendances}
    if meeting.attendances:
        present = [m.id for m in eligible.values() if m.user_id in present_users]
    else:
        # Nothing recorded yet: start from who answered that they come.
        present = replies.coming_memberships(db.session, meeting, list(eligible.values()))
    form = AttendanceForm(data={"present": present})
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            if any(membership_id not in eligible for membership_id in form.present.data):
                raise DomainError(_("Välj bland rådets ledamöter på mötesdagen."), "present")
            reset = attendance.record_attendance(db.session, actor, meeting,
                                                 [eligible[membership_id] for membership_id in form.present.data])
        if done:
            flash(_("Närvaron är sparad."), "success")
            _approvals_reset_notice(reset)
            return redirect(url_for("minutes.attendance_page", meeting_id=meeting.id))
    return _attendance_page(meeting, form, _add_attendee_form())


@bp.post("/meetings/<int:meeting_id>/attendance/add")
@login_required
def attendance_add(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    add_form = _add_attendee_form()
    if add_form.validate_on_submit():
        organisation = db.session.get(Organisation, add_form.organisation_id.data or 0)
        person = find_user_by_email(db.session, add_form.email.data)
        with committed_or_shown_on(add_form) as done:
            reset = attendance.add_attendee(db.session, actor, meeting, person, organisation, add_form.role.data)
        if done:
            flash(_("%(name)s är tillagd bland de närvarande.", name=person.name), "success")
            _approvals_reset_notice(reset)
            return redirect(url_for("minutes.attendance_page", meeting_id=meeting.id))
    meeting = _meeting_or_404(meeting_id)
    return _attendance_page(meeting, AttendanceForm(formdata=None), add_form, 400)


@bp.post("/meetings/<int:meeting_id>/attendance/<int:attendance_id>/remove")
@login_required
def attendance_remove(meeting_id: int, attendance_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    removed = next((a for a in meeting.attendances if a.id == attendance_id), None)
    if removed is None:
        abort(404)
    name = removed.user.name
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("minutes.attendance_page", meeting_id=meeting.id))
    reset = committed_or_flashed(lambda: attendance.remove_attendee(db.session, actor, meeting, removed))
    if reset is not FAILED:
        flash(_("%(name)s är borttagen från de närvarande.", name=name), "success")
        _approvals_reset_notice(reset)
    return redirect(url_for("minutes.attendance_page", meeting_id=meeting.id))


# --- Minutes, checkers and approval ---------------------------------------------------------------


@bp.route("/meetings/<int:meeting_id>/minutes/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    form = MinutesForm(data={"items": [{"item_id": item.id, "notes": item.notes, "decision": item.decision}
                                       for item in meeting.agenda_items]})
    if form.validate_on_submit():
        entries = [minutes.ItemMinutes(entry.item_id.data or 0, entry.notes.data or "", entry.decision.data or "")
                   for entry in form.items]
        with committed_or_shown_on(form) as done:
            reset = minutes.save_minutes(db.session, actor, meeting, entries)
        if done:
            flash(_("Protokollet är sparat."), "success")
            _approvals_reset_notice(reset)
            return redirect(url_for("minutes.view", meeting_id=meeting.id))
    titles = {item.id: item.title for item in meeting.agenda_items}
    return render_template("meetings/minutes_form.html", meeting=meeting, form=form, titles=titles,
                           approved_by=[c for c in attendance.checkers_of(meeting) if c.approved_at])


@bp.route("/meetings/<int:meeting_id>/minutes/checkers", methods=["GET", "POST"])
@login_required
def checkers(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.can_record_minutes)
    attendees = attendance.sorted_attendance(meeting)
    form = CheckersForm(data={"checker_ids": [c.user_id for c in meeting.minutes_checkers]})
    if form.validate_on_submit():
        attended = {a.user_id: a.user for a in attendees}
        with committed_or_shown_on(form) as done:
            if any(user_id not in attended for user_id in form.checker_ids.data):
                raise DomainError(_("En justerare ska ha varit närvarande vid mötet."), "checker_ids")
            minutes.name_checkers(db.session, actor, meeting, [attended[user_id] for user_id in form.checker_ids.data])
        if done:
            flash(_("Justerarna är utsedda och har fått ett mejl om det."), "success")
            return redirect(url_for("minutes.view", meeting_id=meeting.id))
    return render_template("meetings/minutes_checkers.html", meeting=meeting, form=form, attendees=attendees)


@bp.post("/meetings/<int:meeting_id>/minutes/approve")
@login_required
def approve(meeting_id: int):
    meeting, actor = _meeting_allowed(meeting_id, policies.is_minutes_checker)
    if ConfirmForm().validate_on_submit():
        final = committed_or_flashed(lambda: minutes.approve_minutes(db.session, actor, meeting))
        if final is not FAILED:
            flash(_("Du har justerat protokollet. Alla justerare har nu justerat: protokollet är klart.")
                  if final else _("Du har justerat protokollet."), "success")
    return redirect(url_for("minutes.view", meeting_id=meeting.id))


# --- Attendance report (arvode) ---------------------------------------------------------------------


def _report(council: Council | None, endpoint: str, **endpoint_values):
    today = today_in_sweden()
    default_period = {"start": date(today.year, 1, 1), "end": today}
    form = AttendanceReportForm(request.args if request.args else None, data=default_period)
    rows: list[attendance.ReportRow] | None = None
    hours: list[attendance.HoursRow] = []
    if form.validate():
        try:
            rows = attendance.attendance_report(db.session, form.start.data, form.end.data, council)
            hours = attendance.other_hours(current_app, db.session, form.start.data, form.end.data, council)
        except DomainError as error:
            field = getattr(form, error.field or "end")
            field.errors = [*field.errors, error.message]
    if rows is not None and request.args.get("format") == "csv":
        header = ([_("Råd")] if council is None else []) + [_("Organisation"), _("Namn"), _("E-postadress"),
                                                            _("Antal möten")]
        lines = [([row.council] if council is None else []) + [row.organisation or _("Ingen organisation"),
                                                               row.name, row.email, row.meetings] for row in rows]
        filename = f"narvaro-{council.slug if council else 'alla-rad'}-{form.start.data}-{form.end.data}.csv"
        return excel_csv_response(filename, header, lines)
    status = 400 if any(field.errors for field in form) else 200
    return render_template("meetings/attendance_report.html", council=council, form=form, rows=rows, hours=hours,
                           endpoint=endpoint, endpoint_values=endpoint_values), status


@bp.get("/councils/<slug>/attendance-report")
@login_required
def attendance_report(slug: str):
    council = council_or_404(slug)
    require(policies.can_view_attendance_report(acting_user(), council))
    return _report(council, "minutes.attendance_report", slug=council.slug)


@bp.get("/admin/attendance-report")
@login_required
def all_attendance_report():
    require(policies.can_view_all_attendance_reports(acting_user()))
    return _report(None, "minutes.all_attendance_report")
