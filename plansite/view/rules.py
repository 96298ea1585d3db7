"""Facts derived from the model for people to read: current status, drift, counts, changes.

Pure functions of the model, shared by the pages, the downloads and the feeds, so every
format tells the same story.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..dates import format_date, parse_period
from ..i18n import Translator
from ..model import Action, ActionStatus, Direction, Edition, Indicator, Lead, MeasuredChange, ProgressUpdate, Unit, Value
from ..model.base import FlexDate

_t = Translator()  # the sentences these helpers write go through the one translation table

# -- Actions -------------------------------------------------------------------------------


def _update_order(update: ProgressUpdate) -> tuple:
    # Undated updates keep their written order, before any dated ones.
    return (update.date.parsed is not None if update.date else False,
            update.date.parsed or date.min if update.date else date.min)


def ordered_updates(action: Action) -> list[ProgressUpdate]:
    """Updates oldest first."""
    return sorted(action.updates, key=_update_order)


def latest_update(action: Action) -> ProgressUpdate | None:
    updates = ordered_updates(action)
    return updates[-1] if updates else None


def current_status(action: Action) -> ActionStatus | None:
    """The latest update that sets a status wins; otherwise the action's own status."""
    for update in reversed(ordered_updates(action)):
        if update.status is not None:
            return update.status
    return action.status


def current_status_word(action: Action) -> str | None:
    """The partnership's own word for the current status (e.g. 'amber'), from the same record as the status."""
    for update in reversed(ordered_updates(action)):
        if update.status is not None:
            return update.status_word
    return action.status_word


def status_words(status: ActionStatus | None, word: str | None = None, t: Translator = _t) -> str:
    """A status in words, with the partnership's own term beside it: 'At risk or delayed (amber)'.

    The status_tag component writes the same, through the page's translation table.
    """
    label = t("status." + (status.value if status else "none"))
    return t("status.with_word", status=label, word=word) if word and status else label


def status_reason(action: Action) -> str | None:
    for update in reversed(ordered_updates(action)):
        if update.status is not None:
            return update.status_reason
    return action.status_reason


def current_due(action: Action) -> FlexDate | None:
    for update in reversed(ordered_updates(action)):
        if update.due is not None:
            return update.due
    return action.due


def original_due(action: Action) -> FlexDate | None:
    """The first due date, when the deadline has moved since (deadline drift)."""
    if action.original_due is not None:
        return action.original_due
    due = current_due(action)
    if due is not action.due and action.due is not None:
        return action.due
    return None


STATUS_ORDER = [
    ActionStatus.COMPLETED, ActionStatus.IN_PROGRESS, ActionStatus.ONGOING, ActionStatus.AT_RISK,
    ActionStatus.NOT_STARTED, ActionStatus.NOT_PROGRESSED, ActionStatus.REMOVED, None,
]


def status_counts(actions: list[Action]) -> list[tuple[ActionStatus | None, int]]:
    """Counts of actions by current status, in a fixed reading order, zero counts left out."""
    counts = Counter(current_status(a) for a in actions)
    return [(status, counts[status]) for status in STATUS_ORDER if counts[status]]


def lead_text(lead: Lead) -> str:
    """Role and organisation; a name only when the person opted in."""
    parts = [p for p in (lead.public_name, lead.role, lead.organisation) if p]
    return ", ".join(parts) if parts else ""


# -- Numbers and indicators -------------------------------------------------------------------


def format_number(value: Decimal | int | float) -> str:
    """Thousands separated, digits as written: 2750 -> 2,750; 19.10 -> 19.10."""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + (f".{fraction}" if fraction else "")


def format_measure(value: Decimal, unit: Unit | None, unit_label: str | None = None) -> str:
    number = format_number(value)
    if unit is Unit.OTHER and unit_label:
        return f"{number} {unit_label}"
    if unit in (Unit.PERCENTAGE, Unit.RATE_PER_1000, Unit.LEVEL, Unit.INDEX_SCORE):
        return _t(f"unit.{unit.name.lower()}", number=number)
    return number


