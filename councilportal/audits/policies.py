"""Who may see and act on an audit and its recommendations. Pure functions: `user` is None for the public.

Which action a state allows is the services' business (services.AUDIT_WORKFLOW, RECOMMENDATION_WORKFLOW).
"""

from councilportal.accounts.models import User
from councilportal.answering.workflow import is_responsible_for
from councilportal.audits.models import Audit, AuditState, Recommendation
from councilportal.councils.policies import is_member_of, runs_council

# From the submitted report on, a public audit's summary, recommendations, answers and outcomes are public.
PUBLISHED_STATES = (AuditState.REPORT, AuditState.ANSWERED, AuditState.FOLLOWED_UP, AuditState.CLOSED)


def _active(user: User | None) -> bool:
    return user is not None and user.active


def can_commission_audit(user: User | None) -> bool:
    """Administrators and coordinators of any council."""
    return _active(user) and (user.is_admin or user.is_coordinator)


def runs_audit(user: User | None, audit: Audit) -> bool:
    """The commissioning council's coordinators; without one, any coordinator; always an administrator."""
    if not _active(user):
        return False
    if audit.council is not None:
        return runs_council(user, audit.council)
    return user.is_admin or user.is_coordinator


def is_on_team(user: User | None, audit: Audit) -> bool:
    return _active(user) and any(member.user_id == user.id for member in audit.team)


def works_at_unit(user: User | None, audit: Audit) -> bool:
    """A manager of the audited unit, or its contact person."""
    return _active(user) and (user.unit_id == audit.unit_id or user.id == audit.contact_id)


def is_published_to_public(audit: Audit) -> bool:
    return (audit.is_public and audit.council is not None and audit.council.is_public
            and audit.state in PUBLISHED_STATES)


def _works_with(user: User | None, audit: Audit) -> bool:
    return runs_audit(user, audit) or is_on_team(user, audit) or works_at_unit(user, audit)


def can_view_audit(user: User | None, audit: Audit) -> bool:
    if _works_with(user, audit) or is_published_to_public(audit):
        return True
    return audit.council is not None and is_member_of(user, audit.council)


def can_see_work_in_progress(user: User | None, audit: Audit) -> bool:
    """Documents, interviews, hours and the report draft: for those who work with the audit."""
    return _works_with(user, audit)


def can_see_names(user: User | None, audit: Audit) -> bool:
    """People's names are for those who work with the audit and its council; others see roles."""
    return _works_with(user, audit) or (audit.council is not None and is_member_of(user, audit.council))


def can_see_name_of(user: User | None, audit: Audit, person: User) -> bool:
    """Besides those who work with the audit, everyone sees the names of people who chose to be shown."""
    return person.show_name_publicly or can_see_names(user, audit)


def can_run_audit(user: User | None, audit: Audit) -> bool:
    """Start fieldwork, set the feedback meeting, assign recommendations, close or cancel."""
    return runs_audit(user, audit)


def can_do_fieldwork(user: User | None, audit: Audit) -> bool:
    """Record interviews, add documents, write and submit the report, follow up: the team, and those
    who run the audit on its behalf."""
    return is_on_team(user, audit) or runs_audit(user, audit)


def can_record_hours(user: User | None, audit: Audit) -> bool:
    return is_on_team(user, audit) or runs_audit(user, audit)


def can_assign_recommendation(user: User | None, recommendation: Recommendation) -> bool:
    return runs_audit(user, recommendation.audit)


def can_answer_recommendation(user: User | None, recommendation: Recommendation) -> bool:
    return is_responsible_for(user, recommendation)


def can_follow_up_recommendation(user: User | None, recommendation: Recommendation) -> bool:
    return can_do_fieldwork(user, recommendation.audit)


def offers_audit_list(user: User | None) -> bool:
    """The menu offers the list to people signed in; anyone may open it and finds the public audits."""
    return _active(user)
