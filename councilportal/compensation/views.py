"""Compensation: a representative's claims, the coordinator's decisions, rules and the payroll report."""

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from councilportal.accounts.forms import ConfirmForm
from councilportal.accounts.models import User
from councilportal.compensation import amounts, policies, report, services
from councilportal.compensation.forms import ClaimForm, PayrollIdentifierForm, ReturnForm, RuleForm
from councilportal.compensation.models import (
    AttachmentPurpose,
    ClaimAttachment,
    ClaimState,
    CompensationClaim,
    EventKind,
    RuleKind,
    TravelKind,
)
from councilportal.councils.models import Council
from councilportal.csvexport import excel_csv_response
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.meetings.attendance import meeting_day
from councilportal.meetings.minutes_forms import AttendanceReportForm
from councilportal.meetings.models import Meeting
from councilportal.timeutil import today_in_sweden
from councilportal.uploads import send_upload, store_upload
from councilportal.web import (
    FAILED,
    acting_user,
    committed_or_flashed,
    committed_or_shown_on,
    council_or_404,
    get_or_404,
    require,
)

bp = Blueprint("compensation", __name__)

@bp.app_template_filter("kronor")
def kronor_filter(ore: int) -> str:
    return amounts.kronor(ore, str(get_locale() or "sv"))


@bp.context_processor
def labels():
    return {
        "claim_state_labels": {
            ClaimState.SUBMITTED: _l("Inskickad"),
            ClaimState.RETURNED: _l("Tillbakaskickad för rättelse"),
            ClaimState.APPROVED: _l("Godkänd"),
        },
        "event_labels": {
            EventKind.RULE_ADDED: _l("Ny arvodesregel"),
            EventKind.SUBMITTED: _l("Begäran inskickad"),
            EventKind.RESUBMITTED: _l("Rättad och inskickad igen"),
            EventKind.RETURNED: _l("Tillbakaskickad"),
            EventKind.APPROVED: _l("Godkänd"),
            EventKind.PAYROLL_ID_SET: _l("Löneidentitet ändrad"),
        },
        "travel_labels": {TravelKind.NONE: _l("Ingen"), TravelKind.KM: _l("Egen bil"),
                          TravelKind.TICKET: _l("Biljett")},
        "purpose_labels": {AttachmentPurpose.RECEIPT: _l("Kvitto"),
                           AttachmentPurpose.EMPLOYER_STATEMENT: _l("Arbetsgivarens intyg")},
        "RuleKind": RuleKind,
    }


@bp.app_context_processor
def compensation_helpers():
    """The policies for the templates of other pages that link here (the council page)."""
    return {"compensation_policies": policies}


def _status(form) -> int:
    """400 for a posted form that came back with a message, on a field or on the whole form."""
    return 400 if form.is_submitted() and (form.form_errors or any(field.errors for field in form)) else 200


# --- A representative's claims -------------------------------------------------------------------


@bp.get("/compensation")
@login_required
def index():
    actor = acting_user()
    require(policies.can_view_compensation(actor))
    run = sorted(actor.coordinated_councils, key=lambda council: council.name)
    if actor.is_admin:
        run = list(db.session.scalars(sa.select(Council).order_by(Council.name)))
    waiting = dict(db.session.execute(
        sa.select(CompensationClaim.council_id, sa.func.count(CompensationClaim.id))
        .where(CompensationClaim.council_id.in_([council.id for council in run]),
               CompensationClaim.state == ClaimState.SUBMITTED)
        .group_by(CompensationClaim.council_id)).all()) if run else {}
    return render_template("compensation/index.html", attended=services.my_meetings(db.session, actor),
                           councils=run, waiting=waiting,
                           payroll_across_councils=policies.can_view_payroll_across_councils(actor))


