"""Open data as Frictionless Data Packages (https://specs.frictionlessdata.io/).

Each edition's open data has a datapackage.json declaring its actions and indicators CSVs:
the type of every column, the allowed statuses, units, directions and measures, and the
columns that are always filled. The site has a national one too, of every current plan.

The schemas are built from the CSV exporters' own column lists (ACTION_COLUMNS and
INDICATOR_COLUMNS), so a column added there is in the schema at once. What a column holds is
declared here by its name; a column not declared here is plain text.
"""
from __future__ import annotations

from typing import Any

from ..i18n import EN, Translator
from ..model import ActionStatus, Direction, Unit
from ..view.rules import INDICATOR_STATUSES

# An ISO date to the precision the plan states: 2009-11-18, 2009-11 or 2009.
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MEASURES = ("baseline", "target", "actual")
SCHEMA_FILES = {"actions": "schemas/actions.tableschema.json", "indicators": "schemas/indicators.tableschema.json"}
NATIONAL_PATH = "datapackage.json"

_REQUIRED = {"required": True}
FIELDS: dict[str, dict[str, Any]] = {
    "partnership": {"constraints": _REQUIRED},
    "edition": {"constraints": _REQUIRED},
    "priority_id": {"constraints": _REQUIRED},
    "priority": {"constraints": _REQUIRED},
    "action": {"constraints": _REQUIRED},
    "due": {"constraints": {"pattern": ISO_DATE}},
    "status": {"constraints": {"enum": [s.value for s in ActionStatus]}},
    "indicator": {"constraints": _REQUIRED},
    "unit": {"constraints": {"enum": [u.value for u in Unit]}},
    "direction": {"constraints": {"enum": [d.value for d in Direction]}},
    "measure": {"constraints": {**_REQUIRED, "enum": list(MEASURES)}},
    "indicator_status": {"constraints": {**_REQUIRED, "enum": list(INDICATOR_STATUSES)}},
    "value": {"type": "number"},
}


def table_schema(columns: list[str], t: Translator) -> dict[str, Any]:
    """A Table Schema for a CSV with these columns, in this order."""
    fields = []
    for name in columns:
        spec = FIELDS.get(name, {})
        field: dict[str, Any] = {"name": name, "type": spec.get("type", "string")}
        key = f"datapackage.field.{name}"
        if key in EN:
            field["description"] = t(key)
        if "constraints" in spec:
            field["constraints"] = dict(spec["constraints"])
        fields.append(field)
    # An empty cell is a missing value, so a required column is never empty.
    return {"fields": fields, "missingValues": [""]}


def schemas(t: Translator) -> dict[str, dict[str, Any]]:
    from .formats import ACTION_COLUMNS, INDICATOR_COLUMNS

    return {"actions": table_schema(ACTION_COLUMNS, t), "indicators": table_schema(INDICATOR_COLUMNS, t)}


def _csv_resource(name: str, path: str, title: str, schema: dict[str, Any] | str) -> dict[str, Any]:
    # The CSVs start with a byte order mark so that Excel reads them as UTF-8; UTF-8 decoders
    # (frictionless's, a browser's) skip it, so the encoding is declared by its standard name.
    return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def _name(*parts: str) -> str:
    """A name as the spec allows: lower-case letters, digits, '-', '_' and '.'."""
    return "-".join(parts).lower()


def _edition_resources(edition, t: Translator, folder: str, schema_for) -> list[dict[str, Any]]:
    from .formats import ActionsCsv, ExportJob, IndicatorsCsv

    job = ExportJob(edition)
    p = edition.partnership
    title = f"{p.short_name}: {edition.title}"
    return [
        _csv_resource(_name(p.slug, edition.id, kind), folder + exporter().filename(job),
                      t(f"datapackage.{kind}", plan=title), schema_for(kind))
        for kind, exporter in (("actions", ActionsCsv), ("indicators", IndicatorsCsv))
    ]


def edition_package(edition, t: Translator, site_url: str) -> dict[str, Any]:
    """The Data Package of one edition's CSVs (from its published view), beside them in the downloads folder and in its zip."""
    all_schemas = schemas(t)
    p = edition.partnership
    return {
        "profile": "tabular-data-package",
        "name": _name(p.slug, edition.id),
        "title": f"{p.name}: {edition.title}",
        "description": t("datapackage.edition_description", name=p.name, title=edition.title),
        "homepage": f"{site_url.rstrip('/')}/{p.url}",
        "contributors": [{"title": p.name, "role": "publisher"}],
        "keywords": ["community safety", p.short_name, p.region],
        "resources": _edition_resources(edition, t, "", lambda kind: all_schemas[kind]),
    }


def national_package(views, downloads, t: Translator, site_url: str) -> dict[str, Any]:
    """The Data Package of every current plan's CSVs, at the root of the site.

    Its resources point at each partnership's downloads, and share the two schema files, so
    the package stays small with hundreds of plans.
    """
    resources = []
    for (slug, edition_id), edition in views.items():
        if not edition.is_current or downloads.get(slug, edition_id, edition.language) is None:
            continue
        resources += _edition_resources(edition, t, f"{slug}/downloads/", SCHEMA_FILES.get)
    return {
        "profile": "tabular-data-package",
        "name": "community-safety-plans",
        "title": t("datapackage.national_title"),
        "description": t("datapackage.national_description"),
        "homepage": site_url,
        "keywords": ["community safety"],
        "resources": resources,
    }
