"""Make every download for every published edition, cached by content and run in parallel.

The cache key of an edition's downloads is a hash of everything that goes into them: the
public partnership and edition data, the options, and the exporter code. An unchanged plan
is copied from the cache; a changed one is rendered again, and only that one.
"""
from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import shutil
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from ..i18n import current_language
from ..urls import tree_prefix
from ..view.model import Edition, Priority
from . import fonts
from .formats import EXPORTERS, Bundle, DataPackageJson, ExportJob, ExportOptions
from .published import published_json

CODE_DIR = Path(__file__).resolve().parent.parent
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so a zip's bytes depend only on its contents
LAYOUT_LIBRARIES = ("typst", "pikepdf", "fonttools", "python-docx", "odfpy")
STORED = (".pdf", ".docx", ".odt")


@dataclass
class ExportedFile:
    exporter: str
    filename: str
    size: int
    pages: int | None = None
    priority_id: str | None = None


@dataclass
class EditionDownloads:
    slug: str
    edition_id: str
    key: str
    folder: Path  # where the files are (the cache entry)
    files: list[ExportedFile]
    rendered: bool  # False when reused from the cache
    language: str = "en"  # the language of the files (and of the view they were made from)

    def file(self, exporter: str, priority_id: str | None = None) -> ExportedFile | None:
        return next((f for f in self.files if f.exporter == exporter and f.priority_id == priority_id), None)


@dataclass
class Downloads:
    options: ExportOptions = field(default_factory=ExportOptions)
    # By (slug, edition id, language).
    editions: dict[tuple[str, str, str], EditionDownloads] = field(default_factory=dict)

    def get(self, slug: str, edition_id: str, language: str | None = None) -> EditionDownloads | None:
        """An edition's downloads in a language: by default the page's being rendered, else English."""
        language = language or current_language()
        return self.editions.get((slug, edition_id, language)) or self.editions.get((slug, edition_id, "en"))

    @property
    def rendered(self) -> list[EditionDownloads]:
        return [e for e in self.editions.values() if e.rendered]


_code_hash: str | None = None


def code_fingerprint() -> str:
    """A hash of the package's code, strings and Typst template, and of the libraries and font that
    lay out and write the files, so a change to any of them invalidates the cache."""
    global _code_hash
    if _code_hash is None:
        digest = hashlib.sha256()
        for path in sorted([*CODE_DIR.rglob("*.py"), *CODE_DIR.rglob("*.typ")]):
            digest.update(path.relative_to(CODE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
        for library in LAYOUT_LIBRARIES:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        try:  # and the font the PDFs are set in
            for font in sorted(fonts.font_folder().glob("DejaVuSans*.ttf")):
                digest.update(f"{font.name}:{font.stat().st_size}".encode())
        except fonts.MissingFont:
            pass  # the PDFs say so when they are made
        _code_hash = digest.hexdigest()
    return _code_hash


def edition_key(edition: Edition, options: ExportOptions, exporters: list[str]) -> str:
    """The cache key of an edition's downloads: everything that goes into them, and nothing else.

    The downloads are made from the published view alone, and the view is exactly what its JSON
    serialisation holds (chart geometry aside, which is made from the same figures).
    """
    digest = hashlib.sha256()
    for part in (
        code_fingerprint().encode(),
        json.dumps(asdict(options), sort_keys=True).encode(),
        ",".join(exporters).encode(),
        published_json(edition, options.site_url),
    ):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def jobs_for(edition: Edition, options: ExportOptions, exporters: list[str], priority: Priority | None = None):
    """The files to make; with a priority, only the per-priority formats, for that one priority."""
    for name in exporters:
        exporter = EXPORTERS[name]()
        if isinstance(exporter, Bundle) or (priority is not None and not exporter.per_priority):
            continue
        if exporter.per_priority:
            for target in [priority] if priority is not None else edition.priorities:
                yield exporter, ExportJob(edition, options, target)
        else:
            yield exporter, ExportJob(edition, options)


def render_edition(edition: Edition, options: ExportOptions, exporters: list[str], folder: Path,
                   priority: Priority | None = None) -> list[ExportedFile]:
    """Render an edition's files into folder (or one priority's, with priority); returns what was written."""
    files, contents = [], []
    for exporter, job in jobs_for(edition, options, exporters, priority):
        rendered = exporter.render(job)
        name = exporter.filename(job)
        (folder / name).write_bytes(rendered.data)
        files.append(ExportedFile(exporter.name, name, len(rendered.data), rendered.pages, job.priority.id if job.priority else None))
        contents.append(rendered.data)
    if Bundle.name in exporters and priority is None:
        bundle = Bundle()
        name = bundle.filename(ExportJob(edition, options))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for f, data in zip(files, contents):
                # The zip is a zipped Data Package: its descriptor must be called datapackage.json.
                info = zipfile.ZipInfo("datapackage.json" if f.exporter == DataPackageJson.name else f.filename, ZIP_DATE)
                # PDF, Word and ODT files are compressed already: deflating them again gains nothing.
                info.compress_type = zipfile.ZIP_STORED if f.filename.endswith(STORED) else zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        (folder / name).write_bytes(buffer.getvalue())
        files.append(ExportedFile(bundle.name, name, len(buffer.getvalue())))
    return files


def _render_to_cache(task: tuple) -> list[dict]:
    edition, options, exporters, cache_dir, key = task
    final = Path(cache_dir) / key
    staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=cache_dir))
    try:
        files = render_edition(edition, options, exporters, staging)
        (staging / "manifest.json").write_text(json.dumps([asdict(f) for f in files]), encoding="utf-8")
        try:
            staging.rename(final)  # atomic: a cache entry is whole or absent
        except OSError:
            shutil.rmtree(staging)  # another build made it first
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [asdict(f) for f in files]


