"""The trend chart as a reader sees it: every fact drawn, where it belongs, with marks that mean something.

Each test draws the real chart of a real measure of the curated base with
matplotlib and reads the figure back: the marks drawn, the axis, the legend and
the words at the foot.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

import pytest
from matplotlib import pyplot as plt
from matplotlib.collections import PathCollection
from matplotlib.dates import num2date

from bot.core.chart import MAX_JOINED_GAP, ChartPlan, Mark, chart_plan, draw_figure
from bot.core.engine import AnswerEngine
from bot.core.models import Fact, KnowledgeBase
from bot.core.render import Renderer

EOIR = "immigration_court_pending_cases"
TRAC = "immigration_court_pending_cases_trac"
ICE = "ice_non_detained_docket"


def plan_of(engine: AnswerEngine, measure: str) -> ChartPlan:
    series = engine.series(measure)
    return chart_plan(engine.kb.measures[measure], series.facts + series.totals, engine.kb)


@pytest.fixture
def drawn(engine: AnswerEngine, renderer: Renderer) -> Iterator:
    """Draw a measure's chart; get its plan, its words and its matplotlib figure (closed afterwards)."""
    figures = []

    def draw(measure: str):
        plan = plan_of(engine, measure)
        words = renderer.chart_words(plan)
        figure = draw_figure(plan, words)
        figures.append(figure)
        return plan, words, figure

    yield draw
    for figure in figures:
        plt.close(figure)


def marks_drawn(figure) -> list[tuple[date, float, str]]:
    """Every mark on the plot: its date, its value, and whether it is hollow or solid."""
    axes = figure.axes[0]
    found = []
    for collection in axes.collections:
        if isinstance(collection, PathCollection):
            faces = collection.get_facecolors()
            for (x, y), face in zip(collection.get_offsets(), faces, strict=True):
                hollow = tuple(face[:3]) == (1, 1, 1)
                found.append((num2date(x).date(), float(y), "hollow" if hollow else "solid"))
    return found


def facts_of(kb: KnowledgeBase, measure: str) -> list[Fact]:
    return [f for f in kb.facts.values() if f.measure == measure]


@pytest.mark.parametrize("measure", [EOIR, TRAC, ICE])
def test_every_fact_is_a_mark_on_the_chart(drawn, kb, measure) -> None:
    _, _, figure = drawn(measure)
    drawn_values = sorted(y for _, y, _ in marks_drawn(figure))
    assert drawn_values == sorted(f.value for f in facts_of(kb, measure))


def test_a_source_with_exactly_two_facts_keeps_both(drawn, kb) -> None:
    # EOIR's strategic plan gives two figures: about 170,000 (FY2006) and about 2.46 million (FY2023).
    _, _, figure = drawn(EOIR)
    two = [f for f in facts_of(kb, EOIR) if f.source == "eoir-strategic-plan-operating-environment"]
    assert len(two) == 2
    values = {y for _, y, _ in marks_drawn(figure)}
    assert {170_000.0, 2_460_000.0} <= values


def test_a_years_figure_sits_at_the_middle_of_its_year_and_spans_it(drawn, kb) -> None:
    plan, _, figure = drawn(EOIR)
    (law360,) = [p for p in plan.points if p.fact.id == 194]  # 262,000 cases in "2010"
    assert law360.fact.date == "2010"
    assert law360.x == date(2010, 7, 2) and law360.span == (date(2010, 1, 1), date(2010, 12, 31))
    assert (date(2010, 7, 2), 262_000.0) in {(x, y) for x, y, _ in marks_drawn(figure)}


def test_a_fiscal_years_figure_sits_at_the_middle_of_the_fiscal_year(engine) -> None:
    plan = plan_of(engine, "dhs_case_referrals_to_eoir")
    (fy2016,) = [p for p in plan.points if p.fact.date == "FY2016"]
    assert fy2016.x == date(2016, 3, 31)  # 1 October 2015 to 30 September 2016: not its end, nor 31 December
    assert fy2016.span == (date(2015, 10, 1), date(2016, 9, 30))


@pytest.mark.parametrize("measure", [EOIR, TRAC, ICE])
def test_the_count_axis_starts_at_zero(drawn, measure) -> None:
    plan, _, figure = drawn(measure)
    assert min(p.fact.value for p in plan.points) > 100_000  # the chart would start far above zero
    assert figure.axes[0].get_ylim()[0] == 0


