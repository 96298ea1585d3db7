"""Render page bodies from the models with Jinja, escaping all text but declared Markdown."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import checklist, history, views
from .charts import indicator_chart
from .exports import EXPORTERS
from .exports.formats import ACTION_COLUMNS, INDICATOR_COLUMNS
from .dates import format_date
from .i18n import Translator
from .site import SitePage
from .textformat import render_markdown
from .urls import action_anchor, edition_base, region_slug, relative, slugify

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "overrides"
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


class Renderer:
    """One Jinja environment, made once and reused for every page."""

    def __init__(self, templates: Path = DEFAULT_TEMPLATES, language: str = "en"):
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
            views=views,
            checklist=checklist,
            history=history,
            indicator_chart_data=indicator_chart,
            action_anchor=action_anchor,
            edition_base=edition_base,
            region_slug=region_slug,
            slugify=slugify,
            exporters=EXPORTERS,
            csv_columns={"actions-csv": ACTION_COLUMNS, "indicators-csv": INDICATOR_COLUMNS},
        )
        self.env.tests["contains_strand"] = lambda strands, value: any(s.value == value for s in strands)
        self.env.filters.update(
            markdown=render_markdown,
            number=views.format_number,
            long_date=_long_date,
            parenthesise=_parenthesise,
            filesize=_filesize,
        )

    def render(self, page: SitePage) -> RenderedPage:
        template = self.env.get_template(f"plansite/{page.template}")
        html = template.render(page=page, url=partial(relative, page.url), **page.context)
        return RenderedPage(html, headings(html))

    def render_template(self, name: str, page_url: str = "", **context: Any) -> str:
        """Render one template with a context, for component tests and exports."""
        return self.env.get_template(name).render(url=partial(relative, page_url), **context)


def _filesize(size: int) -> str:
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
