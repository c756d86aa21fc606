"""Plain functions that make test data through the models (or the services where rules matter)."""

import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from werkzeug.security import generate_password_hash

from councilportal.accounts.models import User
from councilportal.councils.models import Council, Membership, MembershipRole, Seat
from councilportal.organisations.models import Organisation, OrganisationKind, Unit
from councilportal.timeutil import today_in_sweden

TEST_PASSWORD = "rätt-häst-batteri-häftklammer"
_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD, method="pbkdf2:sha256:1000")
_sequence = itertools.count(1)


def make_user(session, name: str | None = None, email: str | None = None, *, password: bool = True, **fields) -> User:
    number = next(_sequence)
    user = User(name=name or f"Person {number}", email=email or f"person{number}@example.se",
                password_hash=_PASSWORD_HASH if password else None, **fields)
    session.add(user)
    session.flush()
    return user


def make_organisation(session, name: str | None = None, kind=OrganisationKind.USER_ORGANISATION,
                      **fields) -> Organisation:
    number = next(_sequence)
    organisation = Organisation(name=name or f"Organisation {number}",
                                short_name=fields.pop("short_name", f"ORG{number}"), kind=kind, **fields)
    session.add(organisation)
    session.flush()
    return organisation


def make_unit(session, organisation: Organisation, name: str | None = None, parent: Unit | None = None) -> Unit:
    unit = Unit(organisation=organisation, name=name or f"Enhet {next(_sequence)}", parent=parent)
    session.add(unit)
    session.flush()
    return unit


def make_council(session, owner: Organisation, *, name: str | None = None, slug: str | None = None,
                 is_public: bool = False, coordinators=(), **fields) -> Council:
    number = next(_sequence)
    council = Council(name=name or f"Brukarråd {number}", slug=slug or f"rad-{number}", owner=owner,
                      is_public=is_public, coordinators=list(coordinators), **fields)
    session.add(council)
    session.flush()
    return council


def make_membership(session, council: Council, user: User, organisation: Organisation, *,
                    role=MembershipRole.REPRESENTATIVE, seat=Seat.ORDINARY, stands_in_for=None,
                    term_start: date | None = None, term_end: date | None = None) -> Membership:
    today = today_in_sweden()
    membership = Membership(council=council, user=user, organisation=organisation, role=role, seat=seat,
                            stands_in_for=stands_in_for, term_start=term_start or today - timedelta(days=30),
                            term_end=term_end)
    session.add(membership)
    session.flush()
    return membership


@dataclass
class World:
    municipality: Organisation
    user_organisation: Organisation
    unit: Unit
    council: Council
    public_council: Council
    admin: User
    coordinator: User
    representative: User
    manager: User
    outsider: User
    membership: Membership

    def by_role(self, role: str) -> User | None:
        return None if role == "public" else getattr(self, role)


def build_world(session) -> World:
    municipality = make_organisation(session, "Testkommun", OrganisationKind.MUNICIPALITY, short_name="TK")
    user_organisation = make_organisation(session, "RSMH Test", short_name="RSMH")
    unit = make_unit(session, municipality, "Socialförvaltningen")
    admin = make_user(session, "Ada Admin", "admin@example.se", is_admin=True)
    coordinator = make_user(session, "Cora Samordnare", "samordnare@example.se")
    representative = make_user(session, "Rut Representant", "rep@example.se")
    manager = make_user(session, "Max Chef", "chef@example.se", unit=unit)
    outsider = make_user(session, "Otto Utanför", "otto@example.se")
    council = make_council(session, municipality, name="Brukarrådet för socialtjänst", slug="socialtjanst",
                           coordinators=[coordinator], ordinary_seats_per_organisation=1,
                           deputy_seats_per_organisation=1)
    public_council = make_council(session, municipality, name="Öppna rådet", slug="oppna-radet", is_public=True)
    membership = make_membership(session, council, representative, user_organisation)
    make_membership(session, council, manager, municipality, role=MembershipRole.OFFICIAL)
    session.commit()
    return World(municipality, user_organisation, unit, council, public_council, admin, coordinator,
                 representative, manager, outsider, membership)
