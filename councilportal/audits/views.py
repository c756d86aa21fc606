"""Audits: the list, commissioning, an audit's page and the actions on it and its recommendations."""

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.models import User
from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.audits import calendar as audit_calendar
from councilportal.audits import policies, queries, services
from councilportal.audits.forms import (
    AnswerRecommendationForm,
    AssignRecommendationForm,
    AuditFilterForm,
    CancelForm,
    CloseForm,
    CommissionForm,
    FeedbackMeetingForm,
    FollowUpForm,
    HoursForm,
    InterviewForm,
    RecommendationForm,
    RemoveInterviewForm,
    ReportForm,
    StartFieldworkForm,
    SubmitReportForm,
    VersionedForm,
)
from councilportal.audits.labels import (
    ACTIVITY_LABELS,
    AUDIT_STATE_LABELS,
    CARRIED_OUT_LABELS,
    DECISION_LABELS,
    RECOMMENDATION_STATE_LABELS,
    TIMELINE_LABELS,
)
from councilportal.audits.models import Audit, AuditDocument, AuditInterview, AuditState, Recommendation
from councilportal.audits.services import AuditAction, RecommendationAction
from councilportal.councils.models import Council
from councilportal.csvexport import excel_csv_response
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.forms import PortalForm, choices
from councilportal.meetings.attendance import add_hours_source
from councilportal.organisations.models import Unit
from councilportal.timeutil import STOCKHOLM, today_in_sweden
from councilportal.uploads import send_upload, store_upload
from councilportal.web import acting_user, committed_or_shown_on, get_or_404, paginate, require

bp = Blueprint("audits", __name__, url_prefix="/audits")
# The team's interviews and feedback meeting join their private calendar feeds.
bp.record_once(lambda state: audit_calendar.register(state.app))
# Auditors' hours count for compensation beside meeting attendance.
bp.record_once(lambda state: add_hours_source(state.app, queries.auditor_hours_report))

FORM_FAILED = 422
COUNCIL_PAGE_AUDITS = 10


@bp.context_processor
def labels():
    return {"audit_state_labels": AUDIT_STATE_LABELS, "recommendation_state_labels": RECOMMENDATION_STATE_LABELS,
            "decision_labels": DECISION_LABELS, "carried_out_labels": CARRIED_OUT_LABELS,
            "activity_labels": ACTIVITY_LABELS, "timeline_labels": TIMELINE_LABELS,
            "outcome_labels": OUTCOME_LABELS, "rating_labels": RATING_LABELS}


@bp.context_processor
def name_policy():
    """Templates print a person's name only where this policy allows it."""
    return {"audit_policies": policies, "reader": acting_user()}


@bp.app_context_processor
def council_audits():
    """A council's page lists the audits it commissioned that its reader may see, newest first."""
    def audits_of(council: Council) -> list[Audit]:
        statement = (queries.visible_audits(acting_user()).where(Audit.council_id == council.id)
                     .limit(COUNCIL_PAGE_AUDITS))
        return list(db.session.scalars(statement))
    return {"audits_of_council": audits_of, "audit_state_labels_all": AUDIT_STATE_LABELS}


def _visible(audit_id: int) -> Audit:
    audit = get_or_404(Audit, audit_id)
    require(policies.can_view_audit(acting_user(), audit))
    return audit


# --- Lists ---------------------------------------------------------------------------------------


def _listed():
    user = acting_user()
    form = AuditFilterForm(request.args)
    units = db.session.scalars(sa.select(Unit).order_by(Unit.name)).all()
    form.unit.choices = choices([(0, _("Alla verksamheter"))] + [(unit.id, unit.name) for unit in units])
    valid = form.validate()
    state = AuditState(form.state.data) if valid and form.state.data else None
    statement = queries.filtered(queries.visible_audits(user), state=state,
                                 unit_id=form.unit.data if valid else None, year=form.year.data if valid else None)
    return user, form, statement


@bp.get("/")
def index():
    user, form, statement = _listed()
    return render_template("audits/list.html", form=form, page=paginate(statement),
                           may_commission=policies.can_commission_audit(user),
                           csv_arguments={key: value for key, value in request.args.items() if key != "page"})


@bp.get("/audits.csv")
def export():
    user, form, statement = _listed()

    def rows():
        for audit in db.session.scalars(statement.execution_options(yield_per=500)):
            yield [audit.id, audit.title, audit.unit.name, audit.council.name if audit.council else "",
                   str(AUDIT_STATE_LABELS[audit.state]), audit.created_at.date().isoformat(),
                   audit.period_start.isoformat() if audit.period_start else "",
                   audit.period_end.isoformat() if audit.period_end else ""]

    header = [_("Nummer"), _("Rubrik"), _("Verksamhet"), _("Råd"), _("Läge"), _("Beställd"), _("Perioden börjar"),
              _("Perioden slutar")]
    return excel_csv_response(f"brukarrevisioner-{today_in_sweden().isoformat()}.csv", header, rows())


