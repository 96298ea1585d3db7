"""Reading spreadsheet cells as people fill them in: dates, yes/no, numbers and periods.

Shared by `plansite import` (progress workbooks) and `plansite new --from` (a blank template).
Every problem names the workbook, the sheet and cell, the row and the column, in plain English.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..dates import MONTHS, PERIOD_HELP, format_date, parse_period, parse_written_date
from ..model.base import closest

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a workbook is a zip: bound what it may unpack to
MAX_ROWS = 5000
MAX_TEXT = 5000

DATE_HELP = "Write it as 31/03/2010, or as a month: March 2010"


class WorkbookUnreadable(Exception):
    """The file is not a workbook that can be read; the message says why."""


def sheet_ref(name: str) -> str:
    """A sheet's name as a spreadsheet writes it in a reference: Actions, 'Read me'."""
    return name if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) else "'" + name.replace("'", "''") + "'"


@dataclass
class Problems:
    """Every problem found in one workbook, each naming its cell."""

    book: str
    items: list[str] = field(default_factory=list)

    def add(self, sheet: str, coordinate: str, label: str, message: str) -> None:
        where = f"{sheet_ref(sheet)}!{coordinate}"
        self.items.append(f"{self.book}: {where} ({label}): {message}" if label else f"{self.book}: {where}: {message}")

    def add_book(self, message: str) -> None:
        self.items.append(f"{self.book}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)

    def report(self, outcome: str = "Nothing was saved.") -> str:
        count = len(self.items)
        return "\n".join([*self.items, f"{count} problem{'s' if count != 1 else ''} found. {outcome}"])


@dataclass
class Cell:
    sheet: str
    coordinate: str
    row: int
    column: str  # the column's header, e.g. "New status"
    value: Any
    number_format: str = "General"

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


def open_workbook(path: Path):
    """Open an .xlsx for reading, refusing anything too large or not a workbook, in plain words."""
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except OSError as error:
        raise WorkbookUnreadable(f"cannot be read: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadable(f"is {size // (1024 * 1024)} MB, larger than a workbook of plan data should be "
                                 f"(at most {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise WorkbookUnreadable("is not an Excel workbook (.xlsx). Save it from your spreadsheet as "
                                 "'Excel Workbook (.xlsx)' and try again") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookUnreadable("unpacks to far more data than a workbook of plan data holds, so it is not read")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise WorkbookUnreadable(f"cannot be read as an Excel workbook (.xlsx): {error}") from None


def read_sheet(book, name: str, problems: Problems) -> tuple[list[str], list[list[Cell]]] | None:
    """(headers, rows of cells) of a sheet, or None (with a problem) if it is missing."""
    from openpyxl.utils import get_column_letter

    if name not in book.sheetnames:
        problems.add_book(f"there is no sheet called '{name}'. The sheets are: {', '.join(book.sheetnames)}")
        return None
    sheet = book[name]
    headers: list[str] = []
    rows: list[list[Cell]] = []
    for r, row in enumerate(sheet.iter_rows(), start=1):
        if r == 1:
            headers = [str(c.value).strip() if c.value is not None else "" for c in row]
            continue
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in row):
            continue  # empty rows, however many are formatted, are not read
        if len(rows) >= MAX_ROWS:
            problems.add(name, f"A{r}", "", f"the sheet has more than {MAX_ROWS:,} filled-in rows; split the work "
                                            "into smaller workbooks")
            break
        cells = []
        for n, cell in enumerate(row, start=1):
            column = headers[n - 1] if n <= len(headers) else ""
            cells.append(Cell(name, f"{get_column_letter(n)}{r}", r, column, cell.value,
                              getattr(cell, "number_format", "General") or "General"))
        rows.append(cells)
    return headers, rows


def columns(headers: list[str], wanted: list[str], sheet: str, problems: Problems,
            known: list[str] = ()) -> dict[str, int] | None:
    """Index of each wanted header, reporting every one missing or renamed (known: other headers the sheet has)."""
    from openpyxl.utils import get_column_letter

    found = {}
    strangers = [h for h in headers if h and h not in wanted and h not in known]
    missing = [name for name in wanted if name not in headers]
    for name in wanted:
        if name in headers:
            found[name] = headers.index(name)
        else:
            # The header a person most likely renamed: one like it, or the only one Plansite did not write.
            near = closest(name, strangers) or (strangers[0] if len(strangers) == 1 and len(missing) == 1 else None)
            where = get_column_letter(headers.index(near) + 1) if near else "1"
            hint = f" (is '{near}' meant to be it?)" if near else ""
            problems.add(sheet, f"{where}1" if near else "A1", "", f"the column '{name}' is missing or has been renamed{hint}. "
                         "Put the header back as it was, or make a new workbook")
    return found if len(found) == len(wanted) else None


def text(cell: Cell, problems: Problems, label: str) -> str | None:
    """The cell as text, or None if blank; numbers as written, dates in words."""
    if cell.blank:
        return None
    value = cell.value
    if isinstance(value, datetime):
        value = format_date(value.date())
    elif isinstance(value, date):
        value = format_date(value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    result = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    if len(result) > MAX_TEXT:
        problems.add(cell.sheet, cell.coordinate, label, f"is too long ({len(result):,} characters); keep it under "
                     f"{MAX_TEXT:,}")
        return None
    return result


_DAY_NUMBERS = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")
_WORD_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+'?(\d{2}|\d{4})$")


def _bad_written_date(written: str) -> str | None:
    """Why a date-like text is not a date (31/02/2010, Marhc 2010), or None if it is one, or is plain words."""
    if parse_written_date(written)[0] is not None:
        return None
    if _DAY_NUMBERS.match(written):
        if re.match(r"^\d{1,2}-\d{1,2}-\d{2,4}$", written):
            return f"'{written}' is not a date Plansite can read. {DATE_HELP}"
        return f"'{written}' is not a real date. {DATE_HELP}"
    if m := _WORD_YEAR.match(written):
        word = m[1].lower()
        if word not in MONTHS:
            hint = closest(word, [name for name in MONTHS if len(name) > 3])
            suggestion = f" Did you mean '{hint.capitalize()}'?" if hint else ""
            return f"'{m[1]}' is not a month.{suggestion} {DATE_HELP}"
    return None


@dataclass(frozen=True)
class WrittenDate:
    written: str  # as it will be written in the record: the person's words, or a spreadsheet date in words
    day: date
    precision: str


def written_date(cell: Cell, problems: Problems, label: str, *, words_allowed: bool = False, day_only: bool = False
                 ) -> WrittenDate | str | None:
    """A date from a spreadsheet date or UK text (31/03/2010, March 2010).

    Returns a WrittenDate, the words themselves when words_allowed and they are not a date
    ('Ongoing'), or None when blank or wrong (with a problem added).
    """
    if cell.blank:
        return None
    value = cell.value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return WrittenDate(format_date(value), value, "day")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, int) or float(value).is_integer():
            value = str(int(value))  # a year typed alone: 2010
        else:
            problems.add(cell.sheet, cell.coordinate, label, f"{value} is a number, not a date. {DATE_HELP}")
            return None
    written = " ".join(str(value).split())
    parsed, precision = parse_written_date(written)
    if parsed is None:
        reason = _bad_written_date(written)
        if reason is None and words_allowed:
            return written
        problems.add(cell.sheet, cell.coordinate, label, reason or f"'{written}' is not a date. {DATE_HELP}")
        return None
    if day_only and precision != "day":
        problems.add(cell.sheet, cell.coordinate, label, f"'{written}' needs a day as well, e.g. 31/03/2010")
        return None
    return WrittenDate(written, parsed, precision)


YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}


