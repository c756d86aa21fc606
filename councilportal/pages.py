"""The start page and the accessibility statement."""

from datetime import date

from flask import Blueprint, redirect, render_template, url_for

from councilportal.pagecache import kept_until_changed
from councilportal.web import acting_user

bp = Blueprint("pages", __name__)

# When the statement was written; a site that has reviewed it since says so in its settings.
STATEMENT_FIRST_WRITTEN = date(2026, 11, 24)


@bp.get("/")
@kept_until_changed
def home():
    if acting_user() is not None:
        return redirect(url_for("startpage.index"))
    return render_template("pages/home.html")


@bp.get("/tillganglighet")
@kept_until_changed
def accessibility():
    return render_template("pages/accessibility.html", statement_first_written=STATEMENT_FIRST_WRITTEN)
