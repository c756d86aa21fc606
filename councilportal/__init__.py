"""Council Portal: viewpoints, meetings and follow-up for Swedish user councils."""

from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup
from werkzeug.middleware.proxy_fix import ProxyFix

from councilportal import i18n, pagecache, pages, security, web
from councilportal import models as _every_model  # noqa: F401  (the migrations compare against every table)
from councilportal.accounts import views as accounts_views
from councilportal.audits import views as audits_views
from councilportal.calendar import views as calendar_views
from councilportal.compensation import views as compensation_views
from councilportal.config import load_configuration
from councilportal.councils import views as councils_views
from councilportal.errors import register_error_pages
from councilportal.extensions import babel, csrf, db, login_manager
from councilportal.meetings import minutes_views, reply_views
from councilportal.meetings import views as meetings_views
from councilportal.navigation import register_navigation
from councilportal.opendata import views as opendata_views
from councilportal.organisations import views as organisations_views
from councilportal.privacy import views as privacy_views
from councilportal.reports import views as reports_views
from councilportal.site_settings import views as site_settings_views
from councilportal.startpage import views as startpage_views
from councilportal.statistics import views as statistics_views
from councilportal.viewpoints import agenda_views as viewpoint_agenda_views
from councilportal.viewpoints import list_views as viewpoint_list_views
from councilportal.viewpoints import views as viewpoints_views

PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> str:
    """templates/ and static/ sit beside the package in a checkout and inside it in a wheel."""
    inside = PACKAGE_DIR / name
    return str(inside if inside.is_dir() else PACKAGE_DIR.parent / name)


class PortalCommands(AppGroup):
    """The portal's commands on `app.cli`, loaded when a command is first looked for: a web worker
    never loads them, nor what they bring (Alembic, the demo and the load-test generators)."""

    def _load_portal_commands(self) -> None:
        if not self.commands:
            from councilportal import cli  # here, not at the top: see the docstring

            for command in cli.commands():
                self.add_command(command)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        self._load_portal_commands()
        return super().get_command(ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_portal_commands()
        return super().list_commands(ctx)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=_resource_dir("templates"),
        static_folder=_resource_dir("static"),
    )
    load_configuration(app, test_config)
    app.cli = PortalCommands()
    app.request_class = web.PortalRequest
    # Every `<int:…>` in a route: before the blueprints, whose rules are compiled as they register.
    app.url_map.converters["int"] = web.DatabaseIntegerConverter
    if app.config["TRUSTED_PROXIES"]:
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    pagecache.register(app)
    register_blueprints(app)
    register_error_pages(app)
    security.register_headers(app)
    i18n.register_template_helpers(app)
    i18n.read_locale_data(app)
    register_navigation(app)
    site_settings_views.register_template_helpers(app)
    web.deliver_after_request_if_configured(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    if app.config["DATABASE_URL"].startswith("sqlite"):
        with app.app_context():
            sa.event.listen(db.engine, "connect", _sqlite_enforce_foreign_keys)
    # Read by councilportal.schema when a migration command first needs it.
    app.config["ALEMBIC"] = {"script_location": str(PACKAGE_DIR / "migrations")}
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(PACKAGE_DIR / "translations"),
    )
    login_manager.init_app(app)


def _sqlite_enforce_foreign_keys(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def register_blueprints(app: Flask) -> None:
    for blueprint in (pages.bp, accounts_views.bp, organisations_views.bp, councils_views.bp, privacy_views.bp,
                      meetings_views.bp, calendar_views.bp, viewpoints_views.bp, viewpoint_agenda_views.bp,
                      viewpoint_list_views.bp,
                      minutes_views.bp, audits_views.bp,
                      statistics_views.bp, reports_views.bp, reply_views.bp, startpage_views.bp,
                      compensation_views.bp, opendata_views.bp, site_settings_views.bp):
        app.register_blueprint(blueprint)
