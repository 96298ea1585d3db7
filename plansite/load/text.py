"""A plan file's bytes as text: size, encoding and invisible characters checked, one problem a place.

Lines and columns are counted as an editor counts them: a line ends at LF, CR or CRLF, and columns
count characters from 1. Characters that YAML would count as line breaks but editors do not show
(U+0085, U+2028, U+2029) are refused, so that YAML's positions and the editor's agree.
"""
from __future__ import annotations

import bisect
import re

from ..model.base import printable
from .problem import Position, Problem

__all__ = ["BINARY", "FORBIDDEN", "Lines", "MAX_FILE_BYTES", "MAX_PROBLEMS", "character_message", "character_name",
           "decode", "printable", "tab_indents", "too_big"]

MAX_FILE_BYTES = 2_000_000
MAX_PROBLEMS = 100  # problems reported for one file; the rest are counted

# Characters that cannot be published: C0 and C1 controls (but tab, LF and CR), DEL, the line
# and paragraph separators and next-line (YAML counts them as line breaks, editors do not show
# them), a byte order mark inside the text, and the non-characters U+FFFE and U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
LINE_BREAKS = {0x85: "next-line character", 0x2028: "line separator", 0x2029: "paragraph separator"}
CONTROL_NAMES = {0x00: "NUL character", 0x07: "bell character", 0x08: "backspace", 0x0B: "vertical tab",
                 0x0C: "form feed", 0x1B: "escape character", 0x7F: "delete character",
                 0xFEFF: "zero-width no-break space", 0xFFFE: "non-character", 0xFFFF: "non-character"}
# Documents saved with a .yaml name by mistake, by the first bytes of the file.
BINARY = ((b"PK\x03\x04", "a Word, Excel or OpenDocument file (or another zipped file)"), (b"%PDF", "a PDF"),
          (b"\xd0\xcf\x11\xe0", "an older Word or Excel file"), (b"{\\rtf", "a Rich Text (RTF) document"))
_BAD_BYTES = re.compile("[\udc80-\udcff]+")  # undecodable bytes, as surrogateescape leaves them
_LINE_END = re.compile(r"\r\n|\r|\n")


class Lines:
    """Editor positions of character offsets in a text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def position(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index) - 1
        return Position(line + 1, index - self.starts[line] + 1)

    def line(self, number: int) -> str:
        """The text of a line (1-based), without its line break."""
        if not 1 <= number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _capped(problems: list[Problem], file: str, what: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    last = problems[MAX_PROBLEMS - 1]
    more = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem(file, last.line, last.column, "",
                                              f"and {_plural(more, what)} more like these after this point, not listed")]


def character_name(code: int) -> str:
    if code in LINE_BREAKS:
        return LINE_BREAKS[code]
    if code in CONTROL_NAMES:
        return CONTROL_NAMES[code]
    return "control character"


def character_message(char: str, *, escaped: bool = False) -> str:
    code = ord(char)
    name = f"{character_name(code)} (U+{code:04X})"
    if code in LINE_BREAKS and not escaped:
        return (f"an invisible {name} is here. Editors do not show it, but YAML reads it as a line break. "
                "Delete it, or use an ordinary line break.")
    hint = ""
    if 0x80 <= code <= 0x9F:
        try:
            hint = f" It is often '{bytes([code]).decode('cp1252')}' from a Windows document saved in the wrong encoding."
        except UnicodeDecodeError:
            pass
    if escaped:
        return (f"the text here is in double quotes, where a backslash code makes an invisible {name}, which cannot be "
                "published. Write two backslashes (\\\\) for a backslash, or put the value in single quotes.")
    return f"an invisible {name} is here. It cannot be published: delete it.{hint or ' It usually comes with text pasted from another program.'}"


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a file, or None with a problem for each place it cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(file, 1, 1, "", too_big(len(raw)))]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 8 and max(raw[0::2].count(0), raw[1::2].count(0)) > len(raw) // 5):
        return None, [Problem(file, 1, 1, "", "this file is saved as UTF-16, not UTF-8. Save it as UTF-8 in your editor "
                                              "(in Word or Notepad: Save As, then choose UTF-8 as the encoding).")]
    for signature, kind in BINARY:
        if raw.startswith(signature):
            return None, [Problem(file, 1, 1, "", f"this file is {kind}, not text. Copy its words into a YAML file "
                                                  "instead (plans/README.md shows how one is laid out).")]
    text = raw.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte order mark: harmless, and some Windows editors add it
    problems: list[Problem] = []
    lines: Lines | None = None
    bad = _BAD_BYTES.search(text)
    if bad:
        lines = Lines(text)
        for match in _BAD_BYTES.finditer(text, bad.start()):
            where = lines.position(match.start())
            data = bytes(ord(c) - 0xDC00 for c in match[0][:4])
            shown = " ".join(f"0x{b:02x}" for b in data) + (" ..." if len(match[0]) > 4 else "")
            guess = ""
            if len(match[0]) == 1:
                try:
                    guess = f" (in Windows-1252 it is '{data.decode('cp1252')}')"
                except UnicodeDecodeError:
                    pass
            what = "byte" if len(match[0]) == 1 else "bytes"
            problems.append(Problem(file, where.line, where.column, "",
                                    f"this file is not valid UTF-8: the {what} {shown} here cannot be read{guess}. "
                                    "Save the file as UTF-8 in your editor; Word and some Windows tools save in other encodings."))
        return None, _capped(problems, file, "unreadable character")
    forbidden = FORBIDDEN.search(text)
    if forbidden:
        lines = Lines(text)
        for match in FORBIDDEN.finditer(text, forbidden.start()):
            where = lines.position(match.start())
            problems.append(Problem(file, where.line, where.column, "", character_message(match[0])))
        return None, _capped(problems, file, "invisible character")
    return text, []


def too_big(size: int) -> str:
    return (f"this file is {size / 1_000_000:.1f} MB; a plan file can be at most {MAX_FILE_BYTES // 1_000_000} MB. "
            "Check that nothing was pasted in by mistake, or split the plan into editions.")


def tab_indents(text: str, file: str) -> list[Problem]:
    if "\t" not in text:
        return []
    lines = Lines(text)
    problems = []
    for number in range(1, len(lines.starts) + 1):
        line = lines.line(number)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and len(indent) < len(line):  # a line of only spaces and tabs is harmless
            problems.append(Problem(file, number, indent.index("\t") + 1, "",
                                    "a tab is used for indentation. YAML needs spaces: replace the tab with spaces."))
    return _capped(problems, file, "tab")
