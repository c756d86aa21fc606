from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, StringField, TelField, TextAreaField, URLField
from wtforms.validators import URL, Email, Optional

from councilportal.forms import PortalForm, max_length


class SiteSettingsForm(PortalForm):
    municipality_name = StringField(_l("Kommunens eller regionens namn"), validators=[Optional(), max_length(200)],
                                    description=_l("Visas i sidhuvudet och på utskrifter."))
    logo_file = FileField(_l("Logotyp"), description=_l("En SVG- eller PNG-fil på högst 200 kB. Lämna tomt för att "
                                                   "behålla den nuvarande."))
    remove_logo = BooleanField(_l("Ta bort logotypen"))
    accent_colour = StringField(
        _l("Profilfärg"), validators=[Optional(), max_length(7)],
        description=_l("Som #1a5276. Sidhuvudet och knapparna har vit text på färgen, så den måste ha minst "
                       "kontrasten 4,5:1 mot vitt. Lämna tomt för portalens egen färg."),
        render_kw={"spellcheck": "false", "autocomplete": "off"})
    contact_email = StringField(_l("E-post för tillgänglighetsfrågor"),
                                validators=[Optional(), Email(_l("Skriv en giltig e-postadress."),
                                                              check_deliverability=False), max_length(254)])
    contact_phone = TelField(_l("Telefon"), validators=[Optional(), max_length(40)])
    contact_address = TextAreaField(_l("Postadress"), validators=[Optional(), max_length(300)], render_kw={"rows": 3})
    feedback_url = URLField(
        _l("Webbformulär för synpunkter på tillgängligheten"),
        validators=[Optional(), URL(message=_l("Skriv en hel webbadress, som börjar med https://.")),
                    max_length(500)])
    statement_reviewed_on = DateField(_l("Redogörelsen granskades senast"), validators=[Optional()],
                                      description=_l("Datumet då ni senast såg över redogörelsen."))
