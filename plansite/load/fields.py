"""Field paths in messages: as a person would name them, beside the technical path.

    priority 3 (Drugs and alcohol) > action 3.2 > status (priorities[3].issues[1].actions[2].status)

Both count list items from 1, as people do. An action with a ref is named by it, and the issue
it sits under is left out: refs are unique within a priority, so "action 3.2" is enough.
"""
from __future__ import annotations

from typing import Any

from ..model.base import printable

Path = tuple[str | int, ...]

# What one item of each list is called. Lists of plain text items (places, notes) use the same
# names; "actions" and "flags" that hold refs or keys are named by ITEM_TEXT instead.
ITEM = {
    "priorities": "priority", "issues": "issue", "actions": "action", "indicators": "indicator",
    "targets": "target", "actuals": "result", "baseline": "baseline", "milestones": "milestone",
    "updates": "update", "lead": "lead", "executive": "executive", "partners": "partner",
    "you_said_we_did": "'you said, we did' entry", "sections": "section", "meetings": "meeting",
    "consultations": "consultation", "changes": "change", "themes": "theme", "findings": "finding",
    "flags": "flag", "emerging_issues": "emerging issue", "development": "development action",
    "responsible_authorities": "responsible authority", "governance": "group", "members": "member",
    "funding": "funding", "funders": "funder", "places": "place", "wards": "ward", "address": "address line",
    "other": "link", "related_strategies": "related strategy", "attendees": "attendee", "strands": "strand",
    "success_criteria": "success criterion", "associated_success_criteria": "associated success criterion",
    "activities": "activity", "notes": "note", "objectives": "objective", "vision_detail": "vision point",
    "remits": "remit", "status_words": "status word", "shared_mailbox_patterns": "shared mailbox pattern", "internal_notes": "internal note",
}
ITEM_TEXT = {"actions": "action ref", "flags": "flag"}
TITLE_FIELDS = ("title", "name", "id", "period", "key", "word", "date", "text")
SHOWN = 40  # characters of a title shown in a path


def technical_path(path: Path) -> str:
    """priorities[3].issues[1].actions[2].status: list items counted from 1."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{printable(part)}" if out else printable(part)
    return out


def _short(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = printable(" ".join(value.split()))
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"


def _title(item: Any, fields: tuple[str, ...] = TITLE_FIELDS) -> str | None:
    if isinstance(item, dict):
        for name in fields:
            if (shown := _short(item.get(name))) is not None:
                return shown
        return None
    return _short(item)


def _ref(item: Any, field: str = "ref") -> str | None:
    value = item.get(field) if isinstance(item, dict) else None
    return printable(" ".join(value.split())) if isinstance(value, str) and value.strip() and len(value) <= SHOWN else None


def human_path(path: Path, data: Any) -> str:
    """priority 3 (Drugs and alcohol) > action 3.2 > status."""
    parts: list[str] = []
    current, key = data, None
    i = 0
    while i < len(path):
        part = path[i]
        if isinstance(part, int):
            items = current if isinstance(current, list) else []
            item = items[part] if 0 <= part < len(items) else None
            nxt = path[i + 1: i + 3]
            if key == "issues" and len(nxt) == 2 and nxt[0] == "actions" and isinstance(nxt[1], int):
                actions = item.get("actions") if isinstance(item, dict) else None
                action = actions[nxt[1]] if isinstance(actions, list) and 0 <= nxt[1] < len(actions) else None
                if (ref := _ref(action)) is not None:
                    # Refs are unique within a priority: the issue adds nothing.
                    parts.append(f"action {ref}")
                    current, key, i = action, None, i + 3
                    continue
            parts.append(_item_label(key, part, item))
            current, key = item, None
        else:
            if i + 1 >= len(path) or not isinstance(path[i + 1], int):
                parts.append(printable(part))  # a list's own name is left out: its items are named instead
            current = current.get(part) if isinstance(current, dict) else None
            key = part
        i += 1
    return " > ".join(parts)


def _item_label(key: str | int | None, index: int, item: Any) -> str:
    number = index + 1
    if isinstance(item, (dict, list)) or item is None:
        name = ITEM.get(str(key), f"{printable(str(key))} item" if key else "item")
    elif str(key) in ITEM_TEXT and (value := _ref({"ref": item})) is not None:
        return f"{ITEM_TEXT[str(key)]} {value}"  # a ref or key names itself
    else:
        name = ITEM.get(str(key), f"{printable(str(key))} item" if key else "item")
    if key == "indicators" and (code := _ref(item, "code")) is not None:
        title = _title(item, ("name",))
        return f"indicator {code}" + (f" ({title})" if title else "")
    if key == "actions" and isinstance(item, dict) and (ref := _ref(item)) is not None:
        return f"action {ref}"
    if key in ("targets", "actuals", "baseline"):
        title = _title(item, ("period",))
    elif key in ("updates", "changes", "you_said_we_did"):
        title = _title(item, ("date",))
    elif key == "meetings":
        title = _title(item, ("title", "date"))
    elif key == "actions" and isinstance(item, dict):
        title = None  # an action's wording is long; its number is enough
    else:
        title = _title(item)
    return f"{name} {number}" + (f" ({title})" if title else "")


LONGEST = 12  # parts of a path shown; a deeper one (only ever a mistake) is shortened in the middle


def _shortened(text: str, separator: str) -> str:
    parts = text.split(separator)
    if len(parts) <= LONGEST:
        return text
    return separator.join(parts[:4] + ["…"] + parts[-3:])


def field_label(path: Path, data: Any = None) -> str:
    """The field as messages show it: the person's name for it, and the technical path beside it."""
    technical = technical_path(path)
    if not any(isinstance(part, int) for part in path):
        return _shortened(technical, ".")
    technical = technical if len(path) <= LONGEST else technical_path(path[:4]) + "…" + technical_path(path[-3:])
    return f"{_shortened(human_path(path, data), ' > ')} ({technical})"
