"""`plansite import-docx`: a plan written in Word, read into a draft edition.

Every plan in the seeds began as a Word document of tables. The importer reads its headings
and tables in order:

- Headings become priorities (the highest level used) and issues (the next level down).
- A table whose header names an action column is an action table. Its columns are mapped by
  their header words (Ref or No., Action or Activity, Lead or Responsible, Due, Timescale or
  By when, Status, Update or Progress, Target, Executive or Reports to, Issue or Objective).
- A table headed Indicator with Baseline or Target columns becomes the priority's indicators,
  their figures kept as words for a person to add numbers, units and directions to.
- Every cell it cannot place, and every paragraph that is not a heading, is kept as an internal
  note (never published), and listed in the report. Nothing is dropped.

The result is a draft edition, checked exactly as `plansite validate` checks, and written only
if it is valid. A person reviews it before it is published.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..load.loader import PlanErrors, display_path, load_plans
from ..model import ActionStatus
from ..model.actions import StatusVocabulary
from ..model.base import SLUG_PATTERN
from ..urls import slugify

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # a .docx is a zip: bound what it may unpack to

# Header words, tried in this order: "ACTION TO BE COMPLETED BY (DATE)" is a due date, not the action.
COLUMN_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("due", ("due", "timescale", "time scale", "by when", "completed by", "deadline", "date", "when")),
    ("executive", ("executive", "reports to", "reporting to", "sponsor", "accountable")),
    ("lead", ("lead", "responsible", "owner", "who")),
    ("status", ("status", "rag")),
    ("update", ("update", "progress", "comment")),
    ("target", ("target", "milestone", "success measure")),
    ("ref", ("ref", "no.", "no", "number", "#")),
    ("issue", ("issue", "objective", "theme", "outcome")),
    ("action", ("action", "activity", "activities", "task", "what we will do")),
]
# The notes teams write to themselves in plan tables (plans/README.md): internal, never published.
WORKING_NOTES = {"update requested", "suggested removal from plan", "?"}
BULLETS = "·•▪‣◦-–—*"
_REF = re.compile(r"^\s*((?:[A-Z]{1,4}\s?\.?\s?)?\d+(?:\.\d+)+)(?=\s|[A-Z(]|$)\s*")
_ISSUE_REF = re.compile(r"^\s*((?:[A-Z]{1,4}\s?){1,2}\s?\.?\s?\d+(?:\.\d+)*)\s*\.?\s+(\S.*)$")
_HEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\s*\.?\s*(\S.*)$")
_LEADING_DATE = re.compile(r"^(\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*[–—-]?\s*(\S.*)$")
_YEARS = re.compile(r"\b((?:19|20)\d{2})\s*(?:[-–/]|to)\s*((?:19|20)?\d{2})\b")
# Words that mark a job title, a group, or the kind of capitalised word group names are made of:
# a part of a lead cell containing one is a role or organisation, not a person's name.
TITLE_WORDS = {"manager", "officer", "co-ordinator", "c-ordinator", "coordinator", "inspector", "superintendent",
               "superintendant", "analyst", "chair", "head", "director", "chief", "sergeant", "constable",
               "commissioner", "principal", "adviser", "advisor", "lead", "worker", "clerk", "secretary", "assistant"}
GROUP_WORDS = {"group", "team", "partnership", "partnerships", "service", "services", "council", "police", "trust",
               "forum", "executive", "board", "panel", "unit", "initiative", "initiatives", "committee", "network",
               "agency", "department", "project", "programme", "authority", "office", "sub"}
COMMON_WORDS = {"community", "communities", "safer", "stronger", "safety", "delivery", "crime", "disorder", "reduction",
                "marketing", "media", "engagement", "involvement", "housing", "access", "youth", "offending", "fire",
                "health", "probation", "primary", "care", "drugs", "commissioning", "intelligence", "senior",
                "neighbourhood", "management", "district", "county", "borough", "city", "west", "east", "north", "south",
                "yorks", "yorkshire", "support", "family", "young", "people", "hate", "domestic", "violence", "equality",
                "local", "area", "operations", "offender", "strategic", "and", "of", "the", "for"}
NOT_NAME_WORDS = TITLE_WORDS | GROUP_WORDS | COMMON_WORDS


class ImportError_(Exception):
    """The document could not be imported; the message says why. Nothing was written."""


@dataclass
class Report:
    placed: dict[str, int] = field(default_factory=dict)
    not_placed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # privacy warnings on the draft, as validate gives them

    def count(self, what: str, n: int = 1) -> None:
        self.placed[what] = self.placed.get(what, 0) + n


@dataclass
class Para:
    text: str
    bullet: bool = False


def _clean(text: str) -> str:
    return " ".join(text.split())


MAX_NESTING = 3  # tables inside table cells: deeper ones are read as plain text


def _paragraphs(cell, depth: int = 0) -> list[Para]:
    found = []
    for paragraph in cell.paragraphs:
        text = _clean(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        bullet = "List" in style or (text[0] in BULLETS and len(text) > 1 and text[1] == " ")
        if text[0] in BULLETS and (len(text) == 1 or text[1] == " "):
            text = text[1:].strip()
            bullet = True
        if text:
            found.append(Para(text, bullet))
    for table in cell.tables:  # a table inside a cell: its text is kept, in reading order
        if depth >= MAX_NESTING:
            text = _clean(" ".join(table._tbl.itertext()))
            if text:
                found.append(Para(text))
            continue
        for row in table.rows:
            for inner in _unique(row.cells):
                found += _paragraphs(inner, depth + 1)
    return found


def _unique(cells) -> list:
    """A row's cells, each once: a cell merged across columns is returned once per column by python-docx."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def map_columns(headers: list[str]) -> list[str | None]:
    """The role of each column from its header's words, or None; each role is used once."""
    roles: list[str | None] = []
    taken: set[str] = set()
    for header in headers:
        words = " " + re.sub(r"[^a-z0-9.#]+", " ", header.lower()).strip() + " "
        role = None
        for name, phrases in COLUMN_WORDS:
            if name in taken:
                continue
            if any(f" {p} " in words or (p.endswith(".") and f" {p}" in words) for p in phrases):
                role = name
                break
        if role:
            taken.add(role)
        roles.append(role)
    return roles


