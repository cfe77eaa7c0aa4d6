"""The trend chart of one measure: every fact a mark, placed, shaped and attributed so that it never misleads.

`chart_plan` decides what is drawn (pure data, tested without looking at pixels):
every fact of the series is a point, at the middle of its period; a bound is
▲ or ▼; a projection, estimate, claim or low-confidence figure is hollow; a
line joins only the close, exact-enough points of one source, never across a
change of method; each publisher is one series, except that versions of a
publisher's revised table are series of their own. `draw_png` draws a plan
with the words `Renderer.chart_words` gives it. matplotlib is imported on first
use only (with the Agg backend: no screen), so answering text never pays for it.
"""

from __future__ import annotations

import io
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from .dates import Precision
from .models import Fact, KnowledgeBase, Measure, MethodChange, Qualifier, Source, Status

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Two points of one source further apart than this are not joined: the path between them was not measured.
MAX_JOINED_GAP = timedelta(days=400)
# Series with their own colour and legend entry; the rest share one colour and are named at the foot.
COLOURED_SERIES = 7
_PALETTE = ["#1f6fb4", "#d9534f", "#2e9e5b", "#8e5bb5", "#e08e0b", "#17a2b8", "#8c564b"]
_OTHERS_COLOUR = "#6c757d"
_SPANNED = (Precision.QUARTER, Precision.FISCAL_YEAR, Precision.YEAR)


class Mark(StrEnum):
    """The shape of a point: a count, or a bound on one."""

    POINT = "point"
    MORE_THAN = "more_than"  # ▲
    FEWER_THAN = "fewer_than"  # ▼: "fewer than" and "nearly" both say the count is below the mark


_MARKS = {
    Qualifier.EXACT: Mark.POINT,
    Qualifier.ABOUT: Mark.POINT,
    Qualifier.NEARLY: Mark.FEWER_THAN,
    Qualifier.MORE_THAN: Mark.MORE_THAN,
    Qualifier.FEWER_THAN: Mark.FEWER_THAN,
}
_MARKERS = {Mark.POINT: "o", Mark.MORE_THAN: "^", Mark.FEWER_THAN: "v"}


@dataclass(frozen=True)
class Point:
    fact: Fact
    x: date  # the middle of the fact's period: "2010" sits in July 2010, not on 31 December
    span: tuple[date, date] | None  # the period a quarter's, fiscal year's or year's figure covers
    mark: Mark
    hollow: bool  # not a count: a projection, an estimate, a claim, or a low-confidence figure


@dataclass
class ChartSeries:
    """One publisher's points, or one version of a publisher's revised table."""

    publisher: str
    points: list[Point]
    version: Source | None = None  # set when the series is one version of a revised table
    lines: list[list[Point]] = field(default_factory=list)  # runs of points joined by a line
    sources: list[Source] = field(default_factory=list)


@dataclass
class ChartPlan:
    measure: Measure
    series: list[ChartSeries]  # the coloured ones first, largest first
    left_out: list[Fact]  # totals over several periods: no point in time to draw them at
    method_changes: tuple[MethodChange, ...]

    @property
    def points(self) -> list[Point]:
        return [p for s in self.series for p in s.points]

    @property
    def coloured(self) -> list[ChartSeries]:
        return self.series[:COLOURED_SERIES]

    @property
    def others(self) -> list[ChartSeries]:
        return self.series[COLOURED_SERIES:]

    @property
    def marks(self) -> set[Mark]:
        return {p.mark for p in self.points}

    @property
    def any_hollow(self) -> bool:
        return any(p.hollow for p in self.points)


def chart_plan(measure: Measure, facts: list[Fact], kb: KnowledgeBase) -> ChartPlan:
    """What the chart of `facts` (one measure's) draws; see the module's docstring."""
    totals = [f for f in facts if f.period.precision is Precision.SPAN]
    points = [_point(f) for f in facts if f.period.precision is not Precision.SPAN]
    versioned = _revised_publishers(points, kb)
    groups: dict[tuple[str, str | None], list[Point]] = defaultdict(list)
    for point in points:
        source = kb.sources[point.fact.source]
        version = source.id if source.publisher in versioned else None
        groups[(source.publisher, version)].append(point)
    series = []
    for (publisher, version), members in groups.items():
        members.sort(key=lambda p: (p.x, p.fact.id))
        ids = dict.fromkeys(p.fact.source for p in members)
        series.append(
            ChartSeries(
                publisher=publisher,
                points=members,
                version=kb.sources[version] if version else None,
                lines=_lines(members, measure.method_changes),
                sources=[kb.sources[s] for s in ids],
            )
        )
    # The most points first, a primary publisher before a secondary: they get colours and the legend.
    series.sort(key=lambda s: (-len(s.points), not any(src.primary for src in s.sources), s.publisher))
    return ChartPlan(measure, series, totals, measure.method_changes)


