"""Finding the times in a question: years, months, fiscal years, "now", named moments.

Input is folded text (see `text.fold`). Each time found is cut out of the text
so the words left over describe only the measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rapidfuzz import fuzz

from .dates import (
    MONTH_NAMES,
    Period,
    Precision,
    day_period,
    fiscal_year,
    month_period,
    year_period,
)
from .models import Moment


class Anchor(StrEnum):
    """Which part of a period the question is about."""

    ANY = "any"
    START = "start"
    END = "end"


@dataclass(frozen=True)
class TimeRef:
    """A time asked about: a period (possibly one day), or the latest figure."""

    text: str  # as it appeared in the question
    period: Period | None = None  # None means "the latest"
    anchor: Anchor = Anchor.ANY
    moment: Moment | None = None
    since: bool = False  # "since 2021": from then until now

    @property
    def latest(self) -> bool:
        return self.period is None

    @property
    def label(self) -> str:
        if self.period is None:
            return "the latest figure"
        if self.moment is not None:
            return f"{self.moment.label} ({self.period.label})"
        prefix = {Anchor.START: "the start of ", Anchor.END: "the end of "}.get(self.anchor, "")
        return prefix + self.period.label


MOMENT_MATCH_SCORE = 88  # partial-ratio score at which a moment's alias counts as named

_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ANCHOR_RE = r"(?:(?P<anchor>end|start|beginning|close|early|late|mid|middle)(?: of)? (?:the )?)?"
_YEAR_RE = r"(?P<year>19[5-9]\d|20\d\d)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_day", re.compile(r"\b(?P<year>\d{4}) (?P<month>\d{1,2}) (?P<day>\d{1,2})\b")),
    (
        "month_day_year",
        re.compile(rf"\b(?P<mname>{_MONTH_RE}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_YEAR_RE}\b"),
    ),
    (
        "day_month_year",
        re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mname>{_MONTH_RE}) {_YEAR_RE}\b"),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:q(?P<q>[1-4])|(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th) quarter)"
            rf"(?: of)? {_YEAR_RE}\b"
        ),
    ),
    (
        "fiscal",
        re.compile(r"\b" + _ANCHOR_RE + r"(?:fy|fiscal year|fiscal) ?(?P<fy>\d{4}|\d{2})\b"),
    ),
    ("month_year", re.compile(rf"\b{_ANCHOR_RE}(?P<mname>{_MONTH_RE})(?: of)? {_YEAR_RE}\b")),
    ("iso_month", re.compile(r"\b(?P<year>\d{4}) (?P<month>\d{1,2})\b(?! \d)")),
    ("relative", re.compile(r"\b(?P<rel>last|this|past|previous) (?P<unit>fiscal year|year|month)\b")),
    ("year", re.compile(rf"\b{_ANCHOR_RE}(?:calendar year |year )?{_YEAR_RE}\b(?! (?:cases|judges|people))")),
    (
        "latest",
        re.compile(
            r"\b(?:right now|now|latest|currently|current|today|at present|most recent|so far|to date)\b"
        ),
    ),
]


def find_times(text: str, moments: Iterable[Moment], today: date) -> tuple[list[TimeRef], str]:
    """Times in `text` in the order they appear, and the text without them."""
    found: list[tuple[int, TimeRef]] = []
    remaining = text
    for start, end, ref in _moment_refs(text, moments):
        found.append((start, ref))
        remaining = _blank(remaining, start, end)
    for kind, pattern in _PATTERNS:
        for match in list(pattern.finditer(remaining)):
            ref = _to_ref(kind, match, today)
            if ref is None:
                continue
            found.append((match.start(), ref))
            remaining = _blank(remaining, match.start(), match.end())
    found.sort(key=lambda pair: pair[0])
    return [ref for _, ref in found], " ".join(remaining.split())


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span with spaces, so later offsets still line up."""
    return text[:start] + " " * (end - start) + text[end:]


def _moment_refs(text: str, moments: Iterable[Moment]) -> list[tuple[int, int, TimeRef]]:
    best: dict[str, tuple[float, int, int, Moment]] = {}
    for moment in moments:
        for alias in moment.aliases:
            if len(alias) > len(text) + 4:
                continue
            alignment = fuzz.partial_ratio_alignment(alias, text, score_cutoff=MOMENT_MATCH_SCORE)
            if alignment is None:
                continue
            previous = best.get(moment.id)
            if previous is None or alignment.score > previous[0]:
                best[moment.id] = (alignment.score, alignment.dest_start, alignment.dest_end, moment)
    # Two moments may match the same words ("when biden took office" is close to
    # "when trump took office"): keep the better one for any overlapping span.
    chosen: list[tuple[float, int, int, Moment]] = []
    for candidate in sorted(best.values(), key=lambda c: (-c[0], -(c[2] - c[1]))):
        if all(candidate[2] <= c[1] or candidate[1] >= c[2] for c in chosen):
            chosen.append(candidate)
    return [(s, e, TimeRef(text[s:e].strip(), m.period, Anchor.ANY, m)) for _, s, e, m in chosen]


def _to_ref(kind: str, match: re.Match[str], today: date) -> TimeRef | None:
    groups = match.groupdict()
    text = match.group(0).strip()
    anchor = _anchor(groups.get("anchor"))
    try:
        if kind == "iso_day":
            return TimeRef(
                text, day_period(date(int(groups["year"]), int(groups["month"]), int(groups["day"])))
            )
        if kind in ("month_day_year", "day_month_year"):
            month = _MONTHS[groups["mname"]]
            return TimeRef(text, day_period(date(int(groups["year"]), month, int(groups["day"]))))
        if kind == "quarter":
            quarter = int(groups["q"]) if groups.get("q") else _ORDINALS[groups["qword"]]
            year = int(groups["year"])
            start = date(year, 3 * quarter - 2, 1)
            end = month_period(year, 3 * quarter).end
            return TimeRef(text, Period(start, end, Precision.QUARTER, f"{year}-Q{quarter}"))
        if kind == "fiscal":
            year = int(groups["fy"])
            year = year + 2000 if year < 100 else year
            return TimeRef(text, fiscal_year(year), anchor)
        if kind == "month_year":
            return TimeRef(text, month_period(int(groups["year"]), _MONTHS[groups["mname"]]), anchor)
        if kind == "iso_month":
            month = int(groups["month"])
            if not 1 <= month <= 12:
                return None
            return TimeRef(text, month_period(int(groups["year"]), month))
        if kind == "relative":
            return _relative(text, groups["rel"], groups["unit"], today)
        if kind == "year":
            return TimeRef(text, year_period(int(groups["year"])), anchor)
        if kind == "latest":
            return TimeRef(text)
    except ValueError:
        return None
    return None


def _anchor(word: str | None) -> Anchor:
    if word in ("end", "close", "late"):
        return Anchor.END
    if word in ("start", "beginning", "early"):
        return Anchor.START
    return Anchor.ANY


def _relative(text: str, rel: str, unit: str, today: date) -> TimeRef:
    back = 0 if rel == "this" else 1
    if unit == "year":
        return TimeRef(text, year_period(today.year - back))
    if unit == "fiscal year":
        current = today.year + 1 if today.month >= 10 else today.year
        return TimeRef(text, fiscal_year(current - back))
    month_index = today.year * 12 + today.month - 1 - back
    return TimeRef(text, month_period(month_index // 12, month_index % 12 + 1))
