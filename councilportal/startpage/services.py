"""What waits for a person, by role: the lines of the start page "Att göra".

Each kind of line is one function registered with `@line_kind(role)`: it reads at most SHOWN + 1
rows in one indexed query and returns a `TodoList` (or None when it does not apply to the person).
So the page costs the same number of queries whatever the amount of data, and a new kind of line is one
more small function here. Who may see what is read from the domains' queries (viewpoints.queries,
audits.queries), never derived again here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from councilportal.accounts.models import User
from councilportal.audits import queries as audit_queries
from councilportal.audits.models import (
    Audit,
    AuditInterview,
    AuditState,
    Recommendation,
    RecommendationResponse,
    RecommendationState,
)
from councilportal.councils.models import Membership, MembershipRole, council_coordinators
from councilportal.i18n import long_date, long_datetime
from councilportal.meetings.models import (
    Attendance,
    DeputyCallIn,
    Meeting,
    MeetingDocument,
    MeetingReply,
    MeetingState,
    MinutesChecker,
)
from councilportal.startpage.models import VisitMark
from councilportal.timeutil import now_utc, today_in_sweden
from councilportal.viewpoints import queries as viewpoint_queries
from councilportal.viewpoints.models import FollowUpAnswer, Viewpoint, ViewpointFollowUp, ViewpointState

# Lines shown per list; past that the list links to the page that has them all.
SHOWN = 10
# Opening the start page again within this time is the same visit: its "new" lines stay.
VISIT_GAP = timedelta(hours=1)
# A first visit counts documents this far back as new.
FIRST_VISIT_LOOKBACK = timedelta(days=14)

ROLES = {
    "coordinator": _l("Som samordnare"),
    "manager": _l("Som chef"),
    "member": _l("Som ledamot"),
    "auditor": _l("Som brukarrevisor"),
    "admin": _l("Som administratör"),
}


@dataclass(frozen=True)
class TodoLine:
    text: str
    url: str
    detail: str = ""
    urgent: bool = False


@dataclass
class TodoList:
    heading: str
    lines: list[TodoLine]
    # Where every item of the list is, shown when there are more than SHOWN.
    all_url: str | None = None
    more: bool = False


@dataclass
class Context:
    """What every line kind may read: the person, today, now, and the visit the page is part of."""

    user: User
    today: date
    now: datetime
    new_since: datetime
    member_councils: list[int] = field(default_factory=list)
    coordinated_councils: list[int] = field(default_factory=list)


LineKind = Callable[[Session, Context], TodoList | None]
LINE_KINDS: list[tuple[str, LineKind]] = []


def line_kind(role: str) -> Callable[[LineKind], LineKind]:
    def register(function: LineKind) -> LineKind:
        LINE_KINDS.append((role, function))
        return function
    return register


def _shown(rows: list) -> tuple[list, bool]:
    return rows[:SHOWN], len(rows) > SHOWN


def _todo(heading: str, rows: list, line: Callable[[object], TodoLine], all_url: str | None = None) -> TodoList:
    shown, more = _shown(rows)
    return TodoList(heading, [line(row) for row in shown], all_url, more)


# --- The visit ------------------------------------------------------------------------------------


def record_visit(session: Session, user: User, now: datetime | None = None) -> datetime:
    """Note that the person opened the start page; returns since when things count as new on this visit."""
    now = now or now_utc()
    mark = session.get(VisitMark, user.id)
    if mark is None:
        try:
            with session.begin_nested():
                mark = VisitMark(user_id=user.id, seen_at=now, new_since=now - FIRST_VISIT_LOOKBACK)
                session.add(mark)
            return mark.new_since
        except IntegrityError:
            # The first visit opened in two tabs at once: the other one wrote the mark.
            mark = session.get(VisitMark, user.id, populate_existing=True)
    if now - mark.seen_at >= VISIT_GAP:
        mark.new_since, mark.seen_at = mark.seen_at, now
    else:
        mark.seen_at = now
    session.flush()
    return mark.new_since


def waiting_for(session: Session, user: User, new_since: datetime, now: datetime | None = None) \
        -> list[tuple[str, list[TodoList]]]:
    """Per role the person holds, the lists of what waits; lists with nothing in them are left out."""
    now = now or now_utc()
    today = today_in_sweden()
    context = Context(
        user=user, today=today, now=now, new_since=new_since,
        member_councils=sorted({m.council_id for m in user.memberships if m.is_active_on(today)}),
        coordinated_councils=sorted({council.id for council in user.coordinated_councils}),
    )
    by_role: dict[str, list[TodoList]] = {}
    for role, kind in LINE_KINDS:
        found = kind(session, context)
        if found is not None and found.lines:
            by_role.setdefault(role, []).append(found)
    return [(str(ROLES[role]), lists) for role, lists in by_role.items()]


# --- Coordinator ----------------------------------------------------------------------------------


def _viewpoint_line(viewpoint: Viewpoint, detail: str, urgent: bool = False) -> TodoLine:
    return TodoLine(f"{viewpoint.reference} {viewpoint.title}",
                    url_for("viewpoints.detail", viewpoint_id=viewpoint.id), detail, urgent)


def _viewpoints(session: Session, statement: sa.Select) -> list[Viewpoint]:
    return list(session.scalars(statement.limit(SHOWN + 1)).unique())


@line_kind("coordinator")
def viewpoints_to_receive(session: Session, context: Context) -> TodoList | None:
    if not context.coordinated_councils:
        return None
    rows = _viewpoints(session, sa.select(Viewpoint).where(
        Viewpoint.council_id.in_(context.coordinated_councils), Viewpoint.state == ViewpointState.SUBMITTED,
    ).order_by(Viewpoint.created_at, Viewpoint.id))
    return _todo(_("Nya synpunkter att ta emot"), rows, lambda v: _viewpoint_line(
        v, _("%(council)s, inskickad %(date)s", council=v.council.name, date=long_date(v.created_at))),
        url_for("viewpoint_lists.mine", state=ViewpointState.SUBMITTED.value))


@line_kind("coordinator")
def overdue_viewpoints(session: Session, context: Context) -> TodoList | None:
    if not context.coordinated_councils:
        return None
    rows = _viewpoints(session, sa.select(Viewpoint).where(
        Viewpoint.council_id.in_(context.coordinated_councils), viewpoint_queries.overdue_condition(context.today),
    ).order_by(Viewpoint.deadline, Viewpoint.id))
    return _todo(_("Försenade synpunkter"), rows, lambda v: _viewpoint_line(
        v, _("Skulle ha besvarats %(date)s", date=long_date(v.deadline)), urgent=True),
        url_for("viewpoint_lists.mine", overdue="y"))


def _rows(session: Session, statement: sa.Select) -> list:
    """At most SHOWN + 1 rows of any statement, for lines that read more than one entity."""
    return list(session.execute(statement.limit(SHOWN + 1)).unique())


@line_kind("coordinator")
def meetings_to_prepare(session: Session, context: Context) -> TodoList | None:
    """Drafts of coming meetings: build the agenda and publish."""
    if not context.coordinated_councils:
        return None
    rows = _rows(session, sa.select(Meeting).where(
        Meeting.council_id.in_(context.coordinated_councils), Meeting.state == MeetingState.DRAFT,
        Meeting.starts_at >= context.now,
    ).order_by(Meeting.starts_at, Meeting.id))
    return _todo(_("Möten att förbereda och publicera"), rows, lambda row: TodoLine(
        row.Meeting.title, url_for("meetings.agenda", meeting_id=row.Meeting.id),
        _("%(council)s, %(when)s", council=row.Meeting.council.name, when=long_datetime(row.Meeting.starts_at))))


@line_kind("coordinator")
def meetings_without_attendance_or_minutes(session: Session, context: Context) -> TodoList | None:
    """Meetings that have begun but have no attendance yet, or whose minutes have not gone to checkers."""
    if not context.coordinated_councils:
        return None
    has_attendance = sa.exists().where(Attendance.meeting_id == Meeting.id)
    has_checkers = sa.exists().where(MinutesChecker.meeting_id == Meeting.id)
    rows = _rows(session, sa.select(Meeting, has_attendance.label("attended"), has_checkers.label("checked"))
                     .where(Meeting.council_id.in_(context.coordinated_councils),
                            Meeting.state.in_((MeetingState.PUBLISHED, MeetingState.HELD)),
                            Meeting.starts_at <= context.now, sa.or_(~has_attendance, ~has_checkers))
                     .order_by(Meeting.starts_at, Meeting.id))

    def line(row) -> TodoLine:
        missing = _("Närvaro saknas") if not row.attended else _("Protokollet är inte klart för justering")
        return TodoLine(row.Meeting.title, url_for("meetings.detail", meeting_id=row.Meeting.id),
                        f"{row.Meeting.council.name}, {long_date(row.Meeting.starts_at)}: {missing}")

    return _todo(_("Hållna möten utan närvaro eller protokoll"), rows, line)


@line_kind("coordinator")
def minutes_awaiting_checkers(session: Session, context: Context) -> TodoList | None:
    if not context.coordinated_councils:
        return None
    waiting = sa.exists().where(MinutesChecker.meeting_id == Meeting.id, MinutesChecker.approved_at.is_(None))
    rows = _rows(session, sa.select(Meeting).where(
        Meeting.council_id.in_(context.coordinated_councils), Meeting.state == MeetingState.HELD, waiting,
    ).order_by(Meeting.starts_at, Meeting.id))
    return _todo(_("Protokoll som väntar på justering"), rows, lambda row: TodoLine(
        row.Meeting.title, url_for("minutes.view", meeting_id=row.Meeting.id),
        f"{row.Meeting.council.name}, {long_date(row.Meeting.starts_at)}"))


@line_kind("coordinator")
def viewpoints_to_take_up_again(session: Session, context: Context) -> TodoList | None:
    """Follow-ups the organisation answered "no": the promised actions were not carried out."""
    if not context.coordinated_councils:
        return None
    said_no_at = (sa.select(sa.func.max(ViewpointFollowUp.answered_at))
                  .where(ViewpointFollowUp.viewpoint_id == Viewpoint.id, ViewpointFollowUp.answer == FollowUpAnswer.NO)
                  .scalar_subquery())
    rows = _rows(session, sa.select(Viewpoint, said_no_at.label("said_no_at")).where(
        Viewpoint.council_id.in_(context.coordinated_councils), viewpoint_queries.take_up_again(),
    ).order_by(Viewpoint.answered_at, Viewpoint.id))
    return _todo(_("Att ta upp igen: åtgärderna genomfördes inte"), rows, lambda row: _viewpoint_line(
        row.Viewpoint, _("%(organisation)s svarade nej på uppföljningen %(date)s",
                         organisation=row.Viewpoint.organisation.name, date=long_date(row.said_no_at)), urgent=True),
        url_for("viewpoint_lists.mine", take_up_again="y"))


def _audit_line(audit: Audit, detail: str, anchor: str | None = None, urgent: bool = False) -> TodoLine:
    return TodoLine(audit.title, url_for("audits.detail", audit_id=audit.id, _anchor=anchor), detail, urgent)


@line_kind("coordinator")
def audits_to_run(session: Session, context: Context) -> TodoList | None:
    """Audits whose report came in and still lack a feedback meeting or a manager for a recommendation, and
    audits whose recommendations are all followed up, which can be closed."""
    if not context.coordinated_councils:
        return None
    unassigned = sa.exists().where(Recommendation.audit_id == Audit.id,
                                   Recommendation.state.in_(audit_queries.AWAITING_ANSWER),
                                   Recommendation.responsible_manager_id.is_(None))
    report_in = sa.and_(Audit.state == AuditState.REPORT,
                        sa.or_(Audit.feedback_meeting_at.is_(None), unassigned))
    rows = _rows(session, sa.select(Audit, unassigned.label("unassigned")).where(
        audit_queries.run_by(context.user), sa.or_(report_in, Audit.state == AuditState.FOLLOWED_UP),
    ).order_by(Audit.updated_at, Audit.id))

    def line(row) -> TodoLine:
        audit = row.Audit
        if audit.state is AuditState.FOLLOWED_UP:
            return _audit_line(audit, _("Alla rekommendationer är uppföljda: avsluta granskningen"), "close-title")
        submitted = long_date(audit.report_submitted_at)
        if row.unassigned and audit.feedback_meeting_at is None:
            detail = _("Rapporten är lämnad %(date)s: fördela rekommendationerna till en chef och boka "
                       "återföringsmötet", date=submitted)
        elif row.unassigned:
            detail = _("Rapporten är lämnad %(date)s: fördela rekommendationerna till en chef", date=submitted)
        else:
            detail = _("Rapporten är lämnad %(date)s: boka återföringsmötet", date=submitted)
        return _audit_line(audit, detail, "recommendations")

    return _todo(_("Granskningar som väntar på dig"), rows, line, url_for("audits.index"))


def _recommendation_line(row, detail: str, urgent: bool = False) -> TodoLine:
    recommendation = row.Recommendation
    return TodoLine(_("Rekommendation %(number)d: %(title)s", number=recommendation.number, title=row.audit_title),
                    url_for("audits.detail", audit_id=recommendation.audit_id, _anchor=f"r{recommendation.number}"),
                    detail, urgent)


def _recommendations(session: Session, statement: sa.Select) -> list:
    return _rows(session, statement.add_columns(Audit.title.label("audit_title"))
                     .join(Audit, Audit.id == Recommendation.audit_id))


@line_kind("coordinator")
def overdue_recommendations(session: Session, context: Context) -> TodoList | None:
    if not context.coordinated_councils:
        return None
    rows = _recommendations(session, sa.select(Recommendation).where(
        audit_queries.overdue_condition(context.today), audit_queries.run_by(context.user),
    ).order_by(Recommendation.deadline, Recommendation.id))
    return _todo(_("Försenade rekommendationer"), rows, lambda row: _recommendation_line(
        row, _("Skulle ha besvarats %(date)s", date=long_date(row.Recommendation.deadline)), urgent=True))


# --- Manager --------------------------------------------------------------------------------------


@line_kind("manager")
def viewpoints_to_answer(session: Session, context: Context) -> TodoList | None:
    """Open viewpoints assigned to the person or their unit: overdue first, then by deadline."""
    if not context.user.is_manager:
        return None
    rows = _viewpoints(session, viewpoint_queries.viewpoints_assigned_to(context.user, context.today).where(
        Viewpoint.state.in_(viewpoint_queries.AWAITING_ANSWER)))

    def line(viewpoint: Viewpoint) -> TodoLine:
        overdue = viewpoint_queries.is_overdue(viewpoint, context.today)
        if viewpoint.deadline is None:
            detail = viewpoint.council.name
        elif overdue:
            detail = _("Försenad: skulle ha besvarats %(date)s", date=long_date(viewpoint.deadline))
        else:
            detail = _("Svara senast %(date)s", date=long_date(viewpoint.deadline))
        return _viewpoint_line(viewpoint, detail, overdue)

    return _todo(_("Synpunkter att besvara"), rows, line, url_for("viewpoint_lists.assigned"))


@line_kind("manager")
def recommendations_to_answer(session: Session, context: Context) -> TodoList | None:
    """Audit recommendations assigned to the person or their unit: overdue first, then by deadline."""
    if not context.user.is_manager:
        return None
    rows = _recommendations(session, audit_queries.recommendations_assigned_to(context.user, context.today))

    def line(row) -> TodoLine:
        recommendation = row.Recommendation
        overdue = audit_queries.is_overdue(recommendation, context.today)
        if recommendation.deadline is None:
            detail = ""
        elif overdue:
            detail = _("Försenad: skulle ha besvarats %(date)s", date=long_date(recommendation.deadline))
        else:
            detail = _("Svara senast %(date)s", date=long_date(recommendation.deadline))
        return _recommendation_line(row, detail, overdue)

    return _todo(_("Rekommendationer att besvara"), rows, line)


# --- Representative and deputy --------------------------------------------------------------------


def _speaks_for(context: Context) -> list[tuple[int, int]]:
    """(council, organisation) of every seat the person holds today for an organisation, as ordinarie or
    ersättare: what viewpoints.policies.speaks_for_submitter reads."""
    return sorted({(m.council_id, m.organisation_id) for m in context.user.memberships
                   if m.role is MembershipRole.REPRESENTATIVE and m.is_active_on(context.today)})


@line_kind("member")
def answers_to_rate(session: Session, context: Context) -> TodoList | None:
    """Final answers to the viewpoints of the organisations the person speaks for, waiting for their rating."""
    speaks_for = _speaks_for(context)
    if not speaks_for:
        return None
    rows = _viewpoints(session, sa.select(Viewpoint).where(
        Viewpoint.state == ViewpointState.ANSWERED,
        sa.tuple_(Viewpoint.council_id, Viewpoint.organisation_id).in_(speaks_for),
    ).order_by(Viewpoint.answered_at, Viewpoint.id))
    return _todo(_("Svar som väntar på er bedömning"), rows, lambda v: TodoLine(
        f"{v.reference} {v.title}", url_for("viewpoints.detail", viewpoint_id=v.id, _anchor="actions"),
        _("%(organisation)s, besvarad %(date)s", organisation=v.organisation.name, date=long_date(v.answered_at))),
        url_for("viewpoint_lists.my_organisation", state=ViewpointState.ANSWERED.value))


@line_kind("member")
def follow_ups_to_answer(session: Session, context: Context) -> TodoList | None:
    """Follow-ups asked of the organisations the person speaks for: were the promised actions carried out?"""
    speaks_for = _speaks_for(context)
    if not speaks_for:
        return None
    rows = _rows(session, sa.select(ViewpointFollowUp.asked_on, Viewpoint)
                     .join(Viewpoint, Viewpoint.id == ViewpointFollowUp.viewpoint_id)
                     .where(ViewpointFollowUp.asked_on.is_not(None), ViewpointFollowUp.answer.is_(None),
                            sa.tuple_(Viewpoint.council_id, Viewpoint.organisation_id).in_(speaks_for))
                     .order_by(ViewpointFollowUp.asked_on, ViewpointFollowUp.id))
    return _todo(_("Uppföljningar att svara på"), rows, lambda row: TodoLine(
        f"{row.Viewpoint.reference} {row.Viewpoint.title}",
        url_for("viewpoints.detail", viewpoint_id=row.Viewpoint.id, _anchor="follow-up"),
        _("%(organisation)s, frågan kom %(date)s: genomfördes åtgärderna?",
          organisation=row.Viewpoint.organisation.name, date=long_date(row.asked_on)), urgent=True))


@line_kind("member")
def coming_meetings(session: Session, context: Context) -> TodoList | None:
    """The next published meetings of the person's councils, with their answer and any call-in."""
    if not context.member_councils:
        return None
    reply = aliased(MeetingReply)
    my_deputy_seats = [m.id for m in context.user.memberships if m.stands_in_for_id is not None]
    called_in = sa.exists().where(DeputyCallIn.meeting_id == Meeting.id,
                                  DeputyCallIn.deputy_membership_id.in_(my_deputy_seats))
    rows = _rows(session, sa.select(Meeting, reply.coming, called_in.label("called_in"))
                     .outerjoin(reply, sa.and_(reply.meeting_id == Meeting.id, reply.user_id == context.user.id))
                     .where(Meeting.council_id.in_(context.member_councils),
                            Meeting.state == MeetingState.PUBLISHED, Meeting.starts_at > context.now)
                     .order_by(Meeting.starts_at, Meeting.id))

    def line(row) -> TodoLine:
        if row.coming is None:
            answer = _("Du har inte svarat")
        elif row.coming:
            answer = _("Du kommer")
        else:
            answer = _("Du kan inte komma")
        if row.called_in:
            answer = _("Du är inkallad som ersättare. %(answer)s", answer=answer)
        return TodoLine(row.Meeting.title, url_for("meetings.detail", meeting_id=row.Meeting.id, _anchor="svar"),
                        f"{row.Meeting.council.name}, {long_datetime(row.Meeting.starts_at)}. {answer}.",
                        urgent=row.coming is None)

    return _todo(_("Kommande möten"), rows, line, url_for("meetings.mine"))


