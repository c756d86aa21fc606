"""Answering a meeting's invitation: from the mail's signed link, or on the meeting page when signed in."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from councilportal.accounts.forms import ConfirmForm
from councilportal.accounts.models import User
from councilportal.errors import DomainError
from councilportal.extensions import db
from councilportal.meetings import policies, replies, services
from councilportal.meetings.reply_links import ANSWERS, read_reply_token
from councilportal.web import FAILED, acting_user, committed_or_flashed, require

bp = Blueprint("replies", __name__)


def _answer_posted() -> bool | None:
    return ANSWERS.get(request.form.get("svar", ""))


def _confirmed(message_for_coming: bool) -> str:
    return _("Tack! Du har svarat att du kommer.") if message_for_coming else \
        _("Tack! Du har svarat att du inte kan komma.")


def _link_not_working(message: str, status: int):
    return render_template("meetings/reply_link_invalid.html", message=message), status


@bp.route("/meetings/reply/<token>", methods=["GET", "POST"])
def by_link(token: str):
    """The link in the mail opens a page that asks to confirm; only the button (a POST) answers."""
    found = read_reply_token(token)
    meeting = services.load_meeting(db.session, found[0]) if found else None
    person = db.session.get(User, found[1]) if found else None
    if meeting is None or person is None:
        return _link_not_working(_("Länken är inte giltig. Kontrollera att du har fått med hela länken från "
                                   "mejlet, eller logga in och svara på mötets sida."), 404)
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit() and _answer_posted() is not None:
        coming = _answer_posted()
        try:
            called = replies.reply_to_meeting(db.session, person, meeting, coming)
        except DomainError as error:
            db.session.rollback()
            return _link_not_working(error.message, 410)
        db.session.commit()
        flash(_confirmed(coming), "success")
        if called:
            flash(_("Din ersättare har fått en kallelse."), "info")
        return redirect(url_for("replies.by_link", token=token))
    try:
        replies.require_replies_open(meeting)
    except DomainError as error:
        return _link_not_working(error.message, 410)
    return render_template("meetings/reply_by_link.html", meeting=meeting, person=person, form=form,
                           reply=replies.reply_of(db.session, meeting, person),
                           suggested=ANSWERS.get(request.args.get("svar", "")))


@bp.post("/meetings/<int:meeting_id>/reply")
@login_required
def reply(meeting_id: int):
    meeting = services.load_meeting(db.session, meeting_id)
    if meeting is None:
        abort(404)
    user = acting_user()
    require(policies.can_reply_to_meeting(user, meeting))
    coming = _answer_posted()
    if coming is None or not ConfirmForm().validate_on_submit():
        abort(400)
    called = committed_or_flashed(lambda: replies.reply_to_meeting(db.session, user, meeting, coming))
    if called is not FAILED:
        flash(_confirmed(coming), "success")
        if called:
            flash(_("Din ersättare har fått en kallelse."), "info")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="svar"))