def value_text(value: Value, indicator: Indicator) -> str:
    """The figure as people should read it: the words written, or the number with its unit."""
    if value.text:
        return value.text
    return format_measure(value.value, indicator.unit, indicator.unit_label) if value.value is not None else ""


@dataclass(frozen=True)
class IndicatorAssessment:
    status: str  # one of INDICATOR_STATUSES
    sentence: str
    actual: Value | None = None
    target: Value | None = None


INDICATOR_STATUSES = ("target met", "on track", "off track", "no data yet", "target not set")


def _period_start(label: str | None) -> date:
    bounds = parse_period(label) if label else None
    return bounds.start if bounds else date.min


def _better_or_equal(actual: Decimal, goal: Decimal, direction: Direction) -> bool:
    return actual <= goal if direction is Direction.LOWER else actual >= goal


def assess_indicator(indicator: Indicator, suppress_below: int | None = None) -> IndicatorAssessment:
    """Compare the latest actual with the target for its period.

    - no actual with a number: no data yet
    - no numeric target for that period or later, or no direction: target not set
    - the actual's own period has a target: met (last target) or on track, else off track
    - otherwise compare with the straight line from the baseline to the next target
    """
    actuals = sorted((a for a in indicator.actuals if a.value is not None), key=lambda a: _period_start(a.period))
    if not actuals:
        return IndicatorAssessment("no data yet", _t("indicator.sentence_no_data"))
    actual = actuals[-1]
    shown_actual = display_actual(actual, indicator, suppress_below)
    targets = sorted((t for t in indicator.targets if t.value is not None), key=lambda t: _period_start(t.period))
    if not targets or indicator.direction is None:
        return IndicatorAssessment("target not set", _t("indicator.sentence_no_target", actual=shown_actual, period=actual.period), actual)
    direction = indicator.direction
    actual_start = _period_start(actual.period)
    same = next((t for t in targets if t.period == actual.period), None)
    later = [t for t in targets if _period_start(t.period) >= actual_start]
    final = targets[-1]
    if same is not None:
        met = _better_or_equal(actual.value, same.value, direction)
        status = ("target met" if same is final else "on track") if met else "off track"
        target = same
    elif later:
        target = later[0]
        status = "on track" if _on_trajectory(indicator, actual, target) else "off track"
    else:
        target = final
        status = "target met" if _better_or_equal(actual.value, final.value, direction) else "off track"
    sentence = _t("indicator.sentence", actual=shown_actual, period=actual.period, target=value_text(target, indicator),
                  target_period=target.period, direction=direction.value, status=_t(f"istatus.{status}").lower())
    return IndicatorAssessment(status, sentence, actual, target)


def _on_trajectory(indicator: Indicator, actual: Value, target: Value) -> bool:
    direction = indicator.direction
    if _better_or_equal(actual.value, target.value, direction):
        return True
    baselines = [b for b in indicator.baseline if b.value is not None and b.period]
    if not baselines:
        return False
    base = baselines[-1]
    start, end, now = _period_start(base.period), _period_start(target.period), _period_start(actual.period)
    if end <= start:
        return False
    share = Decimal((now - start).days) / Decimal((end - start).days)
    expected = base.value + (target.value - base.value) * share
    return _better_or_equal(actual.value, expected, direction)


def display_actual(actual: Value, indicator: Indicator, suppress_below: int | None) -> str:
    """An actual as published, with small sensitive counts shown as 'fewer than N'."""
    if suppress_below and indicator.sensitive and actual.value is not None and 0 < actual.value < suppress_below:
        return _t("indicator.fewer_than", threshold=suppress_below)
    return value_text(actual, indicator)


def indicator_periods(indicator: Indicator) -> list[str]:
    """Every period with a baseline, target or actual, in time order."""
    periods = {v.period for v in (*indicator.baseline, *indicator.targets, *indicator.actuals) if v.period}
    return sorted(periods, key=_period_start)