def test_bounds_are_triangles_and_projections_hollow(drawn) -> None:
    plan, words, figure = drawn(ICE)
    by_id = {p.fact.id: p for p in plan.points}
    assert by_id[63].mark is Mark.MORE_THAN  # more than 6.2 million (FY2023)
    assert by_id[21].mark is Mark.FEWER_THAN  # just under 3.7 million
    assert by_id[59].mark is Mark.POINT
    assert by_id[16].hollow and not by_id[15].hollow  # the 8 million projection against a count
    assert (date(2024, 9, 30), 8_000_000.0, "hollow") in marks_drawn(figure)
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert words.marks[Mark.MORE_THAN] in legend and words.marks[Mark.FEWER_THAN] in legend
    assert words.hollow in legend


def test_a_line_joins_only_close_counts_of_one_source(engine) -> None:
    for measure in (EOIR, TRAC, ICE):
        for series in plan_of(engine, measure).series:
            for run in series.lines:
                assert len({p.fact.source for p in run}) == 1, "a line never joins two sources"
                assert all(p.mark is Mark.POINT for p in run), "a bound is no measured point"
                for a, b in pairwise(run):
                    assert 0 < (b.x - a.x).days <= MAX_JOINED_GAP.days, "points years apart are not joined"
    # Breitbart's TRAC figures (2017, 2021, 2023, 2024) are years apart: no line at all.
    breitbart = [s for s in plan_of(engine, TRAC).series if s.publisher == "Breitbart News"]
    assert breitbart and not breitbart[0].lines


def test_versions_of_eoirs_revised_table_are_separate_series(drawn) -> None:
    plan, _, figure = drawn(EOIR)
    versions = [s for s in plan.series if s.version is not None]
    published = {s.version.published for s in versions}
    assert {"2021-04-19", "2025-07-31"} <= published
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert any("19 April 2021" in label for label in legend)
    assert any("31 July 2025" in label for label in legend)
    for series in versions:
        assert all(len({p.fact.source for p in run}) == 1 for run in series.lines)


def test_trac_s_active_backlog_years_are_shaded_and_never_joined_across(drawn) -> None:
    plan, words, figure = drawn(TRAC)
    (change,) = plan.method_changes
    start, end = change.period.start, change.period.end
    assert (start, end) == (date(2018, 1, 1), date(2021, 6, 30))
    for series in plan.series:
        for run in series.lines:
            inside = {start <= p.x <= end for p in run}
            assert len(inside) == 1, "a line crosses the change in how TRAC counts"
    assert any("active backlog" in line for line in words.footer)
    assert figure.axes[0].patches, "the stretch counted another way is shaded"


def test_the_unit_is_the_measures(drawn) -> None:
    _, _, ice = drawn(ICE)
    _, _, eoir = drawn(EOIR)
    assert ice.axes[0].get_ylabel() == "People"  # ICE counts people, not cases
    assert eoir.axes[0].get_ylabel() == "Cases"


@pytest.mark.parametrize("measure", [EOIR, TRAC, ICE])
def test_every_point_is_attributed_in_the_legend_or_the_source_line(drawn, measure) -> None:
    plan, words, figure = drawn(measure)
    legend = " ".join(t.get_text() for t in figure.legends[0].get_texts())
    foot = " ".join(words.footer)
    for point in plan.points:
        publisher = plan_publisher(plan, point)
        assert publisher in legend or publisher in foot, publisher
    texts = [t.get_text() for t in figure.texts]
    assert words.title in texts and any(t.startswith("Source: ") for t in texts)
    # The subtitle says what is measured, in the measure's own words.
    assert words.subtitle.startswith(plan.measure.definition[:40])
    assert any(t.startswith(" ".join(words.subtitle.split()[:5])) for t in texts)


def plan_publisher(plan: ChartPlan, point) -> str:
    (series,) = [s for s in plan.series if point in s.points]
    return series.publisher


def test_the_foot_says_how_to_get_every_figure(renderer, engine) -> None:
    plan = plan_of(engine, TRAC)
    words = renderer.chart_words(plan)
    assert f"{len(plan.points)} figures drawn" in words.footer[-1]
    assert f"backlog series {TRAC}" in words.footer[-1]
