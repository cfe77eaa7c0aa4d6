"""The trend chart: a PNG a person can read, one line per source that counts its own way.

matplotlib is imported on first use only (with the Agg backend: no screen), so
starting the bot and answering text questions never pay for it.
"""

from __future__ import annotations

import io
from collections import defaultdict

from ...core.models import Fact, KnowledgeBase, Measure, Status

MIN_POINTS_FOR_A_LINE = 3  # two points years apart would draw a trend nobody measured


def series_by_source(facts: list[Fact]) -> tuple[dict[str, list[Fact]], list[Fact]]:
    """Lines (one per source with several points) and the single points of other sources.

    A source counts its own way (EOIR's 2021 table against its 2025 revision, TRAC
    against EOIR): joining them into one line would draw a jump that never happened.
    """
    by_source: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if not fact.low_confidence and fact.status in (Status.REPORTED, Status.ESTIMATE):
            by_source[fact.source].append(fact)
    lines = {
        s: sorted(f, key=lambda f: f.period.end)
        for s, f in by_source.items()
        if len(f) >= MIN_POINTS_FOR_A_LINE
    }
    singles = sorted((f[0] for s, f in by_source.items() if s not in lines), key=lambda f: f.period.end)
    return lines, singles


def trend_png(measure: Measure, facts: list[Fact], kb: KnowledgeBase) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    lines, singles = series_by_source(facts)
    figure, axes = plt.subplots(figsize=(9, 5), dpi=110)
    for source_id, points in lines.items():
        source = kb.sources[source_id]
        label = f"{source.publisher} ({source.published or 'undated'})"
        axes.plot(
            [f.period.end for f in points],
            [f.value for f in points],
            marker="o",
            linewidth=2,
            label=label[:70],
        )
    if singles:
        axes.scatter(
            [f.period.end for f in singles],
            [f.value for f in singles],
            color="grey",
            zorder=3,
            label="single figures from other sources",
        )
    axes.set_title(measure.label, fontsize=13)
    axes.set_ylabel(kb.units[measure.unit].plural if measure.unit in kb.units else measure.unit)
    axes.yaxis.set_major_formatter(FuncFormatter(_tick))
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=8, loc="upper left")
    figure.text(
        0.01,
        0.01,
        "Each point is a sourced fact; sources are listed with the chart.",
        fontsize=8,
        color="grey",
    )
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def _tick(value: float, _position: int) -> str:
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f}M"
    if abs(value) >= 1e3:
        return f"{value / 1e3:.0f}k"
    return f"{value:g}"