@line_kind("member")
def new_documents(session: Session, context: Context) -> TodoList | None:
    """Meeting documents put up since the person's last visit, on meetings of their councils."""
    if not context.member_councils:
        return None
    rows = _rows(session, sa.select(MeetingDocument, Meeting.title.label("meeting_title"))
                     .join(Meeting, MeetingDocument.meeting_id == Meeting.id)
                     .where(MeetingDocument.uploaded_at > context.new_since,
                            Meeting.council_id.in_(context.member_councils), Meeting.state != MeetingState.DRAFT)
                     .order_by(MeetingDocument.uploaded_at.desc(), MeetingDocument.id.desc()))
    return _todo(_("Nya handlingar sedan ditt förra besök"), rows, lambda row: TodoLine(
        row.MeetingDocument.filename,
        url_for("meetings.document_download", meeting_id=row.MeetingDocument.meeting_id,
                document_id=row.MeetingDocument.id),
        _("%(meeting)s, uppladdad %(date)s", meeting=row.meeting_title,
          date=long_date(row.MeetingDocument.uploaded_at))))


# --- Audit team -----------------------------------------------------------------------------------


@line_kind("auditor")
def audits_waiting_for_the_team(session: Session, context: Context) -> TodoList | None:
    """Audits in fieldwork (interviews to record, the report to write), and answered audits with
    recommendations whose follow-up date has come."""
    follow_up_due = sa.exists().where(
        Recommendation.audit_id == Audit.id, Recommendation.state == RecommendationState.ANSWERED,
        RecommendationResponse.recommendation_id == Recommendation.id, RecommendationResponse.is_final.is_(True),
        sa.or_(RecommendationResponse.follow_up_on.is_(None), RecommendationResponse.follow_up_on <= context.today))
    rows = _rows(session, sa.select(Audit).where(
        audit_queries.on_team_of(context.user),
        sa.or_(Audit.state == AuditState.FIELDWORK, sa.and_(Audit.state == AuditState.ANSWERED, follow_up_due)),
    ).order_by(Audit.updated_at, Audit.id))

    def line(row) -> TodoLine:
        if row.Audit.state is AuditState.FIELDWORK:
            return _audit_line(row.Audit, _("Fältarbete: registrera intervjuerna och skriv rapporten"))
        return _audit_line(row.Audit, _("Dags att följa upp rekommendationerna"), "recommendations", urgent=True)

    return _todo(_("Granskningar som väntar på gruppen"), rows, line, url_for("audits.index"))


