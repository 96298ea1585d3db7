"""The published view of a plan: what every page and download says, as data.

Built once per edition (plansite.view.edition.edition_view) after drafts, embargoes, internal
notes and suppression are applied. The page templates and every exporter lay this out and
decide nothing: a status, a date, a due date with its drift or a suppressed figure is worked
out here, once, so the web page and the PDF cannot disagree.

Field conventions:
- plain `str` fields are text people read, always escaped by whatever renders them;
- `Rich` holds a field the model declares Markdown; renderers turn it into their own markup;
- fields marked `Machine` (addresses, anchors, keys, ISO dates) are for links and machines:
  pages use them in attributes, and the format-parity test does not look for them as words;
- the open-data JSON (schemas/plan.schema.json) is this view serialised, minus `Field(exclude=True)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import ConfigDict, Field


class Machine:
    """Marks a field that is not words for people: an address, an anchor, a key or an ISO date."""

    def __repr__(self) -> str:
        return "Machine"


MACHINE = Machine()
NOT_IN_DATA = Field(exclude=True)  # layout only (chart geometry): left out of the open-data JSON

DOCS = ConfigDict(use_attribute_docstrings=True)


def view(cls):
    """A frozen, slotted dataclass whose attribute docstrings become JSON Schema descriptions."""
    cls.__pydantic_config__ = DOCS
    return dataclass(frozen=True, slots=True)(cls)


@view
class Rich:
    """Text the plan gives in Markdown (paragraphs, lists, links); raw HTML is never allowed."""

    markdown: str
    """The Markdown source, as written in the plan."""


@view
class When:
    """A date as precisely as the data states it: a day, a month or a year."""

    iso: Annotated[str, MACHINE]
    """ISO form at the stated precision: 2009-11-18, 2009-11 or 2009."""
    text: str
    """The date for people: 18 November 2009, November 2009 or 2009."""
    precision: Annotated[str, MACHINE]
    """day, month or year."""


@view
class Written:
    """A date as the plan writes it ('Oct 2009', '18/11/09', 'Ongoing'), with its meaning where that is clear."""

    text: str
    """Exactly as written in the plan."""
    when: When | None = None
    """What the words mean as a date, when they are unambiguous."""


@view
class Status:
    """A status in words. Colour and icons on the pages only repeat it."""

    kind: Annotated[str, MACHINE]
    """action, indicator, checklist or edition."""
    key: Annotated[str, MACHINE]
    """The standard status, e.g. 'in progress', 'target met'; 'none' when the plan reports none."""
    label: str
    """The status in words, e.g. 'In progress', 'Not reported'."""
    term: str | None = None
    """The partnership's own word for it, where the plan uses one (e.g. 'amber')."""


@view
class Lead:
    """Who leads or sponsors an action: role and organisation; a name only where the person agreed."""

    text: str
    """As shown, e.g. 'Community Safety Manager, Calderdale Council'."""
    role: Annotated[str | None, MACHINE] = None
    organisation: Annotated[str | None, MACHINE] = None
    name: Annotated[str | None, MACHINE] = None
    """Only where the person agreed to be named."""


@view
class Flag:
    """A flag the plan puts on an action, e.g. '* Community reassurance action'."""

    key: Annotated[str, MACHINE]
    label: str
    symbol: str | None = None
    """The printed plan's symbol, always shown with the label."""


@view
class Update:
    """A dated note of progress on an action."""

    text: str
    when: Written | None = None
    """When it happened or was reported, as written."""
    status: Status | None = None
    """The action's status as of this update."""
    status_reason: str | None = None
    due: Written | None = None
    """A new due date set by this update."""
    significant: Annotated[bool, MACHINE] = False
    """Listed in 'updates to this page' and the feeds."""
    unpublished: str | None = None
    """In a preview only: why this is not public yet ('Draft, not published')."""


@view
class Milestone:
    """A target within an action, with its own due date."""

    target: str
    due: Written | None = None
    status: Status | None = None
    leads: tuple[Lead, ...] = ()
    """Who leads this target, where the plan names a lead for it."""


@view
class ActionLink:
    """An action as another record points to it, with its current status."""

    url: Annotated[str, MACHINE]
    ref: str | None
    text: str
    status: Status
    latest: Update | None = None


