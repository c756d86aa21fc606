"""Realistic data at any scale, for load-testing an installation: `councilportal seed-scale`.

Scale 1.0 is a region: 50 councils, 2,000 people, 3,000 meetings over three years back and a
few months ahead, 50,000 viewpoints with their timelines and answers. The same seed gives the
same data (dates count from the day it runs).

The rows are written with bulk inserts in batches, ids handed out here, instead of one ORM
object at a time through the domain functions: the domain functions would take hours at this
size. So this module keeps their invariants itself: reference numbers follow the submission
dates and count from 1 each year, a cancelled meeting's SEQUENCE was raised, a deputy stands in
for an ordinary member of the same organisation, attendance and minutes belong to meetings that
were held, only the people a rule allows act on a viewpoint, timelines run in time order.
"""

import base64
import bisect
import random
import time as clock
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.accounts.models import User
from councilportal.answering.models import Outcome
from councilportal.councils.models import Council, Membership, MembershipRole, Seat, council_coordinators
from councilportal.extensions import Base
from councilportal.meetings.models import AgendaItem, Attendance, Meeting, MeetingState, MinutesChecker
from councilportal.organisations.models import Organisation, OrganisationKind, Unit
from councilportal.pagecache import ContentVersion
from councilportal.timeutil import STOCKHOLM, today_in_sweden
from councilportal.viewpoints.agenda import place_text
from councilportal.viewpoints.models import (
    AgendaViewpoint,
    EventKind,
    Viewpoint,
    ViewpointEvent,
    ViewpointResponse,
    ViewpointState,
    Visibility,
)
from councilportal.viewpoints.workflow import default_deadline

DEFAULT_SEED = 2026
REGION = {"councils": 50, "people": 2000, "meetings": 3000, "viewpoints": 50_000}
# Below these a data set would miss a state or a role; tiny scales are rounded up to them.
MINIMUM = {"councils": 3, "people": 60, "meetings_per_council": 10, "viewpoints": 60}
MUNICIPALITIES_AT_REGION_SCALE = 6
USER_ORGANISATIONS_AT_REGION_SCALE = 40
ADMINS_AT_REGION_SCALE = 5
COUNCILS_PER_COORDINATOR = 5
LONG_TIMELINE_EVENTS = 120
LONG_TIMELINE_TITLE = "Tillgången till tolk i vården, en fråga som följts länge"
HISTORY_DAYS = 3 * 365
AHEAD_DAYS = 120
BATCH = 5_000
WRITE_EVERY = 200_000
EMAIL_DOMAIN = "exempelregion.se"

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena",
               "Mikael", "Emma", "Ahmed", "Fatima", "Olof", "Ingrid", "Nils", "Amina", "Jonas", "Helena",
               "Mohammed", "Sofia", "Göran", "Elin", "Oskar", "Birgitta", "Ali", "Ida", "Stefan"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
              "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg",
              "Hassan", "Lindqvist", "Berg", "Axelsson", "Ali", "Lundgren", "Sandberg", "Forsberg", "Öberg"]
TOWNS = ["Norrby", "Söderköping", "Västerås", "Österlund", "Åsby", "Bergsjö", "Dalby", "Ekeby", "Forsa",
         "Granby", "Hammarö", "Insjön", "Järvsö", "Kalix", "Lidköping", "Mora", "Nora", "Orsa", "Piteå", "Rättvik"]
USER_ORGANISATION_KINDS = [
    ("Riksförbundet för Social och Mental Hälsa", "RSMH"), ("Attention", "Attention"),
    ("Hela Människan", "HM"), ("Intresseföreningen för Schizofreni", "IFS"),
    ("Kriminellas Revansch i Samhället", "KRIS"), ("Anhörigas Riksförbund", "Anhöriga"),
    ("Autism- och Aspergerförbundet", "Autism"), ("Föreningen Balans", "Balans"),
    ("Hjärnkoll", "Hjärnkoll"), ("Riksförbundet Frivilliga Samhällsarbetare", "RFS"),
]
SUBJECT_AREAS = ["socialtjänst och beroende", "vuxenpsykiatri", "funktionsstöd", "äldreomsorg",
                 "barn och unga", "anhörigstöd", "hemlöshet", "habilitering"]
TOP_UNITS = ["Socialförvaltningen", "Omsorgsförvaltningen", "Vård- och omsorgsförvaltningen", "Psykiatriförvaltningen"]
SUB_UNITS = ["Enheten för missbruk och beroende", "Boendestöd", "Daglig verksamhet", "Mottagningen",
             "Vuxenenheten", "Hemtjänsten", "Korttidsboendet", "Öppenvården", "Avdelning 3", "Jourverksamheten"]
