"""`plansite workbook`: a progress workbook for the team to fill in, and back in with `plansite import`.

The workbook is for the partnership's team only. It shows leads' names and takes internal
notes, so it is never written inside the plans, the site's pages or the built site, and the
site build ignores any workbook it finds.

Sheets and headers are fixed here, and the importer reads them back by the same names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..i18n import Translator
from ..load.catalogue import PartnershipPlans, PlanEdition
from ..model import ActionStatus
from ..view import rules as views

READ_ME = "Read me"
ACTIONS = "Actions"
INDICATORS = "Indicators"
SAID = "You said, we did"

ACTION_SHOWN = ["Ref", "Priority", "Action", "Lead", "Due", "Current status", "Latest update"]
ACTION_INPUTS = ["New status", "New update", "Update date", "Revised due date", "Significant (yes/no)", "Internal note"]
INDICATOR_SHOWN = ["Code", "Priority", "Indicator", "Baseline", "Targets", "Results so far"]
INDICATOR_INPUTS = ["Result period", "Result", "Result note"]
SAID_INPUTS = ["You said", "Source", "Date", "We did", "Action refs"]

# Labels in the Read me sheet's first column; the importer finds the values beside them.
META_PARTNERSHIP = "Partnership id"
META_EDITION = "Edition id"
META_MADE = "Made on"
STATUS_LIST_HEADER = "Status you can choose"
NO_REF = "(no ref)"
SAID_ROWS = 200  # empty rows laid out for new "you said, we did" entries

WIDTHS = {
    "Ref": 11, "Priority": 22, "Action": 50, "Lead": 28, "Due": 18, "Current status": 22, "Latest update": 45,
    "New status": 20, "New update": 50, "Update date": 14, "Revised due date": 18, "Significant (yes/no)": 13,
    "Internal note": 35, "Code": 10, "Indicator": 40, "Baseline": 24, "Targets": 30, "Results so far": 26,
    "Result period": 14, "Result": 12, "Result note": 35, "You said": 50, "Source": 28, "Date": 14, "We did": 50,
    "Action refs": 18,
}

# GOV.UK colours: grey for what the plan says (locked), white for what the team fills in.
GREY = "F3F2F1"
HEADER_SHOWN = "B1B4B6"
HEADER_INPUT = "FFDD00"
DATE_FORMAT = "dd/mm/yyyy"


class WorkbookError(Exception):
    """The workbook could not be made; the message says why."""


@dataclass
class Layout:
    """Where the plan's folders are, so a workbook is never written where it could be published."""

    plans: Path
    forbidden: list[tuple[Path, str]]


def site_folders(plans: Path, config: Path = Path("mkdocs.yml")) -> Layout:
    """The plans, the site's pages folder and the built site: a workbook may go in none of them."""
    docs, site = Path("content"), Path("site")
    if config.is_file():
        text = config.read_text(encoding="utf-8", errors="replace")
        if m := re.search(r"^docs_dir:\s*(\S+)", text, re.M):
            docs = config.parent / m[1]
        if m := re.search(r"^site_dir:\s*(\S+)", text, re.M):
            site = config.parent / m[1]
    return Layout(plans, [(plans, "the plans folder"), (docs, "the site's pages folder"), (site, "the built site")])


def check_destination(out: Path, layout: Layout) -> None:
    target = out.resolve()
    for folder, name in layout.forbidden:
        root = folder.resolve()
        if target == root or root in target.parents:
            raise WorkbookError(f"{out} is inside {name} ({folder}). The workbook is for the team only and may hold "
                                "internal notes, so it is never written there; choose another folder with --out")


def status_table(plans: PartnershipPlans, t: Translator) -> list[tuple[str, str, str]]:
    """(word to choose, standard status it means, what it means): the standard words, then the partnership's own."""
    rows = [(s.value, t(f"status.{s.value}"), t(f"rules.meaning.{s.value}")) for s in ActionStatus]
    rows += [(w.word, t(f"status.{w.status.value}"), w.meaning) for w in plans.data.status_words]
    return rows


def _lead(leads) -> str:
    # The team's own workbook: names are shown so people know who to ask.
    return "\n".join(", ".join(p for p in (lead.name, lead.role, lead.organisation) if p) for lead in leads)


def _value(value, indicator) -> str:
    text = views.value_text(value, indicator)
    return f"{value.period}: {text}" if value.period else text


