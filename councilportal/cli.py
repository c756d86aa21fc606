"""The portal's own commands. They call the same domain functions as the views."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from flask_alembic.cli import cli as alembic_commands

from councilportal import demo
from councilportal.accounts.services import ensure_admin
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.mail.services import DeliveryReport, OutboxState, deliver_as_configured, outbox_state
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.reminders import send_overdue_reminders


def register(app: Flask) -> None:
    for command in commands():
        app.cli.add_command(command)


def commands() -> list[click.Command]:
    """The portal's own commands; each builds the app only when it runs."""
    return [database, seed_demo, create_admin, mail]


@click.group("db", commands=alembic_commands.commands, help=alembic_commands.help)
@with_appcontext
@click.pass_context
def database(ctx: click.Context) -> None:
    ctx.obj = current_app.extensions["alembic"]


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has people in it.")
def seed_demo(if_empty: bool) -> None:
    """Fill the database with the fictional Exempelstad demo."""
    if if_empty and not demo.database_is_empty(db.session):
        click.echo("The database already has data; demo not loaded.")
        return
    demo.seed(db.session)
    db.session.commit()
    click.echo("Demo data loaded. Sign in with the accounts listed in README.md.")


@click.command("create-admin")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", default="Administratör")
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator (or make an existing account one) with this password."""
    try:
        user = ensure_admin(db.session, email=email, name=name, password=password)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"{user.email} is an administrator.")


@click.group(cls=AppGroup)
def mail() -> None:
    """The mail outbox."""


@mail.command("send")
def mail_send() -> None:
    """Deliver what waits in the outbox (run it from cron every minute).

    Runs that overlap, here or on other hosts, never send the same message twice.
    """
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    report = deliver_as_configured(db.session, current_app.config)
    click.echo(delivery_summary(report, outbox_state(db.session, max_attempts), max_attempts))
    if report.failed:
        raise SystemExit(1)


def delivery_summary(report: DeliveryReport, state: OutboxState, max_attempts: int) -> str:
    lines = [f"Sent {report.sent}, failed {report.failed}."]
    if report.failed:
        lines[0] += " The failed ones are left in the outbox."
    if state.waiting:
        lines.append(f"{state.waiting} waiting for a later retry, the next at {state.next_attempt_at:%Y-%m-%d %H:%M} UTC.")
    if state.given_up:
        lines.append(f"{state.given_up} no longer tried after {max_attempts} failed attempts.")
    return "\n".join(lines)


@mail.command("remind-overdue")
def mail_remind_overdue() -> None:
    """Remind managers of their overdue viewpoints, one mail each (run it from cron every weekday morning).

    Running it again the same day sends nothing new, except about viewpoints that became overdue since.
    """
    report = send_overdue_reminders(db.session, today_in_sweden())
    db.session.commit()
    click.echo(f"Queued {report.mails} reminders about {report.viewpoints} overdue viewpoints.")