@view
class Action:
    """One thing the partnership will do."""

    anchor: Annotated[str, MACHINE]
    """The id of the action on its priority's page."""
    url: Annotated[str, MACHINE]
    """Site-relative address of the action on its priority's page."""
    priority_id: Annotated[str, MACHINE]
    ref: str | None
    """The plan's reference, as written: CS1.1, 3.10."""
    heading: str
    """'Action CS1.1', or 'Action 2 (no reference in the plan)'."""
    text: str
    status: Status
    status_reason: str | None
    recorded: str | None
    """Where a later update has changed it, the status the plan itself records, with its reason."""
    leads: tuple[Lead, ...]
    lead_text: str
    """Who leads, in words: the leads, or where each milestone has its own lead, a pointer to them."""
    executive: tuple[Lead, ...]
    """The group or sponsor the lead reports to."""
    partners: tuple[str, ...]
    due: Written | None
    """The current due date, as written."""
    original_due: Written | None
    """The first due date, when the deadline has moved."""
    due_text: str | None
    """The due date in words, with drift: 'March 2010 (originally October 2009)'; none where only milestones have dates."""
    milestones: tuple[Milestone, ...]
    flags: tuple[Flag, ...]
    updates: tuple[Update, ...]
    """Every published progress update, oldest first."""
    latest: Update | None
    """The newest update."""


@view
class Issue:
    """An issue or objective within a priority, with its actions."""

    anchor: Annotated[str, MACHINE]
    ref: str | None
    title: str | None
    heading: str | None
    """Ref and title together, as a heading; none when the plan gives neither."""
    actions: tuple[Action, ...]


@view
class StatusCount:
    status: Status
    count: int


@view
class Figure:
    """One figure of an indicator: a baseline, target or result."""

    period: str | None
    """The period it is for, e.g. 2008/09."""
    value: Annotated[str | None, MACHINE]
    """The number, digits as written; none where the plan gives words, or where a small count is hidden."""
    text: str
    """As published: '19.47 per 1,000 population', 'TBA', 'fewer than 8'."""
    note: str | None = None
    suppressed: Annotated[bool, MACHINE] = False
    """True where a small count is shown as 'fewer than N'."""


@view
class FigureRow:
    """One row of an indicator's table of figures."""

    period: str
    baseline: str
    target: str
    actual: str


@view
class ChartPoint:
    x: float
    y: float
    period: str
    text: str


@view
class ChartSeries:
    key: str
    """baseline, target or actual."""
    label: str
    points: tuple[ChartPoint, ...]
    path: str


@view
class Chart:
    """Geometry for an indicator's chart. The table beside it holds every figure the chart draws
    (tests/test_components.py checks this for every indicator), so pages hide the chart from
    assistive technology rather than read the same numbers twice."""

    width: int
    height: int
    plot: tuple[float, float, float, float]
    """left, top, right, bottom of the plotting area, in user units."""
    series: tuple[ChartSeries, ...]
    x_labels: tuple[tuple[float, str, str], ...]
    """(x, period, text-anchor) of each period label shown; crowded labels are thinned."""
    y_ticks: tuple[tuple[float, str], ...]
    axis: str
    """The value axis's title, with the unit: 'Rate per 1,000 population'."""
    direction: str | None = None
    """'Lower is better' or 'Higher is better', shown with the chart."""
    label_size: int = 17
    """Height of the SVG's labels in user units (plansite.view.charts.LABEL_SIZE)."""


@view
class Indicator:
    """A measure of success with its figures and its status, judged on the true figures."""

    anchor: Annotated[str, MACHINE]
    code: str | None
    name: str
    heading: str
    """'NI16: Serious acquisitive crime rate'."""
    unit: str | None
    direction: str | None
    """'lower is better' or 'higher is better'."""
    source: str | None
    status: Status
    sentence: str
    """The status explained: '19.1 per 1,000 population in 2008/09 against a target of ... : on track'."""
    baseline: tuple[Figure, ...]
    targets: tuple[Figure, ...]
    actuals: tuple[Figure, ...]
    baseline_text: str
    """The baseline for a summary table: '26.3% (2007/08)'."""
    latest_text: str
    """The latest result for a summary table: '19.1 per 1,000 population (2008/09)'."""
    rows: tuple[FigureRow, ...]
    """Every figure by period, as the table shows it."""
    notes: tuple[str, ...]
    actions: tuple[ActionLink, ...]
    """The actions that contribute to it."""
    chart: Annotated[Chart | None, NOT_IN_DATA] = None


