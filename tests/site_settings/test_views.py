"""The admin's page for the site: what is saved shows at once on every page, and what would harm is refused."""

import io
import struct
import zlib
from datetime import date

import pytest

from councilportal.site_settings import services
from councilportal.site_settings.models import SiteSettings

SETTINGS = {
    "municipality_name": "Exempelstads kommun",
    "accent_colour": "#1A5276",
    "contact_email": "tillganglighet@exempelstad.se",
    "contact_phone": "010-123 45 67",
    "contact_address": "Exempelstads kommun\nBox 1\n123 45 Exempelstad",
    "feedback_url": "https://exempelstad.se/tyck-till",
    "statement_reviewed_on": "2026-11-20",
}
SVG_LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            b'<rect width="10" height="10" fill="#1a5276"/></svg>')


def png(width: int = 4, height: int = 2) -> bytes:
    """A real, tiny PNG: signature, header, one grey image and the end."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def post_settings(client, logo: tuple[bytes, str] | None = None, **changes):
    data = {**SETTINGS, **changes}
    if logo is not None:
        data["logo_file"] = (io.BytesIO(logo[0]), logo[1])
    return client.post("/admin/site", data=data, content_type="multipart/form-data")


def test_saved_settings_show_at_once_on_public_pages_kept_in_the_cache(client, auth, world, session):
    assert "Exempelstads kommun" not in client.get("/tillganglighet").text  # now kept for the public
    auth.login(world.admin)
    response = post_settings(client, logo=(SVG_LOGO, "logga.svg"))
    assert response.status_code == 302
    auth.logout()

    page = client.get("/tillganglighet").text
    assert "Exempelstads kommun" in page
    assert 'href="mailto:tillganglighet@exempelstad.se"' in page
    assert 'href="tel:0101234567"' in page
    assert "Box 1" in page and 'href="https://exempelstad.se/tyck-till"' in page
    assert "20 november 2026" in page
    assert "kommunens växel" not in page
    settings = session.get(SiteSettings, 1)
    assert settings.accent_colour == "#1a5276"
    assert f'/site/accent/{settings.revision}.css' in page
    assert f'src="/site/logo/{settings.revision}"' in page
    assert 'class="print-header"' in page


def test_the_accent_stylesheet_and_the_logo_are_served_safely(client, auth, world, session):
    auth.login(world.admin)
    post_settings(client, logo=(SVG_LOGO, "logga.svg"))
    revision = session.get(SiteSettings, 1).revision

    stylesheet = client.get(f"/site/accent/{revision}.css")
    assert stylesheet.mimetype == "text/css"
    assert "--brand: #1a5276;" in stylesheet.text and "--brand-dark: #133d58;" in stylesheet.text
    assert stylesheet.cache_control.max_age > 0

    logo = client.get(f"/site/logo/{revision}")
    assert logo.mimetype == "image/svg+xml"
    assert logo.data == SVG_LOGO
    assert "sandbox" in logo.headers["Content-Security-Policy"]
    assert logo.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/site/logo/{revision - 1}").cache_control.max_age is None, "an old address is not kept"

    post_settings(client, logo=(png(), "logga.PNG"))
    revision = session.get(SiteSettings, 1).revision
    assert client.get(f"/site/logo/{revision}").mimetype == "image/png"
    post_settings(client, remove_logo="y")
    assert client.get(f"/site/logo/{session.get(SiteSettings, 1).revision}").status_code == 404


@pytest.mark.parametrize(("colour", "ratio"), [("#767676", None), ("#777777", "4,47"), ("#ffcc00", "1,51")])
def test_an_accent_colour_white_text_cannot_be_read_on_is_refused_with_its_measured_contrast(
        client, auth, world, session, colour, ratio):
    auth.login(world.admin)
    response = post_settings(client, accent_colour=colour)
    if ratio is None:
        assert response.status_code == 302, "4.54:1 is enough"
        return
    assert response.status_code == 200
    assert f"kontrasten {ratio}:1 mot vitt" in response.text
    assert response.text.split("<title>")[1].startswith("Fel:")
    assert session.get(SiteSettings, 1) is None, "nothing of the refused form was saved"


SCRIPTED_SVGS = {
    "a script element": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "an event handler": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "a javascript link": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
                         b'<a x:href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>',
    "embedded html": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "an external image": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
    "an entity": b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    "a stylesheet import": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(//evil.example/a.css);'
                           b'</style></svg>',
}


@pytest.mark.parametrize(("content", "filename", "message"), [
    *((content, "logga.svg", "SVG-filen") for content in SCRIPTED_SVGS.values()),
    (b"<html><body>not a picture</body></html>", "logga.svg", "inte en SVG-bild"),
    (b"not xml at all <", "logga.svg", "SVG-filen går inte att läsa"),
    (b"GIF89a...", "logga.png", "Bilden går inte att läsa"),
    (png(), "logga.gif", "SVG- eller PNG-fil"),
    (png(width=2001), "logga.png", "högst 2000 pixlar"),
    (SVG_LOGO + b" " * services.LOGO_MAX_BYTES, "logga.svg", "högst 200 kB"),
], ids=[*SCRIPTED_SVGS, "html", "broken xml", "gif as png", "gif name", "too wide", "too large"])
def test_a_logo_that_is_not_just_a_picture_is_refused_with_a_clear_message(client, auth, world, session, content,
                                                                            filename, message):
    auth.login(world.admin)
    response = post_settings(client, logo=(content, filename))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert message in response.text
    assert session.get(SiteSettings, 1) is None


def test_the_contrast_is_computed_as_wcag_defines_it():
    assert services.contrast_against_white("#000000") == pytest.approx(21)
    assert services.contrast_against_white("#ffffff") == pytest.approx(1)
    assert services.contrast_against_white("#767676") == pytest.approx(4.54, abs=0.01)
    assert services.contrast_against_white("#0000ff") == pytest.approx(8.59, abs=0.01)


def test_only_an_admin_saves_settings(session, world):
    with pytest.raises(services.DomainError):
        services.save_site_settings(session, world.coordinator, services.SiteFields(municipality_name="X"))
    saved = services.save_site_settings(session, world.admin, services.SiteFields(
        municipality_name=" Kommunen ", statement_reviewed_on=date(2026, 1, 2)))
    assert (saved.municipality_name, saved.revision) == ("Kommunen", 1)
