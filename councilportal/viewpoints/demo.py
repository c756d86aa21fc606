"""Demo viewpoints: about thirty over the past year, in every state, with answers, outcomes and ratings.

Each goes through the workflow's own functions, as it would in the portal; then its dates are
moved back to when it happened, so lists, deadlines and "overdue" look like a year of real use.
The public council's coordinator confirmed its public viewpoints for the public when receiving
them, correcting one's wording; one received a fortnight ago still waits for that confirmation.
Four final answers promised a follow-up: one was carried out, one not (so the coordinators have it
to take up again), one the organisation has been asked about and not yet answered, one lies ahead.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, contains_eager

from councilportal.accounts.models import User
from councilportal.answering.models import Outcome
from councilportal.councils.models import Council
from councilportal.meetings.models import AgendaItem, Meeting, MeetingState
from councilportal.organisations.models import Organisation, Unit
from councilportal.timeutil import STOCKHOLM, today_in_sweden, working_days_after
from councilportal.viewpoints import agenda, follow_ups, queries, workflow
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    EventKind,
    FollowUpAnswer,
    Viewpoint,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)

SOCIAL = "socialtjanst-och-beroende"
PSYCHIATRY = "vuxenpsykiatri"
RELATIVES = "anhorigradet"
ADDICTION = "Enheten för missbruk och beroende"
HOUSING = "Boendestöd"
ADULT_PSYCHIATRY = "Vuxenpsykiatrin"


@dataclass
class Story:
    """One viewpoint and how far it has come."""

    council: str
    submitter: str
    organisation: str
    title: str
    body: str
    state: ViewpointState
    days_ago: int
    subject: str = ""
    visibility: Visibility = Visibility.COUNCIL
    unit: str | None = None
    manager: str | None = None
    interim: str = ""
    answer: str = ""
    actions: str = ""
    outcome: Outcome | None = None
    rating: int | None = None
    comments: list[tuple[str, str]] = field(default_factory=list)
    reopened_because: str = ""
    # The coordinator's correction of the body for the public page, if any.
    public_body: str = ""
    awaits_publication: bool = False


RUT, ERIK, AMIR, BRITT, CECILIA, DAVID, ELIN, FREDRIK = (
    "representant@exempel.se", "ersattare@exempel.se", "ledamot1@exempel.se", "ledamot2@exempel.se",
    "ledamot3@exempel.se", "ledamot4@exempel.se", "ledamot5@exempel.se", "ledamot6@exempel.se")
MAJA, HENRIK, PETRA = "chef@exempelstad.se", "boendestod@exempelstad.se", "psykiatri@exempel.se"
COORDINATOR = "samordnare@exempelstad.se"

S = ViewpointState
STORIES = [
    # Closed: answered, and the organisation said what it led to.
    Story(SOCIAL, RUT, "RSMH", "Kallelser till möten med socialtjänsten kommer för sent",
          "Flera av våra medlemmar får kallelsen till möten med sin handläggare bara ett par dagar i förväg. "
          "Den som har social ångest eller långa resor hinner inte förbereda sig eller ordna ledigt.\n\n"
          "Vi vill att kallelser skickas minst två veckor före mötet.", S.CLOSED, 320, "Bemötande",
          Visibility.PUBLIC, ADDICTION, MAJA, answer="Vi har infört en rutin: kallelser skickas senast tre veckor "
          "före mötet, och handläggaren ringer upp den som inte har svarat.",
          actions="Ny rutin för kallelser från 1 mars. Uppföljning i ledningsgruppen efter ett halvår.",
          outcome=Outcome.CHANGED, rating=5),
    Story(SOCIAL, AMIR, "Attention", "Lättläst information om ekonomiskt bistånd",
          "Informationen om ekonomiskt bistånd på webben är svår att förstå för personer med "
          "koncentrationssvårigheter. Vi föreslår en lättläst version och en film.", S.CLOSED, 290,
          "Information", Visibility.PUBLIC, ADDICTION, MAJA,
          answer="En lättläst version finns nu på webben. En film är inte möjlig i år av budgetskäl.",
          actions="Lättläst text publicerad i maj. Film övervägs i nästa års budget.",
          outcome=Outcome.PARTLY_CHANGED, rating=3),
    Story(SOCIAL, BRITT, "Hela Människan", "Öppettider på härbärget under helger",
          "Härbärget stänger klockan 09 även på helger. Då finns ingen varm plats att vara på förrän "
          "dagcentret öppnar på måndag.", S.CLOSED, 260, "Boende", Visibility.PUBLIC, HOUSING, HENRIK,
          answer="Vi har prövat att hålla öppet till klockan 13 på lördagar och söndagar, och fortsätter med det.",
          actions="Förlängda öppettider på helger sedan juni.", outcome=Outcome.CHANGED, rating=4),
    Story(SOCIAL, DAVID, "KRIS", "Stöd vid frigivning",
          "Den som friges från anstalt står ofta utan bostad och kontakt med socialtjänsten första veckan. "
          "Vi vill ha en fast kontaktperson som planerar frigivningen i förväg.", S.CLOSED, 230,
          "Missbruk och beroende", Visibility.PUBLIC, ADDICTION, MAJA,
          answer="Kommunen har inte resurser för en särskild kontaktperson. Frivården och socialtjänsten "
          "har i stället en gemensam checklista för frigivning.", actions="Checklista införd i april.",
          outcome=Outcome.NOT_CHANGED, rating=2),
    Story(SOCIAL, CECILIA, "IFS", "Tillgång till tolk vid möten",
          "Anhöriga som inte talar svenska får inte alltid tolk vid möten om sina närstående.",
          S.CLOSED, 200, "Bemötande", Visibility.COUNCIL, ADDICTION, MAJA,
          answer="Tolk ska alltid bokas när någon ber om det. Vi har påmint alla handläggare.",
          actions="Information på arbetsplatsträffar i alla arbetsgrupper.", outcome=Outcome.CHANGED, rating=4),
    Story(PSYCHIATRY, RUT, "RSMH", "Väntetider till första besök i vuxenpsykiatrin",
          "Väntetiden till ett första besök är ofta över tre månader. Under tiden finns inget stöd.",
          S.CLOSED, 180, "Vård", Visibility.COUNCIL, ADULT_PSYCHIATRY, PETRA,
          interim="Vi kartlägger väntetiderna och återkommer inom en månad.",
          answer="Vi har öppnat en telefonlinje för den som väntar och anställt två sjuksköterskor.",
          actions="Telefonlinje öppen vardagar 8–16. Väntetiderna redovisas för rådet varje kvartal.",
          outcome=Outcome.PARTLY_CHANGED, rating=3),
    Story(RELATIVES, ERIK, "Anhörigas Riksförbund", "Anhörigstöd på kvällstid",
          "Anhöriggruppen träffas bara dagtid. Den som arbetar kan inte komma.", S.CLOSED, 170, "Anhörigstöd",
          Visibility.COUNCIL, HOUSING, HENRIK, answer="En kvällsgrupp startar i höst, varannan tisdag.",
          actions="Kvällsgrupp från september.", outcome=Outcome.CHANGED, rating=5),
    Story(SOCIAL, ELIN, "Anhörigas Riksförbund", "Namnet på enheten",
          "Vi föreslår att Enheten för missbruk och beroende byter namn till något mindre stigmatiserande.",
          S.CLOSED, 150, "Bemötande", Visibility.PUBLIC, ADDICTION, MAJA,
          answer="Enhetens namn bestäms av nämnden. Förslaget är vidarebefordrat.", outcome=Outcome.NOT_APPLICABLE,
          rating=3),
    # Answered, waiting for the organisation to close it.
    Story(SOCIAL, RUT, "RSMH", "Boendestödjare byts ofta",
          "Många får en ny boendestödjare flera gånger om året. Varje byte innebär att man måste berätta "
          "allt från början.", S.ANSWERED, 120, "Boende", Visibility.PUBLIC, HOUSING, HENRIK,
          interim="Vi ser över hur scheman läggs och svarar i nästa månad.",
          answer="Varje person får nu två fasta boendestödjare som delar på besöken.",
          actions="Nya scheman från oktober."),
    Story(SOCIAL, AMIR, "Attention", "Påminnelser om tider via sms",
          "Vi vill att socialtjänsten skickar påminnelser om bokade tider via sms.", S.ANSWERED, 95,
          "Information", Visibility.PUBLIC, ADDICTION, MAJA,
          answer="Sms-påminnelser införs för alla bokade besök.", actions="Införs i januari i hela förvaltningen."),
    Story(PSYCHIATRY, DAVID, "IFS", "Samordnad individuell plan",
          "SIP-möten blir ofta inte av, trots att både region och kommun ska kalla.", S.ANSWERED, 80, "Vård",
          Visibility.COUNCIL, ADULT_PSYCHIATRY, PETRA,
          answer="Vi har utsett en SIP-samordnare på varje mottagning.", actions="Samordnare utsedda i oktober."),
    Story(RELATIVES, ELIN, "Anhörigas Riksförbund", "Ersättning för anhörigas resor",
          "Anhöriga som följer med till möten får ingen reseersättning.", S.ANSWERED, 70, "Anhörigstöd",
          Visibility.COUNCIL, HOUSING, HENRIK,
          answer="Reglerna tillåter inte ersättning till anhöriga. Vi tar upp frågan med nämnden."),
    # Reopened: the organisation was not satisfied with the answer.
    Story(SOCIAL, BRITT, "Hela Människan", "Matutdelning på dagcentret",
          "Matutdelningen räcker inte till alla som kommer. I tisdags fick Sven och två till gå hem utan mat.",
          S.IN_PROGRESS, 110, "Boende", Visibility.PUBLIC,
          HOUSING, HENRIK, answer="Vi har ökat antalet portioner med tio procent.",
          reopened_because="Det räcker fortfarande inte. Kön är lika lång som förut.",
          public_body="Matutdelningen räcker inte till alla som kommer. Flera har fått gå hem utan mat."),
    # In progress with an interim answer; two of them past their deadline.
    Story(SOCIAL, CECILIA, "IFS", "Läkemedelsgenomgång i boendestödet",
          "Personer med boendestöd får sällan någon genomgång av sina läkemedel.", S.IN_PROGRESS, 75, "Vård",
          Visibility.COUNCIL, HOUSING, HENRIK, interim="Vi behöver samråda med regionen och svarar efter det."),
    Story(SOCIAL, DAVID, "KRIS", "Sprututbyte och naloxon",
          "Vi vill att naloxon delas ut av fältassistenterna, inte bara på sprutbytet.", S.IN_PROGRESS, 60,
          "Missbruk och beroende", Visibility.COUNCIL, ADDICTION, MAJA,
          interim="Frågan utreds tillsammans med smittskyddet."),
    Story(PSYCHIATRY, FREDRIK, "Attention", "Utredning av vuxna med adhd",
          "Kön till adhd-utredning för vuxna är två år.", S.IN_PROGRESS, 40, "Vård", Visibility.COUNCIL,
          ADULT_PSYCHIATRY, PETRA, interim="Vi har fått extra medel och återkommer med en plan."),
    Story(SOCIAL, AMIR, "Attention", "Hemsidan fungerar dåligt i mobilen",
          "Blanketterna går inte att fylla i på en mobiltelefon.", S.IN_PROGRESS, 20, "Information",
          Visibility.PUBLIC, ADDICTION, MAJA, interim="Kommunens webbredaktion är informerad."),
    # Received and assigned, no answer yet; two of them past their deadline.
    Story(SOCIAL, RUT, "RSMH", "Kontaktperson enligt LSS och SoL",
          "Det tar lång tid att få en kontaktperson, och många får ingen alls.", S.RECEIVED, 70, "Bemötande",
          Visibility.COUNCIL, ADDICTION, None),
    Story(SOCIAL, ELIN, "Anhörigas Riksförbund", "Bemötande i receptionen",
          "En anhörig blev illa bemött i receptionen och vill att det tas upp utan namn.", S.RECEIVED, 55,
          "Bemötande", Visibility.RESTRICTED, ADDICTION, MAJA,
          comments=[(COORDINATOR, "Jag har pratat med enhetschefen, som tar det med personalen.")]),
    Story(SOCIAL, BRITT, "Hela Människan", "Vinterkläder till hemlösa",
          "Förrådet med vinterkläder är tomt redan i november.", S.RECEIVED, 12, "Boende", Visibility.PUBLIC,
          HOUSING, HENRIK, awaits_publication=True,
          comments=[(BRITT, "Ring mig på 070-123 45 67 om ni vill veta mer om förrådet.")]),
    Story(PSYCHIATRY, RUT, "RSMH", "Brukarrevision på avdelning 3",
          "Vi erbjuder oss att göra en brukarrevision på avdelning 3.", S.RECEIVED, 8, "Vård", Visibility.COUNCIL,
          ADULT_PSYCHIATRY, PETRA),
    Story(RELATIVES, ERIK, "Anhörigas Riksförbund", "Information till anhöriga vid inskrivning",
          "Anhöriga får ingen information när deras närstående skrivs in på behandlingshem.", S.RECEIVED, 6,
          "Anhörigstöd", Visibility.COUNCIL, HOUSING, None),
    # Submitted, not yet received by the coordinator.
    Story(SOCIAL, CECILIA, "IFS", "Fritidsaktiviteter på helger",
          "Det finns inga aktiviteter för personer med psykisk ohälsa på helgerna.", S.SUBMITTED, 4, "Fritid",
          Visibility.PUBLIC, comments=[(CECILIA, "Vi kan bidra med ledare från vår förening.")]),
    Story(SOCIAL, DAVID, "KRIS", "Arbetsträning för personer med missbruk",
          "Vi vill att fler platser för arbetsträning öppnas för personer i behandling.", S.SUBMITTED, 2,
          "Missbruk och beroende"),
    Story(PSYCHIATRY, FREDRIK, "Attention", "Digitala vårdbesök",
          "Erbjud videobesök för uppföljningar, det sparar långa resor.", S.SUBMITTED, 1, "Vård"),
    # Withdrawn by the organisation before an answer.
    Story(SOCIAL, AMIR, "Attention", "Parkering vid socialkontoret",
          "Det finns för få parkeringsplatser för besökare.", S.WITHDRAWN, 140, "Övrigt", Visibility.COUNCIL,
          ADDICTION, MAJA),
    Story(PSYCHIATRY, RUT, "RSMH", "Besökstider på avdelningen",
          "Besökstiderna är för korta.", S.WITHDRAWN, 100, "Vård", Visibility.COUNCIL),
]


def _at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


def _lookup(session: Session):
    people = {user.email: user for user in session.scalars(sa.select(User))}
    councils = {council.slug: council for council in session.scalars(sa.select(Council))}
    organisations = {o.short_name: o for o in session.scalars(sa.select(Organisation))}
    units = {unit.name: unit for unit in session.scalars(sa.select(Unit))}
    return people, councils, organisations, units


def _tell(session: Session, story: Story, people, councils, organisations, units) -> Viewpoint:
    submitter = people[story.submitter]
    council = councils[story.council]
    coordinator = people[COORDINATOR]
    viewpoint = workflow.submit_viewpoint(
        session, submitter, council, organisations[story.organisation],
        workflow.ViewpointFields(title=story.title, body=story.body, subject=story.subject,
                                 visibility=story.visibility))
    for author, text in story.comments:
        # A comment with a phone number was sent despite the warning, and is flagged for the coordinator.
        workflow.comment_on_viewpoint(session, people[author], viewpoint, text, send_anyway=True)
    if story.state is S.SUBMITTED:
        return viewpoint
    if story.state is S.WITHDRAWN and story.unit is None:
        workflow.withdraw_viewpoint(session, submitter, viewpoint)
        return viewpoint
    unit = units[story.unit] if story.unit else None
    manager = people[story.manager] if story.manager else None
    workflow.mark_received(session, coordinator, viewpoint, unit=unit, manager=manager,
                           deadline=today_in_sweden() + timedelta(days=28))
    if workflow.may(coordinator, viewpoint, workflow.Action.PUBLISH) and not story.awaits_publication:
        workflow.publish_viewpoint(session, coordinator, viewpoint,
                                   workflow.PublicWording(story.title, story.public_body or story.body))
    if story.state is S.WITHDRAWN:
        workflow.withdraw_viewpoint(session, submitter, viewpoint)
        return viewpoint
    # With only a unit responsible, one of the unit's managers answers.
    answerer = manager or next((user for user in people.values() if unit and user.unit_id == unit.id), None)
    if story.interim:
        workflow.give_interim_answer(session, answerer, viewpoint, story.interim)
    if story.answer:
        workflow.answer_viewpoint(session, answerer, viewpoint, story.answer, story.actions)
    if story.reopened_because:
        workflow.reopen_viewpoint(session, submitter, viewpoint, story.reopened_because)
    if story.outcome is not None:
        workflow.close_viewpoint(session, submitter, viewpoint, story.outcome, story.rating)
    return viewpoint


def _move_back_in_time(session: Session, viewpoint: Viewpoint, days_ago: int) -> None:
    """Put the viewpoint's dates where its story happened: received two days after it was sent, the
    deadline 20 working days later, an interim answer after a week, the answer after three, the
    organisation's verdict a week after that."""
    submitted_on = today_in_sweden() - timedelta(days=days_ago)
    received_on = submitted_on + timedelta(days=2)
    when = {
        EventKind.SUBMITTED: _at(submitted_on, 9),
        EventKind.COMMENTED: _at(submitted_on, 15),
        EventKind.RECEIVED: _at(received_on),
        EventKind.ASSIGNED: _at(received_on),
        EventKind.DEADLINE_SET: _at(received_on),
        EventKind.PUBLISHED: _at(received_on, 11),
        EventKind.PUBLIC_WORDING_CHANGED: _at(received_on, 11),
        EventKind.INTERIM_ANSWER: _at(received_on + timedelta(days=7)),
        EventKind.FINAL_ANSWER: _at(received_on + timedelta(days=21)),
        EventKind.REOPENED: _at(received_on + timedelta(days=26)),
        EventKind.CLOSED: _at(received_on + timedelta(days=28)),
        EventKind.WITHDRAWN: _at(received_on + timedelta(days=5)),
    }
    # A story's later steps never land in the future, nor after the moment the demo is loaded.
    cap = _at(today_in_sweden(), 8)

    def moment(kind: EventKind) -> datetime:
        return min(when[kind], cap)

    events = session.scalars(sa.select(ViewpointEvent).where(ViewpointEvent.viewpoint_id == viewpoint.id)).all()
    for event in events:
        event.created_at = moment(event.kind)
    for response in session.scalars(sa.select(ViewpointResponse).where(ViewpointResponse.viewpoint_id == viewpoint.id)):
        response.created_at = moment(EventKind.FINAL_ANSWER if response.is_final else EventKind.INTERIM_ANSWER)
    viewpoint.created_at = moment(EventKind.SUBMITTED)
    if viewpoint.received_at:
        viewpoint.received_at = moment(EventKind.RECEIVED)
        viewpoint.deadline = working_days_after(received_on, 20)
    if viewpoint.published_at:
        viewpoint.published_at = moment(EventKind.PUBLISHED)
    if viewpoint.answered_at:
        viewpoint.answered_at = moment(EventKind.FINAL_ANSWER)
    if viewpoint.closed_at:
        viewpoint.closed_at = moment(EventKind.CLOSED)
    if viewpoint.withdrawn_at:
        viewpoint.withdrawn_at = moment(EventKind.WITHDRAWN)
    viewpoint.updated_at = max(event.created_at for event in events)


