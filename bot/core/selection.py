"""Choosing the figure for a time: which facts count as "at" that time, and which one to prefer.

Where sources disagree on one measure and time, the preferred figure is the one
a careful researcher would quote (never a low-confidence row; a reported figure
over a projection or a claim; a primary source over a repost; the closest date;
an exact figure over a rounded one; the newest version of a revised table), and
the others are kept so the answer can say that they differ.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import Period, Precision, fiscal_year, parse_period
from .models import Fact, KnowledgeBase, MeasureKind, Qualifier, Source, Status
from .timeparse import Anchor, TimeRef

# A figure this close to a day asked about answers for it, with its own date shown.
DAY_TOLERANCE = timedelta(days=16)
NEAREST_COUNT = 3

_STATUS_RANK = {Status.REPORTED: 0, Status.ESTIMATE: 1, Status.PROJECTION: 2, Status.CLAIM: 2}
_SPAN_ORDER = [
    Precision.DAY,
    Precision.MONTH,
    Precision.QUARTER,
    Precision.FISCAL_YEAR,
    Precision.YEAR,
    Precision.SPAN,
    Precision.UNDATED,
]


@dataclass
class Selection:
    """The figure chosen for a time, the figures that differ from it, and why."""

    preferred: Fact
    differing: list[Fact] = field(default_factory=list)
    also_reported_by: list[Fact] = field(default_factory=list)
    other_dates: list[Fact] = field(default_factory=list)  # other figures within the period asked
    # Newer figures passed over for the latest: a projection, a claim, or one known at low confidence.
    newer_less_certain: list[Fact] = field(default_factory=list)
    exact_time: bool = True  # False when the figure is the closest to a day asked, not on it

    @property
    def facts(self) -> list[Fact]:
        return [self.preferred, *self.differing, *self.also_reported_by, *self.other_dates]


class Series:
    """The facts of one measure, sorted by the end of their period, for fast look-ups by time."""

    def __init__(
        self,
        facts: list[Fact],
        published: dict[str, tuple[int, int]],
        primary: dict[str, bool],
        *,
        changes: bool = False,
    ) -> None:
        ordered = sorted(facts, key=lambda f: (f.period.end, f.id))
        # A total over several periods ("FY2011 to FY2020") answers only when just that stretch is
        # asked: it is no point of the series, nor its latest figure or its record. A change over a
        # stretch ("cut by 115,000 since 20 January 2025", to April) is also a point at its end.
        self._changes = changes
        self.totals = [f for f in ordered if f.period.precision is Precision.SPAN]
        self.facts = [f for f in ordered if changes or f.period.precision is not Precision.SPAN]
        self._ends = [f.period.end for f in self.facts]
        self._published = published
        self._primary = primary
        # "At one point": the latest figure or a record may be one, a figure for a time asked never is.
        undated = [f for f in self.facts if f.period.precision is Precision.UNDATED]
        dated = [f for f in ordered if f not in undated]
        self._dated = Series(dated, published, primary, changes=changes) if undated else None

    def __bool__(self) -> bool:
        """A series is there even when it holds only totals over spans, which `len` does not count:
        `series or other` must never drop "329,380 NTAs over Oct 2022-Jan 2023"."""
        return bool(self.facts or self.totals)

    def every_fact(self) -> list[Fact]:
        """Each fact once: the points and the totals over spans."""
        return list({f.id: f for f in (*self.facts, *self.totals)}.values())

    def __len__(self) -> int:
        return len(self.facts)

    def only(self, facts: list[Fact]) -> Series:
        """The same series narrowed to some of its facts (one country of a breakdown)."""
        return Series(facts, self._published, self._primary, changes=self._changes)

    def at(self, fact: Fact) -> Selection:
        """The selection of a fact already chosen: it and the other figures for just its period."""
        return self._selection([f for f in self.facts if f.period == fact.period] or [fact], fact.period.end)

    def _so_far(self, period: Period) -> Selection | None:
        begun = [f for f in self.totals if f.period.start == period.start and f.period.end <= period.end]
        if not begun:
            return None
        newest = max(f.period.end for f in begun)
        return self._selection([f for f in begun if f.period.end == newest], newest)

    def total(self, start: date, end: date) -> Selection | None:
        """The figure for exactly the stretch from `start` to `end`, a total over it."""
        exact = [f for f in self.totals if (f.period.start, f.period.end) == (start, end)]
        return self._selection(exact, end) if exact else None

    def between(self, start: date, end: date) -> list[Fact]:
        """Facts whose period ends within [start, end]."""
        return self.facts[bisect_left(self._ends, start) : bisect_right(self._ends, end)]

    def preference(self, fact: Fact, target: date | None = None) -> tuple:
        distance = abs((fact.period.end - target).days) if target else 0
        return (
            # A count reported, even one known only second-hand, before a projection of it.
            _STATUS_RANK[fact.status] > 1,
            fact.low_confidence,
            _STATUS_RANK[fact.status],
            not self._primary.get(fact.source, False),
            distance,
            fact.qualifier is not Qualifier.EXACT,
            # The best-dated source, then the newest: a repost dated only "2025" is not newer than one
            # of 14 November 2025 because its year ends later.
            self._published.get(fact.source, _UNDATED),
            fact.id,
        )

    def select(self, ref: TimeRef, kind: MeasureKind, *, earliest: bool = False) -> Selection | None:
        """The figure for a time, or None when no fact is at that time (see `nearest`)."""
        if ref.period is None:
            return self.latest()
        if self._dated is not None:
            return self._dated.select(ref, kind, earliest=earliest)
        period, anchor = ref.period, ref.anchor
        if period.precision is Precision.SPAN:
            if anchor is Anchor.ANY and (found := self.total(period.start, period.end)):
                return found
            # A term or "the past 12 months": the figure at its start or end, else the first or last in it.
            if anchor is Anchor.START:
                return self._at_day(period.start) or self._within(period, earliest=True)
            if anchor is Anchor.END:
                return self._at_day(period.end) or self._within(period, earliest=False)
            return self._within(period, earliest=earliest)
        if ref.to_date:
            # "So far in FY24": the newest figure in it, or a total kept from its start.
            return self._so_far(period) or self._within(period, earliest=False)
        if (
            kind in (MeasureKind.FLOW, MeasureKind.CHANGE)
            and anchor is Anchor.ANY
            and period.precision in _WHOLE
        ):
            whole = self._whole(period, kind)
            if whole is not None or any(f.period.precision is period.precision for f in self.facts):
                return whole
        if anchor is Anchor.ANY and period.precision is Precision.FISCAL_YEAR and kind is MeasureKind.STOCK:
            # A stock "in FY2024" is the level reported at the fiscal year's end.
            anchor = Anchor.END
        if anchor is not Anchor.ANY or period.precision is Precision.DAY:
            day = period.end if anchor is Anchor.END else period.start
            return self._at_day(day)
        return self._within(period, earliest=earliest)

    def _whole(self, period: Period, kind: MeasureKind) -> Selection | None:
        """A count over a whole period: a figure for exactly that period, never one for part of it.

        A calendar year the measure does not count by reads as its fiscal year ("completions in 2019");
        a change reported for the month a quarter ends in is that quarter's ("up 140,000 by Dec 2021").
        """
        exact = [f for f in self.between(period.end, period.end) if f.period.start == period.start]
        if not exact and kind is MeasureKind.CHANGE and period.precision is Precision.QUARTER:
            exact = [f for f in self.between(period.end, period.end) if f.period.precision is Precision.MONTH]
        if not exact and period.precision is Precision.YEAR:
            fiscal = fiscal_year(period.start.year)
            exact = [f for f in self.between(fiscal.end, fiscal.end) if f.period.start == fiscal.start]
        return self._selection(exact, period.end) if exact else None

    def latest(self) -> Selection | None:
        """The newest reported figure; projections and claims only when nothing else exists.

        "Newest" goes by the middle of a fact's period, so "2025" (some time that
        year) does not outrank "August 2025".
        """
        trusted = [f for f in self.facts if not f.low_confidence and _STATUS_RANK[f.status] < 2]
        pool = trusted or self.facts
        if not pool:
            return None
        newest = max(pool, key=lambda f: (_midpoint(f.period), -_span_rank(f.period)))
        selection = self._selection(
            [f for f in self.facts if _same_time(f.period, newest.period)], newest.period.end
        )
        selection.newer_less_certain = [
            f for f in self.facts if _midpoint(f.period) > _midpoint(newest.period)
        ]
        return selection

    def _at_day(self, day: date) -> Selection | None:
        def at_day(fact: Fact) -> bool:
            if fact.period.precision is Precision.DAY:
                return abs((fact.period.end - day).days) <= DAY_TOLERANCE.days
            if fact.period.precision is Precision.FISCAL_YEAR:
                return fact.period.end == day  # a level "in FY2019" is the level at its end
            # A month's level is as of its end: "end of february" answers for 13 March.
            return fact.period.precision is Precision.MONTH and (
                fact.period.contains(day) or abs((fact.period.end - day).days) <= DAY_TOLERANCE.days
            )

        group = [f for f in self.between(day - DAY_TOLERANCE, day + timedelta(days=31)) if at_day(f)]
        if not group:
            return None
        selection = self._selection(group, day)
        selection.exact_time = selection.preferred.period.contains(day)
        return selection

    def _within(self, period: Period, *, earliest: bool) -> Selection | None:
        # A change over a stretch is read at its end ("cut by 115,000 since January 20", in April).
        inside = [
            f
            for f in self.between(period.start, period.end)
            if f.period.start >= period.start or (self._changes and f.period.precision is Precision.SPAN)
        ]
        if not inside and period.precision is Precision.YEAR:
            # "One judge's completions in 2009": the figure kept for fiscal 2009, which ends in it.
            fiscal = fiscal_year(period.start.year)
            inside = [f for f in self.between(fiscal.end, fiscal.end) if f.period.start == fiscal.start]
        # "In 2017" means the figures dated within 2017, not one dated just "2017", unless that is all.
        finer = [f for f in inside if _span_rank(f.period) < max(_span_rank(period), _MONTH_RANK + 1)]
        pool = finer or inside
        if not pool:
            return None
        ranked = [f for f in pool if not f.low_confidence] or pool
        target = min(f.period.end for f in ranked) if earliest else max(f.period.end for f in ranked)
        group = [f for f in pool if _same_month(f.period.end, target)]
        selection = self._selection(group, target)
        chosen = {f.id for f in selection.facts}
        selection.other_dates = self._one_per_date([f for f in pool if f.id not in chosen])
        return selection

    def _selection(self, group: list[Fact], target: date) -> Selection:
        ordered = sorted(group, key=lambda f: self.preference(f, target))
        preferred = ordered[0]
        selection = Selection(preferred)
        for fact in ordered[1:]:
            same = fact.value == preferred.value and fact.qualifier == preferred.qualifier
            (selection.also_reported_by if same else selection.differing).append(fact)
        return selection

    def _one_per_date(self, facts: list[Fact]) -> list[Fact]:
        best: dict[date, Fact] = {}
        for fact in facts:
            current = best.get(fact.period.end)
            if current is None or self.preference(fact) < self.preference(current):
                best[fact.period.end] = fact
        return [best[d] for d in sorted(best)]

    def nearest(self, period: Period, count: int = NEAREST_COUNT) -> list[Fact]:
        """The closest figures before and after a period, one per date, closest first."""
        before = self._one_per_date(self.between(date.min, period.start - timedelta(days=1)))[-count:]
        after = self._one_per_date(self.between(period.end + timedelta(days=1), date.max))[:count]
        candidates = [f for f in before + after if not f.low_confidence] or before + after

        def distance(fact: Fact) -> int:
            end = fact.period.end
            return (period.start - end).days if end < period.start else (end - period.end).days

        return sorted(candidates, key=distance)[:count]

    def preferred_per_date(self) -> list[Fact]:
        """One figure per date, the preferred one: the series a chart or a trend shows."""
        groups: dict[date, list[Fact]] = {}
        for fact in self.facts:
            groups.setdefault(fact.period.end, []).append(fact)
        return [min(g, key=lambda f: self.preference(f, d)) for d, g in sorted(groups.items())]

    def first_reaching(self, threshold: float) -> tuple[Fact | None, Fact | None]:
        """The last figure below a threshold and the first at or above it (reported figures only).

        Every source's figure counts: "more than 800,000" from one source passes 800,000 on its date
        even where another source's figure for that date is lower."""
        below = None
        for fact in self.facts:
            if fact.status is not Status.REPORTED or fact.low_confidence:
                continue
            reached = fact.value > threshold or (
                fact.value == threshold
                and fact.qualifier in (Qualifier.EXACT, Qualifier.ABOUT, Qualifier.MORE_THAN)
            )
            if reached:
                return below, fact
            below = fact
        return below, None


