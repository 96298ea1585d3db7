"""A plan edition: one version of the partnership plan, with everything it contains."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .actions import Action, Issue
from .indicators import Indicator
from .base import (Bool, FlexDate, IsoDate, Link, Markdown, Model, Number, Period, Ref, Section, Slug, Text, Title, WordEnum,
                   enum_field, whole_number, word_enum)


@word_enum("statutory strand", {
    "crime and disorder": ("crime and disorder and asb", "anti social behaviour", "asb", "crime"),
    "reoffending": ("re offending", "reducing reoffending"),
})
class Strand(WordEnum):
    """The strands a partnership plan must cover (Crime and Disorder Act 1998 s.6, as amended)."""

    CRIME_AND_DISORDER = "crime and disorder"
    SUBSTANCE_MISUSE = "substance misuse"
    REOFFENDING = "reoffending"
    SERIOUS_VIOLENCE = "serious violence"


@word_enum("edition status")
class EditionStatus(WordEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class MeasuredChange(Model):
    """A change in a measure between two periods, e.g. criminal damage 2,750 to 2,472."""

    metric: Text = Field(description="What was measured, e.g. 'Recorded criminal damage incidents'.")
    before: Number = Field(description="The earlier figure, e.g. 2750.")
    before_period: Text = Field(description="When the earlier figure was measured, as written, e.g. 'April to September 2006'.")
    after: Number = Field(description="The later figure, e.g. 2472.")
    after_period: Text = Field(description="When the later figure was measured, as written, e.g. 'April to September 2007'.")
    unit: Text | None = Field(default=None, description="The unit where it is not a plain count, e.g. '%'.")


class Finding(Model):
    """One finding of the strategic assessment, as a sentence."""

    text: Text = Field(description="The finding, in the assessment's own words.")
    change: MeasuredChange | None = Field(default=None, description="The measured change the finding reports, if any.")


class Theme(Model):
    """Findings of the strategic assessment on one theme, e.g. 'Burglary dwelling'."""

    title: Text = Field(description="The theme, e.g. 'Criminal damage'.")
    priority: Slug | None = Field(default=None, description="The id of the priority this theme informs, if any.")
    findings: list[Finding] = Field(default_factory=list, description="The findings, one sentence each.")


class StrategicAssessment(Model):
    """The summary of the annual strategic assessment the plan draws on."""

    title: Text | None = Field(default=None, description="Title as published, e.g. 'Partnership Strategic Assessment'.")
    date: FlexDate | None = Field(default=None, description="When the assessment was produced, e.g. 'November 2007'.")
    source: Text | None = Field(default=None, description="Where its information came from, e.g. 'Police recorded crime and public consultation'.")
    summary: Markdown | None = Field(default=None, description="A plain-English summary of what the assessment found.")
    themes: list[Theme] = Field(default_factory=list, description="Findings grouped by theme.")


class Priority(Model):
    """A priority, theme or outcome area of the plan."""

    id: Slug = Field(description="A short id used in web addresses, e.g. 'tackling-crime'. Lower case, digits and hyphens.")
    ref: Ref | None = Field(default=None, description="The priority's number or reference in the plan, e.g. '2'.")
    title: Title = Field(description="The priority as the plan names it.")
    summary: Markdown | None = Field(default=None, description="What the priority is about, in plain English.")
    why: Markdown | None = Field(default=None, description="Why it matters: the plan's reasoning.")
    strands: list[Annotated[Strand, enum_field(Strand)]] = Field(default_factory=list, description="Statutory strands it serves: crime and disorder, substance misuse, reoffending, serious violence.")
    issues: list[Issue] = Field(default_factory=list, description="Issues or objectives under the priority, each with its actions.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators that measure the priority.")
    success_criteria: list[Text] = Field(default_factory=list, description="Success criteria, for plans written that way.")
    associated_success_criteria: list[Text] = Field(default_factory=list, description="Associated or supporting success criteria.")
    activities: list[Text] = Field(default_factory=list, description="Activities listed without leads or dates, for plans written that way.")
    related_strategies: list[Link] = Field(default_factory=list, description="National or local strategies the priority links to.")
    consultation_rank: whole_number(1000) | None = Field(default=None, description="Its rank in public consultation, 1 being the most important to residents.")
    notes: list[Text] = Field(default_factory=list, description="Other published notes on the priority.")
    internal_notes: list[Text] = Field(default_factory=list, description="Working notes for the team, e.g. text an import could not place. Never published anywhere.")

    def actions(self) -> list[Action]:
        return [action for issue in self.issues for action in issue.actions]


class YouSaidWeDid(Model):
    """What residents said and what the partnership did about it."""

    id: Slug | None = Field(default=None, description="A stable id for links and feeds; made from the date and words if left out.")
    date: IsoDate | None = Field(default=None, description="When residents said it, or when the response was published (YYYY-MM-DD).")
    said: Text = Field(title="You said", description="What residents said, in plain English.")
    source: Text = Field(description="Where it was said: a survey, meeting or consultation, e.g. 'Place Survey 2008'.")
    reached: Text | None = Field(default=None, description="Who was reached, e.g. '1,200 residents, of whom 40% were under 25'.")
    did: Text = Field(title="We did", description="What the partnership did in response.")
    actions: list[Ref] = Field(default_factory=list, description="Refs of the actions this changed or created; their current status is shown beside the entry.")
    significant: Bool = Field(default=True, description="True to list it in 'updates to this page' and the feeds.")
    draft: Bool = Field(default=False, description="True to keep it out of the public site until ready.")
    publish_from: IsoDate | None = Field(default=None, description="Embargo: left out of everything public before this date.")


class Consultation(Model):
    """A consultation exercise and what it found."""

    title: Text = Field(description="What the consultation was, e.g. 'Consultation on the key priorities'.")
    date: FlexDate | None = Field(default=None, description="When it happened, as written.")
    method: Text | None = Field(default=None, description="How: survey, workshops, public meeting.")
    reached: Text | None = Field(default=None, description="Who took part, e.g. 'The public and key stakeholders'.")
    summary: Markdown | None = Field(default=None, description="What it found, in plain English.")
    ranks_priorities: Bool = Field(default=False, description="True if this consultation ranked the plan's priorities (their consultation_rank). Pages then say who ranked them, from reached.")


class Meeting(Model):
    """A public meeting, with who attended by role and what was discussed."""

    date: IsoDate = Field(description="The date of the meeting (YYYY-MM-DD).")
    title: Text = Field(description="What the meeting was, e.g. 'Annual public meeting of the strategy group'.")
    location: Text | None = Field(default=None, description="Where it was held.")
    attendees: list[Text] = Field(default_factory=list, description="Who attended, by role and organisation.")
    summary: Markdown | None = Field(default=None, description="What was discussed and decided.")
    public: Bool = Field(default=True, description="True if members of the public could attend.")


class DevelopmentAction(Model):
    """An action to improve the partnership itself, e.g. towards the Hallmarks of Effective Partnership."""

    text: Text = Field(description="The action, in the plan's words.")
    note: Text | None = Field(default=None, description="A qualification the plan adds.")
    hallmark: Text | None = Field(default=None, description="The hallmark or standard it serves, if stated.")


class EmergingIssue(Model):
    """An issue the partnership is watching that is not (yet) a priority."""

    title: Text = Field(description="The issue, e.g. 'Other theft'.")
    summary: Text | None = Field(default=None, description="What it is and what the partnership is doing about it.")


class Change(Model):
    """An entry in the edition's change history (GOV.UK 'updates to this page')."""

    date: IsoDate = Field(description="When the change was published (YYYY-MM-DD).")
    note: Text = Field(description="What changed, in a sentence.")
    significant: Bool = Field(default=True, description="True to list the change in 'updates to this page' and the feeds; minor changes only move the last-updated date.")


