"""Open data as Frictionless Data Packages, checked with frictionless as their users would."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from frictionless import validate

from plansite.export import datapackage
from plansite.export.formats import ACTION_COLUMNS, INDICATOR_COLUMNS
from plansite.i18n import Translator
from plansite.load.loader import load_plans

from .conftest import PLANS, REPORT


def errors(report) -> list[tuple]:
    return [tuple(e) for e in report.flatten(["rowNumber", "fieldName", "type"])]


@pytest.fixture(scope="module")
def packages(built_site) -> dict[str, Path]:
    return {p.name: p for p in sorted(built_site.glob("*/downloads/*-datapackage.json"))}


def test_every_edition_has_a_data_package_that_validates(packages):
    catalogue = load_plans(PLANS)
    editions = [f"{p.slug}-{e.id}" for p in catalogue.partnerships for e in p.editions]
    assert sorted(packages) == sorted(f"{e}-datapackage.json" for e in editions)
    problems, rows = [], 0
    for name, path in packages.items():
        report = validate(str(path))
        problems += [f"{name}: {e}" for e in errors(report)]
        rows += sum(task.stats.get("rows", 0) for task in report.tasks)
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        edition = name.removesuffix("-datapackage.json")
        assert [r["path"] for r in descriptor["resources"]] == [f"{edition}-actions.csv", f"{edition}-indicators.csv"]
    REPORT["Data Packages"] = f"{len(packages)} edition packages validated with frictionless, {rows} rows, {len(problems)} errors"
    assert problems == []


def test_the_schemas_are_the_csv_columns_with_types_and_allowed_values(packages):
    descriptor = json.loads(packages["calderdale-2008-2011-datapackage.json"].read_text(encoding="utf-8"))
    actions, indicators = (r["schema"] for r in descriptor["resources"])
    assert [f["name"] for f in actions["fields"]] == ACTION_COLUMNS
    assert [f["name"] for f in indicators["fields"]] == INDICATOR_COLUMNS
    fields = {f["name"]: f for f in actions["fields"] + indicators["fields"]}
    assert fields["status"]["constraints"]["enum"] == ["not started", "in progress", "at risk", "completed", "ongoing",
                                                       "not progressed", "removed"]
    assert fields["unit"]["constraints"]["enum"] == ["count", "percentage", "rate per 1,000 population", "index score",
                                                     "level", "other"]
    assert fields["direction"]["constraints"]["enum"] == ["lower is better", "higher is better"]
    assert fields["measure"]["constraints"] == {"required": True, "enum": ["baseline", "target", "actual"]}
    assert fields["value"]["type"] == "number"
    assert {n for n, f in fields.items() if f.get("constraints", {}).get("required")} == {
        "partnership", "edition", "priority_id", "priority", "action", "indicator", "measure", "indicator_status"}
    assert all(f.get("description") for f in fields.values())  # every column says what it holds


def test_a_new_csv_column_is_in_the_schema_at_once(monkeypatch):
    monkeypatch.setattr("plansite.export.formats.ACTION_COLUMNS", [*ACTION_COLUMNS, "new_column"])
    schema = datapackage.schemas(Translator())["actions"]
    assert schema["fields"][-1] == {"name": "new_column", "type": "string"}


def test_the_zip_is_a_zipped_data_package(built_site):
    path = built_site / "calderdale" / "downloads" / "calderdale-2008-2011-all-formats.zip"
    with zipfile.ZipFile(path) as archive:
        assert "datapackage.json" in archive.namelist()
        assert "calderdale-2008-2011-datapackage.json" not in archive.namelist()
    report = validate(str(path))
    assert errors(report) == [] and len(report.tasks) == 2


def test_the_site_has_a_national_data_package_of_every_current_plan(built_site):
    catalogue = load_plans(PLANS)
    path = built_site / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    current = [f"{p.slug}/downloads/{p.slug}-{p.current.id}" for p in catalogue.partnerships if p.current]
    assert [r["path"] for r in descriptor["resources"]] == [f"{c}-{kind}.csv" for c in current for kind in ("actions", "indicators")]
    assert {r["schema"] for r in descriptor["resources"]} == {"schemas/actions.tableschema.json", "schemas/indicators.tableschema.json"}
    report = validate(str(path))
    assert errors(report) == [] and len(report.tasks) == 2 * len(current)
    # The schema files stand alone, and the open data page links to the package.
    assert json.loads((built_site / "schemas" / "actions.tableschema.json").read_text())["fields"][0]["name"] == "partnership"
    page = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./datapackage\.json" type="application/json">Every current plan', page)


def write_csv(path: Path, edit) -> None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    edit(rows)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def setter(column: str, value: str, columns: list[str], row: int = 1):
    def edit(rows):
        rows[row][columns.index(column)] = value
    return edit


@pytest.mark.parametrize("kind, edit, expected", [
    ("actions", setter("status", "in progres", ACTION_COLUMNS), [(2, "status", "constraint-error")]),
    ("actions", setter("action", "", ACTION_COLUMNS), [(2, "action", "constraint-error")]),
    ("actions", setter("due", "18/11/09", ACTION_COLUMNS), [(2, "due", "constraint-error")]),
    ("indicators", setter("value", "nineteen", INDICATOR_COLUMNS), [(2, "value", "type-error")]),
    ("indicators", setter("unit", "furlongs", INDICATOR_COLUMNS), [(2, "unit", "constraint-error")]),
    ("indicators", setter("direction", "sideways", INDICATOR_COLUMNS), [(2, "direction", "constraint-error")]),
    ("indicators", setter("measure", "forecast", INDICATOR_COLUMNS), [(2, "measure", "constraint-error")]),
    ("indicators", setter("measure", "", INDICATOR_COLUMNS), [(2, "measure", "constraint-error")]),
    ("actions", setter("status", "status of the action", ACTION_COLUMNS, row=0), [(None, "status", "incorrect-label")]),
], ids=["unknown status", "no action", "date not ISO", "value not a number", "unknown unit", "unknown direction",
        "unknown measure", "no measure", "renamed column"])
def test_a_bad_value_is_caught(packages, tmp_path, kind, edit, expected):
    source = packages["calderdale-2008-2011-datapackage.json"]
    for f in ("datapackage", "actions", "indicators"):
        shutil.copy(source.parent / f"calderdale-2008-2011-{f}.{'json' if f == 'datapackage' else 'csv'}", tmp_path)
    assert errors(validate(str(tmp_path / source.name))) == []
    write_csv(tmp_path / f"calderdale-2008-2011-{kind}.csv", edit)
    assert errors(validate(str(tmp_path / source.name))) == expected
