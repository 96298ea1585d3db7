"""The pages of the public site, as data: address, titles, template and the models they show.

Nothing here knows about MkDocs. hooks/plansite_hooks.py turns these into MkDocs files,
and tests render them directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..load.catalogue import Catalogue, PartnershipPlans, PlanEdition
from ..i18n import Translator
from ..load.refs import ActionIndex
from ..urls import edition_base, region_slug
from ..view.rules import place_index


@dataclass
class SitePage:
    url: str
    title: str  # full title: <title> and the main heading
    nav_title: str  # short title in navigation
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # the YAML file the page is built from, for edit links
    nav_path: tuple[str, ...] = ()  # the nav sections the page sits in

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


@dataclass
class SiteOptions:
    today: date
    language: str = "en"
    site_name: str = "Community safety plans"


EDITION_PAGES = (
    # key, nav title key, full title key, template, path under the edition
    ("overview", "nav.overview", "title.overview", "overview.html", ""),
    ("assessment", "nav.assessment", "title.assessment", "assessment.html", "assessment/"),
    ("actions", "nav.actions", "title.actions", "actions.html", "actions/"),
    ("performance", "nav.performance", "title.performance", "performance.html", "performance/"),
    ("you_said", "nav.you_said", "title.you_said", "you_said.html", "you-said-we-did/"),
    ("get_involved", "nav.get_involved", "title.get_involved", "get_involved.html", "get-involved/"),
)


def edition_page_links(plans: PartnershipPlans, edition: PlanEdition, t: Translator) -> list[dict[str, str]]:
    """The pages of one edition, for its in-page contents list."""
    base = edition_base(plans.slug, None if edition.is_current else edition.id)
    links = [{"url": base + path, "title": t(nav), "priority": False} for key, nav, _, _, path in EDITION_PAGES if key in ("overview", "assessment")]
    links += [{"url": f"{base}priorities/{p.id}/", "title": p.title, "priority": True} for p in edition.data.priorities]
    links += [{"url": base + path, "title": t(nav), "priority": False} for key, nav, _, _, path in EDITION_PAGES if key not in ("overview", "assessment")]
    if edition.is_current:
        links += [{"url": f"{plans.slug}/updates/", "title": t("updates.nav"), "priority": False}]
        links += [{"url": f"{plans.slug}/downloads/", "title": t("nav.downloads"), "priority": False}]
        links += [{"url": f"{plans.slug}/contact/", "title": t("nav.contact"), "priority": False}]
        if plans.earlier:
            links += [{"url": f"{plans.slug}/editions/", "title": t("nav.editions"), "priority": False}]
    return links


def _edition_pages(plans: PartnershipPlans, edition: PlanEdition, t: Translator, nav_path: tuple[str, ...]) -> list[SitePage]:
    base = edition_base(plans.slug, None if edition.is_current else edition.id)
    name = plans.data.short_name
    context = {"plans": plans, "edition": edition, "base": base, "index": ActionIndex(edition.data, edition.id),
               "contents": edition_page_links(plans, edition, t)}
    pages = []
    for key, nav, title, template, path in EDITION_PAGES:
        pages.append(SitePage(base + path, t(title, name=name), t(nav), template, {**context, "page_key": key},
                              edition.source.path, nav_path))
        if key == "assessment":
            for priority in edition.data.priorities:
                pages.append(SitePage(
                    f"{base}priorities/{priority.id}/", t("title.priority", name=name, priority=priority.title),
                    priority.title, "priority.html", {**context, "page_key": "priority", "priority": priority},
                    edition.source.path, nav_path + (t("nav.priorities"),)))
    return pages


def build_pages(catalogue: Catalogue, options: SiteOptions, downloads=None) -> list[SitePage]:
    """Every generated page of the public site, in navigation order.

    downloads (plansite.export.Downloads) lets pages list each file with its size; None means
    they were not made (a preview), and the pages say so.
    """
    t = Translator(options.language)
    common = {"catalogue": catalogue, "today": options.today, "downloads": downloads}
    pages = [SitePage("", options.site_name, t("nav.home"), "home.html", dict(common))]
    regions = catalogue.regions
    for region, members in regions.items():
        pages.append(SitePage(f"regions/{region_slug(region)}/", t("title.region", region=region), t("nav.region_summary"), "region.html",
                              {**common, "region": region, "members": members}, None, (t("nav.partnerships"), region)))
        for plans in members:
            nav_path = (t("nav.partnerships"), region, plans.data.short_name)
            current = plans.current
            if current is None:
                continue
            pages += [_with(p, common) for p in _edition_pages(plans, current, t, nav_path)]
            edition_context = {"plans": plans, "edition": current, "base": f"{plans.slug}/",
                               "contents": edition_page_links(plans, current, t)}
            pages.append(SitePage(f"{plans.slug}/updates/", t("updates.title", name=plans.data.short_name), t("updates.nav"),
                                  "updates.html", {**common, **edition_context, "page_key": "updates"}, plans.source.path, nav_path))
            pages.append(SitePage(f"{plans.slug}/downloads/", t("title.downloads", name=plans.data.short_name), t("nav.downloads"),
                                  "downloads.html", {**common, **edition_context, "page_key": "downloads"}, plans.source.path, nav_path))
            pages.append(SitePage(f"{plans.slug}/contact/", t("title.contact", name=plans.data.short_name), t("nav.contact"),
                                  "contact.html", {**common, **edition_context, "page_key": "contact"}, plans.source.path, nav_path))
            if plans.earlier:
                pages.append(SitePage(f"{plans.slug}/editions/", t("title.editions", name=plans.data.short_name), t("nav.all_editions"),
                                      "editions.html", {**common, **edition_context, "page_key": "editions"}, plans.source.path,
                                      nav_path + (t("nav.editions"),)))
                for earlier in plans.earlier:
                    earlier_path = nav_path + (t("nav.editions"), earlier.data.title)
                    pages += [_with(p, common) for p in _edition_pages(plans, earlier, t, earlier_path)]
    pages += _site_wide_pages(catalogue, common, t)
    return pages


def _site_wide_pages(catalogue: Catalogue, common: dict[str, Any], t: Translator) -> list[SitePage]:
    """Pages across partnerships. Each has a summary page and one page per area (or letter), so no
    page grows with the number of partnerships: 300 on one page would be too long to use or load."""
    about = (t("nav.about"),)
    regions = catalogue.regions
    pages = []
    for key, path, title, nav, template in (
        ("compare", "compare", "title.compare", "nav.compare", "compare"),
        ("checklist", "checklist", "title.checklist", "nav.checklist", "checklist"),
        ("open_data", "open-data", "title.open_data", "nav.open_data", "open_data"),
    ):
        section = about + (t(nav),)
        pages.append(SitePage(f"{path}/", t(title), t("nav.all_areas"), f"{template}.html",
                              {**common, "regions": regions}, None, section))
        for region, members in regions.items():
            pages.append(SitePage(f"{path}/{region_slug(region)}/", t("title.in_region", title=t(title), region=region), region,
                                  f"{template}_region.html", {**common, "region": region, "members": members}, None, section))
    letters = place_index(catalogue)
    places_section = about + (t("nav.places"),)
    pages.append(SitePage("places/", t("site.places_title"), t("nav.all_letters"), "places.html",
                          {**common, "letters": letters}, None, places_section))
    for letter, items in letters:
        pages.append(SitePage(f"places/{letter.lower()}/", t("site.places_letter", letter=letter), letter, "places_letter.html",
                              {**common, "letter": letter, "items": items}, None, places_section))
    pages += [
        SitePage("how-progress-is-reported/", t("title.progress_rules"), t("nav.progress_rules"), "progress_rules.html",
                 dict(common), None, about),
        SitePage("alternative-formats/", t("title.alternative_formats"), t("nav.alternative_formats"), "alternative_formats.html",
                 dict(common), None, about),
    ]
    return pages


def _with(page: SitePage, extra: dict[str, Any]) -> SitePage:
    page.context = {**extra, **page.context}
    return page


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
