"""The `councilportal` command before and after configuration."""

import os
import subprocess
import sys

from tests.mail.test_outbox import free_port


def run_unconfigured(tmp_path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("SECRET_KEY", "FLASK_APP") and not name.startswith("COUNCILPORTAL_")}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite'}"
    environment.update(settings)
    return subprocess.run([sys.executable, "-m", "councilportal", *args], capture_output=True, text=True,
                          env=environment, cwd=tmp_path, timeout=60)


def test_help_lists_every_command_before_the_portal_is_configured(tmp_path):
    result = run_unconfigured(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for command in ("create-admin", "db", "mail", "run", "seed-demo"):
        assert f"\n  {command} " in result.stdout
    assert "upgrade" in run_unconfigured(tmp_path, "db", "--help").stdout


def test_a_command_without_a_required_setting_says_what_is_missing_in_one_line(tmp_path):
    result = run_unconfigured(tmp_path, "mail", "send")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: SECRET_KEY is not set.")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_database_that_cannot_be_reached_is_one_line_too(tmp_path):
    result = run_unconfigured(tmp_path, "mail", "send", SECRET_KEY="x",
                              DATABASE_URL=f"postgresql://postgres@127.0.0.1:{free_port()}/portal")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: The database cannot be reached: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_portals_commands_run_once_configured(runner):
    assert runner.invoke(args=["db", "current"]).exit_code == 0
    assert "Sent 0, failed 0." in runner.invoke(args=["mail", "send"]).output
