"""The statistics as tables of display text: shown on the page under each chart, and downloaded as CSV."""

from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.audits.labels import AUDIT_STATE_LABELS, CARRIED_OUT_LABELS, DECISION_LABELS
from councilportal.statistics.figures import AuditFigures, Figure, FigureKind, FollowUpFigures, ViewpointFigures
from councilportal.statistics.services import Statistics
from councilportal.viewpoints.labels import FOLLOW_UP_ANSWER_LABELS

SUPPRESSED = _l("färre än 5")


def shown(figure: Figure | None) -> str:
    """A figure as text: "färre än 5" when drawn from fewer than five viewpoints, "–" when there is none."""
    if figure is None:
        return "–"
    if figure.suppressed:
        return str(SUPPRESSED)
    if figure.value is None:
        return "–"
    if figure.kind is FigureKind.SHARE:
        return format_percent(figure.value)
    if figure.kind is FigureKind.COUNT:
        return format_decimal(figure.value)
    return format_decimal(figure.value, format="#,##0.0")


@dataclass
class Table:
    name: str
    caption: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def overview_table(figures: ViewpointFigures | None) -> Table:
    labelled = [] if figures is None else [
        (_("Inskickade"), figures.submitted), (_("Mottagna"), figures.received),
        (_("Besvarade"), figures.answered), (_("Avslutade"), figures.closed),
        (_("Återtagna"), figures.withdrawn), (_("Öppna nu (väntar på svar)"), figures.open),
        (_("Försenade nu"), figures.overdue), (_("Andel besvarade senast svarsdatum"), figures.answered_in_time),
        (_("Andel som öppnats igen efter svar"), figures.reopened),
        (_("Antal som har betygsatt svaret"), figures.rated),
        (_("Nöjdhet med svaret, medelvärde 1–5"), figures.satisfaction_mean),
    ]
    return Table("overview", _("Synpunkter i siffror"), [_("Mått"), _("Värde")],
                 [[label, shown(figure)] for label, figure in labelled])


def response_time_table(figures: ViewpointFigures | None) -> Table:
    measures = [] if figures is None else [
        (_("Från inskickad till mottagen"), figures.to_receipt),
        (_("Från inskickad till första svar"), figures.to_first_answer),
        (_("Från inskickad till slutligt svar"), figures.to_final_answer),
    ]
    return Table("response-times", _("Svarstider i arbetsdagar"), [_("Sträcka"), _("Median"), _("90:e percentilen")],
                 [[label, shown(durations.median), shown(durations.p90)] for label, durations in measures],
                 notes=[_("Arbetsdagar räknas utan helger och svenska helgdagar.")])


def outcome_table(figures: ViewpointFigures | None) -> Table:
    rows = [] if figures is None else [
        [str(label), shown(figures.outcome_counts[outcome]), shown(figures.outcome_shares[outcome])]
        for outcome, label in OUTCOME_LABELS.items()]
    return Table("outcomes", _("Utfall av avslutade synpunkter"), [_("Utfall"), _("Antal"), _("Andel")], rows)


def rating_table(figures: ViewpointFigures | None) -> Table:
    rows = [] if figures is None else [[str(label), shown(figures.rating_counts[rating])]
                                       for rating, label in RATING_LABELS.items()]
    return Table("ratings", _("Betyg på svaren"), [_("Betyg"), _("Antal")], rows)


def _group_row(name: str, figures: ViewpointFigures) -> list[str]:
    return [name, shown(figures.submitted), shown(figures.answered_in_time), shown(figures.to_final_answer.median),
            shown(figures.satisfaction_mean)]


GROUP_HEADER = [_l("Inskickade"), _l("Andel besvarade i tid"), _l("Median arbetsdagar till svar"),
                _l("Nöjdhet 1–5")]


def subject_table(statistics: Statistics) -> Table:
    return Table("subjects", _("Per ämne"), [_("Ämne"), *map(str, GROUP_HEADER)],
                 [_group_row(subject or _("Inget ämne"), figures) for subject, figures in statistics.by_subject])


def unit_table(statistics: Statistics) -> Table:
    notes = [_("Enheter med minst 5 synpunkter var, flest besvarade i tid först.")]
    if statistics.units_left_out:
        notes.append(_("%(number)s enheter med färre än 5 synpunkter visas inte.", number=statistics.units_left_out))
    return Table("units", _("Per ansvarig enhet"), [_("Enhet"), *map(str, GROUP_HEADER)],
                 [_group_row(name, figures) for name, figures in statistics.unit_ranking], notes)


