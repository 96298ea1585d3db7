"""The exporter registry: every download format, each describing itself.

The downloads pages, the open data page and `plansite export` are all made from EXPORTERS,
so adding a format here adds it everywhere.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import ClassVar

from ..load.catalogue import PartnershipPlans, PlanEdition
from ..i18n import EN, Translator
from ..model import Priority
from ..view import rules as views
from .datapackage import edition_package
from .document import build_plan_document, build_priority_document
from .published import published_plan
from .pdf import document_pdf
from .renderers import document_docx, document_odt, document_text

UTF8_BOM = "\ufeff"  # lets Excel open the CSVs as UTF-8


@dataclass(frozen=True)
class ExportOptions:
    font_size: float = 18.0  # large print body size in points; clear-print guidance asks for 16 or more
    site_url: str = "https://plansite.example/"
    language: str = "en"


@dataclass
class ExportJob:
    plans: PartnershipPlans
    edition: PlanEdition
    options: ExportOptions = field(default_factory=ExportOptions)
    priority: Priority | None = None

    @property
    def t(self) -> Translator:
        return Translator(self.options.language)


@dataclass
class Rendered:
    data: bytes
    pages: int | None = None


class Described:
    """A piece of an exporter's self-description, kept in the translation table as export.<name>.<field>."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, instance, owner) -> str:
        return EN[f"export.{owner.name}.{self.field}"]


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
        priority = f"-{job.priority.id}" if job.priority is not None else ""
        return f"{job.plans.slug}-{job.edition.id}{priority}{self.suffix}.{self.extension}"

    def render(self, job: ExportJob) -> Rendered:
        raise NotImplementedError


class PlanPdf(Exporter):
    name = "pdf"
    extension = "pdf"
    media_type = "application/pdf"

    def render(self, job: ExportJob) -> Rendered:
        pdf = document_pdf(build_plan_document(job.plans, job.edition, job.t), job.t)
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
        doc = build_plan_document(job.plans, job.edition, job.t)
        pdf = document_pdf(doc, job.t, large_print=True, font_size=job.options.font_size)
        return Rendered(pdf.data, pdf.pages)


class PriorityPdf(Exporter):
    name = "priority-pdf"
    extension = "pdf"
    media_type = "application/pdf"
    per_priority = True

    def render(self, job: ExportJob) -> Rendered:
        pdf = document_pdf(build_priority_document(job.plans, job.edition, job.priority, job.t), job.t)
        return Rendered(pdf.data, pdf.pages)


class PlainText(Exporter):
    name = "text"
    extension = "txt"
    media_type = "text/plain; charset=utf-8"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_text(build_plan_document(job.plans, job.edition, job.t)).encode("utf-8"))


class WordDocument(Exporter):
    name = "docx"
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_docx(build_plan_document(job.plans, job.edition, job.t)))


class OpenDocumentText(Exporter):
    name = "odt"
    extension = "odt"
    media_type = "application/vnd.oasis.opendocument.text"

    def render(self, job: ExportJob) -> Rendered:
        return Rendered(document_odt(build_plan_document(job.plans, job.edition, job.t)))


def _csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


ACTION_COLUMNS = ["partnership", "edition", "priority_id", "priority", "issue_ref", "issue", "ref", "action", "lead",
                  "executive", "due_as_written", "due", "original_due_as_written", "milestones", "status", "status_reason",
                  "latest_update_date", "latest_update"]


class ActionsCsv(Exporter):
    name = "actions-csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = "-actions"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        rows = []
        for priority in job.edition.data.priorities:
            for issue in priority.issues:
                for action in issue.actions:
                    due, original, latest = views.current_due(action), views.original_due(action), views.latest_update(action)
                    status = views.current_status(action)
                    rows.append({
                        "partnership": job.plans.slug, "edition": job.edition.id, "priority_id": priority.id,
                        "priority": priority.title, "issue_ref": issue.ref or "", "issue": issue.title or "",
                        "ref": action.ref or "", "action": action.text,
                        "lead": "; ".join(views.lead_text(l) for l in action.lead),
                        "executive": "; ".join(views.lead_text(l) for l in action.executive),
                        "due_as_written": due.as_written if due else "", "due": due.date or "" if due else "",
                        "original_due_as_written": original.as_written if original else "",
                        "milestones": "; ".join(f"{m.target}: {m.due.as_written}" if m.due else m.target for m in action.milestones),
                        "status": status.value if status else "", "status_reason": views.status_reason(action) or "",
                        "latest_update_date": (latest.date.date or latest.date.as_written) if latest and latest.date else "",
                        "latest_update": latest.text if latest else "",
                    })
        return Rendered(_csv(rows, ACTION_COLUMNS))


INDICATOR_COLUMNS = ["partnership", "edition", "priority_id", "code", "indicator", "unit", "direction", "measure",
                     "period", "value", "value_as_written", "note", "source"]


class IndicatorsCsv(Exporter):
    name = "indicators-csv"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = "-indicators"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        suppress = job.plans.data.settings.suppress_below
        rows = []
        for priority in job.edition.data.priorities:
            for indicator in priority.indicators:
                base = {"partnership": job.plans.slug, "edition": job.edition.id, "priority_id": priority.id,
                        "code": indicator.code or "", "indicator": indicator.name,
                        "unit": indicator.unit.value if indicator.unit else "",
                        "direction": indicator.direction.value if indicator.direction else "", "source": indicator.source or ""}
                for measure, values in (("baseline", indicator.baseline), ("target", indicator.targets), ("actual", indicator.actuals)):
                    for v in values:
                        shown = views.display_actual(v, indicator, suppress) if measure == "actual" else views.value_text(v, indicator)
                        hidden = measure == "actual" and shown.startswith("fewer than")
                        rows.append({**base, "measure": measure, "period": v.period or "",
                                     "value": "" if v.value is None or hidden else str(v.value),
                                     "value_as_written": shown, "note": v.note or ""})
        return Rendered(_csv(rows, INDICATOR_COLUMNS))


class PlanJson(Exporter):
    name = "json"
    extension = "json"
    media_type = "application/json"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        document = published_plan(job.plans, job.edition, job.options.site_url)
        return Rendered((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


class DataPackageJson(Exporter):
    """The edition's datapackage.json, declaring its CSV files (in the zip it is datapackage.json)."""

    name = "datapackage"
    extension = "json"
    media_type = "application/json"
    suffix = "-datapackage"
    open_data = True

    def render(self, job: ExportJob) -> Rendered:
        package = edition_package(job.plans, job.edition, job.t, job.options.site_url)
        return Rendered((json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


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
