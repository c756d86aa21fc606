"""Imports every domain's models so the metadata is complete (for migrations and tests)."""

from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, User
from councilportal.councils.models import Council, Membership
from councilportal.mail.models import OutboxMessage
from councilportal.meetings.models import AgendaItem, Attendance, Meeting, MeetingDocument, MinutesChecker
from councilportal.organisations.models import Organisation, Unit
from councilportal.pagecache import ContentVersion
from councilportal.site_settings.models import SiteSettings
from councilportal.uploads import StoredFileChunk
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    Viewpoint,
    ViewpointAttachment,
    ViewpointEvent,
    ViewpointResponse,
)
from councilportal.viewpoints.queries import search_index
from councilportal.viewpoints.reminders import ViewpointReminder

__all__ = [
    "AccountToken",
    "AgendaItem",
    "AgendaViewpoint",
    "Attendance",
    "AuditEvent",
    "ContentVersion",
    "Council",
    "LoginAttempt",
    "Meeting",
    "MeetingDocument",
    "Membership",
    "MinutesChecker",
    "Organisation",
    "OutboxMessage",
    "SiteSettings",
    "StoredFileChunk",
    "Unit",
    "User",
    "Viewpoint",
    "ViewpointAttachment",
    "ViewpointEvent",
    "ViewpointReminder",
    "ViewpointResponse",
    "search_index",
]
