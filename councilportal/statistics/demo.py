"""Three years of history for the demo's statistics: closed and withdrawn viewpoints with every step dated,
the follow-ups of the actions their answers promised, audits with answered and followed-up recommendations,
and the meetings held before the meetings demo begins. Written straight into the tables (the stories in
viewpoints/demo.py go through the workflow), so that hundreds of them load in a moment.
"""

import itertools
import random
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering.models import Outcome
from councilportal.audits.models import (
    Audit,
    AuditState,
    AuditTeamMember,
    AuditTimelineEntry,
    CarriedOut,
    Decision,
    Recommendation,
    RecommendationResponse,
    RecommendationState,
    TimelineKind,
)
from councilportal.councils.models import Council, Membership, MembershipRole, Seat
from councilportal.meetings.models import Attendance, Meeting, MeetingState
from councilportal.organisations.models import Unit
from councilportal.timeutil import STOCKHOLM, is_working_day, stockholm_to_utc, today_in_sweden, working_days_after
from councilportal.viewpoints.demo import renumber_by_date
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)

# Per council: viewpoints a quarter, subjects, and each responsible unit with the working days its final
# answers take (fewest, most): the units differ, so the rankings and response times have something to show.
HISTORY = {
    "socialtjanst-och-beroende": (10, ["Boende", "Bemötande", "Missbruksvård", "Information", "Tillgänglighet"],
                                  {"Enheten för missbruk och beroende": (6, 22), "Boendestöd": (4, 16)}),
    "vuxenpsykiatri": (6, ["Vårdplanering", "Bemötande", "Väntetider", "Information"],
                       {"Vuxenpsykiatrin": (10, 35)}),
    "anhorigradet": (5, ["Anhörigstöd", "Avlastning", "Information"], {"Socialförvaltningen": (5, 25)}),
}
TITLES = {
    "Boende": ["Trapphuset på boendet behöver belysning", "Längre tid för visning av lägenhet",
               "Boendestödet kommer för sent på kvällen"],
    "Bemötande": ["Personalen presenterar sig inte", "Otrevligt bemötande i receptionen", "Bättre bemötande i telefon"],
    "Missbruksvård": ["Kortare väntan till avgiftning", "Eftervård efter behandlingshem", "Fler platser i öppenvården"],
    "Information": ["Broschyren finns bara på svenska", "Webbsidan är svår att hitta på", "Informationsmöte för nya"],
    "Tillgänglighet": ["Ramp saknas vid entrén", "Hörslinga i mötesrummet", "Öppettider efter arbetstid"],
    "Vårdplanering": ["Brukaren får inte vara med på vårdplaneringen", "Samordnad individuell plan dröjer"],
    "Väntetider": ["Lång väntan på första besök", "Återbesök skjuts upp"],
    "Anhörigstöd": ["Samtalsgrupp för anhöriga på kvällstid", "Stöd till unga anhöriga"],
    "Avlastning": ["Fler platser för avlösning i hemmet", "Korttidsboende med kort varsel"],
}
OUTCOME_WEIGHTS = {Outcome.CHANGED: 35, Outcome.PARTLY_CHANGED: 30, Outcome.NOT_CHANGED: 25, Outcome.NOT_APPLICABLE: 10}
RATINGS_BY_OUTCOME = {Outcome.CHANGED: (4, 5), Outcome.PARTLY_CHANGED: (3, 4), Outcome.NOT_CHANGED: (1, 3),
                      Outcome.NOT_APPLICABLE: (2, 4)}
