import functools
import time

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from sqlalchemy.orm import lazyload

from councilportal.accounts import policies, services, totp
from councilportal.accounts.forms import (
    AcceptInvitationForm,
    AccountForm,
    ChangePasswordForm,
    ConfirmForm,
    ForgotPasswordForm,
    LoginCodeForm,
    LoginForm,
    PasswordOrCodeForm,
    ProfileForm,
    ResetPasswordForm,
    TwoFactorConfirmForm,
)
from councilportal.accounts.models import AuditEvent, TokenPurpose, User
from councilportal.config import ConfigurationError
from councilportal.errors import DomainError
from councilportal.extensions import db, login_manager
from councilportal.forms import choices
from councilportal.organisations.models import Unit
from councilportal.organisations.services import unit_choices
from councilportal.web import (
    FAILED,
    acting_user,
    committed_or_flashed,
    committed_or_shown_on,
    get_or_404,
    paginate,
    require,
    safe_next_url,
    show_domain_error,
)

bp = Blueprint("accounts", __name__)

login_manager.login_view = "accounts.login"
login_manager.login_message = None


# The session cookie names the sign-in (a row in sign_ins) beside Flask-Login's user id.
SIGN_IN_KEY = "sign_in"
# Between a right password and the code from the app: who, which session version, since when.
PENDING_SECOND_FACTOR = "pending_second_factor"
PENDING_SECOND_FACTOR_SECONDS = 300
# What someone who must still set up two-factor sign-in may reach meanwhile.
OPEN_BEFORE_TWO_FACTOR_SETUP = {"static", "accounts.logout", "accounts.two_factor", "accounts.two_factor_start",
                                "accounts.two_factor_confirm"}


@bp.record_once
def _check_configuration(state) -> None:
    try:
        services.two_factor_required_roles(state.app.config["TWO_FACTOR_REQUIRED_ROLES"])
    except ValueError as error:
        raise ConfigurationError(str(error)) from None


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    raw_key = session.get(SIGN_IN_KEY)
    if not user_id.isdigit() or not version.isdigit() or not isinstance(raw_key, str):
        return None
    return services.signed_in_user(db.session, int(user_id), int(version), raw_key, options=_signed_in_loading())


@functools.cache
def _signed_in_loading() -> tuple:
    """How the signed-in person loads, put together once: building the options took longer than the query.

    The person alone, from a join of two tables: a kept page needs no more. A page that is built loads
    their memberships, councils and unit when a policy first reads them, a small query each, where
    loading them along made one wide query of ten joins, a row for every membership and council. The
    memberships come with their councils and organisations, not with the person again nor with the
    seats they stand in for, which no policy reads and which took PostgreSQL milliseconds to plan."""
    membership = User.memberships.property.mapper.class_  # councils imports accounts, never the reverse
    return (lazyload(User.memberships).options(lazyload(membership.user), lazyload(membership.stands_in_for)),)


def _required_roles() -> set[str]:
    return services.two_factor_required_roles(current_app.config["TWO_FACTOR_REQUIRED_ROLES"])


@bp.before_app_request
def _send_to_two_factor_setup_when_required():
    if request.endpoint in OPEN_BEFORE_TWO_FACTOR_SETUP or not current_app.config["TWO_FACTOR_REQUIRED_ROLES"]:
        return None
    if policies.must_set_up_two_factor(acting_user(), _required_roles()):
        return redirect(url_for("accounts.two_factor"))
    return None


def _sign_in(user: User) -> None:
    """Start this browser's sign-in (the caller's changes are committed with it)."""
    raw_key = services.start_sign_in(db.session, user)
    db.session.commit()
    session.pop(PENDING_SECOND_FACTOR, None)
    session.pop("locale", None)
    session[SIGN_IN_KEY] = raw_key
    login_user(user)


def _after_sign_in(next_url: str | None):
    if policies.must_set_up_two_factor(acting_user(), _required_roles()):
        flash(_("Din roll kräver tvåstegsinloggning. Slå på den innan du går vidare."), "info")
        return redirect(url_for("accounts.two_factor"))
    return redirect(safe_next_url(next_url, url_for("startpage.index")))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(db.session, form.email.data, form.password.data, request.remote_addr or "")
        except DomainError as error:
            db.session.commit()
            show_domain_error(form, error)
        else:
            if user.has_two_factor:
                db.session.commit()
                session[PENDING_SECOND_FACTOR] = {"user_id": user.id, "version": user.session_version,
                                                  "since": int(time.time()), "next": request.args.get("next")}
                return redirect(url_for("accounts.login_code"))
            _sign_in(user)
            return _after_sign_in(request.args.get("next"))
    return render_template("accounts/login.html", form=form)


