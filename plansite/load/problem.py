"""One problem with the plans, as people read it: file:line:column: field: message, on one line."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.base import printable

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
    path: Path = field(default=(), compare=False, repr=False)  # the field's path in the file's data

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        # One line, whatever a file name, field name or value holds.
        return printable(f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}")
