"""Actions: what the partnership will do, who leads, by when, and how it is going."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .base import Bool, FlexDate, IsoDate, Model, Ref, Text, WordEnum, closest, enum_field, word_enum
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


StandardStatus = Annotated[ActionStatus, enum_field(ActionStatus)]
"""One of the standard statuses only, as a partnership's own words must map to."""


def normalise_word(text: str) -> str:
    """A status word as compared: case, spacing, _ and - forgiven, as for the standard words."""
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


class StatusWord(Model):
    """A word the partnership's plan uses for an action's status, such as 'amber', and what it means."""

    word: Text = Field(description="The word as the plan uses it, e.g. 'amber' or 'no relevant data set available'. Write it in an action's or update's status.")
    status: StandardStatus = Field(description="The standard status it stands for: not started, in progress, at risk, completed, ongoing, not progressed or removed. Pages show this, with the word beside it.")
    meaning: Text = Field(description="What the word means in the plan, in plain English, e.g. 'Some slippage; action needed to get back on track'.")


STATUS_CONTEXT = "status_vocabulary"
"""Validation context key: the StatusVocabulary of the partnership whose files are being read."""


@dataclass(frozen=True)
class StatusVocabulary:
    """The status words a partnership's files may use: the standard ones and its own.

    The loader passes it as pydantic validation context, so a record keeps the word as written
    (status_word) and gets the standard status it maps to (status) while it is validated.
    """

    words: dict[str, StatusWord] = field(default_factory=dict)  # by normalised word
    known: bool = True  # False when partnership.yaml could not be read, so its words are unknown

    @classmethod
    def of(cls, status_words: list[StatusWord]) -> StatusVocabulary:
        words: dict[str, StatusWord] = {}
        for item in status_words:
            words.setdefault(normalise_word(item.word), item)
        return cls(words)

    def lookup(self, text: str) -> StatusWord | None:
        return self.words.get(normalise_word(text))

    @property
    def own_words(self) -> list[str]:
        return [item.word for item in self.words.values()]

    def choices(self) -> list[str]:
        """Every word a person may write, standard first, in the order the partnership declared its own."""
        return [m.value for m in ActionStatus] + self.own_words


def unknown_status_message(value: str, vocabulary: StatusVocabulary | None) -> str:
    """The message for a status word that is neither standard nor one of the partnership's own."""
    standard = ActionStatus.describe_choices()
    if vocabulary is not None and vocabulary.own_words:
        hint = closest(value, vocabulary.choices())
        suggestion = f" Did you mean '{hint}'?" if hint else ""
        return (f"'{value}' is not a status this plan uses. Use one of: {standard}, "
                f"or the partnership's own words: {', '.join(vocabulary.own_words)}.{suggestion}")
    hint = closest(value, [m.value for m in ActionStatus])
    suggestion = f" Did you mean '{hint}'?" if hint else ""
    declare = (" If it is your plan's own word, declare it in status_words in partnership.yaml, with the standard "
               "status it means.") if vocabulary is not None and not hint else ""
    return f"'{value}' is not a recognised action status. Use one of: {standard}.{suggestion}{declare}"


def _vocabulary(info: ValidationInfo) -> StatusVocabulary | None:
    return info.context.get(STATUS_CONTEXT) if isinstance(info.context, dict) else None


def _check_status(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, ActionStatus):
        return value
    if isinstance(value, str):
        member = ActionStatus._missing_(value)
        if member is not None:
            return member
    vocabulary = _vocabulary(info)
    shown = value if isinstance(value, str) else repr(value)
    raise PydanticCustomError("plansite_enum", "{message}", {"message": unknown_status_message(shown, vocabulary)})


StatusField = Annotated[
    ActionStatus,
    BeforeValidator(_check_status),
    WithJsonSchema({"anyOf": [
        {"enum": [m.value for m in ActionStatus]},
        {"type": "string", "minLength": 1, "description": "One of the partnership's own status_words, e.g. 'amber'."},
    ]}),
]


