"""The rules for the site's settings: a readable accent colour, a logo that is only a picture."""

import math
import re
from dataclasses import dataclass
from datetime import date
from io import BytesIO

import sqlalchemy as sa
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.site_settings.models import ONLY_ROW, SiteSettings
from councilportal.timeutil import now_utc

# WCAG 2.1 1.4.3: normal text needs 4.5:1; the accent carries white text in the header and on buttons.
MINIMUM_CONTRAST = 4.5
COLOUR = re.compile(r"#?([0-9a-fA-F]{6})")
# The header shows the logo a few centimetres high: more than this is a mistake, not a sharper logo.
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 2000
PNG = "image/png"
SVG = "image/svg+xml"
# Parts of an SVG that run code or fetch something else: a logo needs none of them.
SVG_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_REFERENCE_ATTRIBUTES = {"href", "src"}


@dataclass(frozen=True)
class SiteFields:
    municipality_name: str = ""
    accent_colour: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    feedback_url: str = ""
    statement_reviewed_on: date | None = None


@dataclass(frozen=True)
class LogoUpload:
    filename: str
    content: bytes


def current_settings(session: Session) -> SiteSettings:
    """The saved settings, or the portal's defaults (an unsaved row) before anyone has saved any."""
    return session.get(SiteSettings, ONLY_ROW) or SiteSettings(
        id=ONLY_ROW, municipality_name="", accent_colour="", logo_mimetype="", contact_email="", contact_phone="",
        contact_address="", feedback_url="", revision=0)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB "#rrggbb": 0 for black, 1 for white."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_against_white(colour: str) -> float:
    return 1.05 / (relative_luminance(colour) + 0.05)


def darker(colour: str) -> str:
    """The accent for hover and the menu bar: darker still, so its contrast with white only grows."""
    channels = (int(colour[index:index + 2], 16) * 3 // 4 for index in (1, 3, 5))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _checked_colour(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    match = COLOUR.fullmatch(text)
    if match is None:
        raise DomainError(_("Skriv färgen som # och sex tecken 0–9 och a–f, till exempel #1a5276."), "accent_colour")
    colour = "#" + match.group(1).lower()
    ratio = contrast_against_white(colour)
    if ratio < MINIMUM_CONTRAST:
        # Rounded down, so a colour just under the limit never reads as 4.50.
        measured = format_decimal(math.floor(ratio * 100) / 100, format="0.00")
        raise DomainError(_("Färgen %(colour)s har kontrasten %(ratio)s:1 mot vitt. Den behöver minst 4,5:1 för att "
                            "vit text på färgen ska gå att läsa. Välj en mörkare färg.",
                            colour=colour, ratio=measured), "accent_colour")
    return colour


def _checked_png(content: bytes) -> None:
    # Imported here: a logo is checked once in a while, and a web worker need not carry Pillow (nor
    # defusedxml, below) from its start.
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content)) as image:
            if image.format != "PNG":
                raise DomainError(_("Filen är inte en PNG-bild. Ladda upp en SVG- eller PNG-fil."), "logo_file")
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise DomainError(_("Bilden går inte att läsa. Spara den som PNG igen och ladda upp den."),
                          "logo_file") from error
    if max(width, height) > LOGO_MAX_PIXELS:
        raise DomainError(_("Bilden är %(width)d × %(height)d pixlar. Den får vara högst %(limit)d pixlar på "
                            "längden och bredden.", width=width, height=height, limit=LOGO_MAX_PIXELS), "logo_file")


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _checked_svg(content: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(content, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise DomainError(_("SVG-filen går inte att läsa. Spara den som SVG igen och ladda upp den."),
                          "logo_file") from error
    if _local_name(root.tag) != "svg":
        raise DomainError(_("Filen är inte en SVG-bild. Ladda upp en SVG- eller PNG-fil."), "logo_file")
    for element in root.iter():
        if _local_name(element.tag) in SVG_ACTIVE_ELEMENTS:
            raise DomainError(_("SVG-filen innehåller skript eller inbäddat innehåll. En logotyp får bara vara en "
                                "bild: ta bort det och ladda upp filen igen."), "logo_file")
        for name, value in element.attrib.items():
            attribute = _local_name(name)
            external = attribute in SVG_REFERENCE_ATTRIBUTES and not value.strip().startswith("#")
            if attribute.startswith("on") or external or "javascript:" in value.lower():
                raise DomainError(_("SVG-filen innehåller skript eller länkar till andra filer. En logotyp får bara "
                                    "vara en bild: ta bort dem och ladda upp filen igen."), "logo_file")
        style = element.text or ""
        if _local_name(element.tag) == "style" and ("@import" in style or "url(" in style):
            raise DomainError(_("SVG-filen hämtar andra filer i sin stil. Ta bort dem och ladda upp filen igen."),
                              "logo_file")


def _checked_logo(logo: LogoUpload) -> str:
    """The logo's content type, once it has proved to be a picture and nothing more."""
    if len(logo.content) > LOGO_MAX_BYTES:
        raise DomainError(_("Logotypen är %(size)d kB. Den får vara högst %(limit)d kB.",
                            size=math.ceil(len(logo.content) / 1024), limit=LOGO_MAX_BYTES // 1024), "logo_file")
    extension = logo.filename.rsplit(".", 1)[-1].lower() if "." in logo.filename else ""
    if extension == "png":
        _checked_png(logo.content)
        return PNG
    if extension == "svg":
        _checked_svg(logo.content)
        return SVG
    raise DomainError(_("Logotypen ska vara en SVG- eller PNG-fil."), "logo_file")


def save_site_settings(session: Session, actor: User, fields: SiteFields, *, logo: LogoUpload | None = None,
                       remove_logo: bool = False) -> SiteSettings:
    """Save what an admin chose; a colour or a logo that breaks a rule leaves everything as it was."""
    if not actor.is_admin:
        raise DomainError(_("Bara en administratör kan ändra webbplatsens inställningar."))
    colour = _checked_colour(fields.accent_colour)
    logo_mimetype = _checked_logo(logo) if logo is not None else None
    settings = session.get(SiteSettings, ONLY_ROW)
    if settings is None:
        settings = SiteSettings(id=ONLY_ROW, revision=0)
        session.add(settings)
    settings.municipality_name = fields.municipality_name.strip()
    settings.accent_colour = colour
    settings.contact_email = fields.contact_email.strip()
    settings.contact_phone = fields.contact_phone.strip()
    settings.contact_address = fields.contact_address.strip()
    settings.feedback_url = fields.feedback_url.strip()
    settings.statement_reviewed_on = fields.statement_reviewed_on
    if logo is not None:
        settings.logo, settings.logo_mimetype = logo.content, logo_mimetype
    elif remove_logo:
        settings.logo, settings.logo_mimetype = None, ""
    settings.revision = (settings.revision or 0) + 1
    settings.updated_at = now_utc()
    session.flush()
    return settings


def logo_of(session: Session) -> tuple[bytes, str] | None:
    """The logo's bytes and content type, read only when the logo itself is asked for."""
    row = session.execute(sa.select(SiteSettings.logo, SiteSettings.logo_mimetype)
                          .where(SiteSettings.id == ONLY_ROW)).first()
    if row is None or not row.logo_mimetype or row.logo is None:
        return None
    return row.logo, row.logo_mimetype
