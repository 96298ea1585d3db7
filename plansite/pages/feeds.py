"""Atom feeds (RFC 4287) of significant updates, site-wide and per partnership."""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from ..view.history import HistoryEntry

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0), tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def _tag_id(site_url: str, path: str, first: date) -> str:
    # tag: URIs (RFC 4151) stay the same if the site moves to another path or scheme.
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{first.isoformat()}:{path}"


def atom_feed(entries: list[HistoryEntry], *, title: str, site_url: str, feed_path: str, page_path: str,
              author: str, first: date = date(2008, 1, 1)) -> str:
    """An Atom feed document. site_url ends with '/'; paths are site-relative."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _tag_id(site_url, feed_path, first)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    updated = max((e.date for e in entries), default=first)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": site_url + feed_path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + page_path})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = _tag_id(site_url, entry.id, first)
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.date)
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + entry.url})
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
