"""The portal's own commands. They call the same domain functions as the views."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_alembic.cli import cli as alembic_commands

from councilportal import demo, scale
from councilportal.accounts.services import ensure_admin, hash_password
from councilportal.audits.reminders import send_overdue_recommendation_reminders
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.mail.services import DeliveryReport, OutboxState, deliver_as_configured, outbox_state
from councilportal.schema import migrations
from councilportal.timeutil import today_in_sweden
from councilportal.uploads import copy_to_database, keys_missing_from_database
from councilportal.viewpoints.follow_ups import send_follow_up_requests
from councilportal.viewpoints.reminders import send_overdue_reminders


def commands() -> list[click.Command]:
    """The portal's own commands; each builds the app only when it runs."""
    return [database, seed_demo, seed_scale, create_admin, mail, uploads]


@click.group("db", commands=alembic_commands.commands, help=alembic_commands.help)
@with_appcontext
@click.pass_context
def database(ctx: click.Context) -> None:
    ctx.obj = migrations()


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


@click.command("seed-scale")
@with_appcontext
@click.option("--scale", "factor", type=click.FloatRange(min=0, min_open=True, max=100), default=1.0,
              show_default=True, help="1.0 is a region: 50 councils, 2,000 people, 3,000 meetings, 50,000 viewpoints.")
@click.option("--seed", type=int, default=scale.DEFAULT_SEED, show_default=True,
              help="The same seed gives the same data.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="The one password every account gets.")
def seed_scale(factor: float, seed: int, password: str) -> None:
    """Fill an empty database with realistic data at any scale, for load tests."""
    try:
        summary = scale.seed_scale(db.session, factor=factor, seed=seed, password_hash=hash_password(password))
    except scale.NotEmpty:
        raise click.ClickException("The database is not empty; seed-scale only fills an empty one.") from None
    db.session.commit()
    scale.refresh_planner_statistics(db.engine)
    click.echo(f"Loaded scale {factor:g} (seed {seed}) in {summary.seconds:.1f} s:")
    for table, count in sorted(summary.counts.items()):
        click.echo(f"  {table:<22} {count:>9,}")
    click.echo("Sign in with the password given, for example as:")
    for role, email in summary.sample_emails.items():
        click.echo(f"  {role:<15} {email}")
    click.echo(f"Viewpoint with a {scale.LONG_TIMELINE_EVENTS}-event timeline: {summary.long_timeline_reference}, "
               f"/viewpoints/{summary.long_timeline_viewpoint_id}")


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
        lines.append(f"{state.waiting} waiting for a later retry, "
                     f"the next at {state.next_attempt_at:%Y-%m-%d %H:%M} UTC.")
    if state.given_up:
        lines.append(f"{state.given_up} no longer tried after {max_attempts} failed attempts.")
    return "\n".join(lines)


@mail.command("remind-overdue")
def mail_remind_overdue() -> None:
    """Remind managers of their overdue viewpoints and audit recommendations (run it from cron every weekday
    morning): one mail each about viewpoints, one about recommendations.

    Running it again the same day sends nothing new, except about those that became overdue since.
    """
    today = today_in_sweden()
    report = send_overdue_reminders(db.session, today)
    recommendations = send_overdue_recommendation_reminders(db.session, today)
    db.session.commit()
    click.echo(f"Queued {report.mails} reminders about {report.viewpoints} overdue viewpoints.")
    click.echo(f"Queued {recommendations.mails} reminders about {recommendations.recommendations} overdue "
               "audit recommendations.")


@mail.command("follow-ups")
def mail_follow_ups() -> None:
    """Ask the submitting organisations whether promised actions were carried out, on each answer's
    follow-up date (run it from cron every morning).

    Each follow-up is asked once: running it again the same day, or later, asks nothing new.
    """
    report = send_follow_up_requests(db.session, today_in_sweden())
    db.session.commit()
    click.echo(f"Queued {report.mails} follow-up mails about {report.follow_ups} answers.")


@click.group(cls=AppGroup)
def uploads() -> None:
    """Uploaded files."""


@uploads.command("copy-to-database")
def uploads_copy_to_database() -> None:
    """Copy the uploaded files in UPLOAD_FOLDER into the database, before setting UPLOAD_STORAGE=database.

    Safe to run again: files the database already holds are left alone."""
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    copied, missing = 0, []
    for key in keys_missing_from_database(db.session):
        if copy_to_database(db.session, folder, key):
            db.session.commit()
            copied += 1
        else:
            missing.append(key)
    click.echo(f"Copied {copied} files from {folder} into the database.")
    if missing:
        raise click.ClickException(f"{len(missing)} files are not in {folder}: {', '.join(missing)}")
