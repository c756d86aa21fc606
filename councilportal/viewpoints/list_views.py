"""Viewpoint lists with filters, search, pages and CSV; and the public "Ni sa – vi gjorde" page."""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import orm

from councilportal.accounts.models import User
from councilportal.answering.labels import OUTCOME_LABELS
from councilportal.councils import policies as council_policies
from councilportal.councils.models import Council
from councilportal.councils.services import councils_of, councils_visible_to
from councilportal.csvexport import ROWS_PER_CHUNK, excel_csv_response
from councilportal.extensions import db
from councilportal.i18n import short_date
from councilportal.organisations.models import Organisation, OrganisationKind, Unit
from councilportal.pagecache import kept_until_changed
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints import policies, queries, workflow
from councilportal.viewpoints.labels import STATE_LABELS, VISIBILITY_LABELS
from councilportal.viewpoints.list_forms import ViewpointFilterForm
from councilportal.viewpoints.models import Viewpoint
from councilportal.web import acting_user, council_or_404, paginate, require

bp = Blueprint("viewpoint_lists", __name__)

CSV_HEADER = [
    _l("Referens"), _l("Titel"), _l("Råd"), _l("Organisation"), _l("Ämne"), _l("Synlighet"), _l("Status"),
    _l("Inskickad"), _l("Ansvarig enhet"), _l("Ansvarig chef"), _l("Svar senast"), _l("Försenad"),
    _l("Besvarad"), _l("Utfall"), _l("Betyg"),
]


@dataclass
class ListPage:
    """What differs between the lists: the heading, where it lives, and which viewpoints it starts from."""

    title: str
    endpoint: str
    statement: sa.Select
    filename: str
    council: Council | None = None
    councils: list[Council] | None = None
    intro: str = ""
    url_values: dict | None = None
    # The reader sees these viewpoints only as published: search the wording the public reads.
    public_wording: bool = False
    # What the list shows now, and the link to the other view of it: (says, link text, link's arguments).
    scope_link: tuple[str, str, dict] | None = None


@bp.context_processor
def labels():
    return {"state_labels": STATE_LABELS, "visibility_labels": VISIBILITY_LABELS, "outcome_labels": OUTCOME_LABELS}


def _filter_form(councils: list[Council] | None) -> ViewpointFilterForm:
    form = ViewpointFilterForm(formdata=request.args)
    organisations = db.session.scalars(sa.select(Organisation).where(
        Organisation.kind == OrganisationKind.USER_ORGANISATION).order_by(Organisation.name))
    units = db.session.scalars(sa.select(Unit).order_by(Unit.name))
    # The first and the last year come from the reference numbers' index; the years between are all offered.
    first, last = db.session.execute(sa.select(sa.func.min(Viewpoint.year), sa.func.max(Viewpoint.year))).one()
    years = range(last, first - 1, -1) if first is not None else []
    form.offer(councils=councils or [], organisations=organisations, units=units, years=years)
    form.validate()
    return form


def _manager_name(user: User | None, viewpoint: Viewpoint) -> str:
    """The responsible manager's name, where the person reading may see it; the unit is always shown."""
    manager = viewpoint.responsible_manager
    if manager is None or not policies.can_see_name_of(user, viewpoint, manager):
        return ""
    return manager.name


# What a CSV row shows and nothing more: tens of thousands of rows must not each bring the submitter and
# everyone's units along. Councils, organisations and units are few: their names are read once, before
# the rows, and each row finds its own by id. The rules of who reads what may ask for a row's council:
# read once too, it is found in the session without a query.
_CSV_LOADING = (
    orm.lazyload(Viewpoint.council),
    orm.joinedload(Viewpoint.responsible_manager).raiseload("*"),
    orm.raiseload("*"),
)


def _csv_rows(statement: sa.Select, user_id: int | None, today) -> Iterator[list]:
    """Read in batches while the response is sent, so the whole list never sits in memory at once.

    This runs after the view has returned and its database session has closed, in a session of its
    own: the reader is loaded again in it.
    """
    # The reader's councils first: the rows' lean loading must not reach the reader, who may be a row's manager.
    user = db.session.get(User, user_id, options=[orm.selectinload(User.memberships),
                                                  orm.selectinload(User.coordinated_councils)]) if user_id else None
    # Translated once for the whole file rather than once per cell.
    visibilities, states, outcomes = ({key: str(label) for key, label in labels.items()}
                                      for labels in (VISIBILITY_LABELS, STATE_LABELS, OUTCOME_LABELS))
    yes, no = _("Ja"), _("Nej")
    # Held here: the session keeps only weak references, and the rules may look a council up all along.
    councils = {council.id: council for council in db.session.scalars(sa.select(Council))}
    organisations, units = ({row.id: row.name for row in db.session.execute(sa.select(few.id, few.name))}
                            for few in (Organisation, Unit))
    lean = statement.options(*_CSV_LOADING).execution_options(yield_per=ROWS_PER_CHUNK)
    for viewpoint in db.session.scalars(lean):
        yield [
            viewpoint.reference, workflow.wording_for(user, viewpoint).title, councils[viewpoint.council_id].name,
            organisations[viewpoint.organisation_id],
            viewpoint.subject, visibilities[viewpoint.visibility], states[viewpoint.state],
            short_date(viewpoint.created_at),
            units.get(viewpoint.responsible_unit_id, ""),
            _manager_name(user, viewpoint),
            viewpoint.deadline.isoformat() if viewpoint.deadline else "",
            yes if queries.is_overdue(viewpoint, today) else no,
            short_date(viewpoint.answered_at),
            outcomes[viewpoint.outcome] if viewpoint.outcome else "",
            viewpoint.rating or "",
        ]