# --- Commissioning -------------------------------------------------------------------------------


def _commission_choices(form: CommissionForm, user: User) -> None:
    people = queries.team_candidates(db.session)
    units = db.session.scalars(sa.select(Unit).order_by(Unit.name)).all()
    councils = ([council for council in db.session.scalars(sa.select(Council).order_by(Council.name))]
                if user.is_admin else sorted(user.coordinated_councils, key=lambda council: council.name))
    managers = db.session.scalars(sa.select(User).where(User.active.is_(True), User.unit_id.is_not(None))
                                  .order_by(User.name)).all()
    form.unit_id.choices = choices([(unit.id, unit.name) for unit in units])
    form.council_id.choices = choices([(0, _("Inget råd"))] + [(council.id, council.name) for council in councils])
    form.team.choices = choices([(person.id, person.name) for person in people])
    form.lead_id.choices = choices([(person.id, person.name) for person in people])
    form.contact_id.choices = choices([(0, _("Ingen kontaktperson"))] +
                                      [(manager.id, f"{manager.name} ({manager.unit.name})") for manager in managers])


def _chosen(model, identifier: int | None):
    return db.session.get(model, identifier) if identifier else None


@bp.route("/new", methods=["GET", "POST"])
@login_required
def commission():
    user = acting_user()
    require(policies.can_commission_audit(user))
    form = CommissionForm()
    _commission_choices(form, user)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            audit = services.commission_audit(db.session, user, services.AuditFields(
                title=form.title.data, unit=_chosen(Unit, form.unit_id.data), purpose=form.purpose.data,
                themes=form.themes.data or "", team=[db.session.get(User, i) for i in form.team.data],
                lead=_chosen(User, form.lead_id.data), council=_chosen(Council, form.council_id.data),
                period_start=form.period_start.data, period_end=form.period_end.data,
                contact=_chosen(User, form.contact_id.data), is_public=form.is_public.data,
                send_anyway=form.send_anyway.data))
        if done:
            flash(_("Granskningen är beställd."), "success")
            return redirect(url_for("audits.detail", audit_id=audit.id))
    status = FORM_FAILED if request.method == "POST" else 200
    return render_template("audits/commission.html", form=form), status


# --- The audit's page ----------------------------------------------------------------------------


def _blank_forms(user: User | None, audit: Audit, recommendations: list[Recommendation],
                 interviews: list[AuditInterview]) -> dict:
    allowed = services.AUDIT_WORKFLOW.allowed_actions(user, audit)
    version = {"version": audit.version}
    forms: dict = {}
    if AuditAction.START_FIELDWORK in allowed:
        forms["fieldwork"] = StartFieldworkForm(prefix="fieldwork", formdata=None, data=version)
    if AuditAction.SET_FEEDBACK_MEETING in allowed:
        forms["feedback"] = FeedbackMeetingForm(prefix="feedback", formdata=None, data=version)
    if AuditAction.FIELDWORK in allowed:
        forms["interview"] = InterviewForm(prefix="interview", formdata=None)
        # Each session's own forms, under the keys a posted form comes back with (its prefix).
        for interview in interviews:
            forms[f"interview{interview.id}"] = InterviewForm(prefix=f"interview{interview.id}", formdata=None, data={
                "starts_at": interview.starts_at.astimezone(STOCKHOLM).replace(tzinfo=None),
                "location": interview.location, "users": interview.users, "relatives": interview.relatives,
                "staff": interview.staff})
            forms[f"remove{interview.id}"] = RemoveInterviewForm(prefix=f"remove{interview.id}", formdata=None)
        forms["report"] = ReportForm(prefix="report", formdata=None,
                                     data={**version, "summary": audit.summary, "findings": audit.findings})
        forms["recommendation"] = RecommendationForm(prefix="recommendation", formdata=None)
    if AuditAction.SUBMIT_REPORT in allowed:
        forms["submit"] = SubmitReportForm(prefix="submit", formdata=None, data=version)
    if AuditAction.RECORD_HOURS in allowed:
        forms["hours"] = HoursForm(prefix="hours", formdata=None, data={"worked_on": today_in_sweden(),
                                                                        "user_id": user.id})
        _hours_choices(forms["hours"], user, audit)
    if AuditAction.CLOSE in allowed:
        forms["close"] = CloseForm(prefix="close", formdata=None, data=version)
    if AuditAction.CANCEL in allowed:
        forms["cancel"] = CancelForm(prefix="cancel", formdata=None, data=version)
    forms["recommendations"] = {}
    assignees = None
    for recommendation in recommendations:
        actions = services.recommendation_actions(user, recommendation)
        panel: dict[str, PortalForm] = {}
        rversion = {"version": recommendation.version}
        prefix = f"r{recommendation.number}"
        if RecommendationAction.ASSIGN in actions:
            panel["assign"] = AssignRecommendationForm(prefix=f"{prefix}-assign", formdata=None, data={
                **rversion, "unit_id": recommendation.responsible_unit_id or 0,
                "manager_id": recommendation.responsible_manager_id or 0, "deadline": recommendation.deadline})
            assignees = assignees or _assignee_choices()
            _offer_assignees(panel["assign"], assignees)
        if RecommendationAction.FINAL_ANSWER in actions:
            panel["answer"] = AnswerRecommendationForm(prefix=f"{prefix}-answer", formdata=None, data=rversion)
        if RecommendationAction.FOLLOW_UP in actions and audit.state is AuditState.ANSWERED:
            panel["follow_up"] = FollowUpForm(prefix=f"{prefix}-follow_up", formdata=None, data=rversion)
        forms["recommendations"][recommendation.id] = panel
    return forms


