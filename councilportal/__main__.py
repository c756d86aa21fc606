"""`councilportal …` and `python -m councilportal …`: Flask's CLI bound to the portal."""

from flask.cli import FlaskGroup

from councilportal import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, help="Council Portal: run, migrate, seed, administer.").main(
        prog_name="councilportal"
    )


if __name__ == "__main__":
    main()
