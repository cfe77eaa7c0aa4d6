"""Comparisons of two figures, with the qualifiers carried through.

Against "fewer than 570,000" in 2017, 3,524,051 in 2024 is "more than 6.2×":
a bound on an input becomes a bound on the result, in the direction the
arithmetic takes it. Pure functions of plain numbers; rendering is elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import years_between
from .models import Fact, Qualifier

# One-sided qualifiers: the true value is above (+1) or below (-1) the stated one.
_DIRECTION = {Qualifier.MORE_THAN: 1, Qualifier.FEWER_THAN: -1, Qualifier.NEARLY: -1}
# A compound growth rate over less than this many years says little.
MIN_YEARS_FOR_ANNUAL_GROWTH = 1.0


@dataclass(frozen=True)
class Bounded:
    """A computed number and what is known of the true value: exact, above, below or roughly."""

    value: float
    qualifier: Qualifier
    # The rounding of a rounded input ("about 4 million": a million): a result is no finer than that.
    step: float = 0.0


@dataclass(frozen=True)
class Comparison:
    earlier: Fact
    later: Fact
    difference: Bounded
    ratio: Bounded | None
    percent_change: Bounded | None
    annual_growth: Bounded | None  # compound, percent a year
    years: float


def result_qualifier(earlier: Qualifier, later: Qualifier) -> Qualifier:
    """The qualifier of a result that grows with `later` and shrinks with `earlier`.

    Each one-sided input pushes the true result one way; agreeing pushes give a
    bound, disagreeing ones or any "about" leave only an approximation.
    """
    pushes = set()
    if earlier in _DIRECTION:
        pushes.add(-_DIRECTION[earlier])
    if later in _DIRECTION:
        pushes.add(_DIRECTION[later])
    if Qualifier.ABOUT in (earlier, later) or len(pushes) > 1:
        return Qualifier.ABOUT
    if pushes == {1}:
        return Qualifier.MORE_THAN
    if pushes == {-1}:
        return Qualifier.FEWER_THAN
    return Qualifier.EXACT


def compare(earlier: Fact, later: Fact) -> Comparison:
    """Difference, ratio, percent change and (over a year or more) compound annual growth."""
    if later.period.end < earlier.period.end:
        earlier, later = later, earlier
    qualifier = result_qualifier(earlier.qualifier, later.qualifier)
    if qualifier is Qualifier.EXACT and (rounding(earlier) or rounding(later)):
        qualifier = Qualifier.ABOUT  # "3,400,000 (3.4 million)" against 3,716,106: about 300,000
    years = years_between(earlier.period.end, later.period.end)
    ratio = percent = annual = None
    if earlier.value > 0:
        ratio_value = later.value / earlier.value
        ratio = Bounded(ratio_value, qualifier)
        # How far a rounded end may be off, as a share of it: the percent change is no finer.
        slack = max(rounding(f) / 2 / f.value if f.value else 0.0 for f in (earlier, later))
        percent = Bounded((ratio_value - 1) * 100, qualifier, slack * 100)
        if years >= MIN_YEARS_FOR_ANNUAL_GROWTH and later.value > 0:
            annual = Bounded((ratio_value ** (1 / years) - 1) * 100, qualifier)
    return Comparison(
        earlier=earlier,
        later=later,
        difference=Bounded(later.value - earlier.value, qualifier, max(rounding(earlier), rounding(later))),
        ratio=ratio,
        percent_change=percent,
        annual_growth=annual,
        years=years,
    )


def rounding(fact: Fact) -> float:
    """The step a rounded figure was rounded to, read from its digits: "about 4,000,000" is to the
    million, "7,400,000 (7.4 million)" to the hundred thousand. A figure stated as exact is taken as
    rounded only when it ends in four zeros or more ("3,400,000 (3.4 million)" in a news report):
    a count of 700 judges is a count."""
    if fact.value != int(fact.value) or not fact.value:
        return 0.0
    step, whole = 1, int(abs(fact.value))
    while whole % (step * 10) == 0:
        step *= 10
    if fact.qualifier is Qualifier.EXACT and step < _ROUND_LOOKING:
        return 0.0
    return float(step) if step > 1 else 0.0


# An "exact" figure ending in this many zeros is a rounded one: one true count in ten thousand does.
_ROUND_LOOKING = 10_000


def divide(numerator: Fact, denominator: Fact) -> Bounded:
    """A derived figure: numerator / denominator, bounded like a ratio."""
    qualifier = result_qualifier(denominator.qualifier, numerator.qualifier)
    return Bounded(numerator.value / denominator.value, qualifier)
