"""Council rules: councils, coordinators, memberships, seat quotas and deputies."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.accounts.services import invite_person
from councilportal.councils.models import Council, Membership, MembershipRole, Seat, council_coordinators
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.organisations.models import Organisation, OrganisationKind
from councilportal.timeutil import today_in_sweden

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """"Brukarråd för psykiatri" -> "brukarrad-for-psykiatri"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


# --- Councils ------------------------------------------------------------------------------------


@dataclass
class CouncilFields:
    name: str
    slug: str
    description: str
    subject_area: str
    owner: Organisation
    is_public: bool
    ordinary_seats_per_organisation: int | None
    deputy_seats_per_organisation: int | None
    coordinators: list[User]


def save_council(session: Session, council: Council | None, fields: CouncilFields) -> Council:
    slug = (fields.slug or slugify(fields.name)).strip().lower()
    if not SLUG_PATTERN.match(slug):
        raise DomainError(_("Kortnamnet får bara innehålla a–z, siffror och bindestreck."), "slug")
    clash = session.scalar(sa.select(Council).where(Council.slug == slug))
    if clash is not None and clash is not council:
        raise DomainError(_("Ett annat råd använder redan kortnamnet %(slug)s.", slug=slug), "slug")
    if fields.owner.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION):
        raise DomainError(_("Ett råd ägs av en kommun eller en region."), "owner_id")
    for quota, field in ((fields.ordinary_seats_per_organisation, "ordinary_seats_per_organisation"),
                         (fields.deputy_seats_per_organisation, "deputy_seats_per_organisation")):
        if quota is not None and not 0 <= quota <= 50:
            raise DomainError(_("Antalet platser ska vara mellan 0 och 50."), field)
    if any(not coordinator.active for coordinator in fields.coordinators):
        raise DomainError(_("En samordnare måste ha ett aktivt konto."), "coordinator_ids")
    if council is None:
        council = Council()
        session.add(council)
    council.name = fields.name.strip()
    council.slug = slug
    council.description = fields.description.strip()
    council.subject_area = fields.subject_area.strip()
    council.owner = fields.owner
    council.is_public = fields.is_public
    council.ordinary_seats_per_organisation = fields.ordinary_seats_per_organisation
    council.deputy_seats_per_organisation = fields.deputy_seats_per_organisation
    council.coordinators = list(fields.coordinators)
    session.flush()
    return council


def find_council(session: Session, slug: str) -> Council | None:
    return session.scalar(sa.select(Council).where(Council.slug == slug))


def councils_visible_to(user: User | None) -> sa.Select:
    """The councils a person may see listed: the same rule as policies.can_view_council."""
    statement = sa.select(Council).order_by(Council.name)
    if user is None:
        return statement.where(Council.is_public.is_(True))
    if user.is_admin:
        return statement
    today = today_in_sweden()
    return statement.where(
        sa.or_(
            Council.is_public.is_(True),
            Council.id.in_(
                sa.select(council_coordinators.c.council_id).where(council_coordinators.c.user_id == user.id)),
            Council.id.in_(_active_membership_council_ids(user.id, today)),
        )
    )


def _active_membership_council_ids(user_id: int, today: date) -> sa.Select:
    return sa.select(Membership.council_id).where(Membership.user_id == user_id, Membership.is_active_on(today))


def councils_of(session: Session, user: User) -> list[Council]:
    """"My councils": the ones a person sits on today or coordinates."""
    today = today_in_sweden()
    return list(session.scalars(
        sa.select(Council).where(
            sa.or_(
                Council.id.in_(
                    sa.select(council_coordinators.c.council_id).where(council_coordinators.c.user_id == user.id)),
                Council.id.in_(_active_membership_council_ids(user.id, today)),
            )
        ).order_by(Council.name)
    ))


def council_memberships(session: Session, council: Council, *, current_only: bool = False) -> list[Membership]:
    statement = (
        sa.select(Membership)
        .join(Membership.organisation)
        .join(Membership.user)
        .where(Membership.council_id == council.id)
        .order_by(Organisation.name, Membership.seat.desc(), User.name, Membership.term_start.desc())
    )
    if current_only:
        today = today_in_sweden()
        statement = statement.where(Membership.is_active_on(today))
    return list(session.scalars(statement).unique())


def active_members(session: Session, council: Council, day: date | None = None) -> list[User]:
    """Everyone who sits on the council on `day` (today by default), each once."""
    day = day or today_in_sweden()
    return list(session.scalars(
        sa.select(User).where(
            User.active.is_(True),
            User.id.in_(sa.select(Membership.user_id).where(
                Membership.council_id == council.id, Membership.is_active_on(day),
            )),
        ).order_by(User.name)
    ))


# --- Memberships ---------------------------------------------------------------------------------


@dataclass
class MembershipFields:
    organisation: Organisation
    role: MembershipRole
    seat: Seat
    stands_in_for: Membership | None
    term_start: date
    term_end: date | None


