"""Imports every domain's models so the metadata is complete (for migrations and tests)."""

from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, User
from councilportal.compensation.models import (
    ClaimAttachment,
    CompensationClaim,
    CompensationEvent,
    CompensationRule,
    PayrollIdentity,
)
from councilportal.councils.models import Council, Membership
from councilportal.mail.models import OutboxMessage
from councilportal.meetings.models import AgendaItem, Attendance, Meeting, MeetingDocument, MinutesChecker
from councilportal.organisations.models import Organisation, Unit
from councilportal.pagecache import ContentVersion
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
    "ClaimAttachment",
    "CompensationClaim",
    "CompensationEvent",
    "CompensationRule",
    "ContentVersion",
    "Council",
    "LoginAttempt",
    "Meeting",
    "MeetingDocument",
    "Membership",
    "MinutesChecker",
    "Organisation",
    "OutboxMessage",
    "PayrollIdentity",
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
