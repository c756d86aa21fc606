"""Charts drawn on the server: the geometry of an SVG bar chart and line chart, which templates/statistics/
_charts.html draws. Every bar and point carries its value as text, so colour never carries it alone."""

import math
from dataclasses import dataclass

from councilportal.statistics.figures import Figure
from councilportal.statistics.tables import shown

# Narrow enough that a phone 320 pixels wide shows the text at nearly its full size.
BAR_CHART_WIDTH = 320
BAR_ROW_HEIGHT = 46
BAR_MAX_WIDTH = 210


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]


def bar_chart(items: list[tuple[str, Figure]]) -> BarChart:
    """One row per item: its label above a bar as long as its value, the value written after the bar.
    A suppressed value gets no bar, only its text."""
    largest = max((figure.shown or 0 for _, figure in items), default=0)
    bars = [
        Bar(label, index * BAR_ROW_HEIGHT,
            BAR_MAX_WIDTH * (figure.shown or 0) / largest if largest else 0, shown(figure))
        for index, (label, figure) in enumerate(items)
    ]
    return BarChart(BAR_CHART_WIDTH, max(len(bars), 1) * BAR_ROW_HEIGHT, bars)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    lines: list[str]  # the points of each unbroken stretch, as SVG's `points` attribute
    points: list[Point]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def line_chart(series: list[tuple[tuple[int, int], Figure | None]]) -> LineChart:
    """A line through the shown values of quarters, oldest first; a suppressed quarter breaks the line.
    The year is written under each first quarter."""
    width, height, left, right, top, bottom = 360, 230, 40, 12, 26, 190
    count = len(series)
    ceiling = _nice_ceiling(max((figure.shown or 0 for _, figure in series if figure), default=0))

    def x_of(index: int) -> float:
        return left + (width - left - right) * index / max(count - 1, 1)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / ceiling

    lines, stretch, points = [], [], []
    for index, (_, figure) in enumerate(series):
        value = figure.shown if figure else 0
        if value is None:
            if stretch:
                lines.append(" ".join(stretch))
            stretch = []
            continue
        x, y = x_of(index), y_of(value)
        stretch.append(f"{x:.1f},{y:.1f}")
        points.append(Point(x, y, shown(figure) if figure else "0"))
    if stretch:
        lines.append(" ".join(stretch))
    x_labels = [(x_of(index), str(year)) for index, ((year, quarter), _) in enumerate(series)
                if quarter == 1 or index == 0]
    y_ticks = [(y_of(value), f"{value:g}") for value in (0, ceiling / 2, ceiling)]
    return LineChart(width, height, left, right, bottom, lines, points, x_labels, y_ticks)