STANDARD_AGENDA = ["Mötets öppnande", "Information från förvaltningen", "Synpunkter från brukarorganisationerna"]
CLOSING_ITEM = "Övriga frågor"
AGENDA_TOPICS = [
    "Väntetider till mottagningen", "Budget för nästa år", "Brukarrevision", "Personligt ombud",
    "Tillgänglighet på mottagningarna", "Kris- och jourtelefonen", "Arvode för brukarrepresentanter",
    "Lättläst information", "Samordnad individuell plan", "Verksamhetsplan", "Lokalfrågor", "Uppföljning av synpunkter",
]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
VIEWPOINT_TOPICS = [
    ("Väntetider till första besöket", "Väntetiden till ett första besök är ofta flera månader.", "Vård"),
    ("Kallelser kommer för sent", "Kallelser till möten kommer bara ett par dagar i förväg.", "Bemötande"),
    ("Lättläst information på webben", "Informationen är svår att förstå för många av våra medlemmar.", "Information"),
    ("Öppettider under helger", "Verksamheten stänger tidigt på helgerna och då finns ingenstans att vara.", "Boende"),
    ("Tolk vid möten", "Den som inte talar svenska får inte alltid tolk.", "Bemötande"),
    ("Byte av kontaktperson", "Många får en ny kontaktperson flera gånger om året.", "Boende"),
    ("Påminnelser via sms", "Vi vill att påminnelser om bokade tider skickas via sms.", "Information"),
    ("Stöd vid frigivning", "Den som friges står ofta utan bostad första veckan.", "Missbruk och beroende"),
    ("Anhörigstöd på kvällstid", "Anhöriggruppen träffas bara dagtid, den som arbetar kan inte komma.", "Anhörigstöd"),
    ("Fritidsaktiviteter", "Det finns få aktiviteter för personer med psykisk ohälsa.", "Fritid"),
    ("Bemötande i receptionen", "Flera medlemmar har blivit illa bemötta i receptionen.", "Bemötande"),
    ("Väntetider till utredning", "Kön till utredning för vuxna är över ett år.", "Vård"),
    ("Parkering för besökare", "Det finns för få parkeringsplatser för besökare.", "Övrigt"),
    ("Läkemedelsgenomgångar", "Personer med boendestöd får sällan någon genomgång av sina läkemedel.", "Vård"),
]
COMMENTS = ["Vi har fler exempel om det behövs.", "Frågan togs upp på förra mötet också.",
            "Jag har pratat med enhetschefen, som återkommer.", "Tack, vi väntar på svaret."]
INTERIM_ANSWERS = ["Vi utreder frågan och återkommer inom en månad.", "Frågan behöver samrådas med regionen.",
                   "Vi har tagit upp frågan i ledningsgruppen."]
FINAL_ANSWERS = [("Vi har infört en ny rutin från nästa månad.", "Ny rutin, uppföljning efter ett halvår."),
                 ("Det går inte att ändra i år av budgetskäl.", ""),
                 ("Vi har ändrat arbetssättet enligt förslaget.", "Information till alla medarbetare."),
                 ("Frågan ligger utanför förvaltningens ansvar och är vidarebefordrad.", "")]
REOPEN_REASONS = ["Svaret besvarar inte vår fråga.", "Det har inte blivit någon skillnad."]
MINUTES_NOTES = ("Frågan gicks igenom och ledamöterna lämnade synpunkter.", "Rådet noterade informationen.")

S = ViewpointState
# Age of a viewpoint (days) -> how far it has come, as weights over the states.
STATE_WEIGHTS_BY_AGE = [
    (7, {S.SUBMITTED: 50, S.RECEIVED: 30, S.IN_PROGRESS: 15, S.WITHDRAWN: 5}),
    (60, {S.SUBMITTED: 5, S.RECEIVED: 20, S.IN_PROGRESS: 30, S.ANSWERED: 30, S.CLOSED: 10, S.WITHDRAWN: 5}),
    (HISTORY_DAYS + 1, {S.SUBMITTED: 2, S.RECEIVED: 3, S.IN_PROGRESS: 5, S.ANSWERED: 15, S.CLOSED: 70,
                        S.WITHDRAWN: 5}),
]
VISIBILITY_WEIGHTS = {Visibility.PUBLIC: 40, Visibility.COUNCIL: 45, Visibility.RESTRICTED: 15}
OUTCOME_WEIGHTS = {Outcome.CHANGED: 40, Outcome.PARTLY_CHANGED: 30, Outcome.NOT_CHANGED: 20,
                   Outcome.NOT_APPLICABLE: 10}


