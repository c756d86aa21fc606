"""A stored report's content as titled tables and lists: what the page, the print and the DOCX all show."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_decimal
from flask_babel import gettext as _

from councilportal.answering.labels import OUTCOME_LABELS
from councilportal.answering.models import Outcome
from councilportal.i18n import short_date
from councilportal.statistics.figures import Figure, FigureKind
from councilportal.statistics.tables import Table, shown


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
    return [meetings, viewpoints, subjects, times, satisfaction, year_on_year]


def report_document(content: dict, introduction: str, closing: str, version: int | None = None,
                    published_at: datetime | None = None) -> ReportDocument:
    return ReportDocument(content["council"], content["municipality"], content["year"], introduction, closing,
                          content["organisations"], content["changes"], _tables(content), version, published_at)
