import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user
from sqlalchemy.orm import selectinload

from councilportal.accounts import policies, services
from councilportal.accounts.forms import (
    AcceptInvitationForm,
    AccountForm,
    ChangePasswordForm,
    ConfirmForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)
from councilportal.accounts.models import AuditEvent, TokenPurpose, User
from councilportal.errors import DomainError
from councilportal.extensions import db, login_manager
from councilportal.forms import choices
from councilportal.organisations.models import Unit
from councilportal.organisations.services import unit_choices
from councilportal.privacy import policies as privacy_policies
from councilportal.web import (
    acting_user,
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


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    # The policies read the signed-in person's memberships and councils on almost every page.
    user = db.session.get(User, int(user_id),
                          options=[selectinload(User.memberships), selectinload(User.coordinated_councils)])
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


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
            db.session.commit()
            session.pop("locale", None)
            login_user(user)
            return redirect(safe_next_url(request.args.get("next"), url_for("councils.mine")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("Du är utloggad."), "success")
    return redirect(url_for("pages.home"))


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
            login_user(user)
            flash(_("Välkommen! Ditt konto är klart."), "success")
            return redirect(url_for("councils.mine"))
    return render_template("accounts/accept_invitation.html", form=form, invited=invitation.user)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(db.session, form.email.data)
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
    return render_template("accounts/profile.html", form=form, user=user)


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = acting_user()
    require(policies.can_edit_profile(user))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with committed_or_shown_on(form) as done:
            services.change_password(db.session, user, form.current_password.data, form.new_password.data)
        if done:
            login_user(user)
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
    return render_template("accounts/account_form.html", form=form, account=account, confirm_form=ConfirmForm(),
                           privacy_policies=privacy_policies)


@bp.post("/admin/accounts/<int:user_id>/active")
@login_required
def account_set_active(user_id: int):
    admin = acting_user()
    require(policies.can_manage_accounts(admin))
    account = get_or_404(User, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        activate = request.form.get("active") == "1"
        try:
            services.set_account_active(db.session, admin, account, activate)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
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


@bp.get("/admin/audit")
@login_required
def audit_log():
    require(policies.can_view_audit_log(acting_user()))
    statement = sa.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    return render_template("accounts/audit_log.html", page=paginate(statement))