def _take_status_word(data: Any, info: ValidationInfo) -> Any:
    """Keep the partnership's word as written beside the standard status it maps to."""
    if not isinstance(data, dict):
        return data
    if data.get("status_word") is not None:
        raise PydanticCustomError(
            "plansite_status_word",
            "status_word is filled in from status: write the partnership's own word in status instead, e.g. status: amber",
        )
    raw = data.get("status")
    vocabulary = _vocabulary(info) if isinstance(raw, str) else None
    if vocabulary is None:
        return data
    if not vocabulary.known and ActionStatus._missing_(raw) is None:
        # partnership.yaml could not be read, so its words are unknown: its own problems are reported, not this.
        return {**data, "status": None}
    found = vocabulary.lookup(raw)
    if found is not None:
        return {**data, "status": found.status, "status_word": found.word}
    return data


STATUS_WORD_HELP = ("The partnership's own word for the status, as declared in its status_words (e.g. 'amber'). "
                    "Filled in from status; pages show it beside the standard status.")


class Milestone(Model):
    """A target within an action and when it is due. An action may have several."""

    target: Text = Field(description="What will have been achieved, e.g. 'System in place' or '3 events held'.")
    due: FlexDate | None = Field(default=None, description="When, as written: '18/11/09', 'Oct 2009', 'March 2006' or 'Ongoing'.")
    status: StatusField | None = Field(default=None, description="Status of this milestone, if reported separately from the action.")
    status_word: Text | None = Field(default=None, description=STATUS_WORD_HELP)
    lead: list[Lead] = Field(default_factory=list, description="Who leads this target, where the plan names a lead for it rather than for the whole action.")

    @model_validator(mode="before")
    @classmethod
    def _status_word(cls, data: Any, info: ValidationInfo) -> Any:
        return _take_status_word(data, info)


class ProgressUpdate(Model):
    """A dated note of progress on an action, published on the action's pages."""

    date: FlexDate | None = Field(default=None, description="When the progress happened or was reported, e.g. 2009-07-30 or '30.07.09'. Leave out if the plan does not say.")
    text: Text = Field(title="Note", description="What happened, in plain English. This is published.")
    status: StatusField | None = Field(default=None, description="The action's status as of this update. The latest dated update with a status sets the action's current status. A partnership's own status word (e.g. amber) may be used.")
    status_word: Text | None = Field(default=None, description=STATUS_WORD_HELP)
    status_reason: Text | None = Field(default=None, description="Why, when the status is 'not progressed' or 'removed'.")
    due: FlexDate | None = Field(default=None, description="A new due date set by this update. The earlier one is kept as the original, so drift is shown.")
    significant: Bool = Field(default=False, description="True if this is a significant change, listed in 'updates to this page' and the feeds. Minor updates only change the date.")
    draft: Bool = Field(default=False, description="True to keep this update out of the public site until it is ready.")
    publish_from: IsoDate | None = Field(default=None, description="Embargo: the update is left out of everything public before this date (YYYY-MM-DD).")

    @model_validator(mode="before")
    @classmethod
    def _status_word(cls, data: Any, info: ValidationInfo) -> Any:
        return _take_status_word(data, info)

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
    status: StatusField | None = Field(default=None, description="Current status: not started, in progress, at risk, completed, ongoing, not progressed or removed, or one of the partnership's own status words. Leave out if the plan does not report it.")
    status_word: Text | None = Field(default=None, description=STATUS_WORD_HELP)
    status_reason: Text | None = Field(default=None, description="Why, when the status is 'not progressed' or 'removed'. Published.")
    updates: list[ProgressUpdate] = Field(default_factory=list, description="Progress updates, oldest first.")
    flags: list[Text] = Field(default_factory=list, description="Keys of flags defined in the edition's `flags`, e.g. 'reassurance'.")
    internal_notes: list[Text] = Field(default_factory=list, description="Working notes for the team, such as a reminder to chase an update. Never published anywhere.")

    @model_validator(mode="before")
    @classmethod
    def _status_word(cls, data: Any, info: ValidationInfo) -> Any:
        return _take_status_word(data, info)

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
