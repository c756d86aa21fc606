from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo, Optional

from councilportal.forms import PortalForm, choices, email_field, max_length


def _new_password(label):
    return PasswordField(
        label,
        validators=[DataRequired(_l("Välj ett lösenord.")), max_length(200)],
        render_kw={"autocomplete": "new-password"},
        description=_l("Minst 10 tecken. En fras av flera ord är lätt att minnas och svår att gissa."),
    )


def _confirm(field_name):
    return PasswordField(
        _l("Upprepa lösenordet"),
        validators=[DataRequired(_l("Upprepa lösenordet.")),
                    EqualTo(field_name, _l("Lösenorden är inte likadana."))],
        render_kw={"autocomplete": "new-password"},
    )


class LoginForm(PortalForm):
    email = email_field()
    password = PasswordField(
        _l("Lösenord"), validators=[DataRequired(_l("Fyll i ditt lösenord.")), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )


class LoginCodeForm(PortalForm):
    code = StringField(
        _l("Kod"), validators=[DataRequired(_l("Fyll i koden.")), max_length(40)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
        description=_l("Sex siffror från appen, eller en av dina reservkoder."),
    )


class TwoFactorConfirmForm(PortalForm):
    code = StringField(
        _l("Kod från appen"), validators=[DataRequired(_l("Fyll i koden.")), max_length(40)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
        description=_l("De sex siffror som appen visar just nu."),
    )


class PasswordOrCodeForm(PortalForm):
    password_or_code = PasswordField(
        _l("Lösenord eller kod från appen"),
        validators=[DataRequired(_l("Skriv ditt lösenord eller en kod från appen.")), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )


class AcceptInvitationForm(PortalForm):
    password = _new_password(_l("Välj lösenord"))
    confirm = _confirm("password")
    show_name_publicly = BooleanField(
        _l("Visa mitt namn på offentliga sidor"),
        description=_l("Om du inte kryssar i detta visas bara din organisation för allmänheten."),
    )


class ForgotPasswordForm(PortalForm):
    email = email_field()


class ResetPasswordForm(PortalForm):
    password = _new_password(_l("Nytt lösenord"))
    confirm = _confirm("password")


class ProfileForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i ditt namn.")), max_length(200)],
                       render_kw={"autocomplete": "name"})
    phone = TelField(_l("Telefon"), validators=[Optional(), max_length(40)], render_kw={"autocomplete": "tel"})
    show_name_publicly = BooleanField(
        _l("Visa mitt namn på offentliga sidor"),
        description=_l("Om du inte kryssar i detta visas bara din organisation för allmänheten."),
    )
    locale = SelectField(_l("Språk"), choices=choices([("sv", "Svenska"), ("en", "English")]))


class ChangePasswordForm(PortalForm):
    current_password = PasswordField(
        _l("Nuvarande lösenord"), validators=[DataRequired(_l("Fyll i ditt nuvarande lösenord.")), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = _new_password(_l("Nytt lösenord"))
    confirm = _confirm("new_password")


class AccountForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i ett namn.")), max_length(200)])
    email = email_field()
    unit_id = SelectField(
        _l("Enhet"), coerce=int,
        description=_l("Den som hör till en enhet är chef eller handläggare och kan svara på synpunkter."),
    )
    is_admin = BooleanField(_l("Administratör"))


class ConfirmForm(PortalForm):
    """An empty form: a button whose only input is the CSRF token."""
