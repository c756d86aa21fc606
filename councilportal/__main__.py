"""`councilportal …` and `python -m councilportal …`: Flask's CLI bound to the portal."""

import click
from flask.cli import FlaskGroup

from councilportal import cli, create_app
from councilportal.config import ConfigurationError
from councilportal.errors import DATABASE_UNAVAILABLE


def create_configured_app():
    try:
        return create_app()
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error


class PortalGroup(FlaskGroup):
    """Flask's command group with every command known in advance: listing or finding a command never
    builds the app, so `--help` works before configuration, and a missing setting is reported as one
    line by the command that needs it. So is a database that cannot be reached (in a cron log)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DATABASE_UNAVAILABLE as error:
            reason = " ".join(str(getattr(error, "orig", None) or error).split())
            raise click.ClickException(f"The database cannot be reached: {reason}") from error

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return click.Group.get_command(self, ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return click.Group.list_commands(self, ctx)


def command_group() -> PortalGroup:
    group = PortalGroup(create_app=create_configured_app, help="Council Portal: run, migrate, seed, administer.")
    for command in cli.commands():
        group.add_command(command)
    return group


def main() -> None:
    command_group().main(prog_name="councilportal")


if __name__ == "__main__":
    main()
