"""What changed and when: the GOV.UK 'updates to this page' list, the updates pages and the feeds.

Only significant, dated, public records appear. A minor change moves a page's last-updated
date and nothing else.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from ..load.catalogue import PartnershipPlans, PlanEdition
from ..i18n import Translator
from ..urls import action_anchor, edition_base
from .rules import entry_id


@dataclass(frozen=True)
class HistoryEntry:
    id: str  # stable: the same record always has the same id
    date: date
    kind: str  # "edition", "change", "progress" or "said"
    title: str
    summary: str
    url: str  # site-relative address of the page that shows it
    slug: str
    edition_id: str
    priority_id: str | None = None


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def edition_history(plans: PartnershipPlans, edition: PlanEdition, t: Translator | None = None) -> list[HistoryEntry]:
    """Significant dated records of one edition, newest first."""
    t = t or Translator()
    data = edition.data
    base = edition_base(plans.slug, None if edition.is_current else edition.id)
    common = {"slug": plans.slug, "edition_id": edition.id}
    entries = []
    if data.published and data.published.parsed:
        entries.append(HistoryEntry(f"{plans.slug}/{edition.id}/published", data.published.parsed, "edition",
                                    t("history.published", title=data.title), data.summary or data.title, base, **common))
    for change in data.changes:
        if change.significant:
            entries.append(HistoryEntry(f"{plans.slug}/{edition.id}/change/{_hash(change.date, change.note)}", change.date,
                                        "change", change.note, change.note, base, **common))
    for priority in data.priorities:
        for action in priority.actions():
            for update in action.updates:
                if not (update.significant and update.date and update.date.parsed):
                    continue
                label = action.ref or action.text[:60]
                status = f" ({t('status.' + update.status.value)})" if update.status else ""
                entries.append(HistoryEntry(
                    f"{plans.slug}/{edition.id}/progress/{_hash(priority.id, action.ref, action.text, update.date.as_written, update.text)}",
                    update.date.parsed, "progress", t("history.progress", action=label) + status, update.text,
                    f"{base}priorities/{priority.id}/#{action_anchor(priority, action)}", priority_id=priority.id, **common))
    for entry in data.you_said_we_did:
        if entry.significant and entry.date:
            entries.append(HistoryEntry(f"{plans.slug}/{edition.id}/said/{entry_id(entry)}", entry.date, "said",
                                        t("history.said", said=entry.said), f"{t('yswd.did')}: {entry.did}",
                                        f"{base}you-said-we-did/#{entry_id(entry)}", **common))
    return sorted(entries, key=lambda e: (e.date, e.id), reverse=True)


def partnership_history(plans: PartnershipPlans, t: Translator | None = None) -> list[HistoryEntry]:
    entries = [e for edition in plans.editions for e in (edition.history if t is None else edition_history(plans, edition, t))]
    return sorted(entries, key=lambda e: (e.date, e.id), reverse=True)


def page_history(plans: PartnershipPlans, edition: PlanEdition, priority=None) -> list[HistoryEntry]:
    """'Updates to this page': the edition's own changes, and for a priority page its actions' progress."""
    entries = edition.history
    if priority is None:
        return entries
    return [e for e in entries if e.kind in ("edition", "change") or e.priority_id == priority.id]
