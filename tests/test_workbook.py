"""Progress workbooks out and back in, a new plan from a blank template, and the plan's own status words.

Every test works on a copy of plans/ in tmp_path and fills cells with openpyxl as a person would.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plansite.cli import main

from .conftest import PLANS, build_site

BOOK = "calderdale-2008-2011-progress.xlsx"
TODAY = "2009-11-20"
STATUS_WORDS = """
status_words:
  - word: red
    status: not progressed
    meaning: Not progressing; the reason is given.
  - word: amber
    status: at risk
    meaning: Some slippage; action needed to get back on track.
  - word: green
    status: in progress
    meaning: On track.
  - word: no relevant data set available
    status: not started
    meaning: Progress cannot be measured yet.
"""
NOTE = "Chase the Crime Manager in December."


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def team(tmp_path, monkeypatch):
    """A copy of the example plans, Calderdale with red, amber and green, run from tmp_path on a pinned day."""
    shutil.copytree(PLANS, tmp_path / "plans")
    partnership = tmp_path / "plans" / "calderdale" / "partnership.yaml"
    partnership.write_text(partnership.read_text(encoding="utf-8") + STATUS_WORDS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANSITE_TODAY", TODAY)
    return tmp_path


def plansite(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def rows_by(sheet, column: int = 1) -> dict[str, int]:
    return {sheet.cell(r, column).value: r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value}


def column(sheet, name: str) -> int:
    return next(c.column for c in sheet[1] if c.value == name)


def fill(book: Path, cells: dict[tuple[str, str, str], object], save_as: Path | None = None) -> None:
    """Fill cells as a person would: {(sheet, row key in column A, column header): value}."""
    workbook = load_workbook(book)
    for (sheet_name, key, header), value in cells.items():
        sheet = workbook[sheet_name]
        row = rows_by(sheet)[key] if isinstance(key, str) else key
        sheet.cell(row, column(sheet, header)).value = value
    workbook.save(save_as or book)


ROUND_TRIP = {
    ("Actions", "TC1.1", "New status"): "Amber",
    ("Actions", "TC1.1", "New update"): "Campaign delayed until the new year.",
    ("Actions", "TC1.1", "Update date"): datetime(2009, 11, 2),
    ("Actions", "TC1.1", "Revised due date"): "March 2010",
    ("Actions", "TC1.1", "Significant (yes/no)"): "yes",
    ("Actions", "TC1.1", "Internal note"): NOTE,
    ("Indicators", "NI16", "Result period"): "2008/09",
    ("Indicators", "NI16", "Result"): 19.1,
    ("Indicators", "NI16", "Result note"): "Provisional figure",
    ("You said, we did", 2, "You said"): "Residents did not know how to report anti-social behaviour.",
    ("You said, we did", 2, "Source"): "Park ward forum",
    ("You said, we did", 2, "Date"): "03/11/2009",
    ("You said, we did", 2, "We did"): "Reporting routes went into every ward newsletter.",
    ("You said, we did", 2, "Action refs"): "TC1.1, PS4.1",
}


def test_round_trip_from_workbook_to_pages_and_downloads(team, capsys):
    code, out, err = plansite(capsys, "workbook", "calderdale")
    assert (code, err) == (0, "")
    assert out == (f"Wrote {BOOK}: 87 actions, 10 indicators, for the team only (never publish it).\n"
                   f"When it is filled in: plansite import {BOOK}\n")
    before = snapshot(team / "plans")
    fill(team / BOOK, ROUND_TRIP)

    code, out, err = plansite(capsys, "import", BOOK)
    assert (code, err) == (0, "")
    assert out == (
        "Saved plans/calderdale/updates/2009-11-02-tc1-1.progress.yaml (from Actions!I18 (TC1.1))\n"
        "Saved plans/calderdale/updates/2009-11-20-tc1-1.note.yaml (from Actions!M18 (TC1.1))\n"
        "Saved plans/calderdale/updates/2009-11-20-ni16-2008-09.result.yaml (from Indicators!H3 (NI16))\n"
        "Saved plans/calderdale/updates/2009-11-03-residents-did-not-know-how-to-report-ant.said.yaml (from 'You said, we did'!A2 (row 2))\n"
        "4 records saved. Rebuild the site (make site) to publish them.\n")
    after = snapshot(team / "plans")
    assert {k: v for k, v in after.items() if k in before} == before  # nothing already written changed
    added = {k: after[k].decode() for k in sorted(set(after) - set(before))}
    assert added["calderdale/updates/2009-11-02-tc1-1.progress.yaml"] == (
        "# yaml-language-server: $schema=../../../plansite/schemas/update.schema.json\n"
        f"# Progress on action \"TC1.1\", imported from {BOOK} (Actions!I18).\n"
        'action: "TC1.1"\nprogress:\n  date: "2 November 2009"\n  text: "Campaign delayed until the new year."\n'
        '  status: "Amber"\n  due: "March 2010"\n  significant: true\n')
    assert added["calderdale/updates/2009-11-20-ni16-2008-09.result.yaml"].endswith(
        'indicator: "NI16"\nresult:\n  period: "2008/09"\n  value: "19.1"\n  note: "Provisional figure"\n')
    assert 'internal_notes:\n  - "Chase the Crime Manager in December."\n' in added["calderdale/updates/2009-11-20-tc1-1.note.yaml"]
    assert '  date: 2009-11-03\n' in added["calderdale/updates/2009-11-03-residents-did-not-know-how-to-report-ant.said.yaml"]

    site = team / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(team / "plans")})
    assert result.returncode == 0, result.stderr
    priority = (site / "calderdale/priorities/tackling-crime/index.html").read_text()
    card = priority[priority.index('id="action-tc1-1"'):][:6000]
    assert "At risk or delayed (amber)" in card  # the standard status in words, the plan's word beside it
    assert "Campaign delayed until the new year." in card
    assert "March 2010 (originally October 2009)" in card
    assert "19.1 per 1,000 population (Provisional figure)" in priority  # the result, in the indicator's table
    yswd = (site / "calderdale/you-said-we-did/index.html").read_text()
    assert "Residents did not know how to report anti-social behaviour." in yswd and "3 November 2009" in yswd
    assert "TC1.1: Awareness / Education" in yswd
    actions = (site / "calderdale/actions/index.html").read_text()
    assert "At risk or delayed (amber)" in actions
    for page in site.rglob("*"):
        if page.is_file() and page.suffix in (".html", ".xml", ".json", ".txt"):
            assert NOTE not in page.read_text(errors="replace"), page  # internal notes never published
    assert not list(site.rglob("*.xlsx"))

    downloads = team / "downloads"
    code, out, err = plansite(capsys, "export", "calderdale", "--format", "text", "--format", "pdf", "--format", "docx",
                              "--format", "actions-csv", "--format", "indicators-csv", "--format", "json", "--out", str(downloads))
    assert code == 0, err
    text = (downloads / "calderdale-2008-2011.txt").read_text(encoding="utf-8")
    assert ("Action TC1.1\n\nAwareness / Education re: protecting from Hanoi’s (locks, keys upstairs, etc) sneak in "
            "burglaries and information regarding security marking / target hardening for large screen TV’s\n\n"
            "Status: At risk or delayed (amber)\n"
            "Lead: Crime Manager; Community Safety Manager\n"
            "Reports to: Safer Communities Delivery Group\n"
            "Due: March 2010 (originally October 2009)\n\n"
            "Progress updates\n\n"
            "- 2 November 2009, At risk or delayed (amber): Campaign delayed until the new year. Due: March 2010\n") in text
    linked = text[text.index("Actions this changed"):]
    assert "- TC1.1: Awareness / Education" in linked and "(At risk or delayed (amber))" in linked
    assert "- PS4.1: Assess co-ordination / co-location of partnership ASB resources (Not reported)" in linked
    assert "19.1 per 1,000 population" in text and "Residents did not know how to report anti-social behaviour." in text
    import docx

    document = docx.Document(str(downloads / "calderdale-2008-2011.docx"))
    word = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "At risk or delayed (amber)" in word and "Campaign delayed until the new year." in word and NOTE not in word
    from pdfminer.high_level import extract_text

    pdf = " ".join(extract_text(str(downloads / "calderdale-2008-2011.pdf")).split())
    assert "At risk or delayed (amber)" in pdf and "Campaign delayed until the new year." in pdf and NOTE not in pdf
    assert "19.1 per 1,000 population" in pdf and "Reporting routes went into every ward newsletter." in pdf
    rows = list(csv.DictReader(io.StringIO((downloads / "calderdale-2008-2011-actions.csv").read_text(encoding="utf-8-sig"))))
    tc11 = next(r for r in rows if r["ref"] == "TC1.1")
    assert (tc11["status"], tc11["status_word"], tc11["due_as_written"], tc11["original_due_as_written"]) == (
        "at risk", "amber", "March 2010", "October 2009")
    figures = list(csv.DictReader(io.StringIO((downloads / "calderdale-2008-2011-indicators.csv").read_text(encoding="utf-8-sig"))))
    assert {"code": "NI16", "measure": "actual", "period": "2008/09", "value": "19.1", "note": "Provisional figure"}.items() <= next(
        r for r in figures if r["code"] == "NI16" and r["measure"] == "actual").items()
    plan = json.loads((downloads / "calderdale-2008-2011.json").read_text(encoding="utf-8"))
    assert any(e["said"].startswith("Residents did not know") for e in plan["edition"]["you_said"])
    for name in ("txt", "csv", "json"):
        for path in downloads.glob(f"*.{name}"):
            assert NOTE not in path.read_text(encoding="utf-8"), path
    assert "amber" in [w["word"] for w in plan["edition"]["partnership"]["status_words"]] and "Chase" not in json.dumps(plan)


def test_importing_the_same_workbook_twice_adds_nothing(team, capsys):
    plansite(capsys, "workbook", "calderdale")
    fill(team / BOOK, ROUND_TRIP)
    assert plansite(capsys, "import", BOOK)[0] == 0
    once = snapshot(team / "plans")
    code, out, err = plansite(capsys, "import", BOOK)
    assert (code, err) == (0, "")
    assert out == ("Already imported, so not saved again: Actions!I18 (TC1.1), Actions!M18 (TC1.1), Indicators!H3 (NI16), "
                   "'You said, we did'!A2 (row 2)\nNothing new to import.\n")
    assert snapshot(team / "plans") == once
    # On another day too: a row without an update date is recognised by its words, not the day.
    fill(team / BOOK, {("Actions", "TC1.2", "New update"): "Discussed at the delivery group."})
    assert plansite(capsys, "import", BOOK)[0] == 0
    twice = snapshot(team / "plans")
    assert len(twice) == len(once) + 1
    code, out, _ = plansite(capsys, "import", BOOK)
    assert code == 0 and out.endswith("Nothing new to import.\n") and snapshot(team / "plans") == twice


def test_a_workbook_with_mistakes_lists_every_one_and_saves_nothing(team, capsys):
    plansite(capsys, "workbook", "calderdale")
    fill(team / BOOK, {
        ("Actions", "TC1.1", "New status"): "Amberr",
        ("Actions", "TC1.1", "New update"): "Delayed.",
        ("Actions", "TC1.2", "New update"): "Meeting held.",
        ("Actions", "TC1.2", "Update date"): "31/02/2010",
        ("Actions", "TC2.1", "New update"): "Moved to the spring.",
        ("Actions", "TC2.1", "Revised due date"): "Marhc 2010",
        ("Actions", "TC2.2", "New status"): "completed",
        ("Actions", "TC3.1", "New update"): "Strategy drafted.",
        ("Actions", "TC3.1", "Significant (yes/no)"): "maybe",
        ("Actions", "TC3.2", "New status"): "red",  # a valid word: not progressed, with the update as its reason
        ("Actions", "TC3.2", "New update"): "No analyst time this quarter.",
        ("Indicators", "NI16", "Result period"): "2009/10",
        ("Indicators", "NI16", "Result"): "19,1",
        ("Indicators", "NI20", "Result period"): datetime(2009, 10, 1),
        ("Indicators", "NI20", "Result"): 9.5,
        ("You said, we did", 2, "You said"): "Residents asked for more patrols.",
        ("You said, we did", 2, "We did"): "Patrols were doubled.",
        ("You said, we did", 2, "Action refs"): "TC9.9",
        ("You said, we did", 3, "You said"): "Street lights are out.",
        ("You said, we did", 3, "Source"): "Ward forum",
        ("You said, we did", 3, "We did"): "Lights were fixed.",
        ("You said, we did", 3, "Date"): "March 2010",
    })
    before = snapshot(team / "plans")
    code, out, err = plansite(capsys, "import", BOOK)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "plansite import: nothing was saved.",
        f"{BOOK}: Actions!H18 (TC1.1, New status): 'Amberr' is not a status this plan uses. Use one of: not started, "
        "in progress, at risk, completed, ongoing, not progressed, removed, or the partnership's own words: red, amber, "
        "green, no relevant data set available. Did you mean 'amber'?",
        f"{BOOK}: Actions!J19 (TC1.2, Update date): '31/02/2010' is not a real date. Write it as 31/03/2010, or as a "
        "month: March 2010",
        f"{BOOK}: Actions!K20 (TC2.1, Revised due date): 'Marhc' is not a month. Did you mean 'March'? Write it as "
        "31/03/2010, or as a month: March 2010",
        f"{BOOK}: Actions!I21 (TC2.2, New update): a new status needs a new update to go with it, saying what has "
        "happened (it is published with it). Write one in New update, or clear H21",
        f"{BOOK}: Actions!L24 (TC3.1, Significant (yes/no)): 'maybe' is not yes or no. Write yes or no, or leave it "
        "empty for no",
        f"{BOOK}: Indicators!H3 (NI16, Result): '19,1' is not a number. Write digits only, with a full stop for "
        "decimals, like 19.1 or 2750",
        f"{BOOK}: Indicators!G4 (NI20, Result period): the spreadsheet has turned this into a date (1 October 2009). "
        "Format the cell as text, then type the period again, e.g. 2009/10",
        f"{BOOK}: 'You said, we did'!B2 (row 2, Source): is empty. A 'you said, we did' entry needs what residents "
        "said, where they said it (Source) and what the partnership did",
        f"{BOOK}: 'You said, we did'!E2 (row 2, Action refs): no action with ref 'TC9.9' in edition '2008-2011'. "
        "Did you mean 'TC3.9'?",
        f"{BOOK}: 'You said, we did'!C3 (row 3, Date): 'March 2010' needs a day as well, e.g. 31/03/2010",
        "10 problems found. Nothing was saved.",
    ]
    assert snapshot(team / "plans") == before


def test_a_problem_found_by_the_plan_checks_names_its_cell(team):
    # The import checks cells itself first; anything the checks of the whole plan find in a new
    # record is still pointed back at the cell it came from.
    from plansite.cli.cells import Cell, Problems
    from plansite.cli.record import RecordsRefused, progress_record, save_records
    from plansite.cli.workbook_import import Planned, _cell_problems

    record = progress_record("TC1.1", note="Taken out of the plan.", status="removed", day=datetime(2009, 11, 2).date())
    status = Cell("Actions", "H18", 18, "New status", "removed")
    planned = [Planned(record, "Actions!I18 (TC1.1)", {"progress.status": status, "": status}, "TC1.1")]
    with pytest.raises(RecordsRefused) as refused:
        save_records(team / "plans", "calderdale", [record])
    assert _cell_problems(refused.value, planned, Problems(BOOK)) == (
        f"{BOOK}: Actions!H18 (TC1.1, New status): status 'removed' needs a status_reason saying why\n"
        "1 problem found. Nothing was saved.")


def test_red_for_not_progressed_takes_the_update_as_its_reason(team, capsys):
    plansite(capsys, "workbook", "calderdale")
    fill(team / BOOK, {("Actions", "TC3.2", "New status"): "Red", ("Actions", "TC3.2", "New update"): "No analyst time."})
    assert plansite(capsys, "import", BOOK)[0] == 0
    saved = (team / "plans/calderdale/updates/2009-11-20-tc3-2.progress.yaml").read_text()
    assert '  status: "Red"\n  status_reason: "No analyst time."\n' in saved
    from plansite.load.loader import load_plans
    from plansite.view.rules import current_status, current_status_word

    action = next(a for a in load_plans(team / "plans").get("calderdale").edition("2008-2011").data.actions() if a.ref == "TC3.2")
    assert (current_status(action).value, current_status_word(action)) == ("not progressed", "red")


def test_a_workbook_for_an_edition_that_has_changed_since(team, capsys):
    plansite(capsys, "workbook", "calderdale")
    edition = team / "plans/calderdale/editions/2008-2011.yaml"
    text = edition.read_text(encoding="utf-8")
    assert text.count("- ref: TC1.2\n") == 1
    edition.write_text(text.replace("- ref: TC1.2\n", "- ref: TC1.9\n"), encoding="utf-8")  # TC1.2 gone, TC1.9 new
    fill(team / BOOK, {("Actions", "TC1.1", "New update"): "Leaflets printed."}, save_as=team / "good.xlsx")
    code, out, err = plansite(capsys, "import", "good.xlsx")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "Note: the plan has changed since this workbook was made on 20 November 2009: action TC1.2 is no longer in the "
        "plan; 1 action was added that this workbook does not have (TC1.9). For the plan as it is now, make a new "
        "workbook with 'plansite workbook calderdale'.")
    assert out.splitlines()[1] == "Saved plans/calderdale/updates/2009-11-20-tc1-1.progress.yaml (from Actions!I18 (TC1.1))"
    before = snapshot(team / "plans")
    fill(team / BOOK, {("Actions", "TC1.2", "New update"): "Meeting held."}, save_as=team / "stale.xlsx")
    code, out, err = plansite(capsys, "import", "stale.xlsx")
    assert code == 1
    assert err.splitlines()[1] == (
        "stale.xlsx: Actions!I19 (TC1.2, New update): action TC1.2 is no longer in edition 2008-2011: the plan has "
        "changed since this workbook was made. Nothing from this row can be used; make a new workbook with "
        "'plansite workbook calderdale' and fill it in again")
    assert snapshot(team / "plans") == before
    # An edition that is gone altogether.
    edition.rename(edition.with_name("2008-2012.yaml"))
    draft = edition.with_name("2008-2011-draft.yaml")
    draft.write_text(draft.read_text(encoding="utf-8").replace('superseded_by: "2008-2011"', "superseded_by: 2008-2012"),
                     encoding="utf-8")
    code, _, err = plansite(capsys, "import", "good.xlsx")
    assert code == 1 and "'Read me'!B8 (Edition id): partnership 'calderdale' has no edition '2008-2011' any more" in err


def test_the_workbook_is_laid_out_for_people(team, capsys):
    plansite(capsys, "workbook", "calderdale")
    book = load_workbook(team / BOOK)
    assert book.sheetnames == ["Read me", "Actions", "Indicators", "You said, we did"]
    actions, indicators, said, readme = book["Actions"], book["Indicators"], book["You said, we did"], book["Read me"]
    assert [c.value for c in actions[1]] == ["Ref", "Priority", "Action", "Lead", "Due", "Current status", "Latest update",
                                             "New status", "New update", "Update date", "Revised due date",
                                             "Significant (yes/no)", "Internal note"]
    assert [c.value for c in indicators[1]] == ["Code", "Priority", "Indicator", "Baseline", "Targets", "Results so far",
                                                "Result period", "Result", "Result note"]
    assert [c.value for c in said[1]] == ["You said", "Source", "Date", "We did", "Action refs"]
    assert actions.max_row == 88 and indicators.max_row == 11
    # Drop-downs: statuses from the Read me's list, which holds the standard words and the plan's own.
    top = next(r for r in range(1, readme.max_row + 1) if readme[f"A{r}"].value == "Status you can choose")
    lists = {str(v.sqref): v.formula1 for v in actions.data_validations.dataValidation}
    assert lists == {"H2:H88": f"'Read me'!$A${top + 1}:$A${top + 11}", "L2:L88": '"yes,no"'}
    assert [readme[f"A{r}"].value for r in range(top + 1, top + 12)] == [
        "not started", "in progress", "at risk", "completed", "ongoing", "not progressed", "removed",
        "red", "amber", "green", "no relevant data set available"]
    assert readme[f"A{top + 12}"].value is None
    assert (readme[f"B{top + 9}"].value, readme[f"C{top + 9}"].value) == (
        "At risk or delayed", "Some slippage; action needed to get back on track.")
    assert [(readme[f"A{r}"].value, readme[f"B{r}"].value) for r in (6, 8)] == [("Partnership id", "calderdale"),
                                                                                 ("Edition id", "2008-2011")]
    assert {str(v.sqref): v.formula1 for v in indicators.data_validations.dataValidation} == {
        "G2:G11": '"2008/09,2009/10,2010/11"'}
    # Locked identity columns, open columns to fill in, a frozen header, wrapped text, widths, dates as dates.
    assert actions.protection.sheet and indicators.protection.sheet and readme.protection.sheet
    row = rows_by(actions)["TC1.1"]
    assert [actions.cell(row, c).protection.locked for c in range(1, 14)] == [True] * 7 + [False] * 6
    unnumbered = next(r for r in range(2, 88) if actions.cell(r, 1).value == "(no ref)")
    assert all(actions.cell(unnumbered, c).protection.locked for c in range(8, 14))
    assert "no ref in the plan" in actions.cell(unnumbered, 1).comment.text
    assert (actions.freeze_panes, indicators.freeze_panes, said.freeze_panes) == ("B2", "B2", "A2")
    assert all(actions.cell(row, c).alignment.wrap_text for c in range(1, 14))
    assert actions.column_dimensions["C"].width == 50 and actions.column_dimensions["I"].width == 50
    assert actions.cell(row, 10).number_format == "dd/mm/yyyy" and said["C2"].number_format == "dd/mm/yyyy"
    assert indicators.cell(3, 7).number_format == "@"  # periods stay text: 2009/10 never becomes a date
    assert isinstance(readme["B9"].value, datetime)
    assert actions.cell(row, 5).value == "October 2009" and actions.cell(row, 6).value == "Not reported"
    assert actions.cell(row, 4).value == "Paul Fountain, Crime Manager\nDerek Benn, Community Safety Manager"
    assert indicators.cell(3, 5).value == ("2008/09: 19.28 per 1,000 population\n2009/10: 19.08 per 1,000 population\n"
                                           "2010/11: 18.89 per 1,000 population")
    assert book.properties.creator == "Plansite"


@pytest.mark.parametrize("out, where", [
    ("plans/workbooks", "the plans folder (plans)"),
    ("content", "the site's pages folder (content)"),
    ("site/downloads", "the built site (site)"),
])
def test_a_workbook_is_never_written_where_it_could_be_published(team, capsys, out, where):
    (team / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\nsite_dir: site\n", encoding="utf-8")
    code, stdout, err = plansite(capsys, "workbook", "calderdale", "--out", out)
    assert (code, stdout) == (1, "")
    assert err == (f"plansite workbook: {out} is inside {where}. The workbook is for the team only and may hold internal "
                   "notes, so it is never written there; choose another folder with --out\n")
    assert not list(team.rglob("*.xlsx"))


def test_import_refuses_files_that_are_not_progress_workbooks(team, capsys):
    (team / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    code, _, err = plansite(capsys, "import", "notes.xlsx")
    assert (code, err) == (1, "plansite import: nothing was saved.\nnotes.xlsx: is not an Excel workbook (.xlsx). Save it "
                              "from your spreadsheet as 'Excel Workbook (.xlsx)' and try again\n1 problem found. Nothing was saved.\n")
    plansite(capsys, "workbook", "--blank")
    code, _, err = plansite(capsys, "import", "new-plan-template.xlsx")
    assert (code, err) == (1, "plansite import: nothing was saved.\nnew-plan-template.xlsx: this is a template for a new "
                              "plan, not a progress workbook. Make the new plan from it with: plansite new "
                              "<partnership-id> --from new-plan-template.xlsx\n")
    plansite(capsys, "workbook", "calderdale")
    book = load_workbook(team / BOOK)
    book["Actions"]["H1"] = "Status now"
    book.save(team / "renamed.xlsx")
    code, _, err = plansite(capsys, "import", "renamed.xlsx")
    assert code == 1 and ("renamed.xlsx: Actions!H1: the column 'New status' is missing or has been renamed (is 'Status "
                          "now' meant to be it?). Put the header back as it was, or make a new workbook") in err


def fill_template(path: Path, save_as: Path, *, mistakes: bool = False) -> None:
    book = load_workbook(path)
    form = book["Partnership"]
    rows = {str(form.cell(r, 1).value).replace(" (optional)", ""): r for r in range(1, form.max_row + 1)}
    answers = {
        "Full name": "Safer Northtown Partnership", "Short name": "Northtown", "Police force area": "Westshire",
        "Council area": "Northtown", "Country": "England", "Places": "Oldbridge, Newfield",
        "Contact team": "Community Safety Team", "Contact email": "communitysafety@northtown.gov.uk",
        "Plan title": "Northtown Community Safety Plan 2024-2027", "Plan starts": datetime(2024, 4, 1),
        "Plan ends": "31/03/2027", "Plan summary": "What we will do to keep Northtown safe.",
    }
    if mistakes:
        answers.update({"Short name": None, "Country": "Scotland", "Plan ends": "31/02/2027"})
    for label, value in answers.items():
        form.cell(rows[label], 2).value = value
    first_own = rows["Status word"] + 8  # below the seven standard statuses
    form.cell(first_own, 1).value, form.cell(first_own, 2).value, form.cell(first_own, 3).value = (
        "amber", "at risk", "Some slippage; action needed.")
    def put(sheet, row, values):  # typed into the first empty rows, as a person would
        for n, value in enumerate(values, start=1):
            sheet.cell(row, n).value = value

    priorities, actions, indicators = book["Priorities"], book["Actions"], book["Indicators"]
    put(priorities, 2, ["1", "Tackling burglary", "Fewer homes broken into.", "crime and disorder"])
    put(priorities, 3, ["2", "Safer streets", None, "crime and disorder, substance misuse"])
    put(actions, 2, ["Tackling burglary", "Burglary dwelling", "1.1", "Run a burglary awareness campaign.",
                    "Crime Manager\nCommunity Safety Manager", "Northtown Police\nNorthtown Council", "Oct 2025",
                    "Amber", "Leaflets printed.", datetime(2025, 5, 1), "Chase the printer."])
    put(actions, 3, ["Safer streets", None, "1.10", "Review street lighting with residents.", None, None, "Ongoing"])
    put(indicators, 2, ["Tackling burglary", "NI16", "Serious acquisitive crime rate", "rate per 1000 population",
                       "lower is better", 19.47, "2023/24", "2024/25", 19.28, "2025/26", 19.08])
    if mistakes:
        put(actions, 4, ["Safer roads", None, "3.1", "Speed checks.", None, None, "Marhc 2026", "Amberr"])
        put(indicators, 3, ["Safer streets", "L1", "Streetlights fixed", "count", None, 10, None, "2024/25", 20])
    book.save(save_as)


def test_a_new_plan_from_the_blank_template(team, capsys):
    code, out, err = plansite(capsys, "workbook", "--blank", "--out", "templates")
    assert (code, err) == (0, "")
    assert out == ("Wrote templates/new-plan-template.xlsx\n"
                   "Fill it in, then make the plan with: plansite new <partnership-id> --from templates/new-plan-template.xlsx\n")
    template = load_workbook(team / "templates/new-plan-template.xlsx")
    assert template.sheetnames == ["Partnership", "Priorities", "Actions", "Indicators"]
    assert [c.value for c in template["Actions"][1]] == [
        "Priority", "Issue", "Ref", "Action", "Lead role", "Lead organisation", "Due", "Status", "Latest update",
        "Update date", "Internal note"]
    lists = {str(v.sqref): v.formula1 for v in template["Actions"].data_validations.dataValidation}
    assert lists["A2:A201"] == "Priorities!$B$2:$B$201" and lists["H2:H201"].startswith("Partnership!$A$")

    fill_template(team / "templates/new-plan-template.xlsx", team / "northtown.xlsx")
    code, out, err = plansite(capsys, "new", "northtown", "--from", "northtown.xlsx")
    assert (code, err) == (0, "")
    assert out == ("Created plans/northtown/partnership.yaml\nCreated plans/northtown/editions/2024-2027.yaml\n"
                   "Next: fill in the files, then run 'plansite validate plans'.\n")
    edition = team / "plans/northtown/editions/2024-2027.yaml"
    text = edition.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json\n#\n"
                           "# A plan edition, made from northtown.xlsx with 'plansite new northtown --from' on 2009-11-20.\n")
    assert 'status: draft         # draft, published or superseded\n' in text
    assert '            status: "Amber"\n' in text and '              - "Chase the printer."\n' in text
    assert '          - ref: "1.10"' in text  # refs stay text
    partnership = (team / "plans/northtown/partnership.yaml").read_text(encoding="utf-8")
    assert '  - word: "amber"\n    status: "at risk"' in partnership

    code, out, err = plansite(capsys, "validate", "--strict")
    assert (code, err) == (0, ""), err
    assert out == "Valid: 8 partnerships, 9 editions, 49 priorities, 220 actions, 59 indicators.\n"

    edition.write_text(text.replace("status: draft ", "status: published "), encoding="utf-8")
    site = team / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(team / "plans")})
    assert result.returncode == 0, result.stderr
    page = (site / "northtown/priorities/tackling-burglary/index.html").read_text()
    assert "Run a burglary awareness campaign." in page and "At risk or delayed (amber)" in page
    assert "Crime Manager, Northtown Police" in page and "Leaflets printed." in page and "Chase the printer." not in page
    assert "19.28" in page
    assert "Review street lighting with residents." in (site / "northtown/priorities/safer-streets/index.html").read_text()


def test_a_filled_template_with_mistakes_writes_nothing(team, capsys):
    plansite(capsys, "workbook", "--blank")
    fill_template(team / "new-plan-template.xlsx", team / "wrong.xlsx", mistakes=True)
    code, out, err = plansite(capsys, "new", "northtown", "--from", "wrong.xlsx")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "plansite new: wrong.xlsx: Partnership!B3 (Short name): is empty; it is needed",
        "wrong.xlsx: Partnership!B6 (Country): 'Scotland' is not England or Wales",
        "wrong.xlsx: Partnership!B14 (Plan ends): '31/02/2027' is not a real date. Write it as 31/03/2010, or as a month: "
        "March 2010",
        *MORE_MISTAKES,
        "7 problems found. Nothing was written.",
    ]
    assert not (team / "plans/northtown").exists()
    book = load_workbook(team / "wrong.xlsx")
    form = book["Partnership"]
    for r in range(1, form.max_row + 1):
        label = str(form.cell(r, 1).value)
        if label.startswith(("Short name", "Country", "Plan ends")):
            form.cell(r, 2).value = {"S": "Northtown", "C": "Wales", "P": "31/03/2027"}[label[0]]
    book.save(team / "wrong.xlsx")
    code, out, err = plansite(capsys, "new", "northtown", "--from", "wrong.xlsx")
    assert err.splitlines() == ["plansite new: " + MORE_MISTAKES[0], *MORE_MISTAKES[1:], "4 problems found. Nothing was written."]
    assert not (team / "plans/northtown").exists()


MORE_MISTAKES = [
    "wrong.xlsx: Actions!A4 (3.1, Priority): 'Safer roads' is not a priority on the Priorities sheet. "
    "Choose one of: Tackling burglary, Safer streets",
    "wrong.xlsx: Actions!G4 (3.1, Due): 'Marhc' is not a month. Did you mean 'March'? Write it as 31/03/2010, or as "
    "a month: March 2010",
    "wrong.xlsx: Actions!H4 (3.1, Status): 'Amberr' is not a status this plan uses. Use one of: not started, in "
    "progress, at risk, completed, ongoing, not progressed, removed, or the partnership's own words: amber. Did you "
    "mean 'amber'?",
    "wrong.xlsx: Indicators!E3 (L1, Better when): is empty, but a target has a number: say whether lower or higher "
    "is better",
]


def test_a_workbook_left_in_the_pages_folder_is_never_published(team, capsys):
    from .conftest import ROOT

    # The site as configured, in a folder of its own, with a workbook saved among the hand-written pages.
    for name in ("content", "overrides", "hooks"):
        shutil.copytree(ROOT / name, team / "config" / name)
    shutil.copy(ROOT / "mkdocs.yml", team / "config" / "mkdocs.yml")
    for watched in ("plans", "plansite"):  # mkdocs.yml watches them; the plans come from PLANSITE_PLANS
        (team / "config" / watched).mkdir()
    plansite(capsys, "workbook", "calderdale")
    shutil.copy(team / BOOK, team / "config" / "content" / BOOK)
    site = team / "site"
    result = build_site(site, config=team / "config" / "mkdocs.yml", extra_env={"PLANSITE_PLANS": str(team / "plans")})
    assert result.returncode == 0, result.stderr
    assert (site / "accessibility" / "index.html").is_file()
    assert not list(site.rglob("*.xlsx"))


# Typed in a spreadsheet, text starting with '=' is a formula and arrives as its value, so this one does not.
HOSTILE = "+HYPERLINK(\"http://x.example\",\"y\") <script>alert('x')</script> \"quoted\" \\ back: colon #hash\n- dash\n{braces} *star* 1.10 no ~ null Ŵ ŵ"


def test_hostile_text_stays_text_both_ways(team, capsys):
    # Plan text that looks like a formula is written as text, never as a formula.
    edition = team / "plans/calderdale/editions/2008-2011.yaml"
    text = edition.read_text(encoding="utf-8")
    marker = "text: Co-ordinated approach across the districts with regard to cross border offences\n"
    assert marker in text
    edition.write_text(text.replace(marker, 'text: "=SUM(A1:A9) Co-ordinated approach"\n'), encoding="utf-8")
    plansite(capsys, "workbook", "calderdale")
    book = load_workbook(team / BOOK)
    cell = book["Actions"].cell(rows_by(book["Actions"])["TC1.2"], 3)
    assert (cell.value, cell.data_type) == ("=SUM(A1:A9) Co-ordinated approach", "s")
    # Whatever a person types comes back exactly as typed, and is escaped where it is shown.
    fill(team / BOOK, {("Actions", "TC1.1", "New update"): HOSTILE, ("Actions", "TC1.1", "Internal note"): HOSTILE,
                       ("You said, we did", 2, "You said"): HOSTILE, ("You said, we did", 2, "Source"): "Forum",
                       ("You said, we did", 2, "We did"): HOSTILE})
    code, _, err = plansite(capsys, "import", BOOK)
    assert (code, err) == (0, "")
    from plansite.load.loader import load_plans

    data = load_plans(team / "plans").get("calderdale").edition("2008-2011").data
    action = next(a for a in data.actions() if a.ref == "TC1.1")
    assert action.updates[-1].text == HOSTILE.strip() and action.internal_notes[-1] == HOSTILE.strip()
    assert data.you_said_we_did[-1].said == HOSTILE.strip() and data.you_said_we_did[-1].did == HOSTILE.strip()
    site = team / "site"
    assert build_site(site, extra_env={"PLANSITE_PLANS": str(team / "plans")}).returncode == 0
    page = (site / "calderdale/priorities/tackling-crime/index.html").read_text()
    assert "<script>alert('x')</script>" not in page and "&lt;script&gt;alert(" in page
