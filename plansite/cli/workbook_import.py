"""`plansite import`: read a filled-in progress workbook back into the plans.

Only filled-in cells are read. Each change becomes one record under plans/<slug>/updates/,
the same records `plansite update` and `plansite said` write, checked together with all the
plans before anything is saved (plansite.cli.record.save_records). Any problem means nothing
is saved, and every problem is listed at once, naming the workbook, sheet and cell, the row's
ref and the column. A row already imported is recognised and not saved twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..dates import format_date
from ..load.catalogue import PartnershipPlans, PlanEdition
from ..load.loader import PlanErrors, display_path, load_plans
from ..load.refs import ActionIndex
from ..model import ActionStatus
from ..model.actions import StatusVocabulary, unknown_status_message
from . import cells
from .cells import Cell, Problems, WorkbookUnreadable, WrittenDate
from .record import Record, RecordRefused, RecordsRefused, note_record, progress_record, result_record, said_record, save_records
from .workbook import (ACTION_INPUTS, ACTION_SHOWN, ACTIONS, INDICATOR_INPUTS, INDICATOR_SHOWN, INDICATORS, META_EDITION, META_MADE, META_PARTNERSHIP,
                       NO_REF, READ_ME, SAID, SAID_INPUTS)


class ImportRefused(Exception):
    """Nothing was saved; the message lists every problem."""


@dataclass
class Planned:
    """A record to save, with the cells it came from, so a problem found later still names them."""

    record: Record
    origin: str  # e.g. "Actions!H14 (TC1.1)"
    cells: dict[str, Cell]  # record field path prefix -> the cell it came from
    label: str  # the row's ref, as messages show it


@dataclass
class Outcome:
    saved: list[tuple[Path, str]] = field(default_factory=list)  # (file, where in the workbook)
    skipped: list[str] = field(default_factory=list)  # rows already imported
    notes: list[str] = field(default_factory=list)  # the plan has changed since, and similar
    warnings: list[str] = field(default_factory=list)


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).lower() == " ".join((b or "").split()).lower()


def _by_column(row: list[Cell], where: dict[str, int], sheet: str) -> dict[str, Cell]:
    """The row's cells by column header; a cell past the row's end is an empty one at its real address."""
    from openpyxl.utils import get_column_letter

    number = row[0].row if row else 0
    return {name: row[i] if i < len(row) else Cell(sheet, f"{get_column_letter(i + 1)}{number}", number, name, None)
            for name, i in where.items()}


def _meta(rows: list[list[Cell]], label: str) -> Cell | None:
    for row in rows:
        if row and isinstance(row[0].value, str) and row[0].value.strip() == label:
            return row[1] if len(row) > 1 else None
    return None


def import_workbook(path: Path, plans_dir: Path, today: date) -> Outcome:
    """Import a progress workbook. Raises ImportRefused (nothing saved) or returns what was done."""
    book_name = display_path(path)
    problems = Problems(book_name)
    try:
        book = cells.open_workbook(path)
    except WorkbookUnreadable as error:
        raise ImportRefused(f"{book_name}: {error}\n1 problem found. Nothing was saved.") from None
    try:
        return _import(book, book_name, problems, plans_dir, today)
    finally:
        book.close()


def _import(book, book_name: str, problems: Problems, plans_dir: Path, today: date) -> Outcome:
    if "Partnership" in book.sheetnames and "Priorities" in book.sheetnames:
        raise ImportRefused(f"{book_name}: this is a template for a new plan, not a progress workbook. "
                            "Make the new plan from it with: plansite new <partnership-id> --from " + book_name)
    readme = cells.read_sheet(book, READ_ME, problems)
    if readme is None:
        raise ImportRefused(problems.report() + "\nA progress workbook is made with 'plansite workbook <partnership-id>'.")
    meta_rows = readme[1]
    slug_cell, edition_cell, made_cell = (_meta(meta_rows, label) for label in (META_PARTNERSHIP, META_EDITION, META_MADE))
    if slug_cell is None or slug_cell.blank or edition_cell is None or edition_cell.blank:
        problems.add_book(f"the '{READ_ME}' sheet does not say which partnership and edition it is for "
                          f"('{META_PARTNERSHIP}' and '{META_EDITION}'). Make the workbook with 'plansite workbook <partnership-id>'")
        raise ImportRefused(problems.report())
    slug, edition_id = str(slug_cell.value).strip(), str(edition_cell.value).strip()
    made = made_cell.value if made_cell is not None else None
    made_text = format_date(made.date() if hasattr(made, "date") else made) if isinstance(made, date) else None

    try:
        catalogue = load_plans(plans_dir)
    except PlanErrors as errors:
        raise ImportRefused(errors.report("The plans have problems of their own, so nothing was imported; fix them first.")) from None
    plans = catalogue.get(slug)
    if plans is None:
        problems.add(READ_ME, slug_cell.coordinate, META_PARTNERSHIP,
                     f"there is no partnership '{slug}' in {display_path(plans_dir)}. "
                     f"Partnerships: {', '.join(p.slug for p in catalogue.partnerships)}")
        raise ImportRefused(problems.report())
    edition = plans.edition(edition_id)
    if edition is None:
        problems.add(READ_ME, edition_cell.coordinate, META_EDITION,
                     f"partnership '{slug}' has no edition '{edition_id}' any more (editions: "
                     f"{', '.join(e.id for e in plans.editions)}). Make a new workbook with 'plansite workbook {slug}'")
        raise ImportRefused(problems.report())

    outcome = Outcome()
    if edition.superseded:
        outcome.notes.append(f"edition {edition.id} has been superseded by {edition.data.superseded_by}; these records "
                             f"are added to {edition.id}, as the workbook says")
    current = edition.id if edition is not plans.current else None
    context = _Context(plans, edition, current, book_name, today, problems, outcome, made_text)
    planned: list[Planned] = []
    planned += context.actions(book)
    planned += context.indicators(book)
    planned += context.said(book)
    if problems:
        raise ImportRefused(problems.report())
    if context.changes:
        since = f" on {made_text}" if made_text else ""
        outcome.notes.insert(0, f"the plan has changed since this workbook was made{since}: {'; '.join(context.changes)}. "
                                f"For the plan as it is now, make a new workbook with 'plansite workbook {slug}'")
    if not planned:
        return outcome
    try:
        saved = save_records(plans_dir, slug, [p.record for p in planned])
    except RecordsRefused as refused:
        raise ImportRefused(_cell_problems(refused, planned, problems)) from None
    except RecordRefused as refused:
        raise ImportRefused(f"{book_name}: {refused}") from None
    for item, result in zip(planned, saved):
        outcome.saved.append((result.path, item.origin))
        outcome.warnings += result.warnings
    return outcome


def _cell_problems(refused: RecordsRefused, planned: list[Planned], problems: Problems) -> str:
    """Point each problem the plan checks found in a new record back at the cell it came from."""
    by_file = {display_path(path): item for path, item in zip(refused.paths, planned)}
    lines = []
    for problem in refused.errors.problems:
        item = by_file.get(problem.file)
        if item is None:
            lines.append(str(problem))
            continue
        cell = next((c for prefix, c in item.cells.items() if problem.field.startswith(prefix)), None) \
            or next(iter(item.cells.values()))
        lines.append(f"{problems.book}: {cells.sheet_ref(cell.sheet)}!{cell.coordinate} ({item.label}, {cell.column}): "
                     f"{problem.message}")
    count = len(lines)
    return "\n".join([*lines, f"{count} problem{'s' if count != 1 else ''} found. Nothing was saved."])


@dataclass
class _Context:
    plans: PartnershipPlans
    edition: PlanEdition
    edition_field: str | None  # written in each record when the edition is not the current one
    book: str
    today: date
    problems: Problems
    outcome: Outcome
    made: str | None
    changes: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"imported from {Path(self.book).name}"

    # -- Actions ------------------------------------------------------------------------

    def actions(self, book) -> list[Planned]:
        sheet = cells.read_sheet(book, ACTIONS, self.problems)
        if sheet is None:
            return []
        headers, rows = sheet
        where = cells.columns(headers, ["Ref", "Priority", "Action", *ACTION_INPUTS], ACTIONS, self.problems, ACTION_SHOWN)
        if where is None:
            return []
        data = self.edition.data
        index = ActionIndex(data, self.edition.id)
        by_place = {(p.title, a.ref): (p, a) for p in data.priorities for a in p.actions() if a.ref}
        by_ref: dict[str, list] = {}
        for p in data.priorities:
            for a in p.actions():
                if a.ref:
                    by_ref.setdefault(a.ref, []).append((p, a))
        vocabulary = StatusVocabulary.of(self.plans.data.status_words)
        seen: set[tuple[str, str]] = set()
        planned: list[Planned] = []
        for row in rows:
            cell = _by_column(row, where, ACTIONS)
            ref = cells.text(cell["Ref"], self.problems, "Ref")
            priority_title = cells.text(cell["Priority"], self.problems, "Priority")
            filled = [c for name in ACTION_INPUTS if not (c := cell[name]).blank]
            if not ref and not filled:
                continue
            found = by_place.get((priority_title, ref))
            if found is None and ref and len(by_ref.get(ref, [])) == 1:
                found = by_ref[ref][0]
            if ref and ref != NO_REF:
                seen.add((priority_title or "", ref))
            if found is None:
                if ref and ref != NO_REF:
                    self.changes.append(f"action {ref} is no longer in the plan")
                if filled:
                    message = (f"this action has no ref in the plan, so progress cannot be recorded for it. Give it a "
                               f"ref in the plan first, then make a new workbook") if ref in (None, NO_REF) else (
                        f"action {ref} is no longer in edition {self.edition.id}: the plan has changed since this "
                        f"workbook was made. Nothing from this row can be used; make a new workbook with "
                        f"'plansite workbook {self.plans.slug}' and fill it in again")
                    self.problems.add(ACTIONS, filled[0].coordinate, f"{ref or NO_REF}, {filled[0].column}", message)
                continue
            priority, action = found
            if not filled:
                continue
            shown_text = cells.text(cell["Action"], self.problems, "Action")
            if shown_text and not _same(shown_text, action.text):
                self.changes.append(f"the wording of action {ref} has changed (the new records are for the action as it is now)")
            planned += self._action_row(cell, ref, index.key(priority, action), action, vocabulary)
        seen_refs = {r for _, r in seen}
        added = [a.ref for p in data.priorities for a in p.actions()
                 if a.ref and (p.title, a.ref) not in seen and a.ref not in seen_refs]
        if added:
            self.changes.append(f"{len(added)} action{'s were' if len(added) != 1 else ' was'} added that this workbook "
                                f"does not have ({', '.join(added[:10])}{', ...' if len(added) > 10 else ''})")
        return planned

    def _action_row(self, cell: dict[str, Cell], ref: str, key: str, action, vocabulary: StatusVocabulary) -> list[Planned]:
        p = self.problems
        label = lambda name: f"{ref}, {name}"  # noqa: E731 - the message's "(TC1.1, New status)"
        status_word = cells.text(cell["New status"], p, label("New status"))
        status = None
        if status_word:
            member = ActionStatus._missing_(status_word)
            found = vocabulary.lookup(status_word)
            status = found.status if found else member
            if status is None:
                p.add(ACTIONS, cell["New status"].coordinate, label("New status"), unknown_status_message(status_word, vocabulary))
        note = cells.text(cell["New update"], p, label("New update"))
        day = cells.written_date(cell["Update date"], p, label("Update date"))
        due = cells.written_date(cell["Revised due date"], p, label("Revised due date"), words_allowed=True)
        significant = cells.yes_no(cell["Significant (yes/no)"], p, label("Significant (yes/no)"))
        internal = cells.text(cell["Internal note"], p, label("Internal note"))
        if not note:
            for name in ("New status", "Revised due date", "Update date", "Significant (yes/no)"):
                if not cell[name].blank:
                    what = {"New status": "a new status", "Revised due date": "a revised due date",
                            "Update date": "an update date", "Significant (yes/no)": "'significant'"}[name]
                    p.add(ACTIONS, cell["New update"].coordinate, label("New update"),
                          f"{what} needs a new update to go with it, saying what has happened (it is published "
                          f"with it). Write one in New update, or clear {cell[name].coordinate}")
                    break
        planned = []
        where = f"{ACTIONS}!{{}} ({ref})"
        if note:
            when = day if isinstance(day, WrittenDate) else None
            due_text = due.written if isinstance(due, WrittenDate) else due
            if self._already(action, note, status, status_word if status else None, due_text, when):
                self.outcome.skipped.append(where.format(cell["New update"].coordinate))
            else:
                reason = note if status is not None and status.needs_reason else None
                record = progress_record(key, note=note, day=when.day if when else self.today, status=status_word,
                                         significant=bool(significant), edition=self.edition_field, due=due_text,
                                         written_date=when.written if when else None, reason=reason,
                                         origin=f"{self.origin} ({ACTIONS}!{cell['New update'].coordinate})")
                planned.append(Planned(record, where.format(cell["New update"].coordinate), {
                    "progress.status_reason": cell["New status"], "progress.status": cell["New status"],
                    "progress.text": cell["New update"], "progress.date": cell["Update date"],
                    "progress.due": cell["Revised due date"], "progress.significant": cell["Significant (yes/no)"],
                    "action": cell["Ref"], "": cell["New update"]}, ref))
        if internal:
            if any(_same(internal, n) for n in action.internal_notes):
                self.outcome.skipped.append(where.format(cell["Internal note"].coordinate))
            else:
                record = note_record(key, [internal], day=self.today, edition=self.edition_field,
                                     origin=f"{self.origin} ({ACTIONS}!{cell['Internal note'].coordinate})")
                planned.append(Planned(record, where.format(cell["Internal note"].coordinate),
                                       {"action": cell["Ref"], "": cell["Internal note"]}, ref))
        return planned

    @staticmethod
    def _already(action, note: str, status, word: str | None, due: str | None, when: WrittenDate | None) -> bool:
        """An update with the same words, status, due date and (if given) date is already recorded."""
        for update in action.updates:
            if not _same(update.text, note) or update.status != status:
                continue
            if word is not None and not _same(update.status_word or word, word):
                continue
            if not _same(update.due.as_written if update.due else None, due):
                continue
            if when is not None:
                existing = update.date.parsed if update.date else None
                if existing != when.day:
                    continue
            return True
        return False

    # -- Indicators ---------------------------------------------------------------------

    def indicators(self, book) -> list[Planned]:
        sheet = cells.read_sheet(book, INDICATORS, self.problems)
        if sheet is None:
            return []
        headers, rows = sheet
        where = cells.columns(headers, ["Code", "Priority", "Indicator", *INDICATOR_INPUTS], INDICATORS, self.problems,
                              INDICATOR_SHOWN)
        if where is None:
            return []
        found_by = {}
        for priority in self.edition.data.priorities:
            for indicator in priority.indicators:
                found_by[(priority.title, indicator.code or "", indicator.name)] = indicator
        planned = []
        p = self.problems
        for row in rows:
            cell = _by_column(row, where, INDICATORS)
            filled = [c for name in INDICATOR_INPUTS if not (c := cell[name]).blank]
            if not filled:
                continue
            code = cells.text(cell["Code"], p, "Code") or ""
            name = cells.text(cell["Indicator"], p, "Indicator") or ""
            title = cells.text(cell["Priority"], p, "Priority") or ""
            shown = code or name
            indicator = found_by.get((title, code, name)) or next(
                (i for (t, c, n), i in found_by.items() if (code and c == code) or (not code and n == name)), None)
            label = lambda column: f"{shown}, {column}"  # noqa: E731
            if indicator is None:
                p.add(INDICATORS, filled[0].coordinate, label(filled[0].column),
                      f"indicator {shown} is no longer in edition {self.edition.id}: the plan has changed since this "
                      f"workbook was made. Make a new workbook with 'plansite workbook {self.plans.slug}'")
                continue
            when = cells.period(cell["Result period"], p, label("Result period"))
            figure = cells.number_or_words(cell["Result"], p, label("Result"))
            note = cells.text(cell["Result note"], p, label("Result note"))
            if cell["Result"].blank:
                p.add(INDICATORS, cell["Result"].coordinate, label("Result"),
                      "the result is missing. Write the figure, e.g. 19.1, or clear the other cells of this row")
                continue
            if cell["Result period"].blank:
                p.add(INDICATORS, cell["Result period"].coordinate, label("Result period"),
                      "say which period the result is for, e.g. 2009/10")
                continue
            if when is None or figure is None:
                continue
            value, words = figure
            earlier = next((a for a in indicator.actuals if a.period == when), None)
            if earlier is not None:
                same = (value is not None and earlier.value is not None and earlier.value == Decimal(value)) or (
                    value is None and _same(earlier.text, words))
                if same:
                    self.outcome.skipped.append(f"{INDICATORS}!{cell['Result'].coordinate} ({shown})")
                else:
                    shown_earlier = earlier.text or format(earlier.value, "f")
                    p.add(INDICATORS, cell["Result"].coordinate, label("Result"),
                          f"{shown} already has a result for {when} ({shown_earlier}). A workbook cannot replace a "
                          "published result; to correct it, change it where it was first written")
                continue
            record = result_record(indicator.key, period=when, day=self.today, value=value, text=words, note=note,
                                   edition=self.edition_field,
                                   origin=f"{self.origin} ({INDICATORS}!{cell['Result'].coordinate})")
            planned.append(Planned(record, f"{INDICATORS}!{cell['Result'].coordinate} ({shown})", {
                "result.period": cell["Result period"], "result.value": cell["Result"], "result.text": cell["Result"],
                "result.note": cell["Result note"], "indicator": cell["Code"], "": cell["Result"]}, shown))
        return planned

    # -- You said, we did ---------------------------------------------------------------

    def said(self, book) -> list[Planned]:
        sheet = cells.read_sheet(book, SAID, self.problems)
        if sheet is None:
            return []
        headers, rows = sheet
        where = cells.columns(headers, SAID_INPUTS, SAID, self.problems)
        if where is None:
            return []
        index = ActionIndex(self.edition.data, self.edition.id)
        planned = []
        p = self.problems
        for row in rows:
            cell = _by_column(row, where, SAID)
            if all(c.blank for c in cell.values()):
                continue
            number = next(iter(cell.values())).row
            label = lambda column: f"row {number}, {column}"  # noqa: E731
            values = {name: cells.text(cell[name], p, label(name)) for name in ("You said", "Source", "We did", "Action refs")}
            for name in ("You said", "Source", "We did"):
                if cell[name].blank:
                    p.add(SAID, cell[name].coordinate, label(name), f"is empty. A 'you said, we did' entry needs what residents said, "
                                                         "where they said it (Source) and what the partnership did")
            day = cells.written_date(cell["Date"], p, label("Date"), day_only=True)
            refs = [r.strip() for r in re.split(r"[,;\n]", values["Action refs"] or "") if r.strip()]
            keys = []
            for ref in refs:
                match, message = index.resolve(ref)
                if match is None:
                    p.add(SAID, cell["Action refs"].coordinate, label("Action refs"), message)
                else:
                    keys.append(index.key(*match))
            if not (values["You said"] and values["Source"] and values["We did"]):
                continue
            if cell["Date"].blank is False and day is None:
                continue
            if any(_same(e.said, values["You said"]) and _same(e.did, values["We did"]) for e in self.edition.data.you_said_we_did):
                self.outcome.skipped.append(f"{cells.sheet_ref(SAID)}!{cell['You said'].coordinate} (row {number})")
                continue
            record = said_record(said=values["You said"], source=values["Source"], did=values["We did"], actions=keys,
                                 day=day.day if isinstance(day, WrittenDate) else self.today, edition=self.edition_field,
                                 origin=f"{self.origin} ({cells.sheet_ref(SAID)}!{cell['You said'].coordinate})")
            planned.append(Planned(record, f"{cells.sheet_ref(SAID)}!{cell['You said'].coordinate} (row {number})", {
                "you_said_we_did.said": cell["You said"], "you_said_we_did.source": cell["Source"],
                "you_said_we_did.date": cell["Date"], "you_said_we_did.did": cell["We did"],
                "you_said_we_did.actions": cell["Action refs"], "": cell["You said"]}, f"row {number}"))
        return planned

