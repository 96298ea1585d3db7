"""Read YAML without its traps, within hard limits, keeping the line and column of every value.

- Every scalar is text. `1.10` stays "1.10", `no` stays "no", `2009-11-18`
  stays a string; the model's field types decide what a value means.
- Plain `~`, `null` and empty values are null.
- Duplicate keys, tabs used for indentation, bad encodings, invisible control characters,
  aliases, anchors, tags and merge keys are reported with their positions instead of being
  guessed at. Syntax errors are explained in plain words (plansite.load.syntax).
- Hard limits keep time and memory bounded for any input (plans/README.md lists them): the
  size of a file, the length of one value, how deeply blocks nest and how many values a file
  holds. Everything here is linear in the size of the file.

The bytes are checked first (plansite.load.text), so lines and columns are counted as an editor
counts them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .fields import Path, field_label
from .problem import Position, Problem
from .text import (FORBIDDEN, MAX_FILE_BYTES, MAX_PROBLEMS, Lines, character_message, character_name, decode, printable,
                   tab_indents, too_big)

__all__ = ["FORBIDDEN", "LOADER", "MAX_DEPTH", "MAX_FILE_BYTES", "MAX_PROBLEMS", "MAX_TEXT", "MAX_VALUES", "Lines",
           "Parsed", "Path", "Position", "Problem", "character_name", "parse_yaml", "too_big", "too_long"]

# Hard limits. Each is far beyond any real plan (the largest example file is 61 kB, its longest
# text 3,624 characters, its deepest value 10 levels down); plans/README.md documents them.
MAX_TEXT = 20_000  # characters in one value: about 3,000 words, or 8 pages of a Word document
MAX_DEPTH = 20  # blocks and lists inside one another
MAX_VALUES = 100_000  # values (texts, blocks and lists) in one file

NULLS = {"", "~", "null", "Null", "NULL"}
STR_TAG = "tag:yaml.org,2002:str"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # LibYAML's parser when PyYAML has it: far faster

def _pack(mark) -> int:
    return (mark.line << 22) | mark.column


def _unpack(packed: int) -> Position:
    return Position((packed >> 22) + 1, (packed & 0x3FFFFF) + 1)


@dataclass
class Parsed:
    data: Any
    # For each path: where its value starts, and its key (mappings only), packed into one int
    # (line << 22 | column, 0-based) because a file has a position for every value.
    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)
    # Paths already reported while reading (an alias, a value too long...), so the model's
    # checks do not report them again in other words.
    flagged: set[Path] = field(default_factory=set)

    def where(self, path: Path, *, key: bool = False) -> Position:
        """The position of a path, or of its nearest ancestor that exists."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return _unpack(table[path])
            if not path:
                return Position(1, 1)
            path = path[:-1]

    def is_flagged(self, path: Path) -> bool:
        path = tuple(path)
        return any(path[:n] in self.flagged for n in range(len(path) + 1)) if self.flagged else False


class _Skip(Exception):
    """Stop reading: the file broke a limit, or has too many problems to list."""


_NODES = frozenset((ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent))
_DROP = object()  # in place of a key whose value is skipped (a duplicate, a merge key...)


