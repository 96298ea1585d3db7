"""Dates and periods as people write them in plans.

Plans say "18/11/09", "Oct 2009", "Ongoing" or "2008/09". We keep the words as
written and add a parsed value only where the words are unambiguous.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9

_MONTH_WORD = r"([A-Za-z]{3,9})\.?"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_WORD_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"\s+(\d{4})$", re.I)
_WORD_MONTH_YEAR = re.compile(r"^" + _MONTH_WORD + r"\s+'?(\d{2}|\d{4})$", re.I)


def _year(text: str) -> int:
    # Two-digit years in these plans are all 20xx; 19xx would be before CSPs existed.
    return 2000 + int(text) if len(text) == 2 else int(text)


FIRST_YEAR, LAST_YEAR = 1900, 2199  # a year outside these is a typing slip (2108 for 2018), not a date


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_written_date(text: str) -> tuple[date | None, str | None]:
    """Return (date, precision) for an unambiguous written date, else (None, None).

    Precision is "day", "month" or "year". A month-precision date is the first
    of the month; use `last_day` to compare deadlines.
    """
    text = " ".join(text.split())
    if m := _ISO_DAY.match(text):
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, "day") if d else (None, None)
    if m := _ISO_MONTH.match(text):
        d = _safe_date(int(m[1]), int(m[2]), 1)
        return (d, "month") if d else (None, None)
    if m := _YEAR.match(text):
        d = _safe_date(int(m[1]), 1, 1)
        return (d, "year") if d else (None, None)
    if m := _DAY_MONTH_YEAR.match(text):
        d = _safe_date(_year(m[3]), int(m[2]), int(m[1]))
        return (d, "day") if d else (None, None)
    if m := _DAY_WORD_MONTH_YEAR.match(text):
        month = MONTHS.get(m[2].lower())
        d = _safe_date(int(m[3]), month, int(m[1])) if month else None
        return (d, "day") if d else (None, None)
    if m := _WORD_MONTH_YEAR.match(text):
        month = MONTHS.get(m[1].lower())
        d = _safe_date(_year(m[2]), month, 1) if month else None
        return (d, "month") if d else (None, None)
    return None, None


def last_day(d: date, precision: str | None) -> date:
    """The last day a date of the given precision covers ("Oct 2009" -> 31 Oct 2009)."""
    if precision == "month":
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return date(d.year, 12, 31)
    return d


def format_date(d: date, precision: str | None = "day") -> str:
    """GOV.UK style: 18 November 2009, November 2009, 2009."""
    if precision == "month":
        return f"{calendar.month_name[d.month]} {d.year}"
    if precision == "year":
        return str(d.year)
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


@dataclass(frozen=True)
class PeriodBounds:
    label: str
    start: date
    end: date


_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")
_FINANCIAL_QUARTER = re.compile(r"^(\d{4})/(\d{2}|\d{4}) Q([1-4])$")

PERIOD_HELP = (
    "Write a financial year as 2008/09, a calendar year as 2009, "
    "a month as 2009-10, or a financial quarter as 2009/10 Q2, in the years 1900 to 2199"
)


def _financial_start(first: str, second: str) -> int | None:
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if len(second) == 2 and end < start:
        end += 100
    return start if end == start + 1 and FIRST_YEAR <= start < LAST_YEAR else None


def parse_period(label: str) -> PeriodBounds | None:
    """Bounds of a reporting period label, or None when it is not one we understand."""
    text = " ".join(label.split())
    if m := _FINANCIAL_YEAR.match(text):
        start = _financial_start(m[1], m[2])
        if start is None:
            return None
        return PeriodBounds(text, date(start, 4, 1), date(start + 1, 3, 31))
    if m := _FINANCIAL_QUARTER.match(text):
        start = _financial_start(m[1], m[2])
        if start is None:
            return None
        q = int(m[3])
        first_month = 4 + 3 * (q - 1)
        year = start if first_month <= 12 else start + 1
        first_month = first_month if first_month <= 12 else first_month - 12
        first = date(year, first_month, 1)
        return PeriodBounds(text, first, last_day(date(year, first_month + 2, 1), "month"))
    if m := _YEAR.match(text):
        first = _safe_date(int(m[1]), 1, 1)
        return PeriodBounds(text, first, date(first.year, 12, 31)) if first else None
    if m := _ISO_MONTH.match(text):
        first = _safe_date(int(m[1]), int(m[2]), 1)
        return PeriodBounds(text, first, last_day(first, "month")) if first else None
    return None
