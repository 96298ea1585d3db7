"""A sitemap (sitemaps.org 0.9) for one partnership's pages.

MkDocs writes the site-wide sitemap.xml. Each partnership also gets its own beside its feed,
because Material's JavaScript looks for sitemap.xml next to every <link rel="alternate">,
which would otherwise be a failed request on every partnership page.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def partnership_sitemap(pages: list[tuple[str, str | None]], site_url: str) -> str:
    """pages: (site-relative url, last updated as W3C datetime: 2009-11-18, 2009-11 or 2009); site_url ends with '/'."""
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for url, updated in pages:
        item = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(item, f"{{{SITEMAP}}}loc").text = site_url + url
        if updated is not None:
            ET.SubElement(item, f"{{{SITEMAP}}}lastmod").text = updated
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"
