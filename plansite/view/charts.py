"""Geometry for indicator charts, from the figures as published. The SVG is drawn by
overrides/partials/ps/indicator_chart.html; the table beside it holds the same numbers.

Honest by construction: the value axis starts at zero (a cut axis makes small changes look
steep), ticks are round numbers, results are drawn against targets, and a hidden small count is
never plotted. The axis title (with the unit), the legend and the direction ("Lower is better")
are HTML around the SVG, so they wrap and keep the page's text size.

Legible on a phone: the SVG scales to the width it is given, so its text shrinks with it. The
drawing is WIDTH user units wide and its labels LABEL_SIZE units high: on a 375 px phone the
chart is about 343 px wide, so labels render at 17 * 343 / 400 = 14.6 px; plansite.css caps the
chart's width (22.5rem, 450 px) so they render at no more than about 19 px on a large screen.
Period labels that would overlap at that size are thinned to every second (or third...) period;
every point is still drawn, and the table lists every period.
"""
from __future__ import annotations

from decimal import Decimal

from ..i18n import Translator
from ..model import Indicator as IndicatorModel
from . import rules
from .model import Chart, ChartPoint, ChartSeries, Figure

WIDTH, HEIGHT = 400, 250
LABEL_SIZE = 17  # user units; see the module docstring for what that renders at
LEFT, RIGHT, TOP, BOTTOM = 64, 44, 14, 40
CHAR_WIDTH = 0.64  # of LABEL_SIZE: a generous average for digits and "/" in common sans-serif fonts
LABEL_GAP = 10
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """Round tick values from low to at least high: 0, 5, 10, 15, 20 rather than 18.85, 18.97 ..."""
    span = high - low
    if span <= 0:
        span = abs(high) or Decimal(1)
    raw = span / (count - 1)
    magnitude = Decimal(10) ** (raw.adjusted())
    step = next(magnitude * s for s in NICE_STEPS if magnitude * s >= raw)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return [t.normalize() if t != 0 else Decimal(0) for t in ticks]


def label_every(labels: list[str], spacing: float) -> int:
    """Show every n-th period label so that neighbouring labels do not overlap."""
    if len(labels) < 2 or spacing <= 0:
        return 1
    widest = max(len(label) for label in labels) * CHAR_WIDTH * LABEL_SIZE + LABEL_GAP
    every = 1
    while spacing * every < widest:
        every += 1
    return every


def _numeric(figures: tuple[Figure, ...]) -> list[tuple[str, Decimal, str]]:
    # Suppressed figures have no value, so they are never plotted.
    return [(f.period, Decimal(f.value), f.text) for f in figures if f.value is not None and f.period]


def indicator_chart(indicator: IndicatorModel, baseline: tuple[Figure, ...], targets: tuple[Figure, ...],
                    actuals: tuple[Figure, ...], t: Translator) -> Chart | None:
    """A chart of baseline, targets and results, or None when there are fewer than two figures to draw."""
    sets = {"baseline": _numeric(baseline), "target": _numeric(targets), "actual": _numeric(actuals)}
    values = [v for points in sets.values() for _, v, _ in points]
    if len(values) < 2:
        return None
    periods = [p for p in rules.indicator_periods(indicator) if any(p == q for points in sets.values() for q, _, _ in points)]
    low = min(Decimal(0), min(values))
    ticks = nice_ticks(low, max(values))
    low, high = ticks[0], ticks[-1]
    if high == low:
        high = low + 1
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    step = (right - left) / max(1, len(periods) - 1) if len(periods) > 1 else 0
    x_of = {p: (left + step * i if len(periods) > 1 else (left + right) / 2) for i, p in enumerate(periods)}

    def y_of(value: Decimal) -> float:
        return round(float(bottom - (value - low) / (high - low) * (bottom - top)), 1)

    names = {"baseline": t("indicator.chart_baseline"), "target": t("indicator.chart_target"), "actual": t("indicator.chart_actual")}
    series = []
    for key, points in sets.items():
        if points:
            marks = tuple(ChartPoint(round(x_of[p], 1), y_of(v), p, text) for p, v, text in points)
            path = " ".join(f"{'M' if i == 0 else 'L'}{m.x},{m.y}" for i, m in enumerate(marks))
            series.append(ChartSeries(key, names[key], marks, path))
    every = label_every(periods, step)
    # The last period is always labelled, so the axis says where the figures end.
    shown = [i for i in range(len(periods)) if (len(periods) - 1 - i) % every == 0]
    return Chart(
        WIDTH, HEIGHT, (left, top, right, bottom), tuple(series),
        tuple((round(x_of[periods[i]], 1), periods[i], _anchor(x_of[periods[i]], periods[i])) for i in shown),
        tuple((y_of(v), rules.format_number(v)) for v in ticks),
        _axis(indicator, t), t(f"direction.{indicator.direction.value}") if indicator.direction else None,
        LABEL_SIZE)


def _anchor(x: float, label: str) -> str:
    """Centre a period label under its point, unless that would run it off the drawing."""
    half = len(label) * CHAR_WIDTH * LABEL_SIZE / 2
    if x - half < 0:
        return "start"
    if x + half > WIDTH:
        return "end"
    return "middle"


def _axis(indicator: IndicatorModel, t: Translator) -> str:
    if indicator.unit is None:
        return t("indicator.axis_value")
    if indicator.unit.value == "other" and indicator.unit_label:
        return indicator.unit_label[0].upper() + indicator.unit_label[1:]
    return t(f"indicator.axis.{indicator.unit.name.lower()}")
