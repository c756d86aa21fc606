import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.models import User
from councilportal.councils import policies, services
from councilportal.councils.forms import (
    ROLE_LABELS,
    SEAT_LABELS,
    CouncilForm,
    EndMembershipForm,
    MembershipForm,
    NewMemberForm,
)
from councilportal.councils.models import Council, Membership, Seat
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.forms import choices
from councilportal.organisations.models import Organisation, OrganisationKind
from councilportal.organisations.services import organisations_of_kind
from councilportal.pagecache import kept_until_changed
from councilportal.timeutil import today_in_sweden
from councilportal.web import (
    FAILED,
    acting_user,
    committed_or_flashed,
    committed_or_shown_on,
    council_or_404,
    get_or_404,
    paginate,
    require,
)

bp = Blueprint("councils", __name__)


@bp.context_processor
def labels():
    return {"role_labels": ROLE_LABELS, "seat_labels": SEAT_LABELS, "council_policies": policies}


@bp.get("/councils/")
@kept_until_changed
def index():
    return render_template("councils/index.html", page=paginate(services.councils_visible_to(acting_user())))


@bp.get("/my-councils")
@login_required
def mine():
    user = acting_user()
    require(policies.can_view_my_councils(user))
    return render_template("councils/mine.html", councils=services.councils_of(db.session, user))


@bp.get("/councils/<slug>")
@kept_until_changed
def detail(slug: str):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_view_council(user, council))
    memberships = services.council_memberships(db.session, council, current_only=True)
    return render_template("councils/detail.html", council=council, memberships=memberships)


def _council_form(council: Council | None) -> CouncilForm:
    form = CouncilForm(obj=council, data={"coordinator_ids": [c.id for c in council.coordinators]} if council else None)
    form.owner_id.choices = choices((o.id, o.name) for o in organisations_of_kind(
        db.session, OrganisationKind.MUNICIPALITY, OrganisationKind.REGION))
    form.coordinator_ids.choices = choices(
        (u.id, f"{u.name} ({u.email})")
        for u in db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name))
    )
    return form


def _council_fields(form: CouncilForm) -> services.CouncilFields:
    owner = db.session.get(Organisation, form.owner_id.data)
    coordinators = list(db.session.scalars(sa.select(User).where(User.id.in_(form.coordinator_ids.data or []))))
    return services.CouncilFields(
        name=form.name.data, slug=form.slug.data or "", description=form.description.data or "",
        subject_area=form.subject_area.data or "", owner=owner, is_public=form.is_public.data,
        ordinary_seats_per_organisation=form.ordinary_seats_per_organisation.data,
        deputy_seats_per_organisation=form.deputy_seats_per_organisation.data, coordinators=coordinators,
    )


@bp.route("/admin/councils/new", methods=["GET", "POST"])
@login_required
def create():
    require(policies.can_manage_councils(acting_user()))
    form = _council_form(None)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            council = services.save_council(db.session, None, _council_fields(form))
        if done:
            flash(_("Rådet %(name)s är skapat.", name=council.name), "success")
            return redirect(url_for("councils.detail", slug=council.slug))
    return render_template("councils/form.html", form=form, council=None)


@bp.route("/councils/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    council = council_or_404(slug)
    require(policies.can_manage_councils(acting_user()))
    form = _council_form(council)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.save_council(db.session, council, _council_fields(form))
        if done:
            flash(_("Rådet är sparat."), "success")
            return redirect(url_for("councils.detail", slug=council.slug))
    return render_template("councils/form.html", form=form, council=council)


@bp.get("/councils/<slug>/members")
@login_required
def members(slug: str):
    council = council_or_404(slug)
    user = acting_user()
    require(policies.can_view_members(user, council))
    memberships = services.council_memberships(db.session, council)
    return render_template("councils/members.html", council=council, memberships=memberships,
                           today=today_in_sweden(), can_manage=policies.can_manage_memberships(user, council),
                           end_form=EndMembershipForm(data={"last_day": today_in_sweden()}))


def _prepare_membership_form(form: MembershipForm, council: Council, membership: Membership | None) -> None:
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations_of_kind(db.session))
    ordinaries = [m for m in services.council_memberships(db.session, council)
                  if m.seat is Seat.ORDINARY and (membership is None or m.id != membership.id)]
    form.stands_in_for_id.choices = choices([(0, _("Ingen (ordinarie ledamot)"))] + [
        (m.id, f"{m.user.name}, {m.organisation.short_name or m.organisation.name}") for m in ordinaries])


def _membership_fields(form: MembershipForm) -> services.MembershipFields:
    organisation = db.session.get(Organisation, form.organisation_id.data)
    if organisation is None:
        raise DomainError(_("Välj en organisation i listan."), "organisation_id")
    stands_in_for = db.session.get(Membership, form.stands_in_for_id.data) if form.stands_in_for_id.data else None
    return services.MembershipFields(organisation=organisation, role=form.role.data, seat=form.seat.data,
                                     stands_in_for=stands_in_for, term_start=form.term_start.data,
                                     term_end=form.term_end.data)


@bp.route("/councils/<slug>/members/new", methods=["GET", "POST"])
@login_required
def member_new(slug: str):
    council = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_memberships(actor, council))
    form = NewMemberForm(data={"term_start": today_in_sweden()})
    _prepare_membership_form(form, council, None)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            membership = services.add_member_by_email(db.session, actor, council, email=form.email.data,
                                                      name=form.name.data, fields=_membership_fields(form))
        if done:
            if membership.user.has_password:
                flash(_("%(name)s är tillagd i rådet.", name=membership.user.name), "success")
            else:
                flash(_("%(name)s är tillagd i rådet och har fått en inbjudan med e-post.",
                        name=membership.user.name), "success")
            return redirect(url_for("councils.members", slug=council.slug))
    return render_template("councils/member_form.html", form=form, council=council, membership=None)


def _membership_of(council: Council, membership_id: int) -> Membership:
    membership = get_or_404(Membership, membership_id)
    if membership.council_id != council.id:
        abort(404)
    return membership


@bp.route("/councils/<slug>/members/<int:membership_id>/edit", methods=["GET", "POST"])
@login_required
def member_edit(slug: str, membership_id: int):
    council = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_memberships(actor, council))
    membership = _membership_of(council, membership_id)
    form = MembershipForm(obj=membership, data={"stands_in_for_id": membership.stands_in_for_id or 0})
    _prepare_membership_form(form, council, membership)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.update_membership(db.session, actor, membership, _membership_fields(form))
        if done:
            flash(_("Medlemskapet är sparat."), "success")
            return redirect(url_for("councils.members", slug=council.slug))
    return render_template("councils/member_form.html", form=form, council=council, membership=membership)


@bp.post("/councils/<slug>/members/<int:membership_id>/end")
@login_required
def member_end(slug: str, membership_id: int):
    council = council_or_404(slug)
    actor = acting_user()
    require(policies.can_manage_memberships(actor, council))
    membership = _membership_of(council, membership_id)
    form = EndMembershipForm()
    if not form.validate_on_submit():
        flash(_("Fyll i ett giltigt datum, till exempel 2027-01-01."), "error")
    else:
        ended = committed_or_flashed(lambda: services.end_membership(db.session, actor, membership, form.last_day.data))
        if ended is not FAILED:
            flash(_("Mandatet för %(name)s slutar %(day)s.", name=membership.user.name,
                    day=form.last_day.data.isoformat()), "success")
    return redirect(url_for("councils.members", slug=council.slug))
