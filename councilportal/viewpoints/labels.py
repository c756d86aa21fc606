"""What the states, visibilities, outcomes and timeline events are called in the interface."""

from flask_babel import lazy_gettext as _l

from councilportal.personaldata import Kind
from councilportal.viewpoints.models import EventKind, FollowUpAnswer, Outcome, ViewpointState, Visibility

STATE_LABELS = {
    ViewpointState.SUBMITTED: _l("Inskickad"),
    ViewpointState.RECEIVED: _l("Mottagen"),
    ViewpointState.IN_PROGRESS: _l("Under handläggning"),
    ViewpointState.ANSWERED: _l("Besvarad"),
    ViewpointState.CLOSED: _l("Avslutad"),
    ViewpointState.WITHDRAWN: _l("Återtagen"),
}

VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Offentlig"),
    Visibility.COUNCIL: _l("Rådet"),
    Visibility.RESTRICTED: _l("Begränsad"),
}

VISIBILITY_DESCRIPTIONS = {
    Visibility.PUBLIC: _l("Rådet kan läsa den direkt. Om rådet är offentligt kan alla läsa den och svaret "
                          "när samordnaren har tagit emot den och godkänt texten för den offentliga sidan."),
    Visibility.COUNCIL: _l("Rådets ledamöter, samordnare och de som ska svara kan läsa den."),
    Visibility.RESTRICTED: _l("Bara samordnarna, de som ska svara och din organisations representanter i rådet kan läsa den."),
}

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

EVENT_LABELS = {
    EventKind.SUBMITTED: _l("Skickade in synpunkten"),
    EventKind.RECEIVED: _l("Tog emot synpunkten"),
    EventKind.ASSIGNED: _l("Fördelade synpunkten"),
    EventKind.DEADLINE_SET: _l("Satte svarsdatum"),
    EventKind.COMMENTED: _l("Kommenterade"),
    EventKind.INTERIM_ANSWER: _l("Lämnade ett delbesked"),
    EventKind.FINAL_ANSWER: _l("Lämnade svar"),
    EventKind.CLOSED: _l("Avslutade synpunkten"),
    EventKind.REOPENED: _l("Öppnade synpunkten igen"),
    EventKind.WITHDRAWN: _l("Tog tillbaka synpunkten"),
    EventKind.PUT_ON_AGENDA: _l("Satte synpunkten på dagordningen"),
    EventKind.REMOVED_FROM_AGENDA: _l("Tog bort synpunkten från dagordningen"),
    EventKind.PUBLISHED: _l("Godkände synpunkten för den offentliga sidan"),
    EventKind.PUBLIC_WORDING_CHANGED: _l("Ändrade den offentliga lydelsen"),
    EventKind.UNPUBLISHED: _l("Tog bort synpunkten från den offentliga sidan"),
    EventKind.FOLLOW_UP_ASKED: _l("Frågade om åtgärderna har genomförts"),
    EventKind.FOLLOW_UP_ANSWERED: _l("Svarade på uppföljningen"),
}

FOLLOW_UP_ANSWER_LABELS = {
    FollowUpAnswer.YES: _l("Ja, åtgärderna har genomförts"),
    FollowUpAnswer.PARTLY: _l("Delvis"),
    FollowUpAnswer.NO: _l("Nej, åtgärderna har inte genomförts"),
    FollowUpAnswer.DONT_KNOW: _l("Vet inte"),
}

PERSONAL_DATA_LABELS = {
    Kind.PERSONAL_IDENTITY_NUMBER: _l("personnummer"),
    Kind.COORDINATION_NUMBER: _l("samordningsnummer"),
    Kind.EMAIL: _l("e-postadress"),
    Kind.PHONE: _l("telefonnummer"),
}
