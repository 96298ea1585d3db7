"""The plansite command as people run it: exit codes, summaries and errors without tracebacks."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from plansite.load.loader import load_plans

from .conftest import EDITION, PLANS, write_plans


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


# -- Names and paths from the command line are checked before any path is made -----------------


@pytest.mark.parametrize("slug", ["../outside", "../outside/x", "/tmp", "calderdale/../calderdale"])
def test_a_partnership_name_that_is_a_path_is_refused_before_anything_is_written(tmp_path, slug):
    work = tmp_path / "work"
    shutil.copytree(PLANS, work / "plans")
    shutil.copytree(PLANS / "stockton", work / "outside")  # a partnership outside plans/, so the path would resolve
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run("said", slug, "--said", "a", "--source", "b", "--did", "c", cwd=work)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", (
        "plansite said: not saved.\n"
        f"there is no partnership '{slug}' in plans. Choose one of: calderdale, hartlepool, middlesbrough, "
        "north-hertfordshire, redcar-and-cleveland, south-derbyshire, stockton.\n"))
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_refused_record_names_the_options_to_change(tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    result = run("update", "calderdale", "CS9.1", "--note", "Stopped.", "--status", "removed", "--edition", "../x",
                 "--date", "2009-11-02", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "plansite update: not saved.\n"
        "--edition: '../x' must be lower-case letters, digits and single hyphens, like 'tackling-crime'\n"
        "--status: status 'removed' needs --reason saying why\n"
        "2 problems found. Nothing was saved.\n"))
    assert not (tmp_path / "plans" / "calderdale" / "updates").exists()
    saved = run("update", "calderdale", "CS9.1", "--note", "Stopped.", "--status", "removed", "--reason",
                "No funding this year.", "--date", "2009-11-02", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    record = (tmp_path / "plans" / "calderdale" / "updates" / "2009-11-02-cs9-1.progress.yaml").read_text()
    assert '  status: "removed"\n  status_reason: "No funding this year."\n' in record


def test_a_record_with_an_invisible_character_is_refused(tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    result = run("said", "calderdale", "--said", "Bell\a here", "--source", "b", "--did", "c", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "plansite said: not saved.\n"
        "--said: the text contains an invisible bell character (U+0007); type it again without it.\n"))


def test_a_timestamp_is_not_a_date_on_the_command_line_either(tmp_path):
    result = run("update", "calderdale", "CS9.1", "--note", "x", "--date", "1301616000", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "plansite update: error: argument --date: '1301616000' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18.")


@pytest.mark.parametrize("args, message", [
    (["a" * 61], f"plansite new: '{'a' * 61}' is 61 characters long; a partnership's folder name can be at most 60\n"),
    (["compare"], "plansite new: 'compare' is the address of one of the site's own pages; choose another, such as "
                  "'compare-partnership'\n"),
    (["northtown", "--name", "Two\nlines"], "plansite new: --name must be the partnership's full name on one line, at "
                                             "most 200 characters\n"),
])
def test_new_refuses_names_the_site_could_not_use(in_tmp, args, message):
    result = run("new", *args, cwd=in_tmp)
    assert (result.returncode, result.stderr) == (1, message)
    assert not (in_tmp / "plans").exists()


# -- plansite checklist ----------------------------------------------------------------------------


def test_checklist_lists_a_partnerships_gaps(tmp_path):
    result = run("checklist", "stockton", "--plans", str(PLANS), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "stockton (2011-2014): Strategic assessment summary, no more than about 12 months old: missing. No strategic "
        "assessment summary is published with this edition.",
        "stockton (2011-2014): Actions with leads and targets or due dates: missing. The edition lists no actions.",
        "stockton (2011-2014): Indicators or success criteria: missing. No indicators or success criteria.",
        "stockton (2011-2014): Consultation or 'you said, we did' records: missing. No consultation or 'you said, we "
        "did' records.",
        "stockton (2011-2014): At least one public meeting in the last 12 months, with its date and a summary: "
        "missing. No public meetings are recorded with a summary.",
        "stockton (2011-2014): Contact details and a route to ask for other formats: missing. No contact details are "
        "published.",
        "stockton (2011-2014): A next review date: missing. No next review date is given.",
        "stockton (2011-2014): Link to the police and crime plan (England): missing. No link to the police and crime plan.",
        "Publication checklist: 8 items not met across 1 plan; see /checklist/.",
    ]


def test_checklist_of_every_plan_matches_the_build_log(tmp_path):
    result = run("checklist", "--plans", str(PLANS), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert len(lines) == 53 and lines[-1] == "Publication checklist: 52 items not met across 7 plans; see /checklist/."


def test_checklist_of_an_unknown_partnership(tmp_path):
    result = run("checklist", "nowhere", "--plans", str(PLANS), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "plansite checklist: no published partnership 'nowhere'. Choose one of: calderdale, hartlepool, middlesbrough, "
        "north-hertfordshire, redcar-and-cleveland, south-derbyshire, stockton\n"))


def test_a_record_is_refused_while_the_plans_have_problems_of_their_own(tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    edition = tmp_path / "plans" / "stockton" / "editions" / "2011-2014.yaml"
    edition.write_text(edition.read_text().replace("status: published", "status: publishd"))
    result = run("said", "calderdale", "--said", "a" * 20_001, "--source", "b", "--did", "c", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "plansite said: not saved.\n--said: the text is 20,001 characters long; it can be at most 20,000.\n"))
    result = run("said", "calderdale", "--said", "Lights.", "--source", "b", "--did", "c", "--date", "2009-11-02",
                 cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "plansite said: not saved.\n"
        "The plans already have problems; fix them first:\n"
        "plans/stockton/editions/2011-2014.yaml:12:9: status: 'publishd' is not a recognised edition status. Use one "
        "of: draft, published, superseded. Did you mean 'published'?\n"
        "1 problem found. Nothing was saved.\n"))


def test_checklist_when_every_item_is_met(monkeypatch, capsys):
    import plansite.view.checklist
    from plansite.cli import main
    monkeypatch.setattr(plansite.view.checklist, "checklist_gaps", lambda catalogue, today: [])
    assert main(["checklist", "stockton", "--plans", str(PLANS)]) == 0
    assert capsys.readouterr().out == "Publication checklist: every item is met for stockton.\n"
    assert main(["checklist", "--plans", str(PLANS)]) == 0
    assert capsys.readouterr().out == "Publication checklist: every item is met for every published plan.\n"