def _span_rank(period: Period) -> int:
    return _SPAN_ORDER.index(period.precision)


_MONTH_RANK = _SPAN_ORDER.index(Precision.MONTH)
# Periods a count is kept over as a whole: a figure for part of one does not answer for it.
_WHOLE = (Precision.QUARTER, Precision.FISCAL_YEAR, Precision.YEAR)


def _midpoint(period: Period) -> date:
    return period.start + (period.end - period.start) / 2


def _same_time(a: Period, b: Period) -> bool:
    """Two periods that answer for the same time: equal, or a day and a month of the same month."""
    if a == b or (a.start, a.end) == (b.start, b.end):
        return True
    fine = _span_rank(a) <= _MONTH_RANK and _span_rank(b) <= _MONTH_RANK
    return fine and _same_month(a.end, b.end)


def _same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


_UNDATED = (len(_SPAN_ORDER), 0)


def _publication_rank(published: str | None) -> tuple[int, int]:
    """How well a source is dated (a day before a month before a year), then how recently."""
    if not published:
        return _UNDATED
    period = parse_period(published)
    return _SPAN_ORDER.index(period.precision), -period.end.toordinal()


def build_series(kb: KnowledgeBase) -> dict[str, Series]:
    """One series per measure (`kb` is one server's view: `KnowledgeBase.for_server`)."""
    published, primary = source_ranks(kb.sources.values())
    by_measure: dict[str, list[Fact]] = {m: [] for m in kb.measures}
    for fact in kb.facts.values():
        by_measure.setdefault(fact.measure, []).append(fact)
    return {
        measure: Series(facts, published, primary, changes=counts_changes(kb, measure))
        for measure, facts in by_measure.items()
    }


def counts_changes(kb: KnowledgeBase, measure: str) -> bool:
    """Whether a measure's series keeps its changes over stretches as points (a change measure's)."""
    return measure in kb.measures and kb.measures[measure].kind is MeasureKind.CHANGE


def source_ranks(sources: Iterable[Source]) -> tuple[dict[str, tuple[int, int]], dict[str, bool]]:
    """What a series ranks sources by: how recent their publication is, and whether primary."""
    sources = list(sources)
    return {s.id: _publication_rank(s.published) for s in sources}, {s.id: s.primary for s in sources}
