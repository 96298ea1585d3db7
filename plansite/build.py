"""One site build, start to finish, without MkDocs: load, check, publish, view, export, lay out pages.

    load_plans          plansite.load     every file read and checked; nothing is written on a problem
    public_catalogue    plansite.publish  drafts, embargoes, internal notes and unpublished names removed
    localised_catalogue plansite.view     each text in the language of the pages being made (English, Welsh)
    edition_views       plansite.view     what each plan says, worked out once per language
    build_downloads     plansite.export   every format, from the views
    build_pages         plansite.pages    the site's pages, from the same views

The Welsh site is built beside the English one when any partnership publishes in Welsh: the
national pages in Welsh, and the pages, feeds and downloads of each partnership that publishes in
Welsh, under cy/ (plansite.urls.tree_prefix).

The MkDocs hooks drive this; a successor static-site tool could drive it the same way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .export import Downloads, ExportOptions, build_downloads, datapackage, publish_downloads
from .export.published import inert_dumps
from .i18n import LANGUAGE_TAGS, Translator, current_language
from .load import Catalogue, Problem, load_plans
from .pages.feeds import atom_feed
from .pages.render import DEFAULT_TEMPLATES, RenderedPage, Renderer
from .pages.site import SiteOptions, SitePage, build_pages, nav_tree, pair_languages
from .pages.sitemap import partnership_sitemap
from .publish import HeldBack, public_catalogue
from .urls import tree_prefix
from .view.checklist import checklist_gaps
from .view.edition import edition_views
from .view.history import feed_entries, has_feed, partnership_history, stated_days
from .view.localise import Untranslated, localise, localised_catalogue, publishes_in, site_languages
from .view.model import Edition
from .view.national import National, national_view

# The Welsh site's name and description, where mkdocs.yml gives none (extra.plansite.welsh).
WELSH_SITE = {"site_name": Translator("cy")("site.name"), "site_description": Translator("cy")("site.description")}


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
class LanguageTree:
    """The site in one language: its plans' text, views and national pages."""

    language: str
    catalogue: Catalogue  # the public plans, with their text in this language
    views: dict[tuple[str, str], Edition]  # the view of every edition published in this language (and, for the
    # national pages, the current edition of the others)
    national: National
    published: frozenset[str]  # the partnerships that publish in this language: their pages are in this tree
    untranslated: list[Untranslated] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return tree_prefix(self.language)

    def published_views(self) -> list[Edition]:
        return [v for (slug, _), v in self.views.items() if slug in self.published]

    @cached_property
    def feeds(self) -> dict[str, bool]:
        """Whether each partnership of this tree ("" for the whole tree) has a feed (rules.dates.feeds).

        Every page's <head> asks, for its partnership and for the site: worked out once, because the
        whole site's answer reads every record of every plan, and the views do not change.
        """
        by_slug: dict[str, list[Edition]] = {}
        for (slug, _), view in self.views.items():
            if slug in self.published:
                by_slug.setdefault(slug, []).append(view)
        feeds = {slug: has_feed(views) for slug, views in by_slug.items()}
        feeds[""] = has_feed(self.published_views())
        return feeds


