"""A partnership, as held in plans/<slug>/partnership.yaml."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .actions import StatusWord
from .base import Bool, Email, Link, Markdown, Model, Name, PlaceName, Text, Title, Url, WordEnum, enum_field, whole_number, word_enum
from .people import Group, Organisation


@word_enum("country")
class Country(WordEnum):
    ENGLAND = "england"
    WALES = "wales"

    @property
    def label(self) -> str:
        return self.value.title()


class Area(Model):
    """The area a partnership covers."""

    local_authority: PlaceName = Field(description="The local authority area, e.g. 'Calderdale' or 'Redcar and Cleveland'.")
    country: Annotated[Country, enum_field(Country)] = Field(description="england or wales.")
    places: list[PlaceName] = Field(default_factory=list, description="Towns, villages and neighbourhoods a resident might search for.")
    wards: list[PlaceName] = Field(default_factory=list, description="Wards named in the plan.")


class AlternativeFormats(Model):
    """How to ask for the plan in another format or language. Free of charge by law."""

    email: Email | None = Field(default=None, description="Email address for requests.")
    phone: Text | None = Field(default=None, description="Phone number for requests, as it should be shown.")
    response_days: whole_number(365) | None = Field(default=None, description="Working days within which a request is answered.")
    note: Text | None = Field(default=None, description="Anything else, e.g. languages or formats offered.")


class Contact(Model):
    """How residents reach the partnership."""

    team: Text | None = Field(default=None, description="The team that answers, e.g. 'Community Safety Team'.")
    email: Email | None = Field(default=None, description="A shared or role mailbox, never a person's own address.")
    phone: Text | None = Field(default=None, description="Phone number, as it should be shown.")
    address: list[Text] = Field(default_factory=list, description="Postal address, one line per item.")
    alternative_formats: AlternativeFormats | None = Field(default=None, description="The route for other formats and languages.")


class Links(Model):
    """Links residents may want."""

    website: Url | None = Field(default=None, description="The partnership's own web page.")
    police_and_crime_plan: Url | None = Field(default=None, description="The police and crime plan for the area (England).")
    scrutiny: Url | None = Field(default=None, description="Where the council scrutinises the partnership.")
    other: list[Link] = Field(default_factory=list, description="Other useful links.")


class Funding(Model):
    """What funds the partnership's work."""

    summary: Text = Field(description="The funding as the plan describes it.")
    period: Text | None = Field(default=None, description="The period it covers, e.g. '2005/06'.")
    amount: Text | None = Field(default=None, description="The amount as written, e.g. 'over £500,000'.")
    funders: list[Text] = Field(default_factory=list, description="Who provides it.")


class Settings(Model):
    """Publishing choices for this partnership."""

    suppress_below: whole_number(1_000_000) | None = Field(default=None, description="Show actuals of sensitive indicators below this number as 'fewer than N'. Leave out for no suppression.")
    enforce_checklist: Bool = Field(default=False, description="True to make missing publication-checklist items fail the build for this partnership.")
    shared_mailbox_patterns: list[Text] = Field(default_factory=list, description="Extra email local parts that are shared mailboxes (e.g. 'csp-team'), so the privacy check does not flag them.")


class Partnership(Model):
    """A Community Safety Partnership. The folder name under plans/ is its slug."""

    name: Title = Field(description="Full name, e.g. 'Calderdale Safer and Stronger Communities Delivery Partnership'.")
    short_name: Name = Field(description="The name residents know, e.g. 'Calderdale'.")
    region: Name = Field(description="Region or police force area, e.g. 'West Yorkshire' or 'Cleveland'.")
    area: Area = Field(description="The area covered.")
    description: Markdown | None = Field(default=None, description="A short plain-English description of the partnership.")
    responsible_authorities: list[Organisation] = Field(default_factory=list, description="The responsible authorities under the Crime and Disorder Act 1998.")
    partners: list[Organisation] = Field(default_factory=list, description="Other partners: voluntary, community, business and others.")
    governance: list[Group] = Field(default_factory=list, description="Groups that run and deliver the plan.")
    funding: list[Funding] = Field(default_factory=list, description="Funding for the partnership's work.")
    contact: Contact | None = Field(default=None, description="How to get in touch.")
    links: Links | None = Field(default=None, description="Website, police and crime plan, scrutiny.")
    status_words: list[StatusWord] = Field(default_factory=list, description="The plan's own words for action statuses, such as red, amber and green, each with the standard status it means. Actions and updates may then use them in status; pages show the standard status with the word beside it.")
    settings: Settings = Field(default_factory=Settings, description="Publishing choices.")
