"""Finding the times in a question: dates, fiscal years, spans, "now", and named moments and terms.

Input is normalised text (`normalise.normalise`). The words come from the language's
`Vocabulary`: month names, "end of", "so far in", "the past 12 months", and the names
and moment words that turn "the day biden got inaugurated", "start of trump's second
term" or "under obama" into a date or a span. Each time found is cut out of the text,
so the words left over describe the measure and the kind of answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from .dates import (
    Period,
    Precision,
    add_months,
    day_period,
    fiscal_year,
    month_period,
    span_period,
    year_period,
)
from .models import Moment
from .vocabulary import Vocabulary, alternation


class Anchor(StrEnum):
    """Which part of a period the question is about."""

    ANY = "any"
    START = "start"
    END = "end"


@dataclass(frozen=True)
class TimeRef:
    """A time asked about: a period (possibly one day, or a span such as a term), or the latest figure."""

    text: str  # as it appeared in the question
    period: Period | None = None  # None means "the latest"
    anchor: Anchor = Anchor.ANY
    moment: Moment | None = None
    since: bool = False  # "since 2021": from then until now
    to_date: bool = False  # "so far in FY24": the newest figure within the period, not "now"
    label_text: str | None = None  # how to name a span in an answer ("Biden's term")
    trailing: bool = False  # a stretch reaching back from its end: "the past year", "the last 12 months"

    @property
    def latest(self) -> bool:
        return self.period is None

    @property
    def label(self) -> str:
        if self.period is None:
            return "the latest figure"
        if self.label_text:
            return f"{self.label_text} ({self.period.label})"
        if self.moment is not None:
            return f"{self.moment.label} ({self.period.label})"
        prefix = {Anchor.START: "the start of ", Anchor.END: "the end of "}.get(self.anchor, "")
        suffix = " so far" if self.to_date else ""
        return prefix + self.period.label + suffix


@dataclass
class TimeReading:
    """The times of a text, in order, and what is left of the text."""

    times: list[TimeRef] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where each time was, in the text
    unclear: list[str] = field(default_factory=list)  # time words it could not resolve ("under trump?")
    text: str = ""

    def without_times(self, placeholder: str = "") -> str:
        """The text with every time cut out, or replaced by `placeholder`."""
        out, last = [], 0
        for start, end in sorted(self.spans):
            out.append(self.text[last:start])
            if placeholder:
                out.append(f" {placeholder} ")
            last = max(last, end)
        out.append(self.text[last:])
        return " ".join("".join(out).split())


YEAR_RE = r"(?P<year>19[5-9]\d|20\d\d)"
# Words after a number that make it a count, not a year ("2000 cases").
_COUNT_WORDS = (
    r"cases|case|judges|people|migrants|immigrants|officers|applications|orders|new|more|percent|"
    r"per (?:judge|month|year|officer|day|week|case|person)|"
    r"million|thousand|billion|days|pending|backlog"
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MOMENT_WINDOW = 6  # words either side of a name in which its moment words are looked for
_THROUGH_REACH = 3  # words between a fiscal year and "through <month>" that still read as one time
_OWN_PRONOUN_REACH = 12  # characters after a name within which its own "his" continues its moment


@dataclass(frozen=True)
class _Patterns:
    ordered: tuple[tuple[str, re.Pattern[str]], ...]
    latest: re.Pattern[str]
    names: re.Pattern[str] | None
    pronouns: re.Pattern[str] | None
    name_of: dict[str, str]
    word_res: dict[str, re.Pattern[str]]
    since: re.Pattern[str]
    since_after: re.Pattern[str] | None
    to_date_before: re.Pattern[str]
    to_date_after: re.Pattern[str]
    year_before: re.Pattern[str]
    year_after: re.Pattern[str]
    office: re.Pattern[str]
    bare_month: re.Pattern[str]
    through_month: re.Pattern[str]
    lead: re.Pattern[str]
    moment_gap: frozenset[str]
    through: re.Pattern[str]


@cache
def _patterns(vocabulary: Vocabulary) -> _Patterns:
    month = alternation(vocabulary.months)
    anchors = [w for words in vocabulary.anchors.values() for w in words]
    anchor = rf"(?:(?P<anchor>{alternation(anchors)})(?: of)?(?: the)? )?"
    units = vocabulary.relative["units"]
    unit = {name: alternation(words) for name, words in units.items()}
    previous = alternation(vocabulary.relative["previous"])
    current = alternation(vocabulary.relative["current"])
    # "next year", "the coming fiscal year": a time ahead, which no figure is for yet.
    ahead = alternation(vocabulary.relative.get("next") or ())
    counted = alternation(vocabulary.relative["span_counted"])
    bare = alternation(vocabulary.relative["span_bare"])
    ago = alternation(vocabulary.relative["ago"])
    count = rf"(?P<n>\d+|{alternation(vocabulary.number_words)})"
    seasons = alternation(vocabulary.seasons)
    ordered = (
        (
            "part_of_year",
            re.compile(
                rf"\b(?:the )?(?P<side>first|last) (?P<n>\d+|{alternation(vocabulary.number_words)}) "
                rf"(?P<unit>{unit['month']}|{unit['quarter']}) of "
                rf"(?:(?P<fy>fy) ?|(?:fiscal year |calendar year )?)"
                r"(?P<year>19[5-9]\d|20\d\d)\b"
            ),
        ),
        (
            # "fy2025 thru june", "FY2025 through June 30", "fy25 through q3": from its start to then.
            "fiscal_through",
            re.compile(
                rf"\bfy(?P<fy>\d{{4}})(?: (?:so far|to date))? "
                rf"(?:through|thru|to|until|till|up to|as of) (?:the end of )?"
                rf"(?:(?P<mname>{month})(?: \d{{1,2}}(?:st|nd|rd|th)?)?"
                rf"(?: (?P<myear>(?:19|20)\d\d))?|q(?P<q>[1-4]))\b"
                rf"|\b(?:through|thru|up to) (?:the end of )?q(?P<q2>[1-4]) (?:of )?fy(?P<fy2>\d{{4}})\b"
            ),
        ),
        (
            "year_range",
            re.compile(
                r"\b(?P<fy>fy)?(?P<first>19[5-9]\d|20\d\d) ?(?:-|through|thru|till|until) ?(?:fy)?"
                r"(?P<last>19[5-9]\d|20\d\d|\d\d)\b"
            ),
        ),
        (
            # Before "2022 to dec 2022": "the end of the first half of 2022 to dec 2022" is two times.
            "season",
            re.compile(
                rf"\b{anchor}(?:(?P<rel>{previous}|{current}|this past|the past) )?(?P<season>{seasons})"
                rf"(?: (?:of )?(?P<year>19[5-9]\d|20\d\d))?\b"
            ),
        ),
        (
            # "2011 thru aug 2016": from a year's start to a month's end.
            "year_to_month",
            re.compile(
                rf"\b(?:(?P<m1>{month}) )?(?P<y1>19[5-9]\d|20\d\d) (?:through|thru|till|until|to) "
                rf"(?P<m2>{month}) (?P<y2>19[5-9]\d|20\d\d)\b"
            ),
        ),
        (
            "month_range",
            re.compile(rf"\b(?P<m1>{month}) ?(?:and |-|/|to |through |thru )?(?P<m2>{month}),? {YEAR_RE}\b"),
        ),
        ("iso_day", re.compile(rf"\b{YEAR_RE}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})\b")),
        ("us_day", re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b")),
        (
            "month_day_year",
            re.compile(rf"\b(?P<mname>{month}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)? {YEAR_RE}\b"),
        ),
        (
            "day_month_year",
            re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mname>{month}) {YEAR_RE}\b"),
        ),
        (
            "fiscal_quarter",
            re.compile(
                rf"\b{anchor}(?:q(?P<q>[1-4])|(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th) quarter)"
                rf"(?: of)?(?: the)? fy(?P<fy>\d{{4}})\b|\b{anchor.replace('anchor>', 'anchor2>')}"
                r"fy(?P<fy2>\d{4}) q(?P<q2>[1-4])\b"
            ),
        ),
        (
            "quarter",
            re.compile(
                rf"\b{anchor}(?:q(?P<q>[1-4])|(?P<qword>first|second|third|fourth|1st|2nd|3rd|4th) quarter)"
                rf"(?: of)?(?: the)? {YEAR_RE}\b|\b{anchor.replace('anchor>', 'anchor2>')}"
                r"(?P<year2>19[5-9]\d|20\d\d) q(?P<q2>[1-4])\b"
            ),
        ),
        ("fiscal", re.compile(rf"\b{anchor}(?:fy|fiscal year |fiscal )(?P<fy>\d{{4}}|\d{{2}})\b")),
        ("month_year", re.compile(rf"\b{anchor}(?P<mname>{month})(?: of)? {YEAR_RE}\b")),
        (
            "iso_month",
            re.compile(
                rf"\b{YEAR_RE}-(?P<month>\d{{1,2}})\b|\b(?P<month2>\d{{1,2}})/(?P<year2>19[5-9]\d|20\d\d)\b"
            ),
        ),
        ("decade", re.compile(r"\b(?:the )?(?P<decade>19[5-9]0|20[0-9]0)s\b")),
        (
            "span",
            re.compile(
                rf"\b(?:in |over |during |for )?(?:the )?(?:(?:{counted}) {count}|{bare}) "
                rf"(?P<unit>{unit['year']}|{unit['month']})\b"
            ),
        ),
        (
            "ago",
            re.compile(
                rf"\b{count} (?P<unit>{unit['year']}|{unit['month']}) (?:{ago})"
                r"(?: (?:this|today|this month))?\b"
            ),
        ),
        (
            "relative",
            re.compile(
                rf"\b(?P<rel>{previous}|{current}|{ahead}) (?P<unit>{unit['fiscal_year']}|{unit['year']}|"
                rf"{unit['month']})\b"
            ),
        ),
        ("relative_month", re.compile(rf"\b(?P<rel>{previous}|{current}) (?P<mname>{month})\b")),
        # "jan 21", "june 24": with no year beside it, two digits after a month are its year.
        ("month_short_year", re.compile(rf"\b{anchor}(?P<mname>{month}) (?P<yy>\d\d)\b(?! \d)")),
        (
            "year",
            re.compile(
                rf"\b{anchor}(?:calendar year |year |cy ?)?{YEAR_RE}\b(?! (?:{_COUNT_WORDS})\b)(?!\.\d)"
            ),
        ),
    )
    names = {phrase: who for who, phrases in vocabulary.names.items() for phrase in phrases}
    word_res = {
        kind: re.compile(rf"\b(?:{alternation(words)})\b") for kind, words in vocabulary.moment_words.items()
    }
    for term, words in vocabulary.terms.items():
        word_res[f"term{term}"] = re.compile(rf"\b(?:{alternation(words)})\b")
    to_date = alternation(vocabulary.to_date)
    return _Patterns(
        ordered=ordered,
        latest=re.compile(rf"\b(?:{alternation(vocabulary.now)})\b"),
        names=re.compile(rf"\b(?:{alternation(names)})\b") if names else None,
        pronouns=re.compile(rf"\b(?:{alternation(vocabulary.pronouns)})\b") if vocabulary.pronouns else None,
        name_of=names,
        word_res=word_res,
        since=re.compile(rf"\b(?:{alternation(vocabulary.since)})\s*$"),
        since_after=_leading(vocabulary.since_after),
        to_date_before=re.compile(rf"\b(?:{to_date})(?: the)?\s*$"),
        to_date_after=re.compile(rf"^\s*(?:{to_date})\b"),
        year_before=re.compile(rf"\b(?:{alternation(vocabulary.year_before)})\b"),
        year_after=re.compile(rf"\b(?:{alternation(vocabulary.year_after)})\b"),
        # A month name alone; "may" is more often the verb.
        bare_month=re.compile(rf"\b(?:{alternation(m for m in vocabulary.months if m != 'may')})\b"),
        office=re.compile(rf"\b(?:{alternation(vocabulary.office_words)})\s*(?:in |of )?$"),
        lead=re.compile(rf"\b(?:{alternation(vocabulary.moment_lead)})\s*$"),
        through=re.compile(rf"(?:{alternation(vocabulary.through)})\b"),
        through_month=re.compile(
            rf"\b(?:{alternation(vocabulary.through)}) (?:the end of )?"
            rf"(?P<month>{alternation(vocabulary.months)})(?: \d{{1,2}}(?:st|nd|rd|th)?)?\b(?! (?:19|20)\d\d)"
        ),
        moment_gap=vocabulary.moment_gap,
    )


def find_times(text: str, vocabulary: Vocabulary, moments: Iterable[Moment], today: date) -> TimeReading:
    """Times in normalised `text` in the order they appear, where they were, and what is unclear."""
    patterns = _patterns(vocabulary)
    reading = TimeReading(text=text)
    remaining = text
    found: list[tuple[int, int, TimeRef]] = []
    # Dates first, so that "end of feb 2020" is not read as part of "right before covid hit".
    for kind, pattern in patterns.ordered:
        for match in list(pattern.finditer(remaining)):
            ref = _to_ref(kind, match, vocabulary, today)
            if ref is None:
                continue
            found.append((match.start(), match.end(), ref))
            remaining = _blank(remaining, match.start(), match.end())
    moments = list(moments)
    dated = [ref.period for _, _, ref in found if ref.period is not None]
    for start, end, ref in _moment_refs(remaining, patterns, moments, today, dated):
        found.append((start, end, ref))
        remaining = _blank(remaining, start, end)
    found = [_inauguration_in(text, item, patterns, moments) for item in found]
    found, remaining, month_span = _month_of_the_year(found, remaining, patterns, vocabulary)
    reading.spans.extend(month_span)
    found, remaining, through_span = _fiscal_year_through(found, remaining, patterns, vocabulary)
    reading.spans.extend(through_span)
    presidents = {m.who for m in moments if m.term}
    if patterns.names is not None:
        for match in patterns.names.finditer(remaining):
            if patterns.name_of[match[0]] not in presidents:
                continue  # "the pd review", "covid": a name that is also a topic word stays one
            # "biden nearly tripled the backlog": who changed it, said of a change counted from their
            # start, is no time of its own; any other president named with no word saying which
            # moment is unclear.
            after = remaining[match.end() :].split()[:2]
            if not (after and vocabulary.change_words & {after[0], after[-1]}):
                reading.unclear.append(match[0])
            reading.spans.append((match.start(), match.end()))
            remaining = _blank(remaining, match.start(), match.end())
    found.sort(key=lambda item: item[0])
    times: list[tuple[int, int, TimeRef]] = []
    for start, end, ref in found:
        start, end, ref = _with_context(remaining, start, end, ref, patterns)
        remaining = _blank(remaining, start, end)
        times.append((start, end, ref))
    # "Now" last: "so far" and "to date" beside a period belong to it ("so far in FY24").
    for match in list(patterns.latest.finditer(remaining)):
        times.append((match.start(), match.end(), TimeRef(match[0])))
        remaining = _blank(remaining, match.start(), match.end())
    times.sort(key=lambda item: item[0])
    times = _year_apart(times, remaining, patterns, reading)
    reading.times = [ref for _, _, ref in times]
    reading.spans = [(s, e) for s, e, _ in times] + reading.spans
    return reading


def _leading(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Words at the start of what follows a time ("onward" after "from 2017"), or None if none."""
    return re.compile(rf"^\s*(?:{alternation(words)})\b") if words else None