@line_kind("auditor")
def coming_audit_sessions(session: Session, context: Context) -> TodoList | None:
    """The coming interview sessions and feedback meetings of the person's audits."""
    team_audits = sa.and_(audit_queries.on_team_of(context.user), Audit.state != AuditState.CANCELLED)
    interviews = (sa.select(Audit.id.label("audit_id"), Audit.title.label("title"),
                            AuditInterview.starts_at.label("starts_at"), sa.literal(False).label("feedback"))
                  .join(Audit, Audit.id == AuditInterview.audit_id)
                  .where(team_audits, AuditInterview.starts_at > context.now))
    feedback = (sa.select(Audit.id, Audit.title, Audit.feedback_meeting_at, sa.literal(True))
                .where(team_audits, Audit.feedback_meeting_at > context.now))
    sessions = sa.union_all(interviews, feedback).subquery()
    rows = _rows(session, sa.select(sessions).order_by(sessions.c.starts_at, sessions.c.audit_id))

    def line(row) -> TodoLine:
        what = _("Återföringsmöte") if row.feedback else _("Intervjuer")
        return TodoLine(f"{what}: {row.title}", url_for("audits.detail", audit_id=row.audit_id),
                        long_datetime(_as_datetime(row.starts_at)))

    return _todo(_("Kommande intervjuer och återföringsmöten"), rows, line)


