"""Domain errors and the error pages."""

from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from councilportal.i18n import readable_size


class DomainError(Exception):
    """A rule of the domain was broken; `field` names the form field it concerns, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ChangedMeanwhile(DomainError):
    """Someone else changed the object after the form was loaded."""


def register_error_pages(app: Flask) -> None:
    def page(status: int, title: str, text: str):
        return render_template("errors/error.html", title=title, text=text), status

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return page(
            400,
            _("Formuläret har gått ut"),
            _("Sidan var öppen för länge eller skickades från en annan plats. Ladda om sidan och försök igen."),
        )

    @app.errorhandler(400)
    def bad_request(error):
        return page(400, _("Felaktig begäran"), _("Det som skickades gick inte att tolka."))

    @app.errorhandler(403)
    def forbidden(error):
        return page(403, _("Åtkomst nekad"), _("Du har inte behörighet att se eller ändra det här."))

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("Sidan finns inte"), _("Sidan du söker finns inte, eller så har länken gått ut."))

    @app.errorhandler(405)
    def method_not_allowed(error):
        return page(405, _("Felaktig begäran"), _("Sidan kan inte användas på det sättet."))

    @app.errorhandler(413)
    def too_large(error):
        request_limit = current_app.config["MAX_CONTENT_LENGTH"]
        text = _("Det du skickade var för stort, så ingenting har sparats. En fil får vara högst %(file_size)s "
                 "och allt som skickas på en gång högst %(size)s. Gå tillbaka till formuläret och välj en "
                 "mindre fil.",
                 size=readable_size(request_limit),
                 file_size=readable_size(min(request_limit, current_app.config["UPLOAD_MAX_BYTES"])))
        return render_template("errors/error.html", title=_("För stor fil"), text=text,
                               back_url=_page_on_this_site(request.referrer)), 413

    @app.errorhandler(429)
    def too_many(error):
        return page(429, _("För många försök"), _("Vänta en stund och försök igen."))

    @app.errorhandler(500)
    def server_error(error):
        return page(500, _("Något gick fel"), _("Ett oväntat fel inträffade. Försök igen om en stund."))


def _page_on_this_site(url: str | None) -> str | None:
    """The page a form was sent from (path and query only), when it is on this site."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc != request.host or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