def _with_context(
    remaining: str, start: int, end: int, ref: TimeRef, patterns: _Patterns
) -> tuple[int, int, TimeRef]:
    """ "since 2021", "so far in FY24", "FY24 to date": the words around a time that change it."""
    before = remaining[:start]
    if ref.period is not None and (m := patterns.to_date_before.search(before)):
        if ref.period.precision is Precision.QUARTER and "fy" in ref.text and patterns.through.match(m[0]):
            # "through Q3 of FY2025": the fiscal year from its start to the end of that quarter.
            fiscal = fiscal_year(ref.period.end.year + (ref.period.end.month >= 10))
            return m.start(), end, replace(ref, period=span_period(fiscal.start, ref.period.end))
        return m.start(), end, replace(ref, to_date=True)
    after = remaining[end:]
    if ref.period is not None and (m := patterns.to_date_after.match(after)):
        return start, end + m.end(), replace(ref, to_date=True)
    if m := patterns.since.search(before):
        return m.start(), end, replace(ref, since=True)
    if ref.period is not None and patterns.since_after and (m := patterns.since_after.match(after)):
        # "each FY from 2017 onward", "2017 and after": since then too.
        return start, end + m.end(), replace(ref, since=True)
    return start, end, ref


def _year_apart(
    times: list[tuple[int, int, TimeRef]], remaining: str, patterns: _Patterns, reading: TimeReading
) -> list[tuple[int, int, TimeRef]]:
    """ "in 2023 and the year before", "when covid started vs a year after that": one year before
    or after the other time named."""
    dated = [t for t in times if t[2].period is not None and t[2].period.precision is not Precision.SPAN]
    if not dated:
        return times
    for pattern, years in ((patterns.year_before, -1), (patterns.year_after, 1)):
        match = pattern.search(remaining)
        if match is not None:
            anchor = dated[0][2]
            ref = TimeRef(match[0], _shift_year(anchor.period, years), anchor=anchor.anchor)
            return sorted([*times, (match.start(), match.end(), ref)], key=lambda t: t[0])
    return times