def _hours_choices(form: HoursForm, user: User, audit: Audit) -> None:
    members = [member.user for member in audit.team
               if member.user_id == user.id or policies.runs_audit(user, audit)]
    form.user_id.choices = choices([(person.id, person.name) for person in members])


def _assignee_choices() -> tuple[list, list]:
    """The units and managers a recommendation may be assigned to, read once for every form on a page."""
    units = db.session.scalars(sa.select(Unit).order_by(Unit.name)).all()
    managers = db.session.scalars(sa.select(User).where(User.active.is_(True), User.unit_id.is_not(None))
                                  .order_by(User.name)).all()
    return (choices([(0, _("Ingen enhet"))] + [(unit.id, unit.name) for unit in units]),
            choices([(0, _("Ingen chef"))] + [(manager.id, f"{manager.name} ({manager.unit.name})")
                                              for manager in managers]))


def _offer_assignees(form: AssignRecommendationForm, assignees: tuple[list, list]) -> None:
    form.unit_id.choices, form.manager_id.choices = assignees


def _page(audit: Audit, posted: dict | None = None, status: int = 200):
    user = acting_user()
    work = policies.can_see_work_in_progress(user, audit)
    content = queries.audit_page(db.session, audit, work_in_progress=work)
    forms = _blank_forms(user, audit, content.recommendations, content.interviews)
    for key, form in (posted or {}).items():
        if isinstance(key, tuple):
            forms["recommendations"].setdefault(key[0], {})[key[1]] = form
        else:
            forms[key] = form
    # Before the report is submitted, its draft is the team's and the coordinators' own.
    show_report = work or audit.state in policies.PUBLISHED_STATES
    today = today_in_sweden()
    return render_template(
        "audits/detail.html", audit=audit, content=content, forms=forms, show_report=show_report,
        show_work=work,
        may_add_document=services.AUDIT_WORKFLOW.may(user, audit, AuditAction.ADD_DOCUMENT),
        numbers={r.id: r.number for r in content.recommendations},
        overdue={r.id for r in content.recommendations if queries.is_overdue(r, today)}), status


@bp.get("/<int:audit_id>")
def detail(audit_id: int):
    return _page(_visible(audit_id))


@bp.get("/<int:audit_id>/documents/<int:document_id>")
def document(audit_id: int, document_id: int):
    audit = _visible(audit_id)
    require(policies.can_see_work_in_progress(acting_user(), audit))
    found = get_or_404(AuditDocument, document_id)
    if found.audit_id != audit.id:
        abort(404)
    return send_upload(db.session, found)


# --- Actions on the audit ------------------------------------------------------------------------


def _act(audit_id: int, action: AuditAction, form_class: type[PortalForm], prefix: str,
         perform: Callable[[PortalForm, Audit, User], str]):
    """Check who may, validate the posted form, take the action, commit; or show the page again with
    the input kept and the reason. `perform` returns the confirmation."""
    audit = _visible(audit_id)
    user = acting_user()
    require(services.AUDIT_WORKFLOW.actors[action](user, audit))
    form = form_class(prefix=prefix)
    if isinstance(form, HoursForm):
        _hours_choices(form, user, audit)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            confirmation = perform(form, audit, user)
        if done:
            flash(confirmation, "success")
            return redirect(url_for("audits.detail", audit_id=audit.id))
    if isinstance(form, VersionedForm) and form.seen_version != audit.version:
        message = str(services.AUDIT_WORKFLOW.changed_meanwhile)
        if message not in form.form_errors:
            form.form_errors.append(message)
        form.version.data = audit.version
    return _page(audit, {prefix: form}, FORM_FAILED)


