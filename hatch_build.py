"""Compile the gettext catalogues at build time, so no binary .mo file is committed."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        translations = Path(self.root) / "councilportal" / "translations"
        for po_path in translations.glob("*/LC_MESSAGES/messages.po"):
            mo_path = po_path.with_suffix(".mo")
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalogue)
            relative = mo_path.relative_to(self.root).as_posix()
            build_data["force_include"][str(mo_path)] = relative