def _check_membership(session: Session, council: Council, user: User, fields: MembershipFields,
                      membership: Membership | None) -> None:
    if fields.term_end is not None and fields.term_end < fields.term_start:
        raise DomainError(_("Mandatperioden kan inte sluta innan den börjar."), "term_end")
    if (fields.role is MembershipRole.REPRESENTATIVE
            and fields.organisation.kind is not OrganisationKind.USER_ORGANISATION):
        raise DomainError(_("En brukarrepresentant företräder en brukarorganisation."), "organisation_id")
    # Two coordinators adding members at once must not both take the last seat: the council row
    # is locked until the transaction ends (PostgreSQL; SQLite serialises writers anyway).
    session.execute(sa.select(Council.id).where(Council.id == council.id).with_for_update())
    others = session.scalars(
        sa.select(Membership).where(
            Membership.council_id == council.id,
            Membership.id != (membership.id if membership else -1),
        )
    ).all()
    overlapping = [m for m in others if m.overlaps(fields.term_start, fields.term_end)]
    if any(m.user_id == user.id for m in overlapping):
        raise DomainError(_("%(name)s är redan ledamot i rådet under den perioden.", name=user.name), "email")
    if fields.seat is Seat.ORDINARY and fields.stands_in_for is not None:
        raise DomainError(_("Bara en ersättare står i för någon annan."), "stands_in_for_id")
    if fields.seat is Seat.DEPUTY and fields.role is MembershipRole.REPRESENTATIVE:
        _check_deputy_pairing(fields, council, overlapping)
    if fields.role is MembershipRole.REPRESENTATIVE:
        _check_seat_quota(council, fields, overlapping)


def _check_deputy_pairing(fields: MembershipFields, council: Council, overlapping: list[Membership]) -> None:
    partner = fields.stands_in_for
    if partner is None:
        raise DomainError(_("Välj vilken ordinarie ledamot ersättaren står i för."), "stands_in_for_id")
    if (partner.council_id != council.id or partner.seat is not Seat.ORDINARY
            or partner.organisation_id != fields.organisation.id):
        raise DomainError(
            _("Ersättaren måste stå i för en ordinarie ledamot från samma organisation i samma råd."),
            "stands_in_for_id")
    if not partner.overlaps(fields.term_start, fields.term_end):
        raise DomainError(_("Den ordinarie ledamotens mandatperiod överlappar inte ersättarens."), "stands_in_for_id")
    if any(m.stands_in_for_id == partner.id and m.seat is Seat.DEPUTY for m in overlapping):
        raise DomainError(_("%(name)s har redan en ersättare under den perioden.", name=partner.user.name),
                          "stands_in_for_id")


def _check_seat_quota(council: Council, fields: MembershipFields, overlapping: list[Membership]) -> None:
    quota = (council.ordinary_seats_per_organisation if fields.seat is Seat.ORDINARY
             else council.deputy_seats_per_organisation)
    if quota is None:
        return
    taken = sum(1 for m in overlapping if m.organisation_id == fields.organisation.id
                and m.seat is fields.seat and m.role is MembershipRole.REPRESENTATIVE)
    if taken >= quota:
        if fields.seat is Seat.ORDINARY:
            message = _("%(organisation)s har redan fyllt sina ordinarie platser (%(count)d per organisation) "
                        "under perioden. Avsluta en annan ledamots mandat först, "
                        "eller lägg till personen som ersättare.",
                        organisation=fields.organisation.name, count=quota)
        else:
            message = _("%(organisation)s har redan fyllt sina ersättarplatser (%(count)d per organisation) "
                        "under perioden. Avsluta en annan ersättares mandat först.",
                        organisation=fields.organisation.name, count=quota)
        raise DomainError(message, "seat")


def add_membership(session: Session, actor: User, council: Council, user: User, fields: MembershipFields) -> Membership:
    _check_membership(session, council, user, fields, None)
    membership = Membership(
        council=council, user=user, organisation=fields.organisation, role=fields.role, seat=fields.seat,
        stands_in_for=fields.stands_in_for if fields.seat is Seat.DEPUTY else None,
        term_start=fields.term_start, term_end=fields.term_end,
    )
    session.add(membership)
    session.flush()
    return membership


def add_member_by_email(session: Session, actor: User, council: Council, *, email: str, name: str,
                        fields: MembershipFields) -> Membership:
    """Add a member, inviting them by e-mail first if they have no account yet."""
    user = invite_person(session, actor, email=email, name=name, context=council.name)
    membership = add_membership(session, actor, council, user, fields)
    if user.has_password:
        queue_mail(session, recipient=user.email, locale=user.locale, template="membership_added",
                   kind="membership_added", user=user, council=council, membership=membership,
                   link=absolute_url("councils.detail", slug=council.slug))
    return membership


def update_membership(session: Session, actor: User, membership: Membership, fields: MembershipFields) -> None:
    _check_membership(session, membership.council, membership.user, fields, membership)
    membership.organisation = fields.organisation
    membership.role = fields.role
    membership.seat = fields.seat
    membership.stands_in_for = fields.stands_in_for if fields.seat is Seat.DEPUTY else None
    membership.term_start = fields.term_start
    membership.term_end = fields.term_end
    session.flush()


def end_membership(session: Session, actor: User, membership: Membership, last_day: date) -> None:
    """End the term on `last_day`; history stays, so attendance and viewpoints keep their context."""
    if last_day < membership.term_start:
        raise DomainError(_("Mandatet kan inte sluta innan det har börjat."))
    if membership.term_end is not None and membership.term_end <= last_day:
        raise DomainError(_("Mandatet har redan slutat."))
    membership.term_end = last_day
    session.flush()
