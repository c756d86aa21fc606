"""Domain errors and the error pages."""

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask, current_app, render_template, request, session
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from councilportal.extensions import db
from councilportal.i18n import readable_size

# Errors that say the database cannot answer now (down, restarting, connections ended, every
# connection busy, a lock or a conflict that a second try resolves), not that the request is wrong.
DATABASE_UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)
RETRY_AFTER_SECONDS = 30


class DomainError(Exception):
    """A rule of the domain was broken; `field` names the form field it concerns, if any.

    `kept` holds rows the refusal itself must leave behind (a failed attempt to prove who one is),
    written after the rest of the work is rolled back, so that failures count towards a limit.
    """

    def __init__(self, message: str, field: str | None = None, kept: tuple = ()):
        super().__init__(message)
        self.message = message
        self.field = field
        self.kept = kept


class ChangedMeanwhile(DomainError):
    """Someone else changed the object after the form was loaded."""


def error_page(status: int, title, text, back_url: str | None = None):
    """The page for an error, which must never fail in turn.

    The work of the failed request is rolled back first. The full page shows the menu of the
    person signed in, which needs the database; when that fails too, a page that needs nothing
    but the templates is shown, in the language chosen in this browser.
    """
    db.discard_unfinished_work()
    try:
        body = render_template("errors/error.html", title=str(title), text=str(text), back_url=back_url)
    except Exception:  # noqa: BLE001 - whatever broke the page, the person still gets one
        current_app.logger.warning("The full error page failed; showing the plain one", exc_info=True)
        body = plain_error_page(title, text)
    return body, status


def plain_error_page(title, text) -> str:
    """An error page drawn from the templates alone: no database, no signed-in person."""
    chosen = session.get("locale")
    language = chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(language):
        template = current_app.jinja_env.get_template("errors/plain.html")
        return template.render(language=language, title=str(title), text=str(text))


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return error_page(
            400,
            _l("Formuläret har gått ut"),
            _l("Sidan var öppen för länge eller skickades från en annan plats. Ladda om sidan och försök igen."),
        )

    @app.errorhandler(400)
    def bad_request(error):
        return error_page(400, _l("Felaktig begäran"), _l("Det som skickades gick inte att tolka."))

    @app.errorhandler(sa.exc.DataError)
    def refused_by_the_database(error):
        # Input no check caught before the database (a character or a number it cannot store)
        # is the sender's error, not the portal's.
        app.logger.warning("The database refused the input: %s", error.orig)
        return bad_request(error)

    @app.errorhandler(403)
    def forbidden(error):
        return error_page(403, _l("Åtkomst nekad"), _l("Du har inte behörighet att se eller ändra det här."))

    @app.errorhandler(404)
    def not_found(error):
        return error_page(404, _l("Sidan finns inte"), _l("Sidan du söker finns inte, eller så har länken gått ut."))

    @app.errorhandler(405)
    def method_not_allowed(error):
        return error_page(405, _l("Felaktig begäran"), _l("Sidan kan inte användas på det sättet."))

    @app.errorhandler(413)
    def too_large(error):
        request_limit = current_app.config["MAX_CONTENT_LENGTH"]
        text = _("Det du skickade var för stort, så ingenting har sparats. En fil får vara högst %(file_size)s "
                 "och allt som skickas på en gång högst %(size)s. Gå tillbaka till formuläret och välj en "
                 "mindre fil.",
                 size=readable_size(request_limit),
                 file_size=readable_size(min(request_limit, current_app.config["UPLOAD_MAX_BYTES"])))
        return error_page(413, _l("För stor fil"), text, back_url=_page_on_this_site(request.referrer))

    @app.errorhandler(429)
    def too_many(error):
        return error_page(429, _l("För många försök"), _l("Vänta en stund och försök igen."))

    @app.errorhandler(500)
    def server_error(error):
        return error_page(500, _l("Något gick fel"), _l("Ett oväntat fel inträffade. Försök igen om en stund."))

    def database_unavailable(error):
        app.logger.error("The database is unavailable: %s", error)
        db.discard_unfinished_work()
        # The full page would ask the unavailable database for the person and their menu.
        body = plain_error_page(
            _l("Portalen är inte tillgänglig just nu"),
            _l("Uppgifterna kan inte hämtas eller sparas för tillfället. Försök igen om en stund."),
        )
        return body, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    for unavailable in DATABASE_UNAVAILABLE:
        app.register_error_handler(unavailable, database_unavailable)


def _page_on_this_site(url: str | None) -> str | None:
    """The page a form was sent from (path and query only), when it is on this site."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.netloc != request.host or not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
