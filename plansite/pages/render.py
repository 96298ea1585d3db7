"""Render page bodies from the models with Jinja, escaping all text but declared Markdown."""
from __future__ import annotations

import contextvars
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..view import checklist
from ..view import history
from ..view import rules as views
from ..view.charts import indicator_chart
from ..export import EXPORTERS
from ..export.formats import ACTION_COLUMNS, INDICATOR_COLUMNS
from ..dates import format_date
from ..i18n import Translator
from .icons import status_icon
from ..model import Strand
from .site import SitePage
from ..textformat import render_markdown
from ..urls import action_anchor, edition_base, region_slug, relative, slugify

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "overrides"
HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")
ASIDE = "<!--ps:aside-->"
NOT_SEARCHED = re.compile(r"<svg\b.*?</svg>|<nav\b.*?</nav>", re.S)  # charts repeat their tables; crumbs repeat nav
SEARCH_HEADING = re.compile(r'(<h[1-6] id="[^"]+"[^>]*>.*?</h[1-6]>)', re.S)


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class RenderedPage:
    html: str
    headings: list[Heading]

    @property
    def search_html(self) -> str:
        """The page's words, under its headings, in the least markup that the search index needs.

        Material's search plugin parses whatever HTML it is given; handing it this instead of the
        full page keeps its index the same shape (a section per heading) at a fraction of the cost,
        and leaves out what every page repeats (contents, request-a-format, page information).
        """
        body = NOT_SEARCHED.sub(" ", self.html.split(ASIDE, 1)[0])
        out = []
        for i, part in enumerate(SEARCH_HEADING.split(body)):
            if i % 2:
                out.append(part)
            else:
                text = " ".join(TAG.sub(" ", part).split())
                if text:
                    out.append(f"<p>{text}</p>")
        return "".join(out)


# The page being rendered. Components read it through the `url` global, so they can be imported
# without the caller's context, which lets Jinja compile and cache each one once.
_page_url: contextvars.ContextVar[str] = contextvars.ContextVar("page_url", default="")


def url(target: str) -> str:
    """A link from the page being rendered to a site address."""
    return relative(_page_url.get(), target)


class Renderer:
    """One Jinja environment, made once and reused for every page."""

    def __init__(self, templates: Path = DEFAULT_TEMPLATES, language: str = "en", today: date | None = None):
        self.t = Translator(language)
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.env.globals.update(
            t=self.t,
            url=url,
            today=today or date.today(),
            views=views,
            checklist=checklist,
            history=history,
            indicator_chart_data=indicator_chart,
            action_anchor=action_anchor,
            edition_base=edition_base,
            region_slug=region_slug,
            slugify=slugify,
            status_icon=status_icon,
            exporters=EXPORTERS,
            strands=[s.value for s in Strand],
            csv_columns={"actions-csv": ACTION_COLUMNS, "indicators-csv": INDICATOR_COLUMNS},
        )
        self.env.tests["contains_strand"] = lambda strands, value: any(s.value == value for s in strands)
        self.env.tests["any_strand"] = lambda priorities, value: any(s.value == value for p in priorities for s in p.strands)
        self.env.filters.update(
            markdown=render_markdown,
            number=views.format_number,
            long_date=_long_date,
            parenthesise=_parenthesise,
            filesize=filesize,
        )

    def render(self, page: SitePage) -> RenderedPage:
        template = self.env.get_template(f"plansite/{page.template}")
        token = _page_url.set(page.url)
        try:
            html = template.render(page=page, **page.context)
        finally:
            _page_url.reset(token)
        return RenderedPage(html, headings(html))

    def render_string(self, source: str, page_url: str = "", **context: Any) -> str:
        """Render template source as if on page_url, for component tests."""
        token = _page_url.set(page_url)
        try:
            return self.env.from_string(source).render(**context)
        finally:
            _page_url.reset(token)


def filesize(size: int) -> str:
    """GOV.UK style sizes: 812 bytes, 45 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _parenthesise(text: str) -> str:
    """Wrap a note in brackets unless the plan already wrote it that way: "(Target-16%)"."""
    return text if text.startswith("(") and text.endswith(")") else f"({text})"


def _long_date(value: date | None, precision: str | None = "day") -> str:
    return format_date(value, precision) if value else ""


def headings(html: str) -> list[Heading]:
    """The h2 and h3 headings of a rendered body, for the page's table of contents."""
    return [Heading(int(level), id_, Markup(TAG.sub("", inner)).unescape().strip()) for level, id_, inner in HEADING.findall(html)]
