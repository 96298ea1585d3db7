"""Publishing without hand-editing YAML: `plansite update` and `plansite said`.

Each record goes in a new file under plans/<partnership>/updates/, so nothing already
written is touched and every comment survives. The new file is checked together with all
the plans before it is saved; a record that would make the plans invalid is refused and
nothing is written.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..load.loader import PlanErrors, display_path, load_plans
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


def _target(plans_dir: Path, slug: str, day: date, label: str, kind: str) -> Path:
    # The kind in the name (.progress.yaml, .said.yaml) is how the form editor lists each kind.
    folder = plans_dir / slug / "updates"
    stem = f"{day.isoformat()}-{slugify(label)[:40].rstrip('-')}"
    path, n = folder / f"{stem}.{kind}.yaml", 2
    while path.exists():
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


def _save(plans_dir: Path, slug: str, path: Path, text: str) -> Saved:
    if not (plans_dir / slug / "partnership.yaml").is_file():
        raise RecordRefused(f"there is no partnership '{slug}' in {display_path(plans_dir)}")
    content = text.encode("utf-8")
    try:
        catalogue = load_plans(plans_dir, extra={path: content})
    except PlanErrors as errors:
        raise RecordRefused(errors.report("Nothing was saved.")) from None
    try:
        _write(path, content)
    except OSError as error:
        raise RecordRefused(f"could not write {display_path(path)}: {error.strerror}") from None
    shown = display_path(path)
    return Saved(path, [str(w) for w in catalogue.warnings if w.file == shown])


def record_progress(plans_dir: Path, slug: str, ref: str, *, note: str, status: str | None = None, day: date,
                    significant: bool = False, edition: str | None = None, due: str | None = None,
                    draft: bool = False, publish_from: date | None = None) -> Saved:
    lines = [HEADER, f"# Progress on action {ref}, added with 'plansite update'.\n"]
    if edition:
        lines.append(f"edition: {_quote(edition)}\n")
    lines += [f"action: {_quote(ref)}\n", "progress:\n", f"  date: {day.isoformat()}\n", f"  text: {_quote(note)}\n"]
    if status:
        lines.append(f"  status: {_quote(status)}\n")
    if due:
        lines.append(f"  due: {_quote(due)}\n")
    lines.append(f"  significant: {'true' if significant else 'false'}\n")
    if draft:
        lines.append("  draft: true\n")
    if publish_from:
        lines.append(f"  publish_from: {publish_from.isoformat()}\n")
    return _save(plans_dir, slug, _target(plans_dir, slug, day, ref, "progress"), "".join(lines))


def record_said(plans_dir: Path, slug: str, *, said: str, source: str, did: str, actions: list[str], day: date,
                reached: str | None = None, edition: str | None = None, significant: bool = True,
                draft: bool = False, publish_from: date | None = None) -> Saved:
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
    return _save(plans_dir, slug, _target(plans_dir, slug, day, said, "said"), "".join(lines))
