"""Pages kept whole by each worker until the data or the minute changes.

Every transaction that writes anything shown on a page raises one shared number, the content
version, as it commits. A kept page is used only under the version, the language and the minute it
was built in: nobody sees a page older than the last change, on any host, and checking costs one
small query. A page for the public is kept for every visitor, unless it carries a form token, which
belongs to one visitor's session. A page for a signed-in person is kept for that person in that
session alone: who sees what is decided by their account, memberships and roles, which are data
and so raise the version too. No page is kept while a message waits to be shown.

Each page (per reader and language) and each value is kept once, with the version and minute it was
built in, and replaced when it is built again: copies nobody can be handed any more do not pile up
until the cache is full, so a worker's memory stays where the pages in use put it.
"""

from collections.abc import Callable
from functools import wraps
from threading import Lock
from typing import TypeVar

import sqlalchemy as sa
from cachetools import LRUCache
from flask import Flask, Response, current_app, g, make_response, request, session
from flask_babel import get_locale
from sqlalchemy.orm import Mapped, Session, mapped_column

from councilportal.extensions import Base, db
from councilportal.timeutil import now_utc
from councilportal.web import acting_user

WROTE = "councilportal.wrote_content"
ONLY_ROW = 1
# Values (not pages) each worker keeps until the data changes, such as one scope's statistics.
KEPT_VALUES = 64
T = TypeVar("T")


class ContentVersion(Base):
    """One row: raised by every transaction that changes what pages show."""

    __tablename__ = "content_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# Bookkeeping that no public page shows: writing it leaves the kept pages as they are.
NOT_SHOWN_TO_THE_PUBLIC = frozenset({"login_attempts", "audit_events", "outbox_messages", "account_tokens",
                                     "viewpoint_reminders", "recommendation_reminders", "visit_marks", "sign_ins"})
# Columns of shown tables that no page shows: a sign-in stamps users.last_login_at, and must not throw
# away every kept page of every worker.
NOT_SHOWN_COLUMNS = {"users": frozenset({"last_login_at"})}


def _shows_a_change(instance, session: Session) -> bool:
    table = instance.__table__.name
    if table in NOT_SHOWN_TO_THE_PUBLIC:
        return False
    unshown = NOT_SHOWN_COLUMNS.get(table)
    if unshown is None or instance not in session.dirty:
        return True
    changed = {attribute.key for attribute in sa.inspect(instance).attrs if attribute.history.has_changes()}
    return not changed <= unshown


def _note_flushed_writes(session: Session, _context) -> None:
    written = (*session.new, *session.dirty, *session.deleted)
    if any(_shows_a_change(instance, session) for instance in written):
        session.info[WROTE] = True


def _note_statement_writes(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) not in NOT_SHOWN_TO_THE_PUBLIC:
            state.session.info[WROTE] = True


def _raise_version_before_commit(session: Session) -> None:
    session.flush()
    if session.info.pop(WROTE, False):
        session.execute(sa.update(ContentVersion).values(version=ContentVersion.version + 1))
        session.info.pop(WROTE, None)


def _forget_writes(session: Session, *_args) -> None:
    session.info.pop(WROTE, None)


def register(app: Flask) -> None:
    sessions = app.extensions["councilportal.sessionmaker"]
    sa.event.listen(sessions, "after_flush", _note_flushed_writes)
    sa.event.listen(sessions, "do_orm_execute", _note_statement_writes)
    sa.event.listen(sessions, "before_commit", _raise_version_before_commit)
    sa.event.listen(sessions, "after_rollback", _forget_writes)
    app.extensions["councilportal.page_cache"] = bodies_kept_within(app.config["PAGE_CACHE_BYTES"])
    app.extensions["councilportal.kept_values"] = (LRUCache(maxsize=KEPT_VALUES), Lock())


Store = tuple[LRUCache, Lock]


def bodies_kept_within(max_bytes: int) -> Store:
    """A store of built bodies (pages, feeds) holding at most `max_bytes` of them, the least used going first."""
    return (LRUCache(maxsize=max_bytes, getsizeof=_size_of_kept_body), Lock())


def _size_of_kept_body(entry: tuple[object, bytes]) -> int:
    return len(entry[1])
_NOT_KEPT = object()


def _kept_copy(store: Store, key: tuple, stamp: object):
    """What is kept under `key` if it was built under `stamp` (what it depends on that may change), else
    _NOT_KEPT."""
    cache, lock = store
    with lock:
        kept = cache.get(key)
    return kept[1] if kept is not None and kept[0] == stamp else _NOT_KEPT


def _keep(store: Store, key: tuple, stamp: object, value) -> None:
    """Keep `value` in place of whatever `key` held: one copy each, never an outdated one beside it.
    Something larger than the whole cache is built every time rather than kept."""
    cache, lock = store
    entry = (stamp, value)
    with lock:
        if cache.getsizeof(entry) <= cache.maxsize:
            cache[key] = entry


def kept_or_built(store: Store, key: tuple, stamp: object, build: Callable[[], T]) -> T:
    """The copy kept under `key` if it was built under `stamp`; otherwise `build`'s, kept in its place."""
    value = _kept_copy(store, key, stamp)
    if value is _NOT_KEPT:
        value = build()
        _keep(store, key, stamp, value)
    return value


def _content_version() -> int | None:
    return db.session.scalar(sa.select(ContentVersion.version).where(ContentVersion.id == ONLY_ROW))


def _reader() -> tuple | None:
    """Who the page is built for, as far as it may differ; None when no page may be kept."""
    if request.method != "GET" or "_flashes" in session:
        return None
    user = acting_user()
    if user is None:
        return ()
    return (user.id, user.session_version, session.get("csrf_token"))


def _page_key(reader: tuple) -> tuple:
    return (request.full_path, str(get_locale()), reader)


def _built_under(version: int) -> tuple[int, str]:
    return (version, now_utc().strftime("%Y%m%d%H%M"))


def kept_until_changed(view: Callable) -> Callable:
    """Serve a kept copy of the page while nothing has changed; build it otherwise."""

    @wraps(view)
    def kept_or_rendered(*args, **kwargs):
        reader = _reader()
        if reader is None:
            return view(*args, **kwargs)
        version = _content_version()
        if version is None:
            return view(*args, **kwargs)
        store = current_app.extensions["councilportal.page_cache"]
        built_under = _built_under(version)
        body = _kept_copy(store, _page_key(reader), built_under)
        if body is not _NOT_KEPT:
            return Response(body, mimetype="text/html")
        response = make_response(view(*args, **kwargs))
        # A form token belongs to one visitor's session: a public page with one is never handed on.
        shared_token = reader == () and "csrf_token" in g
        if response.status_code == 200 and not response.is_streamed and not shared_token:
            # Building the page may have given the session its form token: keep it under that.
            _keep(store, _page_key(_reader() or reader), built_under, response.get_data())
        return response

    return kept_or_rendered


def kept_while_unchanged(key: tuple, build: Callable[[], T]) -> T:
    """What `build` returns, kept by this worker under `key` until the data changes: for a value that
    several readers share, such as the figures of one set of councils, which every reader who may see
    exactly that set is shown alike. Anyone whose request gives the same key is handed the same value,
    so `key` must name everything the value depends on (who may see what included) but the data
    itself, and the value must not be changed by its readers."""
    version = _content_version()
    if version is None:
        return build()
    return kept_or_built(current_app.extensions["councilportal.kept_values"], key, version, build)