class FlagDefinition(Model):
    """A flag the plan puts on some actions, such as the '*' for reassurance actions."""

    key: Slug = Field(description="The short key actions use in their flags list, e.g. 'reassurance'.")
    label: Text = Field(description="What the flag means, e.g. 'Community reassurance and fear of crime related action'.")
    symbol: Text | None = Field(default=None, description="The symbol the printed plan uses, e.g. '*' or '▲'. Always shown with the label.")


class SourceDocument(Model):
    """The document this edition was encoded from, for provenance."""

    title: Text = Field(description="Title of the source document.")
    date: FlexDate | None = Field(default=None, description="Its date, as written.")
    publisher: Text | None = Field(default=None, description="Who published it.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(default=None, description="Where it can be found online.")
    note: Text | None = Field(default=None, description="Anything a reader should know about the source.")


class Edition(Model):
    """One edition of a partnership plan, as held in plans/<partnership>/editions/<id>.yaml."""

    title: Title = Field(description="The edition's title, e.g. 'Partnership Plan for Safer and Stronger Communities 2008-2011'.")
    period: Period = Field(description="The period the plan covers.")
    strategy_period: Period | None = Field(default=None, description="The period of the overarching strategy, when this edition is one year of it (e.g. Year 1 of a 2005-2008 strategy).")
    status: Annotated[EditionStatus, enum_field(EditionStatus)] = Field(description="draft (not public), published, or superseded (kept readable, clearly marked).")
    superseded_by: Slug | None = Field(default=None, description="The id (file name) of the edition that replaced this one. Required when status is superseded.")
    publish_from: IsoDate | None = Field(default=None, description="Embargo: the edition is left out of everything public before this date.")
    published: FlexDate | None = Field(default=None, description="When the edition was first published, e.g. 'March 2008' or 2008-06-12.")
    last_updated: FlexDate | None = Field(default=None, description="When the plan says it was last updated. Later dated changes and updates move this on.")
    next_review: FlexDate | None = Field(default=None, description="When the plan will next be reviewed, as written.")
    summary: Markdown | None = Field(default=None, description="A plain-English summary of the plan for residents.")
    vision: Text | None = Field(default=None, description="The partnership's vision, in its words.")
    vision_detail: list[Text] = Field(default_factory=list, description="Points the vision lists ('by: reducing crime...').")
    mission: Text | None = Field(default=None, description="The partnership's mission, if it states one.")
    objectives: list[Text] = Field(default_factory=list, description="Strategic objectives.")
    priorities_intro: Text | None = Field(default=None, description="How the priorities were chosen, e.g. 'As identified through the strategic assessment'.")
    sections: list[Section] = Field(default_factory=list, description="Other narrative from the plan: introduction, delivery, communication, resources, monitoring.")
    strategic_assessment: StrategicAssessment | None = Field(default=None, description="Summary of the strategic assessment the plan is based on.")
    priorities: list[Priority] = Field(default_factory=list, description="The plan's priorities, themes or outcome areas, in the plan's order.")
    flags: list[FlagDefinition] = Field(default_factory=list, description="Flags used on actions, such as reassurance actions.")
    emerging_issues: list[EmergingIssue] = Field(default_factory=list, description="Issues being watched that are not priorities.")
    consultations: list[Consultation] = Field(default_factory=list, description="Consultation exercises and their findings.")
    you_said_we_did: list[YouSaidWeDid] = Field(default_factory=list, description="What residents said and what was done, linked to actions.")
    meetings: list[Meeting] = Field(default_factory=list, description="Public meetings held about the plan.")
    development: list[DevelopmentAction] = Field(default_factory=list, description="Actions to improve the partnership itself.")
    changes: list[Change] = Field(default_factory=list, description="Change history, oldest first.")
    source_document: SourceDocument | None = Field(default=None, description="The document this edition was taken from.")
    internal_notes: list[Text] = Field(default_factory=list, description="Working notes for the team, e.g. text an import could not place. Never published anywhere.")

    @model_validator(mode="after")
    def _superseded(self) -> Edition:
        if self.status is EditionStatus.SUPERSEDED and not self.superseded_by:
            raise PydanticCustomError(
                "plansite_superseded", "status is superseded, so superseded_by must name the edition that replaced it"
            )
        return self

    def actions(self) -> list[Action]:
        return [action for priority in self.priorities for action in priority.actions()]
