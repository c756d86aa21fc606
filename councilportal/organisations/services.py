"""Rules for organisations and their units."""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.errors import DomainError
from councilportal.organisations.models import Organisation, OrganisationKind, Unit


def _check_unique_name(session: Session, name: str, organisation: Organisation | None) -> None:
    clash = session.scalar(sa.select(Organisation).where(sa.func.lower(Organisation.name) == name.strip().lower()))
    if clash is not None and clash is not organisation:
        raise DomainError(_("Det finns redan en organisation med det namnet."), "name")


def save_organisation(session: Session, organisation: Organisation | None, **fields) -> Organisation:
    """Create (organisation=None) or update an organisation from the form's fields."""
    _check_unique_name(session, fields["name"], organisation)
    if organisation is None:
        organisation = Organisation()
        session.add(organisation)
    elif fields["kind"] != organisation.kind and organisation.id is not None:
        has_units = session.scalar(sa.select(sa.func.count(Unit.id)).where(Unit.organisation_id == organisation.id))
        if has_units and fields["kind"] not in (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION):
            raise DomainError(_("Organisationen har enheter och måste vara en kommun eller region."), "kind")
    for key, value in fields.items():
        setattr(organisation, key, value.strip() if isinstance(value, str) else value)
    session.flush()
    return organisation


def save_unit(session: Session, unit: Unit | None, *, organisation: Organisation, name: str,
              parent: Unit | None, email: str = "") -> Unit:
    if not organisation.can_own_units:
        raise DomainError(_("Bara kommuner och regioner har enheter."))
    if parent is not None:
        if parent.organisation_id != organisation.id:
            raise DomainError(_("Den överordnade enheten måste höra till samma organisation."), "parent_id")
        ancestor = parent
        while ancestor is not None:
            if unit is not None and ancestor.id == unit.id:
                raise DomainError(_("En enhet kan inte ligga under sig själv."), "parent_id")
            ancestor = ancestor.parent
    clash = session.scalar(
        sa.select(Unit).where(Unit.organisation_id == organisation.id, sa.func.lower(Unit.name) == name.strip().lower())
    )
    if clash is not None and clash is not unit:
        raise DomainError(_("Organisationen har redan en enhet med det namnet."), "name")
    if unit is None:
        unit = Unit(organisation=organisation)
        session.add(unit)
    unit.name, unit.parent, unit.email = name.strip(), parent, email.strip()
    session.flush()
    return unit


def unit_path(unit: Unit, units_by_id: dict[int, Unit]) -> str:
    names = [unit.name]
    seen = {unit.id}
    parent_id = unit.parent_id
    while parent_id is not None and parent_id not in seen and parent_id in units_by_id:
        seen.add(parent_id)
        names.append(units_by_id[parent_id].name)
        parent_id = units_by_id[parent_id].parent_id
    return " › ".join(reversed(names))


def unit_choices(session: Session, organisation: Organisation | None = None) -> list[tuple[int, str]]:
    """(id, "Organisation: Förvaltning › Enhet") for a select list, in one query."""
    statement = sa.select(Unit)
    if organisation is not None:
        statement = statement.where(Unit.organisation_id == organisation.id)
    units = session.scalars(statement).all()
    by_id = {unit.id: unit for unit in units}
    labelled = [(unit.id, f"{unit.organisation.short_name or unit.organisation.name}: {unit_path(unit, by_id)}")
                for unit in units]
    return sorted(labelled, key=lambda choice: choice[1].lower())


def organisations_of_kind(session: Session, *kinds: OrganisationKind) -> list[Organisation]:
    statement = sa.select(Organisation).order_by(Organisation.name)
    if kinds:
        statement = statement.where(Organisation.kind.in_(kinds))
    return list(session.scalars(statement))