class _Reader:
    """Builds plain data from LibYAML's events in one pass, with an explicit stack (no recursion),
    stopping at the first limit a file breaks."""

    def __init__(self, file: str):
        self.file = file
        self.parsed = Parsed(None)
        self.found: list[tuple[int, Path, str]] = []  # (packed position, path, message)
        self.count = 0

    def problem(self, mark, path: Path, message: str, *, replaced: bool = True) -> None:
        if replaced:
            self.parsed.flagged.add(path)
        self.found.append((_pack(mark), path, message))
        if len(self.found) >= MAX_PROBLEMS:
            raise _Skip

    def read(self, events) -> None:
        """Build the data. The common cases (a plain field name, a scalar without anchor or tag) are
        handled inline: this loop runs once for every value of every plan."""
        values = self.parsed.values
        keys = self.parsed.keys
        # Each frame: [container, its path, the key waiting for its value (mappings only)]
        stack: list[list[Any]] = []
        documents = 0
        count = 0
        for event in events:
            kind = event.__class__
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
            if kind not in _NODES:
                if kind is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        self.problem(event.start_mark, (), "this file holds more than one YAML document (a second "
                                                           "'---'); keep one per file")
                        raise _Skip
                continue  # stream and document boundaries
            count += 1
            if count > MAX_VALUES:
                self.count = count
                self.problem(event.start_mark, (), f"this file holds more than {MAX_VALUES:,} values, more than any "
                                                   "plan needs. Check that nothing was pasted in by mistake.")
                raise _Skip
            mark = event.start_mark
            if stack:
                top = stack[-1]
                container = top[0]
                if container.__class__ is dict:
                    key = top[2]
                    if key is None:  # this event is a field name
                        if (kind is ScalarEvent and event.anchor is None and event.tag is None and event.style == ""
                                and event.value and event.value != "<<"):
                            path = top[1] + (event.value,)
                            if path not in keys:
                                keys[path] = (mark.line << 22) | mark.column
                                top[2] = event.value
                                continue
                        self._key(event, top, events, keys)
                        continue
                    if key is _DROP:
                        _skip_subtree(event, events)
                        top[2] = None
                        continue
                    path = top[1] + (key,)
                    top[2] = None
                else:
                    path = top[1] + (len(container),)
            else:
                container = None
                path = ()
            values[path] = (mark.line << 22) | mark.column
            if kind is ScalarEvent and event.anchor is None and event.tag is None:
                value = event.value
                style = event.style
                if not style and value in NULLS:  # plain, not quoted
                    value = None
                elif len(value) > MAX_TEXT:
                    self.problem(mark, path, too_long(len(value)))
                    value = None
                elif style == '"' and FORBIDDEN.search(value) is not None:  # only escapes can make one
                    self.problem(mark, path, character_message(FORBIDDEN.search(value)[0], escaped=True))
                    value = None
            else:
                value = self._value(event, path, events, len(stack))
            if container is None:
                self.parsed.data = value
            elif container.__class__ is dict:
                container[key] = value
            else:
                container.append(value)
            if value.__class__ is dict or value.__class__ is list:
                stack.append([value, path, None])
        self.count = count

    def _key(self, event, top: list[Any], events, keys: dict[Path, int]) -> None:
        top[2] = _DROP  # unless the key is good
        if event.__class__ is not ScalarEvent:
            self.problem(event.start_mark, top[1], "a field name must be a plain word such as 'title', "
                                                   "not a list, a block or an alias", replaced=False)
            _skip_subtree(event, events)
            return
        value = event.value
        if not event.style and value == "<<":  # plain, not quoted
            self.problem(event.start_mark, top[1], "merge keys (<<) are not supported; write the fields out in full",
                         replaced=False)
            return
        if value == "":
            self.problem(event.start_mark, top[1], "a field name is missing before the ':'", replaced=False)
            return
        if event.anchor is not None or (event.tag is not None and event.tag != STR_TAG):
            self.problem(event.start_mark, top[1], f"the field name '{_short(value)}' has a YAML anchor (&) or tag (!) "
                                                   "before it; write just the name", replaced=False)
            return
        path = top[1] + (value,)
        first = keys.get(path)
        if first is not None:
            self.problem(event.start_mark, path, f"'{_short(value)}' appears twice in the same block (first on line "
                                                 f"{(first >> 22) + 1}). Remove one; YAML would silently keep only the last.",
                         replaced=False)
            return
        keys[path] = _pack(event.start_mark)
        top[2] = value

    def _value(self, event, path: Path, events, depth: int) -> Any:
        kind = event.__class__
        if kind is AliasEvent:
            self.problem(event.start_mark, path,
                         f"'*{_short(event.anchor)}' is read as a YAML alias (it repeats a value from elsewhere in the "
                         "file), and Plansite does not read aliases: write the value out in full. If '*' starts the "
                         "text, put the whole value in quotes.")
            return None
        if event.anchor is not None:
            self.problem(event.start_mark, path,
                         f"'&{_short(event.anchor)}' is read as a YAML anchor (a label for the value), not as text, "
                         "and Plansite does not use anchors. If '&' starts the text, put the whole value in quotes.")
            _skip_subtree(event, events)
            return None
        if event.tag is not None and event.tag != STR_TAG:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(event.start_mark, path,
                         f"'{_short(tag)}' is read as a YAML tag, which Plansite does not use. Remove it; if "
                         "'!' starts the text, put the whole value in quotes.")
            _skip_subtree(event, events)
            return None
        if kind is ScalarEvent:
            value = event.value
            if not event.style and value in NULLS:  # plain, not quoted
                return None
            if len(value) > MAX_TEXT:
                self.problem(event.start_mark, path, too_long(len(value)))
                return None
            if (bad := FORBIDDEN.search(value)) is not None:
                self.problem(event.start_mark, path, character_message(bad[0], escaped=True))
                return None
            return value
        if depth >= MAX_DEPTH:
            # Stop here rather than read past it: LibYAML's work for each token grows with the depth of
            # brackets, so 100,000 '[' took a minute; up to this point it has been linear.
            self.problem(event.start_mark, path, f"blocks and lists are nested more than {MAX_DEPTH} levels deep here, "
                                                 "deeper than any plan needs, so Plansite stopped reading the file. "
                                                 "Check the indentation and brackets.")
            raise _Skip
        return {} if kind is MappingStartEvent else []


def _skip_subtree(event, events) -> None:
    """Consume the events of a block or list without building it."""
    if event.__class__ is not MappingStartEvent and event.__class__ is not SequenceStartEvent:
        return
    depth = 1
    for inner in events:
        kind = inner.__class__
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            depth += 1
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
            if depth == 0:
                return


def _short(text: str, limit: int = 40) -> str:
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def too_long(length: int) -> str:
    return (f"this text is {length:,} characters long; one field can hold at most {MAX_TEXT:,} (about 3,000 words). "
            "Publish a long document as a link, or split it into sections.")


def parse_yaml(raw: bytes, file: str) -> tuple[Parsed | None, list[Problem]]:
    """Parse one YAML document. Returns (parsed, problems); parsed is None if unreadable."""
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    problems = tab_indents(text, file)
    if problems:
        return None, problems
    reader = _Reader(file)
    loader = LOADER(text)
    try:
        reader.read(iter(loader.get_event, None))
    except _Skip:
        return None, _problems(reader)
    except yaml.YAMLError as error:
        from .syntax import syntax_problem

        return None, [syntax_problem(error, text, file)]
    finally:
        loader.dispose()
    parsed = reader.parsed
    if parsed.data is None and reader.count == 0:
        parsed.data = {}
    return parsed, _problems(reader)


def _problems(reader: _Reader) -> list[Problem]:
    data = reader.parsed.data
    problems = []
    for packed, path, message in reader.found:
        where = _unpack(packed)
        problems.append(Problem(reader.file, where.line, where.column, field_label(path, data), message, path=path))
    if len(problems) >= MAX_PROBLEMS:
        last = problems[-1]
        problems.append(Problem(reader.file, last.line, last.column, "",
                                f"Plansite stopped reading this file after {MAX_PROBLEMS} problems; fix these and check again"))
    return problems
