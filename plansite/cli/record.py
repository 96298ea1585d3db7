"""Publishing without hand-editing YAML: `plansite update`, `plansite said` and `plansite import`.

Each record goes in a new file under plans/<partnership>/updates/, so nothing already
written is touched and every comment survives. The partnership and edition named on the
command line are checked before any path is made from them, and the new file is checked
together with all the plans before it is saved; a record that would make the plans invalid
is refused, naming the option to change, and nothing is written.
"""
from __future__ import annotations

import json
import re
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..load.loader import MAX_SLUG, PlanErrors, display_path, load_plans
from ..load.yamlsafe import FORBIDDEN, MAX_TEXT, Problem, character_name
from ..model.base import SLUG_PATTERN, shown
from ..urls import slugify

HEADER = "# yaml-language-server: $schema=../../../plansite/schemas/update.schema.json\n"


class RecordRefused(Exception):
    """The record was not saved. The message says why, with file:line where it helps."""


@dataclass
class Saved:
    path: Path
    warnings: list[str]


def _quote(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: 1.10, no and 2009 all stay text.
    return json.dumps(value, ensure_ascii=False)


# The record's fields, as the options that set them.
OPTIONS = {
    ("action",): "action-ref", ("edition",): "--edition",
    ("progress", "text"): "--note", ("progress", "status"): "--status", ("progress", "status_reason"): "--reason",
    ("progress", "due"): "--due", ("progress", "date"): "--date", ("progress", "publish_from"): "--publish-from",
    ("progress", "significant"): "--significant", ("progress", "draft"): "--draft",
    ("you_said_we_did", "said"): "--said", ("you_said_we_did", "source"): "--source", ("you_said_we_did", "did"): "--did",
    ("you_said_we_did", "reached"): "--reached", ("you_said_we_did", "actions"): "--actions",
    ("you_said_we_did", "date"): "--date", ("you_said_we_did", "publish_from"): "--publish-from",
    ("you_said_we_did", "significant"): "--minor", ("you_said_we_did", "draft"): "--draft",
    ("progress",): "--status",  # the one check on a whole update: a status that needs a reason
}
# Field names in messages, as the options a person types.
OPTION_WORDS = {"a status_reason": "--reason"}


def _option(problem: Problem) -> str:
    path = tuple(problem.path)
    while path and path not in OPTIONS:
        path = path[:-1]
    return OPTIONS.get(path, "the new record")


def _in_option_words(message: str) -> str:
    for field_name, option in OPTION_WORDS.items():
        message = message.replace(field_name, option)
    return message


def _partnership(plans_dir: Path, slug: str) -> Path:
    """The partnership's folder, checked before any path is made from the name given."""
    folder = plans_dir / slug if re.fullmatch(SLUG_PATTERN, slug) and len(slug) <= MAX_SLUG else None
    if folder is None or not (folder / "partnership.yaml").is_file():
        known = sorted(p.name for p in plans_dir.iterdir() if (p / "partnership.yaml").is_file()) if plans_dir.is_dir() else []
        choices = f" Choose one of: {', '.join(known)}." if known else ""
        raise RecordRefused(f"there is no partnership '{shown(slug)}' in {display_path(plans_dir)}.{choices}")
    return folder


def _check_texts(texts: dict[str, str | None]) -> None:
    """What was typed, before it goes in a file: nothing invisible, nothing too long."""
    for option, text in texts.items():
        if text is None:
            continue
        if (bad := FORBIDDEN.search(text)) is not None:
            raise RecordRefused(f"{option}: the text contains an invisible {character_name(ord(bad[0]))} "
                                f"(U+{ord(bad[0]):04X}); type it again without it.")
        if len(text) > MAX_TEXT:
            raise RecordRefused(f"{option}: the text is {len(text):,} characters long; it can be at most {MAX_TEXT:,}.")


def _target(plans_dir: Path, slug: str, day: date, label: str, kind: str, taken: set[Path] = frozenset()) -> Path:
    # The kind in the name (.progress.yaml, .said.yaml) is how the form editor lists each kind.
    folder = plans_dir / slug / "updates"
    stem = f"{day.isoformat()}-{slugify(label)[:40].rstrip('-')}"
    path, n = folder / f"{stem}.{kind}.yaml", 2
    while path.exists() or path in taken:
        path, n = folder / f"{stem}-{n}.{kind}.yaml", n + 1
    return path


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file and rename, so a half-written record can never be read.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@dataclass
class Record:
    """One record, ready to save: the day and label name its file, the text is its YAML."""

    day: date
    label: str
    text: str
    kind: str  # progress, said, result or note: the file's name says it (plansite.model.updates.RECORD_KINDS)


class RecordsRefused(RecordRefused):
    """Records checked together were refused; `errors` holds each problem, `paths` the file each record would have had."""

    def __init__(self, message: str, errors: PlanErrors | None, paths: list[Path]):
        super().__init__(message)
        self.errors = errors
        self.paths = paths


def save_records(plans_dir: Path, slug: str, records: list[Record]) -> list[Saved]:
    """Check every record together with all the plans, then save them all, or none.

    Each record gets a new file under plans/<slug>/updates/; nothing already written changes.
    """
    _partnership(plans_dir, slug)
    paths: list[Path] = []
    for record in records:
        paths.append(_target(plans_dir, slug, record.day, record.label, record.kind, set(paths)))
    contents = {path: record.text.encode("utf-8") for path, record in zip(paths, records)}
    try:
        catalogue = load_plans(plans_dir, extra=contents)
    except PlanErrors as errors:
        raise RecordsRefused(errors.report("Nothing was saved."), errors, paths) from None
    written: list[Path] = []
    try:
        for path, content in contents.items():
            _write(path, content)
            written.append(path)
    except OSError as error:
        for done in written:  # all or nothing: take back what was written before the failure
            done.unlink(missing_ok=True)
        raise RecordRefused(f"could not write {display_path(path)}: {error.strerror}. Nothing was saved.") from None
    saved = []
    for path in paths:
        shown = display_path(path)
        saved.append(Saved(path, [str(w) for w in catalogue.warnings if w.file == shown]))
    return saved


def progress_record(ref: str, *, note: str, day: date, status: str | None = None, significant: bool = False,
                    edition: str | None = None, due: str | None = None, draft: bool = False,
                    publish_from: date | None = None, written_date: str | None = None, reason: str | None = None,
                    origin: str = "added with 'plansite update'") -> Record:
    """A progress update on an action. written_date keeps a date as the person wrote it ('March 2010')."""
    lines = [HEADER, f"# Progress on action {_quote(ref)}, {origin}.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    shown_date = _quote(written_date) if written_date else day.isoformat()
    lines += [f"action: {_quote(ref)}\n", "progress:\n", f"  date: {shown_date}\n", f"  text: {_quote(note)}\n"]
    if status:
        lines.append(f"  status: {_quote(status)}\n")
    if reason:
        lines.append(f"  status_reason: {_quote(reason)}\n")
    if due:
        lines.append(f"  due: {_quote(due)}\n")
    lines.append(f"  significant: {'true' if significant else 'false'}\n")
    if draft:
        lines.append("  draft: true\n")
    if publish_from:
        lines.append(f"  publish_from: {publish_from.isoformat()}\n")
    return Record(day, ref, "".join(lines), "progress")


def said_record(*, said: str, source: str, did: str, actions: list[str], day: date, reached: str | None = None,
                edition: str | None = None, significant: bool = True, draft: bool = False,
                publish_from: date | None = None, origin: str = "added with 'plansite said'") -> Record:
    lines = [HEADER, f"# A 'you said, we did' entry, {origin}.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    lines += ["you_said_we_did:\n", f"  date: {day.isoformat()}\n", f"  said: {_quote(said)}\n", f"  source: {_quote(source)}\n"]
    if reached:
        lines.append(f"  reached: {_quote(reached)}\n")
    lines.append(f"  did: {_quote(did)}\n")
    lines.append("  actions: [" + ", ".join(_quote(a) for a in actions) + "]\n")
    lines.append(f"  significant: {'true' if significant else 'false'}\n")
    if draft:
        lines.append("  draft: true\n")
    if publish_from:
        lines.append(f"  publish_from: {publish_from.isoformat()}\n")
    return Record(day, said, "".join(lines), "said")


def result_record(indicator: str, *, period: str, day: date, value: str | None = None, text: str | None = None,
                  note: str | None = None, edition: str | None = None, origin: str) -> Record:
    """A result (actual) for an indicator, for one period. value is the number as written, e.g. '19.1'."""
    lines = [HEADER, f"# A result for indicator {_quote(indicator)}, {origin}.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    lines += [f"indicator: {_quote(indicator)}\n", "result:\n", f"  period: {_quote(period)}\n"]
    if value is not None:
        lines.append(f"  value: {_quote(value)}\n")
    if text:
        lines.append(f"  text: {_quote(text)}\n")
    if note:
        lines.append(f"  note: {_quote(note)}\n")
    return Record(day, f"{indicator}-{period}", "".join(lines), "result")


def note_record(ref: str, notes: list[str], *, day: date, edition: str | None = None, origin: str) -> Record:
    """Internal notes on an action, for the team only: never published."""
    lines = [HEADER, f"# Internal notes on action {_quote(ref)}, {origin}. Never published.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    lines.append(f"action: {_quote(ref)}\n")
    lines.append("internal_notes:\n" + "".join(f"  - {_quote(n)}\n" for n in notes))
    return Record(day, ref, "".join(lines), "note")


def _option_report(refused: RecordsRefused) -> str:
    """A refused command-line record, its problems named by the option to change: its file was never saved."""
    errors = refused.errors
    if errors is None:
        return str(refused)
    new = {display_path(path) for path in refused.paths}
    lines = [f"{_option(p)}: {_in_option_words(p.message)}" for p in errors.problems if p.file in new]
    others = [str(p) for p in errors.problems if p.file not in new]
    if others:
        lines += ["The plans already have problems; fix them first:"] + others
    count = len(errors.problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found. Nothing was saved.")
    return "\n".join(lines)


def _save_one(plans_dir: Path, slug: str, record: Record) -> Saved:
    try:
        return save_records(plans_dir, slug, [record])[0]
    except RecordsRefused as refused:
        raise RecordRefused(_option_report(refused)) from None


def record_progress(plans_dir: Path, slug: str, ref: str, *, note: str, status: str | None = None, day: date,
                    significant: bool = False, edition: str | None = None, due: str | None = None,
                    draft: bool = False, publish_from: date | None = None, reason: str | None = None) -> Saved:
    _partnership(plans_dir, slug)
    _check_texts({"action-ref": ref, "--note": note, "--status": status, "--reason": reason, "--due": due, "--edition": edition})
    record = progress_record(ref, note=note, status=status, day=day, significant=significant, edition=edition,
                             due=due, draft=draft, publish_from=publish_from, reason=reason)
    return _save_one(plans_dir, slug, record)


def record_said(plans_dir: Path, slug: str, *, said: str, source: str, did: str, actions: list[str], day: date,
                reached: str | None = None, edition: str | None = None, significant: bool = True,
                draft: bool = False, publish_from: date | None = None) -> Saved:
    _partnership(plans_dir, slug)
    _check_texts({"--said": said, "--source": source, "--did": did, "--reached": reached, "--edition": edition,
                  "--actions": ",".join(actions)})
    record = said_record(said=said, source=source, did=did, actions=actions, day=day, reached=reached, edition=edition,
                         significant=significant, draft=draft, publish_from=publish_from)
    return _save_one(plans_dir, slug, record)