def _as_datetime(value: datetime | str) -> datetime:
    """SQLite hands a datetime back from a union as its text."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


# --- Admin ----------------------------------------------------------------------------------------


def _accounts(session: Session, statement: sa.Select) -> list[User]:
    return list(session.scalars(statement.limit(SHOWN + 1)).unique())


@line_kind("admin")
def invitations_not_accepted(session: Session, context: Context) -> TodoList | None:
    if not context.user.is_admin:
        return None
    rows = _accounts(session, sa.select(User).where(User.active.is_(True), User.password_hash.is_(None))
                     .order_by(User.created_at, User.id))
    return _todo(_("Inbjudningar som inte har tagits emot"), rows, lambda person: TodoLine(
        person.name, url_for("accounts.account_edit", user_id=person.id),
        _("%(email)s, inbjuden %(date)s", email=person.email, date=long_date(person.created_at))))


@line_kind("admin")
def accounts_without_a_place(session: Session, context: Context) -> TodoList | None:
    """Active accounts that belong to no unit, run no council and sit on none today: nothing to do in the portal."""
    if not context.user.is_admin:
        return None
    coordinates = sa.exists().where(council_coordinators.c.user_id == User.id)
    sits = sa.exists().where(Membership.user_id == User.id, Membership.is_active_on(context.today))
    rows = _accounts(session, sa.select(User).where(
        User.active.is_(True), User.is_admin.is_(False), User.unit_id.is_(None), User.password_hash.is_not(None),
        ~coordinates, ~sits,
    ).order_by(User.name, User.id))
    return _todo(_("Konton utan enhet eller råd"), rows, lambda person: TodoLine(
        person.name, url_for("accounts.account_edit", user_id=person.id), person.email))
