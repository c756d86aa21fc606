from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from councilportal.councils.models import MembershipRole, Seat
from councilportal.forms import PortalForm, choices, email_field, max_length

ROLE_LABELS = {
    MembershipRole.REPRESENTATIVE: _l("Brukarrepresentant"),
    MembershipRole.OFFICIAL: _l("Tjänsteperson från kommunen eller regionen"),
}
SEAT_LABELS = {Seat.ORDINARY: _l("Ordinarie ledamot"), Seat.DEPUTY: _l("Ersättare")}


class CouncilForm(PortalForm):
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i rådets namn.")), max_length(200)])
    slug = StringField(
        _l("Kortnamn i webbadressen"), validators=[Optional(), max_length(80)],
        description=_l("Små bokstäver a–z, siffror och bindestreck. Lämna tomt så skapas det av namnet."))
    description = TextAreaField(_l("Beskrivning"), validators=[Optional(), max_length(5000)], render_kw={"rows": 5})
    subject_area = StringField(_l("Ämnesområde"), validators=[Optional(), max_length(200)],
                               description=_l("Till exempel psykiatri, missbruk och beroende, socialtjänst."))
    owner_id = SelectField(_l("Ägs av"), coerce=int)
    is_public = BooleanField(
        _l("Offentligt råd"),
        description=_l("Allmänheten ser kommande möten, justerade protokoll och offentliga synpunkter."))
    ordinary_seats_per_organisation = IntegerField(
        _l("Ordinarie platser per organisation"),
        validators=[Optional(), NumberRange(0, 50, _l("Välj ett tal mellan 0 och 50."))],
        description=_l("Lämna tomt för obegränsat."))
    deputy_seats_per_organisation = IntegerField(
        _l("Ersättarplatser per organisation"),
        validators=[Optional(), NumberRange(0, 50, _l("Välj ett tal mellan 0 och 50."))],
        description=_l("Lämna tomt för obegränsat."))
    coordinator_ids = SelectMultipleField(_l("Samordnare"), coerce=int,
                                          description=_l("Håll ned Ctrl (Cmd på Mac) för att välja flera."))


class MembershipForm(PortalForm):
    organisation_id = SelectField(_l("Organisation som personen företräder"), coerce=int)
    role = RadioField(_l("Roll"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items()),
                      coerce=MembershipRole, default=MembershipRole.REPRESENTATIVE.value)
    seat = RadioField(lazy_pgettext("a member's seat: ordinarie or ersättare", "Plats"),
                      choices=choices((seat.value, label) for seat, label in SEAT_LABELS.items()),
                      coerce=Seat, default=Seat.ORDINARY.value)
    stands_in_for_id = SelectField(_l("Ersättare för"), coerce=int,
                                   description=_l("Gäller bara ersättare: den ordinarie ledamot hen står i för."))
    term_start = DateField(_l("Mandatperioden börjar"),
                           validators=[DataRequired(_l("Fyll i ett giltigt datum, till exempel 2027-01-01."))])
    term_end = DateField(_l("Mandatperioden slutar"), validators=[Optional()],
                         description=_l("Lämna tomt om perioden inte har något slutdatum."))


class NewMemberForm(MembershipForm):
    email = email_field(description=_l("Har personen inget konto än får hen en inbjudan med e-post."))
    name = StringField(_l("Namn"), validators=[DataRequired(_l("Fyll i personens namn.")), max_length(200)],
                       description=_l("Används bara om personen inte redan har ett konto."))


class EndMembershipForm(PortalForm):
    last_day = DateField(_l("Sista dag"),
                         validators=[DataRequired(_l("Fyll i ett giltigt datum, till exempel 2027-01-01."))])
