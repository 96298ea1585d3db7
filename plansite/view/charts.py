"""Geometry for indicator charts. The SVG itself is drawn by overrides/partials/ps/indicator_chart.html."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Indicator
from .rules import format_number, indicator_periods

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 84, 56, 48, 56


@dataclass
class Series:
    key: str  # "baseline", "target" or "actual": the partial picks marker shape and line style
    points: list[tuple[str, str, str, str]] = field(default_factory=list)  # x, y (formatted), period, shown value
    path: str = ""  # the line through the points, as SVG path data

    def __post_init__(self) -> None:
        self.path = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y, _, _) in enumerate(self.points))


@dataclass
class Chart:
    width: int
    height: int
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def _numeric(values) -> list[tuple[str, Decimal]]:
    return [(v.period, v.value) for v in values if v.value is not None and v.period]


def indicator_chart(indicator: Indicator) -> Chart | None:
    """A chart of baseline, targets and results, or None when there are fewer than two figures."""
    sets = {
        "baseline": _numeric(indicator.baseline),
        "target": _numeric(indicator.targets),
        "actual": _numeric(indicator.actuals),
    }
    all_values = [value for points in sets.values() for _, value in points]
    if len(all_values) < 2:
        return None
    periods = [p for p in indicator_periods(indicator) if any(p == q for points in sets.values() for q, _ in points)]
    low, high = min(all_values), max(all_values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * Decimal("0.1")
    low, high = (low - pad if low - pad > 0 or low < 0 else Decimal(0)), high + pad
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    step = (right - left) / max(1, len(periods) - 1) if len(periods) > 1 else 0
    x_of = {p: (left + step * i if len(periods) > 1 else (left + right) / 2) for i, p in enumerate(periods)}

    def y_of(value: Decimal) -> float:
        return float(bottom - (value - low) / (high - low) * (bottom - top))

    series = []
    for key, points in sets.items():
        if points:
            series.append(Series(key, [(f"{x_of[p]:.1f}", f"{y_of(v):.1f}", p, format_number(v)) for p, v in points]))
    ticks = [low + (high - low) * Decimal(i) / 4 for i in range(5)]
    decimals = 0 if high - low >= 20 else 1 if high - low >= 2 else 2
    y_ticks = [(y_of(v), format_number(round(v, decimals))) for v in ticks]
    return Chart(WIDTH, HEIGHT, series, [(x_of[p], p) for p in periods], y_ticks, (left, top, right, bottom))
