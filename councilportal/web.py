"""Small helpers every blueprint uses: the acting person, policy checks, forms, paging."""

import math
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask, Request, abort, current_app, flash, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import IntegerConverter

from councilportal.accounts.models import User
from councilportal.councils.models import Council
from councilportal.councils.services import find_council
from councilportal.errors import DomainError
from councilportal.extensions import LARGEST_INTEGER, db, login_manager
from councilportal.forms import PortalForm, note_rejected_form, without_nul_characters
from councilportal.mail.services import deliver_as_configured


class InputWithoutNulCharacters(ImmutableMultiDict):
    """Query strings and posted fields as the portal reads them: without NUL characters, which no
    one types, PostgreSQL refuses to store, and which would otherwise fail wherever text is saved."""

    def __init__(self, mapping=None):
        super().__init__(
            (without_nul_characters(key), without_nul_characters(value))
            for key, value in iter_multi_items(mapping or ())
        )


class PortalRequest(Request):
    parameter_storage_class = InputWithoutNulCharacters


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:…>` in every route: a number past what the database holds is simply not found."""

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST_INTEGER, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


def acting_user() -> User | None:
    """The signed-in person (the object itself, not Flask-Login's proxy), or None for the public."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def require(allowed: bool) -> None:
    """Stop a request the policy refused: the public is sent to sign in, others get 403."""
    if allowed:
        return
    if acting_user() is None:
        abort(login_manager.unauthorized())
    abort(403)


def get_or_404(model, identifier):
    found = db.session.get(model, identifier)
    if found is None:
        abort(404)
    return found


def council_or_404(slug: str) -> Council:
    """The council a URL names by its slug."""
    council = find_council(db.session, slug)
    if council is None:
        abort(404)
    return council


def show_domain_error(form: PortalForm, error: DomainError) -> None:
    """Put a broken rule on the form, beside the field it concerns when there is one."""
    note_rejected_form()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def form_was_rejected() -> bool:
    """A form on this page, or the action the person was just sent back from, was refused."""
    if g.get("form_was_rejected"):
        return True
    return any(category == "error" for category, _message in session.get("_flashes", ()))


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only a path on this site: a crafted ?next= must not send people elsewhere."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


# Counting every match of a long list costs as much as reading it: past this many, a list says "more than".
COUNT_LIMIT = 1000


@dataclass
class Page:
    items: list
    number: int
    size: int
    # How many match, counted up to a limit; past it `total_is_exact` is false and `total` is the limit.
    total: int
    total_is_exact: bool = True
    more_after: bool = False

    @property
    def count(self) -> int | None:
        """The number of pages, or None when only "more than" is known."""
        if not self.total_is_exact:
            return None
        return max(1, math.ceil(self.total / self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.more_after


def requested_page_number() -> int:
    """?page=, from 1; a page past any the database could hold is not found."""
    number = request.args.get("page", 1, type=int) or 1
    if number > LARGEST_INTEGER:
        abort(404)
    return max(1, number)


def paginate(statement: sa.Select, number: int | None = None, size: int | None = None) -> Page:
    """One page of an ORM statement over one entity, in three short queries however long the list.

    The page's ids are read first, without the entity's eager loads, so the database sorts and skips
    bare rows; then only those rows are loaded, by id alone, with the entity's own loading strategy
    (so `statement` carries no loader options). That last statement is the same for every list of the
    entity, whatever its filters: each worker compiles and keeps it once, not once per kind of list.
    The count stops at COUNT_LIMIT (or just past the page).
    """
    size = size or current_app.config["PAGE_SIZE"]
    number = number or requested_page_number()
    offset = (number - 1) * size
    entity = statement.column_descriptions[0]["entity"]
    mapper = sa.inspect(entity)
    (key,) = mapper.primary_key
    ids = statement.with_only_columns(key)
    limit = max(COUNT_LIMIT, offset + size)
    counted = db.session.scalar(sa.select(sa.func.count()).select_from(
        ids.order_by(None).limit(limit + 1).subquery())) or 0
    page_ids = db.session.scalars(ids.limit(size).offset(offset)).all()
    attribute = mapper.get_property_by_column(key).key
    loaded = db.session.scalars(sa.select(entity).where(key.in_(page_ids))).unique() if page_ids else ()
    by_id = {getattr(item, attribute): item for item in loaded}
    # A row deleted between the two reads is left out rather than failing the page.
    items = [by_id[item_id] for item_id in page_ids if item_id in by_id]
    return Page(items=items, number=number, size=size, total=min(counted, limit), total_is_exact=counted <= limit,
                more_after=counted > offset + size)


def csrf_field() -> Markup:
    """The hidden CSRF input every POST form carries, whether or not it is a WTForms form."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def _roll_back_keeping(error: DomainError) -> None:
    """Undo the refused action's work, but keep what the refusal must record."""
    db.session.rollback()
    if error.kept:
        db.session.add_all(error.kept)
        db.session.commit()


class Outcome:
    """What `committed_or_shown_on` reports: true when the action's work was committed."""

    succeeded = False

    def __bool__(self) -> bool:
        return self.succeeded


@contextmanager
def committed_or_shown_on(form: PortalForm):
    """Commit what the block's domain call did, or roll it back and show the broken rule on the form.

        with committed_or_shown_on(form) as done:
            council = services.save_council(db.session, None, fields)
        if done:
            return redirect(...)
    """
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as error:
        _roll_back_keeping(error)
        show_domain_error(form, error)
    else:
        db.session.commit()
        outcome.succeeded = True


T = TypeVar("T")


class Failed:
    """What `committed_or_flashed` returns when a rule was broken; compare with `is FAILED`.

    It has no truth value: an action may rightly return None, 0 or an empty list, so a caller that
    wrote `if committed_or_flashed(...)` would mistake success for failure. Such a caller fails at once.
    """

    def __bool__(self) -> bool:
        raise TypeError("compare the result of committed_or_flashed with `is FAILED`")

    def __repr__(self) -> str:
        return "FAILED"


FAILED = Failed()


def committed_or_flashed(action: Callable[[], T]) -> T | Failed:
    """Run the domain call of a button that has no form to show errors on: commit it and return its result,
    or roll it back, show the broken rule as a message on the page the person is sent back to, and
    return FAILED.

        invited = committed_or_flashed(lambda: services.publish_meeting(db.session, actor, meeting))
        if invited is not FAILED:
            flash(...)
    """
    try:
        result = action()
    except DomainError as error:
        _roll_back_keeping(error)
        flash(error.message, "error")
        return FAILED
    db.session.commit()
    return result


def deliver_after_request_if_configured(app: Flask) -> None:
    """With MAIL_DELIVER_IMMEDIATELY, mail queued by a request goes out as soon as it is committed."""

    @app.after_request
    def deliver_queued_mail(response):
        if app.config["MAIL_DELIVER_IMMEDIATELY"] and g.pop("mail_queued", False):
            deliver_as_configured(db.session, app.config)
        return response
