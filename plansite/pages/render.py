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
from ..i18n import current_language, page_translator, use_language
from ..textformat import render_markdown
from ..urls import relative, tree_prefix
from ..view.model import Rich
from .icons import status_icon
from .site import SitePage

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "overrides"
HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class RenderedPage:
    html: str
    headings: list[Heading]


# The page being rendered. Components read it through the `url` global, so they can be imported
# without the caller's context, which lets Jinja compile and cache each one once.
_page_url: contextvars.ContextVar[str] = contextvars.ContextVar("page_url", default="")
# Every address in each language's tree but English (cy/...: pages, feeds, downloads), so a link
# written as a site address ('alternative-formats/') leads to the page in the reader's language
# where there is one, and to the English one where there is not.
_trees: contextvars.ContextVar[dict[str, frozenset[str]]] = contextvars.ContextVar("trees", default={})


def in_language(target: str, language: str, trees: dict[str, frozenset[str]]) -> str:
    """A site address as a page in `language` links to it: in that language's tree where the target is there."""
    prefix = tree_prefix(language)
    if not prefix or target.startswith(prefix):
        return target
    path = target.partition("#")[0]
    return prefix + target if prefix + path in trees.get(language, ()) else target


def url(target: str) -> str:
    """A link from the page being rendered to a site address, in the page's language where the site has it."""
    return relative(_page_url.get(), in_language(target, current_language(), _trees.get()))


class Renderer:
    """One Jinja environment, made once and reused for every page."""

    def __init__(self, templates: Path = DEFAULT_TEMPLATES, language: str = "en", today: date | None = None):
        self.today = today or date.today()
        self.language = language  # for render_string; a SitePage says its own
        self.trees: dict[str, frozenset[str]] = {}  # set by the build once every page and file is known
        self.t = page_translator
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
        token, trees = _page_url.set(page.url), _trees.set(self.trees)
        try:
            with use_language(page.language):
                html = template.render(page=page, **page.context)
        finally:
            _page_url.reset(token)
            _trees.reset(trees)
        return RenderedPage(html, headings(html))

    def render_string(self, source: str, page_url: str = "", language: str | None = None, **context: Any) -> str:
        """Render template source as if on page_url (in language, default the renderer's), for component tests."""
        token, trees = _page_url.set(page_url), _trees.set(self.trees)
        try:
            with use_language(language or self.language):
                return self.env.from_string(source).render(**context)
        finally:
            _page_url.reset(token)
            _trees.reset(trees)


def filesize(size: int) -> str:
    """GOV.UK style sizes: 812 bytes, 45 KB, 1.2 MB (in the page's language)."""
    t = page_translator
    if size < 1024:
        return t("size.bytes", size=size)
    if size < 1024 * 1024:
        return t("size.kb", size=round(size / 1024))
    return t("size.mb", size=f"{size / 1024 / 1024:.1f}")


def markdown(value: Rich | None, heading_base: int = 3) -> Markup:
    """A Markdown field of the view as HTML (raw HTML and unsafe links refused); plain text is never Markdown.

    Markdown in another language than the page's (the English of a field with no Welsh yet) is
    wrapped in a <div lang>, as plain text is marked with a <span lang> (plansite.i18n.words)."""
    if value is None:
        return Markup("")
    if not isinstance(value, Rich):
        raise TypeError("only fields the model declares Markdown (view.model.Rich) are rendered as Markdown")
    html = render_markdown(value.markdown, heading_base)
    lang = getattr(value.markdown, "lang", None)
    if lang and lang != current_language():
        return Markup(f'<div lang="{lang}">') + html + Markup("</div>")
    return html


def long_date(value: date | str | None) -> str:
    """A day for hand-written pages' page information (their front matter gives YYYY-MM-DD), in the page's language."""
    if not value:
        return ""
    return format_date(value if isinstance(value, date) else date.fromisoformat(str(value)), "day", current_language())


def headings(html: str) -> list[Heading]:
    """The h2 and h3 headings of a rendered body, for the page's table of contents."""
    return [Heading(int(level), id_, Markup(TAG.sub("", inner)).unescape().strip()) for level, id_, inner in HEADING.findall(html)]
