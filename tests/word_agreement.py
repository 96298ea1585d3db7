"""Agreement between an imported edition and a hand-encoded one, field by field, for the Word-import test."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

FIELDS = ("ref", "action text", "lead (who)", "lead (exact)", "due as written", "updates", "status")


def norm(text: str | None) -> str:
    """Text compared as a reader would: spacing tidied as plans/README.md's encoding rules tidy it."""
    text = " ".join((text or "").split())
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def _who(leads) -> list[str]:
    return sorted(norm(lead.name or lead.role or lead.organisation) for lead in leads)


def _exact(leads) -> list[tuple]:
    return [(norm(lead.name), norm(lead.role), norm(lead.organisation)) for lead in leads]


def _updates(action) -> list[tuple]:
    return [(norm(u.date.as_written) if u.date else "", norm(u.text)) for u in action.updates]


def compare(hand, imported) -> dict[str, bool]:
    return {
        "ref": (hand.ref or "") == (imported.ref or ""),
        "action text": norm(hand.text) == norm(imported.text),
        "lead (who)": _who(hand.lead) == _who(imported.lead),
        "lead (exact)": _exact(hand.lead) == _exact(imported.lead),
        "due as written": norm(hand.due.as_written if hand.due else None) == norm(imported.due.as_written if imported.due else None),
        "updates": _updates(hand) == _updates(imported),
        "status": hand.status == imported.status,
    }


@dataclass
class Agreement:
    hand_actions: int = 0
    imported_actions: int = 0
    matched: int = 0
    agree: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    differences: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    def figures(self) -> dict[str, object]:
        return {"hand-encoded actions": self.hand_actions, "imported actions": self.imported_actions,
                "matched": self.matched, **{f: self.agree[f] for f in FIELDS}}


def agreement(hand_edition, imported_edition) -> Agreement:
    """Pair each hand-encoded action with the imported action of the same priority whose words are closest."""
    result = Agreement()
    for hand_priority, imported_priority in zip(hand_edition.priorities, imported_edition.priorities):
        hand, imported = hand_priority.actions(), list(imported_priority.actions())
        result.hand_actions += len(hand)
        result.imported_actions += len(imported)
        free = list(range(len(imported)))
        for action in hand:
            scores = [(difflib.SequenceMatcher(None, norm(action.text), norm(imported[i].text)).ratio(), -i, i) for i in free]
            if not scores:
                continue
            score, _, best = max(scores)
            if score < 0.6:
                continue
            free.remove(best)
            result.matched += 1
            for name, same in compare(action, imported[best]).items():
                if same:
                    result.agree[name] += 1
                else:
                    result.differences[name].append(action.ref or action.text[:40])
    result.hand_actions += sum(len(p.actions()) for p in hand_edition.priorities[len(imported_edition.priorities):])
    return result
