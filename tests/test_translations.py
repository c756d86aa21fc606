"""The English catalogue covers every Swedish interface text, with the same placeholders."""

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from flask_babel import force_locale, pgettext

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "councilportal/translations/en/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def read(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file)


def test_every_text_in_the_code_is_in_the_english_catalogue(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-k", "lazy_pgettext:1c,2", "-o", str(template), "--no-location", "."],
                   cwd=ROOT, check=True, capture_output=True)
    # A text with a context (pgettext) is its own entry: "Plats" of a meeting is not "Plats" of a membership.
    in_code = {(message.context, message.id) for message in read(template) if message.id}
    in_catalogue = {(message.context, message.id) for message in read(CATALOGUE) if message.id}
    missing = sorted(in_code - in_catalogue)
    assert not missing, f"run `make messages` and translate: {missing}"


def test_every_entry_is_translated_with_the_same_placeholders():
    problems = []
    for message in read(CATALOGUE):
        if not message.id:
            continue
        # A plural entry pairs its singular with the first form and its plural with the others.
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        elif any(sorted(PLACEHOLDER.findall(ids[min(index, len(ids) - 1)])) != sorted(PLACEHOLDER.findall(string))
                 for index, string in enumerate(strings)):
            problems.append(f"placeholders differ: {message.id!r}")
    assert not problems, "\n".join(problems)


def test_a_word_with_two_meanings_is_translated_in_each(app):
    with app.test_request_context(), force_locale("en"):
        assert pgettext("a meeting's location", "Plats") == "Location"
        assert pgettext("a member's seat: ordinarie or ersättare", "Plats") == "Seat"
