"""Site search: a Pagefind index of the pages MkDocs has written, and what each page tells it.

Pagefind (PyPI `pagefind[bin]`) reads the built HTML. Only the page body is indexed: the element
overrides/main.html marks with data-pagefind-body, less the page furniture in FURNITURE. Each page
also carries its full title and three filters, partnership, region and type of page, in data
attributes (search_facets below), so every result says which partnership it belongs to. The index
is written in small chunks under pagefind/: a search fetches only the chunks for its words, and
nothing at all is fetched until someone searches.

Nothing here knows about MkDocs; hooks/plansite_hooks.py calls index_site() after the build.
"""
from __future__ import annotations

import json
import subprocess
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


def index_site(site: Path) -> SearchIndex:
    """Index the built pages under site/ into site/pagefind/, replacing any index there."""
    binary = pagefind_binary()
    started = time.perf_counter()
    command = [str(binary), "--site", str(site), "--output-subdir", OUTPUT,
               "--exclude-selectors", ", ".join(FURNITURE), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexFailed(f"Search could not be built: Pagefind did not run ({error}).") from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:500]
        raise SearchIndexFailed(f"Search could not be built: Pagefind stopped with this message: {detail}")
    entry = site / OUTPUT / "pagefind-entry.json"
    try:
        meta = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SearchIndexFailed(f"Search could not be built: Pagefind wrote no index ({entry} is missing).") from None
    pages = sum(language.get("page_count", 0) for language in meta.get("languages", {}).values())
    if pages == 0:
        raise SearchIndexFailed("Search could not be built: no page was marked for the index (data-pagefind-body). "
                                "overrides/main.html marks each page's body.")
    return SearchIndex(pages, time.perf_counter() - started, str(meta.get("version", "")))
