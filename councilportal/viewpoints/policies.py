"""Who may see and act on a viewpoint. Pure functions: `user` is None for the public.

Which action a viewpoint's *state* allows is the workflow's business (workflow.TRANSITIONS);
these only say whether a person is the kind of actor the action needs. They read
`user.coordinated_councils` and `user.memberships`, which load once with the person.
"""

from datetime import date

from councilportal.accounts.models import User
from councilportal.answering.workflow import is_responsible_for
from councilportal.councils.models import Council, MembershipRole
from councilportal.councils.policies import is_member_of, runs_council
from councilportal.organisations.models import Organisation
from councilportal.timeutil import today_in_sweden
from councilportal.viewpoints.models import Viewpoint, Visibility


def organisations_represented(user: User | None, council: Council, today: date | None = None) -> list[Organisation]:
    """The user organisations a person speaks for on a council today, each once, by name."""
    if user is None or not user.active:
        return []
    today = today or today_in_sweden()
    found = {
        m.organisation_id: m.organisation
        for m in user.memberships
        if m.council_id == council.id and m.role is MembershipRole.REPRESENTATIVE and m.is_active_on(today)
    }
    return sorted(found.values(), key=lambda organisation: organisation.name)


def speaks_for_submitter(user: User | None, viewpoint: Viewpoint) -> bool:
    """An active representative, on the viewpoint's council, of the organisation that raised it."""
    return any(o.id == viewpoint.organisation_id for o in organisations_represented(user, viewpoint.council))


def _sees_unpublished(user: User | None, viewpoint: Viewpoint) -> bool:
    """Those who work with a viewpoint or sit on its council see it, published or not, as it was sent."""
    council = viewpoint.council
    if runs_council(user, council) or is_responsible_for(user, viewpoint):
        return True
    if viewpoint.visibility is Visibility.RESTRICTED:
        return speaks_for_submitter(user, viewpoint)
    return is_member_of(user, council)


def is_published_to_public(viewpoint: Viewpoint) -> bool:
    """A public viewpoint of a public council whose publication a coordinator has confirmed."""
    return viewpoint.visibility is Visibility.PUBLIC and viewpoint.council.is_public and viewpoint.is_published


def awaits_publication(viewpoint: Viewpoint) -> bool:
    """Meant for the public, but no coordinator has confirmed it yet."""
    return (viewpoint.visibility is Visibility.PUBLIC and viewpoint.council.is_public
            and not viewpoint.is_published)


def can_view_viewpoint(user: User | None, viewpoint: Viewpoint) -> bool:
    return _sees_unpublished(user, viewpoint) or is_published_to_public(viewpoint)


def reads_public_wording(user: User | None, viewpoint: Viewpoint) -> bool:
    """Whoever sees a viewpoint only because it is published reads the wording a coordinator confirmed."""
    return not _sees_unpublished(user, viewpoint)


def reads_public_wording_on(user: User | None, council: Council) -> bool:
    """Whoever neither runs nor sits on a council reads its viewpoints as published, and searches them so."""
    return not (runs_council(user, council) or is_member_of(user, council))


def can_confirm_publication(user: User | None, viewpoint: Viewpoint) -> bool:
    """Confirm (or correct, or take back) a public viewpoint's public wording: its council's coordinators.
    Nobody publishes a viewpoint that is not public, or one of a council that is not."""
    return (runs_council(user, viewpoint.council) and viewpoint.visibility is Visibility.PUBLIC
            and viewpoint.council.is_public)


def can_see_personal_data_flags(user: User | None, viewpoint: Viewpoint) -> bool:
    """Text sent despite a personal-data warning is pointed out to those who decide what is published."""
    return runs_council(user, viewpoint.council)


def can_see_names(user: User | None, viewpoint: Viewpoint) -> bool:
    """People's names are for those who work with the viewpoint; the public sees organisations and roles."""
    return (
        runs_council(user, viewpoint.council)
        or is_member_of(user, viewpoint.council)
        or is_responsible_for(user, viewpoint)
    )


def can_see_name_of(user: User | None, viewpoint: Viewpoint, person: User) -> bool:
    """Besides those who work with the viewpoint, everyone sees the names of people who chose to be shown."""
    return person.show_name_publicly or can_see_names(user, viewpoint)


def can_submit_viewpoint(user: User | None, council: Council) -> bool:
    return bool(organisations_represented(user, council))


def can_submit_any_viewpoint(user: User | None) -> bool:
    """Whether to offer "Lämna en synpunkt" at all: a representative seat on some council today."""
    if user is None or not user.active:
        return False
    today = today_in_sweden()
    return any(m.role is MembershipRole.REPRESENTATIVE and m.is_active_on(today) for m in user.memberships)


def can_triage(user: User | None, viewpoint: Viewpoint) -> bool:
    """Mark received, assign a unit or manager, set the deadline."""
    return runs_council(user, viewpoint.council)


def can_answer(user: User | None, viewpoint: Viewpoint) -> bool:
    return is_responsible_for(user, viewpoint)


def can_comment(user: User | None, viewpoint: Viewpoint) -> bool:
    """Those who work with the viewpoint; someone who only reads a public one does not comment."""
    return can_view_viewpoint(user, viewpoint) and can_see_names(user, viewpoint)


def can_withdraw(user: User | None, viewpoint: Viewpoint) -> bool:
    return speaks_for_submitter(user, viewpoint)


def can_close(user: User | None, viewpoint: Viewpoint) -> bool:
    return speaks_for_submitter(user, viewpoint)


def can_reopen(user: User | None, viewpoint: Viewpoint) -> bool:
    return speaks_for_submitter(user, viewpoint)


def can_answer_follow_up(user: User | None, viewpoint: Viewpoint) -> bool:
    """Whether the promised actions were carried out is the submitting organisation's word."""
    return speaks_for_submitter(user, viewpoint)


def can_see_follow_up_comments(user: User | None, viewpoint: Viewpoint) -> bool:
    """The organisation's comment on a follow-up is for those who work with the viewpoint, like comments;
    the public reads only the answer on the timeline."""
    return can_see_names(user, viewpoint)


def can_view_attachment(user: User | None, viewpoint: Viewpoint) -> bool:
    """Attachments stay with those who read what was sent: a coordinator confirms and corrects the public
    wording, but cannot correct a file."""
    return _sees_unpublished(user, viewpoint)


def can_put_on_agenda(user: User | None, viewpoint: Viewpoint) -> bool:
    """Putting a viewpoint on a meeting's agenda, or taking it off, is part of the council's triage."""
    return runs_council(user, viewpoint.council)


def can_view_viewpoint_lists(user: User | None) -> bool:
    """The lists across councils are for people signed in; each shows only what its reader may see."""
    return user is not None and user.active


def can_view_organisation_viewpoints(user: User | None) -> bool:
    """"My organisation's viewpoints" is for those who represent a user organisation on a council today."""
    return can_submit_any_viewpoint(user)


def can_view_assigned_viewpoints(user: User | None) -> bool:
    """Managers find "assigned to me and my unit" in the menu. The list itself opens for anyone signed in,
    since a responsible manager need not belong to a unit."""
    return user is not None and user.active and user.is_manager


def triages_council(user: User | None, council: Council) -> bool:
    """A council's coordinators and admins triage its new viewpoints, so their lists show those first."""
    return runs_council(user, council)