def yes_no(cell: Cell, problems: Problems, label: str) -> bool | None:
    if cell.blank:
        return None
    if isinstance(cell.value, bool):
        return cell.value
    word = str(cell.value).strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    problems.add(cell.sheet, cell.coordinate, label, f"'{cell.value}' is not yes or no. Write yes or no, or leave it empty for no")
    return None


_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def number_or_words(cell: Cell, problems: Problems, label: str) -> tuple[str | None, str | None] | None:
    """(number as written, words): 19.1 -> ('19.1', None); 'Level 3' -> (None, 'Level 3'); '1,234' -> ('1234', None).

    A cell formatted as a percentage holds 0.264 for 26.4%; it is read as 26.4.
    """
    if cell.blank:
        return None
    value = cell.value
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        problems.add(cell.sheet, cell.coordinate, label, "is not a number. Write digits only, like 19.1, or words such as 'TBA'")
        return None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if "%" in cell.number_format:
            number *= 100
        return _plain(number), None
    written = " ".join(str(value).split())
    if _NUMBER.match(written):
        return _plain(Decimal(written.replace(",", ""))), None
    if written.endswith("%") and _NUMBER.match(written[:-1].strip()):
        return _plain(Decimal(written[:-1].strip().replace(",", ""))), None
    if re.fullmatch(r"[-\d.,\s%]+", written) and re.search(r"\d", written):
        problems.add(cell.sheet, cell.coordinate, label, f"'{written}' is not a number. Write digits only, with a full "
                     "stop for decimals, like 19.1 or 2750")
        return None
    return None, written


def _plain(number: Decimal) -> str:
    try:
        text = format(number, "f")
    except InvalidOperation:  # pragma: no cover - Decimal from str(int/float) always formats
        return str(number)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def period(cell: Cell, problems: Problems, label: str) -> str | None:
    if cell.blank:
        return None
    value = cell.value
    if isinstance(value, (datetime, date)):
        shown = format_date(value.date() if isinstance(value, datetime) else value)
        problems.add(cell.sheet, cell.coordinate, label, f"the spreadsheet has turned this into a date ({shown}). "
                     "Format the cell as text, then type the period again, e.g. 2009/10")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    written = " ".join(str(value).split())
    if parse_period(written) is None:
        problems.add(cell.sheet, cell.coordinate, label, f"'{written}' is not a period Plansite understands. {PERIOD_HELP}")
        return None
    return written