@bp.post("/<int:audit_id>/fieldwork")
@login_required
def start_fieldwork(audit_id: int):
    def perform(form, audit, user):
        services.start_fieldwork(db.session, user, audit, expected_version=form.seen_version)
        return _("Fältarbetet har börjat.")
    return _act(audit_id, AuditAction.START_FIELDWORK, StartFieldworkForm, "fieldwork", perform)


@bp.post("/<int:audit_id>/feedback-meeting")
@login_required
def feedback_meeting(audit_id: int):
    def perform(form, audit, user):
        services.set_feedback_meeting(db.session, user, audit, form.starts_at.data, form.location.data or "",
                                      expected_version=form.seen_version)
        return _("Återföringsmötet är bokat.")
    return _act(audit_id, AuditAction.SET_FEEDBACK_MEETING, FeedbackMeetingForm, "feedback", perform)


@bp.post("/<int:audit_id>/interviews")
@login_required
def interview(audit_id: int):
    def perform(form, audit, user):
        services.record_interview(db.session, user, audit, form.starts_at.data, users=form.users.data,
                                  relatives=form.relatives.data, staff=form.staff.data,
                                  location=form.location.data or "")
        return _("Intervjun är registrerad.")
    return _act(audit_id, AuditAction.FIELDWORK, InterviewForm, "interview", perform)


def _interview_of(audit_id: int, interview_id: int) -> AuditInterview:
    interview = get_or_404(AuditInterview, interview_id)
    if interview.audit_id != audit_id:
        abort(404)
    return interview


@bp.post("/<int:audit_id>/interviews/<int:interview_id>")
@login_required
def change_interview(audit_id: int, interview_id: int):
    def perform(form, audit, user):
        services.change_interview(db.session, user, audit, _interview_of(audit.id, interview_id),
                                  form.starts_at.data, users=form.users.data, relatives=form.relatives.data,
                                  staff=form.staff.data, location=form.location.data or "")
        return _("Intervjun är ändrad.")
    _interview_of(audit_id, interview_id)
    return _act(audit_id, AuditAction.FIELDWORK, InterviewForm, f"interview{interview_id}", perform)


@bp.post("/<int:audit_id>/interviews/<int:interview_id>/remove")
@login_required
def remove_interview(audit_id: int, interview_id: int):
    def perform(form, audit, user):
        services.remove_interview(db.session, user, audit, _interview_of(audit.id, interview_id))
        return _("Intervjutiden är borttagen.")
    _interview_of(audit_id, interview_id)
    return _act(audit_id, AuditAction.FIELDWORK, RemoveInterviewForm, f"remove{interview_id}", perform)


@bp.post("/<int:audit_id>/documents")
@login_required
def add_document(audit_id: int):
    audit = _visible(audit_id)
    user = acting_user()
    require(services.AUDIT_WORKFLOW.actors[AuditAction.ADD_DOCUMENT](user, audit))
    file = request.files.get("document")
    try:
        if file is None or not file.filename:
            raise DomainError(_("Välj en fil."))
        services.add_document(db.session, user, audit, store_upload(db.session, file))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Dokumentet är sparat."), "success")
    return redirect(url_for("audits.detail", audit_id=audit.id))


@bp.post("/<int:audit_id>/report")
@login_required
def report(audit_id: int):
    def perform(form, audit, user):
        services.write_report(db.session, user, audit, form.summary.data, form.findings.data or "",
                              expected_version=form.seen_version, send_anyway=form.send_anyway.data)
        return _("Rapporten är sparad.")
    return _act(audit_id, AuditAction.FIELDWORK, ReportForm, "report", perform)


@bp.post("/<int:audit_id>/recommendations")
@login_required
def add_recommendation(audit_id: int):
    def perform(form, audit, user):
        recommendation = services.add_recommendation(db.session, user, audit, form.text.data,
                                                     send_anyway=form.send_anyway.data)
        return _("Rekommendation %(number)d är sparad.", number=recommendation.number)
    return _act(audit_id, AuditAction.FIELDWORK, RecommendationForm, "recommendation", perform)


