"""The public view of the plans: what may be published today, and nothing else.

Pages, downloads, feeds and the search index are all made from this view, so a draft,
an embargoed record, an internal note or an unpublished name cannot reach any of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from ..load.catalogue import Catalogue, PartnershipPlans, PlanEdition
from ..model import EditionStatus, Lead


@dataclass
class HeldBack:
    """What the build left out, so it can say so."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.items.append(text)


def _visible(draft: bool, publish_from: date | None, today: date) -> bool:
    return not draft and (publish_from is None or publish_from <= today)


def _strip_private(model: BaseModel) -> None:
    """Remove every unpublished name and internal note, wherever in the model it sits.

    Walks the whole model rather than listing places, so a field added later (a lead on a
    milestone, notes on a new record) is covered without anyone remembering it.
    """
    stack = [model]
    while stack:
        item = stack.pop()
        if isinstance(item, Lead) and not item.publish_name:
            item.name = None
        if "internal_notes" in type(item).model_fields:
            item.internal_notes = []
        for name in type(item).model_fields:
            value = getattr(item, name)
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, BaseModel))


def public_catalogue(catalogue: Catalogue, today: date, held: HeldBack | None = None, *, previews: bool = False,
                     in_place: bool = False) -> Catalogue:
    """A copy of the catalogue holding only what is public on `today`.

    With previews=True, drafts and embargoed items are kept (for `plansite preview`),
    but internal notes and unpublished names are still removed. With in_place=True the
    models are cleaned where they are instead of copied first: for a build, which has no
    further use for the full catalogue and need not spend the time or memory on a copy.
    """
    copy = (lambda model: model) if in_place else (lambda model: model.model_copy(deep=True))
    held = held if held is not None else HeldBack()
    partnerships = []
    for plans in catalogue.partnerships:
        public = PartnershipPlans(plans.slug, copy(plans.data), plans.source, contact_source=plans.contact_source,
                                  record_sources=plans.record_sources if in_place else {})
        suppress = plans.data.settings.suppress_below
        _strip_private(public.data)
        for edition in plans.editions:
            data = edition.data
            if not previews and not _visible(data.status is EditionStatus.DRAFT, data.publish_from, today):
                held.add(f"{plans.slug}: edition {edition.id} ({'draft' if data.status is EditionStatus.DRAFT else 'embargoed until ' + data.publish_from.isoformat()})")
                continue
            cleaned = copy(data)
            _strip_private(cleaned)
            _clean_edition(cleaned, plans.slug, edition.id, today, held, previews)
            if suppress:
                _suppress_small_numbers(cleaned, suppress)
            public.editions.append(PlanEdition(edition.id, cleaned, edition.source, public))
        if public.editions:
            partnerships.append(public)
        else:
            held.add(f"{plans.slug}: the whole partnership (it has no published edition yet)")
    return Catalogue(partnerships, warnings=list(catalogue.warnings))


def _suppress_small_numbers(edition, threshold: int) -> None:
    """Hide small results of sensitive indicators before any page, chart or file sees them.

    The number is withheld, not thrown away: progress is judged on the true figure (a real
    "target met" must not become last year's "off track"), and the view then shows the result
    as "fewer than N". A withheld figure is private to the model, so nothing can publish it.
    """
    for priority in edition.priorities:
        for indicator in priority.indicators:
            if not indicator.sensitive:
                continue
            for actual in indicator.actuals:
                if actual.value is not None and 0 < actual.value < threshold:
                    actual.withhold()


def _clean_edition(edition, slug: str, edition_id: str, today: date, held: HeldBack, previews: bool) -> None:
    edition.internal_notes = []
    for priority in edition.priorities:
        priority.internal_notes = []
    for action in edition.actions():
        kept = []
        for update in action.updates:
            if previews or _visible(update.draft, update.publish_from, today):
                kept.append(update)
            else:
                held.add(f"{slug}/{edition_id}: update to action {action.ref or action.text[:30]}")
        action.updates = kept
    kept_yswd = []
    for entry in edition.you_said_we_did:
        if previews or _visible(entry.draft, entry.publish_from, today):
            kept_yswd.append(entry)
        else:
            held.add(f"{slug}/{edition_id}: 'you said, we did' entry {entry.id or entry.said[:30]}")
    edition.you_said_we_did = kept_yswd
