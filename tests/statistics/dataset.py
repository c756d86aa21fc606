"""A fixed set of viewpoints whose figures are worked out by hand in test_figures.py.

Times are Swedish wall-clock times. Working days skip weekends and Swedish public holidays: Easter
(18 and 21 April 2025), the National Day (6 June 2025, a Friday), midsommarafton (20 June 2025),
julafton to annandag jul and nyårsafton–nyårsdagen.
"""

from datetime import date, datetime

from councilportal.answering.models import Outcome
from councilportal.audits.models import (
    Audit,
    AuditState,
    AuditTeamMember,
    CarriedOut,
    Decision,
    Recommendation,
    RecommendationState,
)
from councilportal.timeutil import stockholm_to_utc
from councilportal.viewpoints.models import (
    EventKind,
    FollowUpAnswer,
    ViewpointEvent,
    ViewpointFollowUp,
    ViewpointResponse,
    ViewpointState,
)
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


# Follow-ups of the closed viewpoints above (by their index): due date, asked, answer (None: not yet).
FOLLOW_UPS = [
    (0, date(2025, 5, 10), True, FollowUpAnswer.YES),
    (0, date(2025, 12, 1), False, None),  # not asked yet: counts nowhere
    (1, date(2025, 3, 1), True, FollowUpAnswer.YES),
    (1, date(2025, 11, 1), True, None),
    (2, date(2025, 7, 1), True, FollowUpAnswer.PARTLY),
    (3, date(2025, 8, 1), True, FollowUpAnswer.NO),
    (4, date(2026, 1, 20), True, None),  # due in 2026
    (5, date(2025, 6, 1), True, FollowUpAnswer.DONT_KNOW),
]


def build_follow_ups(session, world, viewpoints):
    """FOLLOW_UPS on the viewpoints `build` made, each on an answer of its own."""
    for index, due_on, asked, answer in FOLLOW_UPS:
        response = ViewpointResponse(viewpoint_id=viewpoints[index].id, manager=world.manager, is_final=True,
                                     text="Svar", actions="Vi gör så.", follow_up_on=due_on)
        session.add(response)
        session.flush()
        session.add(ViewpointFollowUp(viewpoint_id=viewpoints[index].id, response_id=response.id, due_on=due_on,
                                      asked_on=due_on if asked else None, answer=answer,
                                      answered_at=at(due_on.year, due_on.month, due_on.day + 1) if answer else None))
    session.commit()


A, P, N = Decision.ACCEPTED, Decision.PARTLY_ACCEPTED, Decision.NOT_ACCEPTED
# Audits: council ("private" or "public"), published to the public, state, commissioned, deadline of the
# recommendations, and per recommendation (decision, answered at, carried out).
AUDITS = [
    ("private", False, AuditState.CLOSED, at(2025, 2, 3), date(2025, 4, 30), [
        (A, at(2025, 4, 29), CarriedOut.YES),
        # 00:30 on 1 May in Sweden is still 30 April in UTC: late by the Swedish day.
        (A, at(2025, 5, 1, 0, 30), CarriedOut.YES),
        (P, at(2025, 4, 30), CarriedOut.PARTLY),
        (N, at(2025, 5, 5), CarriedOut.NO),
        (A, at(2025, 4, 10), CarriedOut.UNKNOWN),
    ]),
    ("private", False, AuditState.ANSWERED, at(2025, 9, 1), date(2025, 10, 15), [
        (A, at(2025, 10, 1), None), (P, at(2025, 10, 20), None), (A, at(2025, 10, 14), None),
    ]),
    ("private", False, AuditState.FIELDWORK, at(2025, 10, 1), None, [(None, None, None), (None, None, None)]),
    ("private", False, AuditState.CANCELLED, at(2024, 12, 1), None, []),
    ("public", True, AuditState.CLOSED, at(2025, 3, 3), date(2025, 6, 2), [
        (A, at(2025, 5, 20), CarriedOut.YES), (N, at(2025, 6, 10), CarriedOut.NO),
    ]),
    ("public", False, AuditState.REPORT, at(2025, 4, 1), date(2025, 12, 1), [(None, None, None)]),
]


def build_audits(session, world) -> list[Audit]:
    made = []
    for council_name, public, state, created_at, deadline, recommendations in AUDITS:
        council = world.public_council if council_name == "public" else world.council
        audit = Audit(title=f"Granskning {len(made) + 1}", unit=world.unit, council=council, purpose="Syfte",
                      state=state, is_public=public, created_at=created_at, summary="Sammanfattning",
                      report_submitted_at=created_at if deadline else None)
        audit.team = [AuditTeamMember(user=world.representative, is_lead=True)]
        session.add(audit)
        session.flush()
        for number, (decision, answered_at, carried_out) in enumerate(recommendations, start=1):
            recommendation_state = (RecommendationState.DRAFT if deadline is None
                                    else RecommendationState.FOLLOWED_UP if carried_out
                                    else RecommendationState.ANSWERED if decision
                                    else RecommendationState.AWAITING_ANSWER)
            session.add(Recommendation(audit_id=audit.id, number=number, text=f"Rekommendation {number}",
                                       state=recommendation_state, decision=decision, answered_at=answered_at,
                                       carried_out=carried_out, deadline=deadline,
                                       responsible_unit_id=world.unit.id if deadline else None,
                                       outcome=Outcome.CHANGED if carried_out is CarriedOut.YES else None))
        made.append(audit)
    session.commit()
    return made
