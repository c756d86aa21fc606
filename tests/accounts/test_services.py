from datetime import timedelta

import pytest
import sqlalchemy as sa

from councilportal.accounts import services
from councilportal.accounts.models import AccountToken, AuditEvent, LoginAttempt, TokenPurpose
from councilportal.errors import DomainError
from councilportal.timeutil import now_utc
from tests.factories import TEST_PASSWORD, make_user


def test_authenticate_accepts_the_right_password_whatever_the_case_of_the_address(session):
    user = make_user(session, email="rut@example.se")
    assert services.authenticate(session, "  Rut@Example.SE ", TEST_PASSWORD, "10.0.0.1") is user
    assert session.scalar(sa.select(AuditEvent.action)) == "login"


@pytest.mark.parametrize("email, password", [("rut@example.se", "fel"), ("okand@example.se", TEST_PASSWORD)])
def test_authenticate_gives_one_message_for_a_wrong_address_or_password(session, email, password):
    make_user(session, email="rut@example.se")
    with pytest.raises(DomainError, match="Fel e-postadress eller lösenord"):
        services.authenticate(session, email, password, "10.0.0.1")


def test_a_deactivated_or_invited_person_cannot_sign_in(session):
    make_user(session, email="av@example.se", active=False)
    make_user(session, email="ny@example.se", password=False)
    for email in ("av@example.se", "ny@example.se"):
        with pytest.raises(DomainError):
            services.authenticate(session, email, TEST_PASSWORD, "10.0.0.1")


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(session):
    make_user(session, email="rut@example.se")
    for _ in range(5):
        with pytest.raises(DomainError):
            services.authenticate(session, "rut@example.se", "fel", "10.0.0.1")
    with pytest.raises(DomainError, match="För många misslyckade inloggningar"):
        services.authenticate(session, "rut@example.se", TEST_PASSWORD, "10.0.0.2")


def test_old_failures_no_longer_count(session):
    make_user(session, email="rut@example.se")
    long_ago = now_utc() - timedelta(hours=1)
    session.add_all([LoginAttempt(email="rut@example.se", remote_address="1.1.1.1", succeeded=False,
                                  attempted_at=long_ago) for _ in range(10)])
    assert services.authenticate(session, "rut@example.se", TEST_PASSWORD, "1.1.1.1")


def test_many_failures_from_one_address_block_that_address(session):
    make_user(session, email="rut@example.se")
    session.add_all([LoginAttempt(email=f"x{n}@example.se", remote_address="6.6.6.6", succeeded=False)
                     for n in range(20)])
    with pytest.raises(DomainError, match="För många"):
        services.authenticate(session, "rut@example.se", TEST_PASSWORD, "6.6.6.6")
    assert services.authenticate(session, "rut@example.se", TEST_PASSWORD, "7.7.7.7")


def test_passwords_are_stored_hashed(session):
    user = services.ensure_admin(session, email="a@example.se", name="A", password="ett långt lösenord")
    assert "ett långt lösenord" not in user.password_hash
    assert user.password_hash.startswith("pbkdf2:sha256")


def test_inviting_a_new_person_creates_the_account_and_mails_a_link(session, outbox):
    admin = make_user(session, is_admin=True)
    user = services.invite_person(session, admin, email="Ny@Example.se", name=" Nina Ny ")
    session.commit()
    assert (user.email, user.name, user.has_password) == ("ny@example.se", "Nina Ny", False)
    [mail] = outbox("invitation")
    assert mail.recipient == "ny@example.se"
    assert "http://portal.test/invitation/" in mail.text()


def test_accepting_an_invitation_sets_the_password_once(session):
    user = make_user(session, password=False)
    token = services.issue_token(session, user, TokenPurpose.INVITATION)
    services.accept_invitation(session, token, "ett långt lösenord", show_name_publicly=True)
    assert user.has_password and user.show_name_publicly
    with pytest.raises(DomainError, match="redan använd"):
        services.accept_invitation(session, token, "ett annat lösenord", show_name_publicly=False)


