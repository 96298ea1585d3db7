"""Read YAML without its traps, keeping the line and column of every value.

- Every scalar is text. `1.10` stays "1.10", `no` stays "no", `2009-11-18`
  stays a string; the model's field types decide what a value means.
- Plain `~`, `null` and empty values are null.
- Duplicate keys, tabs used for indentation, invalid UTF-8, custom tags and
  merge keys are reported with their positions instead of being guessed at.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

NULLS = {"", "~", "null", "Null", "NULL"}
_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """LibYAML's parser (when PyYAML has it: about eight times faster, same marks), without tag resolution.

    Every scalar is read as text anyway, so asking PyYAML's resolver whether each one looks like
    a number, date or boolean would only cost time.
    """

    def resolve(self, kind, value, implicit):
        return _TAGS[kind]


LOADER = _Loader
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Problem:
    """One thing wrong with the data, in words a communications officer can act on."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Parsed:
    data: Any
    # For each path: the YAML node of its value, and of its key (mappings only). Positions are
    # read from nodes only when a message needs one: reading a mark costs more than the parse.
    values: dict[Path, Node] = field(default_factory=dict)
    keys: dict[Path, Node] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> Position:
        """The position of a path, or of its nearest ancestor that exists."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                return _position(table[path])
            if not path:
                return Position(1, 1)
            path = path[:-1]




def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _position(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _invalid_utf8(raw: bytes, file: str) -> list[Problem]:
    problems = []
    offset = 0
    while offset < len(raw):
        try:
            raw[offset:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            bad = offset + error.start
            line = raw.count(b"\n", 0, bad) + 1
            line_start = raw.rfind(b"\n", 0, bad) + 1
            # Column counts characters, so decode what precedes the bad byte on its line.
            column = len(raw[line_start:bad].decode("utf-8", errors="replace")) + 1
            problems.append(Problem(
                file, line, column, "",
                f"this file is not valid UTF-8 (byte 0x{raw[bad]:02x} cannot be read). "
                "Save it as UTF-8 in your editor; Word and some Windows tools save in other encodings.",
            ))
            offset = bad + max(1, error.end - error.start)
    return problems


def _tab_indents(text: str, file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(
                file, number, indent.index("\t") + 1, "",
                "a tab is used for indentation. YAML needs spaces: replace the tab with spaces.",
            ))
    return problems


def _syntax_problem(error: yaml.YAMLError, file: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    hint = ""
    if "mapping values are not allowed" in detail:
        hint = " A value containing ': ' must be in quotes."
    elif "could not find expected ':'" in detail:
        hint = " Check the line above: a key may be missing its colon, or a quote left open."
    return Problem(file, line, column, "", f"the YAML cannot be read: {detail}.{hint}")


class _Converter:
    def __init__(self, file: str):
        self.file = file
        self.parsed = Parsed(None)
        self.problems: list[Problem] = []
        self._open: set[int] = set()

    def convert(self, node: Node, path: Path) -> Any:
        self.parsed.values[path] = node
        if id(node) in self._open:
            self._problem(node, path, "this alias refers to itself; write the value out instead")
            return None
        if node.tag and not node.tag.startswith("tag:yaml.org,2002:"):
            self._problem(node, path, f"the YAML tag '{node.tag}' is not supported; remove it")
            return None
        if isinstance(node, ScalarNode):
            if node.style in (None, "") and node.value in NULLS:  # plain, not quoted
                return None
            return node.value
        self._open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
        finally:
            self._open.discard(id(node))
        self._problem(node, path, "this value cannot be read")  # pragma: no cover - yaml has no other node kinds
        return None

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.value == "<<" and key_node.style in (None, ""):
                self._problem(key_node, path, "merge keys (<<) are not supported; write the fields out in full")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.value == "":
                self._problem(key_node, path, "a key must be a plain word such as 'title'")
                continue
            key = key_node.value
            if key in first_seen:
                earlier = _position(first_seen[key])
                self._problem(key_node, path + (key,),
                              f"'{key}' appears twice in the same block (first on line {earlier.line}). "
                              "Remove one; YAML would silently keep only the last.")
                continue
            first_seen[key] = key_node
            self.parsed.keys[path + (key,)] = key_node
            result[key] = self.convert(value_node, path + (key,))
        return result

    def _problem(self, node: Node, path: Path, message: str) -> None:
        where = _position(node)
        self.problems.append(Problem(self.file, where.line, where.column, format_path(path), message))


def parse_yaml(raw: bytes, file: str) -> tuple[Parsed | None, list[Problem]]:
    """Parse one YAML document. Returns (parsed, problems); parsed is None if unreadable."""
    problems = _invalid_utf8(raw, file)
    if problems:
        return None, problems
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = _tab_indents(text, file)
    if problems:
        return None, problems
    try:
        documents = list(yaml.compose_all(text, Loader=LOADER))
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, file)]
    if len(documents) > 1:
        return None, [Problem(file, _position(documents[1]).line, 1, "",
                              "this file holds more than one YAML document (a second '---'); keep one per file")]
    converter = _Converter(file)
    if not documents or documents[0] is None:
        converter.parsed.data = {}
    else:
        converter.parsed.data = converter.convert(documents[0], ())
    return converter.parsed, converter.problems
