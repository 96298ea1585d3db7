"""Markdown for the few fields declared Markdown, with raw HTML and unsafe links refused.

Everything else is plain text and is escaped by the templates.
"""
from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_LINK = re.compile(r"^(https?://|mailto:|#|/|\.{0,2}/|[a-z0-9._-]+(/|$|#))", re.I)
HEADING = re.compile(r"^h([1-6])$")


class _SafeTree(Treeprocessor):
    """Drops unsafe link targets and fits heading levels under the page's own headings."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.heading_base = 3

    def run(self, root: etree.Element) -> None:
        levels = [int(m[1]) for el in root.iter() if (m := HEADING.match(str(el.tag)))]
        shift = self.heading_base - min(levels) if levels else 0
        for element in root.iter():
            if m := HEADING.match(str(element.tag)):
                element.tag = f"h{min(6, int(m[1]) + shift)}"
            if element.tag == "a":
                href = element.get("href", "")
                if not SAFE_LINK.match(href) or href.lower().startswith(("javascript:", "data:", "vbscript:")):
                    element.attrib.pop("href", None)
                    element.tag = "span"
            if element.tag == "img":
                # Images would load from wherever the author pointed; plans carry no images.
                element.tag = "span"
                element.text = element.get("alt", "")
                element.attrib.clear()


class _NoRawHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeTree(md), "plansite_safe", 0)


_local = threading.local()


def _converter() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists"], output_format="html")
        _local.md = md
    return md


def render_markdown(text: str | None, heading_base: int = 3) -> Markup:
    if not text:
        return Markup("")
    md = _converter()
    md.reset()
    md.treeprocessors["plansite_safe"].heading_base = heading_base
    return Markup(md.convert(text))
