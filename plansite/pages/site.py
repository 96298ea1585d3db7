"""The pages of the public site, as data: address, titles, template and the view each one shows.

Nothing here knows about MkDocs. hooks/plansite_hooks.py turns these into MkDocs files,
and tests render them directly. Every context value is part of the published view
(plansite.view); templates lay it out and work nothing out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import format_date
from ..i18n import Translator
from ..load.catalogue import Catalogue, PartnershipPlans
from ..urls import tree_prefix
from ..view.history import has_feed, page_history, partnership_history
from ..view.model import Edition, LastUpdated
from ..view.national import National, rules_view


@dataclass
class SitePage:
    url: str
    title: str  # full title: <title> and the main heading
    nav_title: str  # short title in navigation
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # the YAML file the page is built from, for edit links
    nav_path: tuple[str, ...] = ()  # the nav sections the page sits in
    edition: Edition | None = None  # the edition the page shows, if any
    updated: LastUpdated | None = None  # what the page shows last changed (its sitemap date)
    language: str = "en"  # the page's language: its <html lang>, interface and plan text
    alternates: tuple[tuple[str, str], ...] = ()  # (language, url) of the same page in each other language
    switch: tuple[tuple[str, str], ...] = ()  # (language, url) the language switcher leads to: the same page, or
    # where there is none (a partnership publishing in English only), the nearest page above it

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"

    def switch_links(self) -> list[tuple[str, str]]:
        """(language, address from this page) for the language switcher: this page's own language and each
        other. Empty where the site is in one language."""
        from ..urls import relative

        if not self.switch:
            return []
        return [(language, relative(self.url, url)) for language, url in sorted([(self.language, self.url), *self.switch])]


@dataclass
class SiteOptions:
    today: date
    language: str = "en"
    site_name: str = "Community safety plans"
    published: frozenset[str] | None = None  # partnerships with pages in this language (None: all of them)


EDITION_PAGES = (
    # key, nav title key, full title key, template, path under the edition
    ("overview", "nav.overview", "title.overview", "overview.html", ""),
    ("assessment", "nav.assessment", "title.assessment", "assessment.html", "assessment/"),
    ("actions", "nav.actions", "title.actions", "actions.html", "actions/"),
    ("performance", "nav.performance", "title.performance", "performance.html", "performance/"),
    ("you_said", "nav.you_said", "title.you_said", "you_said.html", "you-said-we-did/"),
    ("get_involved", "nav.get_involved", "title.get_involved", "get_involved.html", "get-involved/"),
)


@dataclass(frozen=True)
class ContentsLink:
    url: str
    title: str
    priority: bool = False


def edition_contents(edition: Edition, t: Translator, has_earlier: bool) -> tuple[ContentsLink, ...]:
    """The pages of one edition, for its in-page contents list."""
    base = edition.url
    first = [ContentsLink(base + path, t(nav)) for key, nav, _, _, path in EDITION_PAGES if key in ("overview", "assessment")]
    priorities = [ContentsLink(p.url, p.title, True) for p in edition.priorities]
    rest = [ContentsLink(base + path, t(nav)) for key, nav, _, _, path in EDITION_PAGES if key not in ("overview", "assessment")]
    home = edition.partnership.url  # the partnership's pages in the edition's language
    if edition.is_current:
        rest += [ContentsLink(f"{home}updates/", t("updates.nav")), ContentsLink(f"{home}downloads/", t("nav.downloads")),
                 ContentsLink(f"{home}contact/", t("nav.contact"))]
        if has_earlier:
            rest.append(ContentsLink(f"{home}editions/", t("nav.editions")))
    return tuple(first + priorities + rest)


def _title(t: Translator, key: str, edition: Edition, **values: Any) -> str:
    """A page's full title; an earlier edition's pages say which edition, so no two pages share a title."""
    title = t(key, name=edition.partnership.short_name, **values)
    if not edition.is_current or edition.notice:
        title = t("title.earlier", title=title, period=edition.period)
    return title


def _edition_pages(plans: PartnershipPlans, edition: Edition, t: Translator, nav_path: tuple[str, ...],
                   common: dict[str, Any]) -> list[SitePage]:
    contents = edition_contents(edition, t, bool(plans.earlier))
    context = {**common, "edition": edition, "contents": contents}
    source = plans.edition(edition.id).source.path
    pages = []
    for key, nav, title, template, path in EDITION_PAGES:
        pages.append(SitePage(edition.url + path, _title(t, title, edition), t(nav), template,
                              {**context, "page_key": key, "history": page_history(edition)}, source, nav_path,
                              edition, edition.last_updated, t.language))
        if key == "assessment":
            for priority in edition.priorities:
                pages.append(SitePage(
                    priority.url, _title(t, "title.priority", edition, priority=priority.title), priority.title, "priority.html",
                    {**context, "page_key": "priority", "priority": priority, "history": page_history(edition, priority.id)},
                    source, nav_path + (t("nav.priorities"),), edition, edition.last_updated, t.language))
    return pages


def build_pages(catalogue: Catalogue, views: dict[tuple[str, str], Edition], national: National, options: SiteOptions,
                downloads=None) -> list[SitePage]:
    """Every generated page of the public site, in navigation order.

    downloads (plansite.export.Downloads) lets pages list each file with its size; None means
    they were not made (a preview), and the pages say so.

    In a language other than English (options.language), the pages are the national pages and those
    of the partnerships that publish in it, under that language's folder (cy/), from views made in it.
    """
    t = Translator(options.language)
    language, home = options.language, tree_prefix(options.language)
    site_updated = _site_updated(views)
    published = options.published
    in_feeds = [v for (slug, _), v in views.items() if published is None or slug in published]
    common = {"downloads": downloads, "national": national, "site_updated": site_updated,
              "checked_on": format_date(options.today, "day", language), "has_site_feed": has_feed(in_feeds)}
    pages = [SitePage(home, options.site_name, t("nav.home"), "home.html", dict(common), updated=site_updated, language=language)]
    by_slug = {p.slug: p for p in catalogue.partnerships}
    for region in national.regions:
        pages.append(SitePage(region.url, t("title.region", region=region.name), t("nav.region_summary"), "region.html",
                              {**common, "region": region}, None, (t("nav.partnerships"), region.name), updated=site_updated,
                              language=language))
        for member in region.members:
            plans = by_slug[member.slug]
            current = member.edition
            if current is None or (published is not None and plans.slug not in published):
                continue
            nav_path = (t("nav.partnerships"), region.name, member.short_name)
            pages += _edition_pages(plans, current, t, nav_path, common)
            editions = [views[(plans.slug, e.id)] for e in plans.editions]
            edition_context = {**common, "edition": current, "contents": edition_contents(current, t, bool(plans.earlier))}
            source = plans.source.path
            for path, title, nav, template, key, extra in (
                ("updates/", "updates.title", "updates.nav", "updates.html", "updates",
                 {"entries": partnership_history(editions), "has_feed": has_feed(editions)}),
                ("downloads/", "title.downloads", "nav.downloads", "downloads.html", "downloads",
                 {"editions": [views[(plans.slug, e.id)] for e in [plans.current] + plans.earlier]}),
                ("contact/", "title.contact", "nav.contact", "contact.html", "contact", {}),
            ):
                # The contact page is edited where its details are: contact.yaml when the partnership has one.
                edit = plans.contact_source.path if key == "contact" and plans.contact_source else source
                pages.append(SitePage(f"{current.partnership.url}{path}", t(title, name=member.short_name), t(nav), template,
                                      {**edition_context, "page_key": key, "history": page_history(current), **extra},
                                      edit, nav_path, current, current.last_updated, language))
            if plans.earlier:
                pages.append(SitePage(f"{current.partnership.url}editions/", t("title.editions", name=member.short_name),
                                      t("nav.all_editions"), "editions.html",
                                      {**edition_context, "page_key": "editions", "history": page_history(current)},
                                      source, nav_path + (t("nav.editions"),), current, current.last_updated, language))
                for earlier in plans.earlier:
                    view = views[(plans.slug, earlier.id)]
                    pages += _edition_pages(plans, view, t, nav_path + (t("nav.editions"), view.title), common)
    pages += _site_wide_pages(national, common, t, site_updated)
    return pages


def pair_languages(pages: list[SitePage]) -> None:
    """Give each page the addresses of the same page in the other languages (hreflang, the switcher).

    A page's address in another language is its own with that language's folder in front
    (cy/northtown/ is northtown/ in Welsh), so the same page is found by address alone.
    """
    by_url = {page.url: page for page in pages}
    languages = sorted({page.language for page in pages})
    for page in pages:
        home = tree_prefix(page.language)
        neutral = page.url[len(home):]
        same, nearest = [], []
        for language in languages:
            if language == page.language:
                continue
            other = by_url.get(tree_prefix(language) + neutral)
            if other is not None and other.language == language:
                same.append((language, other.url))
                nearest.append((language, other.url))
                continue
            # No such page in that language (a place letter only one language's names begin with, a
            # partnership that publishes in English only): the switcher leads to the nearest page above.
            parts = neutral.rstrip("/").split("/") if neutral else []
            while parts:
                parts.pop()
                above = tree_prefix(language) + "".join(f"{p}/" for p in parts)
                if above in by_url and by_url[above].language == language:
                    nearest.append((language, above))
                    break
        page.alternates, page.switch = tuple(same), tuple(nearest)


def _site_updated(views: dict[tuple[str, str], Edition]) -> LastUpdated | None:
    """When anything on the site last changed: the latest 'last updated' of any edition."""
    dated = [v.last_updated for v in views.values() if v.last_updated]
    return max(dated, key=lambda u: u.when.iso) if dated else None


def _site_wide_pages(national: National, common: dict[str, Any], t: Translator, updated) -> list[SitePage]:
    """Pages across partnerships. Each has a summary page and one page per area (or letter), so no
    page grows with the number of partnerships: 300 on one page would be too long to use or load."""
    about = (t("nav.about"),)
    language, home = t.language, tree_prefix(t.language)
    pages = []
    for path, title, nav, template, items in (
        ("compare", "title.compare", "nav.compare", "compare", national.compare),
        ("checklist", "title.checklist", "nav.checklist", "checklist", national.checklist),
        ("open-data", "title.open_data", "nav.open_data", "open_data", national.regions),
    ):
        section = about + (t(nav),)
        pages.append(SitePage(f"{home}{path}/", t(title), t("nav.all_areas"), f"{template}.html", dict(common), None, section,
                              updated=updated, language=language))
        for item in items:
            region = getattr(item, "region", item)
            pages.append(SitePage(f"{home}{path}/{region.slug}/", t("title.in_region", title=t(title), region=region.name),
                                  region.name, f"{template}_region.html", {**common, "region": region, "item": item}, None,
                                  section, updated=updated, language=language))
    places_section = about + (t("nav.places"),)
    pages.append(SitePage(f"{home}places/", t("site.places_title"), t("nav.all_letters"), "places.html", dict(common), None,
                          places_section, updated=updated, language=language))
    for letter in national.letters:
        pages.append(SitePage(f"{home}places/{letter.slug}/", t("site.places_letter", letter=letter.letter), letter.letter,
                              "places_letter.html", {**common, "letter": letter}, None, places_section, updated=updated,
                              language=language))
    pages += [
        SitePage(f"{home}how-progress-is-reported/", t("title.progress_rules"), t("nav.progress_rules"), "progress_rules.html",
                 {**common, "rules": rules_view(t)}, None, about, updated=updated, language=language),
        SitePage(f"{home}alternative-formats/", t("title.alternative_formats"), t("nav.alternative_formats"),
                 "alternative_formats.html", dict(common), None, about, updated=updated, language=language),
    ]
    return pages


def nav_tree(pages: list[SitePage], extra: dict[tuple[str, ...], list[tuple[str, str]]] | None = None) -> list:
    """MkDocs-style nav data (lists of {title: path}) from the pages' nav paths.

    `extra` adds hand-written pages: {nav path: [(title, src path)]}.
    """
    root: list = []

    def section(path: tuple[str, ...]) -> list:
        items = root
        for title in path:
            for item in items:
                if isinstance(item, dict) and title in item and isinstance(item[title], list):
                    items = item[title]
                    break
            else:
                new: list = []
                items.append({title: new})
                items = new
        return items

    for page in pages:
        section(page.nav_path).append({page.nav_title: page.src_uri})
    for path, entries in (extra or {}).items():
        for title, src in entries:
            section(path).append({title: src})
    return root
