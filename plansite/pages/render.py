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

from ..dates import format_date
from ..export import EXPORTERS
from ..export.formats import ACTION_COLUMNS, INDICATOR_COLUMNS
from ..i18n import Translator
from ..textformat import render_markdown
from ..urls import relative
from ..view.model import Rich
from .icons import status_icon
from .site import SitePage

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
        self.today = today or date.today()
        self.t = Translator(language)
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        # Templates get the translation table, links, icons and the exporter registry: presentation
        # only. Everything they show comes from the published view in their context (plansite.view).
        self.env.globals.update(
            t=self.t,
            url=url,
            status_icon=status_icon,
            exporters=EXPORTERS,
            csv_columns={"actions-csv": ACTION_COLUMNS, "indicators-csv": INDICATOR_COLUMNS},
        )
        self.env.filters.update(markdown=markdown, filesize=filesize)

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


def markdown(value: Rich | None, heading_base: int = 3) -> Markup:
    """A Markdown field of the view as HTML (raw HTML and unsafe links refused); plain text is never Markdown."""
    if value is None:
        return Markup("")
    if not isinstance(value, Rich):
        raise TypeError("only fields the model declares Markdown (view.model.Rich) are rendered as Markdown")
    return render_markdown(value.markdown, heading_base)


def long_date(value: date | str | None) -> str:
    """A day for hand-written pages' page information (their front matter gives YYYY-MM-DD)."""
    if not value:
        return ""
    return format_date(value if isinstance(value, date) else date.fromisoformat(str(value)), "day")


def headings(html: str) -> list[Heading]:
    """The h2 and h3 headings of a rendered body, for the page's table of contents."""
    return [Heading(int(level), id_, Markup(TAG.sub("", inner)).unescape().strip()) for level, id_, inner in HEADING.findall(html)]
