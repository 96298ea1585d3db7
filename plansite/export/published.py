"""The public plan as a JSON-ready dictionary, matching schemas/plan.schema.json."""
from __future__ import annotations

from typing import Any

from ..load.catalogue import PartnershipPlans, PlanEdition
from ..model.published import PublishedPlan

PRIVATE_KEYS = ("internal_notes", "settings", "publish_name")


def _without_private(value: Any) -> Any:
    if isinstance(value, dict):
        # A lead's or member's name stays only where they agreed to it (public_catalogue has
        # already blanked the others; this keeps the download safe on its own).
        hide_name = "publish_name" in value and value["publish_name"] is not True
        return {k: _without_private(v) for k, v in value.items()
                if k not in PRIVATE_KEYS and not (k == "name" and hide_name)}
    if isinstance(value, list):
        return [_without_private(v) for v in value]
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
