"""The base form and the field types shared by several domains' forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import EmailField, SelectChoice
from wtforms.validators import DataRequired, Email, Length


def email_field(label=None, **kwargs) -> EmailField:
    return EmailField(
        label or _l("E-postadress"),
        validators=[
            DataRequired(_l("Fyll i en e-postadress.")),
            Email(_l("Skriv en giltig e-postadress, till exempel namn@exempel.se."), check_deliverability=False),
            Length(max=254, message=_l("E-postadressen får ha högst %(max)d tecken.")),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
        **kwargs,
    )


def required(message) -> DataRequired:
    return DataRequired(message)


def max_length(limit: int) -> Length:
    return Length(max=limit, message=_l("Högst %(max)d tecken."))


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as options for a SelectField or RadioField."""
    return [SelectChoice(value, label) for value, label in pairs]


# WTForms' own messages, said plainly in the portal's voice (its Swedish catalogue is terse).
PLAIN_MESSAGES = {
    "Not a valid choice.": _l("Välj ett av alternativen."),
    "Invalid Choice: could not coerce.": _l("Välj ett av alternativen."),
    "Not a valid date value.": _l("Fyll i ett giltigt datum, till exempel 2027-01-01."),
    "Not a valid datetime value.": _l("Fyll i ett giltigt datum och klockslag."),
    "Not a valid time value.": _l("Fyll i ett giltigt klockslag, till exempel 13:00."),
    "Not a valid integer value.": _l("Fyll i ett heltal."),
    "This field is required.": _l("Fältet måste fyllas i."),
}


class _PlainTranslations:
    def gettext(self, string):
        plain = PLAIN_MESSAGES.get(string)
        return str(plain) if plain is not None else wtforms_translations.gettext(string)

    def ngettext(self, singular, plural, n):
        return wtforms_translations.ngettext(singular, plural, n)


class PortalForm(FlaskForm):
    """Every form of the portal: CSRF from Flask-WTF, and plain messages for invalid input."""

    class Meta:
        def get_translations(self, form):
            return _PlainTranslations()