def _shift_year(period: Period, years: int) -> Period:
    match period.precision:
        case Precision.FISCAL_YEAR:
            return fiscal_year(period.end.year + years)
        case Precision.YEAR:
            return year_period(period.start.year + years)
        case Precision.MONTH:
            return month_period(period.start.year + years, period.start.month)
        case Precision.QUARTER:
            return _quarter_period(period.start.year + years, period.start.month)
        case Precision.DAY:
            return day_period(add_months(period.start, 12 * years))  # 29 February: the 28th
        case _:
            return span_period(add_months(period.start, 12 * years), add_months(period.end, 12 * years))


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span with spaces, so later offsets still line up."""
    return text[:start] + " " * (end - start) + text[end:]


# -- named moments and terms ------------------------------------------------------------------


def _month_of_the_year(
    found: list[tuple[int, int, TimeRef]], remaining: str, patterns: _Patterns, vocabulary: Vocabulary
) -> tuple[list[tuple[int, int, TimeRef]], str, list[tuple[int, int]]]:
    """ "A record month in early 2024, january i think": a month named with no year is that month of
    the one year the question gives."""
    yearly = [
        (i, ref)
        for i, (_, _, ref) in enumerate(found)
        if ref.period is not None
        and not ref.since
        and ref.period.precision in (Precision.YEAR, Precision.SPAN)
        and ref.period.start.year == ref.period.end.year
    ]
    bare = [m for m in patterns.bare_month.finditer(remaining)]
    if len(yearly) != 1 or len(bare) != 1 or len(found) != 1:
        return found, remaining, []
    index, ref = yearly[0]
    match = bare[0]
    period = month_period(ref.period.start.year, vocabulary.months[match[0]])
    if not (ref.period.start <= period.start and period.end <= ref.period.end):
        return found, remaining, []
    start, end, _ = found[index]
    found[index] = (start, end, TimeRef(f"{ref.text} {match[0]}", period))
    return found, _blank(remaining, match.start(), match.end()), [(match.start(), match.end())]


def _fiscal_year_through(
    found: list[tuple[int, int, TimeRef]], remaining: str, patterns: _Patterns, vocabulary: Vocabulary
) -> tuple[list[tuple[int, int, TimeRef]], str, list[tuple[int, int]]]:
    """ "fy25 ytd completions thru june 30": a fiscal year, then "through" a month with no year a few
    words on, is that fiscal year from its start to the end of that month."""
    fiscal = [
        (i, ref)
        for i, (_, _, ref) in enumerate(found)
        if ref.period is not None and ref.period.precision is Precision.FISCAL_YEAR and not ref.since
    ]
    if len(found) != 1 or len(fiscal) != 1:
        return found, remaining, []
    index, ref = fiscal[0]
    start, end, _ = found[index]
    match = patterns.through_month.search(remaining, end)
    if match is None or len(remaining[end : match.start()].split()) > _THROUGH_REACH:
        return found, remaining, []
    month = vocabulary.months[match["month"]]
    year = ref.period.start.year if month >= 10 else ref.period.end.year
    period = span_period(ref.period.start, month_period(year, month).end)
    found[index] = (start, end, TimeRef(f"{ref.text} {match[0]}", period))
    return found, _blank(remaining, match.start(), match.end()), [(match.start(), match.end())]


def _inauguration_in(
    text: str, item: tuple[int, int, TimeRef], patterns: _Patterns, moments: list[Moment]
) -> tuple[int, int, TimeRef]:
    """ "Inauguration day 2017", "sworn in in 2021": with no name, the one president's first day
    that year."""
    start, end, ref = item
    if ref.moment is not None or ref.period is None or ref.period.precision is not Precision.YEAR:
        return item
    lead = patterns.office.search(text[:start])
    if lead is None:
        return item
    year = ref.period.start.year
    firsts = [m for m in moments if m.event == "start" and m.term and m.period.start.year == year]
    if len(firsts) != 1:
        return item
    return (
        lead.start(),
        end,
        TimeRef(" ".join(text[lead.start() : end].split()), firsts[0].period, moment=firsts[0]),
    )


def _moment_refs(
    text: str, patterns: _Patterns, moments: list[Moment], today: date, dated: Sequence[Period] = ()
) -> list[tuple[int, int, TimeRef]]:
    """ "when biden took office", "the day trump got sworn in", "trump's first term", "under obama".
    `dated`: the dates the text names besides, which say which of several terms' starts is meant."""
    if patterns.names is None or not moments:
        return []
    refs = []
    named = _names_and_pronouns(text, patterns)
    for index, (match, who) in enumerate(named):
        if refs and match.start() < refs[-1][1]:
            continue  # "his" in "trump started his second term", read with trump's moment
        # Within a few words of the name, never across the end of a sentence, and never past
        # another name ("trump 1.0 ... when he took office": "1.0" is trump's, not the pronoun's),
        # though past the name's own "his" ("when trump started his second term").
        previous_end = max(named[index - 1][0].end() if index else 0, refs[-1][1] if refs else 0)
        next_start = next(
            (
                m.start()
                for m, other in named[index + 1 :]
                if not (
                    other == who
                    and m.start() - match.end() <= _OWN_PRONOUN_REACH
                    and _is_pronoun(m, patterns)
                )
            ),
            len(text),
        )
        left_start = max(
            _words_back(text, match.start(), _MOMENT_WINDOW),
            text.rfind("|", 0, match.start()) + 1,
            previous_end,
        )
        right_end = min(_words_forward(text, match.end(), _MOMENT_WINDOW), next_start)
        if (bar := text.find("|", match.end(), right_end)) >= 0:
            right_end = bar
        left, right = text[left_start : match.start()], text[match.end() : right_end]
        kinds: dict[str, tuple[int, int]] = {}
        for kind, regex in patterns.word_res.items():
            for part, offset in ((left, left_start), (right, match.end())):
                for cue in regex.finditer(part):
                    gap = part[cue.end() :] if offset == left_start else part[: cue.start()]
                    for other in patterns.word_res.values():
                        gap = other.sub(" ", gap)  # "when trump took office first time"
                    if set(gap.split()) <= patterns.moment_gap:
                        kinds.setdefault(kind, (offset + cue.start(), offset + cue.end()))
        if not kinds:
            continue
        term = next((int(k[4:]) for k in kinds if k.startswith("term")), None)
        ref = _moment_ref(who, kinds, term, moments, today, dated)
        if ref is None:
            continue
        start = min([match.start(), *(s for s, _ in kinds.values())])
        end = max([match.end(), *(e for _, e in kinds.values())])
        # "2 years into the biden era", "6 months into biden's presidency": a day that far into the
        # term, not the whole term.
        into = next(
            (m for m in _INTO.finditer(text, 0, end) if start - len(" the ") <= m.end() <= end),
            None,
        )
        # "biden's first 2 yrs", "trump's first year back": the term's first months, not all of it.
        first = _FIRST.search(text, start, end)
        if into is not None and ref.period is not None:
            months = int(into["count"]) * (12 if into["unit"].startswith("year") else 1)
            day = add_months(ref.period.start, months)
            start, ref = into.start(), TimeRef("", day_period(day))
        elif first is not None and ref.period is not None:
            months = int(first["count"] or 1) * (12 if first["unit"].startswith("year") else 1)
            ref = TimeRef("", span_period(ref.period.start, add_months(ref.period.start, months)))
        elif lead := patterns.lead.search(text[:start]):
            start = lead.start()
        refs.append((start, end, replace(ref, text=" ".join(text[start:end].split()))))
    return refs


