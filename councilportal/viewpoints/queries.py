"""Which viewpoints a person may see, narrowed by filters and free text, as SQL statements.

`visible_viewpoints` is the SQL twin of `policies.can_view_viewpoint`: a list, a count or a CSV
must never show a viewpoint whose page would be refused. A test checks that the two agree for
every role, visibility and state.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql  # noqa: F401  (registers to_tsvector's types before the expressions below)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.visitors import InternalTraversal

from councilportal.accounts.models import User
from councilportal.answering import workflow as answering
from councilportal.councils.models import Council, Membership, MembershipRole
from councilportal.councils.services import councils_of, councils_visible_to
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import (
    FollowUpAnswer,
    Viewpoint,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)

# States in which a final answer is still awaited: a viewpoint in one of them past its deadline is overdue.
AWAITING_ANSWER = (ViewpointState.SUBMITTED, ViewpointState.RECEIVED, ViewpointState.IN_PROGRESS)
HAS_FINAL_ANSWER = (ViewpointState.ANSWERED, ViewpointState.CLOSED)
# Nothing more happens to these: lists of open matters leave them out.
FINISHED = (ViewpointState.CLOSED, ViewpointState.WITHDRAWN)

# The text PostgreSQL searches, written exactly as the GIN index in migration 0005_viewpoint_search is,
# so that the planner uses the index. Constants are literals, not parameters, for the same reason.
SEARCH_CONFIGURATION = "swedish"
SEARCH_DOCUMENT = sa.func.to_tsvector(
    sa.literal_column(f"'{SEARCH_CONFIGURATION}'::regconfig"),
    Viewpoint.title + sa.literal_column("' '") + Viewpoint.body,
)
# Declared on the viewpoints table so that the metadata describes the schema the migrations build.
# The expression is SEARCH_DOCUMENT as PostgreSQL itself writes it back, which lets the migration
# check compare the two; SQLite has no such index (see pyproject's warning filter).
search_index = sa.Index(
    "ix_viewpoints_search",
    sa.text("to_tsvector('swedish'::regconfig, (title::text || ' '::text) || body)"),
    postgresql_using="gin",
).ddl_if(dialect="postgresql")
sa.Table(Viewpoint.__tablename__, Viewpoint.metadata, search_index, extend_existing=True)


def overdue_condition(today: date) -> sa.ColumnElement[bool]:
    """Overdue: the deadline has passed and no final answer has been given."""
    return answering.overdue_condition(Viewpoint, AWAITING_ANSWER, today)


def is_overdue(viewpoint: Viewpoint, today: date) -> bool:
    """The same rule as overdue_condition, for a viewpoint already loaded."""
    return answering.is_overdue(viewpoint, AWAITING_ANSWER, today)


def take_up_again() -> sa.ColumnElement[bool]:
    """The organisation said the actions promised were not carried out, and no new final answer has come
    since: a matter for the coordinators to take up again (follow_ups.py)."""
    return sa.and_(
        Viewpoint.state.in_(HAS_FINAL_ANSWER),
        sa.exists().where(
            ViewpointFollowUp.viewpoint_id == Viewpoint.id,
            ViewpointFollowUp.answer == FollowUpAnswer.NO,
            ViewpointFollowUp.answered_at >= Viewpoint.answered_at,
        ),
    )


def _active_memberships(user: User, today: date) -> list[Membership]:
    """The person's memberships in force on `today`, read from what the policies read too."""
    return [membership for membership in user.memberships if membership.is_active_on(today)]


def _public_councils() -> sa.Select:
    return sa.select(Council.id).where(Council.is_public.is_(True))


def published_to_public() -> sa.ColumnElement[bool]:
    """A coordinator has confirmed that the viewpoint may reach the public (policies.is_published_to_public)."""
    return Viewpoint.published_at.is_not(None)


