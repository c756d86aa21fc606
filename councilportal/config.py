"""Configuration: defaults, then instance/config.py, then environment variables, then test_config."""

import os
from datetime import timedelta

from flask import Flask


class ConfigurationError(RuntimeError):
    pass


DEFAULTS = {
    "ENV_NAME": "production",
    "SECRET_KEY": None,
    "DATABASE_URL": None,
    "PORTAL_URL": None,
    "PORTAL_NAME": "Brukarrådsportalen",
    "BABEL_DEFAULT_LOCALE": "sv",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
    "LANGUAGES": ("sv", "en"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    # Where uploaded files are kept: "folder" (UPLOAD_FOLDER, for one app host) or "database"
    # (for several app hosts on one database).
    "UPLOAD_STORAGE": "folder",
    "UPLOAD_FOLDER": None,
    "UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
    "PASSWORD_HASH_METHOD": "scrypt",
    "PASSWORD_MIN_LENGTH": 10,
    "INVITATION_VALID_DAYS": 14,
    "PASSWORD_RESET_VALID_HOURS": 2,
    "LOGIN_FAILURES_PER_ACCOUNT": 5,
    "LOGIN_FAILURES_PER_ADDRESS": 20,
    "LOGIN_FAILURE_WINDOW_MINUTES": 15,
    "PASSWORD_RESET_MAILS_PER_ACCOUNT": 3,
    "PASSWORD_RESET_REQUESTS_PER_ADDRESS": 20,
    "PASSWORD_RESET_WINDOW_MINUTES": 60,
    # Roles that must sign in with a second factor, comma-separated: admin, coordinator, manager.
    "TWO_FACTOR_REQUIRED_ROLES": "",
    "PAGE_SIZE": 25,
    # The calendar feeds hold the meetings that started at most this many days ago, and every one ahead.
    "CALENDAR_FEED_DAYS_BACK": 365,
    # Rendered feeds each worker keeps, keyed by their ETag, so a feed is built once per change.
    "CALENDAR_FEED_CACHE_BYTES": 4 * 1024 * 1024,
    # Pages each worker keeps until the data or the minute changes (councilportal/pagecache.py).
    "PAGE_CACHE_BYTES": 4 * 1024 * 1024,
    # A viewpoint's default answer deadline, in working days after it is received.
    "VIEWPOINT_ANSWER_WORKING_DAYS": 20,
    # An audit's recommendations: the default answer deadline, in working days after the report.
    "AUDIT_ANSWER_WORKING_DAYS": 30,
    # How many reverse proxies in front set X-Forwarded-* headers; 0 trusts none.
    "TRUSTED_PROXIES": 0,
    "MAIL_BACKEND": "folder",
    "MAIL_FOLDER": None,
    "MAIL_SENDER": "Brukarrådsportalen <noreply@example.se>",
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_TIMEOUT": 30,
    "MAIL_DELIVER_IMMEDIATELY": False,
    "MAIL_MAX_ATTEMPTS": 10,
    # How long a sender holds a message it is sending: longer than the slowest delivery, so no
    # other sender takes it meanwhile; a message whose sender died is tried again after this.
    "MAIL_CLAIM_MINUTES": 15,
}

# Plain names a deployment expects to set, beside the COUNCILPORTAL_* prefix.
PLAIN_ENVIRONMENT = ("DATABASE_URL", "SECRET_KEY", "PORTAL_URL") + tuple(
    key for key in DEFAULTS if key.startswith(("MAIL_", "UPLOAD_"))
)
UPLOAD_STORAGES = ("folder", "database")


def load_configuration(app: Flask, test_config: dict | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for key in PLAIN_ENVIRONMENT:
        if key in os.environ:
            app.config[key] = _parse(os.environ[key])
    app.config.from_prefixed_env("COUNCILPORTAL")
    if "COUNCILPORTAL_ENV" in os.environ:
        app.config["ENV_NAME"] = os.environ["COUNCILPORTAL_ENV"]
    if test_config:
        app.config.from_mapping(test_config)

    development = app.config["ENV_NAME"] == "development" or app.config.get("TESTING")
    if development:
        # Served over plain http on localhost, so the browser must send the cookie back.
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config["REMEMBER_COOKIE_SECURE"] = False
        app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or "development-only-secret"
    elif not app.config["SECRET_KEY"]:
        raise ConfigurationError(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable or put "
            "SECRET_KEY in instance/config.py before running in production."
        )

    if not app.config["DATABASE_URL"]:
        database = os.path.join(app.instance_path, "councilportal.sqlite")
        app.config["DATABASE_URL"] = f"sqlite:///{database}"
    app.config["DATABASE_URL"] = _with_psycopg_driver(app.config["DATABASE_URL"])
    app.config["DATABASE_ENGINE_OPTIONS"] = _engine_options(app.config["DATABASE_URL"])
    if app.config["UPLOAD_STORAGE"] not in UPLOAD_STORAGES:
        raise ConfigurationError(
            f"UPLOAD_STORAGE is {app.config['UPLOAD_STORAGE']!r}; set it to one of {', '.join(UPLOAD_STORAGES)}."
        )
    if not app.config["UPLOAD_FOLDER"]:
        app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    if not app.config["MAIL_FOLDER"]:
        app.config["MAIL_FOLDER"] = os.path.join(app.instance_path, "mail")
    if not app.config["PORTAL_URL"]:
        # `make run PORT=…` serves on that port, so links in mail and feeds must point there too.
        app.config["PORTAL_URL"] = f"http://127.0.0.1:{os.environ.get('PORT', '5000')}"


def _with_psycopg_driver(url: str) -> str:
    """Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver named."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


# Compiled statements each worker keeps (SQLAlchemy keeps 500 unless told, pruning only past 750). One
# ORM statement with its eager loads weighs 20 to 900 kB, and walking every page of the demo as every
# role compiles about 280: in time, tens of megabytes in every worker. The statements of the pages in
# daily use (about 60 for every page of the benchmark together) stay compiled; one of a page seldom
# seen may be compiled again, in a millisecond or two.
COMPILED_STATEMENTS_KEPT = 150


def _engine_options(url: str) -> dict:
    options: dict = {"query_cache_size": COMPILED_STATEMENTS_KEPT}
    if url.startswith("sqlite"):
        # Several threads (the dev server, browser tests) share one database file.
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        # A connection the database ended (a restart, a failover) is replaced before a request
        # uses it, and an unreachable server fails the request in seconds rather than minutes.
        options["pool_pre_ping"] = True
        # JIT compiling pays off for hours-long analytics, not for a page: it added 60-190 ms to each
        # statistics query over a region's viewpoints, more than it ever saved.
        options["connect_args"] = {"connect_timeout": 5, "options": "-c jit=off"}
    return options


def _parse(value: str):
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    if value.isdigit():
        return int(value)
    return value
