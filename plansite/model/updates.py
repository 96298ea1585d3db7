"""An update file: one record appended by `plansite update` or `plansite said`."""
from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .actions import ProgressUpdate
from .base import Model, Ref, Slug
from .edition import YouSaidWeDid


class UpdateFile(Model):
    """One progress update or one 'you said, we did' entry, in plans/<partnership>/updates/.

    Keeping each record in its own file means publishing never rewrites the plan.
    """

    edition: Slug | None = Field(default=None, description="The edition it belongs to. Leave out for the current edition.")
    action: Ref | None = Field(default=None, description="The ref of the action a progress update is about.")
    progress: ProgressUpdate | None = Field(default=None, description="A progress update on the action.")
    you_said_we_did: YouSaidWeDid | None = Field(default=None, description="A 'you said, we did' entry.")

    @model_validator(mode="after")
    def _one_record(self) -> UpdateFile:
        if (self.progress is None) == (self.you_said_we_did is None):
            raise PydanticCustomError("plansite_update_kind", "an update file holds either progress or you_said_we_did, not both or neither")
        if self.progress is not None and not self.action:
            raise PydanticCustomError("plansite_update_action", "a progress update needs action: the ref of the action it is about")
        if self.you_said_we_did is not None and self.action:
            raise PydanticCustomError("plansite_update_action_yswd", "put the action refs of a 'you said, we did' entry in its actions list, not in action")
        return self
