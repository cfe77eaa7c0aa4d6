"""`find_times` on its own: which times a question names, as periods, and what is left for the measure.

Through the engine these show only as the figure chosen; here a maintainer sees the period read.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dates import Precision
from bot.core.models import KnowledgeBase
from bot.core.normalise import normalise
from bot.core.timeparse import Anchor, TimeReading, find_times
from bot.core.vocabulary import load_vocabulary

TODAY = date(2026, 11, 23)
VOCABULARY = load_vocabulary()


@pytest.fixture
def times(kb: KnowledgeBase):
    def _times(question: str) -> TimeReading:
        return find_times(normalise(question, VOCABULARY), VOCABULARY, kb.moments.values(), TODAY)

    return _times


def spans(reading: TimeReading) -> list[tuple[str, str, str]]:
    return [
        (t.period.precision.value, t.period.start.isoformat(), t.period.end.isoformat())
        for t in reading.times
        if t.period is not None
    ]


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("backlog in march 2024", ("month", "2024-03-01", "2024-03-31")),
        ("backlog fy24", ("fiscal_year", "2023-10-01", "2024-09-30")),
        ("backlog in Q2 2023", ("quarter", "2023-04-01", "2023-06-30")),
        ("the first 11 months of FY2019", ("span", "2018-10-01", "2019-08-31")),
        # A fiscal year's quarters: October-December, January-March, April-June, July-September.
        ("new cases q1 fy2024", ("quarter", "2023-10-01", "2023-12-31")),
        ("new cases q2 fy2024", ("quarter", "2024-01-01", "2024-03-31")),
        ("new cases in the 3rd quarter of fiscal 2025", ("quarter", "2025-04-01", "2025-06-30")),
        ("backlog growth fy2019 q4", ("quarter", "2019-07-01", "2019-09-30")),
        # Through a fiscal quarter: the fiscal year from its start.
        ("completions thru the 3rd quarter of fiscal 2025", ("span", "2024-10-01", "2025-06-30")),
    ],
)
def test_a_named_period_is_read_with_its_precision(
    times, question: str, period: tuple[str, str, str]
) -> None:
    assert spans(times(question)) == [period]


def test_a_month_stays_a_month_and_is_not_widened_to_its_year(times) -> None:
    (ref,) = times("backlog in march 2024").times
    assert ref.period is not None and ref.period.precision is Precision.MONTH and ref.label == "March 2024"


def test_the_words_of_a_time_are_taken_out_of_what_names_the_measure(times) -> None:
    assert times("backlog in march 2024").without_times().split() == ["backlog", "in"]


def test_now_in_chat_speak_is_the_latest_figure(times) -> None:
    (ref,) = times("whats the backlog rn").times
    assert ref.latest and ref.label == "the latest figure"


def test_no_time_named_is_no_time_at_all(times) -> None:
    assert times("the court backlog").times == []


def test_two_years_are_two_times_in_the_order_asked(times) -> None:
    assert spans(times("compare 2024 and 2017")) == [
        ("year", "2024-01-01", "2024-12-31"),
        ("year", "2017-01-01", "2017-12-31"),
    ]


def test_the_past_year_reaches_back_from_today(times) -> None:
    (ref,) = times("how much did it grow in the past year").times
    assert ref.trailing and ref.period is not None
    assert (ref.period.start, ref.period.end) == (date(2025, 11, 23), TODAY)


def test_since_and_so_far_are_kept_on_the_time(times) -> None:
    (since,) = times("growth since 2021").times
    (so_far,) = times("completions so far in fy24").times
    assert since.since and not since.to_date
    assert so_far.to_date and so_far.label == "FY2024 so far"


def test_a_named_moment_is_its_day(times) -> None:
    (ref,) = times("the backlog when biden took office").times
    assert (
        ref.period is not None
        and ref.period.start == date(2021, 1, 20)
        and ref.period.precision is Precision.DAY
    )


def test_a_year_before_another_time_is_that_time_shifted(times) -> None:
    assert spans(times("a year before march 2024")) == [
        ("month", "2023-03-01", "2023-03-31"),
        ("month", "2024-03-01", "2024-03-31"),
    ]


def test_the_start_or_end_of_a_period_is_its_anchor(times) -> None:
    (start,) = times("backlog at the start of 2021").times
    (end,) = times("backlog at the end of 2023").times
    assert start.anchor is Anchor.START and end.anchor is Anchor.END


def test_a_half_of_a_year_is_its_six_months_and_ends_where_asked(times) -> None:
    reading = times("backlog change from the end of the first half of 2022 (june) to dec 2022?")
    assert spans(reading) == [("span", "2022-01-01", "2022-06-30"), ("month", "2022-12-01", "2022-12-31")]
    assert reading.times[0].anchor is Anchor.END
    assert spans(times("new cases in the second half of 2023")) == [("span", "2023-07-01", "2023-12-31")]


def test_early_or_late_in_a_year_is_its_first_or_last_four_months(times) -> None:
    assert spans(times("backlog early 2026")) == [("span", "2026-01-01", "2026-04-30")]
    assert spans(times("backlog late fy2023")) == [("span", "2023-06-01", "2023-09-30")]
    (start,) = times("backlog at the start of 2021").times
    assert start.anchor is Anchor.START  # the start is still its first day


def test_parts_and_halves_of_a_year_are_named_as_asked(times) -> None:
    (early,) = times("ice docket early 2024").times
    (half,) = times("backlog in the second half of 2019").times
    assert early.label == "early 2024 (1 January 2024 to 30 April 2024)"
    assert half.label == "the second half of 2019 (1 July 2019 to 31 December 2019)"
