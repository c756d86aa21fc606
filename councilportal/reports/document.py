"""A stored report's content as titled tables and lists: what the page, the print and the DOCX all show."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_decimal
from flask_babel import gettext as _

from councilportal.answering.labels import OUTCOME_LABELS
from councilportal.answering.models import Outcome
from councilportal.audits.labels import AUDIT_STATE_LABELS, CARRIED_OUT_LABELS, DECISION_LABELS
from councilportal.audits.models import AuditState, CarriedOut, Decision
from councilportal.i18n import short_date
from councilportal.statistics.figures import Figure, FigureKind
from councilportal.statistics.tables import Table, shown
from councilportal.viewpoints.labels import FOLLOW_UP_ANSWER_LABELS


def figure_text(stored: dict | None) -> str:
    return shown(Figure.from_json(stored)) if stored else "–"


@dataclass
class ReportDocument:
    """One report ready to show: the coordinator's texts around the tables assembled from the data."""

    council: str
    municipality: str
    year: int
    introduction: str
    closing: str
    organisations: list[dict]
    changes: list[dict]
    tables: list[Table]
    # Reports published before audits joined them have none.
    audits: list[dict]
    version: int | None
    published_at: datetime | None

    @property
    def title(self) -> str:
        return _("Verksamhetsberättelse %(year)s", year=self.year)

    @property
    def running_head(self) -> str:
        return f"{self.municipality} · {self.council} · {self.title}"

    def outcome_label(self, value: str) -> str:
        return str(OUTCOME_LABELS[Outcome(value)])

    def audit_state_label(self, value: str) -> str:
        return str(AUDIT_STATE_LABELS[AuditState(value)])

    def recommendation_lines(self, recommendation: dict) -> list[str]:
        """What became of a recommendation: the unit's decision, whether it was carried out, the outcome."""
        lines = [_("Verksamhetens svar: %(decision)s", decision=DECISION_LABELS[Decision(recommendation["decision"])])
                 if recommendation["decision"] else _("Inte besvarad än")]
        if recommendation["carried_out"]:
            lines.append(_("Genomförd enligt uppföljningen: %(answer)s",
                           answer=CARRIED_OUT_LABELS[CarriedOut(recommendation["carried_out"])]))
        if recommendation["outcome"]:
            lines.append(_("Utfall: %(outcome)s", outcome=self.outcome_label(recommendation["outcome"])))
        return lines


def _change(current: dict | None, previous: dict | None) -> str:
    """This year's value less last year's, where both may be shown: percentage points for shares."""
    if not current or not previous or current["value"] is None or previous["value"] is None:
        return "–"
    difference = current["value"] - previous["value"]
    if current["kind"] == FigureKind.SHARE.value:
        return _("%(points)s procentenheter",
                 points=format_decimal(round(difference * 100, 1), format="+#,##0.0;−#,##0.0"))
    return format_decimal(difference, format="+#,##0.#;−#,##0.#")


