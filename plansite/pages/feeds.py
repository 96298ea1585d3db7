"""Atom feeds (RFC 4287) of significant updates, site-wide and per partnership.

Dates come only from what the plans state (rules.dates.feeds): an entry's <updated> is its
record's date, which must be stated to the day; the feed's own <updated> is its newest entry's,
or the newest date to the day the plans state. With no such date there is no feed.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from ..view.model import HistoryEntry

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(iso_day: str) -> str:
    return datetime.combine(date.fromisoformat(iso_day), time(0), tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def _tag_id(site_url: str, path: str) -> str:
    # tag: URIs (RFC 4151) stay the same if the site moves to another path or scheme. The date in
    # them is part of the name (RFC 4151 asks for one), fixed for the site: not a claim about any plan.
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},2008-01-01:{path}"


def atom_feed(entries: list[HistoryEntry], *, title: str, site_url: str, feed_path: str, page_path: str,
              author: str, language: str = "en-GB", stated: list[str] = ()) -> str | None:
    """An Atom feed document, or None when no stated day dates one.

    entries must all be dated to the day (plansite.view.history.feed_entries); stated holds other
    ISO days the plans state (changes, last updated), for a feed with no entries yet.
    """
    days = [e.when.iso for e in entries] or [d for d in stated if len(d) == 10]
    if not days:
        return None
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": language})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _tag_id(site_url, feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(max(days))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": site_url + feed_path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + page_path})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = _tag_id(site_url, entry.id)
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(entry.when.iso)
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + entry.url})
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