@bp.post("/<int:audit_id>/submit")
@login_required
def submit_report(audit_id: int):
    def perform(form, audit, user):
        services.submit_report(db.session, user, audit, expected_version=form.seen_version)
        return _("Rapporten är lämnad till verksamheten.")
    return _act(audit_id, AuditAction.SUBMIT_REPORT, SubmitReportForm, "submit", perform)


@bp.post("/<int:audit_id>/hours")
@login_required
def hours(audit_id: int):
    def perform(form, audit, user):
        services.record_hours(db.session, user, audit, _chosen(User, form.user_id.data), form.activity.data,
                              form.worked_on.data, form.hours.data)
        return _("Timmarna är registrerade.")
    return _act(audit_id, AuditAction.RECORD_HOURS, HoursForm, "hours", perform)


@bp.post("/<int:audit_id>/close")
@login_required
def close(audit_id: int):
    def perform(form, audit, user):
        services.close_audit(db.session, user, audit, expected_version=form.seen_version)
        return _("Granskningen är avslutad.")
    return _act(audit_id, AuditAction.CLOSE, CloseForm, "close", perform)


@bp.post("/<int:audit_id>/cancel")
@login_required
def cancel(audit_id: int):
    def perform(form, audit, user):
        services.cancel_audit(db.session, user, audit, form.reason.data, expected_version=form.seen_version)
        return _("Granskningen är inställd.")
    return _act(audit_id, AuditAction.CANCEL, CancelForm, "cancel", perform)


# --- Actions on a recommendation -----------------------------------------------------------------


def _act_on_recommendation(audit_id: int, number: int, action: RecommendationAction,
                           form_class: type[PortalForm], panel: str,
                           perform: Callable[[PortalForm, Recommendation, User], str]):
    audit = _visible(audit_id)
    recommendation = db.session.scalar(sa.select(Recommendation).where(
        Recommendation.audit_id == audit.id, Recommendation.number == number))
    if recommendation is None:
        abort(404)
    user = acting_user()
    require(services.RECOMMENDATION_WORKFLOW.actors[action](user, recommendation))
    form = form_class(prefix=f"r{recommendation.number}-{panel}")
    if isinstance(form, AssignRecommendationForm):
        _offer_assignees(form, _assignee_choices())
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            confirmation = perform(form, recommendation, user)
        if done:
            flash(confirmation, "success")
            return redirect(url_for("audits.detail", audit_id=audit.id, _anchor=f"r{recommendation.number}"))
    if isinstance(form, VersionedForm) and form.seen_version != recommendation.version:
        message = str(services.RECOMMENDATION_WORKFLOW.changed_meanwhile)
        if message not in form.form_errors:
            form.form_errors.append(message)
        form.version.data = recommendation.version
    return _page(audit, {(recommendation.id, panel): form}, FORM_FAILED)


@bp.post("/<int:audit_id>/recommendations/<int:number>/assign")
@login_required
def assign(audit_id: int, number: int):
    def perform(form, recommendation, user):
        services.assign_recommendation(db.session, user, recommendation, unit=_chosen(Unit, form.unit_id.data),
                                       manager=_chosen(User, form.manager_id.data), deadline=form.deadline.data,
                                       expected_version=form.seen_version)
        return _("Rekommendationen är fördelad.")
    return _act_on_recommendation(audit_id, number, RecommendationAction.ASSIGN,
                                  AssignRecommendationForm, "assign", perform)


@bp.post("/<int:audit_id>/recommendations/<int:number>/answer")
@login_required
def answer(audit_id: int, number: int):
    def perform(form, recommendation, user):
        if form.kind.data == "interim":
            services.give_interim_answer(db.session, user, recommendation, form.text.data, form.actions.data or "",
                                         expected_version=form.seen_version, send_anyway=form.send_anyway.data)
            return _("Delbeskedet är lämnat.")
        services.answer_recommendation(db.session, user, recommendation, form.decision.data, form.text.data,
                                       form.actions.data or "", form.follow_up_on.data,
                                       expected_version=form.seen_version, send_anyway=form.send_anyway.data)
        return _("Svaret är lämnat.")
    return _act_on_recommendation(audit_id, number, RecommendationAction.FINAL_ANSWER,
                                  AnswerRecommendationForm, "answer", perform)


@bp.post("/<int:audit_id>/recommendations/<int:number>/follow-up")
@login_required
def follow_up(audit_id: int, number: int):
    def perform(form, recommendation, user):
        services.follow_up_recommendation(db.session, user, recommendation, form.carried_out.data,
                                          form.outcome.data, form.rating.data, expected_version=form.seen_version)
        return _("Uppföljningen är sparad.")
    return _act_on_recommendation(audit_id, number, RecommendationAction.FOLLOW_UP,
                                  FollowUpForm, "follow_up", perform)
