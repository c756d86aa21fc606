"""Everything one statistics page shows, gathered in a constant number of aggregate queries."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.organisations.models import Unit
from councilportal.statistics.figures import (
    AuditFigures,
    FollowUpFigures,
    MeetingFigures,
    Scope,
    StatisticsFilters,
    ViewpointFigures,
    audit_figures,
    follow_up_figures,
    meeting_figures,
    quarterly_trend,
    unit_ranking,
    viewpoint_figures,
)
from councilportal.viewpoints.models import Viewpoint


@dataclass
class Statistics:
    overall: ViewpointFigures | None
    by_subject: list[tuple[str, ViewpointFigures]]
    unit_ranking: list[tuple[str, ViewpointFigures]]
    units_left_out: int
    trend: list[tuple[tuple[int, int], ViewpointFigures | None]]
    meetings: MeetingFigures
    follow_ups: FollowUpFigures
    audits: AuditFigures


def gather_statistics(session: Session, scope: Scope, filters: StatisticsFilters, today: date,
                      unit_names: dict[int, str]) -> Statistics:
    """`unit_names`: the names of the units (the page has them for its filter already)."""
    overall = viewpoint_figures(session, scope, filters, today).get(None)
    if overall is None:
        by_subject, by_unit = {}, {}
    else:
        by_subject = viewpoint_figures(session, scope, filters, today, group_by=Viewpoint.subject)
        by_unit = viewpoint_figures(session, scope, filters, today, group_by=Viewpoint.responsible_unit_id)
    ranking = unit_ranking(by_unit)
    return Statistics(
        overall=overall,
        by_subject=sorted(((subject or "", figures) for subject, figures in by_subject.items()),
                          key=lambda pair: (-pair[1].submitted.value, pair[0])),
        unit_ranking=[(unit_names.get(unit_id, ""), figures) for unit_id, figures in ranking],
        units_left_out=sum(1 for unit_id in by_unit if unit_id is not None) - len(ranking),
        trend=quarterly_trend(session, scope, filters, today),
        meetings=meeting_figures(session, scope, filters),
        follow_ups=follow_up_figures(session, scope, filters),
        audits=audit_figures(session, scope, filters, today),
    )


def subjects_in(session: Session, scope: Scope) -> list[str]:
    """The subjects used in the scope, to suggest when filtering."""
    return list(session.scalars(
        sa.select(Viewpoint.subject).where(scope.viewpoints(), Viewpoint.subject != "")
        .group_by(Viewpoint.subject).order_by(Viewpoint.subject)))


def units_by_id(session: Session) -> list[Unit]:
    return list(session.scalars(sa.select(Unit).order_by(Unit.name)))
