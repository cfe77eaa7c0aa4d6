"""Comparisons carry qualifiers through: a bound on an input is a bound on the result."""

from bot.core.compare import compare, result_qualifier
from bot.core.models import Fact, Qualifier, Status


def fact(value: float, when: str, qualifier: Qualifier = Qualifier.EXACT, fact_id: int = 1) -> Fact:
    return Fact(fact_id, "m", value, when, qualifier, Status.REPORTED, "s", f"{value}")


def test_growth_against_fewer_than_is_more_than() -> None:
    result = compare(fact(570_000, "2017-01-20", Qualifier.FEWER_THAN), fact(3_524_051, "2024-03-31"))
    assert result.ratio.qualifier is Qualifier.MORE_THAN
    assert round(result.ratio.value, 1) == 6.2
    assert result.difference.value == 3_524_051 - 570_000
    assert result.annual_growth is not None and result.years > 7


def test_inputs_in_either_order_compare_earlier_to_later() -> None:
    result = compare(fact(3_524_051, "2024-03-31"), fact(542_411, "2017-01-20"))
    assert result.earlier.value == 542_411
    assert round(result.ratio.value, 2) == 6.5


def test_bounds_pushing_opposite_ways_leave_only_an_approximation() -> None:
    assert result_qualifier(Qualifier.MORE_THAN, Qualifier.MORE_THAN) is Qualifier.ABOUT
    assert result_qualifier(Qualifier.EXACT, Qualifier.NEARLY) is Qualifier.FEWER_THAN
    assert result_qualifier(Qualifier.ABOUT, Qualifier.EXACT) is Qualifier.ABOUT
    assert result_qualifier(Qualifier.EXACT, Qualifier.EXACT) is Qualifier.EXACT


def test_no_annual_growth_over_less_than_a_year() -> None:
    result = compare(fact(3_000_000, "2023-11"), fact(3_524_051, "2024-03-31"))
    assert result.annual_growth is None


def test_a_rounded_end_makes_the_difference_no_finer_than_its_rounding() -> None:
    about_four_million = fact(4_000_000, "2025-01", Qualifier.ABOUT)
    result = compare(about_four_million, fact(3_797_662, "2025-06"))
    assert result.difference.step == 1_000_000 and result.percent_change.step == 12.5
    # Counted ends keep every digit; a news report's "3,400,000 (3.4 million)" is a rounded one.
    assert compare(fact(542_411, "2017-01"), fact(3_716_106, "2024-09")).difference.step == 0
    rounded = compare(fact(3_716_106, "2024-09"), fact(3_400_000, "2025-08"))
    assert rounded.difference.step == 100_000 and rounded.difference.qualifier is Qualifier.ABOUT
    # A small count stated exactly is a count: 700 judges against 735.
    assert compare(fact(700, "2024-01"), fact(735, "2025-01")).difference.step == 0


def test_a_change_finer_than_a_rounded_end_is_not_printed_to_the_unit(ask) -> None:
    _, text = ask("backlog now vs when trump came back")
    assert "202,338" not in text and "−5.1%" not in text
    assert "Difference: too small to tell from a figure rounded to 1,000,000" in text
