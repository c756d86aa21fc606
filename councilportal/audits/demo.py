"""The demo's audits of the housing support in Exempelstad: one followed up and closed, one awaiting answers,
one in fieldwork. Built through the services, so they obey every rule."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering.models import Outcome
from councilportal.audits import services
from councilportal.audits.models import Activity, Audit, CarriedOut, Decision, Recommendation
from councilportal.councils.models import Council
from councilportal.organisations.models import Unit
from councilportal.timeutil import today_in_sweden

COORDINATOR = "samordnare@exempelstad.se"
LEAD = "representant@exempel.se"
AUDITOR = "ledamot1@exempel.se"
MANAGER = "boendestod@exempelstad.se"

CLOSED_RECOMMENDATIONS = [
    ("Ge varje boende en fast kontaktperson och en ersättare som de har träffat.",
     Decision.ACCEPTED, "Från mars har alla boende en fast kontaktperson och en namngiven ersättare.",
     CarriedOut.YES, Outcome.CHANGED, 5),
    ("Skriv genomförandeplanerna tillsammans med den boende, i ett språk den boende förstår.",
     Decision.PARTLY_ACCEPTED, "Planerna skrivs tillsammans med den boende. En lättläst mall tas fram under året.",
     CarriedOut.PARTLY, Outcome.PARTLY_CHANGED, 3),
    ("Erbjud stöd på kvällar och helger, när ensamheten är som störst.",
     Decision.NOT_ACCEPTED, "Det ryms inte i årets budget. Frågan tas upp i nästa verksamhetsplan.",
     CarriedOut.NO, Outcome.NOT_CHANGED, 2),
]

AWAITING_RECOMMENDATIONS = [
    "Låt de boende vara med och välja aktiviteter på träffpunkten.",
    "Informera om hur man lämnar synpunkter och klagomål, muntligt och skriftligt.",
    "Ge personalen handledning i återhämtningsinriktat arbetssätt.",
]


def _at(day: date, hour: int) -> datetime:
    """A wall-clock time in Sweden, as a form takes it."""
    return datetime.combine(day, time(hour))


def _commission(session: Session, people: dict[str, User], council: Council, unit: Unit, title: str,
                purpose: str, themes: str, start: date) -> Audit:
    audit = services.commission_audit(session, people[COORDINATOR], services.AuditFields(
        title=title, unit=unit, purpose=purpose, themes=themes, team=[people[LEAD], people[AUDITOR]],
        lead=people[LEAD], council=council, period_start=start, period_end=start + timedelta(days=120),
        contact=people[MANAGER], is_public=True))
    services.start_fieldwork(session, people[COORDINATOR], audit)
    for offset, users, relatives, staff in ((10, 4, 1, 0), (17, 3, 0, 4)):
        services.record_interview(session, people[LEAD], audit, _at(start + timedelta(days=offset), 10),
                                  users=users, relatives=relatives, staff=staff)
    for person, activity, hours in ((LEAD, Activity.PREPARATION, "3"), (LEAD, Activity.INTERVIEWS, "6"),
                                    (AUDITOR, Activity.INTERVIEWS, "6"), (LEAD, Activity.ANALYSIS, "4.5")):
        services.record_hours(session, people[person], audit, people[person], activity,
                              min(start + timedelta(days=20), today_in_sweden()), Decimal(hours))
    return audit


def seed(session: Session) -> None:
    people = {user.email: user for user in session.scalars(sa.select(User))}
    council = session.scalar(sa.select(Council).where(Council.slug == "socialtjanst-och-beroende"))
    housing = session.scalar(sa.select(Unit).where(Unit.name == "Boendestöd"))
    today = today_in_sweden()
    manager, lead, coordinator = people[MANAGER], people[LEAD], people[COORDINATOR]

    closed = _commission(
        session, people, council, housing, "Boendestödet i Exempelstad",
        "Hur upplever de boende stödet i vardagen, och vad kan bli bättre?",
        "Kontinuitet, delaktighet i planeringen, tillgänglighet på kvällar och helger.", today - timedelta(days=330))
    services.write_report(session, lead, closed,
                          "De boende är nöjda med bemötandet men saknar kontinuitet: många personal kommer och går, "
                          "och planerna skrivs ofta utan dem.",
                          "Sju brukare, en närstående och fyra personal intervjuades. De flesta beskriver personalen "
                          "som vänlig och lyhörd. Flera har haft fem eller fler kontaktpersoner på ett år.")
    for text, *_ in CLOSED_RECOMMENDATIONS:
        services.add_recommendation(session, lead, closed, text)
    services.set_feedback_meeting(session, coordinator, closed, _at(today - timedelta(days=180), 13),
                                  "Socialförvaltningen, sal Eken")
    services.submit_report(session, lead, closed)
    recommendations = session.scalars(sa.select(Recommendation).where(Recommendation.audit_id == closed.id)
                                      .order_by(Recommendation.number)).all()
    for recommendation, (_text, decision, answer, *_rest) in zip(recommendations, CLOSED_RECOMMENDATIONS,
                                                                strict=True):
        services.answer_recommendation(session, manager, recommendation, decision, answer,
                                       follow_up_on=today + timedelta(days=1))
    for recommendation, (*_first, carried_out, outcome, rating) in zip(recommendations, CLOSED_RECOMMENDATIONS,
                                                                      strict=True):
        services.follow_up_recommendation(session, lead, recommendation, carried_out, outcome, rating)
    services.record_hours(session, lead, closed, lead, Activity.REPORT, today, Decimal("5"))
    services.close_audit(session, coordinator, closed)

    awaiting = _commission(
        session, people, council, housing, "Boendestödets träffpunkt",
        "Hur fungerar träffpunkten som mötesplats för de boende?", "Delaktighet, information, bemötande.",
        today - timedelta(days=90))
    services.write_report(session, lead, awaiting,
                          "Träffpunkten uppskattas, men de boende vill vara med och bestämma mer och vet inte "
                          "hur de lämnar synpunkter.",
                          "De boende beskriver träffpunkten som en trygg plats. Aktiviteterna bestäms av personalen.")
    for text in AWAITING_RECOMMENDATIONS:
        services.add_recommendation(session, lead, awaiting, text)
    services.submit_report(session, lead, awaiting)
    # Ahead: the team and the contact person have their invitations (see the audit's page and the outbox).
    services.set_feedback_meeting(session, coordinator, awaiting, _at(today + timedelta(days=14), 13),
                                  "Träffpunkten, Storgatan 12")
    first = session.scalar(sa.select(Recommendation).where(Recommendation.audit_id == awaiting.id,
                                                          Recommendation.number == 1))
    services.give_interim_answer(session, manager, first, "Vi tar upp frågan på nästa husmöte och svarar sedan.")

    fieldwork = _commission(session, people, council, housing, "Boendestödets nattbemanning",
                            "Känner sig de boende trygga på natten?", "Trygghet, larm, bemötande nattetid.",
                            today - timedelta(days=20))
    services.record_interview(session, lead, fieldwork, _at(today + timedelta(days=7), 19), users=0, relatives=0,
                              staff=0, location="Boendestödets lokal, Nattvägen 4")
    services.set_feedback_meeting(session, coordinator, fieldwork, _at(today + timedelta(days=60), 13),
                                  "Socialförvaltningen, sal Eken")
    session.flush()
