"""The answer engine: a question in a person's words becomes a cited answer, or an honest no.

`AnswerEngine` holds the loaded fact base, a `MeasureIndex` for matching and one
`Series` per measure for look-ups by time. Every method returns an `Answer`:
plain data naming the facts it uses, which `render.Renderer` turns into text.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .compare import compare, divide
from .dates import DateFormatError, Period, month_period, parse_period
from .matching import DEFAULT_THRESHOLDS, Match, MeasureIndex, Target, Thresholds
from .models import Fact, KnowledgeBase, Measure, MeasureKind
from .models import Status as FactStatus
from .question import Intent, ParsedQuestion, QuestionError, parse_question
from .selection import Selection, Series, build_series
from .text import fold, without_intent_words
from .timeparse import TimeRef, find_times

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 3
# Measures whose figures add up from a starting time: "since X" asks for the newest of them.
_ACCUMULATING = (MeasureKind.CHANGE, MeasureKind.FLOW)
MAX_AUTOCOMPLETE = 25  # Discord's limit on choices
MAX_CHOICE_LENGTH = 100  # Discord's limit on a choice's length
TREND_POINTS = 12


class AnswerStatus(StrEnum):
    ANSWERED = "answered"
    SUGGESTIONS = "suggestions"
    NO_MATCH = "no_match"


@dataclass
class Answer:
    """What to say: a template (`kind`), its data, the facts it cites and follow-up questions."""

    status: AnswerStatus
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    question: str | None = None


class AnswerEngine:
    """Answers questions from one loaded fact base. Cheap to query, built once."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        today: Callable[[], date] = date.today,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
    ) -> None:
        self.kb = kb
        self.today = today
        self.thresholds = thresholds
        self.index = MeasureIndex(_index_entries(kb), thresholds.unknown_word_weight)
        self._series: dict[str, Series] | None = None
        self.headline_group = self._headline_group()
        # (value, id) sorted: "where does 3.5 million come from" is a range look-up, not a scan.
        self._values = sorted((f.value, f.id) for f in kb.facts.values())

    # -- look-ups ------------------------------------------------------------

    def series(self, measure_id: str) -> Series:
        if self._series is None:
            self._series = build_series(self.kb)
        return self._series.get(measure_id) or Series([], {}, {})

    def measure(self, measure_id: str) -> Measure:
        return self.kb.measures[measure_id]

    def find_measure(self, text: str) -> Measure | None:
        """A measure by id, or by the best-matching name when that match is sure."""
        if text in self.kb.measures:
            return self.kb.measures[text]
        matches = [m for m in self.index.match(fold(text)) if m.target.kind == "measure"]
        if matches and matches[0].score >= self.thresholds.answer:
            return self.kb.measures[matches[0].target.id]
        return None

    # -- entry points ----------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """Answer a free-text question. Raises QuestionError only for unaskable input."""
        parsed = parse_question(question, self.kb.moments.values(), self.today())
        answer = self._answer(parsed)
        answer.question = parsed.original
        return answer

    def now(self) -> Answer:
        """The latest court backlog, the other counts of it, and how it changed."""
        latest = [(m, self.series(m.id).latest()) for m in self.headline_group]
        latest = [(m, s) for m, s in latest if s is not None]
        if not latest:
            return self._no_match(reason="The fact base holds no court backlog figure yet.")
        measure, selection = max(latest, key=lambda pair: (pair[1].preferred.period.end, pair[0].priority))
        series = self.series(measure.id)
        end = selection.preferred.period.end
        changes = []
        for label, month in (
            ("a year before", _month_shift(end, -12)),
            ("the start of 2021", month_period(2021, 1)),
            ("the start of 2017", month_period(2017, 1)),
        ):
            earlier = series.select(TimeRef(label, month), measure.kind, earliest=True)
            if earlier is not None and earlier.preferred.period.end < end:
                changes.append(
                    {"label": label, "comparison": compare(earlier.preferred, selection.preferred)}
                )
        others = [{"measure": m, "selection": s} for m, s in latest if m.id != measure.id]
        facts = [*selection.facts[:3]]
        facts += [c["comparison"].earlier for c in changes]
        facts += [o["selection"].preferred for o in others]
        return Answer(
            AnswerStatus.ANSWERED,
            "now",
            {"measure": measure, "selection": selection, "changes": changes, "others": others},
            facts=_unique(facts),
        )

    def compare_times(self, measure_text: str, from_text: str, to_text: str) -> Answer:
        """One measure at two times, as `backlog compare MEASURE FROM TO` asks."""
        measure = self.find_measure(measure_text)
        if measure is None:
            return self._unknown_measure(measure_text)
        times = [self._time(text) for text in (from_text, to_text)]
        return self._compare_times(measure, times[0], times[1])

    def suggest(self, partial: str, limit: int = MAX_AUTOCOMPLETE) -> list[str]:
        """Questions to offer while someone types (autocomplete): answerable ones, best first."""
        folded = fold(partial or "")
        if not folded:
            return self.example_questions()[:limit]
        times, topic = find_times(folded, self.kb.moments.values(), self.today())
        suffix = " ".join(t.text for t in times)
        found = [
            f"{self._target_label(m.target)} {suffix}".strip()[:MAX_CHOICE_LENGTH]
            for m in self.index.complete(topic, limit)
            if m.score >= self.thresholds.suggest
        ]
        return list(dict.fromkeys(found))[:limit]

    def facts_stating(self, number: float) -> list[Fact]:
        """Facts whose value is the number as stated, at its rounding ("3.5 million")."""
        low, high = _rounding_range(number)
        start = bisect_left(self._values, (low, -1))
        end = bisect_right(self._values, (high, 1 << 62))
        return [self.kb.facts[fact_id] for _, fact_id in self._values[start:end]]

    def trend(self, measure_text: str) -> Answer:
        """The series of one measure (by id or name), as `/backlog trend` shows it."""
        measure = self.find_measure(measure_text)
        if measure is None:
            return self._unknown_measure(measure_text)
        return self._trend(measure)

    def about(self) -> Answer:
        """What the fact base covers and the date its data runs through."""
        facts = self.kb.facts.values()
        reported = [f for f in facts if f.status is FactStatus.REPORTED and not f.low_confidence]
        through = max(reported, key=lambda f: f.period.end, default=None)
        return Answer(
            AnswerStatus.ANSWERED,
            "about",
            {
                "facts": len(self.kb.facts),
                "measures": len(self.kb.measures),
                "sources": len(self.kb.sources),
                "through": through,
                "examples": self.example_questions(),
            },
        )

    def fact_answer(self, fact_id: int) -> Answer:
        """The full provenance of one fact."""
        fact = self.kb.facts.get(fact_id)
        if fact is None:
            return self._no_match(reason=f"There is no fact {fact_id}.")
        return Answer(AnswerStatus.ANSWERED, "provenance", {"facts": [fact]}, facts=[fact])

    # -- dispatch ----------------------------------------------------------------

    def _answer(self, q: ParsedQuestion) -> Answer:
        if q.fact_id is not None:
            return self.fact_answer(q.fact_id)
        if q.intent is Intent.COMPARE:
            crossed = self._cross_measure(q)
            if crossed is not None:
                return crossed
        matches, target = self._target(q)
        if target is None and q.intent is Intent.SOURCE and q.numbers:
            return self._source(q, None)
        if target is None:
            return self._suggest(matches, " ".join(t.text for t in q.times))
        if target.kind == "derivation":
            return self._derived(q, target.id)
        measure = self.kb.measures[target.id]
        if measure.kind in _ACCUMULATING and q.times and q.times[0].since:
            return self._accumulated_since(q, measure)
        match q.intent:
            case Intent.DEFINITION:
                return self._definition(measure)
            case Intent.TREND:
                return self._trend(measure, q.times)
            case Intent.THRESHOLD if q.numbers:
                return self._threshold(q, measure)
            case Intent.SOURCE:
                return self._source(q, measure)
            case Intent.COMPARE if measure.kind is not MeasureKind.CHANGE:
                # A measure of change is already a comparison: "how much did it grow" asks its value.
                return self._compare(q, measure)
        return self._value(q, measure)

    def _target(self, q: ParsedQuestion) -> tuple[list[Match], Target | None]:
        """What the question is about. Words like "growth" may name a measure of change;
        if no such measure fits, they only said what kind of answer is wanted."""
        matches = self.index.match(q.topic)
        target = self._decide(matches)
        stripped = without_intent_words(q.topic)
        if stripped == q.topic:
            return matches, target
        plain = self.index.match(stripped)
        plain_target = self._decide(plain)
        # A measure of change wins only when it fits at least as well as the plain reading,
        # and not when two times ("between 2020 and 2023") ask for a comparison of levels.
        change_fits = (
            target is not None
            and self._is_change(target)
            and len(q.times) < 2
            and (not plain or matches[0].score >= plain[0].score)
        )
        if change_fits:
            return matches, target
        if plain_target is not None or target is None:
            return plain, plain_target
        return matches, target

    def _is_change(self, target: Target) -> bool:
        return target.kind == "measure" and self.kb.measures[target.id].kind in _ACCUMULATING

    def _decide(self, matches: list[Match]) -> Target | None:
        """The target to answer about, or None when unsure (then suggest or say no)."""
        if not matches or matches[0].score < self.thresholds.answer:
            return None
        top = matches[0]
        for other in matches[1:]:
            if top.score - other.score >= self.thresholds.margin:
                break
            if other.alias != top.alias and not self._comparable(top.target, other.target):
                return None
        return top.target

    def _comparable(self, a: Target, b: Target) -> bool:
        if a.kind != "measure" or b.kind != "measure":
            return False
        return self.kb.measures[a.id].comparable(self.kb.measures[b.id])

    # -- kinds of answer -------------------------------------------------------------

    def _value(self, q: ParsedQuestion, measure: Measure) -> Answer:
        ref = q.times[0] if q.times else TimeRef("now")
        series = self.series(measure.id)
        selection = series.select(ref, measure.kind)
        if selection is None:
            for sibling in self._siblings(measure):
                found = self.series(sibling.id).select(ref, sibling.kind)
                if found is not None:
                    # Another count that people call by the same name has that time; its label says whose.
                    return self._value_from(sibling, found, ref)
            return self._no_fact_for_time(measure, ref, series)
        return self._value_from(measure, selection, ref)

    def _siblings(self, measure: Measure) -> list[Measure]:
        """Comparable measures that share a name with this one ("the backlog": TRAC's and EOIR's)."""
        return sorted(
            (
                m
                for m in self.kb.measures.values()
                if m.id != measure.id and measure.comparable(m) and set(m.aliases) & set(measure.aliases)
            ),
            key=lambda m: (-m.priority, m.id),
        )

    def _accumulated_since(self, q: ParsedQuestion, measure: Measure) -> Answer:
        """ "Gotaways since Biden took office": the newest figure counted from then on."""
        ref = q.times[0]
        series = self.series(measure.id)
        after = [f for f in series.between(ref.period.start, date.max) if f.period.start >= ref.period.start]
        after = after or [f for f in series.between(ref.period.end, date.max)]
        if not after:
            return self._no_fact_for_time(measure, ref, series)
        newest = max(after, key=lambda f: f.period.end)
        selection = series.select(TimeRef(newest.period.text, newest.period), measure.kind)
        return self._value_from(measure, selection, TimeRef("now"))

    def _compare(self, q: ParsedQuestion, measure: Measure) -> Answer:
        if len(q.times) >= 2:
            first, second = q.times[0], q.times[1]
        elif len(q.times) == 1:
            first, second = q.times[0], TimeRef("now")
        else:
            latest = self.series(measure.id).latest()
            if latest is None:
                return self._no_fact_for_time(measure, TimeRef("now"), self.series(measure.id))
            month = _month_shift(latest.preferred.period.end, -12)
            first, second = TimeRef("a year before", month), TimeRef("now")
        return self._compare_times(measure, first, second, question=q)

    def _compare_times(
        self,
        measure: Measure,
        first: TimeRef,
        second: TimeRef,
        question: ParsedQuestion | None = None,
    ) -> Answer:
        series = self.series(measure.id)
        if _order_key(second) < _order_key(first):
            first, second = second, first
        earlier = series.select(first, measure.kind, earliest=True)
        later = series.select(second, measure.kind)
        missing = [ref for ref, sel in ((first, earlier), (second, later)) if sel is None]
        if missing:
            return self._no_fact_for_time(measure, missing[0], series)
        if earlier.preferred.id == later.preferred.id:
            return self._value_from(measure, later, second)
        main = compare(earlier.preferred, later.preferred)
        alternatives = [compare(a, b) for a, b in _alternative_pairs(earlier, later)]
        facts = _unique([*earlier.facts, *later.facts])
        return Answer(
            AnswerStatus.ANSWERED,
            "comparison",
            {
                "measure": measure,
                "earlier": earlier,
                "later": later,
                "asked": (first, second),
                "comparison": main,
                "alternatives": alternatives,
            },
            facts=facts,
        )

    def _value_from(self, measure: Measure, selection: Selection, ref: TimeRef) -> Answer:
        return Answer(
            AnswerStatus.ANSWERED,
            "figure",
            {"measure": measure, "selection": selection, "asked": ref},
            facts=selection.facts,
        )

    def _cross_measure(self, q: ParsedQuestion) -> Answer | None:
        parts = q.topic_parts()
        if len(parts) < 2:
            return None
        targets: list[Target] = []
        for part in parts:
            target = self._decide(self.index.match(without_intent_words(part)))
            if target is not None and target.kind == "measure" and target not in targets:
                targets.append(target)
        if len(targets) != 2:
            return None
        measures = [self.kb.measures[t.id] for t in targets]
        if measures[0].id == measures[1].id:
            return None
        ref = q.times[0] if q.times else TimeRef("now")
        sides = []
        for measure in measures:
            selection = self.series(measure.id).select(ref, measure.kind)
            if selection is None:
                return self._no_fact_for_time(measure, ref, self.series(measure.id))
            sides.append({"measure": measure, "selection": selection})
        comparable = measures[0].comparable(measures[1])
        result = (
            compare(sides[0]["selection"].preferred, sides[1]["selection"].preferred) if comparable else None
        )
        return Answer(
            AnswerStatus.ANSWERED,
            "cross_measure",
            {"sides": sides, "comparable": comparable, "comparison": result, "asked": ref},
            facts=_unique([s["selection"].preferred for s in sides]),
        )

    def _trend(self, measure: Measure, times: list[TimeRef] | None = None) -> Answer:
        series = self.series(measure.id)
        points = series.preferred_per_date()
        if times and times[0].period is not None:
            start = times[0].period.start
            end = times[1].period.end if len(times) > 1 and times[1].period else date.max
            points = [p for p in points if start <= p.period.end <= end]
        points = [p for p in points if not p.low_confidence] or points
        if not points:
            return self._no_fact_for_time(measure, times[0] if times else TimeRef("now"), series)
        shown = _spread(points, TREND_POINTS)
        change = compare(points[0], points[-1]) if len(points) > 1 else None
        return Answer(
            AnswerStatus.ANSWERED,
            "trend",
            {"measure": measure, "points": shown, "total": len(points), "change": change},
            facts=shown,
        )

    def _threshold(self, q: ParsedQuestion, measure: Measure) -> Answer:
        threshold = max(q.numbers)
        below, reached = self.series(measure.id).first_reaching(threshold)
        return Answer(
            AnswerStatus.ANSWERED,
            "threshold",
            {"measure": measure, "threshold": threshold, "below": below, "reached": reached},
            facts=[f for f in (below, reached) if f is not None],
        )

    def _definition(self, measure: Measure) -> Answer:
        series = self.series(measure.id)
        comparable = [self.kb.measures[m] for m in measure.comparable_with if m in self.kb.measures]
        return Answer(
            AnswerStatus.ANSWERED,
            "definition",
            {
                "measure": measure,
                "count": len(series),
                "first": series.facts[0] if len(series) else None,
                "last": series.facts[-1] if len(series) else None,
                "comparable": comparable,
            },
        )

    def _source(self, q: ParsedQuestion, measure: Measure | None) -> Answer:
        """Where a figure comes from: by the number named, else the figure for the time asked."""
        if q.numbers:
            stating = [f for n in q.numbers for f in self.facts_stating(n)]
            # The measure named, if any fact of it states the number; else any fact that does.
            facts = [f for f in stating if measure is not None and f.measure == measure.id] or stating
        elif measure is not None:
            selection = self.series(measure.id).select(
                q.times[0] if q.times else TimeRef("now"), measure.kind
            )
            facts = selection.facts if selection else []
        else:
            facts = []
        if not facts:
            return self._value(q, measure) if measure else self._no_match()
        facts = sorted(_unique(facts), key=lambda f: self.series(f.measure).preference(f))
        return Answer(AnswerStatus.ANSWERED, "provenance", {"facts": facts[:3]}, facts=facts[:3])

    def _derived(self, q: ParsedQuestion, derivation_id: str) -> Answer:
        derivation = self.kb.derivations[derivation_id]
        numerators = self.series(derivation.numerator)
        denominators = self.series(derivation.denominator)
        ref = q.times[0] if q.times else None
        pairs = []
        for top in reversed(numerators.preferred_per_date()):
            if ref is not None and ref.period is not None and not ref.period.overlaps(top.period):
                continue
            bottom = denominators.select(
                TimeRef("", month_period(top.period.end.year, top.period.end.month)), MeasureKind.RATE
            )
            if bottom is not None and bottom.preferred.value:
                pairs.append((top, bottom.preferred))
                break
        if not pairs:
            return self._no_match(
                reason=f"No two figures of the same month give {derivation.label.lower()}.",
            )
        numerator, denominator = pairs[0]
        return Answer(
            AnswerStatus.ANSWERED,
            "derived",
            {
                "derivation": derivation,
                "numerator": numerator,
                "denominator": denominator,
                "result": divide(numerator, denominator),
                "numerator_measure": self.kb.measures[derivation.numerator],
                "denominator_measure": self.kb.measures[derivation.denominator],
            },
            facts=[numerator, denominator],
        )

    # -- when unsure -------------------------------------------------------------

    def _no_fact_for_time(self, measure: Measure, ref: TimeRef, series: Series) -> Answer:
        period = ref.period or parse_period(self.today().isoformat())
        nearest = series.nearest(period)
        return Answer(
            AnswerStatus.NO_MATCH,
            "no_fact_for_time",
            {"measure": measure, "asked": ref, "nearest": nearest},
            facts=nearest,
            suggestions=[f"{measure.label} in {f.period.label}" for f in nearest],
        )

    def _suggest(self, matches: list[Match], times: str = "", reason: str | None = None) -> Answer:
        """ "Did you mean" the closest targets, with the times asked; or an honest no-match."""
        close = [m for m in matches if m.score >= self.thresholds.suggest][:MAX_SUGGESTIONS]
        if not close:
            return self._no_match(reason=reason)
        suggestions = [f"{self._target_label(m.target)} {times}".strip() for m in close]
        return Answer(AnswerStatus.SUGGESTIONS, "suggestions", {"reason": reason}, suggestions=suggestions)

    def _unknown_measure(self, text: str) -> Answer:
        return self._suggest(self.index.match(fold(text)), reason=f"No measure is called {text!r}.")

    def _no_match(self, reason: str | None = None) -> Answer:
        return Answer(
            AnswerStatus.NO_MATCH,
            "no_match",
            {"reason": reason, "examples": self.example_questions()},
            suggestions=self.example_questions()[:MAX_SUGGESTIONS],
        )

    def _target_label(self, target: Target) -> str:
        if target.kind == "derivation":
            return self.kb.derivations[target.id].label
        return self.kb.measures[target.id].label

    def example_questions(self) -> list[str]:
        """Questions the fact base can answer, for the no-match reply and empty autocomplete."""
        headline = self.headline_group[0].label if self.headline_group else "immigration court backlog"
        examples = [
            f"{headline} now",
            "compare the immigration court backlog in 2017 and 2024",
            "ICE non-detained docket when Biden took office",
            "how many immigration judges are there",
            "when did the backlog pass 3 million",
        ]
        return examples

    def _time(self, text: str) -> TimeRef:
        """A time typed on its own (`backlog compare ... 2017 2024`)."""
        times, _ = find_times(fold(text), self.kb.moments.values(), self.today())
        if times:
            return times[0]
        try:
            return TimeRef(text, parse_period(text))
        except DateFormatError:
            raise QuestionError(
                f"{text!r} is not a time I understand (try 2017, March 2024, FY2024 or now)"
            ) from None

    def _headline_group(self) -> list[Measure]:
        """The measure of highest priority and its siblings: what people call "the court backlog"."""
        if not self.kb.measures:
            return []
        top = max(self.kb.measures.values(), key=lambda m: (m.priority, m.id))
        return [top, *self._siblings(top)]