def visible_viewpoints(user: User | None, today: date | None = None) -> sa.Select:
    """Every viewpoint `user` may open (None is the public), newest first.

    Condition by condition the same as policies.can_view_viewpoint: coordinators and admins see
    their councils' viewpoints; the responsible manager and the responsible unit's managers see
    theirs; a restricted one is otherwise only for the submitting organisation's representatives on
    that council; a public one of a public council is for everyone; the rest for the council's members.

    The person's councils are read first (they are few) and written into the statement as values, so
    that every condition can use an index instead of a subquery evaluated for each viewpoint.
    """
    statement = sa.select(Viewpoint).order_by(Viewpoint.created_at.desc(), Viewpoint.id.desc())
    public_of_public_council = sa.and_(
        Viewpoint.visibility == Visibility.PUBLIC, Viewpoint.council_id.in_(_public_councils()),
        published_to_public(),
    )
    if user is None:
        return statement.where(public_of_public_council)
    if user.is_admin:
        return statement
    today = today or today_in_sweden()
    memberships = _active_memberships(user, today)
    conditions = [
        Viewpoint.council_id.in_(sorted({council.id for council in user.coordinated_councils})),
        public_of_public_council,
        sa.and_(Viewpoint.visibility != Visibility.RESTRICTED,
                Viewpoint.council_id.in_(sorted({membership.council_id for membership in memberships}))),
    ]
    if user.active:
        speaks_for = sorted({
            (membership.council_id, membership.organisation_id)
            for membership in memberships if membership.role is MembershipRole.REPRESENTATIVE
        })
        conditions += [
            Viewpoint.responsible_manager_id == user.id,
            sa.and_(Viewpoint.visibility == Visibility.RESTRICTED,
                    sa.tuple_(Viewpoint.council_id, Viewpoint.organisation_id).in_(speaks_for)),
        ]
        if user.unit_id is not None:
            conditions.append(Viewpoint.responsible_unit_id == user.unit_id)
    return statement.where(sa.or_(*conditions))


def viewpoints_of_my_councils(user: User, today: date | None = None) -> sa.Select:
    """What `user` may see on the councils they sit on or coordinate; for an admin, on every council."""
    if user.is_admin:
        return visible_viewpoints(user)
    today = today or today_in_sweden()
    my_councils = {council.id for council in user.coordinated_councils}
    my_councils |= {membership.council_id for membership in _active_memberships(user, today)}
    return visible_viewpoints(user, today).where(Viewpoint.council_id.in_(sorted(my_councils)))


def viewpoints_of_my_organisations(user: User, today: date | None = None) -> sa.Select:
    """The viewpoints raised by the organisations `user` represents today, on any council."""
    today = today or today_in_sweden()
    represented = {
        membership.organisation_id
        for membership in _active_memberships(user, today) if membership.role is MembershipRole.REPRESENTATIVE
    }
    return visible_viewpoints(user, today).where(Viewpoint.organisation_id.in_(sorted(represented)))


def viewpoints_assigned_to(user: User, today: date | None = None) -> sa.Select:
    """The viewpoints `user` answers for, as responsible manager or as a manager of the responsible unit;
    awaiting an answer first (overdue ones before the rest), each group by deadline."""
    today = today or today_in_sweden()
    responsible = Viewpoint.responsible_manager_id == user.id
    if user.unit_id is not None:
        responsible = sa.or_(responsible, Viewpoint.responsible_unit_id == user.unit_id)
    urgency = sa.case((overdue_condition(today), 0), (Viewpoint.state.in_(AWAITING_ANSWER), 1), else_=2)
    return (
        sa.select(Viewpoint)
        .where(responsible if user.active else sa.false())
        .order_by(urgency, Viewpoint.deadline.is_(None), Viewpoint.deadline, Viewpoint.id)
    )


def new_first(statement: sa.Select) -> sa.Select:
    """Viewpoints nobody has received yet at the top, for those who triage them."""
    return statement.order_by(None).order_by(
        sa.case((Viewpoint.state == ViewpointState.SUBMITTED, 0), else_=1),
        Viewpoint.created_at.desc(),
        Viewpoint.id.desc(),
    )


def answered_public_viewpoints(council: Council) -> sa.Select:
    """A public council's published public viewpoints that have a final answer, latest answer first."""
    return (
        sa.select(Viewpoint)
        .where(
            Viewpoint.council_id == council.id,
            Viewpoint.visibility == Visibility.PUBLIC,
            published_to_public(),
            Viewpoint.state.in_(HAS_FINAL_ANSWER),
        )
        .order_by(Viewpoint.answered_at.desc(), Viewpoint.id.desc())
    )


def final_answers(session: Session, viewpoint_ids: list[int]) -> dict[int, ViewpointResponse]:
    """The latest final answer of each viewpoint, in one query."""
    answers = session.scalars(
        sa.select(ViewpointResponse)
        .where(ViewpointResponse.viewpoint_id.in_(viewpoint_ids), ViewpointResponse.is_final.is_(True))
        .order_by(ViewpointResponse.created_at, ViewpointResponse.id)
    )
    return {answer.viewpoint_id: answer for answer in answers}


