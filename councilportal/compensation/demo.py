"""Demo compensation: a rule for every council (one changed its rates during the year), and claims in
every state, made and decided through the domain functions at the time they happened."""

import io
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload
from werkzeug.datastructures import FileStorage

from councilportal.accounts.models import User
from councilportal.compensation import services
from councilportal.compensation.models import RuleKind, TravelKind
from councilportal.compensation.policies import is_paid_attendance
from councilportal.councils.models import Council
from councilportal.meetings.attendance import COUNTED_STATES
from councilportal.meetings.models import Meeting
from councilportal.timeutil import stockholm_to_utc, today_in_sweden
from councilportal.uploads import store_upload

DEMO_REPRESENTATIVE = "representant@exempel.se"
RETURNED_IN = "socialtjanst-och-beroende"
RECEIPT = b"%PDF-1.4\n% Kvitto: Exempelstads lokaltrafik, enkelbiljett 2 x 28 kr\n%%EOF\n"


def _rules(today: date) -> dict[str, list[services.RuleFields]]:
    two_years_ago, this_summer = date(today.year - 2, 1, 1), date(today.year, 7, 1)
    return {
        "socialtjanst-och-beroende": [
            services.RuleFields(valid_from=two_years_ago, kind=RuleKind.HOURLY, first_hour_ore=40000,
                                half_hour_ore=15000, km_rate_ore=250),
            services.RuleFields(valid_from=this_summer, kind=RuleKind.HOURLY, first_hour_ore=42500,
                                half_hour_ore=16000, km_rate_ore=250),
        ],
        "vuxenpsykiatri": [services.RuleFields(valid_from=two_years_ago, kind=RuleKind.PER_MEETING,
                                               meeting_fee_ore=52500, km_rate_ore=185)],
        "anhorigradet": [services.RuleFields(valid_from=two_years_ago, kind=RuleKind.PER_MEETING,
                                             meeting_fee_ore=35000, km_rate_ore=250)],
    }


def seed(session: Session) -> None:
    coordinator = session.scalar(sa.select(User).where(User.email == "samordnare@exempelstad.se"))
    for slug, rules in _rules(today_in_sweden()).items():
        council = session.scalar(sa.select(Council).where(Council.slug == slug))
        for fields in rules:
            services.add_rule(session, coordinator, council, fields)
        # The last year's meetings: the demo's older history predates the rules and paid claims long ago.
        _claims(session, coordinator, council, since=today_in_sweden() - timedelta(days=365))
    social = session.scalar(sa.select(Council).where(Council.slug == "socialtjanst-och-beroende"))
    representative = session.scalar(sa.select(User).where(User.email == DEMO_REPRESENTATIVE))
    services.set_payroll_identifier(session, coordinator, social, representative, "004217")


def _claims(session: Session, coordinator: User, council: Council, since: date) -> None:
    """Held meetings, oldest first: each person's claims are approved but for their latest, which waits
    for the coordinator; the demo representative's latest in one council is sent back for correction."""
    held_since = sa.select(Meeting).where(Meeting.council_id == council.id, Meeting.state.in_(COUNTED_STATES),
                                          Meeting.starts_at >= stockholm_to_utc(datetime.combine(since, time())))
    meetings = list(session.scalars(held_since.options(selectinload(Meeting.attendances))
                                    .order_by(Meeting.starts_at)))
    paid = {meeting.id: [a for a in sorted(meeting.attendances, key=lambda a: a.user_id) if is_paid_attendance(a)]
            for meeting in meetings}
    latest = {attended.user_id: meeting.id for meeting in meetings for attended in paid[meeting.id]}
    for meeting in meetings:
        for place, attended in enumerate(paid[meeting.id]):
            sent = meeting.ends_at + timedelta(days=1)
            claim = services.submit_claim(session, attended.user, meeting, _fields(session, place), now=sent)
            if latest[attended.user_id] != meeting.id:
                services.approve_claim(session, coordinator, claim, now=sent + timedelta(days=3))
            elif council.slug == RETURNED_IN and attended.user.email == DEMO_REPRESENTATIVE:
                services.return_claim(session, coordinator, claim, "Kvittot syns inte tydligt. Ladda upp en "
                                      "ny bild av biljetten, tack.", now=sent + timedelta(days=2))


def _fields(session: Session, place: int) -> services.ClaimFields:
    """Travel by ticket for the first, by car for the second, none for the rest."""
    if place == 0:
        return services.ClaimFields(travel_kind=TravelKind.TICKET, ticket_ore=5600, receipt=store_upload(
            session, FileStorage(io.BytesIO(RECEIPT), filename="kvitto-buss.pdf")))
    if place == 1:
        return services.ClaimFields(travel_kind=TravelKind.KM, travel_km=24)
    return services.ClaimFields()
