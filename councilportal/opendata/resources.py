"""The JSON the API answers with, described field by field in openapi.py.

Everything here is what a public council's public pages show already, in the wording the public reads.
People appear only by organisation or unit; a person's name only when they chose to show it publicly.
"""

from datetime import date, datetime

from flask import url_for

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.opendata.services import Page, PublicViewpoint
from councilportal.viewpoints.workflow import public_wording


def _moment(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _public_name(person: User | None) -> str | None:
    return person.name if person is not None and person.show_name_publicly else None


def page(items: list[dict], page: Page, endpoint: str, **values) -> dict:
    following = (url_for(endpoint, cursor=page.next_cursor, _external=True, **values)
                 if page.next_cursor else None)
    return {"items": items, "next_cursor": page.next_cursor, "next": following}


def council(found: Council) -> dict:
    return {
        "slug": found.slug,
        "name": found.name,
        "description": found.description,
        "subject_area": found.subject_area,
        "owner": found.owner.name,
        "url": url_for("councils.detail", slug=found.slug, _external=True),
        "meetings": url_for("opendata.meetings", slug=found.slug, _external=True),
        "viewpoints": url_for("opendata.viewpoints", slug=found.slug, _external=True),
        "feed": url_for("opendata.feed", slug=found.slug, _external=True),
        "calendar": url_for("calendar.council_feed", slug=found.slug, _external=True),
    }


def meeting(found: Meeting) -> dict:
    approved = found.state is MeetingState.MINUTES_APPROVED
    return {
        "id": found.id,
        "council": found.council.slug,
        "title": found.title,
        "description": found.description,
        "starts_at": _moment(found.starts_at),
        "ends_at": _moment(found.ends_at),
        "location": found.location,
        "state": found.state.value,
        "url": url_for("meetings.detail", meeting_id=found.id, _external=True),
        "minutes_url": url_for("minutes.view", meeting_id=found.id, _external=True) if approved else None,
    }


def viewpoint(found: PublicViewpoint) -> dict:
    shown, wording = found.viewpoint, public_wording(found.viewpoint)
    return {
        "reference": shown.reference,
        "council": shown.council.slug,
        "title": wording.title,
        "body": wording.body,
        "subject": shown.subject,
        "organisation": shown.organisation.name,
        "submitted_by": _public_name(shown.submitted_by),
        "responsible_unit": shown.responsible_unit.name if shown.responsible_unit else None,
        "state": shown.state.value,
        "submitted_at": _moment(shown.created_at),
        "received_at": _moment(shown.received_at),
        "published_at": _moment(shown.published_at),
        "answered_at": _moment(shown.answered_at),
        "closed_at": _moment(shown.closed_at),
        "deadline": _day(shown.deadline),
        "outcome": shown.outcome.value if shown.outcome else None,
        "rating": shown.rating,
        "answers": [{
            "kind": "final" if response.is_final else "interim",
            "text": response.text,
            "actions": response.actions,
            "follow_up_on": _day(response.follow_up_on),
            "given_at": _moment(response.created_at),
            "given_by": _public_name(response.manager),
        } for response in found.responses],
        "url": url_for("viewpoints.detail", viewpoint_id=shown.id, _external=True),
    }
