"""Load every plan under plans/, check it all, and report every problem at once.

Layout, one folder per partnership (the folder name is its slug):

    plans/<slug>/partnership.yaml         the partnership
    plans/<slug>/contact.yaml             its contact details (optional; or `contact:` in partnership.yaml)
    plans/<slug>/editions/<id>.yaml       one file per plan edition (the file name is its id)
    plans/<slug>/updates/<name>.yaml      progress, "you said, we did" and meeting records, one per file

Loading only reads files; it never writes under plans/.
"""
from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .catalogue import Catalogue, PartnershipPlans, PlanEdition, SourceFile
from .checks import check_catalogue
from .privacy import partnership_privacy_warnings
from .messages import problems_from_validation
from ..model import Contact, Edition, Partnership, UpdateFile
from ..model.actions import STATUS_CONTEXT, StatusVocabulary
from ..model.updates import NOTE_KIND, RECORD_KINDS
from ..model.base import SLUG_PATTERN
from .yamlsafe import Parsed, Problem, parse_yaml

M = TypeVar("M", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")


class PlanErrors(Exception):
    """Raised when the plans cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        # Sorted so each file's problems read top to bottom; files stay in discovery order.
        order = {name: i for i, name in enumerate(dict.fromkeys(p.file for p in problems))}
        self.problems = sorted(problems, key=lambda p: (order[p.file], p.line, p.column))
        super().__init__(self.report())

    def report(self, outcome: str = "Nothing was published.") -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found. {outcome}")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """The path as people see it in messages: relative to where they ran the command."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


def read_model(path: Path, model: type[M], problems: list[Problem], extra: dict[Path, bytes] | None = None,
               context: dict | None = None) -> tuple[M | None, SourceFile | None]:
    shown = display_path(path)
    try:
        raw = extra[path] if extra and path in extra else path.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot be read: {error.strerror}"))
        return None, None
    parsed, found = parse_yaml(raw, shown)
    problems.extend(found)
    if parsed is None:
        return None, None
    source = SourceFile(shown, raw, parsed)
    if not isinstance(parsed.data, dict):
        problems.append(Problem(shown, 1, 1, "", "the file must be a block of fields (name: value), starting at the left margin"))
        return None, source
    try:
        return model.model_validate(parsed.data, context=context), source
    except ValidationError as error:
        problems.extend(problems_from_validation(error.errors(include_url=False), parsed, shown, model))
        return None, source


def _yaml_files(folder: Path, extra: dict[Path, bytes] | None = None) -> list[Path]:
    found = {p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES} if folder.is_dir() else set()
    found |= {p for p in (extra or {}) if p.parent == folder}
    return sorted(found)


def load_plans(root: Path | str, extra: dict[Path, bytes] | None = None) -> Catalogue:
    """Load and check all plans. Raises PlanErrors listing every problem.

    `extra` adds files that are not on disk yet ({path: content}), so a new record can be
    checked together with everything else before it is saved.
    """
    # Loading makes millions of small objects and no garbage cycles; the cycle collector would
    # walk them all again and again (at 300 partnerships, two thirds of the loading time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_plans(root, extra)
    finally:
        if collecting:
            gc.enable()


def _load_plans(root: Path | str, extra: dict[Path, bytes] | None) -> Catalogue:
    root = Path(root)
    extra = {Path(p): content for p, content in (extra or {}).items()}
    problems: list[Problem] = []
    if not root.is_dir():
        raise PlanErrors([Problem(display_path(root), 1, 1, "", "the plans folder does not exist")])
    for stray in _yaml_files(root):
        problems.append(Problem(display_path(stray), 1, 1, "",
                                "files directly in the plans folder are not read; move it into a partnership's folder"))
    partnerships, warnings = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        loaded = _load_partnership(folder, problems, extra)
        if loaded is not None:
            partnerships.append(loaded)
            # Check privacy while this partnership's parse is at hand, then let it go: holding
            # every file's parse at once would cost far more memory than the plans themselves.
            sources = loaded.sources
            paths = {s.path for s in sources}
            if not any(p.file in paths for p in problems):
                warnings += partnership_privacy_warnings(loaded)
            for source in sources:
                source.release()
    catalogue = Catalogue(partnerships)
    if not problems:
        problems.extend(check_catalogue(catalogue))
        catalogue.warnings = warnings
    if problems:
        raise PlanErrors(problems)
    return catalogue


def _load_partnership(folder: Path, problems: list[Problem], extra: dict[Path, bytes]) -> PartnershipPlans | None:
    shown = display_path(folder)
    if not re.match(SLUG_PATTERN, folder.name):
        problems.append(Problem(shown, 1, 1, "", f"the folder name '{folder.name}' is used in web addresses, so it must be "
                                "lower-case letters, digits and single hyphens, like 'north-hertfordshire'"))
        return None
    path = folder / "partnership.yaml"
    if not path.is_file():
        problems.append(Problem(shown, 1, 1, "", "this partnership folder has no partnership.yaml"))
        return None
    for stray in _yaml_files(folder):
        if stray.name not in ("partnership.yaml", CONTACT_FILE):
            problems.append(Problem(display_path(stray), 1, 1, "",
                                    "this file is not read: editions go in editions/ and updates in updates/"))
    data, source = read_model(path, Partnership, problems)
    plans = PartnershipPlans(folder.name, data, source) if data is not None else None
    # Editions and updates may use the partnership's own status words (amber for 'at risk').
    words = {STATUS_CONTEXT: StatusVocabulary.of(data.status_words) if data is not None else StatusVocabulary(known=False)}
    if plans is not None and (folder / CONTACT_FILE).is_file():
        _read_contact(folder / CONTACT_FILE, plans, problems)
    for edition_path in _yaml_files(folder / "editions"):
        edition_id = edition_path.stem
        if not re.match(SLUG_PATTERN, edition_id):
            problems.append(Problem(display_path(edition_path), 1, 1, "",
                                    f"the file name '{edition_id}' is the edition's id in web addresses, so it must be "
                                    "lower-case letters, digits and single hyphens, like '2008-2011'"))
            continue
        edition, edition_source = read_model(edition_path, Edition, problems, context=words)
        if edition is not None and plans is not None:
            plans.editions.append(PlanEdition(edition_id, edition, edition_source, plans))
    if plans is not None and not plans.editions and not any(p.file.startswith(shown) for p in problems):
        problems.append(Problem(plans.source.path, 1, 1, "", f"no plan editions found: add one in {shown}/editions/"))
    if plans is not None:
        for update_path in _yaml_files(folder / "updates", extra):
            update, update_source = read_model(update_path, UpdateFile, problems, extra, context=words)
            if update is not None and _kind_matches_name(update, update_path, problems):
                plans.update_files.append((update, update_source))
    return plans


CONTACT_FILE = "contact.yaml"


def _read_contact(path: Path, plans: PartnershipPlans, problems: list[Problem]) -> None:
    """Contact details in their own small file, which the form editor can rewrite without
    touching the commented partnership.yaml. They may be in one place only."""
    contact, source = read_model(path, Contact, problems)
    if contact is None:
        return
    if plans.data.contact is not None:
        line = plans.source.parsed.where(("contact",), key=True).line
        problems.append(Problem(source.path, 1, 1, "",
                                f"contact details are given here and in {plans.source.path} (contact, line {line}); "
                                f"keep them in one place: delete the contact block from {plans.source.path}, or this file"))
        return
    plans.data.contact = contact
    plans.contact_source = source


def _kind_matches_name(update: UpdateFile, path: Path, problems: list[Problem]) -> bool:
    """A name such as 2009-11-02-tc1-1.progress.yaml says what the file holds; the form editor
    lists files by it, so a file holding another kind would be shown in the wrong form."""
    named = path.name.removesuffix(path.suffix).rpartition(".")[2]
    if named not in (*RECORD_KINDS.values(), NOTE_KIND) or named == update.kind:
        return True
    stem = path.name.removesuffix(path.suffix).rpartition(".")[0]
    problems.append(Problem(display_path(path), 1, 1, "",
                            f"the file name says it holds a {named} record, but it holds a {update.kind} record; "
                            f"rename it to {stem}.{update.kind}{path.suffix}"))
    return False
