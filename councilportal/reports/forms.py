from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Optional

from councilportal.forms import PortalForm, max_length

TEXT_MAX = 20_000


class AnnualReportDraftForm(PortalForm):
    introduction = TextAreaField(_l("Inledning"), validators=[Optional(), max_length(TEXT_MAX)],
                                 description=_l("Visas först i berättelsen. Tomma rader delar stycken."),
                                 render_kw={"rows": 8})
    closing = TextAreaField(_l("Avslutande ord"), validators=[Optional(), max_length(TEXT_MAX)],
                            render_kw={"rows": 5})
