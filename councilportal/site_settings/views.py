"""The admin's page for the site's settings, and the logo and colours every page uses."""

from flask import Blueprint, Flask, Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.extensions import db
from councilportal.site_settings import policies, services
from councilportal.site_settings.forms import SiteSettingsForm
from councilportal.site_settings.models import SiteSettings
from councilportal.web import acting_user, committed_or_shown_on, require

bp = Blueprint("site_settings", __name__)

# A logo is shown as a picture; opened on its own it must still run nothing.
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# The logo and the stylesheet live at an address that changes with every save, so browsers may keep them long.
FOR_A_YEAR = 365 * 24 * 3600


def site_settings() -> SiteSettings:
    """The settings, read once per request: a change shows on the next page anyone opens."""
    if "site_settings" not in g:
        g.site_settings = services.current_settings(db.session)
    return g.site_settings


def register_template_helpers(app: Flask) -> None:
    @app.context_processor
    def site():
        return {"site_settings": site_settings}


def _fields(form: SiteSettingsForm) -> services.SiteFields:
    return services.SiteFields(
        municipality_name=form.municipality_name.data or "", accent_colour=form.accent_colour.data or "",
        contact_email=form.contact_email.data or "", contact_phone=form.contact_phone.data or "",
        contact_address=form.contact_address.data or "", feedback_url=form.feedback_url.data or "",
        statement_reviewed_on=form.statement_reviewed_on.data)


def _uploaded_logo(form: SiteSettingsForm) -> services.LogoUpload | None:
    upload = form.logo_file.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    # One byte past the limit is enough to say it is too large.
    return services.LogoUpload(filename=upload.filename, content=upload.read(services.LOGO_MAX_BYTES + 1))


@bp.route("/admin/site", methods=["GET", "POST"])
@login_required
def edit():
    require(policies.can_manage_site_settings(acting_user()))
    settings = site_settings()
    form = SiteSettingsForm(obj=settings)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.save_site_settings(db.session, acting_user(), _fields(form), logo=_uploaded_logo(form),
                                        remove_logo=form.remove_logo.data)
        if done:
            flash(_("Inställningarna är sparade och syns nu på alla sidor."), "success")
            return redirect(url_for("site_settings.edit"))
    return render_template("site_settings/edit.html", form=form, settings=settings)


@bp.get("/site/logo/<int:revision>")
def logo(revision: int):
    found = services.logo_of(db.session)
    if found is None:
        abort(404)
    content, mimetype = found
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Security-Policy"] = LOGO_POLICY
    response.headers["Content-Disposition"] = "inline"
    if revision == site_settings().revision:
        response.cache_control.public = True
        response.cache_control.max_age = FOR_A_YEAR
    return response


@bp.get("/site/accent/<int:revision>.css")
def accent_stylesheet(revision: int):
    colour = site_settings().accent_colour
    if not colour:
        abort(404)
    stylesheet = f":root {{ --brand: {colour}; --brand-dark: {services.darker(colour)}; }}\n"
    response = Response(stylesheet, mimetype="text/css")
    if revision == site_settings().revision:
        response.cache_control.public = True
        response.cache_control.max_age = FOR_A_YEAR
    return response
