"""YAML syntax errors in plain words, at the line the person must fix.

LibYAML reports where it gave up, which is often far from the mistake: a quote opened on line 7
may only fail on line 33. Each message here says what YAML saw, points at the line to change
(where a quote or bracket opens, the line that is out of line), and suggests a fix only where
the suggestion follows from what is on the page. This runs only when a file cannot be read, so
it may look at the text again; all of it is linear in the file's size.
"""
from __future__ import annotations

import json
import re

import yaml

from .yamlsafe import LOADER, Lines, Position, Problem

_CONTENT = re.compile(r"( *)((?:- +)*)(.*)")
_KEY = re.compile(r"""([^\s'"#:\[\]{},&*!|>%@`-][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)""")
_STRUCTURE = re.compile(r"\n[ ]*(?:- |[\w][\w ]*:(?:\s|$))")
QUOTES = {"'": "single quote", '"': "double quote"}


def syntax_problem(error: yaml.YAMLError, text: str, file: str) -> Problem:
    lines = Lines(text)
    line, column, message = _explain(error, text, lines)
    return Problem(file, line, column, "", message)


def _where(column: int) -> str:
    return "at the left margin" if column == 0 else f"{column} space{'s' if column != 1 else ''} in"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Level:
    def __init__(self, column: int, line: int, label: str, dash: bool, key: bool):
        self.column, self.line, self.label, self.dash, self.key = column, line, label, dash, key

    def __str__(self) -> str:
        what = f"the '-' on line {self.line}" if self.dash else f"'{self.label}' on line {self.line}"
        return f"{what} ({_where(self.column)})"


def _label(content: str) -> str:
    key = _KEY.match(content)
    return _short(key[1].strip("'\"") if key else content, 30)


def _is_key(content: str) -> bool:
    return _KEY.match(content) is not None


def _outline(lines: Lines, before: int) -> list[_Level]:
    """The columns that lines above `before` open, nearest first: where a line there could line up."""
    levels: list[_Level] = []
    smallest = None
    for number in range(before - 1, 0, -1):
        line = lines.line(number)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _CONTENT.match(line)
        marks = [(len(m[1]) + len(m[2]), _label(m[3]), False, _is_key(m[3]))] if m[3] else []
        column = len(m[1])
        for dash in re.finditer(r"- +", m[2]):
            marks.append((column + dash.start(), "-", True, False))
        for col, label, dash, key in sorted(marks, key=lambda mark: -mark[0]):
            if smallest is None or col < smallest:
                levels.append(_Level(col, number, label, dash, key))
                smallest = col
        if smallest == 0:
            break
    return levels


def _line_up(levels: list[_Level], indent: int) -> str:
    # Only a field name or a list's '-' is something to line up with: not a plain list item's text.
    deeper = min((lv for lv in levels if lv.column > indent and (lv.key or lv.dash)), key=lambda lv: lv.column, default=None)
    shallower = max((lv for lv in levels if lv.column < indent and (lv.key or lv.dash)), key=lambda lv: lv.column,
                    default=None)
    choices = [str(lv) for lv in (deeper, shallower) if lv is not None]
    if not choices:
        return ""
    return " Line it up with " + " or with ".join(choices) + ", whichever it belongs with."