def _name_word(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+", word)) \
        and word.lower() not in NOT_NAME_WORDS


def _looks_like_name(words: list[str]) -> bool:
    return 2 <= len(words) <= 3 and all(_name_word(w) for w in words)


def parse_leads(paras: list[Para]) -> list[dict[str, str]]:
    """People and groups in a lead cell: a name is stored as name (published only with consent), the rest as role."""
    text = ", ".join(p.text for p in paras)
    parts: list[str] = []
    for chunk in re.split(r"\s*,\s*|\s+[–—]\s+", text):
        chunk = chunk.strip(" ,")
        if not chunk:
            continue
        # "Gemma Hazeltine/Wendy Hall": two people.
        pieces = chunk.split("/")
        if len(pieces) > 1 and _looks_like_name(pieces[0].split()):
            parts += [p.strip() for p in pieces if p.strip()]
        else:
            parts.append(chunk)
    leads: list[dict[str, str]] = []
    for part in parts:
        words = part.split()
        if len(words) in (4, 6) and all(_name_word(w) for w in words):
            # "Dawn Gaukrodger Sarah Manfredi": people listed without a separator.
            leads += [{"name": " ".join(words[n:n + 2])} for n in range(0, len(words), 2)]
            continue
        name = rest = None
        if _looks_like_name(words):
            name = part
        else:
            for size in (2, 3):
                if len(words) > size and _looks_like_name(words[:size]) and not _name_word(words[size]):
                    name, rest = " ".join(words[:size]), " ".join(words[size:])
                    break
        if name:
            lead = {"name": name}
            if rest:
                lead["role"] = rest
            leads.append(lead)
        elif leads and "name" in leads[-1] and "role" not in leads[-1]:
            leads[-1]["role"] = part  # "Derek Benn, Community Safety Manager"
        elif leads and "name" in leads[-1] and "organisation" not in leads[-1]:
            leads[-1]["organisation"] = part
        else:
            leads.append({"role": part})
    return [{k: lead[k] for k in ("role", "organisation", "name") if k in lead} for lead in leads]


def _status(text: str, vocabulary: StatusVocabulary) -> str | None:
    """The text as a status if it is one (COMPLETED, amber), else None."""
    if ActionStatus._missing_(text) is not None or vocabulary.lookup(text) is not None:
        return text.lower() if ActionStatus._missing_(text) is not None else text
    return None


def _update(text: str) -> dict[str, str]:
    if m := _LEADING_DATE.match(text):
        return {"date": m[1], "text": m[2]}
    return {"text": text}


@dataclass
class _Table:
    number: int
    rows: list[list[list[Para]]]


class DocxReader:
    def __init__(self, path: Path, vocabulary: StatusVocabulary):
        self.path = path
        self.vocabulary = vocabulary
        self.report = Report()
        self.title: str | None = None
        self.priorities: list[dict] = []
        self.edition_notes: list[str] = []

    # -- Reading ---------------------------------------------------------------------------

    def read(self) -> None:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        try:
            document = docx.Document(str(self.path))
        except Exception as error:  # python-docx raises several kinds for files that are not Word documents
            raise ImportError_(f"{display_path(self.path)} cannot be read as a Word document (.docx): {error}") from None
        items: list[tuple[str, object]] = []
        tables = 0
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = _clean(block.text)
                if not text:
                    continue
                style = (block.style.name if block.style is not None else "") or ""
                if style == "Title":
                    items.append(("title", text))
                elif m := re.match(r"Heading (\d)", style):
                    items.append((f"h{m[1]}", text))
                else:
                    items.append(("p", text))
            elif isinstance(block, Table):
                tables += 1
                rows = [[_paragraphs(c) for c in _unique(row.cells)] for row in block.rows]
                items.append(("table", _Table(tables, rows)))
        self.title = next((text for kind, text in items if kind == "title"), None) or document.core_properties.title or None
        levels = sorted({int(kind[1]) for kind, _ in items if kind.startswith("h")})
        top = levels[0] if levels else None
        priority: dict | None = None
        issue: dict | None = None
        for kind, value in items:
            if kind == "title":
                continue
            if kind.startswith("h") and int(kind[1]) == top:
                priority = self._priority(value)
                issue = None
            elif kind.startswith("h"):
                if priority is None:
                    priority = self._priority("Actions not under a heading")
                issue = {"title": value, "actions": []}
                priority["issues"].append(issue)
                self.report.count("issues")
            elif kind == "p":
                where = priority["internal_notes"] if priority else self.edition_notes
                where.append(f"Text in the document: {value}")
                self.report.not_placed.append(f"paragraph: {value[:70]}{'...' if len(value) > 70 else ''}")
            elif kind == "table":
                if priority is None:
                    priority = self._priority("Actions not under a heading")
                    self.report.notes.append("a table came before any heading: its actions are under a priority "
                                             "called 'Actions not under a heading'; rename it")
                issue = self._table(value, priority, issue)

    def _priority(self, heading: str) -> dict:
        ref, title = (None, heading)
        if m := _HEADING_NUMBER.match(heading):
            ref, title = m[1], m[2]
        priority = {"ref": ref, "title": title, "issues": [], "indicators": [], "internal_notes": []}
        self.priorities.append(priority)
        self.report.count("priorities")
        return priority

    def _table(self, table: _Table, priority: dict, issue: dict | None) -> dict | None:
        if not table.rows:
            return issue
        headers = [" ".join(p.text for p in cell) for cell in table.rows[0]]
        roles = map_columns(headers)
        if "action" in roles:
            self.report.count("action tables")
            return self._action_table(table, headers, roles, priority, issue)
        lowered = [h.lower() for h in headers]
        if lowered and any("indicator" in h or "measure" in h for h in lowered[:1]) and any(
                "baseline" in h or "target" in h for h in lowered[1:]):
            self.report.count("indicator tables")
            self._indicator_table(table, headers, priority)
            return issue
        self.report.count("tables not placed")
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row):
                for para in cell:
                    priority["internal_notes"].append(f"Table {table.number}, row {r}, column {c + 1}: {para.text}")
        self.report.not_placed.append(f"table {table.number} (headers: {', '.join(h for h in headers if h) or 'none'}): "
                                      "no Action column, so every cell was kept as an internal note")
        return issue

    def _action_table(self, table: _Table, headers: list[str], roles: list[str | None], priority: dict,
                      issue: dict | None) -> dict | None:
        for r, row in enumerate(table.rows[1:], start=2):
            cells = {role: row[c] if c < len(row) else [] for c, role in enumerate(roles) if role}
            extra = [(headers[c] or f"column {c + 1}", row[c]) for c, role in enumerate(roles) if role is None and c < len(row)]
            if not any(row):
                continue
            where = f"table {table.number}, row {r}"
            issue_text = " ".join(p.text for p in cells.get("issue", []))
            if issue_text:
                issue = self._issue(issue_text, priority, issue)
            if issue is None:
                issue = {"title": None, "actions": []}
                priority["issues"].append(issue)
            action_paras = cells.get("action", [])
            if not action_paras:
                for role, paras in cells.items():
                    if role != "issue":
                        for para in paras:
                            priority["internal_notes"].append(f"{where}, {role}: {para.text}")
                            self.report.not_placed.append(f"{where}: '{para.text[:60]}' under {role}, in a row with no action")
                for header, paras in extra:
                    for para in paras:
                        priority["internal_notes"].append(f"{where}, {header}: {para.text}")
                        self.report.not_placed.append(f"{where}: '{para.text[:60]}' under '{header}', in a row with no action")
                continue
            issue["actions"].append(self._action(where, cells, extra, action_paras))
            self.report.count("actions")
        return issue

    def _issue(self, text: str, priority: dict, issue: dict | None) -> dict:
        ref, title = None, text
        if m := _ISSUE_REF.match(text):
            ref, title = m[1].strip(), m[2].strip()
        elif m := re.fullmatch(r"\s*((?:[A-Z]{1,4}\s?){1,2}\s?\.?\s?\d+(?:\.\d+)*)\s*\.?\s*", text):
            ref, title = m[1].strip(), None
        if ref and len(ref) > 40:
            ref, title = None, text
        if issue is not None and (
                (title and issue.get("title") and title.lower() == issue["title"].lower() and (not ref or ref == issue.get("ref")))):
            return issue  # the issue cell repeats the issue above: same issue
        found = {"ref": ref, "title": title, "actions": []}
        priority["issues"].append(found)
        self.report.count("issues")
        return found

    def _action(self, where: str, cells: dict[str, list[Para]], extra, paras: list[Para]) -> dict:
        report = self.report
        action: dict = {"#": where}
        notes: list[str] = []
        first = paras[0].text
        ref = " ".join(p.text for p in cells.get("ref", [])) or None
        if ref is None and (m := _REF.match(first)) and len(m[1]) <= 40:
            ref, first = m[1], first[m.end():]
        if ref and (len(ref) > 40 or ref != ref.strip()):
            notes.append(f"Ref as written: {ref}")
            ref = None
        if ref:
            action["ref"] = ref
            report.count("refs")
        body, updates = [first] if first else [], []
        seen_bullet = False
        for para in paras[1:]:
            seen_bullet = seen_bullet or para.bullet
            if seen_bullet:
                updates.append(para.text)
            else:
                body.append(para.text)
        action["text"] = "\n".join(body) or first or paras[0].text
        for role in ("lead", "executive"):
            if cells.get(role):
                action[role] = parse_leads(cells[role])
                report.count("leads" if role == "lead" else "executives")
        due_paras = [p.text for p in cells.get("due", [])]
        due_text = "; ".join(due_paras)
        if due_text:
            # "COMPLETED" in the date column is the action's status; "Ongoing" is a timescale.
            status = _status(due_text, self.vocabulary)
            if status and ActionStatus._missing_(due_text) is not ActionStatus.ONGOING:
                action["status"] = status
                report.count("statuses")
            elif due_text.lower() in WORKING_NOTES or not re.search(r"[A-Za-z0-9]", due_text):
                notes.append(due_text)
            else:
                action["due"] = due_text
                report.count("due dates")
        for para in cells.get("status", []):
            status = _status(para.text, self.vocabulary)
            if status and "status" not in action:
                action["status"] = status
                report.count("statuses")
            else:
                notes.append(f"Status: {para.text}")
                report.not_placed.append(f"{where}: status '{para.text}' is not a status this plan uses "
                                         "(declare it in status_words in partnership.yaml)")
        updates += [p.text for p in cells.get("update", [])]
        kept = []
        for text in updates:
            if text.lower() in WORKING_NOTES:
                notes.append(text)
            else:
                kept.append(_update(text))
        if kept:
            action["updates"] = kept
            report.count("updates", len(kept))
        targets = [p.text for p in cells.get("target", [])]
        if targets:
            action["milestones"] = [{"target": t} for t in targets]
            report.count("milestones", len(targets))
        for header, cell in extra:
            for para in cell:
                notes.append(f"{header}: {para.text}")
                report.not_placed.append(f"{where}: '{para.text[:60]}' under '{header}'")
        status = ActionStatus._missing_(action.get("status", "")) if action.get("status") else None
        found = self.vocabulary.lookup(action["status"]) if action.get("status") and status is None else None
        if (status or (found.status if found else None)) in (ActionStatus.NOT_PROGRESSED, ActionStatus.REMOVED):
            action["status_reason"] = "Not stated in the document: say why."
            report.notes.append(f"{where}: status {action['status']} needs a reason; a placeholder was written")
        if notes:
            action["internal_notes"] = notes
            report.count("internal notes", len(notes))
        return action

    def _indicator_table(self, table: _Table, headers: list[str], priority: dict) -> None:
        periods = []
        for header in headers:
            m = re.search(r"\b(\d{4}/\d{2})\b", header)
            periods.append(m[1] if m else None)
        for r, row in enumerate(table.rows[1:], start=2):
            if not any(row):
                continue
            name = " ".join(p.text for p in row[0]) if row else ""
            if not name:
                continue
            code = None
            if m := re.match(r"^([A-Z]{1,4}\s?\d+[a-z]?)\b\s*(.*)$", name):
                code, name = m[1].replace(" ", ""), m[2] or m[1]
            indicator: dict = {"name": name}
            if code:
                indicator["code"] = code
            notes = []
            for c, cell in enumerate(row[1:], start=1):
                text = "; ".join(p.text for p in cell)
                if not text or c >= len(headers):
                    if text:
                        notes.append(text)
                    continue
                if "baseline" in headers[c].lower():
                    indicator.setdefault("baseline", []).append({"text": text})
                elif periods[c]:
                    indicator.setdefault("targets", []).append({"period": periods[c], "text": text})
                else:
                    notes.append(f"{headers[c]}: {text}")
                    self.report.not_placed.append(f"table {table.number}, row {r}: '{text[:60]}' under '{headers[c]}'")
            if notes:
                priority["internal_notes"] += [f"Indicator {code or name}: {n}" for n in notes]
            priority["indicators"].append(indicator)
            self.report.count("indicators")

    # -- Writing -------------------------------------------------------------------------

    def edition_yaml(self, *, title: str, label: str, start: date, end: date, source_name: str, today: date) -> str:
        lines = [
            "# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json",
            "#",
            f"# Imported from {source_name} with 'plansite import-docx' on {today.isoformat()}. A draft:",
            "# check every field against the document, then change status to published.",
            "# - Leads: a person's name is in name (published only with publish_name: true), and what",
            "#   else the cell said in role or organisation. Check them: the import guesses which is which.",
            "# - Indicator figures are kept as words; add value, unit and direction where they are numbers.",
            "# - Internal notes hold what the import could not place. They are never published.",
            "",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            "period:",
            f"  label: {json.dumps(label)}",
            f"  start: {start.isoformat()}",
            f"  end: {end.isoformat()}",
            "status: draft         # draft, published or superseded",
        ]
        if self.edition_notes:
            lines.append("internal_notes:")
            lines += [f"  - {json.dumps(n, ensure_ascii=False)}" for n in self.edition_notes]
        lines.append("")
        lines.append("priorities:")
        ids: set[str] = set()
        for priority in self.priorities:
            base = slugify(priority["title"])[:60].strip("-") or "priority"
            pid, n = base, 2
            while pid in ids:
                pid, n = f"{base}-{n}", n + 1
            ids.add(pid)
            body: dict = {"id": pid}
            if priority["ref"]:
                body["ref"] = priority["ref"]
            body["title"] = priority["title"]
            self._unique_refs(priority)
            issues = []
            for issue in priority["issues"]:
                item = {k: issue[k] for k in ("ref", "title") if issue.get(k)}
                item["actions"] = issue["actions"]
                issues.append(item)
            if issues:
                body["issues"] = issues
            if priority["indicators"]:
                body["indicators"] = priority["indicators"]
            if priority["internal_notes"]:
                body["internal_notes"] = priority["internal_notes"]
            lines += _emit([body], 1)
        return "\n".join(lines) + "\n"

    def _unique_refs(self, priority: dict) -> None:
        """Refs must be unique within a priority: a repeated one is kept as a note instead."""
        seen: set[str] = set()
        for issue in priority["issues"]:
            for action in issue["actions"]:
                ref = action.get("ref")
                if ref and ref in seen:
                    del action["ref"]
                    action.setdefault("internal_notes", []).append(
                        f"The document gives this action the ref {ref}, as an earlier action under this priority.")
                    self.report.notes.append(f"{action['#']}: ref {ref} is used twice under '{priority['title']}'; "
                                             "the second is kept as an internal note")
                elif ref:
                    seen.add(ref)


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _emit(value, level: int) -> list[str]:
    """Block YAML for dicts, lists and strings, every string quoted; a '#' key becomes a comment."""
    pad = "  " * level
    lines: list[str] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                inner = _emit(item, level + 1)
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                lines += inner[:first]
                lines.append(pad + "- " + inner[first].lstrip())
                lines += inner[first + 1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
        return lines
    for key, item in value.items():
        if key == "#":
            lines.append(f"{pad}# {item}")
        elif isinstance(item, (dict, list)):
            if not item:
                continue
            lines.append(f"{pad}{key}:")
            lines += _emit(item, level + (1 if isinstance(item, dict) else 1))
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}")
    return lines


