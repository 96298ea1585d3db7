"""Turn pydantic's validation errors into plain English for the people who edit plans."""
from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel

from ..model.base import EMAIL_PATTERN, NUMBER_HELP, SLUG_PATTERN, closest, printable, shown
from .fields import field_label
from .yamlsafe import MAX_PROBLEMS, Parsed, Path, Problem


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{shown(value)}'"
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """The model class that holds the last part of loc, for suggesting field names."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _innermost_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _innermost_model(typing.get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _innermost_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _pattern_message(value: Any, pattern: str) -> str:
    if pattern == SLUG_PATTERN:
        return f"{_shown(value)} must be lower-case letters, digits and single hyphens, like 'tackling-crime'"
    if pattern == EMAIL_PATTERN:
        return f"{_shown(value)} is not an email address"
    if pattern.startswith("^https?://"):
        return f"{_shown(value)} is not a web address; it must start with https:// or http://"
    return f"{_shown(value)} has spaces at the start or end, or is not in the expected form"


def describe(error: dict[str, Any], root_model: type[BaseModel]) -> tuple[Path, str, bool]:
    """Return (path, message, point_at_key) for one pydantic error."""
    loc: Path = tuple(part for part in error["loc"] if not _is_internal(part))
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = loc[-1] if loc else ""

    if kind == "missing":
        return loc, "is required but missing", False
    if kind == "extra_forbidden":
        holder = _model_at(root_model, loc)
        names = list(holder.model_fields) if holder else []
        hint = closest(str(field), names) if names else None
        suggestion = f" Did you mean '{hint}'?" if hint else (f" Known fields here: {', '.join(names)}." if names else "")
        name = printable(str(field))  # as written: a stray space or line break in a name is the mistake to see
        name = name if len(name) <= 40 else name[:39] + "…"
        return loc, f"'{name}' is not a field Plansite knows.{suggestion}", True
    if kind.startswith("plansite_"):
        return loc, error["msg"], False
    if kind in ("string_type",):
        return loc, f"must be text, but {_shown(value)} was given", False
    if kind in ("list_type",):
        return loc, f"must be a list (one item per line, each starting with '- '), but {_shown(value)} was given", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"must be a block of fields (name: value), but {_shown(value)} was given", False
    if kind in ("decimal_parsing", "float_parsing", "decimal_type", "float_type"):
        return loc, f"{_shown(value)} is not a number. {NUMBER_HELP}", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return loc, f"{_shown(value)} is not a whole number", False
    if kind in ("greater_than", "greater_than_equal"):
        bound = f"at least {ctx['ge']}" if "ge" in ctx else f"more than {ctx.get('gt')}"
        return loc, f"{_shown(value)} is too small: it must be {bound}", False
    if kind in ("less_than", "less_than_equal"):
        return loc, f"{_shown(value)} is too large: it can be at most {ctx.get('le', ctx.get('lt')):,}", False
    if kind in ("finite_number",):
        return loc, f"{_shown(value)} must be an ordinary number", False
    if kind.startswith("date") or kind.startswith("datetime"):
        return loc, f"{_shown(value)} is not a date. Write dates as YYYY-MM-DD, like 2009-11-18.", False
    if kind == "string_too_short":
        return loc, "must not be empty", False
    if kind == "string_too_long":
        length = f"{len(value):,} characters long" if isinstance(value, str) else "too long"
        return loc, f"is {length}; it can be at most {ctx.get('max_length')} characters. Shorten it.", False
    if kind == "string_pattern_mismatch":
        return loc, _pattern_message(value, str(ctx.get("pattern", ""))), False
    if kind == "value_error":
        return loc, str(error["msg"]).removeprefix("Value error, "), False
    message = str(error["msg"])
    return loc, message[0].lower() + message[1:], False


def _is_internal(part: Any) -> bool:
    # pydantic adds union branch and validator names to locations; people never wrote them.
    return isinstance(part, str) and (part.startswith("function-") or "[" in part or part in ("union_tag",))


def problems_from_validation(
    errors: list[dict[str, Any]], parsed: Parsed, file: str, root_model: type[BaseModel]
) -> list[Problem]:
    problems = []
    seen = set()
    for error in errors:
        if len(problems) >= MAX_PROBLEMS:
            last = problems[-1]
            problems.append(Problem(file, last.line, last.column, "",
                                    f"and {len(errors) - MAX_PROBLEMS:,} more problems like these, not listed"))
            break
        path, message, at_key = describe(error, root_model)
        if parsed.is_flagged(path):
            continue  # already reported while reading the file, in plainer words
        position = parsed.where(path, key=at_key) if at_key else (
            parsed.where(path[:-1]) if error["type"] == "missing" else parsed.where(path)
        )
        problem = Problem(file, position.line, position.column, field_label(path, parsed.data), message, path=path)
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    return problems