@dataclass
class SiteBuild:
    catalogue: Catalogue  # the public plans: all any page may show
    views: dict[tuple[str, str], Edition]  # the published view of every edition, in English
    national: National
    pages: list[SitePage]
    renderer: Renderer
    today: date
    held_back: HeldBack
    warnings: list[Problem] = field(default_factory=list)
    checklist_notes: list[str] = field(default_factory=list)
    downloads: Downloads | None = None
    trees: dict[str, LanguageTree] = field(default_factory=dict)  # by language: en, and cy where any partnership publishes in Welsh

    @property
    def untranslated(self) -> list[Untranslated]:
        """Every field a page shows in another language than its own, for the comms teams."""
        return [u for tree in self.trees.values() for u in tree.untranslated]
    checklist_summary: str = ""

    @classmethod
    def load(cls, plans: Path, *, today: date | None = None, templates: Path = DEFAULT_TEMPLATES,
             site_name: str = "Community safety plans", enforce_checklist: bool = False, previews: bool = False,
             exports_cache: Path | None = None, export_options: ExportOptions | None = None,
             site_names: dict[str, str] | None = None) -> SiteBuild:
        """Load and check every plan (raises PlanErrors), make the downloads, lay out the public pages.

        Downloads are made only when exports_cache is given; pages then list each file with its size.
        Raises ChecklistEnforced when enforcement is on and an item is missing. site_names gives the
        site's name in each language but English (default: the translation table's).
        """
        today = today or build_date()
        names = {"en": site_name, "cy": WELSH_SITE["site_name"], **(site_names or {})}
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
        # For the checklist of each partnership in Wales: how many fields of each edition have no Welsh.
        counts = {(plans.slug, edition.id): len(localise(plans, "cy", [edition]).untranslated)
                  for plans in public.partnerships if publishes_in(plans, "cy") for edition in plans.editions}
        trees = {}
        for language in site_languages(public):
            t = Translator(language)
            localised, untranslated = localised_catalogue(public, language)
            views = edition_views(localised, today=today, t=t, previews=previews)
            published = frozenset(p.slug for p in localised.partnerships if language == "en" or publishes_in(p, language))
            trees[language] = LanguageTree(language, localised, views, national_view(localised, views, today, t, counts),
                                           published, untranslated)
        made = [view for tree in trees.values() for view in tree.published_views()]
        downloads = build_downloads(made, exports_cache, options=export_options) if exports_cache else None
        pages = []
        for language, tree in trees.items():
            pages += build_pages(tree.catalogue, tree.views, tree.national,
                                 SiteOptions(today=today, language=language, site_name=names[language], published=tree.published),
                                 downloads)
        pair_languages(pages)
        english = trees["en"]
        build = cls(english.catalogue, english.views, english.national, pages, Renderer(templates, today=today), today, held,
                    warnings, notes, downloads, trees,
                    checklist_summary(gaps) if gaps else "")
        build.renderer.trees = build.addresses()
        return build

    def addresses(self) -> dict[str, frozenset[str]]:
        """Every page and file address in each language's tree but English's, for links (plansite.pages.render.url)."""
        found: dict[str, set[str]] = {language: set() for language in self.trees if language != "en"}
        for page in self.pages:
            if page.language in found:
                found[page.language].add(page.url)
        if self.downloads is not None:
            for entry in self.downloads.editions.values():
                if entry.language in found:
                    found[entry.language].update(f"{tree_prefix(entry.language)}{entry.slug}/downloads/{f.filename}" for f in entry.files)
        for language in found:
            found[language].update(path for path in self._feed_paths(language))
        return {language: frozenset(paths) for language, paths in found.items()}

    def tree(self, language: str | None = None) -> LanguageTree:
        """The site in a language: by default the page's being rendered."""
        return self.trees.get(language or current_language()) or self.trees["en"]

    def publish_downloads(self, site_dir: Path) -> int:
        return publish_downloads(self.downloads, site_dir) if self.downloads else 0

    def page_for(self, src_uri: str) -> SitePage | None:
        if not hasattr(self, "_by_uri"):
            self._by_uri = {page.src_uri: page for page in self.pages}
        return self._by_uri.get(src_uri)

    def _feed_parts(self, plans, tree: LanguageTree) -> tuple[list, list[str]]:
        """A partnership's feed entries (dated to the day) and the other days its plans state."""
        editions = [tree.views[(plans.slug, e.id)] for e in plans.editions]
        return feed_entries(partnership_history(editions)), stated_days(editions)

    def _feed_paths(self, language: str) -> list[str]:
        tree = self.trees[language]
        paths = [f"{tree.prefix}{slug}/{name}" for slug in tree.published for name in ("feed.xml", "sitemap.xml")
                 if name == "sitemap.xml" or self.has_feed(slug, language)]
        if self.has_feed("", language):
            paths += [f"{tree.prefix}feed.xml", f"{tree.prefix}sitemap.xml"]
        return paths

    def has_feed(self, slug: str, language: str | None = None) -> bool:
        """Whether a partnership ("" for the whole site) has a feed (rules.dates.feeds) in a language
        (by default the page's being rendered)."""
        return self.tree(language).feeds.get(slug, False)

    def generated_files(self, site_url: str, site_name: str) -> dict[str, str]:
        """The files that are not pages: the Atom feeds, and a sitemap beside each partnership's feed
        (Material's script looks for sitemap.xml next to every <link rel="alternate">), in each language."""
        files = {}
        for language, tree in self.trees.items():
            files.update(self._language_files(tree, site_url, site_name if language == "en" else WELSH_SITE["site_name"]))
        t = Translator("en")
        # Open data: the CSVs' Table Schemas, and a Data Package of every current plan's CSVs.
        for kind, schema in datapackage.schemas(t).items():
            files[datapackage.SCHEMA_FILES[kind]] = inert_dumps(schema)
        if self.downloads is not None:
            package = datapackage.national_package(self.views, self.downloads, t, site_url)
            files[datapackage.NATIONAL_PATH] = inert_dumps(package)
        return files

    def _language_files(self, tree: LanguageTree, site_url: str, site_name: str) -> dict[str, str]:
        t, prefix = Translator(tree.language), tree.prefix
        lang = LANGUAGE_TAGS[tree.language]
        by_section: dict[str, list[SitePage]] = {}
        for page in self.pages:
            if page.language == tree.language:
                by_section.setdefault(page.url[len(prefix):].split("/", 1)[0], []).append(page)
        files, everything, stated_days = {}, [], []
        for plans in tree.catalogue.partnerships:
            if plans.slug not in tree.published:
                continue
            history, stated = self._feed_parts(plans, tree)
            everything += history
            stated_days += stated
            feed = atom_feed(history, title=t("updates.feed_title", name=plans.data.short_name), site_url=site_url,
                             feed_path=f"{prefix}{plans.slug}/feed.xml", page_path=f"{prefix}{plans.slug}/updates/",
                             author=plans.data.name, stated=stated, language=lang)
            if feed is not None:
                files[f"{prefix}{plans.slug}/feed.xml"] = feed
            pages = [(page.url, page.updated.when.iso if page.updated else None) for page in by_section.get(plans.slug, [])]
            files[f"{prefix}{plans.slug}/sitemap.xml"] = partnership_sitemap(pages, site_url)
        everything.sort(key=lambda e: (e.when.iso, e.id), reverse=True)
        site_feed = atom_feed(everything, title=t("updates.site_feed_title"), site_url=site_url, feed_path=f"{prefix}feed.xml",
                              page_path=prefix, author=site_name, stated=stated_days, language=lang)
        if site_feed is not None:
            files[f"{prefix}feed.xml"] = site_feed
            if prefix:  # MkDocs writes the site's own sitemap.xml; the Welsh feed needs one beside it too
                files[f"{prefix}sitemap.xml"] = partnership_sitemap(
                    [(p.url, p.updated.when.iso if p.updated else None) for p in self.pages if p.language == tree.language], site_url)
        return files

    def render(self, page: SitePage) -> RenderedPage:
        return self.renderer.render(page)

    def nav(self, extra: dict[tuple[str, ...], list[tuple[str, str]]] | None = None, language: str = "en") -> list:
        return nav_tree([p for p in self.pages if p.language == language], extra)
