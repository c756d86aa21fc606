"""A fixed set of viewpoints whose figures are worked out by hand in test_figures.py.

Times are Swedish wall-clock times. Working days skip weekends and Swedish public holidays: Easter
(18 and 21 April 2025), the National Day (6 June 2025, a Friday), midsommarafton (20 June 2025),
julafton to annandag jul and nyårsafton–nyårsdagen.
"""

from datetime import date, datetime

from councilportal.answering.models import Outcome
from councilportal.timeutil import stockholm_to_utc
from councilportal.viewpoints.models import EventKind, ViewpointEvent, ViewpointResponse, ViewpointState
from tests.viewpoints.factories import make_viewpoint

TODAY = date(2026, 2, 2)


def at(year, month, day, hour=9, minute=0) -> datetime:
    return stockholm_to_utc(datetime(year, month, day, hour, minute))


# submitted, received, first answer (None: the final answer is the first), final answer, deadline,
# subject, outcome, rating. Working days to receipt / first / final answer and whether it met the deadline:
CLOSED = [
    # Thu before Easter → Tue after (Fri 18 and Mon 21 off): 1; answered 00:30 on Wed 23 in Sweden, which is
    # still the 22nd in UTC: 2 working days, after the deadline of the 22nd.
    (at(2025, 4, 17), at(2025, 4, 22), None, at(2025, 4, 23, 0, 30), date(2025, 4, 22),
     "Boende", Outcome.CHANGED, 5),
    # 00:30 on Thu 9 January in Sweden (the 8th in UTC), received the same Swedish day: 0; answered Mon 13: 2, late.
    (at(2025, 1, 9, 0, 30), at(2025, 1, 9, 15), None, at(2025, 1, 13), date(2025, 1, 10),
     "Boende", Outcome.CHANGED, 4),
    # Fri 30 May → Mon 2 June: 1; → Mon 9 June (Fri 6 June off): 2, 3, 4, 5, 9 = 5, in time.
    (at(2025, 5, 30), at(2025, 6, 2), None, at(2025, 6, 9), date(2025, 6, 9),
     "Boende", Outcome.PARTLY_CHANGED, 4),
    # Wed 18 June → Thu 19: 1; → Tue 24 (midsommarafton off): 19, 23, 24 = 3, late. Reopened once.
    (at(2025, 6, 18), at(2025, 6, 19), None, at(2025, 6, 24), date(2025, 6, 23),
     "Boende", Outcome.NOT_CHANGED, 3),
    # Mon 22 December → Tue 23: 1; → Fri 2 January: 23, 29, 30, 2 = 4, in time.
    (at(2025, 12, 22), at(2025, 12, 23), None, at(2026, 1, 2), date(2026, 1, 2),
     "Arbete", Outcome.PARTLY_CHANGED, 2),
    # Mon 3 March, received the same day: 0; interim answer Wed 5: 2; final Mon 17: 10, in time.
    (at(2025, 3, 3), at(2025, 3, 3, 14), at(2025, 3, 5), at(2025, 3, 17), date(2025, 3, 31),
     "Arbete", Outcome.CHANGED, 5),
]


def build(session, world):
    """The six closed viewpoints above, one withdrawn and one overdue (received the next working day, 1),
    all on world.council, answered by world.unit."""
    made = []
    for number, (submitted, received, first, final, deadline, subject, outcome, rating) in enumerate(CLOSED):
        viewpoint = make_viewpoint(session, world.council, world.user_organisation, world.representative,
                                   state=ViewpointState.CLOSED, subject=subject, unit=world.unit, deadline=deadline,
                                   created_at=submitted, received_at=received, answered_at=final, closed_at=final,
                                   outcome=outcome, rating=rating, year=2025)
        if first is not None:
            session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=False,
                                          text="Vi utreder.", created_at=first))
        session.add(ViewpointResponse(viewpoint_id=viewpoint.id, manager=world.manager, is_final=True,
                                      text="Svar", actions=f"Åtgärd {number}", created_at=final))
        if number == 3:
            session.add(ViewpointEvent(viewpoint_id=viewpoint.id, kind=EventKind.REOPENED, text="Inte klart"))
        made.append(viewpoint)
    made.append(make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.WITHDRAWN, subject="Arbete", created_at=at(2025, 9, 1),
                               withdrawn_at=at(2025, 9, 2), year=2025))
    made.append(make_viewpoint(session, world.council, world.user_organisation, world.representative,
                               state=ViewpointState.RECEIVED, subject="Arbete", unit=world.unit,
                               created_at=at(2025, 10, 1), received_at=at(2025, 10, 2), deadline=date(2025, 10, 29),
                               year=2025))
    session.commit()
    return made
