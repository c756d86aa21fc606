"""The people around one viewpoint: everyone whose rights differ, beyond the shared `world`."""

from dataclasses import dataclass

from councilportal.accounts.models import User
from councilportal.councils.models import MembershipRole
from tests.factories import World, make_membership, make_organisation, make_unit, make_user


@dataclass
class Cast:
    world: World
    other_representative: User  # another organisation's representative on the same council
    unit_colleague: User  # a manager of the responsible unit, not the responsible manager
    other_manager: User  # a manager of another unit

    def by_role(self, role: str) -> User | None:
        if role in ("other_representative", "unit_colleague", "other_manager"):
            return getattr(self, role)
        return self.world.by_role(role)


ROLES = ("public", "outsider", "admin", "coordinator", "representative", "other_representative",
         "manager", "unit_colleague", "other_manager")


def build_cast(session, world: World) -> Cast:
    attention = make_organisation(session, "Attention Test", short_name="ATT")
    other_representative = make_user(session, "Olle Annanorg", "olle@example.se")
    make_membership(session, world.council, other_representative, attention, role=MembershipRole.REPRESENTATIVE)
    unit_colleague = make_user(session, "Ulla Enhetskollega", "ulla@example.se", unit=world.unit)
    other_unit = make_unit(session, world.municipality, "Kulturförvaltningen")
    other_manager = make_user(session, "Kalle Kultur", "kalle@example.se", unit=other_unit)
    session.commit()
    return Cast(world, other_representative, unit_colleague, other_manager)