def _index_entries(kb: KnowledgeBase):
    for measure in kb.measures.values():
        yield Target("measure", measure.id, measure.priority), (measure.label, *measure.aliases)
    for derivation in kb.derivations.values():
        yield Target("derivation", derivation.id, 0), (derivation.label, *derivation.aliases)


def _month_shift(day: date, months: int) -> Period:
    index = day.year * 12 + day.month - 1 + months
    return month_period(index // 12, index % 12 + 1)


def _order_key(ref: TimeRef) -> date:
    return date.max if ref.period is None else ref.period.start


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[int, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.id, fact)
    return list(seen.values())


def _alternative_pairs(earlier: Selection, later: Selection) -> list[tuple[Fact, Fact]]:
    """Other sources' figures give other results: show them, never silently.

    A source with a figure at both times is compared with itself (one version of
    EOIR's table against the same version, never across a revision); a figure
    whose source has none at the other time is set against that time's preferred one.
    """
    pairs: dict[tuple[int, int], tuple[Fact, Fact]] = {}
    for other in earlier.differing:
        match = next((f for f in later.facts if f.source == other.source), later.preferred)
        pairs.setdefault((other.id, match.id), (other, match))
    for other in later.differing:
        match = next((f for f in earlier.facts if f.source == other.source), earlier.preferred)
        pairs.setdefault((match.id, other.id), (match, other))
    main = (earlier.preferred.id, later.preferred.id)
    return [pair for key, pair in pairs.items() if key != main]


def _spread(points: list[Fact], count: int) -> list[Fact]:
    """At most `count` points, evenly spread, always keeping the first and the last."""
    if len(points) <= count:
        return points
    step = (len(points) - 1) / (count - 1)
    return [points[round(i * step)] for i in range(count)]


def _rounding_range(stated: float) -> tuple[float, float]:
    """The values a stated number covers at its own rounding: "3.5 million" is 3,450,000-3,550,000."""
    digits = f"{stated:.15g}".replace(".", "").replace("-", "").strip("0") or "0"
    magnitude = 10 ** (len(str(int(abs(stated)))) - len(digits))
    return stated - magnitude / 2, stated + magnitude / 2


__all__ = ["Answer", "AnswerEngine", "AnswerStatus", "QuestionError"]
