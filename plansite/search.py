"""Site search: a Pagefind index of the pages MkDocs has written, and what each page tells it.

Pagefind (PyPI `pagefind[bin]`) reads the built HTML. Only the page body is indexed: the element
overrides/main.html marks with data-pagefind-body, less the page furniture in FURNITURE. Each page
also carries its full title and three filters, partnership, region and type of page, in data
attributes (search_facets below), so every result says which partnership it belongs to. The index
is written in small chunks under pagefind/: a search fetches only the chunks for its words, and
nothing at all is fetched until someone searches. A large site's index is made in parts (shards,
see SHARD_PAGES), which the browser merges.

Nothing here knows about MkDocs; hooks/plansite_hooks.py calls index_site() after the build.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .i18n import Translator

OUTPUT = "pagefind"
# Inside the page body, but not what the page is about: the same on every page (the request-a-format
# box, page information, the plan's contents list, breadcrumbs), or a second copy of a table's
# figures (charts). Pagefind already leaves out <nav>, <form>, <script> and the like.
FURNITURE = (".ps-request-format", ".ps-page-info", ".ps-contents", ".ps-breadcrumbs", "svg", ".md-content__button")

# Page templates (plansite.pages.site.SitePage.template) and the type of page each one is.
PAGE_TYPES = {
    "home.html": "search.type.home",
    "overview.html": "search.type.overview",
    "assessment.html": "search.type.assessment",
    "priority.html": "search.type.priority",
    "actions.html": "search.type.actions",
    "performance.html": "search.type.performance",
    "you_said.html": "search.type.you_said",
    "get_involved.html": "search.type.get_involved",
    "updates.html": "search.type.updates",
    "downloads.html": "search.type.downloads",
    "contact.html": "search.type.contact",
    "editions.html": "search.type.editions",
    "region.html": "search.type.region",
    "compare.html": "search.type.compare",
    "compare_region.html": "search.type.compare",
    "checklist.html": "search.type.checklist",
    "checklist_region.html": "search.type.checklist",
    "open_data.html": "search.type.open_data",
    "open_data_region.html": "search.type.open_data",
    "places.html": "search.type.places",
    "places_letter.html": "search.type.places",
    "progress_rules.html": "search.type.rules",
    "alternative_formats.html": "search.type.formats",
}
HAND_WRITTEN_TYPE = "search.type.about"  # pages written in content/
OTHER_TYPE = "search.type.other"  # a template not listed above: tests/test_search.py fails on it


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message says why in plain words."""


@dataclass(frozen=True)
class SearchFacets:
    """What a page tells the search index about itself (plain text; templates escape it)."""

    title: str
    type: str
    partnership: str | None = None
    region: str | None = None


def search_facets(page, t: Translator, title: str) -> SearchFacets:
    """The facets of a generated page (a plansite.pages.site.SitePage), or of a hand-written one (None).

    title is the page's full title, as in its <title>: it names the partnership, so a result
    such as "what the strategic assessment found" says whose it is.
    """
    if page is None:
        return SearchFacets(title, str(t(HAND_WRITTEN_TYPE)))
    kind = t(PAGE_TYPES.get(page.template, OTHER_TYPE))
    if page.edition is not None:
        partnership = page.edition.partnership
        # Plain text: a name given in two languages carries its language mark for HTML (Words),
        # which an attribute cannot hold.
        return SearchFacets(title, str(kind), str(partnership.short_name), _plain(partnership.region))
    region = page.context.get("region")
    return SearchFacets(title, str(kind), None, _plain(region.name) if region is not None else None)


def _plain(value) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    seconds: float
    version: str
    parts: int = 1  # Pagefind runs: the main index and its shards


