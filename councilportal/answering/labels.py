"""What outcomes, ratings and kinds of personal data are called wherever something is answered."""

from flask_babel import lazy_gettext as _l

from councilportal.answering.models import Outcome
from councilportal.personaldata import Kind

OUTCOME_LABELS = {
    Outcome.CHANGED: _l("Det har ändrats"),
    Outcome.PARTLY_CHANGED: _l("Det har delvis ändrats"),
    Outcome.NOT_CHANGED: _l("Det har inte ändrats"),
    Outcome.NOT_APPLICABLE: _l("Inte tillämpligt"),
}

RATING_LABELS = {
    1: _l("1 – mycket missnöjd"),
    2: _l("2 – missnöjd"),
    3: _l("3 – varken eller"),
    4: _l("4 – nöjd"),
    5: _l("5 – mycket nöjd"),
}

PERSONAL_DATA_LABELS = {
    Kind.PERSONAL_IDENTITY_NUMBER: _l("personnummer"),
    Kind.COORDINATION_NUMBER: _l("samordningsnummer"),
    Kind.EMAIL: _l("e-postadress"),
    Kind.PHONE: _l("telefonnummer"),
}