@dataclass
class ScaleSummary:
    counts: dict[str, int]
    seconds: float
    sample_emails: dict[str, str]
    long_timeline_viewpoint_id: int
    long_timeline_reference: str


class NotEmpty(Exception):
    """The database already holds data; load-test data is only ever loaded into an empty one."""


def database_is_empty(session: Session) -> bool:
    """No data: the content version's one row, which the migrations write, does not count."""
    return not any(session.scalar(sa.select(sa.exists().select_from(table)))
                   for table in Base.metadata.sorted_tables if table is not ContentVersion.__table__)


def counts_for(factor: float) -> dict[str, int]:
    councils = max(MINIMUM["councils"], round(REGION["councils"] * factor))
    return {
        "councils": councils,
        "people": max(MINIMUM["people"], round(REGION["people"] * factor)),
        "meetings": max(MINIMUM["meetings_per_council"] * councils, round(REGION["meetings"] * factor)),
        "viewpoints": max(MINIMUM["viewpoints"], round(REGION["viewpoints"] * factor)),
    }


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM).astimezone(UTC)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(STOCKHOLM).date()


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _Member:
    id: int
    user_id: int
    organisation_id: int
    role: MembershipRole
    seat: Seat
    term_start: date
    term_end: date

    def active_on(self, day: date) -> bool:
        return self.term_start <= day <= self.term_end


@dataclass
class _CouncilPlan:
    id: int
    owner_id: int
    coordinator_id: int
    members: list[_Member] = field(default_factory=list)
    # (starts_at, meeting id, title, state, agenda item id of the viewpoints' item), by start
    meetings: list[tuple] = field(default_factory=list)


class _Builder:
    """Hands out ids in insertion order and writes the rows in batches, parents before children,
    whenever enough are pending: a national scale need not fit in memory at once."""

    def __init__(self, session: Session, rng: random.Random, today: date, password_hash: str):
        self.session = session
        self.rng = rng
        self.today = today
        self.password_hash = password_hash
        # Nothing is dated later than the early morning of today, so nothing lies in the future.
        self.now = _aware(today, 6)
        self.pending: dict[sa.Table, list[dict]] = defaultdict(list)
        self.pending_rows = 0
        self.counts: dict[str, int] = defaultdict(int)
        self.next_id: dict[sa.Table, int] = defaultdict(lambda: 1)
        # The rows later ones take names or settings from; the big tables are not kept.
        self.kept = {model.__table__: {} for model in (Organisation, Unit, User, Council)}

    def add(self, model, **values) -> int:
        table = model if isinstance(model, sa.Table) else model.__table__
        if "id" in table.c:
            values["id"] = self.next_id[table]
            self.next_id[table] += 1
            if table in self.kept:
                self.kept[table][values["id"]] = values
        self.pending[table].append(values)
        self.pending_rows += 1
        self.counts[table.name] += 1
        return values.get("id", 0)

    def row(self, model, id: int) -> dict:
        return self.kept[model.__table__][id]

    def write(self) -> None:
        connection = self.session.connection()
        for table in Base.metadata.sorted_tables:
            rows = self.pending.pop(table, [])
            for start in range(0, len(rows), BATCH):
                connection.execute(table.insert(), rows[start:start + BATCH])
        self.pending_rows = 0

    def write_when_full(self) -> None:
        if self.pending_rows >= WRITE_EVERY:
            self.write()

    def continue_sequences(self) -> None:
        """The ids were given here; PostgreSQL's sequences must continue after them."""
        connection = self.session.connection()
        if connection.dialect.name != "postgresql":
            return
        for table in self.next_id:
            if "id" in table.c:
                connection.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                           f"(SELECT max(id) FROM {table.name}))"))

    def cap(self, moment: datetime) -> datetime:
        return min(moment, self.now)

    def token(self) -> str:
        return base64.urlsafe_b64encode(self.rng.randbytes(24)).decode()


def seed_scale(session: Session, *, factor: float = 1.0, seed: int = DEFAULT_SEED, password_hash: str,
               today: date | None = None) -> ScaleSummary:
    """Fill an empty, migrated database; the caller commits."""
    if not database_is_empty(session):
        raise NotEmpty
    started = clock.monotonic()
    rng = random.Random(seed)
    builder = _Builder(session, rng, today or today_in_sweden(), password_hash)
    counts = counts_for(factor)
    people = _People(builder, factor, counts)
    councils = _councils(builder, people, counts["councils"])
    _memberships(builder, people, councils)
    _meetings(builder, councils, counts["meetings"])
    long_id, long_reference = _viewpoints(builder, people, councils, counts["viewpoints"])
    builder.write()
    builder.continue_sequences()
    return ScaleSummary(
        counts=dict(builder.counts),
        seconds=clock.monotonic() - started,
        sample_emails=people.samples(builder, councils),
        long_timeline_viewpoint_id=long_id,
        long_timeline_reference=long_reference,
    )


