"""The main menu: which links a person sees is asked of the policies."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from councilportal.accounts import policies as account_policies
from councilportal.audits import policies as audit_policies
from councilportal.compensation import policies as compensation_policies
from councilportal.councils import policies as council_policies
from councilportal.meetings import policies as meeting_policies
from councilportal.organisations import policies as organisation_policies
from councilportal.site_settings import policies as site_policies
from councilportal.startpage import policies as startpage_policies
from councilportal.statistics import policies as statistics_policies
from councilportal.viewpoints import policies as viewpoint_policies
from councilportal.web import acting_user, csrf_field, form_was_rejected

MENU = [
    ("startpage.index", _l("Att göra"), startpage_policies.can_view_start_page),
    ("councils.mine", _l("Mina råd"), council_policies.can_view_my_councils),
    ("meetings.mine", _l("Mina möten"), meeting_policies.can_view_my_meetings),
    ("councils.index", _l("Råd"), lambda user: True),
    ("viewpoints.submit", _l("Lämna synpunkt"), viewpoint_policies.can_submit_any_viewpoint),
    ("viewpoint_lists.mine", _l("Synpunkter"), viewpoint_policies.can_view_viewpoint_lists),
    ("viewpoint_lists.my_organisation", _l("Min organisations synpunkter"),
     viewpoint_policies.can_view_organisation_viewpoints),
    ("viewpoint_lists.assigned", _l("Att besvara"), viewpoint_policies.can_view_assigned_viewpoints),
    ("audits.index", _l("Brukarrevision"), audit_policies.offers_audit_list),
    ("statistics.overview", _l("Statistik"), statistics_policies.can_view_statistics),
    ("compensation.index", _l("Arvode"), compensation_policies.can_view_compensation),
    ("accounts.profile", _l("Min profil"), account_policies.can_edit_profile),
    ("organisations.index", _l("Organisationer"), organisation_policies.can_manage_organisations),
    ("accounts.account_list", _l("Konton"), account_policies.can_manage_accounts),
    ("accounts.audit_log", _l("Händelselogg"), account_policies.can_view_audit_log),
    ("minutes.all_attendance_report", _l("Närvarorapport"), meeting_policies.can_view_all_attendance_reports),
    ("site_settings.edit", _l("Webbplatsen"), site_policies.can_manage_site_settings),
]


def register_navigation(app: Flask) -> None:
    @app.context_processor
    def navigation():
        def main_navigation():
            user = acting_user()
            return [(endpoint, label) for endpoint, label, allowed in MENU if allowed(user)]

        return {"main_navigation": main_navigation, "csrf_field": csrf_field, "form_was_rejected": form_was_rejected}
