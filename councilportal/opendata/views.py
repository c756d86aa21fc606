"""Open data of public councils: a read-only JSON API under /api/v1/, its OpenAPI description, the page
that explains it, and an Atom feed per public council.

Every answer is the same for everyone, signed in or not: no session, no form token. Lists are keyset
pages (services.py). Answers carry an ETag drawn from the content version, which every change of
anything public raises, so a client polling with If-None-Match gets 304 after one small query. Any site
may read the API from a browser (CORS for GET).
"""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, jsonify, render_template, request, url_for

from councilportal.councils.models import Council
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.opendata import figures, resources, services
from councilportal.opendata.openapi import openapi_document
from councilportal.pagecache import ONLY_ROW, ContentVersion
from councilportal.statistics.scopes import council_scope
from councilportal.statistics.services import gather_statistics, units_by_id
from councilportal.timeutil import today_in_sweden

bp = Blueprint("opendata", __name__)

API = "/api/v1"
# Raised when the shape of the answers changes, so clients' copies from before do not match.
FORMAT_VERSION = 1


@bp.after_request
def open_to_every_site(response: Response) -> Response:
    if request.path.startswith(API) or request.endpoint == "opendata.feed":
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
        response.headers["Access-Control-Expose-Headers"] = "ETag"
    return response


def _error(status: int, message: str, parameter: str | None = None) -> Response:
    body = {"status": status, "error": message}
    if parameter:
        body["parameter"] = parameter
    response = jsonify(body)
    response.status_code = status
    return response


@bp.errorhandler(404)
def not_found(_error_raised):
    return _error(404, "Not found. Only public councils have open data.")


@bp.errorhandler(DomainError)
def bad_parameter(error: DomainError):
    return _error(400, error.message, error.field)


def _content_version() -> int:
    return db.session.scalar(sa.select(ContentVersion.version).where(ContentVersion.id == ONLY_ROW)) or 0


def _current(build, mimetype: str = "application/json", day: str = "") -> Response:
    """The answer, or 304 when the client's copy is current; `build` runs only when it is not. An answer that
    depends on the day as well (what is overdue today) names it in `day`."""
    etag = f"v{FORMAT_VERSION}-{_content_version()}{'-' + day if day else ''}"
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        body = build()
        response = body if isinstance(body, Response) else Response(body, mimetype=mimetype)
    response.set_etag(etag)
    # Clients and shared caches may keep it, but must ask (cheaply, with the ETag) before using it again.
    response.headers["Cache-Control"] = "public, no-cache"
    return response


def _public_council_or_404(slug: str) -> Council:
    council = services.public_council(db.session, slug)
    if council is None:
        abort(404)
    return council


def _page_arguments(kind: str) -> tuple[tuple | None, int]:
    """The page asked for, checked before anything else: a wrong parameter is a 400 even to a client
    whose ETag would match."""
    cursor = request.args.get("cursor")
    if cursor is not None and not cursor:
        raise DomainError("The cursor is empty; leave it out for the first page.", "cursor")
    return services.decode_cursor(kind, cursor), services.check_limit(request.args.get("limit"))


@bp.get(f"{API}/openapi.json")
def openapi():
    return _current(lambda: jsonify(openapi_document()))


@bp.get(f"{API}/councils")
def councils():
    after, limit = _page_arguments("councils")

    def build():
        page = services.public_councils(db.session, after, limit)
        return jsonify(resources.page([resources.council(c) for c in page.items], page, "opendata.councils",
                                      limit=limit))
    return _current(build)


@bp.get(f"{API}/councils/<slug>")
def council(slug: str):
    found = _public_council_or_404(slug)
    return _current(lambda: jsonify(resources.council(found)))


@bp.get(f"{API}/councils/<slug>/meetings")
def meetings(slug: str):
    after, limit = _page_arguments("meetings")
    found = _public_council_or_404(slug)

    def build():
        page = services.published_meetings(db.session, found, after, limit)
        return jsonify(resources.page([resources.meeting(m) for m in page.items], page, "opendata.meetings",
                                      slug=slug, limit=limit))
    return _current(build)


@bp.get(f"{API}/councils/<slug>/viewpoints")
def viewpoints(slug: str):
    after, limit = _page_arguments("viewpoints")
    found = _public_council_or_404(slug)

    def build():
        page = services.published_viewpoints(db.session, found, after, limit)
        return jsonify(resources.page([resources.viewpoint(v) for v in page.items], page, "opendata.viewpoints",
                                      slug=slug, limit=limit))
    return _current(build)


@bp.get(f"{API}/councils/<slug>/statistics")
def statistics(slug: str):
    found = _public_council_or_404(slug)
    filters = figures.period_filters(found, request.args)
    today = today_in_sweden()

    def build():
        gathered = gather_statistics(db.session, council_scope(None, found), filters, today,
                                     {unit.id: unit.name for unit in units_by_id(db.session)})
        return jsonify(figures.statistics_json(found, filters, gathered))
    return _current(build, day=today.isoformat())


@bp.get(f"{API}/<path:anything>")
def unknown(anything: str):
    """Any other address under the API answers in the API's own way, not with an HTML page."""
    abort(404)


@bp.get("/councils/<slug>/feed.atom")
def feed(slug: str):
    """New answers on "Ni sa – vi gjorde" and approved minutes of a public council, newest first."""
    # feedgen brings lxml (about 8 MB): a worker loads it on its first feed, not at start.
    from councilportal.opendata import feeds

    found = _public_council_or_404(slug)
    return _current(lambda: feeds.council_feed(db.session, found, url_for("opendata.feed", slug=slug, _external=True)),
                    mimetype="application/atom+xml")


@bp.get("/oppna-data")
def about():
    """The page that explains the API and the feeds to people."""
    public = db.session.scalars(sa.select(Council).where(Council.is_public.is_(True)).order_by(Council.name))
    return render_template("opendata/about.html", councils=list(public), api=API,
                           limits=(services.DEFAULT_LIMIT, services.MAX_LIMIT))
