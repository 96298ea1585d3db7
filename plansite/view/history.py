"""What changed and when: 'updates to this page', the updates pages and the feeds.

Each edition's view carries its significant dated records (Edition.history, made in
plansite.view.edition). This module combines and filters them; a minor change moves a page's
last-updated date and nothing else.
"""
from __future__ import annotations

from collections.abc import Iterable

from .model import Edition, HistoryEntry


def partnership_history(editions: Iterable[Edition]) -> list[HistoryEntry]:
    """Every edition's significant records, newest first."""
    entries = [e for edition in editions for e in edition.history]
    return sorted(entries, key=lambda e: (e.when.iso, e.id), reverse=True)


def page_history(edition: Edition, priority_id: str | None = None) -> tuple[HistoryEntry, ...]:
    """'Updates to this page': the edition's own changes, and on a priority's page its actions' progress."""
    if priority_id is None:
        return edition.history
    return tuple(e for e in edition.history if e.kind in ("edition", "change") or e.priority_id == priority_id)


def feed_entries(entries: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    """The records a feed carries: those dated to the day (rules.dates.feeds).

    An Atom entry needs a full date. A record the plan dates only to a month or a year is
    listed on the updates page, and left out of the feed rather than given a day it never had.
    """
    return [e for e in entries if e.when.precision == "day"]


def stated_days(editions: Iterable[Edition]) -> list[str]:
    """Days the plans themselves state (last updated or first published, to the day), for a feed with no entries."""
    return [e.last_updated.when.iso for e in editions
            if e.last_updated and e.last_updated.stated and e.last_updated.when.precision == "day"]


def has_feed(editions: Iterable[Edition]) -> bool:
    """A feed needs a date stated to the day: an entry's, or one its plans state (rules.dates.feeds)."""
    editions = list(editions)
    return bool(feed_entries(partnership_history(editions))) or bool(stated_days(editions))