@bp.route("/meetings/<int:meeting_id>/compensation", methods=["GET", "POST"])
@login_required
def claim_form(meeting_id: int):
    meeting = get_or_404(Meeting, meeting_id)
    actor = acting_user()
    attendance = services.attendance_of(db.session, meeting, actor)
    require(policies.can_claim(actor, attendance))
    claim = services.claim_of(db.session, meeting, actor)
    if claim is not None and not policies.can_correct_claim(actor, claim):
        return redirect(url_for("compensation.claim", claim_id=claim.id))
    data = {} if claim is None else {
        "travel_kind": claim.travel_kind.value, "travel_km": claim.travel_km or None,
        "ticket": claim.ticket_ore, "lost_income": claim.lost_income_ore}
    form = ClaimForm(data=data)
    rule = services.rule_on(db.session, meeting.council_id, meeting_day(meeting))
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            fields = services.ClaimFields(
                travel_kind=TravelKind(form.travel_kind.data), travel_km=form.travel_km.data or 0,
                ticket_ore=form.ticket.data, lost_income_ore=form.lost_income.data,
                receipt=_stored(form.receipt, "receipt"),
                employer_statement=_stored(form.employer_statement, "employer_statement"))
            claim = services.submit_claim(db.session, actor, meeting, fields)
        if done:
            flash(_("Din begäran om arvode är inskickad. Samordnaren går igenom den."), "success")
            return redirect(url_for("compensation.claim", claim_id=claim.id))
    status = _status(form)
    return render_template("compensation/claim_form.html", meeting=meeting, form=form, claim=claim,
                           rule=rule, events=services.events_of_claim(db.session, claim) if claim else []), status


def _stored(field, name: str):
    """The uploaded file of `field`, stored in this transaction, or None when none was chosen."""
    if not getattr(field.data, "filename", None):
        return None
    try:
        return store_upload(db.session, field.data)
    except DomainError as error:
        raise DomainError(error.message, name) from error


def _claim_or_404(claim_id: int) -> CompensationClaim:
    claim = get_or_404(CompensationClaim, claim_id)
    require(policies.can_view_claim(acting_user(), claim))
    return claim


@bp.get("/compensation/claims/<int:claim_id>")
@login_required
def claim(claim_id: int):
    found = _claim_or_404(claim_id)
    return _claim_page(found, ReturnForm())


def _claim_page(found: CompensationClaim, return_form: ReturnForm, status: int = 200):
    return render_template("compensation/claim.html", claim=found, return_form=return_form,
                           events=services.events_of_claim(db.session, found),
                           changed=services.attendance_changed(db.session, found)), status


@bp.get("/compensation/claims/<int:claim_id>/attachments/<int:attachment_id>")
@login_required
def attachment(claim_id: int, attachment_id: int):
    found = _claim_or_404(claim_id)
    file = get_or_404(ClaimAttachment, attachment_id)
    if file.claim_id != found.id:
        abort(404)
    return send_upload(db.session, file)


@bp.post("/compensation/claims/<int:claim_id>/approve")
@login_required
def approve(claim_id: int):
    found = _claim_or_404(claim_id)
    actor = acting_user()
    require(policies.can_decide_claim(actor, found))
    if ConfirmForm().validate_on_submit() and committed_or_flashed(
            lambda: services.approve_claim(db.session, actor, found)) is not FAILED:
        flash(_("Begäran är godkänd."), "success")
    return redirect(url_for("compensation.claim", claim_id=found.id))


@bp.post("/compensation/claims/<int:claim_id>/return")
@login_required
def return_claim(claim_id: int):
    found = _claim_or_404(claim_id)
    actor = acting_user()
    require(policies.can_decide_claim(actor, found))
    form = ReturnForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.return_claim(db.session, actor, found, form.comment.data)
        if done:
            flash(_("Begäran är tillbakaskickad till %(name)s.", name=found.user.name), "success")
            return redirect(url_for("compensation.claim", claim_id=found.id))
    return _claim_page(found, form, 400)


# --- The council's rules, claims and payroll report ----------------------------------------------


@bp.get("/councils/<slug>/compensation")
@login_required
def council(slug: str):
    found = council_or_404(slug)
    require(policies.can_manage_compensation(acting_user(), found))
    return render_template("compensation/council.html", council=found,
                           waiting=services.claims_waiting(db.session, found),
                           rules=services.rules_of(db.session, found),
                           events=services.events_of_council(db.session, found))


@bp.route("/councils/<slug>/compensation/rules", methods=["GET", "POST"])
@login_required
def rules(slug: str):
    found = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_compensation(actor, found))
    form = RuleForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.add_rule(db.session, actor, found, services.RuleFields(
                valid_from=form.valid_from.data, kind=RuleKind(form.kind.data),
                meeting_fee_ore=form.meeting_fee.data, first_hour_ore=form.first_hour.data,
                half_hour_ore=form.half_hour.data, km_rate_ore=form.km_rate.data))
        if done:
            flash(_("Arvodesregeln är sparad."), "success")
            return redirect(url_for("compensation.council", slug=found.slug))
    status = _status(form)
    return render_template("compensation/rules.html", council=found, form=form,
                           rules=services.rules_of(db.session, found)), status