_INTO = re.compile(r"\b(?P<count>\d{1,2}) (?P<unit>years?|months?) into\b")
_FIRST = re.compile(r"\bfirst (?:(?P<count>\d{1,2}) )?(?P<unit>years?|months?)\b")


def _is_pronoun(match: re.Match[str], patterns: _Patterns) -> bool:
    return patterns.pronouns is not None and patterns.pronouns.fullmatch(match[0]) is not None


def _names_and_pronouns(text: str, patterns: _Patterns) -> list[tuple[re.Match[str], str]]:
    """Each name, and each "he" or "his" after one: "biden tripled it... when he took office"."""
    assert patterns.names is not None
    found = [(m, patterns.name_of[m[0]]) for m in patterns.names.finditer(text)]
    if patterns.pronouns is None or len({who for _, who in found}) != 1:
        return found  # no name, or several: a pronoun could be any of them
    who = found[0][1]
    first = found[0][0].start()
    found += [(m, who) for m in patterns.pronouns.finditer(text) if m.start() > first]
    return sorted(found, key=lambda pair: pair[0].start())


def _moment_ref(
    who: str,
    kinds: dict[str, tuple[int, int]],
    term: int | None,
    moments: list[Moment],
    today: date,
    dated: Sequence[Period] = (),
) -> TimeRef | None:
    mine = [m for m in moments if m.who == who]
    starts = sorted((m for m in mine if m.event == "start"), key=lambda m: m.date)
    ends = sorted((m for m in mine if m.event == "end"), key=lambda m: m.date)
    if not starts:
        return None
    if "end" in kinds and "start" not in kinds:
        chosen = _of_term(ends, term) or _next_start(starts, term)
        return TimeRef("", chosen.period, moment=chosen) if chosen else None
    if "during" in kinds and "start" not in kinds:
        if not any(m.term for m in mine):
            return None  # "under the review": only a president's name makes a span with "under"
        first = _of_term(starts, term) or starts[0]
        last_end = _term_end(first, starts, ends, whole=term is None)
        end = last_end.period.start if last_end else today
        label = f"{first.label.removeprefix('when ').removesuffix(' took office')}"
        return TimeRef(
            "",
            span_period(first.period.start, end),
            moment=first,
            label_text=_term_label(who, term, first, label),
        )
    chosen = (_of_term(starts, term) if term else _start_by_dates(starts, ends, dated, today)) or starts[0]
    return TimeRef("", chosen.period, moment=chosen)


