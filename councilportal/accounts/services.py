"""Account rules: sign-in, invitations, password resets, profiles, administration."""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, TokenPurpose, User
from councilportal.errors import DomainError
from councilportal.mail.services import absolute_url, queue_mail
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc

# Compared against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
_UNKNOWN_USER_HASH = generate_password_hash("not-a-password", method="pbkdf2:sha256:1")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_new_password(password: str, field: str = "password") -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise DomainError(_("Lösenordet måste ha minst %(count)d tecken.", count=minimum), field)


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def audit(session: Session, actor: User | None, action: str, subject: User | None = None, details: str = "") -> None:
    session.add(AuditEvent(actor=actor, action=action, subject_user=subject, details=details))


# --- Sign-in -------------------------------------------------------------------------------------


def _recent_failures(session: Session, column, value: str) -> int:
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    return session.scalar(
        sa.select(sa.func.count(LoginAttempt.id)).where(
            column == value,
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at >= now_utc() - window,
        )
    )


def authenticate(session: Session, email: str, password: str, remote_address: str) -> User:
    """Check the credentials, refusing after too many recent failures from the account or address.

    Every attempt is recorded; the caller commits even when this raises, so failures count.
    """
    email = normalise_email(email)
    config = current_app.config
    if (
        _recent_failures(session, LoginAttempt.email, email) >= config["LOGIN_FAILURES_PER_ACCOUNT"]
        or _recent_failures(session, LoginAttempt.remote_address, remote_address)
        >= config["LOGIN_FAILURES_PER_ADDRESS"]
    ):
        raise DomainError(
            _("För många misslyckade inloggningar. Vänta %(minutes)d minuter och försök igen.",
              minutes=config["LOGIN_FAILURE_WINDOW_MINUTES"])
        )
    user = find_user_by_email(session, email)
    valid = check_password_hash(
        user.password_hash if user and user.password_hash else _UNKNOWN_USER_HASH, password
    )
    succeeded = bool(user and user.password_hash and valid and user.active)
    session.add(LoginAttempt(email=email, remote_address=remote_address, succeeded=succeeded))
    if not succeeded:
        raise DomainError(_("Fel e-postadress eller lösenord."))
    user.last_login_at = now_utc()
    audit(session, user, "login", user)
    return user


# --- Tokens --------------------------------------------------------------------------------------


def _token_digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


def issue_token(session: Session, user: User, purpose: TokenPurpose) -> str:
    """A new link token; earlier unused ones of the same purpose stop working."""
    now = now_utc()
    session.execute(
        sa.update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
        .values(used_at=now)
    )
    if purpose is TokenPurpose.INVITATION:
        lifetime = timedelta(days=current_app.config["INVITATION_VALID_DAYS"])
    else:
        lifetime = timedelta(hours=current_app.config["PASSWORD_RESET_VALID_HOURS"])
    raw_token = secrets.token_urlsafe(32)
    session.add(AccountToken(user=user, purpose=purpose, token_hash=_token_digest(raw_token),
                             expires_at=now + lifetime))
    return raw_token


def find_valid_token(session: Session, raw_token: str, purpose: TokenPurpose) -> AccountToken:
    token = session.scalar(
        sa.select(AccountToken).where(
            AccountToken.token_hash == _token_digest(raw_token), AccountToken.purpose == purpose
        )
    )
    if token is None or token.used_at is not None or token.expires_at <= now_utc() or not token.user.active:
        raise DomainError(_("Länken är ogiltig, redan använd eller har gått ut."))
    return token


def _consume(session: Session, token: AccountToken) -> None:
    """Mark the token used, atomically: of two simultaneous uses only one succeeds."""
    result = session.execute(
        sa.update(AccountToken)
        .where(AccountToken.id == token.id, AccountToken.used_at.is_(None))
        .values(used_at=now_utc())
    )
    if result.rowcount != 1:
        raise DomainError(_("Länken är ogiltig, redan använd eller har gått ut."))


# --- Invitations and passwords -------------------------------------------------------------------


def invite_person(
    session: Session, inviter: User | None, *, email: str, name: str, unit: Unit | None = None,
    is_admin: bool = False, context: str = "",
) -> User:
    """Create the account if it is new and e-mail an invitation; an existing account is returned.

    Someone who has not yet chosen a password gets a fresh invitation; someone who has is told
    by the caller's own notice (for example a new membership) instead.
    """
    email = normalise_email(email)
    user = find_user_by_email(session, email)
    if user is None:
        user = User(email=email, name=name.strip(), unit=unit, is_admin=is_admin)
        session.add(user)
        session.flush()
        audit(session, inviter, "account_created", user, "admin" if is_admin else "")
    elif not user.active:
        raise DomainError(_("Kontot för %(email)s är avstängt. En administratör kan aktivera det.", email=email), "email")
    if not user.has_password:
        send_invitation(session, user, inviter, context)
    return user


