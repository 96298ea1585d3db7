"""The plansite command as people run it: exit codes, summaries and errors without tracebacks."""
from __future__ import annotations

import subprocess
import sys

from plansite.load.loader import load_plans

from .conftest import EDITION, write_plans


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plansite", *args], cwd=cwd, capture_output=True, text=True)


def test_validate_prints_a_one_line_summary(in_tmp):
    write_plans(in_tmp)
    result = run("validate", cwd=in_tmp)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Valid: 1 partnership, 1 edition, 1 priority, 2 actions, 1 indicator.\n", "")


def test_validate_reports_errors_without_a_traceback(in_tmp):
    write_plans(in_tmp, editions={"2008-2011": EDITION.replace("status: published", "status: live")})
    result = run("validate", "plans", cwd=in_tmp)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "plans/northtown/editions/2008-2011.yaml:6:9: status: 'live' is not a recognised edition status. "
        "Use one of: draft, published, superseded.\n"
        "1 problem found. Nothing was published.\n"
    )
    assert "Traceback" not in result.stderr


def test_validate_a_missing_folder(in_tmp):
    result = run("validate", "nowhere", cwd=in_tmp)
    assert (result.returncode, result.stderr) == (1, "nowhere:1:1: the plans folder does not exist\n1 problem found. Nothing was published.\n")


def test_new_scaffolds_a_partnership_that_validates(in_tmp):
    result = run("new", "east-northtown", cwd=in_tmp)
    assert result.returncode == 0, result.stderr
    assert "Created plans/east-northtown/partnership.yaml" in result.stdout
    assert "Created plans/east-northtown/contact.yaml" in result.stdout
    catalogue = load_plans(in_tmp / "plans")
    plans = catalogue.get("east-northtown")
    assert plans.data.short_name == "East Northtown"
    # Contact details in their own file, which the form editor can save without touching partnership.yaml.
    assert plans.data.contact.team == "Community Safety Team" and plans.contact_source.path == "plans/east-northtown/contact.yaml"
    assert [e.data.status.value for e in plans.editions] == ["draft"]
    edition_text = next((in_tmp / "plans" / "east-northtown" / "editions").glob("*.yaml")).read_text()
    assert edition_text.startswith("# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json")
    assert "# always text: 1.10 stays 1.10" in edition_text


def test_new_refuses_a_bad_name_and_an_existing_folder(in_tmp):
    bad = run("new", "North Town", cwd=in_tmp)
    assert (bad.returncode, bad.stderr) == (
        1, "plansite new: 'North Town' cannot be used: use lower-case letters, digits and single hyphens, like 'north-hertfordshire'\n")
    write_plans(in_tmp)
    again = run("new", "northtown", cwd=in_tmp)
    assert (again.returncode, again.stderr) == (1, "plansite new: plans/northtown already exists; choose another name or edit the files there\n")
