"""Who leads and who takes part: published by role and organisation, names only by opt-in."""
from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Bool, Model, Name, Text


class Lead(Model):
    """Someone responsible for an action, shown by role and organisation.

    A person's name may be stored so the team knows who to chase, but it is
    published only when `publish_name` is true.
    """

    role: Text | None = Field(default=None, description="Job title, or the name of the group or team that leads, e.g. 'Community Safety Manager' or 'Marketing & Media Group'.")
    organisation: Text | None = Field(default=None, description="The organisation the role belongs to, e.g. 'West Yorkshire Fire Service'.")
    name: Name | None = Field(default=None, description="The person's name. Stored for the team; published only if publish_name is true.")
    publish_name: Bool = Field(default=False, description="True only if this person has agreed to their name being published.")

    @model_validator(mode="after")
    def _says_something(self) -> Lead:
        if not (self.role or self.organisation or self.name):
            raise PydanticCustomError("plansite_lead_empty", "a lead needs at least a role, an organisation or a name")
        if self.publish_name and not self.name:
            raise PydanticCustomError("plansite_lead_name", "publish_name is true but no name is given")
        return self

    @property
    def public_name(self) -> str | None:
        return self.name if self.publish_name else None


class Member(Lead):
    """A member of a governance group, shown by role and organisation unless the name is opted in."""

    remit: Text | None = Field(default=None, description="What the member covers for the group, e.g. 'Fire prevention'.")


class Organisation(Model):
    """A responsible authority or partner organisation."""

    name: Text = Field(description="The organisation's name, e.g. 'Hertfordshire Constabulary'.")
    type: Text | None = Field(default=None, description="What kind of body it is, e.g. 'Police', 'Local authority', 'Fire and rescue', 'Health', 'Probation'.")
    note: Text | None = Field(default=None, description="Any qualification the plan gives, e.g. 'North Hertfordshire' for a county body's local part.")


class Group(Model):
    """A governance group: the strategy group, an action team or a panel."""

    name: Text = Field(description="The group's name, e.g. 'Anti-social Behaviour Panel'.")
    kind: Text | None = Field(default=None, description="Its place in the structure, e.g. 'Strategic group', 'Action team', 'Sub group'.")
    purpose: Text | None = Field(default=None, description="What the group is responsible for, in plain English.")
    members: list[Member] = Field(default_factory=list, description="Members by role and organisation. Names are published only where opted in.")
    remits: list[Text] = Field(default_factory=list, description="Areas the group's membership covers, where the plan lists them apart from the members.")
    membership_note: Text | None = Field(default=None, description="A description of membership where the plan gives one instead of a list.")
