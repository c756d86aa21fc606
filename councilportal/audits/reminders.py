"""Overdue reminders for audit recommendations: the same rule and the same cron run as for viewpoints
(`councilportal mail remind-overdue`), one mail per manager listing the overdue recommendations they
answer for. Each (recommendation, manager, day) is recorded, so a second run the same day sends nothing new.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from councilportal.answering.reminders import reminders_due
from councilportal.audits.models import Recommendation, RecommendationReminder
from councilportal.audits.queries import overdue_condition
from councilportal.links import absolute_url
from councilportal.mail.services import queue_mail


@dataclass(frozen=True)
class ReminderReport:
    mails: int
    recommendations: int


def send_overdue_recommendation_reminders(session: Session, today: date) -> ReminderReport:
    """Queue today's reminders; the caller commits (the mail and the record of it go together)."""
    overdue = list(session.scalars(
        sa.select(Recommendation).where(overdue_condition(today))
        .order_by(Recommendation.deadline, Recommendation.audit_id, Recommendation.number)
    ))
    already_sent = {(row.recommendation_id, row.user_id) for row in session.execute(
        sa.select(RecommendationReminder.recommendation_id, RecommendationReminder.user_id)
        .where(RecommendationReminder.sent_on == today)
    )}
    due = reminders_due(session, overdue, already_sent)
    for manager, recommendations in due.items():
        queue_mail(
            session, recipient=manager.email, locale=manager.locale, template="recommendation_overdue",
            kind="recommendation_overdue", manager=manager, today=today,
            recommendations=[
                (recommendation,
                 absolute_url("audits.detail", audit_id=recommendation.audit_id) + f"#r{recommendation.number}")
                for recommendation in recommendations],
        )
    if due:
        session.execute(sa.insert(RecommendationReminder), [
            {"recommendation_id": recommendation.id, "user_id": manager.id, "sent_on": today}
            for manager, recommendations in due.items() for recommendation in recommendations
        ])
    session.flush()
    return ReminderReport(mails=len(due), recommendations=len({r.id for rs in due.values() for r in rs}))
