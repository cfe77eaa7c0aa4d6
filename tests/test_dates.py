from datetime import date

import pytest

from bot.core.dates import DateFormatError, Precision, age_text, parse_period


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "label"),
    [
        ("2024-03-31", Precision.DAY, date(2024, 3, 31), date(2024, 3, 31), "31 March 2024"),
        ("2024-03", Precision.MONTH, date(2024, 3, 1), date(2024, 3, 31), "March 2024"),
        ("2024-Q2", Precision.QUARTER, date(2024, 4, 1), date(2024, 6, 30), "Q2 2024"),
        ("FY2024", Precision.FISCAL_YEAR, date(2023, 10, 1), date(2024, 9, 30), "FY2024"),
        ("2017", Precision.YEAR, date(2017, 1, 1), date(2017, 12, 31), "2017"),
    ],
)
def test_a_date_keeps_its_precision(text, precision, start, end, label) -> None:
    period = parse_period(text)
    assert (period.precision, period.start, period.end, period.label) == (precision, start, end, label)


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "March 2024", "FY24x", ""])
def test_rejects_dates_of_no_known_shape(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_period(text)


def test_age_reads_like_a_person_says_it() -> None:
    today = date(2026, 11, 23)
    assert age_text(date(2024, 3, 31), today) == "2 years 8 months ago"
    assert age_text(date(2026, 11, 20), today) == "3 days ago"
    assert age_text(date(2025, 11, 23), today) == "1 year ago"
