"""Imports every domain's models so the metadata is complete (for migrations and tests)."""

from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, User
from councilportal.audits.models import (
    Audit,
    AuditDocument,
    AuditInterview,
    AuditorHours,
    AuditTeamMember,
    AuditTimelineEntry,
    Recommendation,
    RecommendationReminder,
    RecommendationResponse,
)
from councilportal.compensation.models import (
    ClaimAttachment,
    CompensationClaim,
    CompensationEvent,
    CompensationRule,
    PayrollIdentity,
)
from councilportal.councils.models import Council, Membership
from councilportal.mail.models import OutboxMessage
from councilportal.meetings.models import (
    AgendaItem,
    Attendance,
    DeputyCallIn,
    Meeting,
    MeetingDocument,
    MeetingReply,
    MinutesChecker,
)
from councilportal.organisations.models import Organisation, Unit
from councilportal.pagecache import ContentVersion
from councilportal.reports.models import AnnualReport, AnnualReportDraft
from councilportal.site_settings.models import SiteSettings
from councilportal.startpage.models import VisitMark
from councilportal.uploads import StoredFileChunk
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    Viewpoint,
    ViewpointAttachment,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
)
from councilportal.viewpoints.queries import search_index
from councilportal.viewpoints.reminders import ViewpointReminder

__all__ = [
    "AccountToken",
    "AgendaItem",
    "AgendaViewpoint",
    "AnnualReport",
    "AnnualReportDraft",
    "Attendance",
    "Audit",
    "AuditDocument",
    "AuditEvent",
    "AuditInterview",
    "AuditTeamMember",
    "AuditTimelineEntry",
    "AuditorHours",
    "ClaimAttachment",
    "CompensationClaim",
    "CompensationEvent",
    "CompensationRule",
    "ContentVersion",
    "Council",
    "DeputyCallIn",
    "LoginAttempt",
    "Meeting",
    "MeetingDocument",
    "MeetingReply",
    "Membership",
    "MinutesChecker",
    "Organisation",
    "OutboxMessage",
    "PayrollIdentity",
    "Recommendation",
    "RecommendationReminder",
    "RecommendationResponse",
    "SiteSettings",
    "StoredFileChunk",
    "Unit",
    "User",
    "Viewpoint",
    "ViewpointAttachment",
    "ViewpointEvent",
    "ViewpointFollowUp",
    "ViewpointReminder",
    "ViewpointResponse",
    "VisitMark",
    "search_index",
]
