"""One site build, start to finish, without MkDocs: load, check, publish, view, export, lay out pages.

    load_plans          plansite.load     every file read and checked; nothing is written on a problem
    public_catalogue    plansite.publish  drafts, embargoes, internal notes and unpublished names removed
    edition_views       plansite.view     what each plan says, worked out once
    build_downloads     plansite.export   every format, from the views
    build_pages         plansite.pages    the site's pages, from the same views

The MkDocs hooks drive this; a successor static-site tool could drive it the same way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .export import Downloads, ExportOptions, build_downloads, datapackage, publish_downloads
from .export.published import inert_dumps
from .i18n import Translator
from .load import Catalogue, Problem, load_plans
from .pages.feeds import atom_feed
from .pages.render import DEFAULT_TEMPLATES, RenderedPage, Renderer
from .pages.site import SiteOptions, SitePage, build_pages, nav_tree
from .pages.sitemap import partnership_sitemap
from .publish import HeldBack, public_catalogue
from .view.checklist import checklist_gaps
from .view.edition import edition_views
from .view.history import feed_entries, has_feed, partnership_history, stated_days
from .view.model import Edition
from .view.national import National, national_view


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
    catalogue: Catalogue  # the public plans: all any page may show
    views: dict[tuple[str, str], Edition]  # the published view of every edition
    national: National
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

        Downloads are made only when exports_cache is given; pages then list each file with its size.
        Raises ChecklistEnforced when enforcement is on and an item is missing.
        """
        today = today or build_date()
        t = Translator()
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
        views = edition_views(public, today=today, t=t, previews=previews)
        national = national_view(public, views, today, t)
        downloads = build_downloads(views, exports_cache, options=export_options) if exports_cache else None
        pages = build_pages(public, views, national, SiteOptions(today=today, site_name=site_name), downloads)
        return cls(public, views, national, pages, Renderer(templates, today=today), today, held, warnings, notes, downloads,
                   checklist_summary(gaps) if gaps else "")

    def publish_downloads(self, site_dir: Path) -> int:
        return publish_downloads(self.downloads, site_dir) if self.downloads else 0

    def page_for(self, src_uri: str) -> SitePage | None:
        if not hasattr(self, "_by_uri"):
            self._by_uri = {page.src_uri: page for page in self.pages}
        return self._by_uri.get(src_uri)

    def _feed_parts(self, plans) -> tuple[list, list[str]]:
        """A partnership's feed entries (dated to the day) and the other days its plans state."""
        editions = [self.views[(plans.slug, e.id)] for e in plans.editions]
        return feed_entries(partnership_history(editions)), stated_days(editions)

    def has_feed(self, slug: str) -> bool:
        """Whether a partnership ("" for the whole site) has a feed (rules.dates.feeds)."""
        if not slug:
            return has_feed(self.views.values())
        return has_feed(v for (s, _), v in self.views.items() if s == slug)

    def generated_files(self, site_url: str, site_name: str) -> dict[str, str]:
        """The files that are not pages: the Atom feeds, and a sitemap beside each partnership's feed
        (Material's script looks for sitemap.xml next to every <link rel="alternate">)."""
        t = self.renderer.t
        by_section: dict[str, list[SitePage]] = {}
        for page in self.pages:
            by_section.setdefault(page.url.split("/", 1)[0], []).append(page)
        files, everything, stated_days = {}, [], []
        for plans in self.catalogue.partnerships:
            history, stated = self._feed_parts(plans)
            everything += history
            stated_days += stated
            feed = atom_feed(history, title=t("updates.feed_title", name=plans.data.short_name), site_url=site_url,
                             feed_path=f"{plans.slug}/feed.xml", page_path=f"{plans.slug}/updates/", author=plans.data.name,
                             stated=stated)
            if feed is not None:
                files[f"{plans.slug}/feed.xml"] = feed
            pages = [(page.url, page.updated.when.iso if page.updated else None) for page in by_section.get(plans.slug, [])]
            files[f"{plans.slug}/sitemap.xml"] = partnership_sitemap(pages, site_url)
        everything.sort(key=lambda e: (e.when.iso, e.id), reverse=True)
        site_feed = atom_feed(everything, title=t("updates.site_feed_title"), site_url=site_url, feed_path="feed.xml",
                              page_path="", author=site_name, stated=stated_days)
        if site_feed is not None:
            files["feed.xml"] = site_feed
        # Open data: the CSVs' Table Schemas, and a Data Package of every current plan's CSVs.
        for kind, schema in datapackage.schemas(t).items():
            files[datapackage.SCHEMA_FILES[kind]] = inert_dumps(schema)
        if self.downloads is not None:
            package = datapackage.national_package(self.views, self.downloads, t, site_url)
            files[datapackage.NATIONAL_PATH] = inert_dumps(package)
        return files

    def render(self, page: SitePage) -> RenderedPage:
        return self.renderer.render(page)

    def nav(self, extra: dict[tuple[str, ...], list[tuple[str, str]]] | None = None) -> list:
        return nav_tree(self.pages, extra)
