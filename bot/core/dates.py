"""Dates with a precision: a figure "for FY2024" is not a figure "on 30 September 2024".

A curated date is written as text whose shape gives its precision:
"2024-03-31" (day), "2024-03" (month), "2024-Q1" (quarter), "FY2024" (federal
fiscal year, 1 October to 30 September), "2024" (year), a stretch ("FY2011..FY2020")
and an undated figure with the day it was reported ("undated 2025-11-14": "at one
point", which sorts by that day but answers for no time asked). A `Period` is the
span such a text covers; answers always show the text's own precision.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MONTH_NAMES = [calendar.month_name[i] for i in range(13)]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"
    SPAN = "span"  # a stretch of time: asked ("Biden's term"), or a total's ("FY2011..FY2020")
    UNDATED = "undated"  # "at one point", as reported on a day: "undated 2025-11-14"


class DateFormatError(ValueError):
    """A curated or typed date is not one of the accepted shapes."""


@dataclass(frozen=True, order=True)
class Period:
    """A span of days, both ends included, and how it was written."""

    start: date
    end: date
    precision: Precision
    text: str

    @property
    def label(self) -> str:
        """How a person reads it: "31 March 2024", "March 2024", "FY2024"."""
        return period_label(self)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


_UNDATED_PREFIX = "undated "
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)
_FISCAL = re.compile(r"FY\s?(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})")


def parse_period(text: str | date) -> Period:
    """Read a curated date text. Raises DateFormatError for anything else."""
    if isinstance(text, date):
        text = text.isoformat()
    raw = str(text).strip()
    if raw.lower().startswith(_UNDATED_PREFIX):
        reported = parse_period(raw[len(_UNDATED_PREFIX) :])
        if reported.precision is not Precision.DAY:
            raise DateFormatError(f"{raw!r}: give the day an undated figure was reported: undated 2025-11-14")
        return Period(reported.start, reported.end, Precision.UNDATED, raw)
    if ".." in raw:
        # A total over a stretch of periods: "FY2011..FY2020", "2024-01..2024-04".
        first, _, last = (part.strip() for part in raw.partition(".."))
        start, end = parse_period(first), parse_period(last)
        if end.end <= start.start or Precision.SPAN in (start.precision, end.precision):
            raise DateFormatError(f"{raw!r} is not a stretch of time: one start, one later end")
        return Period(start.start, end.end, Precision.SPAN, raw)
    try:
        if m := _DAY.fullmatch(raw):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return Period(day, day, Precision.DAY, raw)
        if m := _MONTH.fullmatch(raw):
            return month_period(int(m[1]), int(m[2]), raw)
        if m := _QUARTER.fullmatch(raw):
            year, quarter = int(m[1]), int(m[2])
            start = date(year, 3 * quarter - 2, 1)
            return Period(start, _month_end(year, 3 * quarter), Precision.QUARTER, raw.upper())
        if m := _FISCAL.fullmatch(raw):
            return fiscal_year(int(m[1]))
        if m := _YEAR.fullmatch(raw):
            year = int(m[1])
            return Period(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, raw)
    except ValueError as error:
        raise DateFormatError(f"{raw!r} is not a real date ({error})") from None
    raise DateFormatError(
        f"{raw!r} is not a date (use 2024-03-31, 2024-03, 2024-Q1, FY2024, 2024, a stretch: FY2011..FY2020,"
        " or undated 2025-11-14)"
    )


def month_period(year: int, month: int, text: str | None = None) -> Period:
    return Period(
        date(year, month, 1), _month_end(year, month), Precision.MONTH, text or f"{year:04d}-{month:02d}"
    )


def fiscal_year(year: int) -> Period:
    """US federal fiscal year N: 1 October N-1 to 30 September N."""
    return Period(date(year - 1, 10, 1), date(year, 9, 30), Precision.FISCAL_YEAR, f"FY{year}")


def day_period(day: date) -> Period:
    return Period(day, day, Precision.DAY, day.isoformat())


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, str(year))


def span_period(start: date, end: date) -> Period:
    return Period(start, end, Precision.SPAN, f"{start.isoformat()}..{end.isoformat()}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_label(period: Period) -> str:
    match period.precision:
        case Precision.DAY:
            return day_label(period.start)
        case Precision.MONTH:
            return f"{MONTH_NAMES[period.start.month]} {period.start.year}"
        case Precision.QUARTER:
            return f"Q{(period.start.month - 1) // 3 + 1} {period.start.year}"
        case Precision.FISCAL_YEAR:
            return period.text
        case Precision.UNDATED:
            return f"at one point (reported on {day_label(period.start)})"
        case Precision.SPAN:  # each end as written: "FY2011 to FY2020", "1 October 2024 to 30 June 2025"
            return " to ".join(period_label(parse_period(part)) for part in period.text.split(".."))
        case _:
            return str(period.start.year)


def day_label(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.2425


def age_text(then: date, today: date) -> str:
    """How long ago, in words a person says: "2 years 8 months ago", "3 weeks ago"."""
    if then > today:
        return "in the future"
    months = (today.year - then.year) * 12 + today.month - then.month
    if today.day < then.day:
        months -= 1
    # Round to the nearest month: 2 years 7 months and 23 days reads as 2 years 8 months.
    anchor = add_months(then, months)
    if (today - anchor).days >= 15:
        months += 1
    if months <= 0:
        days = (today - then).days
        if days == 0:
            return "today"
        if days < 14:
            return f"{days} day{'s' * (days != 1)} ago"
        return f"{days // 7} weeks ago"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' * (years != 1)}")
    if rest:
        parts.append(f"{rest} month{'s' * (rest != 1)}")
    return " ".join(parts) + " ago"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), on the month's last day where it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
