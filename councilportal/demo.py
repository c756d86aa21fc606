"""The fictional Exempelstad demo: every page has something real to show.

Built through the same domain functions the views use, so the demo obeys every rule.
"""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.accounts.services import hash_password
from councilportal.audits import demo as audits_demo
from councilportal.compensation import demo as compensation_demo
from councilportal.councils.models import MembershipRole, Seat
from councilportal.councils.services import CouncilFields, MembershipFields, add_membership, save_council
from councilportal.meetings import demo as meetings_demo
from councilportal.organisations.models import OrganisationKind
from councilportal.organisations.services import save_organisation, save_unit
from councilportal.reports import demo as reports_demo
from councilportal.site_settings import demo as site_settings_demo
from councilportal.statistics import demo as statistics_demo
from councilportal.viewpoints import demo as viewpoints_demo

DEMO_PASSWORD = "brukarrad-demo"

USER_ORGANISATIONS = [
    ("Riksförbundet för Social och Mental Hälsa, Exempelstad", "RSMH"),
    ("Attention Exempelstad", "Attention"),
    ("Hela Människan Exempelstad", "Hela Människan"),
    ("Intresseföreningen för Schizofreni och andra psykossjukdomar", "IFS"),
    ("Kriminellas Revansch i Samhället", "KRIS"),
    ("Anhörigas Riksförbund, lokalavdelning Exempelstad", "Anhörigas Riksförbund"),
]


def database_is_empty(session: Session) -> bool:
    return session.scalar(sa.select(sa.func.count(User.id))) == 0


def _person(session: Session, email: str, name: str, *, unit=None, is_admin=False, public=False) -> User:
    user = User(email=email, name=name, unit=unit, is_admin=is_admin, show_name_publicly=public,
                password_hash=hash_password(DEMO_PASSWORD))
    session.add(user)
    return user


def _organisation(session: Session, name: str, short_name: str, kind: OrganisationKind, email: str = ""):
    return save_organisation(session, None, name=name, short_name=short_name, kind=kind, email=email,
                             phone="", website="", address="")


def seed(session: Session) -> None:
    municipality = _organisation(session, "Exempelstads kommun", "Exempelstad", OrganisationKind.MUNICIPALITY,
                                 "kommun@exempelstad.se")
    region = _organisation(session, "Region Exempel", "Regionen", OrganisationKind.REGION, "region@exempel.se")
    user_orgs = [_organisation(session, name, short, OrganisationKind.USER_ORGANISATION)
                 for name, short in USER_ORGANISATIONS]

    social = save_unit(session, None, organisation=municipality, name="Socialförvaltningen", parent=None)
    addiction = save_unit(session, None, organisation=municipality, name="Enheten för missbruk och beroende",
                          parent=social)
    housing = save_unit(session, None, organisation=municipality, name="Boendestöd", parent=social)
    psychiatry = save_unit(session, None, organisation=region, name="Vuxenpsykiatrin", parent=None)

    admin = _person(session, "admin@exempelstad.se", "Alva Admin", is_admin=True)
    coordinator = _person(session, "samordnare@exempelstad.se", "Sara Samordnare", public=True)
    manager = _person(session, "chef@exempelstad.se", "Maja Enhetschef", unit=addiction, public=True)
    housing_manager = _person(session, "boendestod@exempelstad.se", "Henrik Boendechef", unit=housing)
    psychiatry_manager = _person(session, "psykiatri@exempel.se", "Petra Verksamhetschef", unit=psychiatry)
    representative = _person(session, "representant@exempel.se", "Rut Representant", public=True)
    deputy = _person(session, "ersattare@exempel.se", "Erik Ersättare")
    others = [_person(session, f"ledamot{index}@exempel.se", name) for index, name in enumerate(
        ["Amir Hassan", "Britt Lund", "Cecilia Ek", "David Berg", "Elin Strand", "Fredrik Holm"], start=1)]
    session.flush()

    term = (date(2026, 1, 1), date(2027, 12, 31))
    quota = {"ordinary_seats_per_organisation": 1, "deputy_seats_per_organisation": 1}
    social_council = save_council(session, None, CouncilFields(
        name="Brukarrådet för socialtjänst och beroende", slug="socialtjanst-och-beroende",
        description="Brukarorganisationer och Exempelstads kommun möts fyra gånger om året om "
                    "socialtjänst, missbruks- och beroendevård och boendestöd.",
        subject_area="Socialtjänst, missbruk och beroende", owner=municipality, is_public=True,
        coordinators=[coordinator], **quota))
    psychiatry_council = save_council(session, None, CouncilFields(
        name="Brukarrådet för vuxenpsykiatri", slug="vuxenpsykiatri",
        description="Regionens råd för frågor om vuxenpsykiatrisk vård.", subject_area="Psykiatri",
        owner=region, is_public=False, coordinators=[coordinator], **quota))
    relatives_council = save_council(session, None, CouncilFields(
        name="Anhörigrådet", slug="anhorigradet", description="Anhörigas röst i kommunens stöd.",
        subject_area="Anhörigstöd", owner=municipality, is_public=False, coordinators=[coordinator],
        ordinary_seats_per_organisation=2, deputy_seats_per_organisation=None))

    def seat(council, person, organisation, seat_kind=Seat.ORDINARY, stands_in_for=None,
             role=MembershipRole.REPRESENTATIVE):
        return add_membership(session, admin, council, person, MembershipFields(
            organisation=organisation, role=role, seat=seat_kind, stands_in_for=stands_in_for,
            term_start=term[0], term_end=term[1]))

    rsmh = seat(social_council, representative, user_orgs[0])
    seat(social_council, deputy, user_orgs[0], Seat.DEPUTY, rsmh)
    for person, organisation in zip(others[:5], user_orgs[1:], strict=True):
        seat(social_council, person, organisation)
    seat(social_council, manager, municipality, role=MembershipRole.OFFICIAL)
    seat(social_council, housing_manager, municipality, role=MembershipRole.OFFICIAL)

    seat(psychiatry_council, representative, user_orgs[0])
    seat(psychiatry_council, others[3], user_orgs[3])
    seat(psychiatry_council, others[5], user_orgs[1])
    seat(psychiatry_council, psychiatry_manager, region, role=MembershipRole.OFFICIAL)

    seat(relatives_council, others[4], user_orgs[5])
    seat(relatives_council, deputy, user_orgs[5])
    session.flush()

    site_settings_demo.seed(session, admin)
    meetings_demo.seed(session)
    viewpoints_demo.seed(session)
    audits_demo.seed(session)
    statistics_demo.seed(session)
    reports_demo.seed(session)
    compensation_demo.seed(session)
