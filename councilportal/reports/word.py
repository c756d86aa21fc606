"""The annual report as a Word document (DOCX) that the municipality can edit further."""

import io

import docx
from docx.shared import Pt
from flask_babel import gettext as _

from councilportal.i18n import long_date
from councilportal.reports.document import ReportDocument


def _paragraphs(document, text: str) -> None:
    for paragraph in (part.strip() for part in text.split("\n\n")):
        if paragraph:
            document.add_paragraph(paragraph)


def report_docx(report: ReportDocument) -> bytes:
    document = docx.Document()
    document.core_properties.title = f"{report.title} – {report.council}"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    # The municipality and the council on every page, as in print.
    section.header.paragraphs[0].text = report.running_head
    document.add_heading(f"{report.title} – {report.council}", level=0)
    if report.published_at:
        document.add_paragraph(_("Publicerad %(date)s, version %(version)s",
                                 date=long_date(report.published_at), version=report.version))
    _paragraphs(document, report.introduction)
    document.add_heading(_("Organisationer i rådet"), level=1)
    for organisation in report.organisations:
        people = ", ".join(organisation["people"])
        document.add_paragraph(f"{organisation['name']}{' (' + people + ')' if people else ''}", style="List Bullet")
    for table in report.tables:
        document.add_heading(table.caption, level=1)
        grid = document.add_table(rows=1, cols=len(table.header))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, table.header, strict=True):
            cell.text = str(heading)
        for row in table.rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = str(value)
        for note in table.notes:
            document.add_paragraph(note)
    document.add_heading(_("Det här har ändrats tack vare synpunkterna"), level=1)
    for change in report.changes:
        document.add_heading(f"{change['title']} ({change['reference']})", level=2)
        document.add_paragraph(report.outcome_label(change["outcome"]))
        _paragraphs(document, change["actions"])
    if not report.changes:
        document.add_paragraph(_("Inga synpunkter med ändrat utfall att redovisa."))
    if report.audits:
        document.add_heading(_("Årets brukarrevisioner"), level=1)
    for audit in report.audits:
        document.add_heading(audit["title"], level=2)
        facts = [report.audit_state_label(audit["state"]), audit["unit"]]
        if audit["team"]:
            facts.append(_("Granskare: %(names)s", names=", ".join(audit["team"])))
        document.add_paragraph(" · ".join(facts))
        _paragraphs(document, audit["summary"])
        for recommendation in audit["recommendations"]:
            document.add_paragraph(f"{recommendation['number']}. {recommendation['text']}")
            for line in report.recommendation_lines(recommendation):
                document.add_paragraph(line, style="List Bullet")
    if report.closing:
        document.add_heading(_("Avslutande ord"), level=1)
        _paragraphs(document, report.closing)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
