"""The filter form above every viewpoint list: a GET form, so a filtered list has its own address."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SearchField, SelectField, StringField
from wtforms.validators import Optional

from councilportal.forms import PortalForm, choices, max_length
from councilportal.viewpoints.labels import STATE_LABELS
from councilportal.viewpoints.models import ViewpointState
from councilportal.viewpoints.queries import ViewpointFilters


class ViewpointFilterForm(PortalForm):
    class Meta:
        # Reading a list changes nothing, and a filtered list must work as a bookmark or a link.
        csrf = False

    q = SearchField(_l("Sök i titel och text"), validators=[Optional(), max_length(200)])
    council = SelectField(_l("Råd"), validators=[Optional()])
    state = SelectField(_l("Status"), validators=[Optional()])
    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    unit = SelectField(_l("Ansvarig enhet"), validators=[Optional()])
    subject = StringField(_l("Ämne"), validators=[Optional(), max_length(100)])
    year = SelectField(_l("År"), validators=[Optional()])
    overdue = BooleanField(_l("Bara försenade"))
    take_up_again = BooleanField(_l("Bara de att ta upp igen"),
                                 description=_l("Organisationen har svarat att de utlovade åtgärderna inte blev av."))

    def offer(self, *, councils, organisations, units, years) -> None:
        """The options of the select fields, each starting with "all"."""
        self.council.choices = choices([("", _l("Alla råd"))] + [(str(c.id), c.name) for c in councils])
        self.state.choices = choices([("", _l("Alla"))] + [(s.value, label) for s, label in STATE_LABELS.items()])
        self.organisation.choices = choices([("", _l("Alla organisationer"))]
                                            + [(str(o.id), o.name) for o in organisations])
        self.unit.choices = choices([("", _l("Alla enheter"))] + [
            (str(u.id), f"{u.name} ({u.organisation.short_name or u.organisation.name})") for u in units])
        self.year.choices = choices([("", _l("Alla år"))] + [(str(year), str(year)) for year in years])

    def filters(self) -> ViewpointFilters:
        """What the valid fields ask for; a field with an error is left out (and shown as an error)."""
        def wanted(field):
            return field.data if field.data and not field.errors else None

        def number(field):
            value = wanted(field)
            return int(value) if value else None

        state = wanted(self.state)
        return ViewpointFilters(
            council_id=number(self.council),
            state=ViewpointState(state) if state else None,
            organisation_id=number(self.organisation),
            unit_id=number(self.unit),
            subject=wanted(self.subject),
            overdue=bool(self.overdue.data),
            year=number(self.year),
            text=wanted(self.q),
            take_up_again=bool(self.take_up_again.data),
        )

    @property
    def is_filtering(self) -> bool:
        return any(field.data for field in self)
