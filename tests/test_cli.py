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
    result = run("new", "east-northtown", "--country", "england", cwd=in_tmp)
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
    assert plans.data.area.country.value == "england" and [l.value for l in plans.data.languages] == ["en"]
    assert "ways_of_working" not in edition_text


def test_new_asks_for_the_country_rather_than_guessing_england(in_tmp):
    result = run("new", "east-northtown", cwd=in_tmp)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "plansite new: give --country england or --country wales: the partnership's country decides the duties its "
        "publication checklist shows (in Wales, the Welsh Language Standards and the Well-being of Future Generations "
        "Act too), so Plansite does not guess it\n")
    assert not (in_tmp / "plans" / "east-northtown").exists()


def test_new_asks_at_a_terminal(in_tmp, monkeypatch, capsys):
    from plansite.cli import main

    answers = iter(["scotland", "Wales"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["new", "east-northtown"]) == 0
    assert "Please type england or wales." in capsys.readouterr().out
    assert load_plans(in_tmp / "plans").get("east-northtown").data.area.country.value == "wales"


def test_new_tells_a_partnership_in_wales_from_its_name_and_publishes_it_in_welsh_too(in_tmp):
    result = run("new", "conwy-and-denbighshire", cwd=in_tmp)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Country: wales (Conwy is in Wales; give --country england if that is wrong).\n")
    plans = load_plans(in_tmp / "plans").get("conwy-and-denbighshire")
    assert plans.data.area.country.value == "wales" and [l.value for l in plans.data.languages] == ["en", "cy"]
    edition_text = next((in_tmp / "plans" / "conwy-and-denbighshire" / "editions").glob("*.yaml")).read_text()
    assert "# ways_of_working:" in edition_text and "# regional_assessment:" in edition_text
    assert "# regional_board:" in (in_tmp / "plans" / "conwy-and-denbighshire" / "partnership.yaml").read_text()
    # An English partnership that happens to be called Newport is not taken for Newport in Wales.
    assert run("new", "newport", cwd=in_tmp).returncode == 1


def test_new_refuses_a_bad_name_and_an_existing_folder(in_tmp):
    bad = run("new", "North Town", cwd=in_tmp)
    assert (bad.returncode, bad.stderr) == (
        1, "plansite new: 'North Town' cannot be used: use lower-case letters, digits and single hyphens, like 'north-hertfordshire'\n")
    write_plans(in_tmp)
    again = run("new", "northtown", cwd=in_tmp)
    assert (again.returncode, again.stderr) == (1, "plansite new: plans/northtown already exists; choose another name or edit the files there\n")