def _point(fact: Fact) -> Point:
    period = fact.period
    middle = period.start + (period.end - period.start) / 2
    spanned = (period.start, period.end) if period.precision in _SPANNED else None
    hollow = fact.status is not Status.REPORTED or fact.low_confidence
    return Point(fact, middle, spanned, _MARKS[fact.qualifier], hollow)


def _revised_publishers(points: list[Point], kb: KnowledgeBase) -> set[str]:
    """Publishers whose sources give different figures for the same period: versions of a revised
    table (EOIR's of April 2021 and of July 2025), each to be drawn as its own series."""
    seen: dict[tuple[str, date, date], dict[str, float]] = defaultdict(dict)
    revised = set()
    for point in points:
        if point.mark is not Mark.POINT or point.fact.qualifier is not Qualifier.EXACT:
            continue  # a rounded figure or a bound is not a revision of an exact one
        source = kb.sources[point.fact.source]
        key = (source.publisher, point.fact.period.start, point.fact.period.end)
        others = seen[key]
        if any(s != source.id and v != point.fact.value for s, v in others.items()):
            revised.add(source.publisher)
        others[source.id] = point.fact.value
    return revised


def _lines(points: list[Point], changes: tuple[MethodChange, ...]) -> list[list[Point]]:
    """Runs of one source's points to join: consecutive in time, at most `MAX_JOINED_GAP` apart,
    counts rather than bounds, and counted the same way (no method change between them)."""
    by_source: dict[str, list[Point]] = defaultdict(list)
    for point in points:
        if point.mark is Mark.POINT:
            by_source[point.fact.source].append(point)
    runs = []
    for members in by_source.values():
        chain: list[Point] = []
        for point in sorted(members, key=lambda p: (p.x, p.fact.qualifier is not Qualifier.EXACT, p.fact.id)):
            if chain and point.x == chain[-1].x:
                continue  # two figures for one date: a vertical line would draw a jump nobody saw
            if chain and (
                point.x - chain[-1].x > MAX_JOINED_GAP or _method_differs(chain[-1], point, changes)
            ):
                runs.append(chain)
                chain = []
            chain.append(point)
        runs.append(chain)
    return [run for run in runs if len(run) > 1]


def _method_differs(a: Point, b: Point, changes: tuple[MethodChange, ...]) -> bool:
    for change in changes:
        period = change.period
        if period.precision is Precision.SPAN:
            if period.contains(a.x) != period.contains(b.x):
                return True
        elif a.x < period.start <= b.x:
            return True
    return False


# -- drawing -----------------------------------------------------------------


@dataclass
class ChartWords:
    """Every word on the chart, from the render layer (`Renderer.chart_words`)."""

    title: str
    subtitle: str
    unit: str  # the y axis: the measure's own unit
    series: list[str]  # a legend label per coloured series, in order
    marks: dict[Mark, str]
    hollow: str
    others: str  # the legend entry of the series drawn in the shared grey; "" when none
    method_changes: list[str]  # a short label per method change, drawn on the chart
    footer: list[str]  # the source line, notes on method, how to get every figure


