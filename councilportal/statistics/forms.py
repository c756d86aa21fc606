"""The filters above the statistics: a GET form, so a filtered page has its own address."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from councilportal.forms import PortalForm, choices, max_length
from councilportal.statistics.figures import StatisticsFilters, period_of

QUARTERS = (1, 2, 3, 4)


class StatisticsFilterForm(PortalForm):
    class Meta:
        csrf = False

    council = SelectField(_l("Råd"), validators=[Optional()])
    unit = SelectField(_l("Ansvarig enhet"), validators=[Optional()])
    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    subject = StringField(_l("Ämne"), validators=[Optional(), max_length(100)])
    year = SelectField(_l("År"), validators=[Optional()])
    quarter = SelectField(_l("Kvartal"), validators=[Optional()])
    start = DateField(_l("Från och med"), validators=[Optional()])
    end = DateField(_l("Till och med"), validators=[Optional()])

    def offer(self, *, councils, organisations, units, years) -> None:
        if councils is None:
            del self.council
        else:
            self.council.choices = choices([("", _l("Alla råd"))] + [(str(c.id), c.name) for c in councils])
        self.unit.choices = choices([("", _l("Alla enheter"))] + [(str(u.id), u.name) for u in units])
        self.organisation.choices = choices([("", _l("Alla organisationer"))]
                                            + [(str(o.id), o.name) for o in organisations])
        self.year.choices = choices([("", _l("Alla år"))] + [(str(year), str(year)) for year in years])
        self.quarter.choices = choices([("", _l("Hela året"))]
                                       + [(str(q), _l("Kvartal %(number)s", number=q)) for q in QUARTERS])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.quarter.data and not self.year.data:
            self.quarter.errors = [*self.quarter.errors, _l("Välj ett år för kvartalet.")]
            valid = False
        if self.start.data and self.end.data and self.end.data < self.start.data:
            self.end.errors = [*self.end.errors, _l("Slutdatumet kan inte vara före startdatumet.")]
            valid = False
        return valid

    def filters(self, council_id: int | None = None) -> StatisticsFilters:
        """What the valid fields ask for; a field with an error is left out (and shown as an error). A date
        range wins over a year and a quarter."""
        def number(field):
            return int(field.data) if field is not None and field.data and not field.errors else None

        start, end = period_of(number(self.year), number(self.quarter),
                               self.start.data if not self.start.errors else None,
                               self.end.data if not self.end.errors else None)
        return StatisticsFilters(
            council_id=council_id if council_id is not None else number(getattr(self, "council", None)),
            unit_id=number(self.unit),
            organisation_id=number(self.organisation),
            subject=None if self.subject.errors else (self.subject.data or "").replace("\x00", "").strip() or None,
            start=start,
            end=end,
        )

