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
from ..model.base import SLUG_PATTERN, shown
from ..model.updates import NOTE_KIND, RECORD_KINDS
from .yamlsafe import MAX_FILE_BYTES, MAX_PROBLEMS, Problem, parse_yaml, too_big

M = TypeVar("M", bound=BaseModel)
SUFFIX = ".yaml"  # the one extension read: a .yml beside a .yaml would make two editions with one id
MAX_SLUG = 60  # characters in a folder or file name: each becomes part of web addresses and file names
# Top-level folders of the site that are not partnerships: a partnership's folder cannot take these
# names (tests/test_limits.py checks the list against a built site).
RESERVED = frozenset({"accessibility", "admin", "alternative-formats", "assets", "checklist", "compare", "cy",
                      "how-progress-is-reported", "open-data", "pagefind", "places", "regions", "schemas"})


class PlanErrors(Exception):
    """Raised when the plans cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        # Sorted so each file's problems read top to bottom; files stay in discovery order.
        order = {name: i for i, name in enumerate(dict.fromkeys(p.file for p in problems))}
        ordered = sorted(problems, key=lambda p: (order[p.file], p.line, p.column))
        # At most MAX_PROBLEMS for each file: a file with thousands has a cause to fix first.
        totals: dict[str, int] = {}
        for problem in ordered:
            totals[problem.file] = totals.get(problem.file, 0) + 1
        self.problems, shown = [], {}
        for problem in ordered:
            count = shown[problem.file] = shown.get(problem.file, 0) + 1
            total = totals[problem.file]
            if count <= MAX_PROBLEMS or total == MAX_PROBLEMS + 1:
                self.problems.append(problem)
            elif count == MAX_PROBLEMS + 1:
                self.problems.append(Problem(problem.file, problem.line, problem.column, "",
                                             f"and {total - MAX_PROBLEMS:,} more problems in this file, not listed"))
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
    # Absolute outside the working folder, but never with links resolved: the message must name the
    # file the person sees, not what a link points to.
    return os.path.abspath(path) if relative.startswith("..") else relative


def read_model(path: Path, model: type[M], problems: list[Problem], extra: dict[Path, bytes] | None = None,
               context: dict | None = None) -> tuple[M | None, SourceFile | None]:
    shown = display_path(path)
    if extra and path in extra:
        raw = extra[path]
    else:
        raw = _read(path, shown, problems)
        if raw is None:
            return None, None
    parsed, found = parse_yaml(raw, shown)
    problems.extend(found)
    if parsed is None:
        return None, None
    source = SourceFile(shown, raw, parsed)
    if not isinstance(parsed.data, dict):
        if not found:
            problems.append(Problem(shown, 1, 1, "", "the file must be a block of fields (name: value), starting at the left margin"))
        return None, source
    try:
        return model.model_validate(parsed.data, context=context), source
    except ValidationError as error:
        problems.extend(problems_from_validation(error.errors(include_url=False), parsed, shown, model))
        return None, source
    except RecursionError:  # pragma: no cover - nesting is limited while reading, far below this
        problems.append(Problem(shown, 1, 1, "", "this file is nested too deeply to check"))
        return None, source


def _read(path: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """A file's bytes, refusing one too big to be a plan before reading it."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    except OSError as error:
        problems.append(Problem(shown, 1, 1, "", f"cannot be read: {error.strerror}"))
        return None
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(shown, 1, 1, "", too_big(max(size, len(raw)))))
        return None
    return raw