def _tables(content: dict) -> list[Table]:
    figures = content["figures"] or {}
    previous = content["previous_figures"] or {}
    year = content["year"]
    meetings = Table("meetings", _("Hållna möten"), [_("Datum"), _("Möte"), _("Närvarande")],
                     [[short_date(datetime.fromisoformat(meeting["starts_at"])), meeting["title"],
                       format_decimal(meeting["attendance"])] for meeting in content["meetings"]],
                     notes=[_("Inställda möten: %(number)s", number=content["meetings_cancelled"])])
    counts = [
        (_("Inskickade under året"), figures.get("submitted")), (_("Besvarade"), figures.get("answered")),
        (_("Avslutade"), figures.get("closed")), (_("Återtagna"), figures.get("withdrawn")),
        (_("Förs över till nästa år (inte avslutade vid årets slut)"), content["carried_over"]),
        (_("Andel besvarade senast svarsdatum"), figures.get("answered_in_time")),
        (_("Andel som öppnats igen efter svar"), figures.get("reopened")),
    ]
    viewpoints = Table("viewpoints", _("Synpunkter"), [_("Mått"), _("Värde")],
                       [[label, figure_text(stored)] for label, stored in counts])
    times = Table("response-times", _("Svarstider i arbetsdagar"), [_("Sträcka"), _("Median"), _("90:e percentilen")], [
        [_("Till mottagen"), figure_text(figures.get("receipt_median")), figure_text(figures.get("receipt_p90"))],
        [_("Till första svar"), figure_text(figures.get("first_median")), figure_text(figures.get("first_p90"))],
        [_("Till slutligt svar"), figure_text(figures.get("final_median")), figure_text(figures.get("final_p90"))],
    ])
    satisfaction = Table("satisfaction", _("Nöjdhet med svaren"), [_("Mått"), _("Värde")], [
        [_("Medelvärde 1–5"), figure_text(figures.get("satisfaction_mean"))],
        [_("Antal som betygsatt svaret"), figure_text(figures.get("rated"))],
    ])
    outcome_values = [outcome.value for outcome in Outcome]
    subjects = Table("subjects", _("Synpunkter per ämne och utfall"),
                     [_("Ämne"), _("Inskickade"), *(str(OUTCOME_LABELS[Outcome(value)]) for value in outcome_values)],
                     [[subject["subject"] or _("Inget ämne"), figure_text(subject["submitted"]),
                       *(figure_text(subject["outcomes"][value]) for value in outcome_values)]
                      for subject in content["subjects"]])
    compared = [
        (_("Inskickade"), "submitted"), (_("Besvarade"), "answered"),
        (_("Andel besvarade senast svarsdatum"), "answered_in_time"),
        (_("Median arbetsdagar till slutligt svar"), "final_median"),
        (_("Nöjdhet, medelvärde 1–5"), "satisfaction_mean"),
    ]
    year_on_year = Table("year-on-year", _("Jämfört med året före"),
                         [_("Mått"), str(year), str(year - 1), _("Förändring")],
                         [[label, figure_text(figures.get(key)), figure_text(previous.get(key)),
                           _change(figures.get(key), previous.get(key))] for label, key in compared])
    return [meetings, viewpoints, subjects, times, satisfaction, year_on_year, *_follow_up_tables(content)]


def _follow_up_tables(content: dict) -> list[Table]:
    """What the follow-ups of the year found, and the audits' figures; absent from reports published before
    they joined the report."""
    found = []
    follow_ups = content.get("follow_ups")
    if follow_ups:
        rows = [[str(label), figure_text(follow_ups["answers"][answer.value]),
                 figure_text(follow_ups["answer_shares"][answer.value])]
                for answer, label in FOLLOW_UP_ANSWER_LABELS.items()]
        rows.append([_("Inte besvarade än"), figure_text(follow_ups["unanswered"]), "–"])
        found.append(Table("follow-ups", _("Genomförda åtgärder enligt årets uppföljningar"),
                           [_("Svar"), _("Antal"), _("Andel")], rows,
                           notes=[_("Uppföljningar med uppföljningsdatum under året. Andelen räknas på de "
                                    "besvarade.")]))
    audits = content.get("audit_figures")
    if audits:
        found.append(Table("audits", _("Brukarrevisioner beställda under året"), [_("Läge"), _("Antal")],
                           [[str(AUDIT_STATE_LABELS[state]), figure_text(audits["by_state"][state.value])]
                            for state in AuditState] + [[_("Alla"), figure_text(audits["audits"])]]))
        rows = [[_("Rekommendationer i lämnade rapporter"), figure_text(audits["recommendations"]), "–"],
                [_("Besvarade"), figure_text(audits["answered"]), "–"]]
        rows += [[str(DECISION_LABELS[decision]), figure_text(audits["decisions"][decision.value]),
                  figure_text(audits["decision_shares"][decision.value])] for decision in Decision]
        rows.append([_("Besvarade senast svarsdatum"), "–", figure_text(audits["answered_in_time"])])
        rows += [[_("Genomförd enligt uppföljningen: %(answer)s", answer=CARRIED_OUT_LABELS[value]),
                  figure_text(audits["carried_out"][value.value]),
                  figure_text(audits["carried_out_shares"][value.value])]
                 for value in CarriedOut]
        found.append(Table("recommendations", _("Rekommendationer och vad de ledde till"),
                           [_("Mått"), _("Antal"), _("Andel")], rows))
    return found


def report_document(content: dict, introduction: str, closing: str, version: int | None = None,
                    published_at: datetime | None = None) -> ReportDocument:
    return ReportDocument(content["council"], content["municipality"], content["year"], introduction, closing,
                          content["organisations"], content["changes"], _tables(content), content.get("audits", []),
                          version, published_at)
