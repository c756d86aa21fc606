"""Last year's annual report, published, for every council of the demo; this year's is a draft."""

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.councils.models import Council
from councilportal.reports import services
from councilportal.timeutil import today_in_sweden

INTRODUCTION = (
    "{council} samlar brukarorganisationerna och {owner} för att göra stödet bättre utifrån dem som använder det.\n\n"
    "Under året har rådet träffats regelbundet. Här redovisar vi vilka synpunkter som kommit in, hur de har "
    "besvarats och vad de har lett till."
)
CLOSING = "Tack till alla ledamöter och till verksamheterna som har tagit emot synpunkterna och svarat på dem."


def seed(session: Session) -> None:
    """Needs the councils, their coordinators and the history of the demo."""
    today = today_in_sweden()
    for council in session.scalars(sa.select(Council).order_by(Council.id)):
        coordinator = council.coordinators[0]
        fields = {"introduction": INTRODUCTION.format(council=council.name, owner=council.owner.name),
                  "closing": CLOSING}
        services.save_draft(session, coordinator, council, today.year - 1, today, **fields)
        services.publish_report(session, coordinator, council, today.year - 1, today)
        services.save_draft(session, coordinator, council, today.year, today, **fields)