def renumber_by_date(session: Session, viewpoints: list[Viewpoint]) -> None:
    """Reference numbers follow the (moved) submission dates, serials counting from 1 each year."""
    for index, viewpoint in enumerate(viewpoints, start=1):
        viewpoint.serial = -index  # out of the way of the final numbers while they are handed out
    session.flush()
    serials: dict[int, int] = {}
    for viewpoint in sorted(viewpoints, key=lambda v: v.created_at):
        year = viewpoint.created_at.astimezone(STOCKHOLM).year
        serials[year] = serials.get(year, 0) + 1
        viewpoint.year, viewpoint.serial = year, serials[year]
    session.flush()


def seed(session: Session) -> None:
    """Needs the people, councils, organisations and units of councilportal.demo."""
    people, councils, organisations, units = _lookup(session)
    told = []
    for story in STORIES:
        viewpoint = _tell(session, story, people, councils, organisations, units)
        _move_back_in_time(session, viewpoint, story.days_ago)
        told.append(viewpoint)
    renumber_by_date(session, told)
    _take_up_at_meetings(session, told)
    _follow_up(session, told)


@dataclass(frozen=True)
class FollowUpStory:
    title: str
    # When the follow-up was (negative) or will be due, from today.
    due_in_days: int
    answer: FollowUpAnswer | None = None
    comment: str = ""


