"""The Atom feed of a public council: what it has done lately, newest first.

Each kind of entry is one function from (session, council, limit) to FeedEntry objects, listed in
ENTRY_KINDS; the feed takes the newest of all of them. Adding a kind (such as published annual reports) is
writing one such function and adding it to the list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from feedgen.feed import FeedGenerator
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from councilportal.councils.models import Council
from councilportal.meetings.models import Meeting, MeetingState
from councilportal.reports.models import AnnualReport
from councilportal.viewpoints.queries import answered_public_viewpoints, final_answers
from councilportal.viewpoints.workflow import public_wording

ENTRIES_PER_FEED = 50


@dataclass(frozen=True)
class FeedEntry:
    # Unique for good: "<kind>-<id>", made into a tag: URI.
    key: str
    title: str
    updated: datetime
    link: str
    summary: str


def answers(session: Session, council: Council, limit: int) -> list[FeedEntry]:
    """Final answers on "Ni sa – vi gjorde", in the public wording."""
    viewpoints = list(session.scalars(answered_public_viewpoints(council).limit(limit)))
    latest = final_answers(session, [viewpoint.id for viewpoint in viewpoints])
    entries = []
    for viewpoint in viewpoints:
        answer = latest.get(viewpoint.id)
        if answer is None:
            continue
        summary = answer.text if not answer.actions else f"{answer.text}\n\n{_('Åtgärder:')}\n{answer.actions}"
        entries.append(FeedEntry(
            key=f"answer-{answer.id}",
            title=_("Svar på %(reference)s: %(title)s", reference=viewpoint.reference,
                    title=public_wording(viewpoint).title),
            updated=answer.created_at,
            link=url_for("viewpoints.detail", viewpoint_id=viewpoint.id, _external=True),
            summary=summary,
        ))
    return entries


def approved_minutes(session: Session, council: Council, limit: int) -> list[FeedEntry]:
    """Minutes that every checker has approved."""
    meetings = session.scalars(
        sa.select(Meeting)
        .where(Meeting.council_id == council.id, Meeting.state == MeetingState.MINUTES_APPROVED)
        .order_by(Meeting.minutes_approved_at.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return [FeedEntry(
        key=f"minutes-{meeting.id}",
        title=_("Protokoll: %(title)s", title=meeting.title),
        updated=meeting.minutes_approved_at or meeting.updated_at,
        link=url_for("minutes.view", meeting_id=meeting.id, _external=True),
        summary=_("Protokollet från mötet %(title)s är justerat.", title=meeting.title),
    ) for meeting in meetings]


def annual_reports(session: Session, council: Council, limit: int) -> list[FeedEntry]:
    """Published versions of the annual report (verksamhetsberättelse); a draft never appears."""
    reports = session.scalars(
        sa.select(AnnualReport)
        .where(AnnualReport.council_id == council.id)
        .order_by(AnnualReport.published_at.desc(), AnnualReport.id.desc())
        .limit(limit)
    )
    return [FeedEntry(
        key=f"annual-report-{report.id}",
        title=_("Verksamhetsberättelse %(year)s, version %(version)s", year=report.year, version=report.version),
        updated=report.published_at,
        link=url_for("reports.version", slug=council.slug, year=report.year, version=report.version, _external=True),
        summary=_("%(council)s har publicerat sin verksamhetsberättelse för %(year)s.", council=council.name,
                  year=report.year),
    ) for report in reports]


ENTRY_KINDS: tuple[Callable[[Session, Council, int], list[FeedEntry]], ...] = (answers, approved_minutes,
                                                                                annual_reports)


def _tag(feed_url: str, key: str) -> str:
    """A tag: URI (RFC 4151) that stays the entry's id even if the portal moves to http from https."""
    return f"tag:{urlsplit(feed_url).hostname},2026:{key}"


def council_feed(session: Session, council: Council, feed_url: str) -> bytes:
    entries = sorted((entry for kind in ENTRY_KINDS for entry in kind(session, council, ENTRIES_PER_FEED)),
                     key=lambda entry: (entry.updated, entry.key), reverse=True)[:ENTRIES_PER_FEED]
    generator = FeedGenerator()
    generator.id(_tag(feed_url, f"council-{council.id}"))
    generator.title(council.name)
    generator.subtitle(_("Svar på synpunkter, justerade protokoll och publicerade verksamhetsberättelser från "
                         "%(council)s.", council=council.name))
    # The council's owner speaks for it: no person is named.
    generator.author({"name": council.owner.name})
    generator.link(href=feed_url, rel="self", type="application/atom+xml")
    generator.link(href=url_for("councils.detail", slug=council.slug, _external=True), rel="alternate")
    generator.language("sv")
    generator.updated(entries[0].updated if entries else council.created_at)
    for entry in reversed(entries):
        item = generator.add_entry()
        item.id(_tag(feed_url, entry.key))
        item.title(entry.title)
        item.updated(entry.updated)
        item.link(href=entry.link, rel="alternate")
        item.summary(entry.summary)
    return generator.atom_str(pretty=True)
