"""A council's annual reports (verksamhetsberättelse): the published versions, and the coordinator's draft."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from councilportal.accounts.forms import ConfirmForm
from councilportal.councils.models import Council
from councilportal.extensions import db
from councilportal.reports import policies, services
from councilportal.reports.document import report_document
from councilportal.reports.forms import AnnualReportDraftForm
from councilportal.reports.models import AnnualReport
from councilportal.timeutil import today_in_sweden
from councilportal.web import FAILED, acting_user, committed_or_flashed, committed_or_shown_on, council_or_404, require

bp = Blueprint("reports", __name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.app_context_processor
def report_policies():
    """The council page links to the reports too."""
    return {"report_policies": policies}


@bp.context_processor
def reader():
    return {"reader": acting_user()}


def _year_or_404(year: int) -> None:
    if not services.FIRST_YEAR <= year <= today_in_sweden().year:
        abort(404)


@bp.get("/councils/<slug>/verksamhetsberattelse")
def index(slug: str):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_view_annual_reports(user, council))
    this_year = today_in_sweden().year
    return render_template("reports/index.html", council=council,
                           versions=services.published_versions(db.session, council),
                           years_to_prepare=[this_year - 1, this_year])


def _show(council: Council, report: AnnualReport):
    document = report_document(report.content, report.introduction, report.closing, report.version,
                               report.published_at)
    if request.args.get("format") == "docx":
        # python-docx and lxml weigh about 17 MB: a worker loads them on its first download, not at start.
        from councilportal.reports.word import report_docx

        filename = f"verksamhetsberattelse-{council.slug}-{report.year}-v{report.version}.docx"
        return Response(report_docx(document), mimetype=DOCX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
    versions = services.published_versions(db.session, council, report.year)
    return render_template("reports/report.html", council=council, report=document, versions=versions,
                           latest=versions[0].version, preview=False)


@bp.get("/councils/<slug>/verksamhetsberattelse/<int:year>")
def show(slug: str, year: int):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_view_annual_reports(user, council))
    _year_or_404(year)
    report = services.find_version(db.session, council, year)
    if report is None:
        if policies.can_prepare_annual_report(user, council):
            return redirect(url_for("reports.draft", slug=council.slug, year=year))
        abort(404)
    return _show(council, report)


@bp.get("/councils/<slug>/verksamhetsberattelse/<int:year>/version/<int:version>")
def version(slug: str, year: int, version: int):
    council = council_or_404(slug)
    require(policies.can_view_annual_reports(acting_user(), council))
    report = services.find_version(db.session, council, year, version)
    if report is None:
        abort(404)
    return _show(council, report)


@bp.route("/councils/<slug>/verksamhetsberattelse/<int:year>/utkast", methods=["GET", "POST"])
def draft(slug: str, year: int):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_prepare_annual_report(user, council))
    _year_or_404(year)
    today = today_in_sweden()
    saved = services.draft_of(db.session, council, year)
    form = AnnualReportDraftForm(obj=saved)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.save_draft(db.session, user, council, year, today, introduction=form.introduction.data or "",
                                closing=form.closing.data or "")
        if done:
            flash(_("Utkastet är sparat. Förhandsgranska nedan och publicera när det är klart."), "success")
            return redirect(url_for("reports.draft", slug=council.slug, year=year, _anchor="preview"))
    content = services.assemble_report(db.session, council, year, today)
    document = report_document(content, saved.introduction if saved else "", saved.closing if saved else "")
    versions = services.published_versions(db.session, council, year)
    return render_template("reports/draft.html", council=council, form=form, report=document, versions=versions,
                           publish_form=ConfirmForm(), preview=True), 400 if form.errors else 200


@bp.post("/councils/<slug>/verksamhetsberattelse/<int:year>/publicera")
def publish(slug: str, year: int):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_prepare_annual_report(user, council))
    _year_or_404(year)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        published = committed_or_flashed(
            lambda: services.publish_report(db.session, user, council, year, today_in_sweden()))
    except sa.exc.IntegrityError:
        db.session.rollback()
        flash(_("Någon annan publicerade samtidigt. Titta på den senaste versionen och publicera igen om det behövs."),
              "error")
        return redirect(url_for("reports.draft", slug=council.slug, year=year))
    if published is not FAILED:
        flash(_("Verksamhetsberättelsen är publicerad."), "success")
    return redirect(url_for("reports.show", slug=council.slug, year=year))
