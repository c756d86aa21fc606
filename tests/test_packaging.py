"""The wheel carries everything the portal needs to run outside a checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_contains_templates_static_files_migrations_and_compiled_catalogues(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = tmp_path.glob("councilportal-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "councilportal/templates/base.html" in names
    assert "councilportal/templates/_macros/forms.html" in names
    assert "councilportal/static/portal.css" in names
    assert "councilportal/migrations/0001_foundation.py" in names
    assert "councilportal/migrations/script.py.mako" in names
    assert "councilportal/translations/en/LC_MESSAGES/messages.mo" in names


def test_the_installed_wheel_serves_pages(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )
    [wheel] = (tmp_path / "dist").glob("councilportal-*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from councilportal import create_app;"
        "app = create_app({'TESTING': True, 'DATABASE_URL': 'sqlite://', 'SECRET_KEY': 'x'});"
        "assert app.template_folder.startswith(sys.argv[1]), app.template_folder;"
        "r = app.test_client().get('/?lang=en'); assert r.status_code == 200, r.status_code;"
        "assert 'Accessibility statement' in r.text;"
        "assert app.test_client().get('/static/portal.css').status_code == 200;"
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == "ok", result.stderr