def _start_by_dates(
    starts: list[Moment], ends: list[Moment], dated: Sequence[Period], today: date
) -> Moment | None:
    """Which term's start "when trump took office" means, by the other dates the question names: the
    first term they fall in ("since trump took office, as of april 2025": 2025's). With no date in
    any of the terms, none (the first term's, as before)."""
    for start in starts:
        end_moment = _term_end(start, starts, ends, whole=False)
        end = end_moment.period.start if end_moment else today
        if any(p.end >= start.period.start and p.start <= end for p in dated):
            return start
    return None


def _of_term(moments: list[Moment], term: int | None) -> Moment | None:
    if term is None:
        return moments[0] if moments else None
    return next((m for m in moments if m.term == term), None)


def _next_start(starts: list[Moment], term: int | None) -> Moment | None:
    """The end of a term with no moment of its own is the start of the next one."""
    if term is None:
        return None
    return next((m for m in starts if m.term == term + 1), None)


def _term_end(first: Moment, starts: list[Moment], ends: list[Moment], *, whole: bool) -> Moment | None:
    """When the term that began at `first` ended: the next end moment, or the next term's start."""
    later_ends = [m for m in ends if m.date > first.date]
    if whole:
        # "under obama": through consecutive terms, to the first time they left office.
        return later_ends[0] if later_ends else None
    following = [m for m in starts if m.date > first.date]
    candidates = sorted([*later_ends[:1], *following[:1]], key=lambda m: m.date)
    return candidates[0] if candidates else None


