"""The public plan as open data: the published view (plansite.view.model.Edition) as JSON.

The JSON is the view itself, serialised, so it holds exactly what the pages and documents show,
and its schema (schemas/plan.schema.json) describes what is published, never the private model:
no internal notes, no unpublished names, no publishing settings.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from ..view.model import Edition, view


@view
class PublishedPlan:
    """One partnership's plan edition as open data: everything public, nothing internal."""

    schema: Annotated[str, Field(serialization_alias="$schema")]
    """Address of this JSON Schema, so tools can check the file."""
    partnership_id: str
    """The partnership's id, as used in the site's web addresses."""
    edition_id: str
    """The edition's id, as used in the site's web addresses."""
    current: bool
    """True if this is the edition shown at the partnership's own address."""
    edition: Edition
    """The edition as published: the partnership, priorities, actions, indicators, assessment and consultation."""


@lru_cache(maxsize=1)
def adapter() -> TypeAdapter:
    return TypeAdapter(PublishedPlan)


# Markup characters are escaped inside JSON strings, so a plan's text stays inert even where the
# JSON is pasted into a web page (and U+2028/2029 would end a line in older JavaScript).
_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"),
            ("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


def inert(data: bytes) -> bytes:
    """JSON with markup characters escaped inside its strings (the JSON means the same)."""
    for raw, escaped in _ESCAPES:
        data = data.replace(raw, escaped)
    return data


def inert_dumps(value: Any) -> str:
    """json.dumps for files the site publishes: readable, UTF-8, and inert if pasted into a page."""
    return inert(json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")).decode("utf-8") + "\n"


def published_json(edition: Edition, site_url: str) -> bytes:
    plan = PublishedPlan(f"{site_url.rstrip('/')}/schemas/plan.schema.json", edition.partnership.slug, edition.id,
                         edition.is_current, edition)
    return inert(adapter().dump_json(plan, by_alias=True, indent=2)) + b"\n"


def plan_schema(base_uri: str) -> dict[str, Any]:
    """The JSON Schema of the open-data download, from the same classes that make it."""
    schema = adapter().json_schema(mode="serialization", by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{base_uri}plan.schema.json", **schema}
    return schema
