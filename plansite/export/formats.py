"""The exporter registry: every download format, each describing itself.

The downloads pages, the open data page and `plansite export` are all made from EXPORTERS,
so adding a format here adds it everywhere.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import ClassVar

from ..i18n import EN, TABLES, Translator, current_language
from ..view.model import Edition, Priority
from .datapackage import edition_package
from .document import build_plan_document, build_priority_document, update_line
from .pdf import document_pdf
from .published import inert_dumps, published_json
from .renderers import document_docx, document_odt, document_text

UTF8_BOM = "\ufeff"  # lets Excel open the CSVs as UTF-8


@dataclass(frozen=True)
class ExportOptions:
    font_size: float = 18.0  # large print body size in points; clear-print guidance asks for 16 or more
    site_url: str = "https://plansite.example/"
    language: str = "en"


@dataclass
class ExportJob:
    """One file to make: an edition's published view (plansite.view), and for per-priority formats one priority."""

    edition: Edition
    options: ExportOptions = field(default_factory=ExportOptions)
    priority: Priority | None = None

    @property
    def t(self) -> Translator:
        return Translator(self.edition.language)

    @property
    def slug(self) -> str:
        return self.edition.partnership.slug


@dataclass
class Rendered:
    data: bytes
    pages: int | None = None


class Described:
    """A piece of an exporter's self-description, kept in the translation table as export.<name>.<field>,
    in the language of the page being rendered."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, instance, owner) -> str:
        key = f"export.{owner.name}.{self.field}"
        return TABLES[current_language()].get(key) or EN[key]


class Exporter:
    """One download format. Subclasses describe themselves (in plansite/i18n.py) and render bytes."""

    name: ClassVar[str]
    title = Described("title")
    format = Described("format")  # as shown to people: "PDF", "CSV"
    description = Described("description")
    audience = Described("audience")
    extension: ClassVar[str]
    media_type: ClassVar[str]
    suffix: ClassVar[str] = ""
    per_priority: ClassVar[bool] = False
    open_data: ClassVar[bool] = False

    def filename(self, job: ExportJob) -> str:
        # A download in another language than English says so in its name (northtown-2011-2014-cy.pdf), so
        # both can sit in one folder.
        priority = f"-{job.priority.id}" if job.priority is not None else ""
        language = "" if job.edition.language == "en" else f"-{job.edition.language}"
        return f"{job.slug}-{job.edition.id}{priority}{self.suffix}{language}.{self.extension}"

    def render(self, job: ExportJob) -> Rendered:
        raise NotImplementedError


class PlanPdf(Exporter):
    name = "pdf"
    extension = "pdf"
    media_type = "application/pdf"

    def render(self, job: ExportJob) -> Rendered:
        pdf = document_pdf(build_plan_document(job.edition, job.t), job.t)
        return Rendered(pdf.data, pdf.pages)


class LargePrintPdf(Exporter):
    name = "large-print"
    extension = "pdf"
    media_type = "application/pdf"
    suffix = "-large-print"

    def filename(self, job: ExportJob) -> str:
        name = super().filename(job)
        if job.options.font_size != ExportOptions.font_size:
            name = name.replace(self.suffix, f"{self.suffix}-{job.options.font_size:g}pt")
        return name

    def render(self, job: ExportJob) -> Rendered:
        doc = build_plan_document(job.edition, job.t)
        pdf = document_pdf(doc, job.t, large_print=True, font_size=job.options.font_size)
        return Rendered(pdf.data, pdf.pages)


class PriorityPdf(Exporter):
    name = "priority-pdf"
    extension = "pdf"
    media_type = "application/pdf"
    per_priority = True

    def render(self, job: ExportJob) -> Rendered:
        pdf = document_pdf(build_priority_document(job.edition, job.priority, job.t), job.t)
        return Rendered(pdf.data, pdf.pages)


class PlainText(Exporter):
    name = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_text(build_plan_document(job.edition, job.t)).encode("utf-8"))


class WordDocument(Exporter):
    name = "docx"
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_docx(build_plan_document(job.edition, job.t)))


class OpenDocumentText(Exporter):
    name = "odt"
    extension = "odt"
    media_type = "application/vnd.oasis.opendocument.text"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_odt(build_plan_document(job.edition, job.t)))


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def safe_cell(value: str) -> str:
    """A CSV cell no spreadsheet will run: text that could start a formula gets a leading apostrophe.

    A plain number such as -5 or +2.5 cannot be a formula and is left as it is, so figures stay figures.
    """
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8")


ACTION_COLUMNS = ["partnership", "edition", "priority_id", "priority", "issue_ref", "issue", "ref", "action", "lead",
                  "executive", "partners", "due_as_written", "due", "original_due_as_written", "milestones", "flags",
                  "status", "status_word", "status_reason", "latest_update_date", "latest_update", "updates"]


def _written_iso(value) -> str:
    return value.when.iso if value and value.when else ""


class ActionsCsv(Exporter):
    name = "actions-csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = "-actions"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        t, rows = job.t, []
        for priority in job.edition.priorities:
            for issue in priority.issues:
                for action in issue.actions:
                    latest = action.latest
                    rows.append({
                        "partnership": job.slug, "edition": job.edition.id, "priority_id": priority.id,
                        "priority": priority.title, "issue_ref": issue.ref or "", "issue": issue.title or "",
                        "ref": action.ref or "", "action": action.text,
                        "lead": "; ".join(l.text for l in action.leads),
                        "executive": "; ".join(l.text for l in action.executive),
                        "partners": "; ".join(action.partners),
                        "due_as_written": action.due.text if action.due else "", "due": _written_iso(action.due),
                        "original_due_as_written": action.original_due.text if action.original_due else "",
                        "milestones": "; ".join(m.target + (f": {m.due.text}" if m.due else "")
                                                + (f" ({'; '.join(l.text for l in m.leads)})" if m.leads else "")
                                                for m in action.milestones),
                        "flags": "; ".join(f.label for f in action.flags),
                        "status": action.status.key if action.status.key != "none" else "",
                        "status_word": action.status.term or "", "status_reason": action.status_reason or "",
                        "latest_update_date": (_written_iso(latest.when) or latest.when.text) if latest and latest.when else "",
                        "latest_update": latest.text if latest else "",
                        "updates": "\n".join(update_line(u, t) for u in action.updates),
                    })
        return Rendered(_csv(rows, ACTION_COLUMNS))


INDICATOR_COLUMNS = ["partnership", "edition", "priority_id", "code", "indicator", "unit", "direction", "measure",
                     "period", "value", "value_as_written", "note", "source", "indicator_status"]


class IndicatorsCsv(Exporter):
    name = "indicators-csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = "-indicators"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        rows = []
        for priority in job.edition.priorities:
            for indicator in priority.indicators:
                # Units and directions are keys, the same in every language (the Data Package lists them).
                unit = indicator.unit if indicator.unit_key == "other" else indicator.unit_key
                base = {"partnership": job.slug, "edition": job.edition.id, "priority_id": priority.id,
                        "code": indicator.code or "", "indicator": indicator.name, "unit": unit or "",
                        "direction": indicator.direction_key or "", "source": indicator.source or "",
                        "indicator_status": indicator.status.key}
                for measure, figures in (("baseline", indicator.baseline), ("target", indicator.targets), ("actual", indicator.actuals)):
                    for f in figures:
                        rows.append({**base, "measure": measure, "period": f.period or "", "value": f.value or "",
                                     "value_as_written": f.text, "note": f.note or ""})
        return Rendered(_csv(rows, INDICATOR_COLUMNS))


class PlanJson(Exporter):
    name = "json"
    extension = "json"
    media_type = "application/json"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(published_json(job.edition, job.options.site_url))


class DataPackageJson(Exporter):
    """The edition's datapackage.json, declaring its CSV files (in the zip it is datapackage.json)."""

    name = "datapackage"
    extension = "json"
    media_type = "application/json"
    suffix = "-datapackage"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(inert_dumps(edition_package(job.edition, job.t, job.options.site_url)).encode("utf-8"))


class Bundle(Exporter):
    name = "zip"
    extension = "zip"
    media_type = "application/zip"
    suffix = "-all-formats"

    def render(self, job: ExportJob) -> Rendered:  # pragma: no cover - the runner builds it from the other files
        raise NotImplementedError("the zip is assembled from the other files by the runner")


EXPORTERS: dict[str, type[Exporter]] = {cls.name: cls for cls in (
    PlanPdf, LargePrintPdf, PlainText, WordDocument, OpenDocumentText, ActionsCsv, IndicatorsCsv, PlanJson, DataPackageJson,
    PriorityPdf, Bundle)}