def _term_label(who: str, term: int | None, first: Moment, fallback: str) -> str:
    name = who.replace("_", " ").title()
    if term == 1:
        return f"{name}'s first term"
    if term == 2:
        return f"{name}'s second term"
    return f"under {name}" if first.term else fallback


def _words_back(text: str, position: int, count: int) -> int:
    index = position
    for _ in range(count):
        index = text.rfind(" ", 0, max(index - 1, 0))
        if index < 0:
            return 0
    return index + 1


def _words_forward(text: str, position: int, count: int) -> int:
    index = position
    for _ in range(count):
        found = text.find(" ", index + 1)
        if found < 0:
            return len(text)
        index = found
    return index


# -- dates and relative times --------------------------------------------------------------------


def _to_ref(kind: str, match: re.Match[str], vocabulary: Vocabulary, today: date) -> TimeRef | None:
    groups = match.groupdict()
    text = match.group(0).strip()
    anchor = _anchor(groups.get("anchor") or groups.get("anchor2"), vocabulary)
    try:
        match kind:
            case "year_range":
                first, last = int(groups["first"]), int(groups["last"])
                last = last + first // 100 * 100 if last < 100 else last
                if last <= first:
                    return None
                if groups.get("fy"):
                    return TimeRef(text, span_period(fiscal_year(first).start, fiscal_year(last).end))
                return TimeRef(text, span_period(date(first, 1, 1), date(last, 12, 31)))
            case "year_to_month":
                first, last = int(groups["y1"]), int(groups["y2"])
                if last < first or groups.get("m1"):
                    return None  # "nov 2022 to nov 2023" is two months, read as such
                end = month_period(last, vocabulary.months[groups["m2"]]).end
                return TimeRef(text, span_period(date(first, 1, 1), end))
            case "month_range":
                year, first, last = (
                    int(groups["year"]),
                    vocabulary.months[groups["m1"]],
                    vocabulary.months[groups["m2"]],
                )
                if last < first:
                    return None
                if first % 3 == 1 and last == first + 2:  # "oct-dec 2021" is a quarter
                    return TimeRef(text, _quarter_period(year, first))
                return TimeRef(text, span_period(date(year, first, 1), month_period(year, last).end))
            case "iso_day":
                day = date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
                return TimeRef(text, day_period(day))
            case "us_day":
                year = int(groups["year"])
                year = year + 2000 if year < 100 else year
                if not 1950 <= year <= 2099:
                    return None
                return TimeRef(text, day_period(date(year, int(groups["month"]), int(groups["day"]))))
            case "month_day_year" | "day_month_year":
                month = vocabulary.months[groups["mname"]]
                return TimeRef(text, day_period(date(int(groups["year"]), month, int(groups["day"]))))
            case "fiscal_quarter":
                quarter = _quarter(groups.get("q") or groups.get("q2"), groups.get("qword"))
                fy = int(groups.get("fy") or groups["fy2"])
                # Fiscal quarter 1 of FY N is October to December of N-1.
                start_month = 3 * (quarter - 2) + 1 if quarter > 1 else 10  # January, April, July
                year = fy - 1 if quarter == 1 else fy
                return TimeRef(text, _quarter_period(year, start_month), anchor=anchor)
            case "quarter":
                quarter = _quarter(groups.get("q") or groups.get("q2"), groups.get("qword"))
                year = int(groups.get("year") or groups["year2"])
                return TimeRef(text, _quarter_period(year, 3 * quarter - 2), anchor=anchor)
            case "fiscal":
                year = int(groups["fy"])
                year = year + 2000 if year < 100 else year
                if not 1950 <= year <= 2099:
                    return None
                return _part_of_year(text, fiscal_year(year), groups.get("anchor"), vocabulary) or TimeRef(
                    text, fiscal_year(year), anchor
                )
            case "month_year":
                return TimeRef(
                    text, month_period(int(groups["year"]), vocabulary.months[groups["mname"]]), anchor
                )
            case "iso_month":
                month = int(groups.get("month") or groups["month2"])
                if not 1 <= month <= 12:
                    return None
                return TimeRef(text, month_period(int(groups.get("year") or groups["year2"]), month))
            case "decade":
                first = int(groups["decade"])
                return TimeRef(text, span_period(date(first, 1, 1), date(first + 9, 12, 31)))
            case "fiscal_through":
                whole = fiscal_year(int(groups.get("fy") or groups["fy2"]))
                if quarter := groups.get("q") or groups.get("q2"):
                    end = add_months(whole.start, 3 * int(quarter)) - timedelta(days=1)
                else:
                    month = vocabulary.months[groups["mname"]]
                    year = whole.start.year if month >= 10 else whole.end.year
                    if groups.get("myear") and int(groups["myear"]) != year:
                        return None  # "the end of FY24 to aug 2025": two times, not a month of FY24
                    end = month_period(year, month).end
                if not whole.start < end <= whole.end:
                    return None
                return TimeRef(text, span_period(whole.start, end))
            case "part_of_year":
                # "the first 3 quarters of fy25": nine months
                per = 3 if groups["unit"] in vocabulary.relative["units"]["quarter"] else 1
                months = _count(groups.get("n"), vocabulary) * per
                year = int(groups["year"])
                whole = fiscal_year(year) if groups.get("fy") else year_period(year)
                if groups["side"] == "first":
                    start = whole.start
                    end = add_months(whole.start, months) - timedelta(days=1)
                else:
                    start = add_months(whole.end + timedelta(days=1), -months)
                    end = whole.end
                return TimeRef(text, span_period(start, end))
            case "span":
                months = _unit_months(groups["unit"], vocabulary) * _count(groups.get("n"), vocabulary)
                start = add_months(today, -months)
                return TimeRef(
                    text,
                    span_period(start, today),
                    label_text=f"the past {_months_text(months)}",
                    trailing=True,
                )
            case "ago":
                months = _unit_months(groups["unit"], vocabulary) * _count(groups.get("n"), vocabulary)
                back = add_months(today, -months)
                return TimeRef(text, month_period(back.year, back.month))
            case "relative":
                return _relative(text, groups["rel"], groups["unit"], vocabulary, today)
            case "relative_month":
                month = vocabulary.months[groups["mname"]]
                back = groups["rel"] in vocabulary.relative["previous"] or month > today.month
                year = today.year - 1 if back and month >= today.month else today.year
                return TimeRef(text, month_period(year, month))
            case "season":
                return _season(text, groups, vocabulary, today)
            case "month_short_year":
                yy = int(groups["yy"])
                year = 2000 + yy if yy <= today.year % 100 + 1 else 1900 + yy
                if year < 1995:
                    return None  # "june 30" is a day with no year, not June 1930
                return TimeRef(text, month_period(year, vocabulary.months[groups["mname"]]), anchor)
            case "year":
                year = int(groups["year"])
                if groups.get("anchor") in vocabulary.anchors.get("middle", ()):
                    # "Mid 2021": the year's middle month, a figure of June answers for it.
                    return TimeRef(text, month_period(year, 6), label_text=f"mid {year}")
                return _part_of_year(text, year_period(year), groups.get("anchor"), vocabulary) or TimeRef(
                    text, year_period(year), anchor
                )
    except (ValueError, KeyError):
        return None
    return None


