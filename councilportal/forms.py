"""Field types shared by several domains' forms."""

from flask_babel import lazy_gettext as _l
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