def _period(text: str) -> tuple[str, date, date] | None:
    if m := _YEARS.search(text):
        first = int(m[1])
        second = int(m[2]) if len(m[2]) == 4 else (first // 100) * 100 + int(m[2])
        if second > first:
            return f"{first}-{second}", date(first, 4, 1), date(second, 3, 31)
    return None


def import_docx(path: Path, plans_dir: Path, slug: str, *, edition_id: str | None, period: str | None,
                today: date) -> tuple[Path, Report]:
    folder = plans_dir / slug
    if not (folder / "partnership.yaml").is_file():
        raise ImportError_(f"there is no partnership '{slug}' in {display_path(plans_dir)}. Make it first with "
                           f"'plansite new {slug}', then import the plan into it")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportError_(f"{display_path(path)} cannot be read: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise ImportError_(f"{display_path(path)} is larger than a plan document should be ({MAX_FILE_BYTES // 2**20} MB at most)")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ImportError_(f"{display_path(path)} is not a Word document (.docx). Save it from Word as "
                           "'Word Document (.docx)' and try again") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportError_(f"{display_path(path)} unpacks to far more data than a plan document holds, so it is not read")
    if edition_id is not None and not re.match(SLUG_PATTERN, edition_id):
        raise ImportError_(f"'{edition_id}' cannot be an edition id: use lower-case letters, digits and single hyphens, "
                           "like '2008-2011-imported'")
    try:
        catalogue = load_plans(plans_dir)
    except PlanErrors as errors:
        raise ImportError_(errors.report("The plans have problems of their own, so nothing was imported; fix them first.")) from None
    plans = catalogue.get(slug)
    reader = DocxReader(path, StatusVocabulary.of(plans.data.status_words))
    reader.read()
    if not reader.priorities:
        raise ImportError_(f"{display_path(path)} has no headings or tables that look like a plan, so nothing was imported")
    title = reader.title or path.stem
    found = _period(period) if period else _period(title)
    if found is None:
        raise ImportError_(f"the plan's years are not in its title ('{title}'). Give them with --period, e.g. --period 2008-2011"
                           if not period else f"'{period}' is not a period of years; write it like 2008-2011")
    label, start, end = found
    edition_id = edition_id or f"{label}-imported"
    target = folder / "editions" / f"{edition_id}.yaml"
    if target.exists():
        raise ImportError_(f"{display_path(target)} already exists; nothing is overwritten. Choose another id with --edition")
    text = reader.edition_yaml(title=title, label=label, start=start, end=end, source_name=path.name, today=today)
    reader.report.warnings = _check(text, folder, edition_id, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target, reader.report


def _check(text: str, folder: Path, edition_id: str, target: Path) -> list[str]:
    """Load the new edition with its partnership, exactly as `plansite validate` does, before it is written.

    Returns its privacy warnings (names and numbers in text that would be published).
    """
    scratch = Path(tempfile.mkdtemp(prefix="plansite-docx-"))
    try:
        copy = scratch / "plans" / folder.name
        (copy / "editions").mkdir(parents=True)
        shutil.copy(folder / "partnership.yaml", copy / "partnership.yaml")
        (copy / "editions" / f"{edition_id}.yaml").write_text(text, encoding="utf-8")
        shown = display_path(copy / "editions" / f"{edition_id}.yaml")
        try:
            catalogue = load_plans(scratch / "plans")
        except PlanErrors as errors:
            lines = [str(p).replace(shown, display_path(target)) for p in errors.problems]
            raise ImportError_("the draft made from the document does not validate, so it was not written:\n"
                               + "\n".join(lines)) from None
        return [str(w).replace(shown, display_path(target)) for w in catalogue.warnings if w.file == shown]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def format_report(path: Path, written: Path, report: Report) -> str:
    order = ["priorities", "issues", "action tables", "actions", "refs", "leads", "executives", "due dates", "statuses",
             "updates", "milestones", "indicator tables", "indicators", "internal notes", "tables not placed"]
    singular = {"priorities": "priority", "tables not placed": "table not placed", "statuses": "status",
                "indicators": "indicator"}

    def counted(key: str) -> str:
        n = report.placed[key]
        if n != 1:
            return f"{n} {key}"
        return f"1 {singular.get(key) or key.replace('notes', 'note').replace('tables', 'table').rstrip('s')}"

    placed = ", ".join(counted(k) for k in order if report.placed.get(k))
    lines = [f"Read {display_path(path)}.", f"Placed: {placed}."]
    if report.not_placed:
        lines.append(f"Not placed, kept as internal notes (never published): {len(report.not_placed)}")
        lines += [f"  - {item}" for item in report.not_placed]
    else:
        lines.append("Not placed: nothing; every cell found a field.")
    lines += [f"Note: {note}." for note in report.notes]
    if report.warnings:
        lines.append(f"Before publishing, check these {len(report.warnings)} privacy warnings (plansite validate gives them too):")
        lines += [f"  {w}" for w in report.warnings]
    lines.append(f"Wrote {display_path(written)} as a draft. Check it against the document, then set status: published "
                 "and run 'plansite validate'.")
    return "\n".join(lines)
