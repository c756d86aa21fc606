"""The signed link in an invitation that answers one meeting for one person, without signing in.

The link names the meeting and the person and is signed with the portal's secret key, so it cannot
be altered to answer another meeting or for someone else. It needs no row of its own: it stops
working when the meeting starts (the replies' own rule), whatever the meeting's time is by then.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from councilportal.accounts.models import User
from councilportal.links import absolute_url

SALT = "meeting-reply"
# Carried on the link into the confirmation page, which preselects that answer.
ANSWERS = {"kommer": True, "kommer-inte": False}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def reply_token(meeting_id: int, user_id: int) -> str:
    return _serializer().dumps([meeting_id, user_id])


def read_reply_token(token: str) -> tuple[int, int] | None:
    """The meeting and the person a link answers for, or None when it was not made by this portal."""
    try:
        meeting_id, user_id = _serializer().loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(meeting_id, int) or not isinstance(user_id, int):
        return None
    return meeting_id, user_id


def reply_links(meeting_id: int, person: User) -> dict[str, str]:
    """The two links of an invitation mail: "I am coming" and "I cannot come"."""
    token = reply_token(meeting_id, person.id)
    return {answer: absolute_url("replies.by_link", token=token, svar=answer) for answer in ANSWERS}