FOLLOW_UPS = [
    FollowUpStory("Kallelser till möten med socialtjänsten kommer för sent", -110, FollowUpAnswer.NO,
                  "Kallelserna kommer fortfarande bara en vecka före mötet."),
    FollowUpStory("Öppettider på härbärget under helger", -60, FollowUpAnswer.YES,
                  "Härbärget är öppet hela helgen, och det märks."),
    FollowUpStory("Väntetider till första besök i vuxenpsykiatrin", -2),
    FollowUpStory("Boendestödjare byts ofta", 60),
]


def _follow_up(session: Session, viewpoints: list[Viewpoint]) -> None:
    """The follow-ups of FOLLOW_UPS, asked by the daily run and answered as they would be, then dated."""
    by_title = {viewpoint.title: viewpoint for viewpoint in viewpoints}
    today = today_in_sweden()
    for story in FOLLOW_UPS:
        viewpoint = by_title[story.title]
        answer = queries.final_answers(session, [viewpoint.id])[viewpoint.id]
        answer.follow_up_on = today + timedelta(days=story.due_in_days)
        session.add(ViewpointFollowUp(viewpoint_id=viewpoint.id, response_id=answer.id, due_on=answer.follow_up_on))
    session.flush()
    follow_ups.send_follow_up_requests(session, today)
    for story in FOLLOW_UPS:
        if story.due_in_days > 0:
            continue
        viewpoint = by_title[story.title]
        due_on = today + timedelta(days=story.due_in_days)
        asked = session.scalars(sa.select(ViewpointFollowUp)
                                .where(ViewpointFollowUp.viewpoint_id == viewpoint.id)).one()
        asked.asked_on = due_on
        session.scalars(sa.select(ViewpointEvent).where(
            ViewpointEvent.viewpoint_id == viewpoint.id, ViewpointEvent.kind == EventKind.FOLLOW_UP_ASKED)
        ).one().created_at = _at(due_on, 7)
        if story.answer is None:
            continue
        follow_ups.answer_follow_up(session, viewpoint.submitted_by, viewpoint, story.answer, story.comment)
        answered_at = _at(min(due_on + timedelta(days=2), today), 8)
        asked.answered_at = answered_at
        session.scalars(sa.select(ViewpointEvent).where(
            ViewpointEvent.viewpoint_id == viewpoint.id, ViewpointEvent.kind == EventKind.FOLLOW_UP_ANSWERED)
        ).one().created_at = answered_at
    session.flush()