def send_invitation(session: Session, user: User, inviter: User | None, context: str = "") -> None:
    raw_token = issue_token(session, user, TokenPurpose.INVITATION)
    queue_mail(
        session, recipient=user.email, locale=user.locale, template="invitation", kind="invitation",
        user=user, inviter=inviter, context=context,
        link=absolute_url("accounts.accept_invitation", token=raw_token),
        valid_days=current_app.config["INVITATION_VALID_DAYS"],
    )


def accept_invitation(session: Session, raw_token: str, password: str, show_name_publicly: bool) -> User:
    token = find_valid_token(session, raw_token, TokenPurpose.INVITATION)
    check_new_password(password)
    _consume(session, token)
    user = token.user
    user.password_hash = hash_password(password)
    user.show_name_publicly = show_name_publicly
    audit(session, user, "invitation_accepted", user)
    return user


def request_password_reset(session: Session, email: str) -> None:
    """Mail a reset link if the address belongs to an active account; say nothing either way."""
    user = find_user_by_email(session, email)
    if user is None or not user.active:
        return
    if not user.has_password:
        send_invitation(session, user, None)
        return
    raw_token = issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    queue_mail(
        session, recipient=user.email, locale=user.locale, template="password_reset", kind="password_reset",
        user=user, link=absolute_url("accounts.reset_password", token=raw_token),
        valid_hours=current_app.config["PASSWORD_RESET_VALID_HOURS"],
    )


def reset_password(session: Session, raw_token: str, password: str) -> User:
    token = find_valid_token(session, raw_token, TokenPurpose.PASSWORD_RESET)
    check_new_password(password)
    _consume(session, token)
    user = token.user
    user.password_hash = hash_password(password)
    user.session_version += 1
    audit(session, user, "password_reset", user)
    return user


def change_password(session: Session, user: User, current_password: str, new_password: str) -> None:
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise DomainError(_("Nuvarande lösenord stämmer inte."), "current_password")
    check_new_password(new_password, "new_password")
    user.password_hash = hash_password(new_password)
    user.session_version += 1
    audit(session, user, "password_changed", user)


def update_profile(session: Session, user: User, *, name: str, phone: str, show_name_publicly: bool, locale: str) -> None:
    if locale not in current_app.config["LANGUAGES"]:
        raise DomainError(_("Välj ett av språken i listan."), "locale")
    user.name = name.strip()
    user.phone = phone.strip()
    user.show_name_publicly = show_name_publicly
    user.locale = locale


# --- Administration ------------------------------------------------------------------------------


def create_account(session: Session, admin: User, *, email: str, name: str, unit: Unit | None, is_admin: bool) -> User:
    if find_user_by_email(session, email) is not None:
        raise DomainError(_("Det finns redan ett konto med den e-postadressen."), "email")
    return invite_person(session, admin, email=email, name=name, unit=unit, is_admin=is_admin)


def update_account(session: Session, admin: User, user: User, *, email: str, name: str, unit: Unit | None, is_admin: bool) -> None:
    email = normalise_email(email)
    other = find_user_by_email(session, email)
    if other is not None and other.id != user.id:
        raise DomainError(_("Det finns redan ett konto med den e-postadressen."), "email")
    if user.id == admin.id and not is_admin:
        raise DomainError(_("Du kan inte ta bort din egen administratörsbehörighet."), "is_admin")
    if user.is_admin != is_admin:
        audit(session, admin, "admin_granted" if is_admin else "admin_revoked", user)
    if user.unit_id != (unit.id if unit else None):
        audit(session, admin, "unit_changed", user, unit.name if unit else "")
    user.email, user.name, user.unit, user.is_admin = email, name.strip(), unit, is_admin


def set_account_active(session: Session, admin: User, user: User, active: bool) -> None:
    if user.id == admin.id and not active:
        raise DomainError(_("Du kan inte stänga av ditt eget konto."))
    if user.active == active:
        return
    user.active = active
    # Ends every open session of a deactivated person at their next request.
    user.session_version += 1
    audit(session, admin, "account_activated" if active else "account_deactivated", user)


def ensure_admin(session: Session, *, email: str, name: str, password: str) -> User:
    """For the command line: make (or promote) an administrator with this password."""
    check_new_password(password)
    user = find_user_by_email(session, email)
    if user is None:
        user = User(email=normalise_email(email), name=name)
        session.add(user)
    user.is_admin, user.active = True, True
    user.password_hash = hash_password(password)
    session.flush()
    audit(session, None, "admin_granted", user, "command line")
    return user
