"""The route × role access matrix: what each kind of person gets from every route.

Each domain lists its routes in tests/<domain>/access.py as CASES. A case names the
endpoint, how to build its URL in a fresh World (creating whatever the route needs), and the
status each role gets. tests/test_access_matrix.py runs every case for every role and checks
that no route of the app is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("public", "outsider", "representative", "manager", "coordinator", "admin")

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


def statuses(default: int, **per_role: int) -> dict[str, int]:
    """Status per role: `default` for everyone not named. Unnamed `public` is a sign-in redirect."""
    table = {role: default for role in ROLES}
    table.update(per_role)
    return table


def signed_in(default: int, **per_role: int) -> dict[str, int]:
    """A page for signed-in people: the public is sent to the sign-in page."""
    return statuses(default, **({"public": REDIRECT} | per_role))


@dataclass
class RouteCase:
    endpoint: str
    url: Callable  # (world, session) -> str; may create what the route needs
    expect: dict[str, int]
    method: str = "GET"
    data: dict = field(default_factory=dict)
    name: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.endpoint}{' ' + self.name if self.name else ''}"