def _user_awaiting_second_factor() -> User | None:
    pending = session.get(PENDING_SECOND_FACTOR)
    if not isinstance(pending, dict) or time.time() - pending.get("since", 0) > PENDING_SECOND_FACTOR_SECONDS:
        return None
    user = db.session.get(User, pending.get("user_id"))
    if user is None or not user.active or not user.has_two_factor or user.session_version != pending.get("version"):
        return None
    return user


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    user = _user_awaiting_second_factor()
    if user is None:
        session.pop(PENDING_SECOND_FACTOR, None)
        return render_template("accounts/login_code.html", form=None)
    form = LoginCodeForm()
    if form.validate_on_submit():
        try:
            services.verify_second_factor(db.session, user, form.code.data, request.remote_addr or "")
        except DomainError as error:
            db.session.commit()
            show_domain_error(form, error)
        else:
            next_url = session[PENDING_SECOND_FACTOR].get("next")
            _sign_in(user)
            return _after_sign_in(next_url)
    return render_template("accounts/login_code.html", form=form)


@bp.post("/logout")
def logout():
    raw_key = session.pop(SIGN_IN_KEY, None)
    if isinstance(raw_key, str):
        services.end_sign_in(db.session, raw_key)
        db.session.commit()
    logout_user()
    flash(_("Du är utloggad."), "success")
    return redirect(url_for("pages.home"))