class _Folder:
    """What Plansite reads from the plans folder: nothing outside it, and only .yaml files."""

    def __init__(self, root: Path, problems: list[Problem]):
        self.root = root.resolve()
        self.problems = problems

    def inside(self, path: Path) -> bool:
        """False, with a problem, for a link that leads out of the plans folder."""
        if not path.is_symlink():
            return True
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self.problems.append(Problem(display_path(path), 1, 1, "", "this is a link to something that does not exist; "
                                         "remove it, or put the file itself here"))
            return False
        if target == self.root or self.root in target.parents:
            return True
        self.problems.append(Problem(display_path(path), 1, 1, "", f"this is a link to {target}, outside the plans folder, "
                                     "and Plansite reads only what is inside it. Copy the file here instead of linking to it."))
        return False

    def folders(self, folder: Path) -> list[Path]:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
        return [p for p in entries if not p.name.startswith((".", "_")) and p.is_dir() and self.inside(p)]

    def yaml_files(self, folder: Path, extra: dict[Path, bytes] | None = None) -> list[Path]:
        """The .yaml files of a folder (hidden files are editors' own), reporting other YAML spellings."""
        found: set[Path] = {p for p in (extra or {}) if p.parent == folder}
        if folder.is_dir() and self.inside(folder):
            for path in sorted(folder.iterdir()):  # sorted, so that messages come in the same order everywhere
                name = path.name
                if name.startswith("."):
                    continue
                lowered = name.lower()
                if not lowered.endswith((".yaml", ".yml")):
                    continue
                if not self.inside(path) or not path.is_file():
                    continue
                if not name.endswith(SUFFIX):
                    stem = name[: name.rfind(".")]
                    twin = path.with_name(stem + SUFFIX)
                    also = f" There is already a {twin.name} here: keep one of the two." if twin.exists() else ""
                    self.problems.append(Problem(display_path(path), 1, 1, "",
                                                 f"this file is not read: Plansite reads only files ending in {SUFFIX}. "
                                                 f"Rename it to {stem}{SUFFIX}.{also}"))
                    continue
                found.add(path)
        return sorted(found)


def _slug_problem(name: str, what: str, example: str, use: str = "is used in web addresses") -> str | None:
    if not re.match(SLUG_PATTERN, name):
        return f"the {what} '{shown(name)}' {use}, so it must be lower-case letters, digits and single hyphens, like '{example}'"
    if len(name) > MAX_SLUG:
        return (f"the {what} is {len(name)} characters long; it is used in web addresses and file names, so it can be "
                f"at most {MAX_SLUG}")
    return None


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
    folder = _Folder(root, problems)
    for stray in folder.yaml_files(root):
        problems.append(Problem(display_path(stray), 1, 1, "",
                                "files directly in the plans folder are not read; move it into a partnership's folder"))
    partnerships, warnings = [], []
    for partnership_folder in folder.folders(root):
        loaded = _load_partnership(partnership_folder, folder, problems, extra)
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


def _load_partnership(path: Path, folder: _Folder, problems: list[Problem], extra: dict[Path, bytes]
                      ) -> PartnershipPlans | None:
    shown = display_path(path)
    if (message := _slug_problem(path.name, "folder name", "north-hertfordshire")) is not None:
        problems.append(Problem(shown, 1, 1, "", message))
        return None
    if path.name in RESERVED:
        problems.append(Problem(shown, 1, 1, "", f"the folder name '{path.name}' is the address of one of the site's own "
                                f"pages, so a partnership cannot use it; choose another, such as '{path.name}-partnership'"))
        return None
    source_path = path / "partnership.yaml"
    strays = folder.yaml_files(path)
    if source_path not in strays:
        if not any(p.file.startswith(shown + os.sep) for p in problems):
            problems.append(Problem(shown, 1, 1, "", "this partnership folder has no partnership.yaml"))
        return None
    for stray in strays:
        if stray.name not in ("partnership.yaml", CONTACT_FILE):
            problems.append(Problem(display_path(stray), 1, 1, "",
                                    "this file is not read: editions go in editions/ and updates in updates/"))
    data, source = read_model(source_path, Partnership, problems)
    plans = PartnershipPlans(path.name, data, source) if data is not None else None
    # Editions and updates may use the partnership's own status words (amber for 'at risk').
    words = {STATUS_CONTEXT: StatusVocabulary.of(data.status_words) if data is not None else StatusVocabulary(known=False)}
    if plans is not None and path / CONTACT_FILE in strays:
        _read_contact(path / CONTACT_FILE, plans, problems)
    for edition_path in folder.yaml_files(path / "editions"):
        edition_id = edition_path.stem
        if (message := _slug_problem(edition_id, "file name", "2008-2011", "is the edition's id in web addresses")):
            problems.append(Problem(display_path(edition_path), 1, 1, "", message))
            continue
        edition, edition_source = read_model(edition_path, Edition, problems, context=words)
        if edition is not None and plans is not None:
            plans.editions.append(PlanEdition(edition_id, edition, edition_source, plans))
    if plans is not None and not plans.editions and not any(p.file.startswith(shown + os.sep) for p in problems):
        problems.append(Problem(plans.source.path, 1, 1, "", f"no plan editions found: add one in {shown}/editions/"))
    if plans is not None:
        for update_path in folder.yaml_files(path / "updates", extra):
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
