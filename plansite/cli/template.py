"""A new plan from a spreadsheet: `plansite workbook --blank` and `plansite new <slug> --from`.

The blank template has four sheets: Partnership (a form, with the plan's own status words),
Priorities, Actions and Indicators. `new --from` turns a filled-in copy into a commented
partnership.yaml and a draft edition, checks them exactly as `plansite validate` would, and
writes them only if they are valid. Every problem names the sheet and cell.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..load.loader import PlanErrors, display_path, load_plans
from ..model import ActionStatus, Direction, Unit
from ..model.actions import StatusVocabulary, StatusWord, normalise_word, unknown_status_message
from ..model.base import SLUG_PATTERN
from ..urls import slugify
from . import cells
from .cells import Cell, Problems, WorkbookUnreadable, WrittenDate
from .scaffold import ScaffoldError
from .workbook import DATE_FORMAT, GREY, HEADER_INPUT, HEADER_SHOWN

PARTNERSHIP = "Partnership"
PRIORITIES = "Priorities"
ACTIONS = "Actions"
INDICATORS = "Indicators"
TEMPLATE_NAME = "new-plan-template.xlsx"

# (label in column A, required, help in column C)
FORM = [
    ("Full name", True, "The partnership's full name, e.g. Safer Northtown Partnership."),
    ("Short name", True, "The name residents know, e.g. Northtown."),
    ("Police force area", True, "e.g. West Yorkshire. Partnerships are grouped by it."),
    ("Council area", True, "The local authority area, e.g. Northtown."),
    ("Country", True, "England or Wales."),
    ("Places", False, "Towns, villages and neighbourhoods residents might search for, separated by commas."),
    ("Contact team", False, "The team that answers residents, e.g. Community Safety Team."),
    ("Contact email", False, "A shared mailbox, never a person's own address."),
    ("Contact phone", False, "As it should be shown, e.g. 01234 567890."),
    ("Website", False, "The partnership's own web page, starting https://."),
    ("Plan title", True, "e.g. Community Safety Plan 2024-2027."),
    ("Plan starts", True, "The first day of the plan, e.g. 01/04/2024."),
    ("Plan ends", True, "The last day of the plan, e.g. 31/03/2027."),
    ("Plan summary", False, "A plain-English summary of the plan for residents. Published."),
]
WORDS_HEADER = ["Status word", "Standard status", "What it means"]
OWN_WORD_ROWS = 10
PRIORITY_COLUMNS = ["Ref", "Priority", "Summary", "Statutory strands"]
ACTION_COLUMNS = ["Priority", "Issue", "Ref", "Action", "Lead role", "Lead organisation", "Due", "Status",
                  "Latest update", "Update date", "Internal note"]
INDICATOR_COLUMNS = ["Priority", "Code", "Indicator", "Unit", "Better when", "Baseline", "Baseline period",
                     "Target period 1", "Target 1", "Target period 2", "Target 2", "Target period 3", "Target 3", "Source"]
TEMPLATE_ROWS = 200
WIDTHS = {"Ref": 10, "Priority": 28, "Summary": 60, "Statutory strands": 30, "Issue": 24, "Action": 50,
          "Lead role": 28, "Lead organisation": 26, "Due": 16, "Status": 18, "Latest update": 45, "Update date": 14,
          "Internal note": 30, "Code": 10, "Indicator": 40, "Unit": 22, "Better when": 18, "Baseline": 14,
          "Baseline period": 14, "Target period 1": 14, "Target 1": 12, "Target period 2": 14, "Target 2": 12,
          "Target period 3": 14, "Target 3": 12, "Source": 26}


# -- Writing the template ----------------------------------------------------------------


def write_blank_template(out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    book = Workbook()
    book.properties.creator = "Plansite"
    book.properties.lastModifiedBy = "Plansite"
    book.properties.title = "A new community safety plan"
    form = book.active
    form.title = PARTNERSHIP
    for n, name in enumerate(["Question", "Your answer", "Help"], start=1):
        cell = form.cell(row=1, column=n, value=name)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_SHOWN if n != 2 else HEADER_INPUT)
    form.column_dimensions["A"].width = 26
    form.column_dimensions["B"].width = 50
    form.column_dimensions["C"].width = 70
    form.freeze_panes = "A2"
    for row, (label, required, help_text) in enumerate(FORM, start=2):
        form.cell(row=row, column=1, value=label + ("" if required else " (optional)")).font = bold
        form.cell(row=row, column=2).alignment = wrap
        form.cell(row=row, column=3, value=help_text).alignment = wrap
        if label in ("Plan starts", "Plan ends"):
            form.cell(row=row, column=2).number_format = DATE_FORMAT
    country_row = 2 + [f[0] for f in FORM].index("Country")
    countries = DataValidation(type="list", formula1='"England,Wales"', allow_blank=False, showErrorMessage=True,
                               errorTitle="England or Wales", error="Choose England or Wales.")
    countries.add(f"B{country_row}")
    form.add_data_validation(countries)
    row = len(FORM) + 3
    form.cell(row=row, column=1, value="Statuses").font = Font(bold=True, size=13)
    form.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=3)
    form.cell(row=row + 1, column=1, value=(
        "The standard statuses come first. If your plan uses its own words, such as red, amber and green, add "
        "each below them with the standard status it means and what it means. Pages show the standard status "
        "with your word beside it.")).alignment = wrap
    form.row_dimensions[row + 1].height = 45
    header = row + 2
    for n, name in enumerate(WORDS_HEADER, start=1):
        cell = form.cell(row=header, column=n, value=name)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_SHOWN)
    grey = PatternFill("solid", fgColor=GREY)
    from ..i18n import Translator

    t = Translator()
    for n, status in enumerate(ActionStatus, start=header + 1):
        for c, value in enumerate((status.value, status.value, t(f"rules.meaning.{status.value}")), start=1):
            cell = form.cell(row=n, column=c, value=value)
            cell.fill = grey
            cell.alignment = wrap
    first_own = header + 1 + len(ActionStatus)
    last_word = first_own + OWN_WORD_ROWS - 1
    standard = DataValidation(type="list", formula1='"' + ",".join(s.value for s in ActionStatus) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="A standard status",
                              error="Choose the standard status your word means.")
    standard.add(f"B{first_own}:B{last_word}")
    form.add_data_validation(standard)
    status_range = f"{PARTNERSHIP}!$A${header + 1}:$A${last_word}"

    def sheet(name: str, headers: list[str]):
        ws = book.create_sheet(name)
        for n, title in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=n, value=title)
            cell.font = bold
            cell.alignment = wrap
            cell.fill = PatternFill("solid", fgColor=HEADER_INPUT)
            ws.column_dimensions[get_column_letter(n)].width = WIDTHS[title]
        ws.freeze_panes = "A2"
        for r in range(2, TEMPLATE_ROWS + 2):
            for n in range(1, len(headers) + 1):
                ws.cell(row=r, column=n).alignment = wrap
        return ws

    def listed(ws, headers, column, formula, error):
        letter = get_column_letter(headers.index(column) + 1)
        check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                               errorTitle=column, error=error)
        check.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(check)

    sheet(PRIORITIES, PRIORITY_COLUMNS)
    priority_range = f"{PRIORITIES}!$B$2:$B${TEMPLATE_ROWS + 1}"
    actions = sheet(ACTIONS, ACTION_COLUMNS)
    listed(actions, ACTION_COLUMNS, "Priority", priority_range, "Choose a priority from the Priorities sheet.")
    listed(actions, ACTION_COLUMNS, "Status", status_range, "Choose a status from the Partnership sheet's list.")
    for r in range(2, TEMPLATE_ROWS + 2):
        actions.cell(row=r, column=ACTION_COLUMNS.index("Update date") + 1).number_format = DATE_FORMAT
    indicators = sheet(INDICATORS, INDICATOR_COLUMNS)
    listed(indicators, INDICATOR_COLUMNS, "Priority", priority_range, "Choose a priority from the Priorities sheet.")
    listed(indicators, INDICATOR_COLUMNS, "Unit", '"' + ",".join(u.value.replace(",", "") for u in Unit) + '"',
           "Choose a unit from the list.")
    listed(indicators, INDICATOR_COLUMNS, "Better when", '"' + ",".join(d.value for d in Direction) + '"',
           "Choose lower is better or higher is better.")
    for name in ("Baseline period", "Target period 1", "Target period 2", "Target period 3"):
        letter = get_column_letter(INDICATOR_COLUMNS.index(name) + 1)
        for r in range(2, TEMPLATE_ROWS + 2):
            indicators[f"{letter}{r}"].number_format = "@"  # text: 2009/10 must not become a date
    out.mkdir(parents=True, exist_ok=True)
    path = out / TEMPLATE_NAME
    book.save(path)
    return path


# -- Reading it back ---------------------------------------------------------------------


def _q(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


@dataclass
class Draft:
    """The YAML being written, with the cell each value came from, for messages."""

    lines: list[str] = field(default_factory=list)
    origins: dict[str, Cell] = field(default_factory=dict)

    def add(self, line: str, path: str | None = None, cell: Cell | None = None) -> None:
        self.lines.append(line + "\n")
        if path is not None and cell is not None:
            self.origins[path] = cell

    @property
    def text(self) -> str:
        return "".join(self.lines)


def _form(rows: list[list[Cell]]) -> dict[str, Cell]:
    found = {}
    for row in rows:
        if row and isinstance(row[0].value, str):
            label = row[0].value.replace("(optional)", "").strip()
            if label in {f[0] for f in FORM} and len(row) > 1:
                found[label] = row[1]
    return found


def new_from_workbook(path: Path, plans_dir: Path, slug: str, today: date) -> list[Path]:
    """Write plans/<slug>/partnership.yaml and a draft edition from a filled-in template."""
    if not re.match(SLUG_PATTERN, slug):
        raise ScaffoldError(f"'{slug}' cannot be used: use lower-case letters, digits and single hyphens, like 'north-hertfordshire'")
    folder = plans_dir / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another name or edit the files there")
    book_name = display_path(path)
    problems = Problems(book_name)
    try:
        book = cells.open_workbook(path)
    except WorkbookUnreadable as error:
        raise ScaffoldError(f"{book_name}: {error}") from None
    try:
        sheets = {name: cells.read_sheet(book, name, problems) for name in (PARTNERSHIP, PRIORITIES, ACTIONS, INDICATORS)}
    finally:
        book.close()
    if problems:
        raise ScaffoldError(problems.report("Nothing was written.") + "\nMake a template with: plansite workbook --blank")
    reader = _Reader(problems, book_name, slug, today)
    partnership = reader.partnership(sheets[PARTNERSHIP][1])
    edition = reader.edition(sheets)
    if problems:
        raise ScaffoldError(problems.report("Nothing was written."))
    edition_id = reader.edition_id
    files = {Path("partnership.yaml"): partnership, Path("editions") / f"{edition_id}.yaml": edition}
    _check(files, plans_dir, slug, problems)
    (folder / "editions").mkdir(parents=True)
    written = []
    for relative, draft in files.items():
        target = folder / relative
        target.write_text(draft.text, encoding="utf-8")
        written.append(target)
    return written


def _check(files: dict[Path, Draft], plans_dir: Path, slug: str, problems: Problems) -> None:
    """Load the new files exactly as `plansite validate` does, in a folder of their own, before writing them."""
    scratch = Path(tempfile.mkdtemp(prefix="plansite-new-"))
    try:
        folder = scratch / "plans" / slug
        (folder / "editions").mkdir(parents=True)
        shown = {}
        for relative, draft in files.items():
            (folder / relative).write_text(draft.text, encoding="utf-8")
            shown[display_path(folder / relative)] = draft
        try:
            load_plans(scratch / "plans")
        except PlanErrors as errors:
            for problem in errors.problems:
                draft = shown.get(problem.file)
                cell = None
                if draft is not None:
                    keys = [k for k in draft.origins if problem.field == k or problem.field.startswith(k + ".")
                            or problem.field.startswith(k + "[")]
                    cell = draft.origins[max(keys, key=len)] if keys else None
                if cell is not None:
                    problems.add(cell.sheet, cell.coordinate, cell.column, problem.message)
                else:
                    problems.add_book(f"{problem.field or 'the plan'}: {problem.message}")
            raise ScaffoldError(problems.report("Nothing was written.")) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class _Reader:
    def __init__(self, problems: Problems, book: str, slug: str, today: date):
        self.problems = problems
        self.book = book
        self.slug = slug
        self.today = today
        self.vocabulary = StatusVocabulary()
        self.edition_id = ""
        self.title_cell: Cell | None = None

    def _required(self, form: dict[str, Cell], label: str) -> Cell | None:
        cell = form.get(label)
        if cell is None:
            self.problems.add_book(f"the {PARTNERSHIP} sheet has no row '{label}'. Make a new template with "
                                   "'plansite workbook --blank'")
            return None
        if cell.blank:
            self.problems.add(cell.sheet, cell.coordinate, label, "is empty; it is needed")
            return None
        return cell

    def partnership(self, rows: list[list[Cell]]) -> Draft:
        p = self.problems
        form = _form(rows)
        for row in rows:
            for cell in row[1:2]:
                cell.column = row[0].value.replace("(optional)", "").strip() if isinstance(row[0].value, str) else ""
        values = {}
        for label, required, _ in FORM:
            cell = self._required(form, label) if required else form.get(label)
            values[label] = cell
        draft = Draft()
        draft.add("# yaml-language-server: $schema=../../plansite/schemas/partnership.schema.json")
        draft.add("#")
        draft.add(f"# The partnership, made from {Path(self.book).name} with 'plansite new {self.slug} --from' "
                  f"on {self.today.isoformat()}.")
        draft.add(f"# The folder name ({self.slug}) is its web address. Anything not known yet is left out:")
        draft.add("# the publication checklist shows the gap.")
        draft.add("")

        def line(key: str, label: str, indent: str = "", path: str | None = None) -> None:
            cell = values.get(label)
            value = cells.text(cell, p, label) if cell is not None else None
            if value:
                draft.add(f"{indent}{key}: {_q(value)}", path or key, cell)

        country_cell = values.get("Country")
        country = (cells.text(country_cell, p, "Country") or "").lower() if country_cell is not None else ""
        if country and country not in ("england", "wales"):
            p.add(country_cell.sheet, country_cell.coordinate, "Country", f"'{country_cell.value}' is not England or Wales")
        line("name", "Full name")
        line("short_name", "Short name")
        line("region", "Police force area")
        if country == "wales":
            # A partnership in Wales publishes in Welsh too (Welsh Language Standards); its text can then be
            # given as {en: ..., cy: ...}, and the build lists what has no Welsh yet.
            draft.add("languages: [en, cy]   # English and Welsh: give text as {en: ..., cy: ...}", "languages", country_cell)
        draft.add("")
        draft.add("area:")
        line("local_authority", "Council area", "  ", "area.local_authority")
        draft.add(f"  country: {_q(country or 'england')}   # england or wales", "area.country", country_cell)
        places_cell = values.get("Places")
        places = [x.strip() for x in re.split(r"[,;\n]", cells.text(places_cell, p, "Places") or "") if x.strip()] \
            if places_cell is not None else []
        draft.add("  places: [" + ", ".join(_q(x) for x in places) + "]   # towns and villages residents might search for",
                  "area.places", places_cell)
        contact = [(k, label) for k, label in (("team", "Contact team"), ("email", "Contact email"), ("phone", "Contact phone"))
                   if values.get(label) is not None and not values[label].blank]
        if contact:
            draft.add("")
            draft.add("contact:")
            for key, label in contact:
                line(key, label, "  ", f"contact.{key}")
        if values.get("Website") is not None and not values["Website"].blank:
            draft.add("")
            draft.add("links:")
            line("website", "Website", "  ", "links.website")
        words = self._status_words(rows)
        if words:
            draft.add("")
            draft.add("# The plan's own status words: each is shown beside the standard status it means.")
            draft.add("status_words:")
            for n, (word, status, meaning, cell) in enumerate(words):
                draft.add(f"  - word: {_q(word)}", f"status_words[{n}]", cell)
                draft.add(f"    status: {_q(status)}   # not started, in progress, at risk, completed, ongoing, "
                          "not progressed, removed")
                draft.add(f"    meaning: {_q(meaning)}")
        self.form = values
        return draft

    def _status_words(self, rows: list[list[Cell]]) -> list[tuple[str, str, str, Cell]]:
        p = self.problems
        found = []
        inside = False
        standard = {s.value for s in ActionStatus}
        declared = []
        for row in rows:
            first = row[0].value if row else None
            if isinstance(first, str) and first.strip() == WORDS_HEADER[0]:
                inside = True
                continue
            if not inside or len(row) < 3:
                continue
            word_cell, status_cell, meaning_cell = row[0], row[1], row[2]
            for c, name in ((word_cell, "Status word"), (status_cell, "Standard status"), (meaning_cell, "What it means")):
                c.column = name
            word = cells.text(word_cell, p, "Status word")
            if not word or normalise_word(word) in standard:
                continue
            status = cells.text(status_cell, p, f"{word}, Standard status")
            meaning = cells.text(meaning_cell, p, f"{word}, What it means")
            member = ActionStatus._missing_(status) if status else None
            if member is None:
                p.add(PARTNERSHIP, status_cell.coordinate, f"{word}, Standard status",
                      (f"'{status}' is not a standard status. " if status else "is empty. ")
                      + f"Choose the one '{word}' means: {ActionStatus.describe_choices()}")
                continue
            if not meaning:
                p.add(PARTNERSHIP, meaning_cell.coordinate, f"{word}, What it means",
                      f"is empty. Say what '{word}' means in your plan, e.g. 'Some slippage; action needed'")
                continue
            found.append((word, member.value, meaning, word_cell))
            declared.append(StatusWord(word=word, status=member, meaning=meaning))
        self.vocabulary = StatusVocabulary.of(declared)
        return found

    def edition(self, sheets) -> Draft:
        p = self.problems
        form = self.form
        start = cells.written_date(form["Plan starts"], p, "Plan starts", day_only=True) if form.get("Plan starts") else None
        end = cells.written_date(form["Plan ends"], p, "Plan ends", day_only=True) if form.get("Plan ends") else None
        draft = Draft()
        if isinstance(start, WrittenDate) and isinstance(end, WrittenDate) and end.day <= start.day:
            p.add(PARTNERSHIP, form["Plan ends"].coordinate, "Plan ends", "is not after the day the plan starts")
        if not (isinstance(start, WrittenDate) and isinstance(end, WrittenDate)) or end.day <= start.day:
            self._priorities(Draft(), sheets)  # every other sheet is checked all the same
            return draft
        label = f"{start.day.year}-{end.day.year}"
        self.edition_id = label
        draft.add("# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json")
        draft.add("#")
        draft.add(f"# A plan edition, made from {Path(self.book).name} with 'plansite new {self.slug} --from' "
                  f"on {self.today.isoformat()}.")
        draft.add(f"# The file name ({label}) is its id. It starts as a draft: drafts never reach the public site.")
        draft.add("# Check it, then change status to published when it is ready.")
        draft.add("")
        title_cell = form["Plan title"]
        draft.add(f"title: {_q(cells.text(title_cell, p, 'Plan title') or '')}", "title", title_cell)
        draft.add("period:")
        draft.add(f"  label: {_q(label)}")
        draft.add(f"  start: {start.day.isoformat()}", "period.start", form["Plan starts"])
        draft.add(f"  end: {end.day.isoformat()}", "period", form["Plan ends"])
        draft.add("status: draft         # draft, published or superseded")
        summary = form.get("Plan summary")
        if summary is not None and not summary.blank:
            draft.add(f"summary: {_q(cells.text(summary, p, 'Plan summary') or '')}", "summary", summary)
        draft.add("")
        self._priorities(draft, sheets)
        return draft

    def _priorities(self, draft: Draft, sheets) -> None:
        p = self.problems
        headers, rows = sheets[PRIORITIES]
        where = cells.columns(headers, PRIORITY_COLUMNS, PRIORITIES, p)
        action_where = cells.columns(sheets[ACTIONS][0], ACTION_COLUMNS, ACTIONS, p)
        indicator_where = cells.columns(sheets[INDICATORS][0], INDICATOR_COLUMNS, INDICATORS, p)
        if where is None or action_where is None or indicator_where is None:
            return
        from .workbook_import import _by_column

        priorities = []
        ids: set[str] = set()
        for row in rows:
            cell = _by_column(row, where, PRIORITIES)
            title = cells.text(cell["Priority"], p, f"row {cell['Priority'].row}, Priority")
            if not title:
                if any(not c.blank for c in cell.values()):
                    p.add(PRIORITIES, cell["Priority"].coordinate, f"row {cell['Priority'].row}, Priority",
                          "is empty: give the priority's title, or clear the row")
                continue
            base = slugify(title)[:60].strip("-") or "priority"
            pid, n = base, 2
            while pid in ids:
                pid, n = f"{base}-{n}", n + 1
            ids.add(pid)
            priorities.append((title, pid, cell))
        if not priorities:
            p.add(PRIORITIES, "B2", "Priority", "the plan needs at least one priority")
            return
        titles = {title: i for i, (title, _, _) in enumerate(priorities)}
        actions: dict[int, list[dict[str, Cell]]] = {i: [] for i in range(len(priorities))}
        for row in sheets[ACTIONS][1]:
            cell = _by_column(row, action_where, ACTIONS)
            if all(c.blank for c in cell.values()):
                continue
            label = cells.text(cell["Ref"], p, "Ref") or f"row {cell['Action'].row}"
            priority = cells.text(cell["Priority"], p, f"{label}, Priority")
            if priority not in titles:
                hint = f" Choose one of: {', '.join(titles)}" if titles else ""
                p.add(ACTIONS, cell["Priority"].coordinate, f"{label}, Priority",
                      (f"'{priority}' is not a priority on the {PRIORITIES} sheet.{hint}" if priority
                       else f"is empty: say which priority the action is under.{hint}"))
                self._action(Draft(), "", cell)  # its other cells are checked all the same
                continue
            actions[titles[priority]].append(cell)
        indicators: dict[int, list[dict[str, Cell]]] = {i: [] for i in range(len(priorities))}
        for row in sheets[INDICATORS][1]:
            cell = _by_column(row, indicator_where, INDICATORS)
            if all(c.blank for c in cell.values()):
                continue
            label = cells.text(cell["Code"], p, "Code") or f"row {cell['Indicator'].row}"
            priority = cells.text(cell["Priority"], p, f"{label}, Priority")
            if priority not in titles:
                p.add(INDICATORS, cell["Priority"].coordinate, f"{label}, Priority",
                      (f"'{priority}' is not a priority on the {PRIORITIES} sheet." if priority
                       else "is empty: say which priority the indicator measures."))
                self._indicators(Draft(), "", [cell])
                continue
            indicators[titles[priority]].append(cell)
        draft.add("priorities:")
        for n, (title, pid, cell) in enumerate(priorities):
            here = f"priorities[{n}]"
            draft.add(f"  - id: {pid}          # used in the web address", here, cell["Priority"])
            ref = cells.text(cell["Ref"], p, f"{title}, Ref")
            if ref:
                draft.add(f"    ref: {_q(ref)}", f"{here}.ref", cell["Ref"])
            draft.add(f"    title: {_q(title)}", f"{here}.title", cell["Priority"])
            summary = cells.text(cell["Summary"], p, f"{title}, Summary")
            if summary:
                draft.add(f"    summary: {_q(summary)}", f"{here}.summary", cell["Summary"])
            strands = [s.strip() for s in re.split(r"[,;\n]", cells.text(cell["Statutory strands"], p, "Statutory strands") or "")
                       if s.strip()]
            if strands:
                draft.add("    strands: [" + ", ".join(_q(s) for s in strands) + "]   # crime and disorder, substance "
                          "misuse, reoffending, serious violence", f"{here}.strands", cell["Statutory strands"])
            self._actions(draft, here, actions[n])
            self._indicators(draft, here, indicators[n])

    def _actions(self, draft: Draft, here: str, rows: list[dict[str, Cell]]) -> None:
        p = self.problems
        issues: dict[str, list[dict[str, Cell]]] = {}
        for cell in rows:
            issues.setdefault(cells.text(cell["Issue"], p, "Issue") or "", []).append(cell)
        if not issues:
            return
        draft.add("    issues:")
        for i, (issue, members) in enumerate(issues.items()):
            path = f"{here}.issues[{i}]"
            draft.add(f"      - title: {_q(issue)}" if issue else "      - actions:", path, members[0]["Issue"])
            if issue:
                draft.add("        actions:")
            for a, cell in enumerate(members):
                self._action(draft, f"{path}.actions[{a}]", cell)

    def _action(self, draft: Draft, path: str, cell: dict[str, Cell]) -> None:
        p = self.problems
        ref = cells.text(cell["Ref"], p, "Ref")
        label = ref or f"row {cell['Action'].row}"
        text = cells.text(cell["Action"], p, f"{label}, Action")
        if not text:
            p.add(ACTIONS, cell["Action"].coordinate, f"{label}, Action", "is empty: say what will be done")
            return
        first = True

        def add(line: str, key: str | None = None, source: Cell | None = None) -> None:
            nonlocal first
            draft.add(("          - " if first else "            ") + line, f"{path}.{key}" if key else path, source)
            first = False

        if ref:
            add(f"ref: {_q(ref)}            # always text: 1.10 stays 1.10", "ref", cell["Ref"])
        add(f"text: {_q(text)}", "text", cell["Action"])
        roles = (cells.text(cell["Lead role"], p, f"{label}, Lead role") or "").splitlines()
        organisations = (cells.text(cell["Lead organisation"], p, f"{label}, Lead organisation") or "").splitlines()
        roles = [r.strip() for r in roles if r.strip()]
        organisations = [o.strip() for o in organisations if o.strip()]
        if organisations and roles and len(organisations) not in (1, len(roles)):
            p.add(ACTIONS, cell["Lead organisation"].coordinate, f"{label}, Lead organisation",
                  f"gives {len(organisations)} organisations for {len(roles)} lead roles. Put each lead on its own line "
                  "in both cells, in the same order, or give one organisation for them all")
        elif roles or organisations:
            add("lead:                    # by role and organisation; names are never published unless agreed")
            for n in range(max(len(roles), len(organisations))):
                role = roles[n] if n < len(roles) else None
                organisation = organisations[n] if len(organisations) > 1 else (organisations[0] if organisations else None)
                if role:
                    draft.add(f"              - role: {_q(role)}", f"{path}.lead[{n}]", cell["Lead role"])
                    if organisation:
                        draft.add(f"                organisation: {_q(organisation)}")
                else:
                    draft.add(f"              - organisation: {_q(organisation)}", f"{path}.lead[{n}]", cell["Lead organisation"])
        due = cells.written_date(cell["Due"], p, f"{label}, Due", words_allowed=True)
        if due is not None:
            add(f"due: {_q(due.written if isinstance(due, WrittenDate) else due)}   # as written: 18/11/09, Oct 2009, Ongoing",
                "due", cell["Due"])
        status = cells.text(cell["Status"], p, f"{label}, Status")
        if status:
            if ActionStatus._missing_(status) is None and self.vocabulary.lookup(status) is None:
                p.add(ACTIONS, cell["Status"].coordinate, f"{label}, Status", unknown_status_message(status, self.vocabulary))
            else:
                add(f"status: {_q(status)}", "status", cell["Status"])
                member = ActionStatus._missing_(status) or self.vocabulary.lookup(status).status
                if member.needs_reason:
                    update = cells.text(cell["Latest update"], p, "Latest update")
                    if update:
                        add(f"status_reason: {_q(update)}", "status_reason", cell["Latest update"])
        update = cells.text(cell["Latest update"], p, f"{label}, Latest update")
        when = cells.written_date(cell["Update date"], p, f"{label}, Update date")
        if update:
            add("updates:")
            if isinstance(when, WrittenDate):
                draft.add(f"              - date: {_q(when.written)}", f"{path}.updates[0].date", cell["Update date"])
                draft.add(f"                text: {_q(update)}", f"{path}.updates[0]", cell["Latest update"])
            else:
                draft.add(f"              - text: {_q(update)}", f"{path}.updates[0]", cell["Latest update"])
        elif not cell["Update date"].blank:
            p.add(ACTIONS, cell["Latest update"].coordinate, f"{label}, Latest update",
                  f"is empty, but {cell['Update date'].coordinate} gives a date for it. Write the update, or clear the date")
        note = cells.text(cell["Internal note"], p, f"{label}, Internal note")
        if note:
            add("internal_notes:          # for the team only: never published")
            draft.add(f"              - {_q(note)}", f"{path}.internal_notes", cell["Internal note"])

    def _indicators(self, draft: Draft, here: str, rows: list[dict[str, Cell]]) -> None:
        p = self.problems
        if not rows:
            return
        draft.add("    indicators:")
        for n, cell in enumerate(rows):
            path = f"{here}.indicators[{n}]"
            code = cells.text(cell["Code"], p, "Code")
            label = code or f"row {cell['Indicator'].row}"
            name = cells.text(cell["Indicator"], p, f"{label}, Indicator")
            if not name:
                p.add(INDICATORS, cell["Indicator"].coordinate, f"{label}, Indicator", "is empty: say what is measured")
                continue
            draft.add(f"      - name: {_q(name)}", path, cell["Indicator"])
            if code:
                draft.add(f"        code: {_q(code)}", f"{path}.code", cell["Code"])
            for key, column, kind in (("unit", "Unit", Unit), ("direction", "Better when", Direction)):
                value = cells.text(cell[column], p, f"{label}, {column}")
                if value:
                    if kind._missing_(value) is None:
                        p.add(INDICATORS, cell[column].coordinate, f"{label}, {column}",
                              f"'{value}' is not a {kind.KIND}. Use one of: {kind.describe_choices()}")
                    else:
                        draft.add(f"        {key}: {_q(kind._missing_(value).value)}", f"{path}.{key}", cell[column])
            baseline = cells.number_or_words(cell["Baseline"], p, f"{label}, Baseline")
            base_period = cells.period(cell["Baseline period"], p, f"{label}, Baseline period")
            if baseline is not None:
                draft.add("        baseline:", f"{path}.baseline", cell["Baseline"])
                self._figure(draft, "          ", baseline, base_period)
            elif base_period:
                p.add(INDICATORS, cell["Baseline"].coordinate, f"{label}, Baseline",
                      "is empty, but a baseline period is given. Give the figure, or clear the period")
            targets = []
            for k in (1, 2, 3):
                figure = cells.number_or_words(cell[f"Target {k}"], p, f"{label}, Target {k}")
                when = cells.period(cell[f"Target period {k}"], p, f"{label}, Target period {k}")
                if figure is not None and when is None and cell[f"Target period {k}"].blank:
                    p.add(INDICATORS, cell[f"Target period {k}"].coordinate, f"{label}, Target period {k}",
                          "is empty: say which period the target is for, e.g. 2009/10")
                elif figure is None and when is not None and cell[f"Target {k}"].blank:
                    p.add(INDICATORS, cell[f"Target {k}"].coordinate, f"{label}, Target {k}",
                          "is empty, but its period is given. Give the target, or clear the period")
                elif figure is not None and when is not None:
                    targets.append((figure, when, cell[f"Target {k}"]))
            if any(figure[0] is not None for figure, _, _ in targets) and cell["Better when"].blank:
                p.add(INDICATORS, cell["Better when"].coordinate, f"{label}, Better when",
                      "is empty, but a target has a number: say whether lower or higher is better")
            if targets:
                draft.add("        targets:", f"{path}.targets", targets[0][2])
                for t, (figure, when, source) in enumerate(targets):
                    draft.add(f"          - period: {_q(when)}", f"{path}.targets[{t}]", source)
                    self._figure(draft, "            ", figure, None)
            source = cells.text(cell["Source"], p, f"{label}, Source")
            if source:
                draft.add(f"        source: {_q(source)}", f"{path}.source", cell["Source"])

    @staticmethod
    def _figure(draft: Draft, indent: str, figure: tuple[str | None, str | None], when: str | None) -> None:
        value, words = figure
        if when:
            draft.add(f"{indent}period: {_q(when)}")
        if value is not None:
            draft.add(f"{indent}value: {_q(value)}")
        if words:
            draft.add(f"{indent}text: {_q(words)}")
