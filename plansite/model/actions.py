"""Actions: what the partnership will do, who leads, by when, and how it is going."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Bool, FlexDate, IsoDate, Model, Ref, Text, WordEnum, enum_field, word_enum
from .people import Lead


@word_enum("action status", {
    "not started": ("not yet started",),
    "in progress": ("on track", "in progress on track"),
    "at risk": ("delayed", "at risk or delayed"),
    "completed": ("complete", "done"),
    "ongoing": ("continuous",),
    "not progressed": (),
    "removed": ("removed from plan",),
})
class ActionStatus(WordEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    AT_RISK = "at risk"
    COMPLETED = "completed"
    ONGOING = "ongoing"
    NOT_PROGRESSED = "not progressed"
    REMOVED = "removed"

    @property
    def needs_reason(self) -> bool:
        return self in (ActionStatus.NOT_PROGRESSED, ActionStatus.REMOVED)


StatusField = Annotated[ActionStatus, enum_field(ActionStatus)]


class Milestone(Model):
    """A target within an action and when it is due. An action may have several."""

    target: Text = Field(description="What will have been achieved, e.g. 'System in place' or '3 events held'.")
    due: FlexDate | None = Field(default=None, description="When, as written: '18/11/09', 'Oct 2009', 'March 2006' or 'Ongoing'.")
    status: StatusField | None = Field(default=None, description="Status of this milestone, if reported separately from the action.")


class ProgressUpdate(Model):
    """A dated note of progress on an action, published on the action's pages."""

    date: FlexDate | None = Field(default=None, description="When the progress happened or was reported, e.g. 2009-07-30 or '30.07.09'. Leave out if the plan does not say.")
    text: Text = Field(description="What happened, in plain English. This is published.")
    status: StatusField | None = Field(default=None, description="The action's status as of this update. The latest dated update with a status sets the action's current status.")
    status_reason: Text | None = Field(default=None, description="Why, when the status is 'not progressed' or 'removed'.")
    due: FlexDate | None = Field(default=None, description="A new due date set by this update. The earlier one is kept as the original, so drift is shown.")
    significant: Bool = Field(default=False, description="True if this is a significant change, listed in 'updates to this page' and the feeds. Minor updates only change the date.")
    draft: Bool = Field(default=False, description="True to keep this update out of the public site until it is ready.")
    publish_from: IsoDate | None = Field(default=None, description="Embargo: the update is left out of everything public before this date (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _reason(self) -> ProgressUpdate:
        if self.status is not None and self.status.needs_reason and not self.status_reason:
            raise PydanticCustomError("plansite_reason", "status '{status}' needs a status_reason saying why", {"status": self.status.value})
        return self


class Action(Model):
    """One thing the partnership will do."""

    ref: Ref | None = Field(default=None, description="The action's reference as written, e.g. 'CS.1.1' or '2.3'. Always text: quote it or not, 1.10 stays 1.10.")
    text: Text = Field(description="The action, in the plan's own words.")
    lead: list[Lead] = Field(default_factory=list, description="Who leads, by role and organisation. Several leads may share an action.")
    executive: list[Lead] = Field(default_factory=list, description="The executive group or sponsor the lead reports to, e.g. 'Safer Communities Delivery Group'.")
    partners: list[Text] = Field(default_factory=list, description="Other organisations or groups that help deliver the action.")
    due: FlexDate | None = Field(default=None, description="When the action is due, as written: '18/11/09', 'Oct 2009', 'Ongoing', 'To be agreed'.")
    original_due: FlexDate | None = Field(default=None, description="The first due date, when the action's deadline has since moved. Shown as 'originally ...'.")
    milestones: list[Milestone] = Field(default_factory=list, description="Targets within the action, each with its own due date.")
    status: StatusField | None = Field(default=None, description="Current status: not started, in progress, at risk, completed, ongoing, not progressed or removed. Leave out if the plan does not report it.")
    status_reason: Text | None = Field(default=None, description="Why, when the status is 'not progressed' or 'removed'. Published.")
    updates: list[ProgressUpdate] = Field(default_factory=list, description="Progress updates, oldest first.")
    flags: list[Text] = Field(default_factory=list, description="Keys of flags defined in the edition's `flags`, e.g. 'reassurance'.")
    internal_notes: list[Text] = Field(default_factory=list, description="Working notes for the team, such as a reminder to chase an update. Never published anywhere.")

    @model_validator(mode="after")
    def _reason(self) -> Action:
        if self.status is not None and self.status.needs_reason and not self.status_reason:
            raise PydanticCustomError("plansite_reason", "status '{status}' needs a status_reason saying why", {"status": self.status.value})
        return self


class Issue(Model):
    """An issue or objective within a priority, grouping its actions."""

    ref: Ref | None = Field(default=None, description="The issue's reference as written, e.g. 'CS.1' or '2'.")
    title: Text | None = Field(default=None, description="The issue or objective, e.g. 'Burglary dwelling'.")
    actions: list[Action] = Field(default_factory=list, description="The actions that tackle this issue.")