@dataclass(frozen=True)
class ViewpointFilters:
    """What a list is narrowed to; None (or False) leaves a criterion out."""

    council_id: int | None = None
    state: ViewpointState | None = None
    organisation_id: int | None = None
    unit_id: int | None = None
    subject: str | None = None
    overdue: bool = False
    year: int | None = None
    text: str | None = None
    take_up_again: bool = False


def filter_viewpoints(statement: sa.Select, filters: ViewpointFilters, today: date | None = None, *,
                      public_wording: bool = False) -> sa.Select:
    """`public_wording`: the reader sees the list's viewpoints only as published, so words are looked for
    in the wording the public reads, never in a text a coordinator corrected away."""
    if filters.council_id is not None:
        statement = statement.where(Viewpoint.council_id == filters.council_id)
    if filters.state is not None:
        statement = statement.where(Viewpoint.state == filters.state)
    if filters.organisation_id is not None:
        statement = statement.where(Viewpoint.organisation_id == filters.organisation_id)
    if filters.unit_id is not None:
        statement = statement.where(Viewpoint.responsible_unit_id == filters.unit_id)
    if filters.subject and _printable(filters.subject):
        statement = statement.where(sa.func.lower(Viewpoint.subject) == _printable(filters.subject).lower())
    if filters.overdue:
        statement = statement.where(overdue_condition(today or today_in_sweden()))
    if filters.year is not None:
        statement = statement.where(Viewpoint.year == filters.year)
    if filters.take_up_again:
        statement = statement.where(take_up_again())
    if filters.text:
        statement = search_viewpoints(statement, filters.text, public_wording=public_wording)
    return statement


def _printable(text: str) -> str:
    """Without NUL characters, which PostgreSQL refuses in any string, and surrounding space."""
    return text.replace("\x00", "").strip()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_viewpoints(statement: sa.Select, text: str, *, public_wording: bool = False) -> sa.Select:
    """Free-text search over title and body: full text on PostgreSQL, LIKE on every word elsewhere.

    Which one is decided when the statement is compiled for its database, so one statement
    serves both and callers need not know where they run.
    """
    text = _printable(text)
    if not text:
        return statement
    return statement.where(_TextMatches(text, public_wording))


class _TextMatches(sa.sql.expression.ColumnElement):
    """The viewpoint's title or body matches `text`; see the two compilers below."""

    inherit_cache = True
    type = sa.Boolean()
    # Both are part of the cache key, so a cached statement never runs with another search's words.
    _traverse_internals = [("text", InternalTraversal.dp_string), ("public_wording", InternalTraversal.dp_boolean)]

    def __init__(self, text: str, public_wording: bool):
        self.text = text
        self.public_wording = public_wording


def _searched_texts(element: _TextMatches) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    if element.public_wording:
        return (sa.func.coalesce(Viewpoint.public_title, Viewpoint.title),
                sa.func.coalesce(Viewpoint.public_body, Viewpoint.body))
    return Viewpoint.title, Viewpoint.body


@compiles(_TextMatches, "postgresql")
def _full_text_match(element: _TextMatches, compiler, **kw) -> str:
    configuration = sa.literal_column(f"'{SEARCH_CONFIGURATION}'::regconfig")
    query = sa.func.websearch_to_tsquery(configuration, element.text)
    if element.public_wording:
        # Without an index: such a search is always within one council's viewpoints, which has one.
        title, body = _searched_texts(element)
        document = sa.func.to_tsvector(configuration, title + sa.literal_column("' '") + body)
    else:
        document = SEARCH_DOCUMENT
    return compiler.process(document.bool_op("@@")(query), **kw)


@compiles(_TextMatches)
def _every_word_like(element: _TextMatches, compiler, **kw) -> str:
    title, body = _searched_texts(element)

    def contains(word: str) -> sa.ColumnElement[bool]:
        pattern = f"%{_escape_like(word)}%"
        return sa.or_(title.ilike(pattern, escape="\\"), body.ilike(pattern, escape="\\"))

    # In brackets of its own: the words' ORs compiled alone carry none, and without them an OR would
    # escape the conditions around the search (who may see what) and find any viewpoint with the word.
    return f"({compiler.process(sa.and_(*(contains(word) for word in element.text.split())), **kw)})"


def councils_to_filter_by(session: Session, user: User) -> list[Council]:
    """The councils a person's lists can be narrowed to: every council for an admin, else their own."""
    if user.is_admin:
        return list(session.scalars(councils_visible_to(user)))
    return councils_of(session, user)
