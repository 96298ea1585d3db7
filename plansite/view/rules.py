"""The rules that turn the plans into what people read: current status, drift, progress, dates.

Each rule is defined once here. The view (plansite.view.edition) applies them to every plan,
and the "how progress is reported" page is generated from the same definitions (RULES below),
so the page and the code cannot disagree.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ..dates import parse_period
from ..i18n import Translator

_t = Translator()  # for callers that do not pass the page's translation table
from ..model import Action, ActionStatus, Direction, Edition, Indicator, Lead, MeasuredChange, ProgressUpdate, Unit, Value
from ..model.base import FlexDate

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
    history = due_history(action)
    return history[-1] if history else None


def due_history(action: Action) -> list[FlexDate]:
    """Every due date the action has had, first to current: its original, its own, then each update's.

    A date repeated in the next place (an update restating the same due date) counts once.
    """
    dues = [d for d in (action.original_due, action.due, *(u.due for u in ordered_updates(action))) if d is not None]
    history: list[FlexDate] = []
    for due in dues:
        if not history or history[-1].as_written != due.as_written:
            history.append(due)
    return history


def original_due(action: Action) -> FlexDate | None:
    """The first due date, when the deadline has moved since (deadline drift)."""
    history = due_history(action)
    return history[0] if len(history) > 1 else None


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
    from ..i18n.words import join

    parts = [p for p in (lead.public_name, lead.role, lead.organisation) if p]
    return join(", ", parts) if parts else ""


# -- Numbers ----------------------------------------------------------------------------------


def format_number(value: Decimal | int | float) -> str:
    """Thousands separated, digits as written: 2750 -> 2,750; 19.10 -> 19.10."""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + (f".{fraction}" if fraction else "")


def format_measure(value: Decimal, unit: Unit | None, unit_label: str | None = None, t: Translator | None = None) -> str:
    t = t or Translator()
    number = format_number(value)
    if unit is Unit.OTHER and unit_label:
        return f"{number} {unit_label}"
    if unit in (Unit.PERCENTAGE, Unit.RATE_PER_1000, Unit.LEVEL, Unit.INDEX_SCORE):
        return t(f"unit.{unit.name.lower()}", number=number)
    return number


def value_text(value: Value, indicator: Indicator, t: Translator | None = None) -> str:
    """A figure in words from the model: as written, else the number with its unit. (The published
    view hides small counts; this is for the team's own workbook, which shows the plan's figures.)"""
    if value.text:
        return value.text
    return format_measure(value.value, indicator.unit, indicator.unit_label, t) if value.value is not None else ""


# -- Indicators: progress against targets --------------------------------------------------


@dataclass(frozen=True)
class IndicatorRule:
    """One rule for an indicator's status. The first rule that applies decides it."""

    id: str
    status: str  # one of INDICATOR_STATUSES


# In the order they are applied. The rules page lists them in this order, with the words for each
# (rules.indicator.<id> in the translation table), so the explanation is the code's own order.
INDICATOR_RULES = (
    IndicatorRule("no-result", "no data yet"),
    IndicatorRule("no-target", "target not set"),
    IndicatorRule("final-met", "target met"),
    IndicatorRule("period-met", "on track"),
    IndicatorRule("period-missed", "off track"),
    IndicatorRule("line-ahead", "on track"),
    IndicatorRule("line-behind", "off track"),
    IndicatorRule("after-final-missed", "off track"),
)
INDICATOR_STATUSES = ("target met", "on track", "off track", "no data yet", "target not set")


@dataclass(frozen=True)
class Judgement:
    """An indicator's status, and the figures it was judged on (true figures, never shown)."""

    status: str
    rule: str
    actual: Value | None = None  # the latest result
    target: Value | None = None  # the target it was compared with


def period_start(label: str | None) -> date:
    bounds = parse_period(label) if label else None
    return bounds.start if bounds else date.min


def _as_good(actual: Decimal, goal: Decimal, direction: Direction) -> bool:
    return actual <= goal if direction is Direction.LOWER else actual >= goal


