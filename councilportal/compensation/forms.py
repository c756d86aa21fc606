"""The shape of compensation input: amounts are read as kronor and öre into integer öre."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from councilportal.compensation import amounts
from councilportal.compensation.models import RuleKind, TravelKind
from councilportal.forms import PortalForm, choices, max_length

AMOUNT_MESSAGES = {
    "negative": _l("Beloppet kan inte vara negativt."),
    "not_a_number": _l("Skriv beloppet i kronor, med högst två decimaler, till exempel 1 234,50."),
    "too_large": _l("Beloppet är för stort. Största belopp är 1 000 000 kr."),
}


class KronorField(StringField):
    """Kronor as people write them ("1 234,50"); `data` is the amount in öre, 0 when left empty."""

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        if not self.raw_text.strip():
            self.data = 0
            return
        try:
            self.data = amounts.parse_kronor(self.raw_text)
        except amounts.AmountError as error:
            self.data = None
            raise ValueError(str(AMOUNT_MESSAGES[str(error)])) from error

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return amounts.kronor_for_spreadsheet(self.data) if self.data else ""


def _amount(label, description=None) -> KronorField:
    return KronorField(label, description=description or _l("I kronor, till exempel 1 234,50."),
                       render_kw={"inputmode": "decimal", "autocomplete": "off"})


class RuleForm(PortalForm):
    valid_from = DateField(_l("Gäller från och med"),
                           validators=[DataRequired(_l("Fyll i ett giltigt datum, till exempel 2027-01-01."))])
    kind = RadioField(_l("Arvode"), choices=choices([
        (RuleKind.PER_MEETING.value, _l("Ett belopp per möte")),
        (RuleKind.HOURLY.value, _l("Per timme: första timmen och varje påbörjad halvtimme därefter")),
    ]), default=RuleKind.PER_MEETING.value)
    meeting_fee = _amount(_l("Arvode per möte"))
    first_hour = _amount(_l("Arvode för första timmen"))
    half_hour = _amount(_l("Arvode per påbörjad halvtimme efter första timmen"))
    km_rate = _amount(_l("Reseersättning per kilometer"), _l("I kronor, till exempel 2,50."))


class ClaimForm(PortalForm):
    travel_kind = RadioField(_l("Resa"), choices=choices([
        (TravelKind.NONE.value, _l("Ingen reseersättning")),
        (TravelKind.KM.value, _l("Egen bil: ersättning per kilometer")),
        (TravelKind.TICKET.value, _l("Biljett (buss, tåg): ersättning för kostnaden")),
    ]), default=TravelKind.NONE.value)
    travel_km = IntegerField(_l("Kilometer tur och retur"), validators=[
        Optional(), NumberRange(min=0, max=amounts.LARGEST_TRAVEL_KM,
                                message=_l("Skriv ett antal kilometer mellan 0 och %(max)s."))],
        render_kw={"inputmode": "numeric"})
    ticket = _amount(_l("Biljettens kostnad"))
    receipt = FileField(_l("Kvitto på biljetten"), description=_l("Krävs för biljett. PDF, PNG eller JPG."))
    lost_income = _amount(_l("Förlorad arbetsinkomst"))
    employer_statement = FileField(_l("Arbetsgivarens intyg"),
                                   description=_l("Krävs för förlorad arbetsinkomst. PDF, PNG eller JPG."))


class ReturnForm(PortalForm):
    comment = TextAreaField(_l("Vad behöver rättas?"),
                            validators=[DataRequired(_l("Skriv vad som behöver rättas.")), max_length(2000)])


class PayrollIdentifierForm(PortalForm):
    identifier = StringField(_l("Identitet i lönesystemet"), validators=[Optional(), max_length(100)],
                             description=_l("Anställningsnummer eller e-postadress. Lämna tomt för att använda "
                                            "personens e-postadress. Inga personnummer."),
                             render_kw={"autocomplete": "off", "spellcheck": "false"})
