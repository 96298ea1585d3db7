"""Status icons: decorative SVG shapes shown beside the status in words, never instead of it."""
from __future__ import annotations

from markupsafe import Markup

_SHAPES = {
    "check": '<path d="M2 8.5l4 4 8-9" fill="none" stroke="currentColor" stroke-width="2.2"/>',
    "arrow": '<path d="M2 8h10M8 3.5l4.5 4.5L8 12.5" fill="none" stroke="currentColor" stroke-width="2.2"/>',
    "repeat": '<path d="M13 8a5 5 0 1 1-1.5-3.6M13 2v3.5H9.5" fill="none" stroke="currentColor" stroke-width="2"/>',
    "alert": '<path d="M8 1.5l7 13H1z" fill="none" stroke="currentColor" stroke-width="1.8"/>'
             '<path d="M8 6v4.5M8 12v1.5" stroke="currentColor" stroke-width="1.8"/>',
    "circle": '<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>',
    "cross": '<path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2.2"/>',
    "minus": '<path d="M3 8h10" stroke="currentColor" stroke-width="2.2"/>',
    "half": '<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/>'
            '<path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor"/>',
    "question": '<circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="1.6"/>'
                '<path d="M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.1v.6M8 11.3v1.4" fill="none" stroke="currentColor" stroke-width="1.6"/>',
}
# Which shape each status gets. Shapes differ so that status is never told by colour alone.
STATUS_ICONS = {
    "completed": "check", "target met": "check", "met": "check",
    "in progress": "arrow", "on track": "arrow",
    "ongoing": "repeat",
    "at risk": "alert", "off track": "alert", "out of date": "alert",
    "not started": "circle", "no data yet": "minus", "not applicable": "minus",
    "not progressed": "cross", "missing": "cross",
    "removed": "minus",
    "partly met": "half",
}
ICON_SVG = {
    name: Markup(f'<svg class="ps-tag__icon" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">{shape}</svg>')
    for name, shape in _SHAPES.items()
}


def status_icon(key: str) -> Markup:
    return ICON_SVG[STATUS_ICONS.get(key, "question")]