def _due(action) -> str:
    due, original = views.current_due(action), views.original_due(action)
    if due and original:
        return f"{due.as_written} (originally {original.as_written})"
    return due.as_written if due else ""


def _latest(action) -> str:
    latest = views.latest_update(action)
    if latest is None:
        return ""
    return f"{latest.date.as_written}: {latest.text}" if latest.date else latest.text


def default_edition(plans: PartnershipPlans) -> PlanEdition | None:
    """The current edition, or the latest draft while nothing is published yet."""
    return plans.current or max(plans.editions, key=lambda e: e.data.period.start, default=None)


def workbook_name(slug: str, edition_id: str) -> str:
    return f"{slug}-{edition_id}-progress.xlsx"


def write_progress_workbook(plans: PartnershipPlans, edition: PlanEdition, out: Path, today: date) -> Path:
    from openpyxl import Workbook

    t = Translator()
    book = Workbook()
    book.properties.creator = "Plansite"
    book.properties.lastModifiedBy = "Plansite"
    book.properties.title = f"{plans.data.short_name} {edition.data.title}: progress workbook"
    readme = book.active
    readme.title = READ_ME
    status_range = _read_me(readme, plans, edition, today, t)
    _actions_sheet(book.create_sheet(ACTIONS), edition, status_range)
    _indicators_sheet(book.create_sheet(INDICATORS), edition)
    _said_sheet(book.create_sheet(SAID))
    out.mkdir(parents=True, exist_ok=True)
    path = out / workbook_name(plans.slug, edition.id)
    book.save(path)
    return path


# -- Layout helpers ------------------------------------------------------------------------


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return {
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "left": Alignment(wrap_text=True, vertical="top", horizontal="left"),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=16),
        "heading": Font(bold=True, size=13),
        "grey": PatternFill("solid", fgColor=GREY),
        "header_shown": PatternFill("solid", fgColor=HEADER_SHOWN),
        "header_input": PatternFill("solid", fgColor=HEADER_INPUT),
        "open": Protection(locked=False),
        "locked": Protection(locked=True),
    }


def _header(sheet, shown: list[str], inputs: list[str]) -> None:
    from openpyxl.utils import get_column_letter

    s = _styles()
    for n, name in enumerate(shown + inputs, start=1):
        cell = _cell(sheet, 1, n, name)
        cell.font = s["bold"]
        cell.alignment = s["wrap"]
        cell.fill = s["header_shown"] if n <= len(shown) else s["header_input"]
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS[name]
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "B2"  # the header row and the first column stay in view


