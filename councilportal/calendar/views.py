"""The calendar feeds (a public contract: PRODUCT.md, "Calendar") and the private feed's address."""

from collections.abc import Callable
from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.http import is_resource_modified

from councilportal.accounts.forms import ConfirmForm
from councilportal.accounts.models import User
from councilportal.calendar import policies, services
from councilportal.extensions import db
from councilportal.links import absolute_url
from councilportal.meetings.ics import meeting_calendar
from councilportal.pagecache import bodies_kept_within, kept_or_built
from councilportal.timeutil import now_utc
from councilportal.web import acting_user, require

bp = Blueprint("calendar", __name__)


@bp.app_context_processor
def calendar_policies():
    """App-wide: the council page links to its feed when the feed route would serve it."""
    return {"calendar_policies": policies}

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(stamp: services.FeedStamp, build: Callable[[], bytes], *, name: str,
                       private: bool, filename: str | None = None, cache_key: str | None = None,
                       variant: tuple = ()) -> Response:
    """The feed, or 304 Not Modified when the client's copy is current: then `build` never runs.

    With a `cache_key`, the body is kept by its ETag, which changes whenever the body would: the next
    request for the same feed in the same state is answered without loading a meeting.
    """
    etag = stamp.etag(name, get_locale(), *variant)
    if not is_resource_modified(request.environ, etag=etag, last_modified=stamp.last_modified):
        response = Response(status=304)
    else:
        body = _rendered_feed(cache_key, etag, build) if cache_key else build()
        response = Response(body, content_type=CALENDAR_CONTENT_TYPE)
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(etag, weak=True)  # DTSTAMP differs between renders: equal in meaning, not in bytes
    response.last_modified = stamp.last_modified
    # Clients must ask again each time (cheap, thanks to the ETag); shared caches keep private feeds out.
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    return response


def _rendered_feed(cache_key: str, etag: str, build: Callable[[], bytes]) -> bytes:
    """The feed's body from this worker's cache, built on a miss. The key names whose feed it is and the
    ETag everything that shapes it, so no body ever reaches a feed other than its own."""
    store = current_app.extensions.setdefault(
        "councilportal.feed_cache", bodies_kept_within(current_app.config["CALENDAR_FEED_CACHE_BYTES"]))
    # One body per feed and language, replaced when the feed changes.
    return kept_or_built(store, (cache_key, str(get_locale())), etag, build)


def _feed_window_start():
    return now_utc() - timedelta(days=current_app.config["CALENDAR_FEED_DAYS_BACK"])


def _token_owner_or_404(token: str) -> User:
    owner = services.find_feed_owner(db.session, token)
    if owner is None:
        abort(404)
    return owner


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting(meeting_id: int):
    found = services.find_meeting(db.session, meeting_id)
    if found is None or found.is_draft:
        abort(404)
    if "token" in request.args:
        # For calendar programs, which cannot sign in: the token of the private feed opens it too.
        if not policies.can_download_meeting(_token_owner_or_404(request.args["token"]), found):
            abort(404)
    else:
        require(policies.can_download_meeting(acting_user(), found))
    return _calendar_response(services.meeting_stamp(found),
                              lambda: meeting_calendar(services.feed_meetings(db.session,
                                                                              services.only_meeting(found.id))),
                              name=found.title, private=not found.council.is_public, filename=f"mote-{found.id}.ics",
                              cache_key=f"meeting-{found.id}")


@bp.get("/councils/<slug>/meetings.ics")
def council_feed(slug: str):
    since = _feed_window_start()
    found = services.council_feed_state(db.session, slug, since)
    if found is None or not policies.has_public_feed(found[0]):
        abort(404)
    council, stamp = found
    return _calendar_response(
        stamp,
        lambda: meeting_calendar(services.feed_meetings(db.session, services.council_feed(council.id, since)),
                                 name=council.name),
        name=council.name, private=False, cache_key=f"council-{council.id}",
    )


@bp.get("/calendar/<token>.ics")
def personal_feed(token: str):
    since = _feed_window_start()
    sources = services.private_feed_sources(current_app)
    feed = services.personal_feed_state(db.session, token, since, sources)
    if feed is None:
        abort(404)
    portal = current_app.config["PORTAL_NAME"]
    return _calendar_response(
        feed.stamp,
        lambda: meeting_calendar(services.feed_meetings(db.session, services.personal_feed(feed.councils, since)),
                                 name=_("%(portal)s: mina möten", portal=portal),
                                 entries=[entry for source in sources
                                          for entry in source.entries(db.session, feed.owner_id, since)]),
        # The feed's title is the portal's name in the reader's language, which the ETag holds too: it is
        # translated only when the feed is built, not for every poll. The councils are part of the ETag:
        # leaving one and joining another must change the feed.
        name=portal, private=True, cache_key=f"person-{feed.owner_id}", variant=tuple(feed.councils),
    )


@bp.post("/profile/calendar-token")
@login_required
def regenerate_token():
    user = acting_user()
    require(policies.can_have_personal_feed(user))
    if ConfirmForm().validate_on_submit():
        services.regenerate_calendar_token(db.session, user)
        db.session.commit()
        flash(_("Du har fått en ny kalenderlänk. Den gamla fungerar inte längre: "
                "lägg till den nya i din kalender."), "success")
    return redirect(url_for("accounts.profile") + "#kalender")


@bp.app_template_global()
def personal_feed_links(user: User) -> dict[str, str]:
    """The private feed's address, as https and as webcal (which opens the calendar program)."""
    https = absolute_url("calendar.personal_feed", token=user.calendar_token)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}

