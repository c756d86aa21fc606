"""The demo's site: Exempelstad's name, logo, colour and the accessibility statement's real contact."""

from datetime import date

from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.site_settings.services import LogoUpload, SiteFields, save_site_settings

# A plain emblem: a shield with three waves, drawn for the demo.
LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 48" width="40" height="48">
<path d="M4 4h32v20c0 12-8 18-16 22C12 42 4 36 4 24z" fill="#005a70"/>
<path d="M9 18q5.5-4 11 0t11 0M9 26q5.5-4 11 0t11 0M9 34q5.5-4 11 0t11 0" stroke="#fff" stroke-width="3" fill="none"/>
</svg>
"""


def seed(session: Session, admin: User) -> None:
    save_site_settings(session, admin, SiteFields(
        municipality_name="Exempelstads kommun",
        accent_colour="#005a70",
        contact_email="tillganglighet@exempelstad.se",
        contact_phone="010-123 45 00",
        contact_address="Exempelstads kommun\nKommunledningskontoret\n123 45 Exempelstad",
        feedback_url="https://exempelstad.se/tillganglighet/tyck-till",
        statement_reviewed_on=date(2026, 11, 20),
    ), logo=LogoUpload("exempelstad.svg", LOGO))