def _season(text: str, groups: dict[str, str | None], vocabulary: Vocabulary, today: date) -> TimeRef | None:
    """ "summer 2022", "last fall", "this past summer": the months of that season."""
    first, last = vocabulary.seasons[groups["season"] or ""]

    def span(year: int) -> Period:
        end_year = year + 1 if last < first else year
        return span_period(date(year, first, 1), month_period(end_year, last).end)

    if groups.get("year"):
        year = int(groups["year"] or 0)
    elif groups.get("rel"):
        # "last fall": the latest that has ended; "this summer": the latest that has begun.
        ended = groups["rel"] in vocabulary.relative["previous"] or groups["rel"] == "the past"
        years = [
            y
            for y in (today.year, today.year - 1, today.year - 2)
            if (span(y).end if ended else span(y).start) <= today
        ]
        year = years[0]
    else:
        return None  # "summer" alone: no year to place it in
    anchor = _anchor(groups.get("anchor"), vocabulary)
    season = groups["season"] or ""
    # "summer 2022"; "the first half of 2022"; "H1 2022".
    label = (
        f"the {season} of {year}"
        if " " in season
        else f"{season.upper() if len(season) == 2 else season} {year}"
    )
    return TimeRef(text, span(year), anchor=anchor, label_text=label)


def _quarter(digit: str | None, word: str | None) -> int:
    return int(digit) if digit else _QUARTER_WORDS[word or ""]


