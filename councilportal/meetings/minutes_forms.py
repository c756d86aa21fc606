from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import HiddenInput

from councilportal.councils.forms import ROLE_LABELS
from councilportal.councils.models import MembershipRole
from councilportal.forms import PortalForm, PortalSubform, choices, email_field, max_length
from councilportal.meetings.minutes import TEXT_MAX


class AttendanceForm(PortalForm):
    # The choices depend on the meeting: the domain checks them, with a message that says what to do.
    present = SelectMultipleField(_l("Närvarande ledamöter"), coerce=int, validate_choice=False)


class AddAttendeeForm(PortalForm):
    email = email_field(description=_l("Personen behöver ett konto i portalen."))
    organisation_id = SelectField(_l("Organisation som personen företrädde"), coerce=int)
    role = RadioField(_l("Roll"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items()),
                      coerce=MembershipRole, default=MembershipRole.REPRESENTATIVE.value)


class ItemMinutesForm(PortalSubform):
    """One agenda item's part of the minutes (inside MinutesForm, which carries the CSRF token)."""

    item_id = IntegerField(widget=HiddenInput())
    notes = TextAreaField(_l("Anteckningar"), validators=[Optional(), max_length(TEXT_MAX)], render_kw={"rows": 5})
    decision = TextAreaField(_l("Beslut"), validators=[Optional(), max_length(TEXT_MAX)], render_kw={"rows": 2})


class MinutesForm(PortalForm):
    items = FieldList(FormField(ItemMinutesForm))


class CheckersForm(PortalForm):
    checker_ids = SelectMultipleField(_l("Justerare"), coerce=int, validate_choice=False)


class AttendanceReportForm(PortalForm):
    """The report's period, read from the query string (a GET form: nothing changes, no CSRF)."""

    class Meta:
        csrf = False

    start = DateField(_l("Från och med"),
                      validators=[DataRequired(_l("Fyll i ett giltigt datum, till exempel 2027-01-01."))])
    end = DateField(_l("Till och med"),
                    validators=[DataRequired(_l("Fyll i ett giltigt datum, till exempel 2027-01-01."))])