def _take_up_at_meetings(session: Session, viewpoints: list[Viewpoint]) -> None:
    """The council took each received viewpoint up at its first meeting after receipt; the ones
    still unanswered stand on the agenda of the council's next meeting too."""
    for viewpoint in viewpoints:
        if viewpoint.received_at is None or viewpoint.state is ViewpointState.WITHDRAWN:
            continue
        coordinator = viewpoint.council.coordinators[0]
        items = session.scalars(
            sa.select(AgendaItem).join(AgendaItem.meeting)
            .where(Meeting.council_id == viewpoint.council_id, Meeting.starts_at > viewpoint.received_at,
                   Meeting.state != MeetingState.CANCELLED, AgendaItem.title.ilike("%synpunkt%"))
            .options(contains_eager(AgendaItem.meeting))
            .order_by(Meeting.starts_at)
        ).all()
        held = [item for item in items if item.meeting.state not in agenda.AGENDA_OPEN_STATES]
        coming = [item for item in items if item.meeting.state in agenda.AGENDA_OPEN_STATES]
        if held and held[0] is items[0]:
            # The meeting is over and its agenda closed, so the link is written as it was made then.
            item = held[0]
            added_at = max(item.meeting.starts_at - timedelta(days=7), viewpoint.received_at + timedelta(hours=1))
            session.add(AgendaViewpoint(agenda_item_id=item.id, viewpoint_id=viewpoint.id,
                                        added_by_id=coordinator.id, added_at=added_at))
            session.add(ViewpointEvent(viewpoint_id=viewpoint.id, actor=coordinator, kind=EventKind.PUT_ON_AGENDA,
                                       text=agenda.place_text(item), created_at=added_at))
        if coming and viewpoint.state in queries.AWAITING_ANSWER:
            agenda.put_viewpoint_on_agenda(session, coordinator, viewpoint, coming[0])
    session.flush()