def _printable(sheet, *, landscape: bool = True) -> None:
    """Printed, each sheet is one page wide with its header row on every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if landscape:
        sheet.print_title_rows = "1:1"


def _protect(sheet) -> None:
    # Locked cells cannot be typed over; columns can still be widened and rows filtered. No
    # password: this guards against slips, not people.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False


def _cell(sheet, row: int, column: int, value):
    """A cell holding the value as given: text from the plan that starts with '=' stays text, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs, roughly: spreadsheets do not size rows to wrapped text written by a program."""
    per_line = max(1, int(width * 0.95))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def _row(sheet, row: int, shown: list, inputs: int, *, open_inputs: bool = True) -> None:
    from openpyxl.utils import get_column_letter

    s = _styles()
    tallest = max([_lines(v, sheet.column_dimensions[get_column_letter(n)].width or 10)
                   for n, v in enumerate(shown, start=1) if v] or [1])
    sheet.row_dimensions[row].height = min(409, 15 * tallest + 2)
    for n, value in enumerate(shown, start=1):
        cell = _cell(sheet, row, n, value)
        cell.alignment = s["wrap"]
        cell.fill = s["grey"]
        cell.protection = s["locked"]
    for n in range(len(shown) + 1, len(shown) + inputs + 1):
        cell = sheet.cell(row=row, column=n)
        cell.alignment = s["wrap"]
        if open_inputs:
            cell.protection = s["open"]
        else:
            cell.fill = s["grey"]
            cell.protection = s["locked"]


def _column(name: str, headers: list[str]) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(headers.index(name) + 1)


def _read_me(sheet, plans: PartnershipPlans, edition: PlanEdition, today: date, t: Translator) -> str:
    s = _styles()
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 70
    lines: list[tuple[str, str | date | int | None, str]] = [
        ("title", f"Progress workbook: {plans.data.short_name}", ""),
        ("text", "For the team only. Do not publish this workbook or send it outside the partnership: it shows leads' "
                 "names and may hold internal notes.", ""),
        ("gap", None, ""),
        ("heading", "About this workbook", ""),
        ("Partnership", plans.data.name, ""),
        (META_PARTNERSHIP, plans.slug, ""),
        ("Edition", edition.data.title, ""),
        (META_EDITION, edition.id, ""),
        (META_MADE, today, ""),
        ("Actions in the plan", len(edition.data.actions()), ""),
        ("gap", None, ""),
        ("heading", "How to fill it in", ""),
        ("text", "Grey columns show the plan as it stands and are locked. Fill in the yellow-headed columns only, "
                 "and only where something has changed. Leave a cell empty if there is nothing new.", ""),
        ("Actions sheet", "One row per action.", ""),
        ("New status", "Choose from the list. Your plan's own words are in the list too (see the table below).", ""),
        ("New update", "What has happened, in plain English. It is published on the plan's website, so write it for "
                       "residents and leave out people's names. If you choose 'not progressed' or 'removed', say why "
                       "here: it is published as the reason.", ""),
        ("Update date", "The day it happened, e.g. 31/03/2010, or a month: March 2010. Leave it empty for the day the "
                        "workbook is imported.", ""),
        ("Revised due date", "A new deadline, as you would write it: 31/03/2010, March 2010 or 'Ongoing'. The old one "
                             "is kept and shown as the original.", ""),
        ("Significant (yes/no)", "yes to list the update in 'updates to this page' and the news feeds. Leave empty "
                                 "or no for a minor update.", ""),
        ("Internal note", "For the team only, e.g. 'chase the lead in May'. Never published.", ""),
        ("text", "A status, a revised due date or an update date needs a new update to go with it.", ""),
        ("text", f"Actions shown with the ref '{NO_REF}' cannot be updated here: give them a ref in the plan first.", ""),
        ("Indicators sheet", "One row per indicator, with its baseline, targets and results so far.", ""),
        ("Result period", "The period the result is for: 2009/10 (a financial year), 2009 (a calendar year), "
                          "2009/10 Q2 (a quarter) or 2009-10 (a month).", ""),
        ("Result", "The figure, digits only, e.g. 19.1, or words such as 'Level 3'.", ""),
        ("Result note", "Anything to publish with the result, e.g. 'provisional'.", ""),
        ("You said, we did sheet", "One row per new entry: what residents said, where they said it, the date, what the "
                                   "partnership did, and the refs of the actions it changed, separated by commas "
                                   "(e.g. TC1.1, PS4.1).", ""),
        ("gap", None, ""),
        ("heading", "When you have finished", ""),
        ("text", f"Save the workbook and give it to whoever publishes the plan. They run: plansite import "
                 f"{workbook_name(plans.slug, edition.id)}", ""),
        ("text", "Nothing is saved unless every filled-in cell can be used. If something needs fixing, you get a list "
                 "naming each cell, e.g. Actions!H14, and what to change. Importing the same workbook again adds "
                 "nothing twice.", ""),
        ("gap", None, ""),
        ("heading", "Statuses", ""),
    ]
    row = 1
    for label, value, _ in lines:
        if label == "title":
            _cell(sheet, row, 1, value).font = s["title"]
        elif label == "heading":
            _cell(sheet, row, 1, value).font = s["heading"]
        elif label == "text":
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            cell = _cell(sheet, row, 1, value)
            cell.alignment = s["wrap"]
            sheet.row_dimensions[row].height = 15 * max(1, len(value) // 120 + 1)
        elif label != "gap":
            key = _cell(sheet, row, 1, label)
            key.font = s["bold"]
            key.alignment = s["wrap"]
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
            cell = _cell(sheet, row, 2, value)
            cell.alignment = s["left"]
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if isinstance(value, str):
                sheet.row_dimensions[row].height = 15 * max(1, len(value) // 95 + 1)
        row += 1
    for n, name in enumerate((STATUS_LIST_HEADER, "Means", "What it means"), start=1):
        cell = _cell(sheet, row, n, name)
        cell.font = s["bold"]
        cell.fill = s["header_shown"]
    first = row + 1
    for word, standard, meaning in status_table(plans, t):
        row += 1
        for n, value in enumerate((word, standard, meaning), start=1):
            _cell(sheet, row, n, value).alignment = s["wrap"]
    _printable(sheet, landscape=False)
    _protect(sheet)
    return f"'{READ_ME}'!$A${first}:$A${row}"


def _actions_sheet(sheet, edition: PlanEdition, status_range: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = ACTION_SHOWN + ACTION_INPUTS
    _header(sheet, ACTION_SHOWN, ACTION_INPUTS)
    row = 1
    for priority in edition.data.priorities:
        for action in priority.actions():
            row += 1
            status = views.current_status(action)
            shown = [action.ref or NO_REF, priority.title, action.text, _lead(action.lead), _due(action),
                     views.status_words(status, views.current_status_word(action)), _latest(action)]
            _row(sheet, row, shown, len(ACTION_INPUTS), open_inputs=bool(action.ref))
            if not action.ref:
                sheet.cell(row=row, column=1).comment = Comment(
                    "This action has no ref in the plan, so progress cannot be recorded for it here. "
                    "Give it a ref in the plan first.", "Plansite")
    last = max(row, 2)
    for name in ("Update date", "Revised due date"):
        for r in range(2, last + 1):
            sheet[f"{_column(name, headers)}{r}"].number_format = DATE_FORMAT
    statuses = DataValidation(type="list", formula1=status_range, allow_blank=True, showDropDown=False,
                              showErrorMessage=True, errorTitle="Not a status this plan uses",
                              error="Choose a status from the list. The Read me sheet says what each one means.",
                              showInputMessage=True, promptTitle="New status", prompt="Choose from the list, or leave empty.")
    statuses.add(f"{_column('New status', headers)}2:{_column('New status', headers)}{last}")
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=True, showErrorMessage=True,
                            errorTitle="yes or no", error="Write yes or no, or leave it empty (no).")
    yes_no.add(f"{_column('Significant (yes/no)', headers)}2:{_column('Significant (yes/no)', headers)}{last}")
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(yes_no)
    sheet.auto_filter.ref = f"A1:{_column(headers[-1], headers)}{last}"
    _printable(sheet)
    _protect(sheet)


def _periods(edition: PlanEdition) -> list[str]:
    """Financial years of the plan, offered as Result periods (others may be typed)."""
    start, end = edition.data.period.start, edition.data.period.end
    first = start.year if start.month >= 4 else start.year - 1
    last = end.year if end.month >= 4 else end.year - 1
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(first, min(last, first + 10) + 1)]


def _indicators_sheet(sheet, edition: PlanEdition) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = INDICATOR_SHOWN + INDICATOR_INPUTS
    _header(sheet, INDICATOR_SHOWN, INDICATOR_INPUTS)
    row = 1
    for priority in edition.data.priorities:
        for indicator in priority.indicators:
            row += 1
            shown = [indicator.code or "", priority.title, indicator.name,
                     "\n".join(_value(v, indicator) for v in indicator.baseline),
                     "\n".join(_value(v, indicator) for v in indicator.targets),
                     "\n".join(_value(v, indicator) for v in indicator.actuals)]
            _row(sheet, row, shown, len(INDICATOR_INPUTS))
            # Text, so that a spreadsheet never turns 2009/10 into a date.
            sheet[f"{_column('Result period', headers)}{row}"].number_format = "@"
    last = max(row, 2)
    periods = DataValidation(type="list", formula1='"' + ",".join(_periods(edition)) + '"', allow_blank=True,
                             showErrorMessage=False, showInputMessage=True, promptTitle="Result period",
                             prompt="A financial year such as 2009/10, or type another period: 2009, 2009/10 Q2, 2009-10.")
    periods.add(f"{_column('Result period', headers)}2:{_column('Result period', headers)}{last}")
    sheet.add_data_validation(periods)
    sheet.auto_filter.ref = f"A1:{_column(headers[-1], headers)}{last}"
    _printable(sheet)
    _protect(sheet)


def _said_sheet(sheet) -> None:
    s = _styles()
    _header(sheet, [], SAID_INPUTS)
    sheet.freeze_panes = "A2"
    for row in range(2, SAID_ROWS + 2):
        for n in range(1, len(SAID_INPUTS) + 1):
            cell = sheet.cell(row=row, column=n)
            cell.alignment = s["wrap"]
        sheet.cell(row=row, column=SAID_INPUTS.index("Date") + 1).number_format = DATE_FORMAT
    _printable(sheet)