def judge_indicator(indicator: Indicator) -> Judgement:
    """Judge the latest result against the targets, on the true figures (before small counts are hidden).

    Applies INDICATOR_RULES in order:
    - no-result: no result with a number;
    - no-target: no target with a number, or no direction;
    - final-met: the latest result is as good as the final target;
    - period-met / period-missed: its own period has a target, which it meets or misses;
    - line-ahead / line-behind: otherwise, on or behind the straight line from the baseline to the next target;
    - after-final-missed: it comes after the final target's period and misses it.
    """
    results = sorted((a for a in indicator.actuals if a.true_value is not None), key=lambda a: period_start(a.period))
    if not results:
        return Judgement("no data yet", "no-result")
    actual = results[-1]
    targets = sorted((t for t in indicator.targets if t.value is not None and t.period), key=lambda t: period_start(t.period))
    direction = indicator.direction
    if not targets or direction is None:
        return Judgement("target not set", "no-target", actual)
    value = actual.true_value
    final = targets[-1]
    if _as_good(value, final.value, direction):
        return Judgement("target met", "final-met", actual, final)
    same = next((t for t in targets if t.period == actual.period), None)
    if same is not None:
        met = _as_good(value, same.value, direction)
        return Judgement("on track" if met else "off track", "period-met" if met else "period-missed", actual, same)
    later = [t for t in targets if period_start(t.period) >= period_start(actual.period)]
    if later:
        ahead = _on_line(indicator, value, actual.period, later[0])
        return Judgement("on track" if ahead else "off track", "line-ahead" if ahead else "line-behind", actual, later[0])
    return Judgement("off track", "after-final-missed", actual, final)


def _on_line(indicator: Indicator, value: Decimal, period: str | None, target: Value) -> bool:
    """On or better than the straight line from the latest dated baseline to the next target."""
    direction = indicator.direction
    baselines = [b for b in indicator.baseline if b.value is not None and b.period]
    if not baselines:
        return False
    base = baselines[-1]
    start, end, now = period_start(base.period), period_start(target.period), period_start(period)
    if end <= start:
        return False
    share = Decimal((now - start).days) / Decimal((end - start).days)
    expected = base.value + (target.value - base.value) * share
    return _as_good(value, expected, direction)


def indicator_periods(indicator: Indicator) -> list[str]:
    """Every period with a baseline, target or result, in time order."""
    periods = {v.period for v in (*indicator.baseline, *indicator.targets, *indicator.actuals) if v.period}
    return sorted(periods, key=period_start)


# -- Strategic assessment -------------------------------------------------------------------


def describe_change(change: MeasuredChange, t: Translator | None = None) -> str:
    """'fell from 2,750 to 2,472, 10% lower' in plain words."""
    t = t or Translator()
    before, after = change.before, change.after
    unit = change.unit or ""
    values = {"before": f"{format_number(before)}{unit}", "after": f"{format_number(after)}{unit}"}
    if after == before:
        return t("change.same", **values)
    direction = "fell" if after < before else "rose"
    if before == 0:
        return t(f"change.{direction}_from_zero", **values)
    try:
        percent = abs(after - before) / abs(before) * 100
    except InvalidOperation:  # pragma: no cover - before is not zero here
        return t(f"change.{direction}_from_zero", **values)
    return t(f"change.{direction}", percent=f"{percent:.1f}" if percent < 1 else f"{percent:.0f}", **values)


# -- Dates ---------------------------------------------------------------------------------

# The dates rules, by the translation keys that explain them on the rules page.
DATE_RULES = ("rules.dates.precision", "rules.dates.last_updated", "rules.dates.feeds")


def stated_last_updated(edition: Edition) -> FlexDate | None:
    """The date the plan states it was last updated, or else first published, where it can be read as a date."""
    if edition.last_updated and edition.last_updated.parsed:
        return edition.last_updated
    return edition.published if edition.published and edition.published.parsed else None


def edition_last_updated(edition: Edition) -> tuple[date | None, str | None, bool]:
    """(date, precision, stated) for "last updated".

    The rule (rules.dates.last_updated): the date the plan states it was last updated, or else
    first published, unless a change, progress update or "you said, we did" entry is dated
    later: then the latest of those. Dates are compared by their first day ("March 2010" counts
    from 1 March 2010) and keep the precision they were written with. `stated` is False when
    the date is a later record's rather than one the plan states.
    """
    stated = stated_last_updated(edition)
    best: tuple[date, str | None, bool] | None = (stated.parsed, stated.precision, True) if stated else None
    later: list[tuple[date, str | None]] = [(c.date, "day") for c in edition.changes]
    for action in edition.actions():
        for update in action.updates:
            if update.date and update.date.parsed:
                later.append((update.date.parsed, update.date.precision))
    later += [(y.date, "day") for y in edition.you_said_we_did if y.date]
    for day, precision in later:
        if best is None or day > best[0]:
            best = (day, precision, False)
    return best if best else (None, None, False)


def entry_id(entry) -> str:
    """A stable id for a 'you said, we did' entry: its own, or one made from its date and words."""
    if entry.id:
        return entry.id
    digest = hashlib.sha1(f"{entry.date}|{entry.said}|{entry.did}".encode()).hexdigest()[:8]
    return f"said-{entry.date.isoformat() if entry.date else 'undated'}-{digest}"