def draw_png(plan: ChartPlan, words: ChartWords) -> bytes:
    """The chart as a PNG: title and subtitle above, the source line at the foot, as a grapher does."""
    figure = draw_figure(plan, words)  # first: it chooses the Agg backend before pyplot is imported
    from matplotlib import pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def draw_figure(plan: ChartPlan, words: ChartWords) -> Figure:
    """The matplotlib figure `draw_png` saves (the caller closes it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    width = 10.0
    footer = [line for text in words.footer for line in textwrap.wrap(_plain(text), 150)]
    subtitle = textwrap.wrap(_plain(words.subtitle), 115)[:3]
    entries = min(len(plan.series), COLOURED_SERIES + 1) + len(plan.marks) + plan.any_hollow
    header_in = 0.45 + 0.2 * len(subtitle)
    footer_in = 0.25 + 0.16 * len(footer)
    legend_in = 0.1 + 0.19 * -(-entries // 2)  # two columns, below the plot: it never hides a point
    height = 4.6 + header_in + footer_in + legend_in
    figure = plt.figure(figsize=(width, height), dpi=110)
    figure.text(0.012, 1 - 0.12 / height, _plain(words.title), fontsize=14, weight="bold", va="top")
    figure.text(
        0.012, 1 - 0.45 / height, "\n".join(subtitle), fontsize=9, color="#444444", va="top", linespacing=1.3
    )
    for number, line in enumerate(footer):
        figure.text(0.012, (footer_in - 0.2 - 0.16 * number) / height, line, fontsize=7.5, color="#555555")
    bottom = footer_in + legend_in + 0.35
    axes = figure.add_axes((0.085, bottom / height, 0.9, 1 - (header_in + bottom + 0.1) / height))

    for change, label in zip(plan.method_changes, words.method_changes, strict=True):
        period = change.period
        if period.precision is Precision.SPAN:
            axes.axvspan(period.start, period.end, color="#999999", alpha=0.13, lw=0)
        else:
            axes.axvline(period.start, color="#555555", lw=1, ls=":")
        axes.text(
            period.start,
            1.0,
            " " + _plain(label),
            transform=axes.get_xaxis_transform(),
            fontsize=7.5,
            color="#555555",
            va="top",
            ha="left",
        )

    handles = []
    for number, series in enumerate(plan.series):
        colour = _PALETTE[number] if number < COLOURED_SERIES else _OTHERS_COLOUR
        for run in series.lines:
            dashed = any(p.hollow for p in run)
            axes.plot(
                [p.x for p in run],
                [p.fact.value for p in run],
                color=colour,
                lw=1.6,
                ls="--" if dashed else "-",
                zorder=2,
            )
        for point in series.points:
            if point.span is not None:
                axes.plot(point.span, [point.fact.value] * 2, color=colour, lw=1, alpha=0.6, zorder=2)
            axes.scatter(
                [point.x],
                [point.fact.value],
                marker=_MARKERS[point.mark],
                s=34,
                zorder=3,
                facecolors="white" if point.hollow else colour,
                edgecolors=colour,
                linewidths=1.3,
            )
        if number < COLOURED_SERIES:
            handles.append(Line2D([], [], color=colour, marker="o", lw=0, label=_plain(words.series[number])))
    if plan.others:
        handles.append(Line2D([], [], color=_OTHERS_COLOUR, marker="o", lw=0, label=_plain(words.others)))
    for mark in (Mark.POINT, Mark.MORE_THAN, Mark.FEWER_THAN):
        if mark in plan.marks:
            handles.append(
                Line2D([], [], color="#222222", marker=_MARKERS[mark], lw=0, label=_plain(words.marks[mark]))
            )
    if plan.any_hollow:
        handles.append(
            Line2D(
                [], [], color="#222222", marker="o", markerfacecolor="white", lw=0, label=_plain(words.hollow)
            )
        )

    values = [p.fact.value for p in plan.points] or [0.0]
    # Counts start at zero: a cut axis turns a rise of a fifth into a doubling.
    low, high = min(0.0, min(values)), max(0.0, max(values))
    axes.set_ylim(low * 1.08, high * 1.08 if high else 1)
    axes.set_ylabel(_plain(words.unit))
    axes.yaxis.set_major_formatter(FuncFormatter(_tick))
    axes.grid(True, axis="y", alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    figure.legend(
        handles=handles,
        fontsize=7.5,
        ncol=2,
        loc="upper left",
        bbox_to_anchor=(0.012, (footer_in + legend_in) / height),
        frameon=False,
    )
    return figure


def _plain(text: str) -> str:
    """Text as matplotlib should print it: a dollar sign is a dollar, not the start of maths."""
    return text.replace("$", r"\$")


def _tick(value: float, _position: int) -> str:
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:g}"
