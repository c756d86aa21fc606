"""Language choice and the date and size formats the interface shows."""

from datetime import date, datetime

from babel import localedata
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, format_number, get_locale
from flask_login import current_user

from councilportal.timeutil import STOCKHOLM

LONG_DATETIME = {"sv": "EEEE d MMMM y 'kl.' HH.mm", "en": "EEEE d MMMM y 'at' HH:mm"}
LONG_DATE = {"sv": "EEEE d MMMM y", "en": "EEEE d MMMM y"}
TIME = {"sv": "HH.mm", "en": "HH:mm"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _language() -> str:
    return str(get_locale() or "sv").split("_")[0]


def long_datetime(value: datetime | None) -> str:
    """"tisdag 3 mars 2026 kl. 13.00", in Europe/Stockholm."""
    if value is None:
        return ""
    return format_datetime(value, LONG_DATETIME.get(_language(), LONG_DATETIME["sv"]))


def long_date(value: date | None) -> str:
    if value is None:
        return ""
    return format_date(value, LONG_DATE.get(_language(), LONG_DATE["sv"]))


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        # The Swedish date of the moment; written directly, as long lists and CSV files call this per row.
        return value.astimezone(STOCKHOLM).date().isoformat()
    return value.isoformat()


def clock_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(value, TIME.get(_language(), TIME["sv"]))


def readable_size(size: int) -> str:
    """A byte count as people read it: "10 MB", "1,5 MB", "800 kB"."""
    if size >= 1024 * 1024:
        return f"{format_decimal(size / (1024 * 1024), format='#,##0.#')} MB"
    return f"{format_decimal(max(size, 1024) / 1024, format='#,##0')} kB"


def read_locale_data(app: Flask) -> None:
    """Read each language's formats (some 5 MB, which Babel keeps once per process) while the app is
    built, rather than at the first page: workers forked from a built app (councilportal.gunicorn_conf)
    share them with it instead of reading a copy each."""
    for language in app.config["LANGUAGES"]:
        localedata.load(language)


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(long_datetime)
    app.add_template_filter(long_date)
    app.add_template_filter(short_date)
    app.add_template_filter(clock_time)
    app.add_template_filter(format_number, "number")

    @app.context_processor
    def language_context():
        return {"current_language": _language(), "languages": app.config["LANGUAGES"]}

    @app.before_request
    def remember_language_from_query():
        wanted = request.args.get("lang")
        if wanted in app.config["LANGUAGES"]:
            session["locale"] = wanted