def _quarter_period(year: int, start_month: int) -> Period:
    start = date(year, start_month, 1)
    end = month_period(year, start_month + 2).end
    return Period(start, end, Precision.QUARTER, f"{year}-Q{(start_month - 1) // 3 + 1}")


_PART_OF_YEAR_MONTHS = 4


def _part_of_year(text: str, year: Period, word: str | None, vocabulary: Vocabulary) -> TimeRef | None:
    """ "Early 2026", "late FY2023": the first or last four months of the year, in which any figure
    answers, rather than its first or last day."""
    label = f"{word} {year.label}"  # "early 2026", "late FY2023"
    if word in vocabulary.anchors.get("early", ()):
        end = add_months(year.start, _PART_OF_YEAR_MONTHS) - timedelta(days=1)
        return TimeRef(text, span_period(year.start, end), label_text=label)
    if word in vocabulary.anchors.get("late", ()):
        start = add_months(year.end + timedelta(days=1), -_PART_OF_YEAR_MONTHS)
        return TimeRef(text, span_period(start, year.end), label_text=label)
    return None


def _anchor(word: str | None, vocabulary: Vocabulary) -> Anchor:
    if word in vocabulary.anchors.get("end", ()):
        return Anchor.END
    if word in vocabulary.anchors.get("start", ()):
        return Anchor.START
    return Anchor.ANY


def _count(word: str | None, vocabulary: Vocabulary) -> int:
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    return int(vocabulary.number_words.get(word, 1))


def _unit_months(unit: str, vocabulary: Vocabulary) -> int:
    return 12 if unit in vocabulary.relative["units"]["year"] else 1


def _months_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "year" if years == 1 else f"{years} years"
    return "month" if months == 1 else f"{months} months"


def _relative(text: str, rel: str, unit: str, vocabulary: Vocabulary, today: date) -> TimeRef:
    # How many of the unit back from today: this one, the one ahead ("next year"), or the one before.
    back = 1
    if rel in vocabulary.relative["current"]:
        back = 0
    elif rel in vocabulary.relative.get("next", ()):
        back = -1
    units = vocabulary.relative["units"]
    if unit in units["fiscal_year"]:
        current = today.year + 1 if today.month >= 10 else today.year
        return TimeRef(text, fiscal_year(current - back))
    if unit in units["year"]:
        return TimeRef(text, year_period(today.year - back))
    start = add_months(today, -back)
    return TimeRef(text, month_period(start.year, start.month))
