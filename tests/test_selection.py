"""`Series` and `Selection` on hand-made facts: which figure is quoted for a time, and which are kept.

The end-to-end tests show this through answers; these say the rules a maintainer changes
selection against, each on the smallest series that shows it.
"""

from __future__ import annotations

from datetime import date

from bot.core.dates import parse_period
from bot.core.models import Fact, MeasureKind, Qualifier, Source, SourceKind, Status
from bot.core.selection import Series, source_ranks
from bot.core.timeparse import Anchor, TimeRef

SOURCES = [
    Source("trac", "TRAC", "Backlog report", SourceKind.RESEARCH_ORGANISATION, True, published="2024-12-10"),
    Source("repost", "A newspaper", "Backlog grows", SourceKind.REPOST, False, published="2024-12-12"),
    Source("blog", "A blog", "Numbers", SourceKind.NEWS_REPORT, False, published="2024"),
]


def fact(
    id: int,
    value: float,
    when: str,
    source: str = "trac",
    *,
    status: Status = Status.REPORTED,
    qualifier: Qualifier = Qualifier.EXACT,
    low_confidence: bool = False,
) -> Fact:
    return Fact(
        id, "backlog", value, when, qualifier, status, source, f"{value}", low_confidence=low_confidence
    )


def series(*facts: Fact) -> Series:
    return Series(list(facts), *source_ranks(SOURCES))


def at(text: str, anchor: Anchor = Anchor.ANY, **kwargs: bool) -> TimeRef:
    return TimeRef(text, parse_period(text), anchor, **kwargs)


def test_a_primary_source_is_quoted_over_a_repost_and_a_different_figure_is_kept() -> None:
    chosen = series(fact(1, 3_700_000, "2024-11", "repost"), fact(2, 3_718_000, "2024-11")).select(
        at("2024-11"), MeasureKind.STOCK
    )
    assert chosen is not None
    assert chosen.preferred.id == 2
    assert [f.id for f in chosen.differing] == [1]


def test_the_same_figure_from_another_source_is_also_reported_not_differing() -> None:
    chosen = series(fact(1, 3_718_000, "2024-11", "repost"), fact(2, 3_718_000, "2024-11")).select(
        at("2024-11"), MeasureKind.STOCK
    )
    assert chosen is not None and chosen.preferred.id == 2
    assert [f.id for f in chosen.also_reported_by] == [1] and chosen.differing == []


def test_a_low_confidence_figure_is_never_preferred_while_another_exists() -> None:
    chosen = series(fact(1, 4_000_000, "2024-11", low_confidence=True), fact(2, 3_700_000, "2024-11", "blog"))
    selection = chosen.select(at("2024-11"), MeasureKind.STOCK)
    assert selection is not None and selection.preferred.id == 2


def test_the_latest_figure_is_a_reported_one_not_a_later_projection() -> None:
    chosen = series(fact(1, 3_400_000, "2024-06"), fact(2, 5_000_000, "2027", status=Status.PROJECTION))
    latest = chosen.latest()
    assert latest is not None and latest.preferred.id == 1


def test_a_projection_is_the_latest_only_when_nothing_else_exists() -> None:
    latest = series(fact(2, 5_000_000, "2027", status=Status.PROJECTION)).latest()
    assert latest is not None and latest.preferred.id == 2


def test_a_day_asked_is_answered_by_a_figure_within_sixteen_days_saying_it_is_not_on_it() -> None:
    figures = series(fact(1, 542_411, "2017-01-20"))
    near = figures.select(at("2017-01-31"), MeasureKind.STOCK)
    assert near is not None and near.preferred.id == 1 and not near.exact_time
    assert figures.select(at("2017-03-01"), MeasureKind.STOCK) is None


def test_a_stock_in_a_fiscal_year_is_its_level_at_the_years_end() -> None:
    figures = series(fact(1, 3_000_000, "2023-12"), fact(2, 3_600_000, "2024-09-30"))
    chosen = figures.select(at("FY2024"), MeasureKind.STOCK)
    assert chosen is not None and chosen.preferred.id == 2


def test_a_flow_over_a_year_is_never_answered_by_a_part_of_it() -> None:
    """Completions in FY2024 are the year's count; a quarter's is no answer for the year."""
    figures = series(fact(1, 100_000, "2024-Q1"), fact(2, 500_000, "FY2023"))
    assert figures.select(at("FY2024"), MeasureKind.FLOW) is None


def test_a_total_over_a_stretch_answers_only_that_stretch_and_is_no_point_of_the_series() -> None:
    figures = series(fact(1, 900_000, "FY2011..FY2020"), fact(2, 80_000, "FY2020"))
    assert [f.id for f in figures.facts] == [2] and [f.id for f in figures.totals] == [1]
    stretch = figures.select(at("FY2011..FY2020"), MeasureKind.FLOW)
    assert stretch is not None and stretch.preferred.id == 1
    latest = figures.latest()
    assert latest is not None and latest.preferred.id == 2


def test_nearest_offers_the_closest_figures_either_side_closest_first() -> None:
    """What "no figure for 2022" offers instead."""
    figures = series(fact(1, 1, "2019-01"), fact(2, 2, "2021-06"), fact(3, 3, "2024-01"))
    assert [f.id for f in figures.nearest(parse_period("2022"))] == [2, 3, 1]


def test_first_reaching_a_threshold_counts_more_than_as_reaching_it() -> None:
    figures = series(
        fact(1, 2_900_000, "2023-01"),
        fact(2, 3_000_000, "2023-06", qualifier=Qualifier.MORE_THAN),
        fact(3, 3_200_000, "2023-09"),
    )
    below, reached = figures.first_reaching(3_000_000)
    assert (below.id if below else None, reached.id if reached else None) == (1, 2)
    assert figures.first_reaching(9_000_000) == (figures.facts[-1], None)


def test_between_is_by_the_end_of_each_period() -> None:
    figures = series(fact(1, 1, "2023"), fact(2, 2, "2024-03"))
    assert [f.id for f in figures.between(date(2023, 12, 31), date(2024, 1, 31))] == [1]
