"""Account rules: sign-in, invitations, password resets, profiles, administration."""

import functools
import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from councilportal.accounts import totp
from councilportal.accounts.models import (
    AccountToken,
    AuditEvent,
    LoginAttempt,
    PasswordResetRequest,
    RecoveryCode,
    SignIn,
    TokenPurpose,
    User,
)
from councilportal.errors import DomainError
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail
from councilportal.organisations.models import Unit
from councilportal.timeutil import now_utc


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@functools.cache
def _stand_in_hash(method: str) -> str:
    """Checked when there is no usable account, made with the same method as real hashes, so an
    unknown or inactive address costs as long as a wrong password and reveals nothing."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def password_matches(user: User | None, password: str) -> bool:
    """One hash check whatever the account's state; true only for an active account's own password."""
    usable = user is not None and user.active and user.password_hash is not None
    stored = user.password_hash if usable else _stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"])
    return check_password_hash(stored, password) and usable


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


def _refuse_after_too_many_failures(session: Session, email: str, remote_address: str) -> None:
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


def authenticate(session: Session, email: str, password: str, remote_address: str) -> User:
    """Check the credentials, refusing after too many recent failures from the account or address.

    Every attempt is recorded; the caller commits even when this raises, so failures count. A
    person with two-factor sign-in is not signed in yet: `verify_second_factor` comes next.
    """
    email = normalise_email(email)
    _refuse_after_too_many_failures(session, email, remote_address)
    user = find_user_by_email(session, email)
    succeeded = password_matches(user, password)
    session.add(LoginAttempt(email=email, remote_address=remote_address, succeeded=succeeded))
    if not succeeded:
        raise DomainError(_("Fel e-postadress eller lösenord."))
    if not user.has_two_factor:
        _record_sign_in(session, user)
    return user


def verify_second_factor(session: Session, user: User, code: str, remote_address: str,
                         at: datetime | None = None) -> None:
    """The code from the authenticator (or a recovery code) after the password; the sign-in limit
    covers these attempts too. The caller commits even when this raises, so failures count."""
    _refuse_after_too_many_failures(session, user.email, remote_address)
    succeeded = _accept_code(session, user, code, at) or _use_recovery_code(session, user, code)
    session.add(LoginAttempt(email=user.email, remote_address=remote_address, succeeded=succeeded))
    if not succeeded:
        raise DomainError(_("Koden stämmer inte. Skriv den kod som visas i appen just nu."), "code")
    _record_sign_in(session, user)


def _record_sign_in(session: Session, user: User) -> None:
    user.last_login_at = now_utc()
    audit(session, user, "login", user)


# --- Two-factor sign-in -------------------------------------------------------------------------

TWO_FACTOR_ROLES = ("admin", "coordinator", "manager")


def two_factor_required_roles(setting: str | list | tuple) -> set[str]:
    """The roles in TWO_FACTOR_REQUIRED_ROLES; a misspelt role would silently protect nobody."""
    roles = {role.strip() for role in (setting.split(",") if isinstance(setting, str) else setting) if role.strip()}
    unknown = roles - set(TWO_FACTOR_ROLES)
    if unknown:
        raise ValueError(f"TWO_FACTOR_REQUIRED_ROLES: unknown role {', '.join(sorted(unknown))}; "
                         f"choose among {', '.join(TWO_FACTOR_ROLES)}")
    return roles


def _accept_code(session: Session, user: User, code: str, at: datetime | None) -> bool:
    """True for a current code not accepted before; claiming its step is atomic, so of two
    simultaneous uses of one code only one succeeds."""
    if user.two_factor_secret is None:
        return False
    step = totp.matching_step(user.two_factor_secret, code, at or now_utc())
    if step is None:
        return False
    claimed = session.execute(
        sa.update(User)
        .where(User.id == user.id,
               sa.or_(User.two_factor_last_step.is_(None), User.two_factor_last_step < step))
        .values(two_factor_last_step=step)
    )
    return claimed.rowcount == 1


def _use_recovery_code(session: Session, user: User, code: str) -> bool:
    used = session.execute(
        sa.update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id,
               RecoveryCode.code_hash == _token_digest(totp.normalise_recovery_code(code)),
               RecoveryCode.used_at.is_(None))
        .values(used_at=now_utc())
    )
    return used.rowcount == 1


def begin_two_factor_setup(session: Session, user: User) -> None:
    """A fresh secret to scan; it signs nobody in until confirmed with a first code."""
    if user.has_two_factor:
        raise DomainError(_("Tvåstegsinloggning är redan påslagen."))
    user.two_factor_secret = totp.new_secret()
    user.two_factor_last_step = None


def confirm_two_factor_setup(session: Session, user: User, code: str, at: datetime | None = None) -> list[str]:
    """Turn two-factor sign-in on with a first code from the app; returns the recovery codes,
    which are shown this once and stored only as hashes."""
    if user.has_two_factor or user.two_factor_secret is None:
        raise DomainError(_("Börja om med att skanna en ny QR-kod."))
    if not _accept_code(session, user, code, at):
        raise DomainError(_("Koden stämmer inte. Skriv den kod som visas i appen just nu."), "code")
    user.two_factor_enabled_at = now_utc()
    audit(session, user, "two_factor_enabled", user)
    return _replace_recovery_codes(session, user)


def _replace_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [totp.new_recovery_code() for _ in range(totp.RECOVERY_CODE_COUNT)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_token_digest(totp.normalise_recovery_code(code)))
                    for code in codes)
    return codes


def unused_recovery_codes(session: Session, user: User) -> int:
    return session.scalar(sa.select(sa.func.count(RecoveryCode.id))
                          .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))


def _confirm_identity(session: Session, user: User, proven: bool, remote_address: str, message: str,
                      field: str) -> None:
    """A signed-in person proving again who they are before a change of their security.

    The sign-in limit covers these attempts too, so someone at a browser left signed in cannot try
    passwords or codes without end. A failure is kept even though the change is rolled back.
    """
    attempt = LoginAttempt(email=user.email, remote_address=remote_address, succeeded=proven)
    if not proven:
        raise DomainError(message, field, kept=(attempt,))
    session.add(attempt)


def _check_password_or_code(session: Session, user: User, password_or_code: str, remote_address: str,
                            at: datetime | None) -> None:
    _refuse_after_too_many_failures(session, user.email, remote_address)
    proven = password_matches(user, password_or_code) or _accept_code(session, user, password_or_code, at)
    _confirm_identity(session, user, proven, remote_address,
                      _("Skriv ditt lösenord eller en kod från appen."), "password_or_code")


def new_recovery_codes(session: Session, user: User, password_or_code: str, *, remote_address: str,
                       at: datetime | None = None) -> list[str]:
    """New recovery codes in place of the old ones, for someone who has used or lost them."""
    if not user.has_two_factor:
        raise DomainError(_("Tvåstegsinloggning är inte påslagen."))
    _check_password_or_code(session, user, password_or_code, remote_address, at)
    audit(session, user, "recovery_codes_replaced", user)
    return _replace_recovery_codes(session, user)


def turn_off_two_factor(session: Session, user: User, password_or_code: str, *, remote_address: str,
                        at: datetime | None = None) -> None:
    if not user.has_two_factor:
        raise DomainError(_("Tvåstegsinloggning är inte påslagen."))
    if user.roles & two_factor_required_roles(current_app.config["TWO_FACTOR_REQUIRED_ROLES"]):
        raise DomainError(_("Din roll kräver tvåstegsinloggning, så den kan inte stängas av."))
    _check_password_or_code(session, user, password_or_code, remote_address, at)
    _remove_two_factor(session, user)
    audit(session, user, "two_factor_disabled", user)


def turn_off_two_factor_for(session: Session, admin: User, user: User) -> None:
    """For someone who has lost both the phone and the recovery codes; they sign in with the password
    alone until they set it up again (at once, if their role requires it)."""
    if not user.has_two_factor:
        raise DomainError(_("Tvåstegsinloggning är inte påslagen."))
    _remove_two_factor(session, user)
    audit(session, admin, "two_factor_disabled", user, "by an administrator")


def _remove_two_factor(session: Session, user: User) -> None:
    user.two_factor_secret = user.two_factor_enabled_at = user.two_factor_last_step = None
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


# --- Sign-ins (sessions) -------------------------------------------------------------------------


def start_sign_in(session: Session, user: User) -> str:
    """A new sign-in for one browser; the returned key goes into its session cookie."""
    lifetime = current_app.permanent_session_lifetime
    session.execute(sa.delete(SignIn).where(SignIn.user_id == user.id, SignIn.created_at <= now_utc() - lifetime))
    raw_key = secrets.token_urlsafe(32)
    session.add(SignIn(user_id=user.id, key_hash=_token_digest(raw_key)))
    return raw_key


def signed_in_user(session: Session, user_id: int, session_version: int, raw_key: str, options=()) -> User | None:
    """The person behind a session cookie, or None when that sign-in has ended or expired."""
    lifetime = current_app.permanent_session_lifetime
    # Every row read, and made unique, so that collections loaded along in the same query come whole.
    user = session.execute(
        sa.select(User)
        .join(SignIn, SignIn.user_id == User.id)
        .where(User.id == user_id, SignIn.key_hash == _token_digest(raw_key),
               SignIn.created_at > now_utc() - lifetime)
        .options(*options)
    ).unique().scalar_one_or_none()
    if user is None or not user.active or user.session_version != session_version:
        return None
    return user


def end_sign_in(session: Session, raw_key: str) -> None:
    session.execute(sa.delete(SignIn).where(SignIn.key_hash == _token_digest(raw_key)))


def end_every_sign_in(session: Session, user: User) -> None:
    """Sign the person out on every device, this one included."""
    user.session_version += 1
    session.execute(sa.delete(SignIn).where(SignIn.user_id == user.id))


def forget_sign_in(session: Session, user: User) -> None:
    """For erasure: no session, two-factor secret, recovery code or reset request of the person is left."""
    end_every_sign_in(session, user)
    _remove_two_factor(session, user)
    session.execute(sa.delete(PasswordResetRequest).where(PasswordResetRequest.email == user.email))


def sign_out_everywhere(session: Session, user: User) -> None:
    end_every_sign_in(session, user)
    audit(session, user, "signed_out_everywhere", user)


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
        raise DomainError(_("Kontot för %(email)s är avstängt. En administratör kan aktivera det.", email=email),
                          "email")
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


def _reset_requests_exceed_limit(session: Session, email: str, remote_address: str) -> bool:
    config = current_app.config
    since = now_utc() - timedelta(minutes=config["PASSWORD_RESET_WINDOW_MINUTES"])

    def count(column, value: str) -> int:
        return session.scalar(
            sa.select(sa.func.count(PasswordResetRequest.id)).where(
                column == value, PasswordResetRequest.requested_at >= since
            )
        )

    return (
        count(PasswordResetRequest.email, email) >= config["PASSWORD_RESET_MAILS_PER_ACCOUNT"]
        or count(PasswordResetRequest.remote_address, remote_address) >= config["PASSWORD_RESET_REQUESTS_PER_ADDRESS"]
    )


def request_password_reset(session: Session, email: str, remote_address: str) -> None:
    """Mail a reset link if the address belongs to an active account; say nothing either way.

    Past the limit per account or per requesting address no more mail goes out, and the
    person is told the same as always, so the limit reveals no account either.
    """
    email = normalise_email(email)
    if _reset_requests_exceed_limit(session, email, remote_address):
        return
    session.add(PasswordResetRequest(email=email, remote_address=remote_address))
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
    end_every_sign_in(session, user)
    audit(session, user, "password_reset", user)
    return user


def change_password(session: Session, user: User, current_password: str, new_password: str, *,
                    remote_address: str) -> None:
    """Ends every sign-in; the caller starts a new one for the browser that made the change."""
    _refuse_after_too_many_failures(session, user.email, remote_address)
    _confirm_identity(session, user, password_matches(user, current_password), remote_address,
                      _("Nuvarande lösenord stämmer inte."), "current_password")
    check_new_password(new_password, "new_password")
    user.password_hash = hash_password(new_password)
    end_every_sign_in(session, user)
    audit(session, user, "password_changed", user)


def update_profile(session: Session, user: User, *, name: str, phone: str, show_name_publicly: bool,
                   locale: str) -> None:
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


def update_account(session: Session, admin: User, user: User, *, email: str, name: str, unit: Unit | None,
                   is_admin: bool) -> None:
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
    end_every_sign_in(session, user)
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