def _tokens(text: str, limit: int) -> list:
    """The last scalar and alias tokens that start before character `limit` (the parser had read them)."""
    loader = LOADER(text)
    found = []
    try:
        while True:
            token = loader.get_token()
            if token is None or token.start_mark.index >= limit:
                break
            if isinstance(token, (yaml.ScalarToken, yaml.AliasToken)):
                found.append(token)
                del found[:-2]  # only the last two are ever looked at
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def _explain(error: yaml.YAMLError, text: str, lines: Lines) -> tuple[int, int, str]:
    if isinstance(error, yaml.reader.ReaderError):
        where = lines.position(error.position)
        return where.line, where.column, "a character here cannot be read. Delete it and type it again."
    pm = getattr(error, "problem_mark", None)
    cm = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    if pm is None:
        return 1, 1, f"YAML cannot read this file ({problem or error})."
    at = (pm.line + 1, pm.column + 1)
    line = lines.line(pm.line + 1)
    char = text[pm.index] if pm.index < len(text) else ""

    # Quotes: report where the quote opens.
    if "quoted scalar" in context and cm is not None:
        quote = text[cm.index] if cm.index < len(text) else '"'
        name = QUOTES.get(quote, "quote")
        if "end of stream" in problem:
            return (cm.line + 1, cm.column + 1,
                    f"the {name} ({quote}) that opens here is never closed, so YAML read to the end of the file as "
                    f"part of this text. Add the closing {quote} where the text ends.")
        if "document indicator" in problem:
            return (cm.line + 1, cm.column + 1,
                    f"the {name} ({quote}) that opens here is not closed before line {pm.line + 1}, which starts "
                    f"with '{text[pm.index:pm.index + 3]}' and so ends the document. Add the closing {quote} where the text "
                    f"ends, or indent line {pm.line + 1}.")
        if "escape" in problem or "hexdecimal" in problem or "Unicode" in problem:
            start = text.rfind("\\", max(0, pm.index - 10), pm.index + 1)
            start = start if start >= 0 else pm.index
            shown = text[start: start + (10 if "Unicode" in problem else 2)].split('"')[0]
            where = lines.position(start)
            if "Unicode" in problem:
                return (where.line, where.column, f"inside double quotes, '{_short(shown, 12)}' is not a character that can "
                                                  "be written. Type the character itself instead.")
            return (where.line, where.column,
                    f"inside double quotes a backslash starts a special code such as \\n, so YAML cannot read "
                    f"'{_short(shown, 12)}' here. Write two backslashes (\\\\) for a backslash, or put the value in "
                    "single quotes instead.")
    tokens = _tokens(text, pm.index)
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.AliasToken) and last.start_mark.line == pm.line:
        return (last.start_mark.line + 1, last.start_mark.column + 1,
                f"'*{_short(last.value, 30)}' at the start of a value is read as a YAML alias (a reference to another "
                "value), so YAML cannot read the rest of the line. Put the whole value in quotes.")
    if isinstance(last, yaml.ScalarToken) and last.style in QUOTES and last.end_mark.line == pm.line:
        quote = last.style
        if last.start_mark.line < last.end_mark.line and _STRUCTURE.search(text, last.start_mark.index, last.end_mark.index):
            return (last.start_mark.line + 1, last.start_mark.column + 1,
                    f"the {QUOTES[quote]} ({quote}) that opens here is not closed on this line, so YAML read on to line "
                    f"{last.end_mark.line + 1} as part of this text, and could not read what follows. Add the closing "
                    f"{quote} where the text ends.")
        if last.end_mark.index <= pm.index and "expected" in problem:
            key = _KEY.match(_CONTENT.match(line)[3] or "")
            value = line[last.start_mark.column:].strip()
            fix = f" For example: {key[1]}: '{value.replace(chr(39), chr(39) * 2)}'" if key and " #" not in value else ""
            return (*at, "there is more text after the closing quote, but YAML takes only what is inside the quotes "
                         f"as the value. Put the whole value in quotes.{fix}")

    # Brackets: report where the bracket opens.
    if "flow sequence" in context or "flow mapping" in context:
        opening, closing, what = ("[", "]", "list") if "sequence" in context else ("{", "}", "block")
        if cm is not None and cm.line != pm.line:
            return (cm.line + 1, cm.column + 1,
                    f"the {opening} that opens here is not closed with {closing} on this line, so YAML read on to line "
                    f"{pm.line + 1} as part of the {what}. Add the closing {closing} where it ends; or, if the "
                    f"{opening} is part of the text, put the whole value in quotes.")
        return (*at, f"YAML cannot read the {what} in {opening} {closing} on this line: it expected a comma or the "
                     f"closing {closing} here. Put any item containing ': ', '#' or a comma in quotes; if the brackets "
                     "are part of the text, put the whole value in quotes.")

    if problem.startswith("mapping values are not allowed"):
        first = re.search(r"\S:(?:\s|$)", line[: pm.column])
        if first is not None:
            key = line[: first.start() + 1].strip()
            key = re.sub(r"^(?:- +)+", "", key)
            value = line[first.end():].strip()
            return (*at, "this line has a second ': ', which YAML cannot read inside a value. Put the value in "
                         f"quotes: {_short(key, 30)}: {json.dumps(_short(value, 60), ensure_ascii=False)}")
        levels = _outline(lines, pm.line + 1)
        indent = len(line) - len(line.lstrip(" "))
        above = next((lv for lv in levels if not lv.dash), None)
        key = _label(line.strip())
        message = "YAML reads this line as more of the value on the line above it, so the ': ' here cannot start a field."
        if above is not None and indent > above.column:
            message = (f"this line is indented further than '{above.label}' on line {above.line}, so YAML reads it as more "
                       f"of that value, and the ': ' here cannot start a field. If '{key}' is a field of its own, line it "
                       f"up with '{above.label}' ({_where(above.column)}).")
        return pm.line + 1, indent + 1, message

    if "simple key" in context and cm is not None:
        key_line = lines.line(cm.line + 1)
        no_space = re.match(r"( *(?:- +)*)([^\s:#'\"]+):(\S.*)", key_line)
        if no_space:
            return (cm.line + 1, cm.column + 1, f"a ':' after a field name needs a space after it: write "
                                                f"'{_short(no_space[2], 30)}: {_short(no_space[3], 30)}'.")
        return (cm.line + 1, cm.column + 1,
                "this line has no ': ', so YAML cannot tell a field name from its value. Write it as name: value; "
                "if it continues the text on the line above, indent it further than that line's field name.")

    if "document start" in problem:
        end = text.rfind("\n...", 0, pm.index)
        where = lines.position(end + 1) if end >= 0 else Position(pm.line + 1, pm.column + 1)
        return (where.line, where.column, "a line of '...' ends the YAML document, so what follows cannot be read. "
                                          "Remove that line, or indent it if it is part of a text.")
    indent = len(line) - len(line.lstrip(" "))
    if pm.column == indent and ("did not find expected key" in problem or "'-' indicator" in problem
                                or "expected <block end>" in problem):
        # The line's first word is what YAML could not place: the line is out of line.
        content = line.strip()
        if content.startswith(":"):
            return (pm.line + 1, indent + 1, "a field name is missing before the ':'.")
        if re.match(r"-[^\s-]", content):
            return (pm.line + 1, indent + 1, f"a list item needs a space after the '-': write '- {_short(content[1:], 40)}'.")
        levels = _outline(lines, pm.line + 1)
        if indent not in {lv.column for lv in levels}:
            return (pm.line + 1, indent + 1,
                    f"this line is indented by {indent} space{'s' if indent != 1 else ''}, which lines up with no line "
                    f"above it.{_line_up(levels, indent)}")
        if "'-' indicator" in problem and not content.startswith("-"):
            key = _label(content)
            deeper = min((lv for lv in levels if lv.column > indent and lv.key), key=lambda lv: lv.column, default=None)
            shallower = max((lv for lv in levels if lv.column < indent and lv.key), key=lambda lv: lv.column, default=None)
            options = []
            if deeper is not None:
                options.append(f"if it belongs to the item above, line it up with {deeper}")
            options.append("if it starts a new item, begin it with '- '")
            if shallower is not None:
                options.append(f"if it belongs with {shallower}, line it up with that")
            advice = "; ".join(options)
            return (pm.line + 1, indent + 1,
                    f"'{key}' is in the column of the '-' of the list above it, so YAML expects a new list item "
                    f"here. {advice[0].upper()}{advice[1:]}.")
        if content.startswith("-"):
            return (pm.line + 1, indent + 1,
                    "this line starts a list item ('- '), but the lines above it in this column are fields "
                    "(name: value), and one block cannot hold both. If it is a field, remove the '- '; if it starts a "
                    "list, put it on the line after a field name ending in ':', indented further.")
    if "cannot start any token" in problem or "found a tab character" in problem:
        if char == "\t" or "tab" in problem:
            return (*at, "a tab is here, where YAML cannot read one: replace it with spaces.")
        return (*at, f"a value cannot start with '{char}': put the whole value in quotes.")
    if context.startswith("while scanning an alias") or context.startswith("while scanning an anchor"):
        start = cm if cm is not None else pm
        mark = text[start.index] if start.index < len(text) else "*"
        return (start.line + 1, start.column + 1, f"YAML reads '{mark}' at the start of a value as a special mark. "
                                                  "Put the whole value in quotes.")
    if context.startswith("while scanning a tag"):
        start = cm if cm is not None else pm
        return (start.line + 1, start.column + 1, "YAML reads '!' at the start of a value as a special mark (a tag). "
                                                  "Put the whole value in quotes.")
    if context.startswith("while scanning a directive"):
        start = cm if cm is not None else pm
        return (start.line + 1, start.column + 1, "a line cannot start with '%': put the value in quotes.")
    if context.startswith("while scanning a block scalar"):
        start = cm if cm is not None else pm
        return (start.line + 1, start.column + 1,
                "after '|' or '>' only a comment may follow on the same line: start the text on the next line, "
                "indented further than the field name. If the '|' or '>' is part of the text, put the whole value in quotes.")
    if "block sequence entries are not allowed" in problem:
        return (*at, "a list item ('- ') cannot start on the same line as a field name: put it on the next line, indented.")
    if "expected node content" in problem and char and not char.isalnum():
        return (*at, f"a value cannot start with '{char}': put the whole value in quotes.")
    if char in ("]", "}"):
        opening = "[" if char == "]" else "{"
        return (*at, f"there is a '{char}' here with no '{opening}' before it to close. Remove it, or put the whole value "
                     "in quotes if it is part of the text.")
    return (*at, f"YAML cannot read this line ({problem or context}). Check its indentation and quotes, and those of "
                 "the line above.")
