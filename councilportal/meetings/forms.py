from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf.file import FileField
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from councilportal.forms import PortalForm, max_length
from councilportal.meetings.models import MeetingState

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
DATETIME_MESSAGE = _l("Fyll i datum och klockslag, till exempel 2027-03-02 13:00.")

STATE_LABELS = {
    MeetingState.DRAFT: _l("Utkast"),
    MeetingState.PUBLISHED: _l("Publicerat"),
    MeetingState.HELD: _l("Hållet"),
    MeetingState.MINUTES_APPROVED: _l("Protokollet justerat"),
    MeetingState.CANCELLED: _l("Inställt"),
}


class MeetingForm(PortalForm):
    title = StringField(_l("Rubrik"), validators=[DataRequired(_l("Fyll i mötets rubrik.")), max_length(200)],
                        description=_l("Till exempel Rådsmöte mars."))
    starts_at = DateTimeLocalField(_l("Börjar"), format=DATETIME_FORMATS,
                                   validators=[DataRequired(DATETIME_MESSAGE)],
                                   description=_l("Svensk tid."))
    ends_at = DateTimeLocalField(_l("Slutar"), format=DATETIME_FORMATS,
                                 validators=[DataRequired(DATETIME_MESSAGE)],
                                 description=_l("Svensk tid."))
    location = StringField(lazy_pgettext("a meeting's location", "Plats"), validators=[Optional(), max_length(300)],
                           description=_l("Adress och lokal."))
    online_url = StringField(_l("Länk till digitalt möte"), validators=[Optional(), max_length(500)],
                             description=_l("Börjar med https://."), render_kw={"type": "url", "spellcheck": "false"})
    description = TextAreaField(_l("Beskrivning"), validators=[Optional(), max_length(5000)], render_kw={"rows": 4})
    case_number = StringField(_l("Diarienummer"), validators=[Optional(), max_length(60)],
                              description=_l("Kommunens eller regionens diarienummer för mötet."))


class AgendaItemForm(PortalForm):
    title = StringField(_l("Rubrik"), validators=[DataRequired(_l("Fyll i punktens rubrik.")), max_length(200)])
    description = TextAreaField(_l("Beskrivning"), validators=[Optional(), max_length(5000)], render_kw={"rows": 3})
    presenter = StringField(_l("Föredragande"), validators=[Optional(), max_length(200)])
    planned_minutes = IntegerField(_l("Planerad tid i minuter"), validators=[
        Optional(), NumberRange(1, 600, _l("Välj ett tal mellan 1 och 600."))])


class DocumentForm(PortalForm):
    file = FileField(_l("Fil"))
    agenda_item_id = SelectField(_l("Hör till"), coerce=int)


class AgendaTemplateForm(PortalForm):
    agenda_template = TextAreaField(_l("Standarddagordning"), validators=[Optional(), max_length(5000)],
                                    description=_l("En punkt per rad, i den ordning de brukar tas upp."),
                                    render_kw={"rows": 8})