def _cached(cache_dir: Path, key: str) -> list[ExportedFile] | None:
    manifest = cache_dir / key / "manifest.json"
    if not manifest.is_file():
        return None
    return [ExportedFile(**f) for f in json.loads(manifest.read_text(encoding="utf-8"))]


def build_downloads(views: dict[tuple[str, str], Edition] | list[Edition], cache_dir: Path, *, options: ExportOptions | None = None,
                    exporters: list[str] | None = None, workers: int | None = None) -> Downloads:
    """Make (or reuse) the downloads of every edition, from its published view (each view in its own language)."""
    options = options or ExportOptions()
    exporters = exporters or list(EXPORTERS)
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = Downloads(options)
    pending = []
    for edition in (views.values() if isinstance(views, dict) else views):
        slug, edition_id = edition.partnership.slug, edition.id
        key = edition_key(edition, options, exporters)
        files = _cached(cache_dir, key)
        if files is None:
            pending.append((slug, edition, key))
        else:
            result.editions[(slug, edition_id, edition.language)] = EditionDownloads(
                slug, edition_id, key, cache_dir / key, files, False, edition.language)
    tasks = [(edition, options, exporters, str(cache_dir), key) for _, edition, key in pending]
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(tasks) > 1:
        # Spawned, not forked: Typst lays out on a thread pool, and a process forked from one that
        # has made a PDF inherits the pool's state without its threads, so its first PDF would never
        # finish. A spawned worker also holds only what it renders, where a forked one carries
        # (and is counted with) a copy of every plan the build loaded. Starting costs about a second.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context) as pool:
            outputs = list(pool.map(_render_to_cache, tasks, chunksize=1))
    else:
        outputs = [_render_to_cache(task) for task in tasks]
    for (slug, edition, key), files in zip(pending, outputs):
        result.editions[(slug, edition.id, edition.language)] = EditionDownloads(
            slug, edition.id, key, cache_dir / key, [ExportedFile(**f) for f in files], True, edition.language)
    return result


def publish_downloads(downloads: Downloads, site_dir: Path) -> int:
    """Copy every download into site/<slug>/downloads/ (Welsh ones into site/cy/<slug>/downloads/). Returns the number of files."""
    count = 0
    for entry in downloads.editions.values():
        target = site_dir / tree_prefix(entry.language) / entry.slug / "downloads"
        target.mkdir(parents=True, exist_ok=True)
        for f in entry.files:
            destination = target / f.filename
            if destination.exists():
                destination.unlink()
            try:
                os.link(entry.folder / f.filename, destination)  # same disk: no copying
            except OSError:
                shutil.copyfile(entry.folder / f.filename, destination)
            count += 1
    return count