def refresh_planner_statistics(engine: sa.Engine) -> None:
    """After a bulk load: PostgreSQL keeps new rows of the full-text index in a pending list until a
    vacuum, which makes every search read that list, and the planner needs statistics to pick indexes."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")


class _People:
    """Organisations, units and everyone in them: admins, coordinators, managers, representatives."""

    def __init__(self, builder: _Builder, factor: float, counts: dict[str, int]):
        rng = builder.rng
        self.owners: list[int] = []
        self.units_of: dict[int, list[int]] = {}
        self.managers_of_unit: dict[int, list[int]] = defaultdict(list)
        self.emails: dict[int, str] = {}
        self.numbers: Counter[str] = Counter()
        municipalities = max(1, round(MUNICIPALITIES_AT_REGION_SCALE * factor))
        for index in range(municipalities):
            town = TOWNS[index % len(TOWNS)] + ("" if index < len(TOWNS) else f" {index // len(TOWNS) + 1}")
            self.owners.append(self._organisation(builder, f"{town} kommun", town, OrganisationKind.MUNICIPALITY))
        self.owners.append(self._organisation(builder, "Region Exempel", "Regionen", OrganisationKind.REGION))
        small = counts["people"] < 200
        for owner in self.owners:
            units = []
            for top_name in rng.sample(TOP_UNITS, 1 if small else rng.randint(2, 4)):
                top = builder.add(Unit, organisation_id=owner, parent_id=None, name=top_name, email="",
                                  created_at=builder.now - timedelta(days=1500))
                units.append(top)
                for sub_name in rng.sample(SUB_UNITS, 2 if small else rng.randint(2, 3)):
                    units.append(builder.add(Unit, organisation_id=owner, parent_id=top,
                                             name=f"{sub_name}, {top_name.lower()}", email="",
                                             created_at=builder.now - timedelta(days=1500)))
            self.units_of[owner] = units
        user_organisations = max(4, round(USER_ORGANISATIONS_AT_REGION_SCALE * factor))
        self.user_organisations = []
        for index in range(user_organisations):
            name, short = USER_ORGANISATION_KINDS[index % len(USER_ORGANISATION_KINDS)]
            town = TOWNS[(index // len(USER_ORGANISATION_KINDS)) % len(TOWNS)]
            suffix = "" if index < len(USER_ORGANISATION_KINDS) * len(TOWNS) else f" {index}"
            self.user_organisations.append(self._organisation(
                builder, f"{name}, {town}{suffix}", f"{short} {town}{suffix}", OrganisationKind.USER_ORGANISATION))

        self.admins = [self._person(builder, "admin", is_admin=True)
                       for _ in range(max(1, round(ADMINS_AT_REGION_SCALE * factor)))]
        coordinators = max(1, -(-counts["councils"] // COUNCILS_PER_COORDINATOR))
        self.coordinators = [self._person(builder, "samordnare", public=True) for _ in range(coordinators)]
        self.managers = []
        for units in self.units_of.values():
            for unit in units:
                for _ in range(1 if small else rng.randint(1, 3)):
                    manager = self._person(builder, "chef", unit=unit, public=rng.random() < 0.5)
                    self.managers_of_unit[unit].append(manager)
                    self.managers.append(manager)
        # Enough in every organisation for its ordinary seats and a deputy on each council.
        representatives = max(3 * user_organisations, counts["people"] - len(self.emails))
        self.pool: dict[int, list[int]] = defaultdict(list)
        for index in range(representatives):
            organisation = self.user_organisations[index % user_organisations]
            self.pool[organisation].append(self._person(builder, "representant", public=rng.random() < 0.3))

    def _organisation(self, builder: _Builder, name: str, short: str, kind: OrganisationKind) -> int:
        return builder.add(Organisation, name=name, short_name=short, kind=kind, email="", phone="", website="",
                           address="", created_at=builder.now - timedelta(days=1500))

    def _person(self, builder: _Builder, role: str, *, unit: int | None = None, is_admin: bool = False,
                public: bool = False) -> int:
        rng = builder.rng
        self.numbers[role] += 1
        email = f"{role}{self.numbers[role]}@{EMAIL_DOMAIN}"
        person = builder.add(
            User, email=email, name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", phone="",
            password_hash=builder.password_hash, is_admin=is_admin, active=True, show_name_publicly=public,
            locale="en" if rng.random() < 0.05 else "sv", unit_id=unit, calendar_token=builder.token(),
            session_version=1, created_at=builder.now - timedelta(days=rng.randint(30, 1500)),
            last_login_at=builder.now - timedelta(hours=rng.randint(1, 2000)) if rng.random() < 0.7 else None)
        self.emails[person] = email
        return person

    def samples(self, builder: _Builder, councils: list["_CouncilPlan"]) -> dict[str, str]:
        seats = defaultdict(int)
        for council in councils:
            for member in council.members:
                if member.role is MembershipRole.REPRESENTATIVE and member.active_on(builder.today):
                    seats[member.user_id] += 1
        representative = max(sorted(seats), key=lambda user_id: seats[user_id])
        return {"coordinator": self.emails[self.coordinators[0]], "representative": self.emails[representative],
                "manager": self.emails[self.managers[0]], "admin": self.emails[self.admins[0]]}


def _terms(today: date) -> list[tuple[date, date]]:
    """The previous mandate period and the current one, which runs past the meetings planned ahead."""
    return [(date(today.year - 3, 1, 1), date(today.year - 2, 12, 31)),
            (date(today.year - 1, 1, 1), date(today.year + 2, 12, 31))]


def _councils(builder: _Builder, people: _People, count: int) -> list[_CouncilPlan]:
    rng = builder.rng
    plans = []
    names: Counter[str] = Counter()
    for index in range(count):
        owner = people.owners[index % len(people.owners)]
        area = SUBJECT_AREAS[index % len(SUBJECT_AREAS)]
        town = builder.row(Organisation, owner)["short_name"]
        name = f"Brukarrådet för {area}, {town}"
        names[name] += 1
        if names[name] > 1:
            name += f" {names[name]}"
        council = builder.add(
            Council, name=name, slug=f"rad-{index + 1}", description=f"Brukarorganisationer och {town} möts om {area}.",
            subject_area=area.capitalize(), owner_id=owner, is_public=rng.random() < 0.6,
            ordinary_seats_per_organisation=rng.choice([1, 1, 2]),
            deputy_seats_per_organisation=rng.choice([1, 1, None]),
            agenda_template="\n".join([*STANDARD_AGENDA, CLOSING_ITEM]),
            created_at=builder.now - timedelta(days=1400))
        coordinator = people.coordinators[index % len(people.coordinators)]
        builder.add(council_coordinators, council_id=council, user_id=coordinator)
        plans.append(_CouncilPlan(council, owner, coordinator))
    return plans


def _memberships(builder: _Builder, people: _People, councils: list[_CouncilPlan]) -> None:
    rng = builder.rng
    for council in councils:
        row = builder.row(Council, council.id)
        organisations = rng.sample(people.user_organisations, min(len(people.user_organisations), rng.randint(6, 12)))
        officials = [manager for unit in people.units_of[council.owner_id] for manager in people.managers_of_unit[unit]]
        for term in _terms(builder.today):
            for organisation in organisations:
                # Half of each organisation's people take the seats, so many sit on several councils.
                pool = people.pool[organisation]
                ordinary = row["ordinary_seats_per_organisation"]
                deputies = 1 if row["deputy_seats_per_organisation"] else 0
                chosen = rng.sample(pool[:max(ordinary + deputies, len(pool) // 2)], ordinary + deputies)
                stood_in_for = [_seat(builder, council, term, user, organisation, MembershipRole.REPRESENTATIVE,
                                      Seat.ORDINARY, None) for user in chosen[:ordinary]]
                for user in chosen[ordinary:]:
                    _seat(builder, council, term, user, organisation, MembershipRole.REPRESENTATIVE, Seat.DEPUTY,
                          stood_in_for[0])
            for manager in rng.sample(officials, min(len(officials), rng.randint(1, 2))):
                _seat(builder, council, term, manager, council.owner_id, MembershipRole.OFFICIAL, Seat.ORDINARY, None)


def _seat(builder: _Builder, council: _CouncilPlan, term: tuple[date, date], user: int, organisation: int,
          role: MembershipRole, kind: Seat, stands_in_for: int | None) -> int:
    term_start, term_end = term
    membership = builder.add(
        Membership, council_id=council.id, user_id=user, organisation_id=organisation, role=role, seat=kind,
        stands_in_for_id=stands_in_for, term_start=term_start, term_end=term_end,
        created_at=_aware(term_start, 9) - timedelta(days=20))
    council.members.append(_Member(membership, user, organisation, role, kind, term_start, term_end))
    return membership


def _meeting_days(rng: random.Random, today: date, count: int) -> list[date]:
    """Spread over three years back and a few months ahead, at least two still to come."""
    ahead = max(2, round(count * AHEAD_DAYS / (HISTORY_DAYS + AHEAD_DAYS)))
    past = count - ahead
    days = [today - timedelta(days=HISTORY_DAYS - index * HISTORY_DAYS // past - rng.randint(0, 5))
            for index in range(past)]
    days += [today + timedelta(days=7 + index * (AHEAD_DAYS - 7) // ahead + rng.randint(0, 3))
             for index in range(ahead)]
    # Councils meet on weekdays.
    return [day - timedelta(days=max(0, day.weekday() - 3)) for day in days]


def _meetings(builder: _Builder, councils: list[_CouncilPlan], total: int) -> None:
    rng = builder.rng
    for index, council in enumerate(councils):
        count = total // len(councils) + (1 if index < total % len(councils) else 0)
        days = _meeting_days(rng, builder.today, count)
        hour = rng.choice([9, 10, 13, 14, 17])
        location = f"Sammanträdesrum {rng.randint(1, 9)}, {builder.row(Organisation, council.owner_id)['short_name']}"
        past = sorted((day for day in days if day < builder.today), reverse=True)
        ahead = sorted(day for day in days if day >= builder.today)
        for order, day in enumerate(past):
            roll = rng.random()
            state = (MeetingState.HELD if order == 0 else MeetingState.CANCELLED if order == 2
                     else MeetingState.CANCELLED if roll < 0.05 else MeetingState.HELD if roll < 0.10
                     else MeetingState.MINUTES_APPROVED)
            _meeting(builder, council, day, hour, location, state)
        for order, day in enumerate(ahead):
            roll = rng.random()
            state = (MeetingState.PUBLISHED if order == 0 else MeetingState.DRAFT if order == 1
                     else MeetingState.CANCELLED if roll < 0.1 else MeetingState.PUBLISHED if roll < 0.55
                     else MeetingState.DRAFT)
            _meeting(builder, council, day, hour, location, state)
        council.meetings.sort()


def _meeting(builder: _Builder, council: _CouncilPlan, day: date, hour: int, location: str,
             state: MeetingState) -> None:
    rng = builder.rng
    starts_at = _aware(day, hour)
    ends_at = starts_at + timedelta(hours=2)
    created_at = builder.cap(starts_at - timedelta(days=35))
    published_at = None if state is MeetingState.DRAFT else builder.cap(starts_at - timedelta(days=21))
    sequence = 0 if state is MeetingState.DRAFT else rng.choice([0, 0, 1, 2])
    updated_at = published_at or created_at
    cancelled_at = minutes_approved_at = None
    if state is MeetingState.CANCELLED:
        sequence += 1
        cancelled_at = updated_at = builder.cap(max(published_at + timedelta(days=1), starts_at - timedelta(days=6)))
    held = state in (MeetingState.HELD, MeetingState.MINUTES_APPROVED)
    present = [member for member in council.members if member.active_on(day) and rng.random() < 0.85] if held else []
    checkers = rng.sample([m for m in present if m.role is MembershipRole.REPRESENTATIVE],
                          min(2, sum(1 for m in present if m.role is MembershipRole.REPRESENTATIVE)))
    if state is MeetingState.MINUTES_APPROVED and not checkers:
        state = MeetingState.HELD
    if held:
        updated_at = builder.cap(ends_at + timedelta(days=2))
    if state is MeetingState.MINUTES_APPROVED:
        minutes_approved_at = updated_at = builder.cap(ends_at + timedelta(days=5 + len(checkers)))
    title = f"Rådsmöte {day.day} {MONTHS[day.month - 1]} {day.year}"
    meeting = builder.add(
        Meeting, council_id=council.id, title=title, starts_at=starts_at, ends_at=ends_at, location=location,
        online_url="", description="", case_number=f"BR {day.year}/{rng.randint(100, 999)}", state=state,
        sequence=sequence, created_by_id=council.coordinator_id, created_at=created_at, updated_at=updated_at,
        published_at=published_at, cancelled_at=cancelled_at, minutes_approved_at=minutes_approved_at)
    titles = [*STANDARD_AGENDA, *rng.sample(AGENDA_TOPICS, rng.randint(2, 6)), CLOSING_ITEM]
    viewpoints_item = None
    for position, item_title in enumerate(titles, start=1):
        topic = item_title not in STANDARD_AGENDA and item_title != CLOSING_ITEM
        notes, decision = MINUTES_NOTES if held else ("", "")
        item = builder.add(
            AgendaItem, meeting_id=meeting, position=position, title=item_title,
            description="Förvaltningen redovisar och rådet diskuterar." if topic else "",
            presenter="Förvaltningen" if topic else "", planned_minutes=rng.choice([15, 20, 30, 45]) if topic else None,
            notes=notes, decision=decision)
        if item_title == STANDARD_AGENDA[2]:
            viewpoints_item = item
    for member in present:
        builder.add(Attendance, meeting_id=meeting, user_id=member.user_id, organisation_id=member.organisation_id,
                    role=member.role, seat=member.seat)
    approving = len(checkers) if state is MeetingState.MINUTES_APPROVED else rng.randint(0, max(0, len(checkers) - 1))
    for order, checker in enumerate(checkers):
        approved_at = builder.cap(ends_at + timedelta(days=5 + order)) if order < approving else None
        builder.add(MinutesChecker, meeting_id=meeting, user_id=checker.user_id, approved_at=approved_at)
    council.meetings.append((starts_at, meeting, title, state, viewpoints_item))


@dataclass
class _Story:
    council: _CouncilPlan
    submitted_at: datetime
    long: bool = False


def _viewpoints(builder: _Builder, people: _People, councils: list[_CouncilPlan], count: int) -> tuple[int, str]:
    rng = builder.rng
    stories = [_Story(rng.choice(councils), _aware(builder.today - timedelta(days=rng.randint(1, HISTORY_DAYS)),
                                                   rng.randint(8, 16), rng.randint(0, 59)))
               for _ in range(count - 1)]
    long_council = next(c for c in councils if c.coordinator_id == people.coordinators[0])
    stories.append(_Story(long_council, _aware(builder.today - timedelta(days=200), 10), long=True))
    stories.sort(key=lambda story: story.submitted_at)
    serials: dict[int, int] = defaultdict(int)
    long_timeline = (0, "")
    for story in stories:
        year = story.submitted_at.astimezone(STOCKHOLM).year
        serials[year] += 1
        viewpoint = _viewpoint(builder, people, story, year, serials[year])
        builder.write_when_full()
        if story.long:
            long_timeline = (viewpoint, f"BR-{year}-{serials[year]:04d}")
    return long_timeline


def _viewpoint(builder: _Builder, people: _People, story: _Story, year: int, serial: int) -> int:
    rng = builder.rng
    council = story.council
    submitted_on = _local_day(story.submitted_at)
    age = (builder.today - submitted_on).days
    speakers = [m for m in council.members if m.role is MembershipRole.REPRESENTATIVE and m.active_on(submitted_on)]
    submitter = rng.choice(speakers)
    if story.long:
        state = S.IN_PROGRESS
    else:
        state = _weighted(rng, next(weights for limit, weights in STATE_WEIGHTS_BY_AGE if age < limit))
    title, body, subject = rng.choice(VIEWPOINT_TOPICS)
    if story.long:
        title = LONG_TIMELINE_TITLE
    units = people.units_of[council.owner_id]
    unit = rng.choice(units)
    manager = rng.choice(people.managers_of_unit[unit]) if rng.random() < 0.7 else None
    answerer = manager or people.managers_of_unit[unit][0]
    taken_up = None
    events: list[tuple[datetime, EventKind, int | None, str]] = []
    responses: list[dict] = []
    values = {"responsible_unit_id": None, "responsible_manager_id": None, "deadline": None, "received_at": None,
              "answered_at": None, "closed_at": None, "withdrawn_at": None, "outcome": None, "rating": None}

    def event(moment: datetime, kind: EventKind, actor: int | None, text: str = "") -> datetime:
        moment = builder.cap(moment)
        events.append((moment, kind, actor, text))
        return moment

    def respond(moment: datetime, final: bool) -> datetime:
        moment = event(moment, EventKind.FINAL_ANSWER if final else EventKind.INTERIM_ANSWER, answerer)
        text, actions = rng.choice(FINAL_ANSWERS) if final else (rng.choice(INTERIM_ANSWERS), "")
        responses.append({"manager_id": answerer, "is_final": final, "text": text, "actions": actions,
                          "follow_up_on": None, "created_at": moment})
        return moment

    moment = event(story.submitted_at, EventKind.SUBMITTED, submitter.user_id)
    if rng.random() < 0.2:
        event(moment + timedelta(hours=3), EventKind.COMMENTED, submitter.user_id, rng.choice(COMMENTS))
    if state is S.WITHDRAWN and rng.random() < 0.5:
        values["withdrawn_at"] = event(moment + timedelta(days=3), EventKind.WITHDRAWN, submitter.user_id)
    elif state is not S.SUBMITTED:
        moment = values["received_at"] = event(moment + timedelta(days=rng.randint(1, 4)), EventKind.RECEIVED,
                                               council.coordinator_id)
        deadline = default_deadline(_local_day(moment))
        names = [builder.row(Unit, unit)["name"]]
        if manager:
            names.append(builder.row(User, manager)["name"])
        event(moment, EventKind.ASSIGNED, council.coordinator_id, ", ".join(names))
        event(moment, EventKind.DEADLINE_SET, council.coordinator_id, deadline.isoformat())
        values.update(responsible_unit_id=unit, responsible_manager_id=manager, deadline=deadline)
        taken_up = _meeting_taking_up(builder, council, moment)
        if taken_up:
            item, title, added_at = taken_up
            place = SimpleNamespace(meeting=SimpleNamespace(title=title), position=3, title=STANDARD_AGENDA[2])
            event(added_at, EventKind.PUT_ON_AGENDA, council.coordinator_id, place_text(place))
        if state is S.WITHDRAWN:
            values["withdrawn_at"] = event(moment + timedelta(days=5), EventKind.WITHDRAWN, submitter.user_id)
        elif state is S.IN_PROGRESS:
            moment = respond(moment + timedelta(days=rng.randint(3, 10)), final=False)
            if story.long:
                _long_conversation(builder, council, submitter.user_id, answerer, moment, events, event, respond)
            elif age > 60 and rng.random() < 0.3:
                moment = respond(moment + timedelta(days=20), final=True)
                event(moment + timedelta(days=5), EventKind.REOPENED, submitter.user_id, rng.choice(REOPEN_REASONS))
        elif state in (S.ANSWERED, S.CLOSED):
            if rng.random() < 0.5:
                moment = respond(moment + timedelta(days=rng.randint(3, 10)), final=False)
            moment = values["answered_at"] = respond(moment + timedelta(days=rng.randint(5, 25)), final=True)
            if state is S.CLOSED:
                values["closed_at"] = event(moment + timedelta(days=rng.randint(3, 14)), EventKind.CLOSED,
                                            submitter.user_id)
                values.update(outcome=_weighted(rng, OUTCOME_WEIGHTS), rating=rng.randint(1, 5))
    body = f"{body}\n\nVi vill att rådet tar upp frågan."
    visibility = Visibility.COUNCIL if story.long else _weighted(rng, VISIBILITY_WEIGHTS)
    # A public council's public viewpoints reach the public once a coordinator has received them and
    # confirmed the wording, here as it was sent.
    published = (visibility is Visibility.PUBLIC and values["received_at"] is not None
                 and builder.row(Council, council.id)["is_public"])
    values.update(published_at=values["received_at"] if published else None,
                  public_title=title if published else None, public_body=body if published else None)
    if published:
        event(values["received_at"], EventKind.PUBLISHED, council.coordinator_id)
    events.sort(key=lambda entry: entry[0])
    viewpoint = builder.add(
        Viewpoint, year=year, serial=serial, council_id=council.id, submitted_by_id=submitter.user_id,
        organisation_id=submitter.organisation_id, title=title, body=body, subject=subject, visibility=visibility,
        state=state, created_at=events[0][0], updated_at=events[-1][0],
        version=1 + sum(1 for entry in events if entry[1] is not EventKind.COMMENTED), **values)
    for moment, kind, actor, text in events:
        builder.add(ViewpointEvent, viewpoint_id=viewpoint, actor_id=actor, kind=kind, text=text, created_at=moment)
    for response in responses:
        builder.add(ViewpointResponse, viewpoint_id=viewpoint, **response)
    if taken_up:
        builder.add(AgendaViewpoint, agenda_item_id=item, viewpoint_id=viewpoint, added_by_id=council.coordinator_id,
                    added_at=added_at)
    return viewpoint


def _meeting_taking_up(builder: _Builder, council: _CouncilPlan,
                       received_at: datetime) -> tuple[int, str, datetime] | None:
    """A third of the received viewpoints are put on the agenda of the council's next meeting:
    the agenda item, the meeting's title and when it was put there."""
    if builder.rng.random() >= 0.33:
        return None
    index = bisect.bisect(council.meetings, (received_at,))
    upcoming = [m for m in council.meetings[index:] if m[3] is not MeetingState.CANCELLED]
    if not upcoming:
        return None
    starts_at, _, title, _, item = upcoming[0]
    added_at = max(starts_at - timedelta(days=7), received_at + timedelta(hours=1))
    return (item, title, added_at) if added_at <= builder.now else None


def _long_conversation(builder: _Builder, council: _CouncilPlan, submitter: int, answerer: int,
                       moment: datetime, events: list, event, respond) -> None:
    """A viewpoint followed for months: comments and interim answers until its timeline is 120 long."""
    speakers = [submitter, council.coordinator_id, answerer]
    step = 0
    while len(events) < LONG_TIMELINE_EVENTS:
        moment += timedelta(hours=20)
        if step % 6 == 5:
            respond(moment, final=False)
        else:
            event(moment, EventKind.COMMENTED, speakers[step % 3], builder.rng.choice(COMMENTS))
        step += 1
