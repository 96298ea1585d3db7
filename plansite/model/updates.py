"""An update file: one record added by `plansite update`, `plansite said`, `plansite import` or the form editor."""
from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .actions import ProgressUpdate
from .base import Model, Plain, Ref, Slug, Text
from .edition import Meeting, YouSaidWeDid
from .indicators import PeriodValue

# The kinds of record, by the field that holds each. A file may say its kind in its name
# (2009-11-02-tc1-1.progress.yaml), which is how the form editor lists each kind apart. A file
# holding only internal notes on an action is a "note".
RECORD_KINDS = {"progress": "progress", "you_said_we_did": "said", "meeting": "meeting", "result": "result"}
NOTE_KIND = "note"


class UpdateFile(Model):
    """One record in plans/<partnership>/updates/: a progress update, a 'you said, we did' entry, a
    public meeting, an indicator's result, or internal notes on an action.

    Keeping each record in its own file means publishing never rewrites the plan.
    """

    edition: Slug | None = Field(default=None, description="The edition it belongs to, by its id (e.g. 2008-2011). A record without one goes to the current edition.")
    action: Ref | None = Field(default=None, description="The ref of the action a progress update or internal note is about.")
    progress: ProgressUpdate | None = Field(default=None, description="A progress update on the action.")
    you_said_we_did: YouSaidWeDid | None = Field(default=None, title="You said, we did", description="A 'you said, we did' entry.")
    meeting: Meeting | None = Field(default=None, description="A public meeting held about the plan.")
    indicator: Plain | None = Field(default=None, description="The code of the indicator a result is for, e.g. NI16 (its name, if it has no code).")
    result: PeriodValue | None = Field(default=None, description="A result (actual) for the indicator, for one period. Added to its results; a period that already has one is refused.")
    internal_notes: list[Text] = Field(default_factory=list, description="Working notes for the team about the action. Never published anywhere.")

    @property
    def kind(self) -> str | None:
        """progress, said, meeting, result or note: what the file holds."""
        found = next((RECORD_KINDS[name] for name in RECORD_KINDS if getattr(self, name) is not None), None)
        return found or (NOTE_KIND if self.internal_notes else None)

    @model_validator(mode="after")
    def _one_record(self) -> UpdateFile:
        kinds = [name for name in RECORD_KINDS if getattr(self, name) is not None]
        if len(kinds) > 1:
            raise PydanticCustomError("plansite_update_kind", "an update file holds one record, but this one has {kinds}; "
                                      "put each in its own file", {"kinds": " and ".join(kinds)})
        if self.indicator and self.result is None:
            raise PydanticCustomError("plansite_update_result", "indicator is given, so give the result for it (period and value)")
        if not kinds and not self.internal_notes:
            raise PydanticCustomError("plansite_update_kind", "an update file holds one record: progress (with action), "
                                      "you_said_we_did, meeting, result (with indicator), or internal_notes (with action)")
        if self.internal_notes and self.progress is None and kinds:
            raise PydanticCustomError("plansite_update_notes", "internal_notes in an update file are about an action; "
                                      "put them in a file of their own, with action")
        if (self.progress is not None or self.internal_notes) and not self.action:
            raise PydanticCustomError("plansite_update_action", "a progress update or internal note needs action: the ref of the action it is about")
        if self.you_said_we_did is not None and self.action:
            raise PydanticCustomError("plansite_update_action_yswd", "put the action refs of a 'you said, we did' entry in its actions list, not in action")
        if self.meeting is not None and self.action:
            raise PydanticCustomError("plansite_update_action_meeting", "a meeting is not about one action: leave out action")
        if self.result is not None and not self.indicator:
            raise PydanticCustomError("plansite_update_indicator", "a result needs indicator: the code of the indicator it is for")
        if self.result is not None and self.action:
            raise PydanticCustomError("plansite_update_result_action", "a result is for an indicator, not an action: leave out action")
        return self
