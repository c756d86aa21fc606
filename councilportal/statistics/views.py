"""Statistics across the councils a person may see, and for one council; each table also as CSV."""

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _

from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.audits.labels import CARRIED_OUT_LABELS, DECISION_LABELS
from councilportal.councils.models import Council
from councilportal.councils.services import find_council
from councilportal.csvexport import excel_csv_response
from councilportal.extensions import db
from councilportal.organisations.models import Organisation, OrganisationKind
from councilportal.pagecache import kept_until_changed, kept_while_unchanged
from councilportal.statistics import charts, policies, scopes, services, tables
from councilportal.statistics.figures import Scope
from councilportal.statistics.forms import StatisticsFilterForm
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.labels import FOLLOW_UP_ANSWER_LABELS
from councilportal.viewpoints.models import Viewpoint
from councilportal.web import acting_user, require

bp = Blueprint("statistics", __name__)


@bp.app_context_processor
def statistics_policies():
    """The council page links to its statistics."""
    return {"statistics_policies": policies}


@bp.get("/statistik")
@kept_until_changed
def overview():
    user = acting_user()
    require(policies.can_view_statistics(user))
    scope, councils = scopes.scope_for(db.session, user)
    return _statistics_page(scope, councils, None)


@bp.get("/councils/<slug>/statistik")
@kept_until_changed
def council(slug: str):
    found = find_council(db.session, slug)
    if found is None:
        abort(404)
    user = acting_user()
    require(policies.can_view_council_statistics(user, found))
    return _statistics_page(scopes.council_scope(user, found), None, found)


def _statistics_page(scope: Scope, councils: list[Council] | None, council: Council | None):
    today = today_in_sweden()
    form = StatisticsFilterForm(formdata=request.args)
    units = services.units_by_id(db.session)
    organisations = db.session.scalars(sa.select(Organisation).where(
        Organisation.kind == OrganisationKind.USER_ORGANISATION).order_by(Organisation.name))
    first, last = db.session.execute(sa.select(sa.func.min(Viewpoint.year), sa.func.max(Viewpoint.year))).one()
    years = range(max(last, today.year), first - 1, -1) if first is not None else [today.year]
    form.offer(councils=councils, organisations=organisations, units=units, years=years)
    form.validate()
    filters = form.filters(council.id if council else None)
    # The figures depend on nothing of the reader but which viewpoints and meetings they may count (the
    # scope): readers who may count the same ones share them, until the data or the day changes.
    counted = (None if scope.council_ids is None else tuple(sorted(scope.council_ids)), scope.unit_id)
    statistics = kept_while_unchanged(
        ("statistics", counted, filters, today),
        lambda: services.gather_statistics(db.session, scope, filters, today, {unit.id: unit.name for unit in units}))
    all_tables = tables.all_tables(statistics)
    if request.args.get("format") == "csv":
        table = all_tables.get(request.args.get("table", ""))
        if table is None:
            abort(404)
        name = f"statistik-{council.slug + '-' if council else ''}{table.name}-{today.isoformat()}.csv"
        return excel_csv_response(name, table.header, table.rows)
    overall, follow_ups, audits = statistics.overall, statistics.follow_ups, statistics.audits
    chart_set = {
        "follow_ups": charts.bar_chart([(str(label), follow_ups.answer_shares[answer])
                                        for answer, label in FOLLOW_UP_ANSWER_LABELS.items()]),
        "decisions": charts.bar_chart([(str(label), audits.decision_shares[decision])
                                       for decision, label in DECISION_LABELS.items()]),
        "carried_out": charts.bar_chart([(str(label), audits.carried_out_shares[value])
                                         for value, label in CARRIED_OUT_LABELS.items()]),
        "outcomes": charts.bar_chart([(str(label), overall.outcome_shares[outcome])
                                      for outcome, label in OUTCOME_LABELS.items()]) if overall else None,
        "ratings": charts.bar_chart([(str(label), overall.rating_counts[rating])
                                     for rating, label in RATING_LABELS.items()]) if overall else None,
        "subjects": (charts.bar_chart([(subject or _("Inget ämne"), figures.submitted)
                                       for subject, figures in statistics.by_subject])
                     if statistics.by_subject else None),
        "trend": charts.line_chart([(quarter, figures.submitted if figures else None)
                                    for quarter, figures in statistics.trend]),
    }
    csv_arguments = {key: value for key, value in request.args.items() if key not in ("format", "table")}
    return render_template("statistics/page.html", form=form, council=council, statistics=statistics,
                           tables=all_tables, charts=chart_set, filters=filters, csv_arguments=csv_arguments,
                           subjects=kept_while_unchanged(("statistics-subjects", counted),
                                                         lambda: services.subjects_in(db.session, scope)))