@view
class Link:
    title: str
    url: Annotated[str | None, MACHINE] = None
    note: str | None = None


@view
class Entry:
    """'You said, we did': what residents said and what the partnership did."""

    id: Annotated[str, MACHINE]
    url: Annotated[str, MACHINE]
    said: str
    did: str
    source: str
    when: When | None
    reached: str | None
    actions: tuple[ActionLink, ...]
    """The actions it changed, with their current status."""
    significant: Annotated[bool, MACHINE] = True
    unpublished: str | None = None


@view
class Finding:
    text: str
    change: str | None = None
    """The measured change in words: 'Recorded criminal damage fell from 2,750 to 2,472, 10% lower, between ...'."""


@view
class Theme:
    anchor: Annotated[str, MACHINE]
    title: str
    findings: tuple[Finding, ...]
    priority: Link | None = None
    """The priority this theme informs."""


@view
class Assessment:
    """The strategic assessment the plan draws on."""

    title: str | None
    when: Written | None
    source: str | None
    summary: Rich | None
    themes: tuple[Theme, ...]
    key_findings: tuple[Finding, ...]
    """Up to five findings for the overview, those with measured changes first."""


@view
class Priority:
    """A priority, theme or outcome area, with everything under it."""

    id: Annotated[str, MACHINE]
    url: Annotated[str, MACHINE]
    ref: str | None
    title: str
    summary: Rich | None
    why: Rich | None
    strands: tuple[str, ...]
    """The statutory strands it serves, in words."""
    strand_keys: Annotated[tuple[str, ...], MACHINE]
    rank: str | None
    """Its place in public consultation, in words."""
    issues: tuple[Issue, ...]
    actions: tuple[Action, ...]
    """Every action under the priority, in the plan's order."""
    status_counts: tuple[StatusCount, ...]
    activities: tuple[str, ...]
    success_criteria: tuple[str, ...]
    associated_success_criteria: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    related: tuple[Link, ...]
    notes: tuple[str, ...]
    you_said: tuple[Entry, ...]
    """'You said, we did' entries that changed an action under this priority."""


@view
class Meeting:
    when: When
    title: str
    location: str | None
    attendees: tuple[str, ...]
    summary: Rich | None
    public: Annotated[bool, MACHINE] = True


@view
class Consultation:
    title: str
    when: Written | None
    method: str | None
    reached: str | None
    summary: Rich | None


@view
class Ranked:
    rank: int
    title: str
    url: Annotated[str, MACHINE]


@view
class Development:
    text: str
    note: str | None = None
    hallmark: str | None = None


@view
class Emerging:
    title: str
    summary: str | None = None


@view
class Section:
    anchor: Annotated[str, MACHINE]
    title: str
    body: Rich


@view
class Organisation:
    text: str
    """As shown: the name, its qualification and what kind of body it is, where the name does not say."""
    name: Annotated[str, MACHINE]
    type: Annotated[str | None, MACHINE] = None
    note: Annotated[str | None, MACHINE] = None


@view
class Member:
    text: str
    """Role and organisation; a name only where agreed."""
    remit: str | None = None


@view
class Group:
    name: str
    kind: str | None
    purpose: str | None
    membership_note: str | None
    members: tuple[Member, ...]
    remits: tuple[str, ...]


@view
class Funding:
    summary: str
    period: str | None = None
    amount: str | None = None
    funders: tuple[str, ...] = ()


@view
class Contact:
    team: str | None
    email: Annotated[str | None, MACHINE]
    phone: str | None
    address: tuple[str, ...]


@view
class FormatRequest:
    """How to ask for this plan in another format, free of charge."""

    email: Annotated[str | None, MACHINE]
    """The address for requests: the formats route's, else the partnership's."""
    phone: str | None
    response: str
    """How quickly requests are answered, in words."""
    note: str | None
    no_route: str | None
    """What to do where the partnership publishes no route."""


