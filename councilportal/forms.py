"""The base form and the field types shared by several domains' forms."""

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import EmailField, FieldList, Form, FormField, SelectChoice
from wtforms.meta import DefaultMeta
from wtforms.validators import DataRequired, Email, Length

from councilportal.extensions import LARGEST_INTEGER


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


def without_nul_characters(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


def within_the_database_range(value):
    """A filter on every field: a number (or a chosen id) the database cannot hold is refused."""
    numbers = value if isinstance(value, list) else [value]
    for number in numbers:
        if isinstance(number, int) and not isinstance(number, bool) and abs(number) > LARGEST_INTEGER:
            raise ValueError(_l("Talet är för stort."))
    return value


class _PlainTranslations:
    def gettext(self, string):
        plain = PLAIN_MESSAGES.get(string)
        return str(plain) if plain is not None else wtforms_translations.gettext(string)

    def ngettext(self, singular, plural, n):
        return wtforms_translations.ngettext(singular, plural, n)


class PortalMeta(DefaultMeta):
    def get_translations(self, form):
        return _PlainTranslations()

    def bind_field(self, form, unbound_field, options):
        # A FieldList or FormField holds fields of its own, and those are bound with the filter.
        if not issubclass(unbound_field.field_class, (FieldList, FormField)):
            filters = [*unbound_field.kwargs.get("filters", ()), within_the_database_range]
            options = {**options, "filters": filters}
        return super().bind_field(form, unbound_field, options)


class PortalForm(FlaskForm):
    """Every form of the portal: CSRF from Flask-WTF, plain messages for invalid input, and no
    number past what the database holds."""

    Meta = PortalMeta

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not valid:
            note_rejected_form()
        return valid


def note_rejected_form() -> None:
    """The page shown for this request says what was wrong: its title starts with "Fel:" (see base.html)."""
    if has_request_context():
        g.form_was_rejected = True


class PortalSubform(Form):
    """A part of a PortalForm repeated inside it (FormField), read by the same rules."""

    Meta = PortalMeta
