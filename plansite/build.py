"""One site build, start to finish, without MkDocs: load, check, make public, lay out pages.

The MkDocs hooks drive this; a successor static-site tool could drive it the same way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .load.catalogue import Catalogue
from .view.checklist import checklist_gaps
from .export import Downloads, ExportOptions, build_downloads, publish_downloads
from .pages.feeds import atom_feed
from .view.history import partnership_history
from .load.loader import load_plans
from .publish.public import HeldBack, public_catalogue
from .pages.render import DEFAULT_TEMPLATES, RenderedPage, Renderer
from .pages.site import SiteOptions, SitePage, build_pages, nav_tree
from .pages.sitemap import partnership_sitemap
from .load.yamlsafe import Problem


def build_date() -> date:
    """Today, or PLANSITE_TODAY (YYYY-MM-DD) so builds and tests can be pinned to a date."""
    pinned = os.environ.get("PLANSITE_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


class ChecklistEnforced(Exception):
    """A partnership asked for its publication checklist to be enforced, and items are missing."""


def checklist_note(plans, edition, item) -> str:
    """One publication-checklist gap, as the build and `plansite checklist` print it."""
    return f"{plans.slug} ({edition.id}): {item.title}: {item.status}. {item.detail}"


def checklist_summary(gaps) -> str:
    """The one line a build prints about checklist gaps."""
    plans = len({(p.slug, e.id) for p, e, _ in gaps})
    return (f"Publication checklist: {len(gaps)} item{'s' if len(gaps) != 1 else ''} not met across {plans} "
            f"plan{'s' if plans != 1 else ''}; see /checklist/ or run 'plansite checklist'.")


@dataclass
class SiteBuild:
    catalogue: Catalogue  # the public view: all any page may show
    pages: list[SitePage]
    renderer: Renderer
    today: date
    held_back: HeldBack
    warnings: list[Problem] = field(default_factory=list)
    checklist_notes: list[str] = field(default_factory=list)
    downloads: Downloads | None = None
    checklist_summary: str = ""

    @classmethod
    def load(cls, plans: Path, *, today: date | None = None, templates: Path = DEFAULT_TEMPLATES,
             site_name: str = "Community safety plans", enforce_checklist: bool = False, previews: bool = False,
             exports_cache: Path | None = None, export_options: ExportOptions | None = None) -> SiteBuild:
        """Load and check every plan (raises PlanErrors), make the downloads, lay out the public pages.

        Downloads are made only when exports_cache is given; pages then list each file's size.
        Raises ChecklistEnforced when enforcement is on and an item is missing.
        """
        today = today or build_date()
        catalogue = load_plans(plans)
        held = HeldBack()
        warnings = list(catalogue.warnings)
        public = public_catalogue(catalogue, today, held, previews=previews, in_place=True)
        notes, enforced = [], []
        gaps = checklist_gaps(public, today)
        for plans_, edition, item in gaps:
            note = checklist_note(plans_, edition, item)
            notes.append(note)
            if enforce_checklist or plans_.data.settings.enforce_checklist:
                enforced.append(note)
        if enforced:
            raise ChecklistEnforced("Publication checklist items are missing:\n" + "\n".join(enforced))
        downloads = build_downloads(public, exports_cache, options=export_options) if exports_cache else None
        pages = build_pages(public, SiteOptions(today=today, site_name=site_name), downloads)
        return cls(public, pages, Renderer(templates, today=today), today, held, warnings, notes, downloads,
                   checklist_summary(gaps) if gaps else "")

    def publish_downloads(self, site_dir: Path) -> int:
        return publish_downloads(self.downloads, site_dir) if self.downloads else 0

    def page_for(self, src_uri: str) -> SitePage | None:
        if not hasattr(self, "_by_uri"):
            self._by_uri = {page.src_uri: page for page in self.pages}
        return self._by_uri.get(src_uri)

    def last_updated(self, page: SitePage) -> date:
        """When what the page shows last changed: its edition's last update, else the site's."""
        edition = page.context.get("edition")
        updated, _ = edition.last_updated if edition is not None else self.catalogue.last_updated
        return updated

    def generated_files(self, site_url: str, site_name: str) -> dict[str, str]:
        """The files that are not pages: the Atom feeds, and a sitemap beside each partnership's feed
        (Material's script looks for sitemap.xml next to every <link rel="alternate">)."""
        t = self.renderer.t
        by_section: dict[str, list[SitePage]] = {}
        for page in self.pages:
            by_section.setdefault(page.url.split("/", 1)[0], []).append(page)
        files, everything = {}, []
        for plans in self.catalogue.partnerships:
            history = partnership_history(plans, t)
            everything += history
            files[f"{plans.slug}/feed.xml"] = atom_feed(
                history, title=t("updates.feed_title", name=plans.data.short_name), site_url=site_url,
                feed_path=f"{plans.slug}/feed.xml", page_path=f"{plans.slug}/updates/", author=plans.data.name)
            pages = [(page.url, self.last_updated(page)) for page in by_section.get(plans.slug, [])]
            files[f"{plans.slug}/sitemap.xml"] = partnership_sitemap(pages, site_url)
        everything.sort(key=lambda e: (e.date, e.id), reverse=True)
        files["feed.xml"] = atom_feed(everything, title=t("updates.site_feed_title"), site_url=site_url,
                                      feed_path="feed.xml", page_path="", author=site_name)
        return files

    def render(self, page: SitePage) -> RenderedPage:
        return self.renderer.render(page)

    def nav(self, extra: dict[tuple[str, ...], list[tuple[str, str]]] | None = None) -> list:
        return nav_tree(self.pages, extra)