@bp.post("/profile/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    user = acting_user()
    require(policies.can_edit_profile(user))
    if ConfirmForm().validate_on_submit():
        services.sign_out_everywhere(db.session, user)
        db.session.commit()
        session.pop(SIGN_IN_KEY, None)
        logout_user()
        flash(_("Du är utloggad på alla enheter."), "success")
        return redirect(url_for("pages.home"))
    return redirect(url_for("accounts.profile"))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = services.find_valid_token(db.session, token, TokenPurpose.INVITATION)
    except DomainError as error:
        return render_template("accounts/link_invalid.html", message=error.message), 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            user = services.accept_invitation(db.session, token, form.password.data, form.show_name_publicly.data)
        if done:
            _sign_in(user)
            flash(_("Välkommen! Ditt konto är klart."), "success")
            return redirect(url_for("startpage.index"))
    return render_template("accounts/accept_invitation.html", form=form, invited=invitation.user)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(db.session, form.email.data, request.remote_addr or "")
        db.session.commit()
        flash(_("Om adressen hör till ett konto har vi skickat en länk för att välja nytt lösenord."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        services.find_valid_token(db.session, token, TokenPurpose.PASSWORD_RESET)
    except DomainError as error:
        return render_template("accounts/link_invalid.html", message=error.message), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.reset_password(db.session, token, form.password.data)
        if done:
            flash(_("Ditt lösenord är bytt. Logga in med det nya."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = acting_user()
    require(policies.can_edit_profile(user))
    form = ProfileForm(obj=user)
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.update_profile(db.session, user, name=form.name.data, phone=form.phone.data or "",
                                    show_name_publicly=form.show_name_publicly.data, locale=form.locale.data)
        if done:
            session.pop("locale", None)
            flash(_("Dina uppgifter är sparade."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, user=user,
                           can_use_two_factor=policies.can_use_two_factor(user))


def _two_factor_page(user: User, confirm_form: TwoFactorConfirmForm | None = None,
                     codes_form: PasswordOrCodeForm | None = None, off_form: PasswordOrCodeForm | None = None):
    setup = None
    if not user.has_two_factor and user.two_factor_secret:
        uri = totp.provisioning_uri(user.two_factor_secret, user.email, current_app.config["PORTAL_NAME"])
        setup = {"qr_code": totp.qr_code_svg(uri, _("QR-kod för appen")),
                 "key": totp.grouped_secret(user.two_factor_secret)}
    return render_template(
        "accounts/two_factor.html", user=user, setup=setup,
        confirm_form=confirm_form or TwoFactorConfirmForm(),
        codes_form=codes_form or PasswordOrCodeForm(prefix="codes"),
        off_form=off_form or PasswordOrCodeForm(prefix="off"),
        required=policies.must_set_up_two_factor(user, _required_roles()),
        can_turn_off=not (user.roles & _required_roles()),
        unused_codes=services.unused_recovery_codes(db.session, user) if user.has_two_factor else 0,
    )


def _recovery_codes_page(codes: list[str]):
    response = current_app.make_response(render_template("accounts/recovery_codes.html", codes=codes))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/profile/two-factor")
@login_required
def two_factor():
    user = acting_user()
    require(policies.can_use_two_factor(user))
    return _two_factor_page(user)


@bp.post("/profile/two-factor/start")
@login_required
def two_factor_start():
    user = acting_user()
    require(policies.can_use_two_factor(user))
    if ConfirmForm().validate_on_submit():
        committed_or_flashed(lambda: services.begin_two_factor_setup(db.session, user))
    return redirect(url_for("accounts.two_factor"))


@bp.post("/profile/two-factor/confirm")
@login_required
def two_factor_confirm():
    user = acting_user()
    require(policies.can_use_two_factor(user))
    form = TwoFactorConfirmForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            codes = services.confirm_two_factor_setup(db.session, user, form.code.data)
        if done:
            flash(_("Tvåstegsinloggning är påslagen."), "success")
            return _recovery_codes_page(codes)
    return _two_factor_page(user, confirm_form=form)


@bp.post("/profile/two-factor/recovery-codes")
@login_required
def two_factor_recovery_codes():
    user = acting_user()
    require(policies.can_use_two_factor(user))
    form = PasswordOrCodeForm(prefix="codes")
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            codes = services.new_recovery_codes(db.session, user, form.password_or_code.data,
                                                    remote_address=request.remote_addr or "")
        if done:
            flash(_("Du har fått nya reservkoder. De gamla fungerar inte längre."), "success")
            return _recovery_codes_page(codes)
    return _two_factor_page(user, codes_form=form)


@bp.post("/profile/two-factor/off")
@login_required
def two_factor_off():
    user = acting_user()
    require(policies.can_use_two_factor(user))
    form = PasswordOrCodeForm(prefix="off")
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.turn_off_two_factor(db.session, user, form.password_or_code.data,
                                         remote_address=request.remote_addr or "")
        if done:
            flash(_("Tvåstegsinloggning är avstängd."), "success")
            return redirect(url_for("accounts.profile"))
    return _two_factor_page(user, off_form=form)


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = acting_user()
    require(policies.can_edit_profile(user))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.change_password(db.session, user, form.current_password.data, form.new_password.data,
                                     remote_address=request.remote_addr or "")
        if done:
            _sign_in(user)
            flash(_("Ditt lösenord är bytt."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


# --- Administration ------------------------------------------------------------------------------


def _account_form(**kwargs) -> AccountForm:
    form = AccountForm(**kwargs)
    form.unit_id.choices = choices([(0, _("Ingen enhet")), *unit_choices(db.session)])
    return form


def _chosen_unit(form: AccountForm) -> Unit | None:
    return db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None


@bp.get("/admin/accounts")
@login_required
def account_list():
    require(policies.can_manage_accounts(acting_user()))
    query = request.args.get("q", "").strip()[:200]
    statement = sa.select(User).order_by(User.name, User.id)
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(sa.or_(sa.func.lower(User.name).like(pattern), User.email.like(pattern)))
    return render_template("accounts/account_list.html", page=paginate(statement), query=query)


@bp.route("/admin/accounts/new", methods=["GET", "POST"])
@login_required
def account_new():
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    form = _account_form()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            user = services.create_account(db.session, admin, email=form.email.data, name=form.name.data,
                                           unit=_chosen_unit(form), is_admin=form.is_admin.data)
        if done:
            flash(_("Kontot är skapat och en inbjudan är skickad till %(email)s.", email=user.email), "success")
            return redirect(url_for("accounts.account_list"))
    return render_template("accounts/account_form.html", form=form, account=None)


@bp.route("/admin/accounts/<int:user_id>/edit", methods=["GET", "POST"])
@login_required
def account_edit(user_id: int):
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    account = get_or_404(User, user_id)
    form = _account_form(obj=account, data={"unit_id": account.unit_id or 0})
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.update_account(db.session, admin, account, email=form.email.data, name=form.name.data,
                                    unit=_chosen_unit(form), is_admin=form.is_admin.data)
        if done:
            flash(_("Kontot är sparat."), "success")
            return redirect(url_for("accounts.account_list"))
    return render_template("accounts/account_form.html", form=form, account=account, confirm_form=ConfirmForm())


@bp.post("/admin/accounts/<int:user_id>/active")
@login_required
def account_set_active(user_id: int):
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    account = get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        activate = request.form.get("active") == "1"
        changed = committed_or_flashed(lambda: services.set_account_active(db.session, admin, account, activate))
        if changed is not FAILED:
            flash(_("Kontot är aktiverat.") if activate else _("Kontot är avstängt."), "success")
    return redirect(url_for("accounts.account_edit", user_id=account.id))


@bp.post("/admin/accounts/<int:user_id>/invitation")
@login_required
def account_resend_invitation(user_id: int):
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    account = get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit() and account.active and not account.has_password:
        services.send_invitation(db.session, account, admin)
        db.session.commit()
        flash(_("En ny inbjudan är skickad till %(email)s.", email=account.email), "success")
    return redirect(url_for("accounts.account_edit", user_id=account.id))


@bp.post("/admin/accounts/<int:user_id>/two-factor/off")
@login_required
def account_two_factor_off(user_id: int):
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    account = get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit() and committed_or_flashed(
        lambda: services.turn_off_two_factor_for(db.session, admin, account)
    ) is not FAILED:
        flash(_("Tvåstegsinloggning är avstängd för %(name)s.", name=account.name), "success")
    return redirect(url_for("accounts.account_edit", user_id=account.id))


@bp.get("/admin/audit")
@login_required
def audit_log():
    require(policies.can_view_audit_log(acting_user()))
    statement = sa.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    return render_template("accounts/audit_log.html", page=paginate(statement))
