"""What the states, visibilities and timeline events are called in the interface."""

from flask_babel import lazy_gettext as _l

from councilportal.viewpoints.models import EventKind, FollowUpAnswer, ViewpointState, Visibility

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
    Visibility.RESTRICTED: _l(
        "Bara samordnarna, de som ska svara och din organisations representanter i rådet kan läsa den."),
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