# Pagefind holds a whole index in memory until it has written it: about 200 KB for each page of a
# plan, so 1.2 GB for the 5,818 pages of 300 partnerships (measured with Pagefind 1.5.2). A site
# with more pages than SHARD_PAGES is indexed in parts, one Pagefind run after another, each part
# at most SHARD_PAGES pages of whole partnerships (about 300 MB); plansite.js merges the parts of
# the page's language in the browser (Pagefind's mergeIndex), so a search still covers every page.
SHARD_PAGES = 1500
SHARDS_FILE = "shards.json"  # in pagefind/: each language's parts beyond the main index
_LANG = re.compile(rb'<html[^>]*\slang="([^"]+)"', re.I)
MARKER = b"data-pagefind-body"


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: the pages it indexes, and where its index goes under pagefind/ ("" for the
    main index, which every search loads first)."""

    folder: str
    pages: tuple[str, ...]


def plan_shards(pages: dict[str, list[str]], limit: int = SHARD_PAGES) -> list[Shard]:
    """Split the pages to index ({language: [paths from the site root]}) into Pagefind runs.

    A partnership's pages (its folder, below the language's folder for a language other than
    English) stay together, so one search result list never depends on how the site was cut. Each
    language's first part goes into the main index, which then holds an index for every language,
    as Pagefind needs to start a search on a page in any of them; its other parts become
    shards/<language>-<n>/.
    """
    main: list[str] = []
    shards = []
    for language in sorted(pages):
        units: dict[str, list[str]] = {}
        for path in sorted(pages[language]):
            parts = path.split("/")
            if len(parts) > 2 and parts[0] == language:  # cy/<slug>/...
                unit = "/".join(parts[:2])
            else:
                unit = parts[0] if len(parts) > 1 else ""
            units.setdefault(unit, []).append(path)
        chunks: list[list[str]] = [[]]
        for unit in sorted(units):
            if chunks[-1] and len(chunks[-1]) + len(units[unit]) > limit:
                chunks.append([])
            chunks[-1] += units[unit]
        main += chunks[0]
        shards += [Shard(f"shards/{language}-{n}/", tuple(chunk)) for n, chunk in enumerate(chunks[1:], start=2)]
    return [Shard("", tuple(main)), *shards]


def _marked(data: bytes) -> bool:
    """Whether a page's body is marked for the index: the attribute inside a tag, not the words in
    its text (escaped text holds no "<"), since Pagefind indexes a part with no marked page whole,
    menus and all."""
    at = data.find(MARKER)
    while at >= 0:
        if data.rfind(b"<", 0, at) > data.rfind(b">", 0, at) and data[at - 1:at].isspace():
            return True
        at = data.find(MARKER, at + 1)
    return False


def pages_to_index(site: Path) -> dict[str, list[str]]:
    """The pages Pagefind would index ({language: [paths]}): those whose body is marked for it."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(f"{OUTPUT}/"):
            continue
        data = path.read_bytes()
        if not _marked(data):
            continue
        match = _LANG.search(data, 0, 2000)
        found.setdefault(match.group(1).decode("ascii", "replace").lower() if match else "unknown", []).append(rel)
    return found


def pagefind_binary() -> Path:
    # The package finds its binary (or PAGEFIND_BINARY_PATH); imported here so that a site can be
    # checked and rendered without it.
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    binary = get_executable() if get_executable else None
    if binary is None or not Path(binary).is_file():
        raise SearchIndexFailed("Search could not be built: Pagefind is not installed. Run `make site`, which installs it "
                                "(the pagefind[bin] package), or `.venv/bin/pip install -e .`.")
    return Path(binary)


def _run_pagefind(binary: Path, source: Path, output: Path) -> None:
    command = [str(binary), "--site", str(source), "--output-path", str(output),
               "--exclude-selectors", ", ".join(FURNITURE), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexFailed(f"Search could not be built: Pagefind did not run ({error}).") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:500]
        raise SearchIndexFailed(f"Search could not be built: Pagefind stopped with this message: {detail}")


def _entry(folder: Path) -> dict:
    entry = folder / "pagefind-entry.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchIndexFailed(f"Search could not be built: Pagefind wrote no index ({entry} is missing).") from None


def _linked_copy(site: Path, pages: tuple[str, ...], folder: Path) -> None:
    """The pages of one part, at their paths under folder (hard links: nothing is copied), so that
    Pagefind gives them the same addresses as in the site."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copyfile(site / page, target)


def index_site(site: Path, shard_pages: int = SHARD_PAGES) -> SearchIndex:
    """Index the built pages under site/ into site/pagefind/, replacing any index there."""
    binary = pagefind_binary()
    started = time.perf_counter()
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    # A site with no more pages than a part holds is one Pagefind run over the site as it is; only
    # a bigger one is read first, to be split.
    html = sum(1 for path in site.rglob("*.html") if path.relative_to(site).parts[0] != OUTPUT)
    pages = pages_to_index(site) if html > shard_pages else {}
    shards = plan_shards(pages, shard_pages) if pages else [Shard("", ())]
    if len(shards) == 1:
        _run_pagefind(binary, site, output)
    else:
        work = Path(tempfile.mkdtemp(prefix=".pagefind-parts-", dir=site))
        try:
            for number, shard in enumerate(shards):  # the main index first: it makes pagefind/, the shards go inside it
                part = work / str(number)
                _linked_copy(site, shard.pages, part)
                _run_pagefind(binary, part, output / shard.folder)
                shutil.rmtree(part)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    entries = [_entry(output / shard.folder) for shard in shards]
    counted = sum(language.get("page_count", 0) for entry in entries for language in entry.get("languages", {}).values())
    if counted == 0:
        raise SearchIndexFailed("Search could not be built: no page was marked for the index (data-pagefind-body). "
                                "overrides/main.html marks each page's body.")
    # plansite.js reads this before searching: which parts to merge for a page in each language.
    parts = {language: [s.folder for s in shards[1:] if s.folder.startswith(f"shards/{language}-")] for language in sorted(pages)}
    (output / SHARDS_FILE).write_text(json.dumps(parts, ensure_ascii=True), encoding="utf-8")
    return SearchIndex(counted, time.perf_counter() - started, str(entries[0].get("version", "")), len(shards))
