"""Att göra: the page each person lands on after signing in."""

from flask import Blueprint, render_template
from flask_login import login_required

from councilportal.extensions import db
from councilportal.startpage import policies, services
from councilportal.web import acting_user, require

bp = Blueprint("startpage", __name__)


@bp.get("/att-gora")
@login_required
def index():
    user = acting_user()
    require(policies.can_view_start_page(user))
    new_since = services.record_visit(db.session, user)
    db.session.commit()
    return render_template("startpage/index.html", roles=services.waiting_for(db.session, user, new_since))
