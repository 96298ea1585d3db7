"""Publishing without hand-editing YAML: `plansite update` and `plansite said`.

Each record goes in a new file under plans/<partnership>/updates/, so nothing already
written is touched and every comment survives. The partnership and edition named on the
command line are checked before any path is made from them, and the new file is checked
together with all the plans before it is saved; a record that would make the plans invalid
is refused, naming the option to change, and nothing is written.
"""
from __future__ import annotations

import json
import os
import re
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


def _target(plans_dir: Path, slug: str, day: date, label: str) -> Path:
    folder = plans_dir / slug / "updates"
    stem = f"{day.isoformat()}-{slugify(label)[:40]}"
    path, n = folder / f"{stem}.yaml", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.yaml", n + 1
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


def _save(plans_dir: Path, slug: str, path: Path, text: str) -> Saved:
    content = text.encode("utf-8")
    try:
        catalogue = load_plans(plans_dir, extra={path: content})
    except PlanErrors as errors:
        # The new record's problems name the option to change: its file was never saved.
        new = display_path(path)
        lines = [f"{_option(p)}: {_in_option_words(p.message)}" for p in errors.problems if p.file == new]
        others = [str(p) for p in errors.problems if p.file != new]
        if others:
            lines += ["The plans already have problems; fix them first:"] + others
        count = len(errors.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found. Nothing was saved.")
        raise RecordRefused("\n".join(lines)) from None
    try:
        _write(path, content)
    except OSError as error:
        raise RecordRefused(f"could not write {display_path(path)}: {error.strerror}") from None
    shown = display_path(path)
    return Saved(path, [str(w) for w in catalogue.warnings if w.file == shown])


def record_progress(plans_dir: Path, slug: str, ref: str, *, note: str, status: str | None = None, day: date,
                    significant: bool = False, edition: str | None = None, due: str | None = None,
                    draft: bool = False, publish_from: date | None = None, reason: str | None = None) -> Saved:
    _partnership(plans_dir, slug)
    _check_texts({"action-ref": ref, "--note": note, "--status": status, "--reason": reason, "--due": due, "--edition": edition})
    lines = [HEADER, f"# Progress on action {_quote(ref)}, added with 'plansite update'.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    lines += [f"action: {_quote(ref)}\n", "progress:\n", f"  date: {day.isoformat()}\n", f"  text: {_quote(note)}\n"]
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
    return _save(plans_dir, slug, _target(plans_dir, slug, day, ref), "".join(lines))


def record_said(plans_dir: Path, slug: str, *, said: str, source: str, did: str, actions: list[str], day: date,
                reached: str | None = None, edition: str | None = None, significant: bool = True,
                draft: bool = False, publish_from: date | None = None) -> Saved:
    _partnership(plans_dir, slug)
    _check_texts({"--said": said, "--source": source, "--did": did, "--reached": reached, "--edition": edition,
                  **{"--actions": ",".join(actions)}})
    lines = [HEADER, "# A 'you said, we did' entry, added with 'plansite said'.\n"]
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
    label = "said-" + (re.sub(r"\s+", " ", said)[:30])
    return _save(plans_dir, slug, _target(plans_dir, slug, day, label), "".join(lines))