def _render(list_page: ListPage):
    form = _filter_form(list_page.councils)
    statement = queries.filter_viewpoints(list_page.statement, form.filters(),
                                          public_wording=list_page.public_wording)
    today = today_in_sweden()
    user = acting_user()
    if request.args.get("format") == "csv":
        rows = _csv_rows(statement, user.id if user else None, today)
        return excel_csv_response(f"{list_page.filename}-{today.isoformat()}.csv", [str(h) for h in CSV_HEADER], rows)
    page = paginate(statement)
    url_values = list_page.url_values or {}
    csv_arguments = {key: value for key, value in request.args.items() if key not in ("page", "format")}
    return render_template("viewpoints/list.html", list_page=list_page, form=form, page=page, today=today,
                           url_values=url_values, csv_arguments=csv_arguments, user=user,
                           is_overdue=queries.is_overdue, manager_name=partial(_manager_name, user))


@bp.get("/councils/<slug>/viewpoints")
@kept_until_changed
def council_list(slug: str):
    council = council_or_404(slug)
    user = acting_user()
    require(council_policies.can_view_council(user, council))
    statement = queries.visible_viewpoints(user).where(Viewpoint.council_id == council.id)
    if policies.triages_council(user, council):
        statement = queries.new_first(statement)
    return _render(ListPage(title=_("Synpunkter"), endpoint="viewpoint_lists.council_list", statement=statement,
                            filename=f"synpunkter-{council.slug}", council=council, url_values={"slug": slug},
                            public_wording=policies.reads_public_wording_on(user, council)))


@bp.get("/viewpoints/")
@login_required
@kept_until_changed
def mine():
    user = acting_user()
    require(policies.can_view_viewpoint_lists(user))
    councils = queries.councils_to_filter_by(db.session, user)
    return _render(ListPage(title=_("Synpunkter i mina råd"), endpoint="viewpoint_lists.mine",
                            statement=queries.viewpoints_of_my_councils(user), filename="synpunkter",
                            councils=councils))


@bp.get("/viewpoints/my-organisation")
@login_required
@kept_until_changed
def my_organisation():
    user = acting_user()
    require(policies.can_view_organisation_viewpoints(user))
    return _render(ListPage(title=_("Min organisations synpunkter"), endpoint="viewpoint_lists.my_organisation",
                            statement=queries.viewpoints_of_my_organisations(user),
                            filename="min-organisations-synpunkter", councils=councils_of(db.session, user),
                            intro=_("Synpunkter som organisationerna du företräder har lämnat.")))


# "?visa=alla" on the assigned list: closed and withdrawn viewpoints too, which it leaves out by default.
SHOW_ALL = "alla"


@bp.get("/viewpoints/assigned")
@login_required
@kept_until_changed
def assigned():
    user = acting_user()
    require(policies.can_view_viewpoint_lists(user))
    show_all = request.args.get("visa") == SHOW_ALL
    statement = queries.viewpoints_assigned_to(user)
    # A state chosen in the filter is shown whatever it is; otherwise the open ones, the rest one click away.
    if not show_all and not request.args.get("state"):
        statement = statement.where(Viewpoint.state.not_in(queries.FINISHED))
    scope = {"visa": SHOW_ALL} if show_all else {}
    return _render(ListPage(title=_("Tilldelade mig och min enhet"), endpoint="viewpoint_lists.assigned",
                            statement=statement, filename="tilldelade-synpunkter",
                            councils=list(db.session.scalars(councils_visible_to(user))),
                            intro=_("Synpunkter som du eller din enhet ska besvara. De försenade står först, "
                                    "sedan de som väntar på svar, efter svarsdatum."),
                            url_values=scope, scope_link=(
                                (_("Visar alla, även avslutade och tillbakatagna."), _("Visa bara öppna"), {})
                                if show_all else
                                (_("Visar öppna synpunkter."), _("Visa även avslutade och tillbakatagna"),
                                 {"visa": SHOW_ALL}))))



@bp.get("/councils/<slug>/ni-sa-vi-gjorde")
@kept_until_changed
def public_answers(slug: str):
    """"Ni sa – vi gjorde": a public council's public viewpoints with their answers and outcomes.

    No person is named here, neither who wrote nor who answered: only organisations and units.
    """
    council = council_or_404(slug)
    if not council.is_public:
        abort(404)
    page = paginate(queries.answered_public_viewpoints(council))
    answers = queries.final_answers(db.session, [viewpoint.id for viewpoint in page.items])
    return render_template("viewpoints/public_answers.html", council=council, page=page, answers=answers,
                           public_wording=workflow.public_wording)