def quarter_label(quarter: tuple[int, int]) -> str:
    return _("%(year)s kvartal %(quarter)s", year=quarter[0], quarter=quarter[1])


def trend_table(statistics: Statistics) -> Table:
    rows = [[quarter_label(quarter), *(_group_row("", figures)[1:] if figures else ["0", "–", "–", "–"])]
            for quarter, figures in statistics.trend]
    return Table("trend", _("Per kvartal, de senaste tre åren"), [_("Kvartal"), *map(str, GROUP_HEADER)], rows)


def meeting_table(statistics: Statistics) -> Table:
    meetings = statistics.meetings
    return Table("meetings", _("Möten"), [_("Möten"), _("Antal")],
                 [[_("Hållna"), format_decimal(meetings.held)], [_("Inställda"), format_decimal(meetings.cancelled)]])


def attendance_table(statistics: Statistics) -> Table:
    return Table("attendance", _("Närvaro på hållna möten per organisation"),
                 [_("Organisation"), _("Närvarande (personer gånger möten)"), _("Möten")],
                 [[name or _("Ingen organisation"), format_decimal(attendances), format_decimal(meetings)]
                  for name, attendances, meetings in statistics.meetings.attendance])


def follow_up_table(figures: FollowUpFigures) -> Table:
    """Were the promised actions carried out? One row per answer, then those still waiting for one."""
    rows = [[str(label), shown(figures.answer_counts[answer]), shown(figures.answer_shares[answer])]
            for answer, label in FOLLOW_UP_ANSWER_LABELS.items()]
    rows.append([_("Inte besvarade än"), shown(figures.unanswered), "–"])
    return Table("follow-ups", _("Genomförda åtgärder enligt uppföljningarna"), [_("Svar"), _("Antal"), _("Andel")],
                 rows, notes=[_("Uppföljningar med uppföljningsdatum under perioden som organisationen har fått "
                                "frågan om. Andelen räknas på de besvarade.")])


def audit_state_table(figures: AuditFigures) -> Table:
    return Table("audits", _("Brukarrevisioner efter läge"), [_("Läge"), _("Antal")],
                 [[str(label), shown(figures.by_state[state])] for state, label in AUDIT_STATE_LABELS.items()]
                 + [[_("Alla"), shown(figures.audits)]],
                 notes=[_("Granskningar beställda under perioden. De har ingen organisation eller ämne, så de "
                          "filtren gäller inte dem.")])


def recommendation_table(figures: AuditFigures) -> Table:
    rows = [[_("Rekommendationer i lämnade rapporter"), shown(figures.recommendations), "–"],
            [_("Besvarade"), shown(figures.answered), "–"]]
    rows += [[str(label), shown(figures.decision_counts[decision]), shown(figures.decision_shares[decision])]
             for decision, label in DECISION_LABELS.items()]
    rows.append([_("Besvarade senast svarsdatum"), "–", shown(figures.answered_in_time)])
    return Table("recommendations", _("Rekommendationer och verksamhetens svar"), [_("Mått"), _("Antal"), _("Andel")],
                 rows, notes=[_("Andelen för varje svar räknas på de besvarade rekommendationerna.")])


def recommendation_follow_up_table(figures: AuditFigures) -> Table:
    rows = [[str(label), shown(figures.carried_out_counts[value]), shown(figures.carried_out_shares[value])]
            for value, label in CARRIED_OUT_LABELS.items()]
    rows.append([_("Uppföljda sammanlagt"), shown(figures.followed_up), "–"])
    return Table("recommendation-follow-ups", _("Uppföljning av rekommendationerna: har åtgärderna genomförts?"),
                 [_("Genomförd"), _("Antal"), _("Andel")], rows)


def all_tables(statistics: Statistics) -> dict[str, Table]:
    overall = statistics.overall
    tables = [overview_table(overall), response_time_table(overall), outcome_table(overall), rating_table(overall),
              subject_table(statistics), unit_table(statistics), trend_table(statistics), meeting_table(statistics),
              attendance_table(statistics), follow_up_table(statistics.follow_ups),
              audit_state_table(statistics.audits), recommendation_table(statistics.audits),
              recommendation_follow_up_table(statistics.audits)]
    return {table.name: table for table in tables}
