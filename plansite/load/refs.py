"""Finding actions by ref.

Refs are unique within a priority. Many plans restart numbering in each action plan
(1.1, 2.1 ... under every theme), so a ref used by more than one priority is written
with its priority's id when referred to from elsewhere: `violent-crime/1.1`.
"""
from __future__ import annotations

from ..model import Action, Edition, Priority
from ..model.base import closest


# Suggestions ("Did you mean ...?") compare a wrong ref with every ref of the edition; past this many
# wrong refs in one edition, that work would grow with the square of the plan, so they stop.
SUGGESTIONS = 100


class ActionIndex:
    def __init__(self, edition: Edition, edition_id: str):
        self.edition_id = edition_id
        self.suggested = 0
        self.by_ref: dict[str, list[tuple[Priority, Action]]] = {}
        for priority in edition.priorities:
            for action in priority.actions():
                if action.ref:
                    self.by_ref.setdefault(action.ref, []).append((priority, action))
                    self.by_ref.setdefault(f"{priority.id}/{action.ref}", []).append((priority, action))

    def resolve(self, ref: str) -> tuple[tuple[Priority, Action] | None, str | None]:
        """Return ((priority, action), None), or (None, a message saying what is wrong)."""
        found = self.by_ref.get(ref, [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            ids = ", ".join(p.id for p, _ in found)
            return None, (f"action ref '{ref}' is used in more than one priority of edition '{self.edition_id}' ({ids}); "
                          f"write it with the priority's id, e.g. {found[0][0].id}/{ref}")
        self.suggested += 1
        plain = [r for r in self.by_ref if "/" not in r] if self.suggested <= SUGGESTIONS else []
        hint = closest(ref, plain) if plain else None
        suggestion = f" Did you mean '{hint}'?" if hint else ""
        return None, f"no action with ref '{ref}' in edition '{self.edition_id}'.{suggestion}"

    def key(self, priority: Priority, action: Action) -> str:
        """The shortest ref that finds this action."""
        return action.ref if len(self.by_ref.get(action.ref, [])) == 1 else f"{priority.id}/{action.ref}"
