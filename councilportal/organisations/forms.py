from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TelField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Email, Optional

from councilportal.forms import PortalForm, choices, max_length
from councilportal.organisations.models import OrganisationKind

KIND_LABELS = {
    OrganisationKind.USER_ORGANISATION: _l("Brukarorganisation"),
    OrganisationKind.MUNICIPALITY: _l("Kommun"),
    OrganisationKind.REGION: _l("Region"),
    OrganisationKind.OTHER: _l("Annan"),
}


class OrganisationForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i organisationens namn.")), max_length(200)])
    short_name = StringField(_l("Förkortning"), validators=[Optional(), max_length(40)],
                             description=_l("Till exempel RSMH."))
    kind = SelectField(_l("Typ"), choices=choices((kind.value, label) for kind, label in KIND_LABELS.items()),
                       coerce=OrganisationKind)
    email = StringField(_l("E-post"), validators=[Optional(), Email(_l("Skriv en giltig e-postadress."),
                                                                    check_deliverability=False), max_length(254)])
    phone = TelField(_l("Telefon"), validators=[Optional(), max_length(40)])
    website = URLField(_l("Webbplats"), validators=[Optional(), URL(message=_l("Skriv en hel webbadress, som börjar med https://.")),
                                                    max_length(300)])
    address = TextAreaField(_l("Adress"), validators=[Optional(), max_length(300)], render_kw={"rows": 3})


class UnitForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i enhetens namn.")), max_length(200)])
    parent_id = SelectField(_l("Ingår i"), coerce=int)
    email = StringField(_l("Funktionsbrevlåda"), validators=[
        Optional(), Email(_l("Skriv en giltig e-postadress."), check_deliverability=False), max_length(254)])
