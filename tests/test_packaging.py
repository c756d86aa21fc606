"""The wheel carries everything the portal needs to run outside a checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(ROOT)],
        check=True, capture_output=True,
    )
    [built] = outdir.glob("councilportal-*.whl")
    return built


def test_the_wheel_contains_templates_static_files_migrations_and_compiled_catalogues(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "councilportal/templates/base.html" in names
    assert "councilportal/templates/_macros/forms.html" in names
    assert "councilportal/static/portal.css" in names
    assert "councilportal/migrations/0001_foundation.py" in names
    assert "councilportal/migrations/script.py.mako" in names
    assert "councilportal/translations/en/LC_MESSAGES/messages.mo" in names


def test_the_installed_wheel_serves_pages_in_both_languages(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True)
    script = "\n".join([
        "import sys; sys.path.insert(0, sys.argv[1])",
        "from councilportal import create_app",
        "from councilportal.schema import migrations",
        "app = create_app({'TESTING': True, 'DATABASE_URL': 'sqlite:///portal.sqlite', 'SECRET_KEY': 'x'})",
        "assert app.template_folder.startswith(sys.argv[1]), app.template_folder",
        "with app.app_context():",
        "    migrations().upgrade()",  # what an installation does first: the wheel carries its migrations
        "client = app.test_client()",
        "assert 'Tillgänglighetsredogörelse' in client.get('/').text",
        "assert 'Accessibility statement' in client.get('/?lang=en').text",
        "assert client.get('/static/portal.css').status_code == 200",
        "print('ok')",
    ])
    result = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == "ok", result.stderr