def test_a_short_password_is_refused_and_the_token_stays_usable(session):
    user = make_user(session, password=False)
    token = services.issue_token(session, user, TokenPurpose.INVITATION)
    with pytest.raises(DomainError, match="minst 10 tecken") as refused:
        services.accept_invitation(session, token, "kort", show_name_publicly=False)
    assert refused.value.field == "password"
    assert services.find_valid_token(session, token, TokenPurpose.INVITATION)


def test_tokens_expire(session):
    user = make_user(session)
    token = services.issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    session.scalar(sa.select(AccountToken)).expires_at = now_utc() - timedelta(seconds=1)
    with pytest.raises(DomainError, match="gått ut"):
        services.reset_password(session, token, "ett långt lösenord")


def test_a_token_of_one_purpose_does_not_work_for_another(session):
    user = make_user(session)
    token = services.issue_token(session, user, TokenPurpose.INVITATION)
    with pytest.raises(DomainError):
        services.reset_password(session, token, "ett långt lösenord")


def test_a_new_token_makes_the_previous_one_useless(session):
    user = make_user(session)
    first = services.issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    second = services.issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    with pytest.raises(DomainError):
        services.find_valid_token(session, first, TokenPurpose.PASSWORD_RESET)
    assert services.find_valid_token(session, second, TokenPurpose.PASSWORD_RESET)


def test_only_the_token_hash_is_stored(session):
    user = make_user(session)
    token = services.issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    session.flush()
    assert session.scalar(sa.select(AccountToken.token_hash)) != token


def test_resetting_the_password_signs_the_person_out_everywhere(session):
    user = make_user(session)
    version = user.session_version
    token = services.issue_token(session, user, TokenPurpose.PASSWORD_RESET)
    services.reset_password(session, token, "ett långt lösenord")
    assert user.session_version == version + 1


def test_a_reset_request_for_an_unknown_address_sends_nothing(session, outbox):
    services.request_password_reset(session, "okand@example.se", "192.0.2.1")
    session.commit()
    assert outbox() == []


def test_a_reset_request_for_someone_who_never_accepted_resends_the_invitation(session, outbox):
    make_user(session, email="ny@example.se", password=False)
    services.request_password_reset(session, "ny@example.se", "192.0.2.1")
    session.commit()
    assert [mail.kind for mail in outbox()] == ["invitation"]


def test_changing_password_needs_the_current_one(session):
    user = make_user(session)
    with pytest.raises(DomainError) as refused:
        services.change_password(session, user, "fel", "ett långt lösenord", remote_address="")
    assert refused.value.field == "current_password"
    services.change_password(session, user, TEST_PASSWORD, "ett långt lösenord", remote_address="")
    assert services.authenticate(session, user.email, "ett långt lösenord", "1.1.1.1") is user


def test_an_admin_cannot_demote_or_deactivate_themselves(session):
    admin = make_user(session, is_admin=True)
    with pytest.raises(DomainError):
        services.update_account(session, admin, admin, email=admin.email, name=admin.name, unit=None, is_admin=False)
    with pytest.raises(DomainError):
        services.set_account_active(session, admin, admin, False)


def test_role_changes_and_deactivation_are_audited(session):
    admin = make_user(session, is_admin=True)
    other = make_user(session)
    services.update_account(session, admin, other, email=other.email, name=other.name, unit=None, is_admin=True)
    services.set_account_active(session, admin, other, False)
    session.flush()
    actions = session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["admin_granted", "account_deactivated"]
    assert not other.active


def test_two_accounts_cannot_share_an_address(session):
    admin = make_user(session, is_admin=True)
    make_user(session, email="taken@example.se")
    with pytest.raises(DomainError) as refused:
        services.create_account(session, admin, email="TAKEN@example.se", name="X", unit=None, is_admin=False)
    assert refused.value.field == "email"
