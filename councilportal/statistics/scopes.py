"""Which viewpoints and meetings a reader's figures are drawn from, as a figures.Scope (the SQL twin of
policies.py)."""

from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.services import councils_visible_to
from councilportal.statistics import policies
from councilportal.statistics.figures import Scope


def scope_for(session: Session, user: User | None) -> tuple[Scope, list[Council]]:
    """Across councils: every council the reader may see (all for an admin), and a manager's unit; with those
    councils, by name, to filter by."""
    councils = list(session.scalars(councils_visible_to(user)))
    if user is not None and user.is_admin:
        return Scope(None), councils
    unit_id = user.unit_id if user is not None and user.active else None
    return Scope(tuple(council.id for council in councils), unit_id,
                 tuple(council.id for council in councils if policies.reads_as_public(user, council))), councils


def council_scope(user: User | None, council: Council) -> Scope:
    """On one council's page: all of it for its readers, else only what the manager's unit answers for."""
    if policies.sees_whole_council(user, council):
        return Scope((council.id,), None, (council.id,) if policies.reads_as_public(user, council) else ())
    return Scope((), user.unit_id if user is not None else None)