# Whether the actions promised were carried out, as the organisations answered the follow-ups (None: not yet).
FOLLOW_UP_WEIGHTS = {
    Outcome.CHANGED: {FollowUpAnswer.YES: 70, FollowUpAnswer.PARTLY: 15, FollowUpAnswer.DONT_KNOW: 5, None: 10},
    Outcome.PARTLY_CHANGED: {FollowUpAnswer.YES: 25, FollowUpAnswer.PARTLY: 45, FollowUpAnswer.NO: 15,
                             FollowUpAnswer.DONT_KNOW: 5, None: 10},
    Outcome.NOT_CHANGED: {FollowUpAnswer.NO: 50, FollowUpAnswer.PARTLY: 20, FollowUpAnswer.DONT_KNOW: 20, None: 10},
}
# Per council, the units audited each year: one audit a unit a year, followed up and closed.
AUDITED_UNITS = {
    "socialtjanst-och-beroende": ["Boendestöd", "Enheten för missbruk och beroende"],
    "vuxenpsykiatri": ["Vuxenpsykiatrin"],
}
AUDIT_RECOMMENDATIONS = [
    "Ge varje brukare en fast kontaktperson.",
    "Låt brukarna vara med och skriva sin plan.",
    "Informera om hur man lämnar synpunkter, muntligt och skriftligt.",
    "Erbjud samtal på kvällstid.",
    "Ge personalen utbildning i bemötande.",
    "Gör lokalerna tillgängliga för den som använder rullstol.",
    "Följ upp varje brukares mål minst två gånger om året.",
]
DECISION_WEIGHTS = {Decision.ACCEPTED: 55, Decision.PARTLY_ACCEPTED: 30, Decision.NOT_ACCEPTED: 15}
CARRIED_OUT_BY_DECISION = {
    Decision.ACCEPTED: ((CarriedOut.YES, CarriedOut.YES, CarriedOut.YES, CarriedOut.PARTLY), Outcome.CHANGED),
    Decision.PARTLY_ACCEPTED: ((CarriedOut.PARTLY, CarriedOut.PARTLY, CarriedOut.YES, CarriedOut.UNKNOWN),
                               Outcome.PARTLY_CHANGED),
    Decision.NOT_ACCEPTED: ((CarriedOut.NO, CarriedOut.NO, CarriedOut.UNKNOWN), Outcome.NOT_CHANGED),
}
QUARTERS = 12
# The newest history is this old, so that every one of its steps lies in the past.
NEWEST_DAYS_AGO = 90


