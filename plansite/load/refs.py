"""Finding actions by ref.

Refs are the plan's own numbering, kept as written. Many plans restart numbering in each
action plan (1.1, 2.1 ... under every theme), so a ref used by more than one priority is
written with its priority's id when referred to from elsewhere: `violent-crime/1.1`. A plan
can even give two rows of one priority the same ref (Calderdale's two PS7.1 rows); the second
is then `PS7.1#2`.
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
            seen: dict[str, int] = {}
            for action in priority.actions():
                if action.ref:
                    n = seen[action.ref] = seen.get(action.ref, 0) + 1
                    keys = [action.ref, f"{priority.id}/{action.ref}"]
                    keys += [f"{action.ref}#{n}", f"{priority.id}/{action.ref}#{n}"]
                    for key in keys:
                        self.by_ref.setdefault(key, []).append((priority, action))

    def resolve(self, ref: str) -> tuple[tuple[Priority, Action] | None, str | None]:
        """Return ((priority, action), None), or (None, a message saying what is wrong)."""
        found = self.by_ref.get(ref, [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            priorities = list(dict.fromkeys(p.id for p, _ in found))
            if len(priorities) == 1:
                return None, (f"action ref '{ref}' is used by {len(found)} actions in priority '{priorities[0]}' of edition "
                              f"'{self.edition_id}'; write which one, e.g. {ref}#2 for the second")
            return None, (f"action ref '{ref}' is used in more than one priority of edition '{self.edition_id}' "
                          f"({', '.join(priorities)}); write it with the priority's id, e.g. {priorities[0]}/{ref}")
        self.suggested += 1
        plain = [r for r in self.by_ref if "/" not in r and "#" not in r] if self.suggested <= SUGGESTIONS else []
        hint = closest(ref, plain) if plain else None
        suggestion = f" Did you mean '{hint}'?" if hint else ""
        return None, f"no action with ref '{ref}' in edition '{self.edition_id}'.{suggestion}"

    def key(self, priority: Priority, action: Action) -> str:
        """The shortest ref that finds this action."""
        for candidate in self.keys(priority, action):
            if len(self.by_ref.get(candidate, [])) == 1:
                return candidate
        return action.ref

    def keys(self, priority: Priority, action: Action) -> list[str]:
        n = [a for a in priority.actions() if a.ref == action.ref].index(action) + 1
        return [action.ref, f"{action.ref}#{n}", f"{priority.id}/{action.ref}", f"{priority.id}/{action.ref}#{n}"]
