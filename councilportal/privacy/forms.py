from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired

from councilportal.forms import PortalForm


class EraseForm(PortalForm):
    understood = BooleanField(
        _l("Jag förstår att namn, e-postadress och inloggning tas bort för gott"),
        validators=[DataRequired(_l("Kryssa i rutan för att bekräfta."))],
    )