@view
class StatusWord:
    """A word the plan uses for an action's status, such as 'amber', and the standard status it means."""

    word: str
    status: Status
    meaning: str


@view
class Partnership:
    slug: Annotated[str, MACHINE]
    url: Annotated[str, MACHINE]
    name: str
    short_name: str
    region: str
    region_url: Annotated[str, MACHINE]
    local_authority: str
    country: str
    places: tuple[str, ...]
    wards: tuple[str, ...]
    description: Rich | None
    authorities: tuple[Organisation, ...]
    partners: tuple[Organisation, ...]
    governance: tuple[Group, ...]
    funding: tuple[Funding, ...]
    contact: Contact | None
    request: FormatRequest
    links: tuple[Link, ...]
    """Website, police and crime plan, scrutiny and other links, in words with their addresses."""
    status_words: tuple[StatusWord, ...] = ()
    """The plan's own status words, each with the standard status it means."""


@view
class HistoryEntry:
    """A significant dated record: 'updates to this page', the updates page and the feeds."""

    id: Annotated[str, MACHINE]
    """Stable: the same record always has the same id."""
    when: When
    kind: Annotated[str, MACHINE]
    """edition, change, progress or said."""
    title: str
    summary: str
    url: Annotated[str, MACHINE]
    priority_id: Annotated[str | None, MACHINE] = None


@view
class LastUpdated:
    when: When
    stated: Annotated[bool, MACHINE]
    """True where the plan states this date itself; false where it is the date of a later record."""
    text: str
    """The date for people: as the plan writes it where it states it ('June 12th 2008'), else the later record's date."""


@view
class EditionLink:
    id: Annotated[str, MACHINE]
    url: Annotated[str, MACHINE]
    title: str
    period: str
    status: Status
    is_current: Annotated[bool, MACHINE]


@view
class Fact:
    label: str
    value: str


@view
class RecentUpdate:
    action: ActionLink
    update: Update


@view
class Edition:
    """One edition of a partnership's plan, as published."""

    id: Annotated[str, MACHINE]
    url: Annotated[str, MACHINE]
    """Site-relative address of the edition's overview."""
    language: Annotated[str, MACHINE]
    partnership: Partnership
    title: str
    is_current: Annotated[bool, MACHINE]
    status: Status
    notice: str | None
    """For an earlier or draft edition: a notice that says so."""
    replaced_by: EditionLink | None
    """The published edition that replaced this one."""
    period: str
    strategy_period: str | None
    published: Written | None
    """When the plan was first published, as it states."""
    last_updated: LastUpdated | None
    next_review: Written | None
    facts: tuple[Fact, ...]
    """Key facts, as on the overview and the cover of each document."""
    summary: Rich | None
    vision: str | None
    vision_detail: tuple[str, ...]
    mission: str | None
    objectives: tuple[str, ...]
    priorities_intro: str | None
    priorities: tuple[Priority, ...]
    status_counts: tuple[StatusCount, ...]
    emerging: tuple[Emerging, ...]
    assessment: Assessment | None
    you_said: tuple[Entry, ...]
    """Newest first."""
    meetings: tuple[Meeting, ...]
    """Newest first."""
    consultations: tuple[Consultation, ...]
    ranked: tuple[Ranked, ...]
    development: tuple[Development, ...]
    sections: tuple[Section, ...]
    flags: tuple[Flag, ...]
    history: tuple[HistoryEntry, ...]
    """Significant dated records, newest first."""
    recent: tuple[RecentUpdate, ...]
    """The five latest dated progress updates."""
    source_document: str | None
    """The document this edition was taken from, in a sentence."""
    source_url: str | None
    """Where that document can be found online."""
    editions: tuple[EditionLink, ...]
    """Every published edition of the partnership's plan, current first."""

    def priority(self, priority_id: str) -> Priority | None:
        return next((p for p in self.priorities if p.id == priority_id), None)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for p in self.priorities for a in p.actions)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for p in self.priorities for i in p.indicators)


def fields_of(cls: type) -> dict[str, Any]:
    """Field name -> annotation (with Machine markers), for walking the view generically."""
    import typing

    return typing.get_type_hints(cls, include_extras=True)
