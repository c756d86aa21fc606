import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.forms import ConfirmForm
from councilportal.accounts.models import User
from councilportal.extensions import db
from councilportal.privacy import policies, services
from councilportal.privacy.forms import EraseForm
from councilportal.web import acting_user, committed_or_shown_on, get_or_404, require

bp = Blueprint("privacy", __name__)


@bp.app_context_processor
def privacy_policies():
    """The account page links to erasing the person; this lets it ask without the accounts package knowing privacy."""
    return {"privacy_policies": policies}


@bp.route("/profile/my-data", methods=["GET", "POST"])
@login_required
def export():
    user = acting_user()
    require(policies.can_export_own_data(user))
    form = ConfirmForm()
    if form.validate_on_submit():
        data = services.personal_data(db.session, user)
        services.record_export(db.session, user)
        db.session.commit()
        return Response(
            json.dumps(data, ensure_ascii=False, indent=2),
            mimetype="application/json",
            headers={"Content-Disposition": 'attachment; filename="mina-uppgifter.json"'},
        )
    return render_template("privacy/export.html", form=form)


@bp.route("/admin/accounts/<int:user_id>/erase", methods=["GET", "POST"])
@login_required
def erase(user_id: int):
    admin = acting_user()
    person = get_or_404(User, user_id)
    require(policies.can_erase_person(admin, person))
    form = EraseForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.erase_person(db.session, admin, person)
        if done:
            flash(_("Personens uppgifter är raderade."), "success")
            return redirect(url_for("accounts.account_list"))
    return render_template("privacy/erase.html", form=form, person=person)
