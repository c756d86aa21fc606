"""Who may do what with compensation. Pure functions: `user` is None for the public."""

from councilportal.accounts.models import User
from councilportal.compensation.models import ClaimState, CompensationClaim
from councilportal.councils.models import Council, MembershipRole
from councilportal.councils.policies import runs_council
from councilportal.meetings.models import Attendance
from councilportal.organisations.models import OrganisationKind


def is_paid_attendance(attendance: Attendance | None) -> bool:
    """Representatives of user organisations are paid; officials are paid by their employer."""
    return (attendance is not None and attendance.role is MembershipRole.REPRESENTATIVE
            and attendance.organisation is not None
            and attendance.organisation.kind is OrganisationKind.USER_ORGANISATION)


def can_manage_compensation(user: User | None, council: Council) -> bool:
    """Set the rules, decide claims, read the payroll report, set payroll identifiers: who runs the council."""
    return runs_council(user, council)


def can_view_payroll_across_councils(user: User | None) -> bool:
    """One payroll file for many councils: administrators for every council, coordinators for theirs."""
    return user is not None and user.active and (user.is_admin or user.is_coordinator)


def payroll_councils(user: User | None, councils: list[Council]) -> list[Council]:
    """Of `councils`, those whose payroll `user` may read: the same rule as one council's report."""
    return [council for council in councils if can_manage_compensation(user, council)]


def can_view_compensation(user: User | None) -> bool:
    """The compensation page: a representative's own claims, and the councils a coordinator runs."""
    return user is not None and (
        user.is_admin or bool(user.coordinated_councils)
        or any(membership.role is MembershipRole.REPRESENTATIVE for membership in user.memberships))


def can_claim(user: User | None, attendance: Attendance | None) -> bool:
    """One's own attendance as a representative of a user organisation."""
    return user is not None and attendance is not None and attendance.user_id == user.id \
        and is_paid_attendance(attendance)


def can_view_claim(user: User | None, claim: CompensationClaim) -> bool:
    return user is not None and (claim.user_id == user.id or can_manage_compensation(user, claim.council))


def can_correct_claim(user: User | None, claim: CompensationClaim) -> bool:
    return user is not None and claim.user_id == user.id and claim.state is ClaimState.RETURNED


def can_decide_claim(user: User | None, claim: CompensationClaim) -> bool:
    """Approve or return: the council's coordinators, never for their own claim."""
    return (user is not None and claim.user_id != user.id and claim.state is ClaimState.SUBMITTED
            and can_manage_compensation(user, claim.council))
