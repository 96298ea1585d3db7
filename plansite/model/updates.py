"""An update file: one record added by `plansite update`, `plansite said` or the form editor."""
from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .actions import ProgressUpdate
from .base import Model, Ref, Slug
from .edition import Meeting, YouSaidWeDid

# The kinds of record, by the field that holds each. A file may say its kind in its name
# (2009-11-02-tc1-1.progress.yaml), which is how the form editor lists each kind apart.
RECORD_KINDS = {"progress": "progress", "you_said_we_did": "said", "meeting": "meeting"}


class UpdateFile(Model):
    """One progress update, 'you said, we did' entry or public meeting, in plans/<partnership>/updates/.

    Keeping each record in its own file means publishing never rewrites the plan.
    """

    edition: Slug | None = Field(default=None, description="The edition it belongs to, by its id (e.g. 2008-2011). A record without one goes to the current edition.")
    action: Ref | None = Field(default=None, description="The ref of the action a progress update is about.")
    progress: ProgressUpdate | None = Field(default=None, description="A progress update on the action.")
    you_said_we_did: YouSaidWeDid | None = Field(default=None, title="You said, we did", description="A 'you said, we did' entry.")
    meeting: Meeting | None = Field(default=None, description="A public meeting held about the plan.")

    @property
    def kind(self) -> str | None:
        """progress, said or meeting: what the file holds."""
        return next((RECORD_KINDS[name] for name in RECORD_KINDS if getattr(self, name) is not None), None)

    @model_validator(mode="after")
    def _one_record(self) -> UpdateFile:
        if sum(getattr(self, name) is not None for name in RECORD_KINDS) != 1:
            raise PydanticCustomError("plansite_update_kind",
                                      "an update file holds exactly one of progress, you_said_we_did or meeting")
        if self.progress is not None and not self.action:
            raise PydanticCustomError("plansite_update_action", "a progress update needs action: the ref of the action it is about")
        if self.you_said_we_did is not None and self.action:
            raise PydanticCustomError("plansite_update_action_yswd", "put the action refs of a 'you said, we did' entry in its actions list, not in action")
        if self.meeting is not None and self.action:
            raise PydanticCustomError("plansite_update_action_meeting", "a meeting is not about one action: leave out action")
        return self