def _payroll_period() -> tuple[AttendanceReportForm, bool]:
    """The period asked for (this year so far when none) and whether it makes a report."""
    today = today_in_sweden()
    form = AttendanceReportForm(request.args if request.args else None,
                                data={"start": date(today.year, 1, 1), "end": today})
    if not form.validate():
        return form, False
    if form.end.data < form.start.data:
        form.end.errors = [*form.end.errors, _("Perioden slutar innan den börjar. Välj ett slutdatum efter "
                                               "startdatumet.")]
        return form, False
    return form, True


def _payroll_csv(name: str, form: AttendanceReportForm, rows: list[report.PayrollRow], *, by_council: bool):
    header = [_("Identitet"), _("Namn"), _("Månad"), _("Aktivitet"), _("Arvode (kr)"), _("Resa (kr)"),
              _("Förlorad arbetsinkomst (kr)"), _("Summa (kr)"), _("Närvaro ändrad efter godkännande")]
    if by_council:
        header.append(_("Per råd (kr)"))

    def line(row: report.PayrollRow) -> list[str]:
        cells = [row.identifier, row.name, row.month.strftime("%Y-%m"), str(report.ACTIVITY_LABELS[row.activity]),
                 amounts.kronor_for_spreadsheet(row.fee_ore), amounts.kronor_for_spreadsheet(row.travel_ore),
                 amounts.kronor_for_spreadsheet(row.lost_income_ore), amounts.kronor_for_spreadsheet(row.total_ore),
                 _("ja") if row.flagged else ""]
        if by_council:
            cells.append(" / ".join(f"{part.council}: {amounts.kronor_for_spreadsheet(part.total_ore)}"
                                   for part in row.by_council))
        return cells

    return excel_csv_response(f"{name}-{form.start.data}-{form.end.data}.csv", header, (line(row) for row in rows))


@bp.get("/councils/<slug>/compensation/report")
@login_required
def payroll_report(slug: str):
    found = council_or_404(slug)
    require(policies.can_manage_compensation(acting_user(), found))
    form, valid = _payroll_period()
    rows = report.payroll_report(db.session, found, form.start.data, form.end.data) if valid else None
    if rows is not None and request.args.get("format") == "csv":
        return _payroll_csv(f"arvode-{found.slug}", form, rows, by_council=False)
    status = 400 if any(field.errors for field in form) else 200
    return render_template("compensation/report.html", council=found, form=form, rows=rows,
                           activity_labels=report.ACTIVITY_LABELS,
                           total=sum(row.total_ore for row in rows or [])), status


@bp.get("/compensation/payroll")
@login_required
def payroll_across_councils():
    """The payroll office's file: every council the person may read the payroll of, one row per person and
    month with the councils summed."""
    actor = acting_user()
    require(policies.can_view_payroll_across_councils(actor))
    candidates = (list(db.session.scalars(sa.select(Council).order_by(Council.name))) if actor.is_admin
                  else sorted(actor.coordinated_councils, key=lambda council: council.name))
    councils = policies.payroll_councils(actor, candidates)
    form, valid = _payroll_period()
    rows = report.payroll_across_councils(db.session, councils, form.start.data, form.end.data) if valid else None
    if rows is not None and request.args.get("format") == "csv":
        return _payroll_csv("arvode-alla-rad", form, rows, by_council=True)
    status = 400 if any(field.errors for field in form) else 200
    return render_template("compensation/payroll.html", councils=councils, form=form, rows=rows,
                           activity_labels=report.ACTIVITY_LABELS,
                           total=sum(row.total_ore for row in rows or [])), status


@bp.route("/councils/<slug>/compensation/payees/<int:user_id>", methods=["GET", "POST"])
@login_required
def payee(slug: str, user_id: int):
    found = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_compensation(actor, found))
    person = get_or_404(User, user_id)
    form = PayrollIdentifierForm(data={"identifier": services.payroll_identifier(db.session, person)})
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.set_payroll_identifier(db.session, actor, found, person, form.identifier.data or "")
        if done:
            flash(_("Identiteten i lönesystemet är sparad."), "success")
            return redirect(url_for("compensation.payroll_report", slug=found.slug))
    status = _status(form)
    return render_template("compensation/payee.html", council=found, person=person, form=form), status
