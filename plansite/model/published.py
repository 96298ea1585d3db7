"""The public plan as published in the open data (JSON) download."""
from __future__ import annotations

from pydantic import ConfigDict, Field

from .base import Bool, Model, Slug
from .edition import Edition
from .partnership import Partnership


class PublishedPlan(Model):
    """One partnership's plan edition as open data: everything public, nothing internal.

    Internal notes, unpublished names and publishing settings are left out.
    """

    model_config = ConfigDict(populate_by_name=True)

    schema_ref: str = Field(alias="$schema", description="Address of this JSON Schema, so tools can check the file.")
    partnership_id: Slug = Field(description="The partnership's id, as used in the site's web addresses.")
    edition_id: Slug = Field(description="The edition's id, as used in the site's web addresses.")
    current: Bool = Field(description="True if this is the partnership's current edition; false for an earlier one.")
    partnership: Partnership = Field(description="The partnership: area, region, authorities, governance, contact and links.")
    edition: Edition = Field(description="The plan edition: priorities, actions, indicators, assessment and consultation.")