# -- Strategic assessment -------------------------------------------------------------------


def describe_change(change: MeasuredChange) -> str:
    """'fell from 2,750 to 2,472, 10% lower' in plain words."""
    before, after = change.before, change.after
    unit = change.unit or ""
    values = {"before": f"{format_number(before)}{unit}", "after": f"{format_number(after)}{unit}"}
    if after == before:
        return _t("change.same", **values)
    direction = "fell" if after < before else "rose"
    if before == 0:
        return _t(f"change.{direction}_from_zero", **values)
    percent = abs(after - before) / before * 100
    return _t(f"change.{direction}", percent=f"{percent:.1f}" if percent < 1 else f"{percent:.0f}", **values)


# -- Dates ---------------------------------------------------------------------------------


def edition_last_updated(edition: Edition) -> tuple[date | None, str | None]:
    """The latest of: the stated last-updated date, dated changes, dated progress updates."""
    candidates: list[tuple[date, str | None]] = []
    if edition.last_updated and edition.last_updated.parsed:
        candidates.append((edition.last_updated.parsed, edition.last_updated.precision))
    elif edition.published and edition.published.parsed:
        candidates.append((edition.published.parsed, edition.published.precision))
    candidates += [(c.date, "day") for c in edition.changes]
    for action in edition.actions():
        for update in action.updates:
            if update.date and update.date.parsed:
                candidates.append((update.date.parsed, update.date.precision))
    candidates += [(y.date, "day") for y in edition.you_said_we_did if y.date]
    if not candidates:
        return None, None
    return max(candidates, key=lambda c: c[0])


def format_when(when: date | None, precision: str | None = "day") -> str | None:
    return format_date(when, precision) if when else None


def recent_updates(edition: Edition, count: int) -> list[tuple]:
    """The latest dated progress updates across the edition: (priority, action, update)."""
    dated = [
        (priority, action, update)
        for priority in edition.priorities
        for action in priority.actions()
        for update in action.updates
        if update.date and update.date.parsed
    ]
    dated.sort(key=lambda item: item[2].date.parsed, reverse=True)
    return dated[:count]


def linked_actions(entry, index) -> list[tuple]:
    """The (priority, action) pairs a 'you said, we did' entry changed."""
    found = []
    for ref in entry.actions:
        match, _ = index.resolve(ref)
        if match:
            found.append(match)
    return found


def entries_for_priority(edition: Edition, priority, index) -> list:
    """'You said, we did' entries that changed an action under this priority."""
    return [e for e in edition.you_said_we_did if any(p is priority for p, _ in linked_actions(e, index))]


def entry_id(entry) -> str:
    """A stable id for a 'you said, we did' entry: its own, or one made from its date and words."""
    if entry.id:
        return entry.id
    digest = hashlib.sha1(f"{entry.date}|{entry.said}|{entry.did}".encode()).hexdigest()[:8]
    return f"said-{entry.date.isoformat() if entry.date else 'undated'}-{digest}"


def place_index(catalogue) -> list[tuple[str, list[tuple[str, str | None, object]]]]:
    """Places, wards and council areas named in the plans, A to Z, with their partnership."""
    from ..i18n import Translator

    t = Translator()
    entries = set()
    for plans in catalogue.partnerships:
        area = plans.data.area
        entries.add((area.local_authority, t("site.kind_council"), plans.slug))
        entries.update((place, None, plans.slug) for place in area.places)
        entries.update((ward, t("site.kind_ward"), plans.slug) for ward in area.wards)
    by_slug = {p.slug: p for p in catalogue.partnerships}
    letters: dict[str, list] = {}
    for place, kind, slug in sorted(entries, key=lambda e: (e[0].lower(), e[1] or "", e[2])):
        letters.setdefault(place[0].upper(), []).append((place, kind, by_slug[slug]))
    return sorted(letters.items())
