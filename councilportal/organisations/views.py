import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.extensions import db
from councilportal.forms import choices as form_choices
from councilportal.organisations import policies, services
from councilportal.organisations.forms import KIND_LABELS, OrganisationForm, UnitForm
from councilportal.organisations.models import Organisation, Unit
from councilportal.web import acting_user, committed_or_shown_on, get_or_404, paginate, require

bp = Blueprint("organisations", __name__, url_prefix="/admin/organisations")


@bp.context_processor
def kind_labels():
    return {"kind_labels": KIND_LABELS}


def _organisation_fields(form: OrganisationForm) -> dict:
    texts = ("name", "short_name", "email", "phone", "website", "address")
    return {name: getattr(form, name).data or "" for name in texts} | {"kind": form.kind.data}


@bp.get("/")
@login_required
def index():
    require(policies.can_manage_organisations(acting_user()))
    return render_template("organisations/index.html",
                           page=paginate(sa.select(Organisation).order_by(Organisation.name)))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    require(policies.can_manage_organisations(acting_user()))
    form = OrganisationForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            organisation = services.save_organisation(db.session, None, **_organisation_fields(form))
        if done:
            flash(_("Organisationen %(name)s är skapad.", name=organisation.name), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    return render_template("organisations/form.html", form=form, organisation=None)


@bp.get("/<int:organisation_id>")
@login_required
def detail(organisation_id: int):
    require(policies.can_manage_organisations(acting_user()))
    organisation = get_or_404(Organisation, organisation_id)
    units = db.session.scalars(sa.select(Unit).where(Unit.organisation_id == organisation.id)).all()
    by_id = {unit.id: unit for unit in units}
    unit_rows = sorted(((services.unit_path(unit, by_id), unit) for unit in units), key=lambda row: row[0].lower())
    return render_template("organisations/detail.html", organisation=organisation, unit_rows=unit_rows)


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organisation_id: int):
    require(policies.can_manage_organisations(acting_user()))
    organisation = get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.save_organisation(db.session, organisation, **_organisation_fields(form))
        if done:
            flash(_("Organisationen är sparad."), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    return render_template("organisations/form.html", form=form, organisation=organisation)


def _unit_form(organisation: Organisation, unit: Unit | None) -> UnitForm:
    form = UnitForm(obj=unit, data={"parent_id": unit.parent_id or 0} if unit else None)
    choices = [(0, _("Ingen (högsta nivån)"))]
    choices += [(unit_id, label) for unit_id, label in services.unit_choices(db.session, organisation)
                if unit is None or unit_id != unit.id]
    form.parent_id.choices = form_choices(choices)
    return form


def _save_unit_from(form: UnitForm, organisation: Organisation, unit: Unit | None):
    parent = db.session.get(Unit, form.parent_id.data) if form.parent_id.data else None
    return services.save_unit(db.session, unit, organisation=organisation, name=form.name.data,
                              parent=parent, email=form.email.data or "")


@bp.route("/<int:organisation_id>/units/new", methods=["GET", "POST"])
@login_required
def unit_create(organisation_id: int):
    require(policies.can_manage_organisations(acting_user()))
    organisation = get_or_404(Organisation, organisation_id)
    form = _unit_form(organisation, None)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            _save_unit_from(form, organisation, None)
        if done:
            flash(_("Enheten är skapad."), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    return render_template("organisations/unit_form.html", form=form, organisation=organisation, unit=None)


@bp.route("/<int:organisation_id>/units/<int:unit_id>/edit", methods=["GET", "POST"])
@login_required
def unit_edit(organisation_id: int, unit_id: int):
    require(policies.can_manage_organisations(acting_user()))
    organisation = get_or_404(Organisation, organisation_id)
    unit = get_or_404(Unit, unit_id)
    if unit.organisation_id != organisation.id:
        abort(404)
    form = _unit_form(organisation, unit)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            _save_unit_from(form, organisation, unit)
        if done:
            flash(_("Enheten är sparad."), "success")
            return redirect(url_for("organisations.detail", organisation_id=organisation.id))
    return render_template("organisations/unit_form.html", form=form, organisation=organisation, unit=unit)