def _at(day: date, hour: int) -> datetime:
    return stockholm_to_utc(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class _History:
    def __init__(self, session: Session, rng: random.Random, today: date):
        self.session, self.rng, self.today = session, rng, today
        # Their own random numbers, so that the viewpoints and meetings stay as they were before these joined.
        self.follow_up_rng, self.audit_rng = random.Random(2027), random.Random(2028)
        self.units = {unit.name: unit for unit in session.scalars(sa.select(Unit))}
        self.serials = itertools.count()

    def viewpoints(self, council: Council, speakers: list[Membership], managers: dict[int, int | None]) -> list:
        per_quarter, subjects, units = HISTORY[council.slug]
        made = []
        for _ in range(per_quarter * QUARTERS):
            days_ago = self.rng.randint(NEWEST_DAYS_AGO, QUARTERS * 91)
            submitted_on = _working_day_on_or_after(self.today - timedelta(days=days_ago))
            subject = self.rng.choice(subjects)
            unit_name = self.rng.choice(sorted(units))
            made.append(self._viewpoint(council, self.rng.choice(speakers), subject, self.units[unit_name],
                                        units[unit_name], submitted_on, managers))
        return made

    def _viewpoint(self, council, speaker, subject, unit, answer_days, submitted_on, managers) -> Viewpoint:
        rng = self.rng
        title = rng.choice(TITLES[subject])
        body = f"{title}. Vi tar upp detta för vår organisations räkning och vill veta vad ni kan göra."
        # A serial out of the way of every real one until renumber_by_date hands them out.
        viewpoint = Viewpoint(year=submitted_on.year, serial=-100_000 - next(self.serials), council=council,
                              organisation_id=speaker.organisation_id,
                              submitted_by_id=speaker.user_id, title=title, body=body, subject=subject,
                              visibility=Visibility.COUNCIL, state=ViewpointState.SUBMITTED,
                              created_at=_at(submitted_on, rng.randint(8, 16)))
        events = [(EventKind.SUBMITTED, viewpoint.created_at, speaker.user_id, "")]
        responses, follow_ups = [], []
        if rng.random() < 0.05:
            viewpoint.state = ViewpointState.WITHDRAWN
            viewpoint.withdrawn_at = _at(submitted_on + timedelta(days=3), 10)
            events.append((EventKind.WITHDRAWN, viewpoint.withdrawn_at, speaker.user_id,
                           "Frågan är löst på annat sätt."))
        else:
            self._answer(viewpoint, council, speaker, unit, answer_days, submitted_on, managers, events, responses)
            self._follow_up(viewpoint, speaker, responses, events, follow_ups)
        # Linked by object, not by id, so that everything is written in one flush at the end.
        self.session.add(viewpoint)
        self.session.add_all(ViewpointEvent(viewpoint=viewpoint, kind=kind, created_at=moment, actor_id=actor,
                                            text=text) for kind, moment, actor, text in events)
        answers = [ViewpointResponse(viewpoint=viewpoint, manager_id=managers.get(unit.id), **fields)
                   for fields in responses]
        self.session.add_all(answers)
        self.session.add_all(ViewpointFollowUp(viewpoint=viewpoint, response=answers[-1], **fields)
                             for fields in follow_ups)
        viewpoint.updated_at = max(moment for _, moment, _, _ in events)
        return viewpoint

    def _follow_up(self, viewpoint, speaker, responses, events, follow_ups) -> None:
        """Half the final answers that promised actions set a follow-up date some months on; the organisation
        was asked on that day and has mostly answered."""
        rng = self.follow_up_rng
        weights = FOLLOW_UP_WEIGHTS.get(viewpoint.outcome)
        if weights is None or rng.random() < 0.5:
            return
        final = responses[-1]
        due_on = _working_day_on_or_after(final["created_at"].astimezone(STOCKHOLM).date()
                                          + timedelta(days=rng.randint(60, 150)))
        final["follow_up_on"] = due_on
        if due_on > self.today:
            follow_ups.append({"due_on": due_on})
            return
        asked_at = _at(due_on, 6)
        events.append((EventKind.FOLLOW_UP_ASKED, asked_at, None, ""))
        answer = rng.choices(list(weights), weights=list(weights.values()))[0]
        answered_at = _at(due_on + timedelta(days=rng.randint(1, 12)), 19)
        if answer is None or answered_at.astimezone(STOCKHOLM).date() > self.today:
            follow_ups.append({"due_on": due_on, "asked_on": due_on})
            return
        follow_ups.append({"due_on": due_on, "asked_on": due_on, "answer": answer, "answered_by_id": speaker.user_id,
                           "answered_at": answered_at, "created_at": final["created_at"]})
        events.append((EventKind.FOLLOW_UP_ANSWERED, answered_at, speaker.user_id, answer.value))

    def _answer(self, viewpoint, council, speaker, unit, answer_days, submitted_on, managers, events, responses):
        rng = self.rng
        manager_id = managers.get(unit.id)
        coordinator_id = council.coordinators[0].id
        received_on = working_days_after(submitted_on, rng.choice((0, 1, 1, 2, 3, 5)))
        viewpoint.received_at = max(_at(received_on, 15), viewpoint.created_at + timedelta(hours=1))
        viewpoint.responsible_unit_id, viewpoint.responsible_manager_id = unit.id, manager_id
        viewpoint.deadline = working_days_after(received_on, 20)
        events += [(EventKind.RECEIVED, viewpoint.received_at, coordinator_id, ""),
                   (EventKind.ASSIGNED, viewpoint.received_at, coordinator_id, unit.name),
                   (EventKind.DEADLINE_SET, viewpoint.received_at, coordinator_id, "")]
        if council.is_public and rng.random() < 0.4:
            viewpoint.visibility = Visibility.PUBLIC
            viewpoint.published_at = viewpoint.received_at + timedelta(hours=1)
            viewpoint.public_title, viewpoint.public_body = viewpoint.title, viewpoint.body
            events.append((EventKind.PUBLISHED, viewpoint.published_at, coordinator_id, ""))
        answer_on = working_days_after(submitted_on, rng.randint(*answer_days))
        answer_on = max(answer_on, received_on + timedelta(days=1))
        if rng.random() < 0.4:
            interim_on = working_days_after(received_on, rng.randint(1, 4))
            if interim_on < answer_on:
                interim_at = _at(interim_on, 11)
                responses.append({"is_final": False, "text": "Vi utreder frågan och återkommer.",
                                  "created_at": interim_at})
                events.append((EventKind.INTERIM_ANSWER, interim_at, manager_id, "Vi utreder frågan och återkommer."))
        outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
        actions = {Outcome.CHANGED: f"Vi har ändrat rutinen: {viewpoint.title.lower()}.",
                   Outcome.PARTLY_CHANGED: "Vi har gjort en del av det ni föreslog och följer upp resten.",
                   }.get(outcome, "")
        answered_at = _at(answer_on, 14)
        responses.append({"is_final": True, "text": "Tack för synpunkten. Här är vårt svar.", "actions": actions,
                          "created_at": answered_at})
        events.append((EventKind.FINAL_ANSWER, answered_at, manager_id, ""))
        if rng.random() < 0.1:
            reopened_at = answered_at + timedelta(days=3)
            events.append((EventKind.REOPENED, reopened_at, speaker.user_id, "Svaret besvarar inte vår fråga."))
            answered_at = _at(working_days_after(reopened_at.astimezone(STOCKHOLM).date(), rng.randint(3, 8)), 14)
            responses.append({"is_final": True, "text": "Ett kompletterande svar.", "actions": actions,
                              "created_at": answered_at})
            events.append((EventKind.FINAL_ANSWER, answered_at, manager_id, ""))
        viewpoint.answered_at = answered_at
        viewpoint.closed_at = answered_at + timedelta(days=rng.randint(2, 10))
        viewpoint.state, viewpoint.outcome = ViewpointState.CLOSED, outcome
        viewpoint.rating = rng.randint(*RATINGS_BY_OUTCOME[outcome])
        events.append((EventKind.CLOSED, viewpoint.closed_at, speaker.user_id, ""))

    def audits(self, council: Council, speakers: list[Membership], managers: dict[int, int | None]) -> None:
        """One audit of each of the council's units a year for the last three years, commissioned in spring,
        reported in summer, answered within the deadline or not, and followed up half a year on."""
        rng = self.audit_rng
        coordinator_id = council.coordinators[0].id
        for year in range(self.today.year - 3, self.today.year):
            for index, unit_name in enumerate(AUDITED_UNITS.get(council.slug, [])):
                unit = self.units[unit_name]
                commissioned_on = _working_day_on_or_after(date(year, 2 + 4 * index, 3))
                reported_on = _working_day_on_or_after(commissioned_on + timedelta(days=110))
                followed_up_on = _working_day_on_or_after(reported_on + timedelta(days=180))
                audit = Audit(title=f"{unit_name}, brukarrevision {year}", unit_id=unit.id, council_id=council.id,
                              purpose="Hur upplever brukarna stödet, och vad kan bli bättre?",
                              themes="Bemötande, delaktighet, information.", is_public=council.is_public,
                              period_start=commissioned_on, period_end=reported_on, state=AuditState.CLOSED,
                              summary="Brukarna är nöjda med bemötandet men vill vara mer delaktiga i planeringen.",
                              findings="Intervjuerna visar att informationen om rättigheter och synpunkter brister.",
                              created_at=_at(commissioned_on, 10), report_submitted_at=_at(reported_on, 10),
                              followed_up_at=_at(followed_up_on, 10), closed_at=_at(followed_up_on, 15),
                              updated_at=_at(followed_up_on, 15))
                lead = speakers[(year + index) % len(speakers)]
                audit.team.append(AuditTeamMember(user_id=lead.user_id, is_lead=True))
                self.session.add(audit)
                self.session.flush()
                self.session.add_all(AuditTimelineEntry(audit_id=audit.id, actor_id=actor, kind=kind, created_at=moment)
                                     for kind, moment, actor in (
                                         (TimelineKind.COMMISSIONED, audit.created_at, coordinator_id),
                                         (TimelineKind.REPORT_SUBMITTED, audit.report_submitted_at, lead.user_id),
                                         (TimelineKind.ALL_FOLLOWED_UP, audit.followed_up_at, lead.user_id),
                                         (TimelineKind.CLOSED, audit.closed_at, coordinator_id)))
                texts = rng.sample(AUDIT_RECOMMENDATIONS, rng.randint(5, 6))
                for number, text in enumerate(texts, start=1):
                    self._recommendation(audit, number, text, unit, managers.get(unit.id), reported_on,
                                         followed_up_on)

    def _recommendation(self, audit, number, text, unit, manager_id, reported_on, followed_up_on) -> None:
        rng = self.audit_rng
        decision = rng.choices(list(DECISION_WEIGHTS), weights=list(DECISION_WEIGHTS.values()))[0]
        carried_out_choices, outcome = CARRIED_OUT_BY_DECISION[decision]
        deadline = working_days_after(reported_on, 20)
        answered_at = _at(working_days_after(reported_on, rng.randint(8, 26)), 14)
        actions = "Vi inför detta under året." if decision is not Decision.NOT_ACCEPTED else ""
        answer = RecommendationResponse(manager_id=manager_id, is_final=True, decision=decision,
                                        text="Tack för rekommendationen. Här är vårt svar.", actions=actions,
                                        created_at=answered_at)
        self.session.add(Recommendation(
            audit=audit, number=number, text=text, state=RecommendationState.FOLLOWED_UP, decision=decision,
            carried_out=rng.choice(carried_out_choices), followed_up_at=_at(followed_up_on, 10),
            responsible_unit_id=unit.id, responsible_manager_id=manager_id, deadline=deadline,
            answered_at=answered_at, outcome=outcome, rating=rng.randint(*RATINGS_BY_OUTCOME[outcome]),
            created_at=audit.created_at, updated_at=_at(followed_up_on, 10), responses=[answer]))

    def meetings(self, council: Council, members: list[Membership]) -> None:
        """A meeting each quarter from three years back up to the first one of the meetings demo, one in
        eight cancelled; most members attend those held."""
        first = self.session.scalar(sa.select(sa.func.min(Meeting.starts_at)).where(Meeting.council_id == council.id))
        starts_at = _at(_working_day_on_or_after(self.today - timedelta(days=QUARTERS * 91)), 13)
        number = 0
        while first is None or starts_at < first - timedelta(days=30):
            number += 1
            cancelled = number % 8 == 0
            meeting = Meeting(council=council, title=f"Rådsmöte {starts_at.astimezone(STOCKHOLM).year}:{number}",
                              starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                              location="Stadshuset, sal 3", created_at=starts_at - timedelta(days=40),
                              updated_at=starts_at, published_at=starts_at - timedelta(days=21),
                              state=MeetingState.CANCELLED if cancelled else MeetingState.MINUTES_APPROVED,
                              cancelled_at=starts_at - timedelta(days=5) if cancelled else None,
                              minutes_approved_at=None if cancelled else starts_at + timedelta(days=7))
            self.session.add(meeting)
            if not cancelled:
                self.session.add_all(
                    Attendance(meeting=meeting, user_id=member.user_id, organisation_id=member.organisation_id,
                               role=member.role, seat=member.seat)
                    for index, member in enumerate(members) if index == 0 or self.rng.random() < 0.8)
            starts_at = _at(_working_day_on_or_after((starts_at + timedelta(days=91)).astimezone(STOCKHOLM).date()), 13)
            if first is None and starts_at.astimezone(STOCKHOLM).date() >= self.today:
                break


def seed(session: Session) -> None:
    """Needs the councils, memberships and stories of the demo; renumbers every viewpoint by date at the end."""
    today = today_in_sweden()
    history = _History(session, random.Random(2026), today)
    # Each unit's first manager answers; a unit without one answers as a unit.
    managers = dict(session.execute(sa.select(User.unit_id, sa.func.min(User.id)).where(User.unit_id.is_not(None))
                                    .group_by(User.unit_id)).all())
    for council in session.scalars(sa.select(Council).order_by(Council.id)):
        if council.slug not in HISTORY:
            continue
        members = list(session.scalars(sa.select(Membership).where(Membership.council_id == council.id)
                                       .order_by(Membership.id)))
        speakers = [member for member in members if member.role is MembershipRole.REPRESENTATIVE
                    and member.seat is Seat.ORDINARY]
        _previous_term(session, speakers, today)
        history.viewpoints(council, speakers, managers)
        history.meetings(council, members)
        history.audits(council, speakers, managers)
    session.flush()
    renumber_by_date(session, list(session.scalars(sa.select(Viewpoint))))


def _previous_term(session: Session, members: list[Membership], today: date) -> None:
    """The same organisations sat on the council in the term before this one, so earlier years have members."""
    for member in members:
        if member.term_start > today.replace(year=today.year - 3):
            session.add(Membership(council_id=member.council_id, user_id=member.user_id,
                                   organisation_id=member.organisation_id, role=member.role, seat=member.seat,
                                   term_start=member.term_start.replace(year=member.term_start.year - 3),
                                   term_end=member.term_start - timedelta(days=1)))
