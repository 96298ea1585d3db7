"""The public plan as a JSON-ready dictionary, matching schemas/plan.schema.json."""
from __future__ import annotations

from typing import Any

from ..catalogue import PartnershipPlans, PlanEdition
from ..model.published import PublishedPlan

PRIVATE_KEYS = {"internal_notes", "name", "publish_name", "settings"}


def _without_private(value: Any, parent: str = "") -> Any:
    if isinstance(value, dict):
        # "name" is private only where it is a person's name (leads and members), not a group's or a plan's.
        person = "role" in value or "organisation" in value or "publish_name" in value
        return {k: _without_private(v, k) for k, v in value.items()
                if not (k in ("internal_notes", "settings", "publish_name") or (k == "name" and person))}
    if isinstance(value, list):
        return [_without_private(v, parent) for v in value]
    return value


def published_plan(plans: PartnershipPlans, edition: PlanEdition, site_url: str) -> dict[str, Any]:
    model = PublishedPlan.model_validate({
        "$schema": f"{site_url.rstrip('/')}/schemas/plan.schema.json",
        "partnership_id": plans.slug,
        "edition_id": edition.id,
        "current": "true" if edition.is_current else "false",
        "partnership": plans.data,
        "edition": edition.data,
    })
    return _without_private(model.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=False))
