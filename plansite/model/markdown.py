"""Limits on Markdown text, so that rendering it (plansite/textformat.py, Python-Markdown) stays bounded.

Python-Markdown is fine on the Markdown plans use, but some shapes make it slow or crash:
- each '[' is a possible link, and it reads ahead to the matching ']' (and a '(' after it to its
  ')'), to the end of the text when there is none: 30,000 stray '[' took two minutes;
- lists and quotes inside one another are read recursively: "- - - - ... x" 3,000 deep raised
  RecursionError in the middle of a build;
- it rebuilds a block's text for every heading or rule in it, so thousands of lines in one
  block take seconds.
These checks are linear in the length of the text, and far beyond what any plan writes.
"""
from __future__ import annotations

import re

MAX_LINES = 1_000
MAX_NESTING = 8
MAX_LINK_WORK = 1_000_000  # characters Python-Markdown would read ahead looking for ']' and ')'

_PREFIX = re.compile(r"[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)*")
_MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
_ESCAPED = re.compile(r"\\.", re.S)


def markdown_problem(text: str) -> str | None:
    """What stops Markdown rendering the text in bounded time, or None."""
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return (f"this text has {len(lines):,} lines; a field can have at most {MAX_LINES:,}. "
                "Publish a long document as a link, or split it into sections.")
    for number, line in enumerate(lines, start=1):
        prefix = _PREFIX.match(line)[0]
        indent = len(prefix) - len(prefix.lstrip(" \t"))
        depth = len(_MARKER.findall(prefix)) + prefix[:indent].expandtabs(4).count("    ")
        if depth > MAX_NESTING:
            return (f"lists and quotes are nested more than {MAX_NESTING} deep on line {number} of this text; "
                    "Markdown cannot lay out more. Check the '-', '>' and indentation at the start of the line.")
    if "`" in text and _code_work(text) > MAX_LINK_WORK:
        return ("this text has backticks (`) that open code but are not closed by the same number of backticks, and "
                "Markdown looks for each closing one to the end of the text: more than it can read in reasonable time. "
                "Close them, or put a backslash before each backtick that is part of the text: \\`")
    if "[" in text:
        work, unclosed = _link_work(text)
        if work > MAX_LINK_WORK:
            return (f"this text has {unclosed:,} '[' or '](' that are not closed, and Markdown reads each one as the "
                    "start of a link, to the end of the text: more than it can read in reasonable time. Close them "
                    "with ']' or ')', or put a backslash before each '[' that is part of the text: \\[")
    return None


def _code_work(text: str) -> int:
    """How far Python-Markdown reads ahead for backticks: from each backtick that is not escaped, for
    each shorter run it could open, to the next run of exactly that many backticks, or to the end."""
    runs = [(m.start(), len(m[0])) for m in re.finditer(r"`+", text)]
    end, following, work = len(text), {}, 0
    for start, length in reversed(runs):
        if length > 8:
            work += length * (end - start)  # no plan writes this many; count it as reading to the end
        else:
            distance = [following.get(j, end) - start for j in range(length + 1)]
            first = 1 if start > 0 and text[start - 1] == "\\" else 0
            work += sum(distance[j] for i in range(first, length) for j in range(1, length - i + 1))
        following[length] = start
    return work


def _matches(text: str, opening: str, closing: str) -> dict[int, int]:
    """For each opening bracket, where its matching closing one is (nested pairs matched inside out)."""
    found, stack = {}, []
    for match in re.finditer(f"[{re.escape(opening)}{re.escape(closing)}]", text):
        if match[0] == opening:
            stack.append(match.start())
        elif stack:
            found[stack.pop()] = match.start()
    return found


def _link_work(text: str) -> tuple[int, int]:
    """How far Python-Markdown reads ahead for '[' and '](' (to the match, or to the end), and
    how many of them are not closed."""
    # A backslash escape is set aside before links are looked for, so '\]' closes nothing.
    text = _ESCAPED.sub("  ", text)
    end = len(text)
    brackets = _matches(text, "[", "]")
    parens = _matches(text, "(", ")") if "](" in text else {}
    work = unclosed = 0
    for match in re.finditer(r"\[", text):
        close = brackets.get(match.start())
        work += (close if close is not None else end) - match.start()
        unclosed += close is None
    for match in re.finditer(r"\]\(", text):
        start = match.start() + 1
        close = parens.get(start)
        work += (close if close is not None else end) - start
        unclosed += close is None
    return work, unclosed
