"""The answer engine: a question in a person's words becomes a cited answer, or an honest no.

A question passes forward once: `understand.read` gives a `Reading` (intent, times,
numbers, the words left for the measure), the `MeasureIndex` says which measure those
words name and how sure that is, a `Series` per measure selects the facts for the
times asked, `compare` computes, and `render.Renderer` turns the `Answer` into text.

The engine answers only when the measure, the kind of answer and the time are all
understood. Otherwise it asks "did you mean", and every suggestion it offers has
itself been asked and answered; or it says plainly that it has no figure.
"""

from __future__ import annotations

import copy
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from itertools import islice, pairwise
from typing import Any

from .answer_data import AnswerData
from .compare import Comparison, compare, divide
from .dates import (
    DateFormatError,
    Period,
    Precision,
    add_months,
    fiscal_year,
    month_period,
    parse_period,
    span_period,
)
from .dates import year_period as calendar_year
from .matching import DEFAULT_THRESHOLDS, Match, MeasureIndex, Target, Thresholds
from .models import Fact, KnowledgeBase, Measure, MeasureKind, Qualifier, Source
from .models import Status as FactStatus
from .normalise import normalise
from .numbers import numbers_in
from .overlay import Layered
from .pairing import Pairing
from .selection import Selection, Series, build_series, counts_changes, source_ranks
from .text import fold
from .timeparse import Anchor, TimeRef, find_times
from .understand import Intent, QuestionError, Reading, place_names, read
from .vocabulary import OffTopic, Vocabulary, load_vocabulary

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 3
# A headline figure older than this is said to be out of date (about six months).
STALE_AFTER_DAYS = 183
MAX_AUTOCOMPLETE = 25  # Discord's limit on choices
MAX_CHOICE_LENGTH = 100  # Discord's limit on a choice's length
TREND_POINTS = 12
# Periods long enough that "how much did it grow in X" asks for the change over X.
_PERIODS = (Precision.QUARTER, Precision.FISCAL_YEAR, Precision.YEAR, Precision.SPAN)
_CHECKED_SUGGESTIONS = 50_000  # answers remembered for suggestions already asked
# A measure whose name the question holds this much of may use a neighbouring topic's word as its own
# ("confirmed deported, departed or dead": the parole group, not deportations in general).
_COVERING_SHARE = 0.8
# Another measure named in full this close to the best match makes the question about two things.
_RIVAL_REACH = 10.0
MAX_MEANINGS = 3  # "what does in absentia mean": at most this many measures' meanings side by side
_YEAR_DAYS = 366  # "the past year": a change reported within a stretch this long is the change over it
_SOON_AFTER_DAYS = 62  # a change reported within two months of a time is a change since it
_SIZE_REACH = 3  # margins: how far below the best a match of the size named may rank and still go first
_TIME_UNITS = frozenset({"days", "months", "years"})
# A question explained at least this much still names its measure when every rival is this far
# behind (chosen on the tuning part: 0.4 and 15 answer 12 more questions and no more wrongly).
_LEAD_EXPLAINED = 0.4
_LEAD_MARGIN = 15.0
# A close match explaining this much less of a question the top explains mostly is no rival.
_EXPLAINS_MORE = 0.05
_EXPLAINS_MOST = 0.7
_SHARE_REACH = 10.0  # how far below the top a measure kept in percent may be, when a share is asked
_TIME_UNITS_SINGULAR = frozenset({"day", "month", "year"})
# A count kept "since" a start answers for "since then" unless a level runs this much later.
_STALE_DAYS = 365
# A source asked for by a number: figures this share of it further than the nearest one are others.
_NEAR_A_NUMBER = 0.005
# A breakdown with a figure for the place named answers if it is this close to the best match.
_BREAKDOWN_REACH = 15.0
# A name typed in full settles a near tie only when it has this many words of substance: "backlog
# per judge" is held by "the ij backlog" word for word without being what it asks.
_WHOLE_NAME_WORDS = 3
# Units people name to say which measure they mean ("in days", "in years", "what percent").
_NAMING_UNITS = ("days", "months", "years", "percent")


class AnswerStatus(StrEnum):
    ANSWERED = "answered"
    SUGGESTIONS = "suggestions"
    NO_MATCH = "no_match"


class AnswerKind(StrEnum):
    """What an answer is, and so which template words it: `templates/<value>.md.j2`.

    One member per answer template; `tests/test_answer_contract.py` fails for a member with
    no template and for a template no member names.
    """

    ABOUT = "about"
    COMPARISON = "comparison"
    CROSS_MEASURE = "cross_measure"
    DEFINITION = "definition"
    DERIVED = "derived"
    FIGURE = "figure"
    HISTORY = "history"
    NO_BREAKDOWN = "no_breakdown"
    NO_FACT_FOR_TIME = "no_fact_for_time"
    NO_MATCH = "no_match"
    NOW = "now"
    OFF_TOPIC = "off_topic"
    PROVENANCE = "provenance"
    RANK = "rank"
    SUGGESTIONS = "suggestions"
    THRESHOLD = "threshold"
    TREND = "trend"

    @property
    def template(self) -> str:
        return f"{self.value}.md.j2"


@dataclass(frozen=True)
class Statement:
    """What an answer states as its answer: its figures and its computed comparison.

    This is what `backlog ask --json` reports as `answer`, and what the question corpus
    scores: the figure a reply states, not any number in its text.
    """

    intent: str
    measure: str | None = None
    figures: tuple[Fact, ...] = ()
    comparison: Comparison | None = None


@dataclass
class Answer:
    """What to say: which template (`kind`), its data, the facts it cites and follow-up questions."""

    status: AnswerStatus
    kind: AnswerKind
    data: AnswerData = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    question: str | None = None
    statement: Statement = field(default_factory=lambda: Statement("none"))

    def __post_init__(self) -> None:
        # A kind no template words is refused here, where it is made, not when it is first rendered.
        self.kind = AnswerKind(self.kind)


@dataclass(frozen=True)
class Choice:
    """Which target a question names, how it was found, and what else was close."""

    target: Target | None
    matches: list[Match]
    alias: str | None = None
    off_topic: OffTopic | None = None


class AnswerEngine:
    """Answers questions from one loaded fact base. Cheap to query, built once."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        today: Callable[[], date] = date.today,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        vocabulary: Vocabulary | None = None,
        stale_after_days: int = STALE_AFTER_DAYS,
    ) -> None:
        self.kb = kb
        self.today = today
        self.thresholds = thresholds
        self.vocabulary = vocabulary or load_vocabulary()
        # Who said each measure's figures and what it counts, as words: read once, kept for the
        # overlays' indexes.
        self._said = self._said_by()
        self.index = MeasureIndex(
            self._index_entries(),
            self.vocabulary,
            thresholds.unknown_word_weight,
            self._said,
            self._topics_within(),
        )
        # The stems of words of change ("grew", "drop"), which a level's name never needs.
        self._change_stems = frozenset(self.index.tokens(" ".join(self.vocabulary.change_words)))
        # The words of a share ("percent", "rate"): one set aside sets aside measures kept in percent.
        self._share_words = frozenset(w for p in self.vocabulary.asks_share for w in p.split())
        self._definitions_read: dict[str, str] = {}
        self._off_topic = {t.id: t for t in self.vocabulary.off_topic}
        self._aliases = {
            m.id: {normalise(a, self.vocabulary) for a in (m.label, *m.aliases)} for m in kb.measures.values()
        }
        self._series: dict[str, Series] | None = None
        # (value, id) sorted: "where does 3.5 million come from" is a range look-up, not a scan.
        # By size: a decline is stored negative ("cut by 115,000") and stated by its size.
        self._values = sorted((abs(f.value), f.id) for f in kb.facts.values())
        self._answerable: dict[str, bool] = {}
        # A fact's words and a measure's counters depend on that row alone, so a server's engine
        # (`over`) reads and fills these for the shared rows, and keeps its own for the rows it added.
        self._fact_words: dict[int, str] = {}
        self._counter_words: dict[str, set[str]] = {}
        self._own_fact_words: dict[int, str] = {}
        self._own_counter_words: dict[str, set[str]] = {}
        self._heads = {m.id: normalise(_labels(m.label)[-1], self.vocabulary) for m in kb.measures.values()}
        self._comparables = _comparables_of(kb)
        self.headline_group = self._headline_group()
        self.pairing = Pairing(kb)
        self.stale_after_days = stale_after_days
        # A server's own facts' (value, id), when this engine is an overlay (`over`).
        self._own_values: list[tuple[float, int]] = []
        # The measures whose series a server's rows changed, when this engine is an overlay (`over`).
        self._touched: set[str] = set()
        self._ranks: tuple[dict[str, tuple[int, int]], dict[str, bool]] | None = None

    def over(
        self,
        view: KnowledgeBase,
        facts: Iterable[Fact],
        measures: Iterable[Measure] = (),
        sources: Iterable[Source] = (),
    ) -> AnswerEngine:
        """An engine for one server's `view`: this engine's base plus the server's answered `facts`,
        own `measures` and own `sources`. It shares everything of this engine the server's rows
        leave as it is, so it costs memory in proportion to those rows: the series of the measures
        its facts are of are built again, and the index only when it has measures of its own (their names are
        words every other score is weighed against). It answers as `AnswerEngine(view)` would."""
        facts, measures = list(facts), list(measures)
        self.series("")  # the shared series, built once and read by every overlay
        assert self._series is not None
        engine = copy.copy(self)
        engine.kb = view
        # What answers in this view is its own: a server's facts may answer what the base did not.
        # The shared rows' words are the shared engine's caches, kept (see `__init__`).
        engine._answerable, engine._own_fact_words, engine._own_counter_words = {}, {}, {}
        if measures:
            engine._definitions_read = {}  # a server's measure may reuse another server's id
            engine.index = MeasureIndex(
                engine._index_entries(),
                self.vocabulary,
                self.thresholds.unknown_word_weight,
                self._said,
                engine._topics_within(),
            )
            engine._aliases = Layered(
                self._aliases,
                {m.id: {normalise(a, self.vocabulary) for a in (m.label, *m.aliases)} for m in measures},
            )
            engine._heads = Layered(
                self._heads, {m.id: normalise(_labels(m.label)[-1], self.vocabulary) for m in measures}
            )
            engine._comparables = _comparables_of(view)
            engine.headline_group = engine._headline_group()
        if self._ranks is None:
            self._ranks = source_ranks(self.kb.sources.values())
        own_published, own_primary = source_ranks(sources)
        published, primary = Layered(self._ranks[0], own_published), Layered(self._ranks[1], own_primary)
        touched = {f.measure for f in facts} | {m.id for m in measures}
        rebuilt: dict[str, Series] = {}
        of_touched: list[Fact] = []
        for measure in touched:
            base = self._series.get(measure)
            theirs = base.every_fact() if base else []
            theirs += [f for f in facts if f.measure == measure]
            changes = counts_changes(view, measure)
            rebuilt[measure] = Series(theirs, published, primary, changes=changes)  # type: ignore[arg-type]
            of_touched += theirs
        engine._series = Layered(self._series, rebuilt)  # type: ignore[assignment]
        engine._own_values = sorted((abs(f.value), f.id) for f in facts)
        engine._touched = touched
        engine.pairing = self.pairing.over(view, touched, of_touched, measures)
        return engine

    # -- look-ups ------------------------------------------------------------

    def series(self, measure_id: str) -> Series:
        if self._series is None:
            self._series = build_series(self.kb)
        return self._series.get(measure_id) or Series([], {}, {})

    def find_measure(self, text: str) -> Measure | None:
        """A measure by id, or by the best-matching name when that match is sure."""
        if text in self.kb.measures:
            return self.kb.measures[text]
        target = self._decide(self.index.match(normalise(text, self.vocabulary, self.today())))
        return self.kb.measures[target.id] if target and target.kind == "measure" else None

    def complete_measures(self, partial: str, limit: int) -> list[Measure]:
        """Measures whose names fit text still being typed, best first (autocomplete)."""
        found = self.index.complete(normalise(partial, self.vocabulary, self.today()), limit)
        return [self.kb.measures[m.target.id] for m in found if m.target.kind == "measure"]

    # -- entry points ----------------------------------------------------------

    def ask(self, question: str, *, check_suggestions: bool = True) -> Answer:
        """Answer a free-text question. Raises QuestionError only for unaskable input."""
        reading = read(question, self.vocabulary, self.kb.moments.values(), self.today(), self.index.spelled)
        answer = self._answer(reading)
        if check_suggestions:
            answer.suggestions = self._answering(answer.suggestions, MAX_SUGGESTIONS)
            if answer.status is AnswerStatus.SUGGESTIONS and not answer.suggestions:
                answer = self._no_match(unsure=answer.data.get("unsure"))
        answer.question = reading.original
        return answer

    def forget_suggestions(self) -> None:
        """Forget which suggestions answer (after the thresholds change)."""
        self._answerable.clear()

    def warm(self) -> None:
        """Ask, once, what autocomplete offers most: every measure's and derived figure's name, and the
        example questions. Then the first keystrokes need not ask them (the bot runs this off its
        event loop after start-up)."""
        self.series("")
        names = [
            *(m.label for m in self.kb.measures.values()),
            *(d.label for d in self.kb.derivations.values()),
        ]
        for question in [*self.example_questions(), *names]:
            self.answers(question[:MAX_CHOICE_LENGTH])

    def warm_own(self) -> None:
        """Ask, once, what autocomplete offers first that a server's own rows may change: the example
        questions and the names of the measures those rows touch. The bot runs this in the worker
        thread that builds a server's engine (`over`) after a change; the shared rows' words it needs
        are in the shared engine's caches already."""
        names = [self.kb.measures[m].label for m in sorted(self._touched) if m in self.kb.measures]
        for question in [*self.example_questions(), *names]:
            self.answers(question[:MAX_CHOICE_LENGTH])

    def _answering(self, questions: Iterable[str], limit: int) -> list[str]:
        """The first `limit` questions that answer, each asked only until enough are found."""
        return list(islice((q for q in questions if self.answers(q)), limit))

    def answers(self, question: str) -> bool:
        """Whether a question gets an answer: every suggestion offered must."""
        known = self._answerable.get(question)
        if known is None:
            try:
                known = self.ask(question, check_suggestions=False).status is AnswerStatus.ANSWERED
            except QuestionError:
                known = False
            if len(self._answerable) >= _CHECKED_SUGGESTIONS:
                self._answerable.clear()
            self._answerable[question] = known
        return known

    def now(self) -> Answer:
        """The latest court backlog, the other counts of it, how it changed, and how old it is."""
        latest = [(m, self.series(m.id).latest()) for m in self.headline_group]
        latest = [(m, s) for m, s in latest if s is not None]
        if not latest:
            return self._no_match(unsure="empty")
        measure, selection = max(latest, key=lambda pair: (pair[1].preferred.period.end, pair[0].priority))
        series = self.series(measure.id)
        end = selection.preferred.period.end
        changes = []

        def start_of(year: int) -> Selection | None:
            return series.select(TimeRef("", month_period(year, 1)), measure.kind, earliest=True)

        for label, earlier in (
            ("a year before", self._year_before(series, end)),
            ("the start of 2021", start_of(2021)),
            ("the start of 2017", start_of(2017)),
        ):
            if earlier is not None and earlier.preferred.period.end < end:
                pair = self.pairing.choose(earlier, selection)
                comparison = compare(pair.earlier, pair.later)
                changes.append({"label": label, "comparison": comparison, "pair": pair})
        others = [{"measure": m, "selection": s} for m, s in latest if m.id != measure.id]
        age_days = (self.today() - end).days
        facts = [*selection.facts[:3]]
        facts += [c["comparison"].earlier for c in changes]
        facts += [o["selection"].preferred for o in others]
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.NOW,
            {
                "measure": measure,
                "selection": selection,
                "changes": changes,
                "others": others,
                "age_days": age_days,
                "stale": age_days > self.stale_after_days,
                "stale_after_days": self.stale_after_days,
            },
            facts=_unique(facts),
            statement=Statement("value", measure.id, (selection.preferred,)),
        )

    def _year_before(self, series: Series, end: date) -> Selection | None:
        """The figure nearest to a year before `end`, within two months of it: a count is rarely
        reported on the same day a year apart."""
        target = add_months(end, -12)
        window = series.between(add_months(target, -2), add_months(target, 2))
        if not window:
            return None
        nearest = min(window, key=lambda f: abs((f.period.end - target).days))
        return series.at(nearest)

    def compare_times(self, measure_text: str, from_text: str, to_text: str) -> Answer:
        """One measure at two times, as `backlog compare MEASURE FROM TO` asks."""
        measure = self.find_measure(measure_text)
        if measure is None:
            return self._unknown_measure(measure_text)
        times = [self._time(text) for text in (from_text, to_text)]
        return self._compare_times(measure, times[0], times[1])

    def suggest(self, partial: str, limit: int = MAX_AUTOCOMPLETE) -> list[str]:
        """Questions to offer while someone types (autocomplete): ones that answer, best first."""
        text = normalise(partial or "", self.vocabulary, self.today())
        if not text:
            return self._answering(self.example_questions(), limit)
        times = find_times(text, self.vocabulary, self.kb.moments.values(), self.today())
        suffix = " ".join(t.text for t in times.times)
        found = [
            f"{self._target_label(m.target)} {suffix}".strip()[:MAX_CHOICE_LENGTH]
            for m in self.index.complete(times.without_times(), limit)
            if m.score >= self.thresholds.suggest and m.target.kind != "topic"
        ]
        return self._answering(dict.fromkeys(found), limit)

    def facts_stating(self, number: float) -> list[Fact]:
        """Facts whose value is the number as stated, at its rounding ("3.5 million")."""
        found = self._facts_of_size(number)
        if 0 < number < 1:
            # "A quarter of the judges": 25 percent.
            percent = self._facts_of_size(round(number * 100, 6))
            found += [f for f in percent if self.kb.measures[f.measure].unit == "percent"]
        return found

    def _facts_of_size(self, number: float) -> list[Fact]:
        low, high = _rounding_range(number)
        found: list[tuple[float, int]] = []
        for values in (self._values, self._own_values):  # the base's, and a server's own (`over`)
            found += values[bisect_left(values, (low, -1)) : bisect_right(values, (high, 1 << 62))]
        return [self.kb.facts[fact_id] for _, fact_id in sorted(found)]

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
            AnswerKind.ABOUT,
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
            return self._no_match(unsure="fact", fact_id=fact_id)
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.PROVENANCE,
            {"facts": [fact]},
            facts=[fact],
            statement=Statement("source", fact.measure, (fact,)),
        )

    # -- understanding: which target, how sure --------------------------------------

    def _answer(self, r: Reading) -> Answer:
        if r.fact_id is not None:
            return self.fact_answer(r.fact_id)
        if r.thanks and not any(
            m.score >= self.thresholds.answer and m.complete and len(m.complete.split()) > 1
            for m in self.index.match(r.topic, limit=3)
        ):
            # "lol ty bot, saved my deadline": no figure asked; "the latest backlog... thank you" asks one.
            return self._no_match(unsure="thanks")
        if (counter := self._who_counts(r)) is not None:
            return self._definitions([self.kb.measures[counter.id]])
        if (unlike := self._unlike_made_one(r)) is not None:
            return unlike
        if r.intent in (Intent.COMPARE, Intent.VALUE):
            # Two measures named on either side of "vs", "or", "and" are set side by side.
            crossed = self._cross_measure(r)
            if crossed is not None:
                return crossed
            if self._other_side_unknown(r):
                # "feb 2021 final orders free vs still in court": one side's figure alone would answer
                # half the question, as though it were the whole.
                return self._suggest(self.index.match(r.asked or r.topic), r)
        if r.intent is Intent.DEFINITION:
            # "GAO's backlog, is it different from EOIR's pending count?": both meanings.
            # Joined by "and" or "to" only in the asking sentences: "my uncle added it to the court
            # backlog" is a story's.
            vocabulary = self.vocabulary
            readings = [(r.topic, vocabulary.contrasts_alone), (r.asked or r.topic, vocabulary.contrasts)]
            named = next(
                (
                    found
                    for text, joiners in [*readings, *((c, vocabulary.contrasts) for c in r.clauses)]
                    if len(found := self._two_measures(r, text, joiners)) == 2
                ),
                [],
            )
            if not named and len(r.sentences) == 2 and len(r.clauses) == 2:
                # "How does GAO define 'case backlog'? Is it the same as EOIR's pending?": one each,
                # when both ask ("... my uncle added it to the court backlog" is a story's).
                named = [t for t in map(self._named_in_full, r.sentences) if t is not None]
            if len(named) == 2 and named[0] != named[1]:
                return self._definitions([self.kb.measures[t.id] for t in named])
        asking = self._off_topic_asked(r)
        if asking is not None:
            return self._off_topic_answer(asking)
        if r.intent is Intent.DEFINITION and (meant := self._meaning_asked_beside_a_topic(r)):
            # "what counts as pending in eoir's count? removal only or asylum-only too", "what is a
            # final order of removal, does it mean they got deported": what the measure holds is
            # asked, the neighbouring topic is part of the question about it.
            return self._definitions(meant)
        choice = self._choose(r)
        if choice.off_topic is not None:
            return self._off_topic_answer(choice.off_topic)
        if choice.target is None:
            if r.intent is Intent.SOURCE and r.numbers:
                return self._source(r, None)
            if (
                r.intent is Intent.DEFINITION
                and len(r.parts_of(r.asked or r.topic, self.vocabulary.contrasts)) < 2  # one term
                and (close := self._close_meanings(choice.matches))
            ):
                # "wtf does 'in absentia' mean": a term several measures share; each meaning, said
                # side by side, answers it (a meaning states no figure to get wrong).
                return self._definitions(close)
            return self._suggest(choice.matches, r)
        if r.unclear and r.intent not in (Intent.SOURCE, Intent.DEFINITION):
            # "Obama's PD review" names no time when only a source or a meaning is asked.
            return self._time_unclear(choice.target, r)
        if choice.target.kind == "derivation":
            return self._derived(r, choice.target.id)
        answer = self._answer_about(r, self.kb.measures[choice.target.id], choice)
        if answer.kind is AnswerKind.NO_FACT_FOR_TIME:
            self._offer_close_measures_then(answer, r, choice)
        if self._restates_the_whole(r, answer):
            # "Of the 411k cases in the PD review, how many ended in deportation": not the 411k.
            return self._suggest([m for m in choice.matches if m.target != choice.target], r)
        return answer

    def _meaning_asked_beside_a_topic(self, r: Reading) -> list[Measure]:
        """The measure a question asking a meaning names in full once a neighbouring topic's words
        are set apart ("does it mean they got deported"): that measure's meaning (or the close few's)."""
        text = r.asked or r.topic
        topic = self._off_topic_named(self.index.match(text, limit=8))
        if topic is None or self._off_topic_asked(r, r.text) is not None:
            return []  # "is that ok, yes or no": a way of asking that is a topic of its own
        rest = _without(text, frozenset((topic.complete or topic.alias).split()))
        named = [
            m
            for m in self.index.match(rest, limit=8)
            if m.target.kind == "measure" and m.complete and m.score >= self.thresholds.answer
        ]
        if not named:
            return []
        return self._close_meanings(named) or [self.kb.measures[named[0].target.id]]

    def _close_meanings(self, matches: list[Match]) -> list[Measure]:
        """The measures a term asked about may mean: two or three, each sure, none far behind."""
        sure = [m for m in matches if m.target.kind == "measure" and m.score >= self.thresholds.answer]
        if not sure:
            return []
        close = [m for m in sure if sure[0].score - m.score < self.thresholds.margin]
        measures = list(dict.fromkeys(self.kb.measures[m.target.id] for m in close))
        return measures if 2 <= len(measures) <= MAX_MEANINGS else []

    def _restates_the_whole(self, r: Reading, answer: Answer) -> bool:
        """Whether a figure answered is the whole the question gave ("of the 411k cases")."""
        figures = answer.statement.figures if answer.statement else ()
        return (
            answer.kind is AnswerKind.FIGURE
            and bool(r.wholes)
            and any(math.isclose(f.value, whole, rel_tol=0.02) for f in figures for whole in r.wholes)
        )

    def _offer_close_measures_then(self, answer: Answer, r: Reading, choice: Choice) -> None:
        """ "Administratively closed in FY2020" read as the inactive pending count, which has no
        FY2020 figure: the close measures that do have one are offered, never answered for it."""
        if len(r.times) != 1 or r.times[0].period is None:
            return
        ref = r.times[0]
        offered = []
        for m in choice.matches:
            if m.target.kind != "measure" or m.target == choice.target or m.score < self.thresholds.answer:
                continue
            measure = self.kb.measures[m.target.id]
            found = self.series(measure.id).select(ref, measure.kind)
            if found is not None:
                question = self.vocabulary.questions["value"].format(
                    measure=measure.label, time=self._time_words(found.preferred.period)
                )
                offered.append({"measure": measure, "fact": found.preferred, "question": question})
        answer.data["elsewhere"] = offered[:MAX_SUGGESTIONS]
        answer.suggestions = [o["question"] for o in answer.data["elsewhere"]] + answer.suggestions

    def _answer_about(self, r: Reading, measure: Measure, choice: Choice) -> Answer:
        """The answer about one measure: its facts narrowed to what the question allows, by intent."""
        series = self.series(measure.id)
        if r.versions:
            # "The April 2021 table": only that version's figures, never mixed with another's.
            series = series.only([f for f in series.facts if self._of_version(f, r.versions)])
            if not len(series):
                return self._no_match(unsure="version", measure=measure, versions=r.versions)
        if r.intent is Intent.VALUE:
            series = self._of_publisher_named(r, measure, series)
        if unwanted := self._statuses_set_aside(r):
            series = series.only([f for f in series.facts if f.status.value not in unwanted])
        if r.statuses_asked:
            # "What was it supposed to hit": a projection answers, a count would answer another question.
            series = series.only([f for f in series.facts if f.status.value in r.statuses_asked])
            if not len(series):
                return self._no_match(unsure="status", measure=measure, statuses=r.statuses_asked)
        guessed = (r.intent is Intent.RANK and len(r.places) == 1) or (
            r.position and r.intent in (Intent.RANK, Intent.VALUE)
        )
        if guessed and any(f.place for f in series.facts):
            # "Which state had the biggest backlog? texas obviously": a guess at the first, not
            # the one place asked about; "the 2nd biggest country? guatemala or mexico": guesses at
            # the second, whose place is in the whole ranking, not among the two named.
            return self._rank(replace(r, places=()), measure, series)
        if (
            r.places
            and not self._names_places(Target("measure", measure.id), r.places)
            and not self._where_it_was_counted(series, r.places)
        ):
            # Several places' figures of one date: "48 countries" is one count, not a breakdown.
            breakdown = self._breaks_down(Target("measure", measure.id))
            series = series.only(self._facts_of_places(series, r.places) if breakdown else [])
            if not len(series):
                return self._no_breakdown(measure, r)
            if len(r.places) > 1 and r.intent in (Intent.VALUE, Intent.COMPARE, Intent.RANK):
                # "Which is bigger: cubans or brazilians?": the places named, side by side, largest first.
                return self._rank(r, measure, series)
        elif r.intent in (Intent.VALUE, Intent.RANK, Intent.SOURCE) and any(f.place for f in series.facts):
            # "Top 5 countries on ICE's docket": every place of one date, largest first, never one
            # place's figure as if it were the whole.
            return self._rank(r, measure, series)
        if self._unit_mismatch(r, measure):
            fitting = self._of_fitting_unit(r, choice)
            if fitting is not None:
                return self._answer_about(r, fitting, Choice(Target("measure", fitting.id), choice.matches))
            return Answer(
                AnswerStatus.SUGGESTIONS,
                AnswerKind.SUGGESTIONS,
                {"unsure": "unit"},
                suggestions=[self._as_question(r, measure.label)],
            )
        if r.ahead and not r.times and r.intent not in (Intent.DEFINITION, Intent.SOURCE):
            return self._ahead(r.ahead[0], measure, series)
        match r.intent:
            case Intent.DEFINITION:
                return self._definitions([measure])
            case Intent.TREND:
                return self._trend(measure, r.times, series)
            case Intent.THRESHOLD if r.numbers:
                if not self._of_size(Target("measure", measure.id), r.numbers[-1]) and any(
                    t.period is not None for t in r.times
                ):
                    # "cases per judge when the backlog hit 3M (nov 2023)": the crossing, another
                    # measure's, only dates the figure asked.
                    return self._value(r, measure, choice, series)
                if not self._of_size(Target("measure", measure.id), r.numbers[-1]) and (
                    crossing := self._crossing_of_another(r, measure, choice)
                ):
                    # "cases per judge when the backlog crossed 3 million": the month it did.
                    return self._value(replace(r, times=[crossing]), measure, choice, series)
                if not self._of_size(Target("measure", measure.id), r.numbers[-1]):
                    # "When did the asylum caseload pass 800k", read as a per-judge count: not that.
                    fitting = [
                        m
                        for m in choice.matches
                        if m.target.kind != "measure" or self._of_size(m.target, r.numbers[-1])
                    ]
                    return self._suggest(fitting, r)
                return self._threshold(r, measure, series)
            case Intent.SOURCE:
                return self._source(r, measure, series)
            case Intent.RANK:
                return self._rank(r, measure, series)
            case Intent.COMPARE:
                return self._compare(r, measure, choice, series)
        return self._value(r, measure, choice, series)

    def _choose(self, r: Reading) -> Choice:
        """What the question is about: read whole, and when that is unsure, sentence by sentence,
        so that a story around a question ("my cousin has waited 4 years... what's the backlog
        now?") does not drown it. The surest sentence wins."""
        if (headline := self._headline_of_counter(r.topic)) is not None:
            return Choice(headline, self.index.match(r.topic, limit=8))
        if (counted := self._counted_alone(r)) is not None:
            return counted
        best = self._choose_in(r, r.topic)
        if (computed := self._levels_instead_of_a_multiple(r, best)) is not None:
            return computed
        asked = r.asked if r.asked and r.asked != r.topic else None
        if best.target is not None and asked is not None:
            best = self._unless_the_story_chose(r, best, asked)
        if best.off_topic is not None or best.target is not None:
            return best
        aside: Choice | None = None  # a neighbouring topic one sentence names
        for clause in [asked, *r.clauses] if asked else r.clauses:
            if self._only_counter(clause):
                continue  # "(TRAC)" beside a question says whose count, not which
            choice = self._choose_in(r, clause)
            if choice.off_topic is not None:
                aside = aside or choice
            elif choice.target is not None and (best.target is None or _surer(choice, best)):
                best = choice
        if aside is not None and (best.target is None or _top(best) < self.thresholds.answer):
            return aside  # "(small museum, very low budget lol)" beside a question surely asked is an aside
        if best.target is None and asked is not None:
            # "trac count end of fy2024?? not eoir, TRAC. my cousin swears its 5 mil": whose count the
            # asking sentences name, with nothing else, is theirs of the court backlog.
            headline = next(
                (h for text in (asked, *r.clauses) if (h := self._headline_of_counter(text)) is not None),
                None,
            )
            named = self._named_by_the_story(r, asked)
            if headline is not None and named is None:
                return Choice(headline, self.index.match(asked, limit=8))
            return named or best
        return best

    def _levels_instead_of_a_multiple(self, r: Reading, best: Choice) -> Choice | None:
        """ "Breitbart says biden 'nearly tripled' the backlog. actual ratio jan 2021 vs end of march
        2024?": a publisher's multiple named, and two times asked, is checked against the two levels
        of the thing it multiplies, computed; the claim's words must not choose the claim."""
        if r.intent is not Intent.COMPARE or len(r.times) != 2 or not best.matches:
            return None
        top = best.matches[0]
        if best.target not in (None, top.target) or top.target.kind != "measure":
            return None
        if top.score < self.thresholds.answer or self.kb.measures[top.target.id].unit != "times":
            return None
        levels = [
            m.target
            for m in best.matches[1:]
            if m.target.kind == "measure"
            and self._level_and_its_change(m.target, top.target)
            and self._levels_at_both(r, m.target, top.target)
        ]
        if not levels:
            # "breitbart said biden tripled it. jan 2021 vs march 2024": the multiple says what it
            # multiplies, though the question does not name it; the headline count of it first.
            levels = sorted(
                (
                    target
                    for m in self.kb.measures.values()
                    if (target := Target("measure", m.id, m.priority)) != top.target
                    and m.kind is MeasureKind.STOCK
                    and self._level_and_its_change(target, top.target)
                    and self._levels_at_both(r, target, top.target)
                ),
                key=lambda t: (-t.priority, t.id),
            )
        return Choice(levels[0], best.matches, None) if levels else None

    def _named_by_the_story(self, r: Reading, asked: str) -> Choice | None:
        """ "I remember trac putting out a record for the court backlog... what was trac's count at
        the end of may 2018?": when the asking sentences name nothing but whose count or "that", the
        one thing the story names for sure is what they mean. Two things named: unsure."""
        if any(m.score >= self.thresholds.suggest for m in self.index.match(asked, limit=3)):
            return None  # the question names something of its own, only not surely
        story = [s for s in r.sentences if s not in r.clauses]
        named = [c for c in (self._choose_in(r, s) for s in story) if c.target is not None]
        # Named in full and surely: "my paper is finally done" does not name final orders.
        sure = [
            c for c in named if _top(c) >= self.thresholds.answer and c.off_topic is None and _named_whole(c)
        ]
        if not sure or len(sure) < len(named):
            return None
        if any(c.target != sure[0].target and not self._comparable(c.target, sure[0].target) for c in sure):
            return None
        return max(sure, key=_top)

    def _unless_the_story_chose(self, r: Reading, best: Choice, asked: str) -> Choice:
        """ "my mom got her notice to appear in 2019 in houston. how big was the court backlog that
        year?": when the asking sentences name one thing for sure and the whole message chose
        another that does not even hold it (the story's notices to appear), the question's own
        wins. A choice that holds what was asked ("the backlog" and its "record quarter" of
        growth) is the story qualifying the question, and stays, unless the asking sentences name
        their own in full at least as surely ("how has the number of immigration judges changed?
        seems like they keep firing them": the judges' count, not the firings)."""
        own = self._choose_in(r, asked)
        if own.target is None or own.target == best.target or own.off_topic is not None:
            return best
        if best.target.kind != "measure" or own.target.kind != "measure" or own.alias is None:
            return best
        if r.intent not in (Intent.VALUE, Intent.TREND, Intent.COMPARE, Intent.THRESHOLD):
            return best
        if (self._is_change(best.target) or self._is_change(own.target)) and (
            self.index.alias_tokens(best.target) & self.index.alias_tokens(own.target)
        ) - self._change_stems:
            # A change often takes its qualifier from the story, when the two are of one thing
            # ("how many cases got added to the pile... my lawyer said": not the share with a lawyer).
            return best
        if _top(own) < self.thresholds.answer or self._comparable(own.target, best.target):
            return best
        if set(asked.split()) & self.vocabulary.pointing_back:
            return best  # "how many of those cases had made it to immigration court": the story's
        if r.intent in (Intent.COMPARE, Intent.THRESHOLD) and not _named_whole(own):
            return best  # a comparison's or threshold's own sentence must name its measure in full
        own_match = next((m for m in own.matches if m.target == own.target), None)
        also = next((m for m in own.matches if m.target == best.target), None)
        if (
            also is not None
            and also.score >= self.thresholds.suggest
            and not _names_more(own_match, also)
            and not self._named_by_the_story_only(r, best, asked, own_match)
        ):
            return best  # the asking sentences name the whole's choice too
        if set(self.index.tokens(own.alias)) <= self.index.alias_tokens(best.target) and not (
            own_match and own_match.complete and own_match.score >= _top(best)
        ):
            return best
        return own

    def _named_by_the_story_only(self, r: Reading, best: Choice, asked: str, own_match: Match | None) -> bool:
        """Whether the words that name the whole's choice are the story's, not the asking sentences':
        "how many cases were waiting in immigration court in december 2021? thats when my asylum case
        got filed" asks the backlog; "asylum" is the story's. A sentence with a word of asking in it
        ("wetherell parole test group: % still in the US?") is no story."""
        if own_match is None or own_match.complete is None or own_match.score < self.thresholds.answer:
            return False
        chosen = next((m for m in best.matches if m.target == best.target), None)
        if chosen is None:
            return False
        story_only = set(self.index.tokens(chosen.alias)) - set(self.index.tokens(asked))
        if not story_only:
            return False
        asking = (
            self.vocabulary.question_words | set(self.vocabulary.asks_share) | set(self.vocabulary.asks_count)
        )
        holding = [s for s in r.sentences if story_only & set(self.index.tokens(s))]
        # "that's when my case got filed" asks nothing
        telling = [r.parts_of(s, self.vocabulary.relative_question_words) for s in holding]
        return bool(holding) and not any(
            asking & set(w for part in parts for w in part.split()) for parts in telling
        )

    def _counted_alone(self, r: Reading) -> Choice | None:
        """ "How many IJs are there rn, with all the firings": what "how many ... are there" counts,
        when it names a level for sure, is what is asked; the firings are why it is asked."""
        if r.counted is None or r.intent is not Intent.VALUE or r.asks_rate:
            return None  # "how many judges are there per court": not the judges' count
        choice = self._choose_in(r, r.counted)
        if choice.target is None or choice.target.kind != "measure" or _top(choice) < self.thresholds.answer:
            return None
        return choice if self.kb.measures[choice.target.id].kind is MeasureKind.STOCK else None

    def _choose_in(self, r: Reading, topic: str) -> Choice:
        """What some words are about. Words like "growth" may name a measure of change;
        where a level of the same thing answers for the times asked, the change is computed."""
        matches = self._local(self._not_set_aside(self.index.match(topic, limit=8), r, topic), r)
        matches = self._holding_total(self._fitting_number(self._of_counters_named(matches, r), r), r)
        stripped = _without(topic, self.vocabulary.intent_words)
        named_by = set(self.index.tokens(stripped))
        if not named_by:
            # "DROP TABLE facts": a word of change or of asking names no measure by itself.
            return Choice(None, matches)
        if len(r.clauses) > 1 and named_by <= self.vocabulary.counters:
            # "... at one point?? what number did they give (EOIR)": whose, not what; the story says.
            return Choice(None, matches)
        plain = (
            self._not_set_aside(self.index.match(stripped, limit=8), r, topic)
            if stripped != topic
            else matches
        )
        # A neighbouring topic counts when the question asks about it, not when its story mentions it.
        asked = r.asked if topic == r.topic else topic
        off_topic = self._off_topic_named(self.index.match(asked, limit=8) if asked != topic else matches)
        target, alias = self._decide_with_alias(self._fitting(matches, r), r)
        plain_target, plain_alias = self._decide_with_alias(self._fitting(plain, r), r)
        chosen = next((m for m in [*matches, *plain] if m.target == (target or plain_target)), None)
        if off_topic is not None and not self._covers(chosen, off_topic, r.text):
            return Choice(None, matches, off_topic=self._off_topic[off_topic.target.id])
        if (
            target is not None
            and self._is_change(target)
            and (plain_target is None or self._is_change(plain_target))
        ):
            # "How much has the immigration court backlog grown since...": the level named in full.
            named = next(
                (
                    m
                    for m in plain
                    if m.complete and m.target.kind == "measure" and not self._is_change(m.target)
                ),
                None,
            )
            # Since a time, or between two where the change has no figure ("between the day biden
            # took office and march 2024, how much did the backlog increase? a percent"), a term
            # setting the scene perhaps beside them ("biden's first 2 yrs: ... jan 2021 to jan 2023").
            two_unfit = len(r.times) >= 2 and not self._change_fits(r, target)
            if named is not None and r.times and (r.times[0].since or two_unfit):
                plain_target, plain_alias = named.target, named.alias
        if target is not None and self._is_change(target) and plain_target is not None:
            level = not self._is_change(plain_target) and plain_target.kind == "measure"
            if level and (
                not self._change_fits(r, target)
                or self._level_answers_since(r, plain_target, target)
                or self._levels_at_both(r, plain_target, target)
            ):
                return Choice(plain_target, plain, plain_alias)
        if target is not None:
            return Choice(target, matches, alias)
        if plain_target is not None and r.over_period and not self._is_change(plain_target):
            # "By how much did the backlog grow during FY2022, TRAC's numbers": a close match that
            # counted the change over exactly that year (478,898) answers better than two rounded levels.
            fitting = self._fitting(matches, r)
            level = next((m.score for m in fitting if m.target == plain_target), 0.0)
            exact = next(
                (
                    m
                    for m in fitting
                    if self._is_change(m.target)
                    and level - m.score < self.thresholds.margin
                    and self._comparable_change(plain_target, m.target)
                    and self._counted_over_exactly(r, m.target)
                ),
                None,
            )
            if exact is not None:
                return Choice(exact.target, matches, exact.alias)
        return Choice(plain_target, plain if plain_target else matches or plain, plain_alias)

    def _local(self, matches: list[Match], r: Reading) -> list[Match]:
        """With places named, the measures of those places ("the miami backlog"), or the breakdowns
        that have a figure for them, before the national ones."""
        if not r.places:
            return matches
        measures = [m for m in matches if m.target.kind == "measure" and m.score >= self.thresholds.suggest]
        named = [m for m in measures if self._names_places(m.target, r.places)]
        # A breakdown with a figure for the place settles a near tie; it never outranks a better match.
        top = measures[0].score if measures else 0.0
        # The place asked settles which of them is meant: the national figure cannot answer for it.
        breakdowns = [
            m
            for m in measures
            if self._is_breakdown(m.target) and self._facts_of_places(self.series(m.target.id), r.places)
        ]
        # A measure of the places named that counts another thing than the best match ("venezuela
        # or cuba on the ice docket" is not TRAC's court cases of those nationals) gives way to a
        # breakdown of the thing best matched.
        best = set(self.index.tokens(measures[0].alias)) if measures else set()
        of_another = bool(named) and not any(best <= self.index.alias_tokens(m.target) for m in named)
        if breakdowns and (not named or of_another):
            # The place's name is what the breakdown's own names lack ("brazilians final orders ice
            # docket"): how near it is, and how much of the question it explains, is read without it.
            regex, _ = place_names(self.vocabulary)
            unplaced = {m.target: m for m in self.index.match(regex.sub(" ", r.topic), limit=8)}
            breakdowns = [self._placed(m, top, unplaced.get(m.target)) for m in breakdowns]
        # A breakdown of the thing best matched ("final orders ... by country" for "final orders on
        # the ice docket"), not of another thing the question's words also touch (the whole docket).
        of_the_thing = [
            m
            for m in breakdowns
            if top - m.score < _BREAKDOWN_REACH and best <= self.index.alias_tokens(m.target)
        ]
        local = (of_the_thing if of_another and of_the_thing else named) or of_the_thing
        return [*local, *(m for m in matches if m.target.kind == "topic")] if local else matches

    def _placed(self, match: Match, top: float, unplaced: Match | None) -> Match:
        """A breakdown's match with the places named read as understood, when it has several places'
        figures (they are what its names lack); lifted to the best match's score when near it."""
        score, share = match.score, match.question_share
        if unplaced is not None and self._breaks_down(match.target):
            score, share = max(score, unplaced.score), max(share, unplaced.question_share)
        if top - score < _BREAKDOWN_REACH:
            score = max(score, top)
        return replace(match, score=score, question_share=share)

    def _is_breakdown(self, target: Target) -> bool:
        """A measure kept one figure per country or state ("ICE docket by country")."""
        # Whole phrases of its names: "by court" is a breakdown, "immigration court" is not.
        names = [f" {a} " for a in self._aliases.get(target.id, ())]
        return any(f" {w} " in name for w in self.vocabulary.breakdown_words for name in names)

    def _breaks_down(self, target: Target) -> bool:
        """A breakdown with several places' figures of one date ("how many countries are in the
        group" is one count, not a breakdown)."""
        if not self._is_breakdown(target):
            return False
        ends = [f.period.end for f in self.series(target.id).facts]
        return len(ends) > len(set(ends))

    def _of_counters_named(self, matches: list[Match], r: Reading) -> list[Match]:
        """ "TRAC's all-time high": a question that names who counts sets aside measures another
        counts ("EOIR's statement"); measures no one names stay."""
        named = self._counters_in(r.asked or r.topic)
        if not named:
            return matches
        kept = [
            m
            for m in matches
            if m.target.kind not in ("measure", "derivation")
            or named & (theirs := self._counters_of_inputs(m.target))
            or not theirs
        ]
        return kept or matches

    def _counters_of_inputs(self, target: Target) -> set[str]:
        """Who counts a measure, or the measures a derived figure is computed from."""
        if target.kind != "derivation":
            return self._counters_of(target)
        derivation = self.kb.derivations[target.id]
        inputs = (derivation.numerator, derivation.denominator)
        return set().union(*(self._counters_of(Target("measure", m)) for m in inputs))

    def _of_publisher_named(self, r: Reading, measure: Measure, series: Series) -> Series:
        """ "The GAO number please", "per breitbart": of a measure whose figures several publishers
        put out, the named one's. Its own counter's name ("TRAC's backlog") names the whole count."""
        named = self._publishers_named(r, measure)
        if not named:
            return series
        theirs = [f for f in series.facts if named & self._publisher_words(f)]
        return series.only(theirs) if theirs and len(theirs) < len(series) else series

    def _publishers_named(self, r: Reading, measure: Measure) -> set[str]:
        asked = set((r.asked or r.topic).split()) - set(" ".join(r.set_aside).split())
        named = asked & self.vocabulary.source_names
        if not named:
            return named
        # A counter's name names a count ("TRAC's backlog, and EOIR's"), unless the measure is
        # counted by several ("GAO and EOIR"): then who put a figure out says who counted it.
        several = _counted_by_several(measure.counted_by, self.vocabulary.counters)
        return named if several else named - self.vocabulary.counters

    def _publisher_words(self, fact: Fact) -> set[str]:
        """The words of who put a fact out: its source's publisher and title, and the source's own."""
        words: set[str] = set()
        source = self.kb.sources.get(fact.source)
        while source is not None and not words & self.vocabulary.source_names:
            words |= set(normalise(f"{source.publisher} {source.title}", self.vocabulary).split())
            source = self.kb.sources.get(source.relies_on) if source.relies_on else None
        return words

    def _counters_in(self, text: str) -> set[str]:
        return {w for w in text.split() if w in self.vocabulary.counters}

    def _counters_of(self, target: Target) -> set[str]:
        measure = self.kb.measures[target.id]
        cache = self._counter_words if measure.server is None else self._own_counter_words
        words = cache.get(target.id)
        if words is None:
            # Its names, normalised once already, and who counts it, in plain words.
            names = " ".join(self._aliases.get(target.id, ()))
            words = self._counters_in(f"{names} {_plain_words(measure.counted_by)}")
            cache[target.id] = words
        return words

    def _fitting_number(self, matches: list[Match], r: Reading) -> list[Match]:
        """ "Still ~3.4m?", "when did it first top 3 million": of close matches, the one whose
        figures are of the size named comes first."""
        if not r.numbers or len(matches) < 2:
            return matches
        number = r.numbers[-1]
        top = matches[0].score
        close = [
            m
            for m in matches
            if m.target.kind == "measure" and top - m.score < self.thresholds.margin * _SIZE_REACH
        ]
        fits = [m for m in close if self._of_size(m.target, number)]
        if not fits or len(fits) == len(close):
            return matches
        return [*fits, *(m for m in matches if m not in fits)]

    def _of_size(self, target: Target, number: float) -> bool:
        values = [f.value for f in self.series(target.id).facts]
        return bool(values) and min(values) / 3 <= number <= max(values) * 3

    def _not_set_aside(self, matches: list[Match], r: Reading, topic: str) -> list[Match]:
        """Without the measures a question sets aside ("trac's count, not eoir's")."""
        if not r.set_aside:
            return matches
        aside = set(self.index.tokens(" ".join(r.set_aside))) - set(self.index.tokens(topic))
        # "Apprehensions, the number (not the %)": no measure kept in percent.
        no_shares = bool(set(r.set_aside) & self._share_words) and not r.asks_share
        return [
            m
            for m in matches
            if not aside & set(self.index.tokens(m.alias)) and not (no_shares and self._in_percent(m.target))
        ]

    def _fitting(self, matches: list[Match], r: Reading) -> list[Match]:
        """The matches that can answer this question's times: across two times, since a time or over
        a term, a level is compared, and a reported change answers only at its own time; a series
        asked for is one of levels."""
        fitting = [
            m
            for m in matches
            if (
                not self._is_change(m.target)
                or (r.intent is not Intent.TREND and self._change_fits(r, m.target))
            )
            # "How many cases are sitting there waiting": a count of cases, not of days.
            and not (r.asks_count and self._unit_ruled_out(r, m.target))
            # "How many cases did IJs complete": the courts' count, not one judge's average; and
            # "how many judges are there per court" counts judges, not a judge's cases.
            and not (self._per_head(m.target) and (not r.asks_rate or self._counts_the_head(r, m.target)))
            # "How many cases did the courts close in fy 2021": the year's count, not a month's.
            and not self._a_month_for_a_year(r, m.target)
        ]
        levels = [m for m in fitting if m.target.kind != "topic"]
        if r.asks_rate:
            # "How many cases per ice officer on the docket": a measure kept per officer, named in
            # full, answers before the docket it is a share of.
            per_head = [
                m
                for m in fitting
                if self._per_head(m.target) and m.complete and m.score >= self.thresholds.answer
            ]
            if per_head:
                return [*per_head, *(m for m in fitting if m not in per_head)]
        return fitting if levels else matches

    def _change_fits(self, r: Reading, target: Target) -> bool:
        """A reported change answers when no times are asked, or its own figure is at the time asked."""
        if not r.times:
            return True
        measure = self.kb.measures[target.id]
        if r.times[0].since and measure.counted_from and r.times[0].period is not None:
            # "Growth since 1 October 2023", of a count kept from exactly then: the reported figure.
            counted = parse_period(measure.counted_from)
            return abs((r.times[0].period.start - counted.start).days) <= 31
        if len(r.times) == 1 and r.times[0].since and r.times[0].period is not None:
            return bool(self._changes_since(measure, r.times[0].period.start))
        if len(r.times) == 2:
            # Over exactly the two times asked, or a reported change at each of them, set side by side.
            changes = self.series(measure.id)
            return self._spans_exactly(measure, r.times[0], r.times[1]) or (
                self._times_side_by_side(r)
                and all(t.period is not None and changes.select(t, measure.kind) is not None for t in r.times)
            )
        if len(r.times) > 1 or r.times[0].since or r.times[0].period is None:
            return False
        if r.times[0].period.precision is Precision.SPAN and not self._past_year(r.times[0]):
            return False
        return self.series(measure.id).select(r.times[0], measure.kind) is not None

    def _yearly_over(self, r: Reading, measure: Measure, start: date, end: date, series: Series) -> bool:
        """Whether a flow named over a stretch of years ("fy17 thru fy24", "since 2017"), with no
        count, sum or change asked ("how many", "combined", "grew"), asks its yearly figures: the
        fact base holds two or more of them within it."""
        if measure.kind is not MeasureKind.FLOW or r.asks_count:
            return False
        if set(r.topic.split()) & (self.vocabulary.sum_words | self.vocabulary.change_words):
            return False
        yearly = {
            f.period
            for f in series.facts
            if start <= f.period.start
            and f.period.end <= end
            and f.period.precision in (Precision.FISCAL_YEAR, Precision.YEAR)
        }
        return len(yearly) >= 2

    def _past_year(self, ref: TimeRef) -> bool:
        """ "Over the past year", "in the last 12 months" (as of a date, or of today): a stretch of a year
        at most back from its end, over which a change reported within it is the change asked."""
        period = ref.period
        return ref.trailing and period is not None and (period.end - period.start).days <= _YEAR_DAYS

    def _from_its_start(self, measure: Measure, ref: TimeRef) -> bool:
        start = parse_period(measure.counted_from or "")
        return ref.period is not None and ref.period.start <= start.end and start.start <= ref.period.end

    def _times_side_by_side(self, r: Reading) -> bool:
        """ "Growth in fy2019 vs fy2020" sets two times side by side; "growth from fy2019 to fy2020"
        asks the change between them."""
        first = r.text.find(r.times[0].text)
        second = r.text.find(r.times[1].text, first + len(r.times[0].text))
        if first < 0 or second < 0:
            return False
        between = f" {r.text[first + len(r.times[0].text) : second]} "
        return any(f" {joiner} " in between for joiner in self.vocabulary.side_by_side)

    def _levels_at_both(self, r: Reading, level: Target, change: Target) -> bool:
        """ "Has it more than doubled since he came in, to june 2024": two levels, computed, answer
        better than a publisher's rounded characterisation of the change; an exact count of the
        change over just those times ("grew by 478,898 in FY2022") answers better still."""
        if len(r.times) != 2 or any(t.period is None or t.since for t in r.times):
            return False
        measure, changes = self.kb.measures[level.id], self.kb.measures[change.id]
        series = self.series(measure.id)
        if not all(series.select(t, measure.kind) is not None for t in r.times):
            return False
        return not self._counted_exactly(changes, _point(r.times[0]), _point(r.times[1]))

    def _level_answers_since(self, r: Reading, level: Target, change: Target) -> bool:
        """ "Grown since 2017": two levels, then and now, answer better than a reported count kept
        since then that stops years ago; "since trump took office, as of feb 2019" is the count's."""
        if not r.times or not r.times[0].since:
            return False
        measure = self.kb.measures[level.id]
        levels = self.series(measure.id)
        if levels.select(r.times[0], measure.kind, earliest=True) is None:
            return False
        counted = self.series(change.id)
        later = [t for t in r.times[1:] if _is_point(t)]
        if later:
            return counted.select(later[0], self.kb.measures[change.id].kind) is None
        newest_level, newest_count = levels.latest(), counted.latest()
        if newest_level is None or newest_count is None:
            return newest_count is None
        return (newest_level.preferred.period.end - newest_count.preferred.period.end).days > _STALE_DAYS

    def _change_between(self, measure: Measure, first: TimeRef, second: TimeRef) -> Answer | None:
        """The reported change over exactly the two times asked, if there is one."""
        for fact in reversed(self.series(measure.id).facts):
            if self._spans(measure, fact, first, second):
                return self._value_from(measure, self.series(measure.id).at(fact), second)
        return None

    def _spans_exactly(self, measure: Measure, first: TimeRef, second: TimeRef) -> bool:
        """A reported change over exactly the two times asked ("end of FY22 to end of FY23")."""
        if first.period is None or second.period is None:
            return False
        return any(self._spans(measure, f, first, second) for f in self.series(measure.id).facts)

    def _spans(self, measure: Measure, fact: Fact, first: TimeRef, second: TimeRef) -> bool:
        """Whether a reported change runs from one time to the other, within a month of each, in
        whichever order they were asked ("by early april 2025 ... since trump's second inauguration")."""
        start = self._counted_start(measure, fact)
        return (_near(start, first) and _near(fact.period.end, second)) or (
            _near(start, second) and _near(fact.period.end, first)
        )

    def _counted_over_exactly(self, r: Reading, change: Target) -> bool:
        """Whether a change measure holds an exact figure over just the one year asked."""
        if len(r.times) != 1 or r.times[0].since or r.times[0].period is None:
            return False
        period = r.times[0].period
        if period.precision not in (Precision.FISCAL_YEAR, Precision.YEAR):
            return False
        return self._counted_exactly(self.kb.measures[change.id], period.start, period.end)

    def _counted_exactly(self, change: Measure, start: date, end: date) -> bool:
        """Whether a change measure holds an exact figure from `start` to `end`, within a month of each."""
        return any(
            f.qualifier is Qualifier.EXACT
            and abs((self._counted_start(change, f) - start).days) <= 31
            and abs((f.period.end - end).days) <= 31
            for f in self.series(change.id).facts
        )

    def _comparable_change(self, level: Target, change: Target) -> bool:
        """Whether a change measure counts the change of this level: kept by the same counter, in
        the same unit ("the backlog's increase over a year, TRAC's count" for TRAC's backlog)."""
        a, b = self.kb.measures[level.id], self.kb.measures[change.id]
        return a.counted_by == b.counted_by and a.unit == b.unit

    def _counted_start(self, measure: Measure, fact: Fact) -> date:
        """Where a reported change starts: its measure's fixed start, else its own period's."""
        return parse_period(measure.counted_from).start if measure.counted_from else fact.period.start

    def _decide(self, matches: list[Match]) -> Target | None:
        return self._decide_with_alias(matches)[0]

    def _decide_with_alias(
        self, matches: list[Match], r: Reading | None = None
    ) -> tuple[Target | None, str | None]:
        """The target to answer about and the alias that named it, or None when unsure.

        Two close matches are no doubt when they are counts of one thing that may stand in for each
        other, or a level and a reported change of it: then a share asked ("by what %") takes the
        measure kept in percent, and anything else the better match."""
        matches = [m for m in matches if m.target.kind != "topic"]
        if not matches or matches[0].score < self.thresholds.answer:
            return None, None
        if matches[0].question_share < self.thresholds.explained and not self._clear_lead(matches, r):
            return None, None  # "what colour are the courtroom chairs": the question is about something else
        top = matches[0]
        if top.complete is None and top.held < 2 and r is not None and not self._asks_anything(r):
            return None, None  # "this channel is a dumpster fire": one word of "how many judges were fired"
        if top.complete is None:
            # "ICE deportation officers nationwide, per the fox story": one close rival is named in
            # full, the better score is not; the name typed in full is what was asked.
            whole = [
                m
                for m in matches[1:]
                if m.complete
                and len(self.index.tokens(m.complete)) >= _WHOLE_NAME_WORDS
                and top.score - m.score < self.thresholds.margin
            ]
            if len(whole) == 1 and whole[0].score >= self.thresholds.answer:
                top = whole[0]
                matches = [top, *(m for m in matches if m is not top and m.complete)]
        if r is not None and self._asks_a_share_of_one_time(r) and not self._in_percent(top.target):
            # "jumped by what percent": of close matches, the one kept in percent is asked.
            kept = [m for m in matches[1:] if self._in_percent(m.target)]
            if kept and top.score - kept[0].score < _SHARE_REACH:
                top = kept[0]
                matches = [top, *(m for m in matches if m is not top)]
        if r is not None and self._has_no_figure_then(r, top.target):
            # "GAO said EOIR had how big a backlog as of july 2024": GAO's own count has no figure
            # then, EOIR's, close behind, has: of two counts named, the one with a figure is asked.
            holders = [
                m
                for m in matches[1:]
                if m.target.kind == "measure"
                and top.score - m.score < self.thresholds.margin
                and not self._has_no_figure_then(r, m.target)
                # another count of the same thing stands in later, saying so first
                and not self._comparable(top.target, m.target)
                # a level asked is answered with a change only when a change is asked ("shrank")
                and (r.over_period or self._is_change(m.target) == self._is_change(top.target))
            ]
            if holders:
                # The counts with no figure then are no rivals of the one that has.
                top = holders[0]
                matches = [
                    top,
                    *(m for m in matches if m is not top and not self._has_no_figure_then(r, m.target)),
                ]
        if self._names_another(top, matches, r):
            return None, None
        if r is not None and self._how_long_of_a_count(r, top, matches):
            return None, None
        for other in matches[1:]:
            if top.score - other.score >= self.thresholds.margin:
                break
            if self._no_rival(r, top, other):
                continue
            if not self._level_and_change(top, other):
                return None, None
            if r is not None and r.asks_share and self._in_percent(other.target):
                top = other
        return top.target, top.alias

    def _asks_anything(self, r: Reading) -> bool:
        """Whether a message shows any sign of asking: a question mark, a question word, a word
        of asking, or anything but a plain figure asked for."""
        if "?" in r.original or r.intent is not Intent.VALUE or r.asks_count or r.asks_share or r.asks_rate:
            return True
        words = r.text.split()
        vocabulary = self.vocabulary
        return words[0] in vocabulary.question_starts or bool(
            (vocabulary.question_words | vocabulary.asking_signs) & set(words)
        )

    def _no_rival(self, r: Reading | None, top: Match, other: Match) -> bool:
        """Whether a close match is no rival to the top one: another name of it, a count that
        may stand in for it, or a measure the question rules out."""
        if other.alias == top.alias or self._comparable(top.target, other.target):
            return True
        if (
            top.question_share >= _EXPLAINS_MOST
            and top.question_share - other.question_share >= _EXPLAINS_MORE
        ):
            return True  # "how many countries were the parolees from": the group's size leaves "countries"
        if r is None:
            return False
        return (
            # "what percent of the group": a count is no rival to a share
            (
                self._asks_a_share_of_one_time(r)
                and self._in_percent(top.target)
                and not self._in_percent(other.target)
            )
            or self._unit_ruled_out(r, other.target)  # "how many judges were hired": not the days to hire one
            # "how many days did they have to check in": a count of people is no rival to a time taken
            or (self._in_time_units(top.target) and not self._in_time_units(other.target) and r.asks_how_long)
            # "how many cases did judges close": not the cases each judge has
            or (self._per_head(other.target) and not r.asks_rate)
            # "avg caseload per ICE officer on the non-detained docket": the docket is not asked
            or (r.asks_rate and self._per_head(top.target) and not self._per_head(other.target))
            # no place asked: a breakdown by country is no rival to the total
            or (not r.places and r.intent is not Intent.RANK and self._breaks_down(other.target))
            # of two counts, only one has a figure at the one time asked: that one is asked
            or (self._has_no_figure_then(r, other.target) and not self._has_no_figure_then(r, top.target))
        )

    def _clear_lead(self, matches: list[Match], r: Reading | None = None) -> bool:
        """ "@everyone sorry if dumb q but how many cases were administratively closed durng FY2020":
        a question half explained still names its measure when nothing else comes near it."""
        top = matches[0]
        if top.question_share < _LEAD_EXPLAINED:
            return False
        rival = next(
            (m.score for m in matches[1:] if m.target.kind == "measure" and not self._no_rival(r, top, m)),
            0.0,
        )
        return top.score - rival >= _LEAD_MARGIN

    def _names_another(self, top: Match, matches: list[Match], r: Reading | None = None) -> bool:
        """Whether the question names another measure in full, one the chosen one does not explain and
        may not stand in for ("what % of the court backlog is the ice docket"). A figure per officer
        asked of the docket it divides ("avg caseload per ICE officer on the non-detained docket")
        names the docket as its whole, not as another thing asked."""
        words = self.index.alias_tokens(top.target)
        per_head = r is not None and r.asks_rate and self._per_head(top.target)
        for other in matches[1:]:
            if other.complete is None or other.target.kind != "measure":
                continue
            if per_head and not self._per_head(other.target):
                continue
            if other.score < self.thresholds.answer or top.score - other.score > _RIVAL_REACH:
                continue
            if self._comparable(top.target, other.target) or self._level_and_change(top, other):
                continue
            if not set(self.index.tokens(other.complete)) <= words:
                return True
        return False

    def _level_and_its_change(self, a: Target, b: Target) -> bool:
        """ "How many cases got added to the backlog": the backlog's increase, not it and the backlog."""
        if self._is_change(a) == self._is_change(b):
            return False
        shared = self.index.alias_tokens(a) & self.index.alias_tokens(b)
        return len(shared - set(self.index.tokens(" ".join(self.vocabulary.intent_words)))) >= 2

    def _level_and_change(self, a: Match, b: Match) -> bool:
        """A level and a reported change of the same thing ("pending cases", "pending growth %")."""
        if (
            a.target.kind != "measure"
            or b.target.kind != "measure"
            or self._is_change(a.target) == self._is_change(b.target)
        ):
            return False
        words = self.vocabulary.intent_words
        shared = set(self.index.tokens(_without(a.alias, words))) & set(
            self.index.tokens(_without(b.alias, words))
        )
        return len(shared) >= 2

    def _off_topic_asked(self, r: Reading, text: str | None = None) -> OffTopic | None:
        """A way of asking that is a topic of its own, whatever it names ("should he skip the hearing"),
        in the asking sentences (or in `text`)."""
        asked = f" {text or r.asked or r.topic} "
        return next((t for t in self.vocabulary.off_topic if any(f" {p} " in asked for p in t.phrases)), None)

    def _off_topic_named(self, matches: list[Match]) -> Match | None:
        """A neighbouring topic the base does not cover, one of its phrases named in full."""
        for m in matches:
            if m.target.kind == "topic" and m.complete and m.score >= self.thresholds.suggest / 2:
                return m
        return None

    def _covers(self, chosen: Match | None, topic: Match, question: str) -> bool:
        """Whether the measure chosen is named in full, off-topic words included, by the question
        ("how many parolees were deported"; not "how many people did ICE deport": officers)."""
        if chosen is None or (chosen.complete is None and chosen.alias_share < _COVERING_SHARE):
            return False
        if chosen.target.id in self._off_topic[topic.target.id].within:
            # "applications of every kind stuck at USCIS? green cards, work permits...": the topic as
            # one kind among all; "the green card backlog at USCIS" asks that kind alone.
            return bool(self.vocabulary.all_kinds & set(question.split()))
        return set(self.index.tokens(topic.complete or topic.alias)) <= self.index.alias_tokens(chosen.target)

    def _of_version(self, fact: Fact, versions: tuple[Period, ...]) -> bool:
        day = self._published_on(fact)
        return day is not None and any(v.start <= day <= v.end for v in versions)

    def _published_on(self, fact: Fact) -> date | None:
        """The day a fact's source was published, if its record says."""
        source = self.kb.sources.get(fact.source)
        return parse_period(source.published).start if source is not None and source.published else None

    def _statuses_set_aside(self, r: Reading) -> set[str]:
        """ "The actual count, not the projection": statuses a question sets aside."""
        words = set(r.set_aside)
        return {status for status, names in self.vocabulary.statuses.items() if words & set(names)}

    def _names_places(self, target: Target, places: tuple[str, ...]) -> bool:
        """Whether a measure is itself about the places named ("the california backlog")."""
        words = self.index.alias_tokens(target)
        if not all(self._named_in(place, words) for place in places):
            return False
        # "Venezuelans alone": a figure of several countries together is not one country's.
        together = [p for p in self.vocabulary.places if self._named_in(p, words)]
        return len(together) < 2 or len(set(together) & set(places)) >= 2

    def _named_in(self, place: str, words: frozenset[str]) -> bool:
        """Whether one of a place's names ("mexico", "mexicans") is among some words."""
        return any(set(self.index.tokens(name)) <= words for name in self.vocabulary.places[place])

    def _facts_of_places(self, series: Series, places: tuple[str, ...]) -> list[Fact]:
        """The facts of a breakdown whose own words name the place ("citizens of Guatemala")."""
        names = [n for place in places for n in self.vocabulary.places[place]]
        return [
            f
            for f in series.facts
            if (fold(f.place) in names if f.place else any(f" {n} " in self._words_of_fact(f) for n in names))
        ]

    def _where_it_was_counted(self, series: Series, places: tuple[str, ...]) -> bool:
        """ "That florida judge's parole test group": a place the measure's definition names (a case in
        the Northern District of Florida) is where the count was made, not a breakdown asked for. Only
        the curated definition: the titles of a national count's sources name states ("Texas")."""
        target = Target("measure", series.facts[0].measure) if len(series) else None
        if target is None or self._is_breakdown(target):
            return False
        words = self.index.alias_tokens(target)
        if any(self._named_in(place, words) for place in self.vocabulary.places):
            return False  # a measure of places ("venezuelans, cubans and nicaraguans") answers only for them
        names = [n for place in places for n in self.vocabulary.places[place]]
        measure = series.facts[0].measure
        definition = self._definitions_read.get(measure)
        if definition is None:
            definition = f" {normalise(self.kb.measures[measure].definition, self.vocabulary)} "
            self._definitions_read[measure] = definition
        return any(f" {n} " in definition for n in names)

    def _words_of_fact(self, fact: Fact) -> str:
        """A fact's quote and notes, normalised once."""
        cache = self._fact_words if fact.server is None else self._own_fact_words
        text = cache.get(fact.id)
        if text is None:
            text = f" {normalise(fact.quote + ' ' + (fact.notes or ''), self.vocabulary)} "
            cache[fact.id] = text
        return text

    def _of_fitting_unit(self, r: Reading, choice: Choice) -> Measure | None:
        """The next close match whose unit is the one asked ("what % of the parole group...")."""
        named = next((m for m in choice.matches if m.target == choice.target), None)
        asked = set(self.index.tokens(r.asked or r.topic))
        needed = (set(self.index.tokens(named.alias)) & asked) - self._change_stems if named else set()
        for other in choice.matches:
            if other.target.kind != "measure" or other.target == choice.target:
                continue
            candidate = self.kb.measures[other.target.id]
            # What the one named was named by must hold: "how many in the backlog have lawyers" is
            # not the backlog (words of change aside: "# not %" of "backlog growth" is the backlog's).
            holds = needed <= self.index.alias_tokens(other.target)
            if other.score >= self.thresholds.suggest and holds and not self._unit_mismatch(r, candidate):
                return candidate
        return None

    def _unit_mismatch(self, r: Reading, measure: Measure) -> bool:
        """A count asked of a percentage, or a share asked of a count."""
        # "How fast was it growing, the % number": of a measure of change, a comparison asks its value.
        as_value = r.intent is Intent.COMPARE and measure.kind is MeasureKind.CHANGE
        if r.intent not in (Intent.VALUE, Intent.SOURCE) and not as_value:
            return False
        percent = measure.unit == "percent"
        return (
            (percent and r.asks_count and not r.asks_share)
            or (not percent and r.asks_share and not r.asks_count and measure.kind is not MeasureKind.RATE)
            # "Cases per judge" answers only a question that asks per judge (or per officer).
            or (self._per_head(Target("measure", measure.id)) and not r.asks_rate)
        )

    def _a_month_for_a_year(self, r: Reading, target: Target) -> bool:
        """A count kept per month, when the one time asked is a whole year or fiscal year and nothing
        asks per month ("avg added each month in FY2020" does)."""
        if target.kind != "measure" or not self.kb.measures[target.id].unit.endswith("_per_month"):
            return False
        months = set(self.vocabulary.relative["units"]["month"]) | {"monthly"}
        if r.asks_rate or months & set(r.text.split()):
            return False
        years = (Precision.YEAR, Precision.FISCAL_YEAR)
        return len(r.times) == 1 and r.times[0].period is not None and r.times[0].period.precision in years

    def _counts_the_head(self, r: Reading, target: Target) -> bool:
        """ "How many judges are there per court": what is counted is the head of "cases per judge"."""
        if r.counted is None:
            return False
        head = self.kb.measures[target.id].unit.removeprefix("cases_per_").split("_per_")[0]
        return self.index.tokens(r.counted)[:1] == self.index.tokens(head)

    def _per_head(self, target: Target) -> bool:
        """A measure kept per judge or per officer, not per month or year."""
        if target.kind != "measure":
            return False
        unit = self.kb.measures[target.id].unit
        return unit.startswith("cases_per_") and unit.removeprefix("cases_per_") not in _TIME_UNITS_SINGULAR

    def _has_no_figure_then(self, r: Reading, target: Target) -> bool:
        if target.kind != "measure" or len(r.times) != 1 or r.times[0].period is None or r.times[0].since:
            return False
        measure = self.kb.measures[target.id]
        return self.series(measure.id).select(r.times[0], measure.kind) is None

    def _holding_total(self, matches: list[Match], r: Reading) -> list[Match]:
        """ "Completions in FY2025 through June": of close matches, one that holds a total over just
        the stretch asked comes first."""
        if len(r.times) != 1 or r.times[0].since or r.times[0].period is None:
            return matches
        span = r.times[0].period
        if span.precision is not Precision.SPAN or not matches:
            return matches
        top = matches[0].score
        close = [
            m
            for m in matches
            if m.target.kind == "measure" and top - m.score < self.thresholds.margin * _SIZE_REACH
        ]
        holders = [m for m in close if self.series(m.target.id).total(span.start, span.end) is not None]
        if not holders or len(holders) == len(close):
            return matches
        return [*holders, *(m for m in matches if m not in holders)]

    def _how_long_of_a_count(self, r: Reading, top: Match, matches: list[Match]) -> bool:
        """ "How long did the parolees have to report to ICE", read as the count of parolees: a time
        taken is asked, and a measure kept in days is close; unsure, not the count."""
        if self._in_time_units(top.target) or not r.asks_how_long:
            return False
        return any(self._in_time_units(m.target) and m.score >= self.thresholds.suggest for m in matches[1:])

    def _in_time_units(self, target: Target) -> bool:
        return target.kind == "measure" and self.kb.measures[target.id].unit in _TIME_UNITS

    @staticmethod
    def _asks_a_share_of_one_time(r: Reading) -> bool:
        """ "What % are still in the US", "by what percent did it shrink over the past year": a share,
        not a change computed between two times asked ("fy2021 vs fy2023, % increase")."""
        if not r.asks_share or r.intent not in (Intent.VALUE, Intent.COMPARE):
            return False
        return r.intent is Intent.VALUE or (len(r.times) <= 1 and not any(t.since for t in r.times))

    def _in_percent(self, target: Target) -> bool:
        return target.kind == "measure" and self.kb.measures[target.id].unit == "percent"

    def _unit_ruled_out(self, r: Reading, target: Target) -> bool:
        """A measure kept in days, months or years when nothing asks how long."""
        return not r.asks_duration and self._in_time_units(target)

    def _is_change(self, target: Target) -> bool:
        return target.kind == "measure" and self.kb.measures[target.id].kind is MeasureKind.CHANGE

    def _comparable(self, a: Target, b: Target) -> bool:
        if a.kind != "measure" or b.kind != "measure":
            return False
        return self.kb.measures[a.id].comparable(self.kb.measures[b.id])

    # -- kinds of answer -------------------------------------------------------------

    def _value(
        self, r: Reading, measure: Measure, choice: Choice | None = None, series: Series | None = None
    ) -> Answer:
        ref = next((t for t in r.times if t.period is not None), r.times[0] if r.times else TimeRef("now"))
        series = series or self.series(measure.id)
        if r.superlative and not any(_is_point(t) for t in r.times):
            return self._extreme(r, measure, series, choice)
        if ref.since:
            return self._since(r, measure, ref, series, choice)
        if (
            measure.counted_from
            and self._from_its_start(measure, ref)
            and ref.period.precision is not Precision.DAY
            and ref.anchor is Anchor.ANY
        ):
            # "the 2011 review": the year names the count's start, not its date ("by the end of 2011"
            # names a date).
            ref = TimeRef("now")
        if ref.period is not None and ref.period.precision is Precision.SPAN:
            past_year_change = measure.kind is MeasureKind.CHANGE and self._past_year(ref)
            if (
                measure.kind in (MeasureKind.FLOW, MeasureKind.CHANGE)
                and not measure.counted_from
                and not past_year_change
            ):
                total = self._total_over(r, measure, ref.period, choice, series)
                if total is not None:
                    return total
                if self._yearly_over(r, measure, ref.period.start, ref.period.end, series):
                    # "trac completions fy17 thru fy24": the yearly counts over the stretch.
                    return self._trend(measure, [ref], series)
                # A count over a term is a sum of yearly counts the fact base does not hold.
                return self._no_fact_for_time(measure, ref, series)
            within = series.between(ref.period.start, ref.period.end) if past_year_change else []
            if within:
                # "Shrank by how much over the past year": the change reported last within it.
                return self._value_from(measure, series.at(within[-1]), ref)
            ref = replace(ref, anchor=Anchor.END)
        selection = series.select(ref, measure.kind)
        if ref.latest and selection is not None and not self._narrowed(measure, series):
            newer = self._newest_sibling(measure, selection, choice, r.asked or r.topic, r.set_aside)
            if newer is not None:
                return self._value_from(*newer, ref)
        if selection is None:
            alias = choice.alias if choice else None
            for sibling in self._siblings(measure, alias, r.asked or r.topic, r.set_aside, missing=True):
                found = self.series(sibling.id).select(ref, sibling.kind)
                if found is not None:
                    # Another count that people call by the same name has that time: said first, then given.
                    answer = self._value_from(sibling, found, ref)
                    answer.data["instead_of"] = measure
                    return answer
            narrower = self._narrower(measure, ref, choice, r.set_aside)
            if narrower is not None:
                return narrower
            return self._no_fact_for_time(measure, ref, series)
        return self._value_from(measure, selection, ref)

    def _ahead(self, deadline: TimeRef, measure: Measure, series: Series) -> Answer:
        """ "What will the backlog be by 2028": only a projection made for that deadline answers
        ("700 more judges would be needed to clear the backlog by FY2032"); no count was made then."""
        year = str(deadline.period.end.year) if deadline.period else ""
        made_for_it = [
            f
            for f in series.facts
            if f.status is FactStatus.PROJECTION and year and year in f"{f.quote} {f.notes or ''}"
        ]
        if made_for_it:
            return self._value_from(measure, series.at(made_for_it[-1]), TimeRef("now"))
        return self._no_fact_for_time(measure, deadline, series)

    def _total_over(
        self, r: Reading, measure: Measure, span: Period, choice: Choice | None, series: Series
    ) -> Answer | None:
        """A flow's total kept over just the stretch asked; where the chosen count has none, another
        count people call by the same name may hold it ("IJ completions FY25 through June": EOIR's
        total where TRAC's yearly count has none), said first."""
        total = series.total(span.start, span.end)
        exact = total is not None and total.preferred.qualifier is Qualifier.EXACT
        if not exact and not self._narrowed(measure, series):  # a version or a place asked: none stands in
            alias = choice.alias if choice else None
            for sibling in self._siblings(measure, alias, r.asked or r.topic, r.set_aside, missing=True):
                found = (
                    self.series(sibling.id).total(span.start, span.end)
                    if sibling.kind is measure.kind
                    else None
                )
                # "About 588,000" in the press beside the counter's own exact 588,128: the exact one.
                if found is not None and (total is None or found.preferred.qualifier is Qualifier.EXACT):
                    answer = self._value_from(sibling, found, TimeRef(found.preferred.period.label, span))
                    if total is None:
                        answer.data["instead_of"] = measure
                    return answer
        if total is not None:
            return self._value_from(measure, total, TimeRef(total.preferred.period.label, span))
        return None

    def _extreme(self, r: Reading, measure: Measure, series: Series, choice: Choice | None) -> Answer:
        """ "The biggest quarterly jump under trump", "TRAC's all-time high": the largest (or smallest)
        reported figure within the time asked, or in all the measure's figures. Where the chosen count
        has none within that time, another count people call by the same name may ("completions in
        FY24, a record year?": EOIR's total where its quarterly table stops short), said first."""
        facts = self._reported_within(r, series)
        if not facts and r.times and not self._narrowed(measure, series):
            alias = choice.alias if choice else None
            siblings = self._siblings(measure, alias, r.asked or r.topic, r.set_aside, missing=True)
            for sibling in (s for s in siblings if s.kind is measure.kind):
                if self._reported_within(r, self.series(sibling.id)):
                    answer = self._extreme(r, sibling, self.series(sibling.id), None)
                    answer.data["instead_of"] = measure
                    return answer
        if not facts:
            return self._no_fact_for_time(measure, r.times[0] if r.times else TimeRef("now"), series)
        pick = max if r.superlative == "max" else min
        chosen = pick(facts, key=lambda f: (f.value, f.period.end))
        if r.superlative == "max" and not r.times and (peak := self._stated_peak(measure, chosen)):
            # "The highest EOIR's caseload has ever been": EOIR's own word on its peak, above any
            # figure of its tables, answers; the tables' highest is said beside it.
            answer = self._value_from(peak[0], peak[1], TimeRef("now"))
            answer.data["highest_counted"] = chosen
            return answer
        answer = self._value_from(measure, series.at(chosen), TimeRef(chosen.period.text, chosen.period))
        answer.data["extreme"] = r.superlative
        return answer

    @staticmethod
    def _reported_within(r: Reading, series: Series) -> list[Fact]:
        """The reported figures of a series within the time asked (all of them when none is)."""
        facts = [
            f for f in series.preferred_per_date() if f.status is FactStatus.REPORTED and not f.low_confidence
        ]
        if r.times and r.times[0].period is not None:
            period = r.times[0].period
            end = date.max if r.times[0].since else period.end
            facts = [f for f in facts if period.start <= f.period.end <= end]
        return facts

    def _stated_peak(self, measure: Measure, highest: Fact) -> tuple[Measure, Selection] | None:
        """An undated statement of the same counter's peak, higher than any figure it counted."""
        for other in self._comparables.get(measure.id, ()):
            peak = self.kb.measures[other]
            if peak.counted_by != measure.counted_by or peak.kind is not measure.kind:
                continue
            stated = [f for f in self.series(other).facts if f.period.precision is Precision.UNDATED]
            if stated and len(stated) == len(self.series(other).facts) and stated[-1].value > highest.value:
                return peak, self.series(other).at(stated[-1])
        return None

    def _newest_sibling(
        self,
        measure: Measure,
        selection: Selection,
        choice: Choice | None,
        question: str,
        set_aside: tuple[str, ...] = (),
    ) -> tuple[Measure, Selection] | None:
        """ "Asylum applications pending now": the newest of the counts that stand in for each other."""
        best = None
        newest = _newest_key(selection)
        for sibling in self._siblings(measure, choice.alias if choice else None, question, set_aside):
            found = self.series(sibling.id).latest()
            if found is not None and _newest_key(found) > newest:
                best, newest = (sibling, found), _newest_key(found)
        return best

    def _narrowed(self, measure: Measure, series: Series) -> bool:
        """Whether a version, a status or a place asked left only some of a measure's figures."""
        return len(series) != len(self.series(measure.id))

    def _words_set_aside(self, set_aside: tuple[str, ...]) -> set[str]:
        """The known words of what a question sets aside ("not only in absentia": absentia)."""
        return set(self.index.words(" ".join(set_aside)).known) if set_aside else set()

    def _own_words(self, other: Measure, measure: Measure) -> frozenset[str]:
        """The words another measure is known by that the chosen one is not ("absentia")."""
        return self.index.alias_tokens(Target("measure", other.id)) - self.index.alias_tokens(
            Target("measure", measure.id)
        )

    def _narrower(
        self, measure: Measure, ref: TimeRef, choice: Choice | None, set_aside: tuple[str, ...] = ()
    ) -> Answer | None:
        """A close match that holds every word the chosen one matched, and has the time asked:
        "new cases trac in jan 2024" is TRAC's monthly count when its yearly one has no January.
        One named by what the question sets aside never answers ("all removal orders, not only in
        absentia")."""
        if choice is None or choice.alias is None or self._only_counter(choice.alias):
            return None
        matched = set(self.index.tokens(choice.alias))
        aside = self._words_set_aside(set_aside)
        for other in choice.matches:
            if other.target.kind != "measure" or other.target.id == measure.id:
                continue
            if aside & self._own_words(self.kb.measures[other.target.id], measure):
                continue
            if other.score < self.thresholds.suggest or not matched <= set(self.index.tokens(other.alias)):
                continue
            candidate = self.kb.measures[other.target.id]
            if candidate.unit.split("_per_")[0] != measure.unit.split("_per_")[0]:  # cases, cases per month
                continue
            if (candidate.kind is MeasureKind.CHANGE) != (measure.kind is MeasureKind.CHANGE):
                continue  # "the backlog on sept 30 2025" is a level, never its change over the year
            if candidate.unit != measure.unit and (
                ref.period is None or ref.period.precision is not Precision.MONTH
            ):
                continue  # a month's count answers for a month, never for a whole fiscal year
            found = self.series(candidate.id).select(ref, candidate.kind)
            if found is not None:
                return self._value_from(candidate, found, ref)
        return self._monthly(measure, ref, choice.alias)

    def _monthly(self, measure: Measure, ref: TimeRef, alias: str) -> Answer | None:
        """ "How many cases did IJs complete in january 2024": a month of a yearly count is the same
        counter's monthly count of the same thing, where there is one."""
        if ref.period is None or ref.period.precision is not Precision.MONTH or "_per_" in measure.unit:
            return None
        ours = self._counters_of(Target("measure", measure.id))
        for other in self.index.match(f"{alias} month", limit=5):
            if other.target.kind != "measure" or other.score < self.thresholds.answer:
                continue
            candidate = self.kb.measures[other.target.id]
            if candidate.unit != f"{measure.unit}_per_month" or self._counters_of(other.target) != ours:
                continue
            found = self.series(candidate.id).select(ref, candidate.kind)
            if found is not None:
                return self._value_from(candidate, found, ref)
        return None

    def _reported_change(self, r: Reading, choice: Choice) -> Answer | None:
        """When two levels cannot be set side by side, a reported change for the time asked may answer."""
        if len(r.times) != 1 or r.times[0].since or choice.alias is None:
            return None
        # Of the same thing: every word the level was named by, other than words of change.
        named = set(self.index.tokens(_without(choice.alias, self.vocabulary.intent_words)))
        for other in choice.matches:
            if other.score < self.thresholds.suggest or not self._is_change(other.target):
                continue
            if not named <= self.index.alias_tokens(other.target):
                continue
            candidate = self.kb.measures[other.target.id]
            found = self.series(candidate.id).select(r.times[0], candidate.kind)
            if found is not None:
                return self._value_from(candidate, found, r.times[0])
        return None

    def _since(
        self, r: Reading, measure: Measure, ref: TimeRef, series: Series, choice: Choice | None = None
    ) -> Answer:
        """ "Since X": a count kept from X answers; a level is compared with now, as a comparison
        asked would be (another count of the same name may hold both ends); a flow has no sum."""
        if measure.counted_from:
            return self._counted_since(measure, ref, series)
        if measure.kind in (MeasureKind.STOCK, MeasureKind.RATE):
            if choice is not None:
                return self._compare(r, measure, choice, series)
            return self._compare_times(measure, ref, TimeRef("now"), series=series)
        if measure.kind is MeasureKind.CHANGE and ref.period is not None:
            since = self._changes_since(measure, ref.period.start, series)
            if since:
                return self._value_from(measure, series.at(since[-1]), ref)
        if ref.period is not None and self._yearly_over(r, measure, ref.period.start, self.today(), series):
            # "trac completions by fy, 2017 onward": its yearly figures since then.
            return self._trend(measure, [ref], series)
        return self._no_fact_for_time(measure, ref, self.series(measure.id))

    def _changes_since(self, measure: Measure, start: date, series: Series | None = None) -> list[Fact]:
        """The reported changes since a time: those counted from it (the newest last: "cut by
        115,000 since Trump took office", to April), else one reported soon after it ("after the
        June 2024 order, down 10%")."""
        facts = (series or self.series(measure.id)).facts
        counted = [
            f
            for f in facts
            if f.period.precision is Precision.SPAN and abs((f.period.start - start).days) <= 31
        ]
        return counted or [f for f in facts if 0 <= (f.period.end - start).days <= _SOON_AFTER_DAYS][:1]

    def _counted_since(self, measure: Measure, ref: TimeRef, series: Series) -> Answer:
        """ "Gotaways since Biden took office": the newest figure of a count kept from then."""
        start = parse_period(measure.counted_from or "")
        asked = ref.period or start
        if abs((asked.start - start.start).days) > 31 or not len(series):
            return self._no_fact_for_time(measure, ref, series)
        return self._value_from(measure, series.at(series.facts[-1]), TimeRef("now"))

    def _siblings(
        self,
        measure: Measure,
        alias: str | None = None,
        question: str = "",
        set_aside: tuple[str, ...] = (),
        *,
        missing: bool = False,
    ) -> list[Measure]:
        """Comparable measures that stand in for one with no figure at the time asked.

        A count stands in when the question did not say whose count it wanted ("the backlog":
        TRAC's and EOIR's). When it named one ("TRAC's backlog"), no other count stands in. Where
        the chosen one has no figure at all for the time (`missing`), any comparable count that
        names no counter either may answer ("completions in one month, jan 2024"). A count the question
        sets aside ("not the university tracker's number") never stands in."""
        names = self._aliases.get(measure.id, set())
        # Whose count the question names: an alias that names a counter the question leaves out
        # ("how many cases did judges complete (trac)") names none.
        named = self.vocabulary.counters & set((question or alias or "").split())
        aside = self.vocabulary.counters & set(" ".join(set_aside).split())
        # "all removal orders, not only in absentia": a measure named by what is set aside never stands in.
        aside_words = self._words_set_aside(set_aside)

        def stands_in(other: Measure) -> bool:
            if other.id == measure.id or not measure.comparable(other):
                return False
            if aside & self._counters_of(Target("measure", other.id)):
                return False
            if aside_words & self._own_words(other, measure):
                return False
            theirs = self._aliases.get(other.id, set())
            if alias is None:
                # "trac said how many cases": named by no alias, but whose count is still said (a
                # counter of neither, "uscis ... vs the court backlog", says nothing of these two).
                own, others = (
                    self._counters_of(Target("measure", measure.id)),
                    self._counters_of(Target("measure", other.id)),
                )
                return bool(names & theirs) and named & (own | others) <= others
            if named:
                # "EOIR's number": only another of EOIR's own counts of the same thing stands in.
                # Where the chosen has no figure at all then, any comparable count of theirs may.
                same_thing = alias in theirs or self._head(measure) == self._head(other) or missing
                return same_thing and named <= self._counters_of(Target("measure", other.id))
            # The same name but for the counter ("Immigration court backlog (TRAC's count)", "(EOIR's)").
            return alias in theirs or self._head(measure) == self._head(other) or missing

        candidates = (self.kb.measures[m] for m in self._comparables.get(measure.id, ()))
        return sorted(filter(stands_in, candidates), key=lambda m: (-m.priority, m.id))

    def _only_counter(self, alias: str) -> bool:
        """ "TRAC's number": a name that says whose, but not which of their figures."""
        return set(alias.split()) <= self.vocabulary.counters | self.vocabulary.counter_nouns

    def _head(self, measure: Measure) -> str:
        return self._heads.get(measure.id, "")

    def _compare(self, r: Reading, measure: Measure, choice: Choice, series: Series | None = None) -> Answer:
        if measure.kind is MeasureKind.CHANGE:
            # A measure of change is already a comparison: "how much did it grow" asks its value.
            if len(r.times) == 2 and r.times[0].period and r.times[1].period:
                changes = series or self.series(measure.id)
                both = all(changes.select(t, measure.kind) is not None for t in r.times)
                side_by_side = both and self._times_side_by_side(r)
                between = self._change_between(measure, r.times[0], r.times[1])
                if between is not None and not side_by_side:
                    return between
                if side_by_side:
                    # "Avg monthly backlog growth, fy2019 vs fy2020": two reported changes, side by side.
                    return self._compare_times(measure, r.times[0], r.times[1], series=changes)
            return self._value(r, measure, choice, series)
        series = series or self.series(measure.id)
        # A version, a status or a place asked narrows the series: no other count stands in then.
        narrowed = self._narrowed(measure, series)
        if r.superlative and measure.kind is not MeasureKind.CHANGE:
            # "the biggest single-quarter jump under trump": one step of the series, not the change
            # from the start of the time to its end.
            return self._suggest(choice.matches, r)
        times = _without_context(r.times)
        if measure.kind is MeasureKind.FLOW and len(times) == 2 and not any(t.since for t in times):
            span = _span_of(times[0], times[1])
            if span is not None and (total := self._total_over(r, measure, span, choice, series)):
                # "in absentia orders fy2011 to fy2020": a total kept over just that stretch.
                return total
        if measure.counted_from and len(times) == 2 and self._from_its_start(measure, times[0]):
            # A count kept from a start, asked from that start to a date: its figure at that date.
            return self._value(replace(r, times=[times[1]]), measure, choice, series)
        since = [t for t in times if t.since]
        later_points = [
            t
            for t in times
            if not t.since and _is_point(t) and since and _order_key(t) > _order_key(since[0])
        ]
        if len(times) >= 2 and len(since) == 1 and later_points:
            first, second = since[0], later_points[0]  # "since trump took office, as of feb 2019"
        elif len(times) >= 2 and len(since) == 1:
            first, second = since[0], TimeRef("now")  # "did it drop under trump 2.0? since end of fy24"
        elif len(times) >= 2:
            first, second = times[0], times[1]
        elif len(times) == 1 and self._sets_two_things_side_by_side(r, measure):
            # "FY2019: new receipts vs total completions": two things at one time, one of which is
            # not understood; one of them over time would answer another question.
            return self._suggest(choice.matches, r)
        elif len(times) == 1 and not r.over_period and self._sources_set_against(r):
            # "eoir pending end of fy2023: strategic plan vs crs vs the july 2025 table": whose
            # figures of one time, side by side, not that time against now.
            return self._value(r, measure, choice, series)
        elif len(times) == 1:
            first, second = self._one_time_comparison(r, measure, times[0])
        else:
            latest = series.latest()
            if latest is None:
                return self._no_fact_for_time(measure, TimeRef("now"), series)
            month = _month_shift(latest.preferred.period.end, -12)
            first, second = TimeRef("a year before", month), TimeRef("now")
        if r.asks_share and (reported := self._reported_percent_change(measure, first, second)):
            # "By what % did EOIR's pending cases go up in FY23": the percent its counter reported
            # over just that stretch is the figure asked; one computed from a table is a derivation.
            return reported
        answer = self._compare_times(measure, first, second, series=series)
        if answer.status is not AnswerStatus.ANSWERED and not narrowed:
            # "backlog end fy2008 vs end fy2023": another count people call by the same name may hold
            # both ends where the chosen one lacks one; both ends then come from that one count.
            for sibling in self._siblings(measure, choice.alias, r.asked or r.topic, r.set_aside):
                if (sibling.kind, sibling.unit) != (measure.kind, measure.unit):
                    continue
                if r.asks_share and (reported := self._reported_percent_change(sibling, first, second)):
                    return reported
                stand_in = self._compare_times(sibling, first, second)
                if stand_in.kind is AnswerKind.COMPARISON:
                    stand_in.data["lacking"] = measure
                    return stand_in
        if answer.status is not AnswerStatus.ANSWERED:
            return self._reported_change(r, choice) or answer
        return answer

    def _reported_percent_change(self, measure: Measure, first: TimeRef, second: TimeRef) -> Answer | None:
        """A percent change of the same thing, by the same counter, reported over exactly these times."""
        if first.period is None or second.period is None:
            return None
        if _order_key(second) < _order_key(first):
            first, second = second, first
        level = Target("measure", measure.id)
        for other in self.kb.measures.values():
            if (
                other.kind is MeasureKind.CHANGE
                and other.unit == "percent"
                and other.counted_by == measure.counted_by
                and self._level_and_its_change(level, Target("measure", other.id))
                and (reported := self._change_between(other, first, second))
            ):
                return reported
        return None

    def _sources_set_against(self, r: Reading) -> bool:
        """Whether "X vs Y" in an asking sentence sets only sources, counters or versions against
        each other: no side names a measure in full."""
        for sentence in r.clauses or (r.asked or r.topic,):
            parts = r.parts_of(sentence, self.vocabulary.versus)
            if len(parts) < 2:
                continue
            return all(self._named_in_full(part) is None for part in parts)
        return False

    def _sets_two_things_side_by_side(self, r: Reading, measure: Measure) -> bool:
        """Whether an asking sentence sets two things side by side ("X vs Y") and one side names
        another measure than the one chosen: another thing, not another time or another counter."""
        chosen = Target("measure", measure.id)
        for sentence in r.clauses or (r.asked or r.topic,):
            parts = r.parts_of(sentence, self.vocabulary.side_by_side)
            if len(parts) < 2:
                continue
            for part in parts:
                found = self.index.match(part, limit=1)
                if (
                    found
                    and found[0].target.kind == "measure"
                    and found[0].score >= self.thresholds.answer
                    and found[0].target != chosen
                    and not self._comparable(found[0].target, chosen)
                ):
                    return True
        return False

    def _one_time_comparison(self, r: Reading, measure: Measure, ref: TimeRef) -> tuple[TimeRef, TimeRef]:
        """One time and a comparison: since then (to now), or the change over a period."""
        period = ref.period
        over_period = period is not None and (
            period.precision is Precision.SPAN
            or (r.over_period and not ref.since and period.precision in _PERIODS)
        )
        if not over_period:
            return ref, TimeRef("now")
        if measure.kind is MeasureKind.STOCK or period.precision is Precision.SPAN:
            return replace(ref, anchor=Anchor.START), replace(ref, anchor=Anchor.END)
        return TimeRef(f"the {period.precision.value.replace('_', ' ')} before", _previous(period)), ref

    def _compare_times(
        self, measure: Measure, first: TimeRef, second: TimeRef, series: Series | None = None
    ) -> Answer:
        series = series or self.series(measure.id)
        if _order_key(second) < _order_key(first):
            first, second = second, first
        earlier = series.select(first, measure.kind, earliest=True)
        later = series.select(second, measure.kind)
        missing = [ref for ref, sel in ((first, earlier), (second, later)) if sel is None]
        if missing:
            return self._no_fact_for_time(measure, missing[0], series)
        if earlier.preferred.id == later.preferred.id:
            # One figure in all the stretch: another count of the same thing with two may say how it
            # changed ("did the backlog go down under trump 2.0": EOIR's count, where TRAC has one).
            for other in self._comparables.get(measure.id, ()):
                stand_in = self.kb.measures[other]
                if (stand_in.kind, stand_in.unit) != (measure.kind, measure.unit):
                    continue
                ends = [
                    self.series(other).select(t, stand_in.kind, earliest=e)
                    for t, e in ((first, True), (second, False))
                ]
                if all(ends) and ends[0].preferred.id != ends[1].preferred.id:
                    answer = self._compare_times(stand_in, first, second)
                    answer.data["instead_of"] = measure
                    return answer
            return self._value_from(measure, later, second)
        pair = self.pairing.choose(earlier, later)
        main = compare(pair.earlier, pair.later)
        alternatives = [
            {"comparison": compare(alt.earlier, alt.later), "pair": alt}
            for alt in self.pairing.alternatives(earlier, later, pair)
        ]
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.COMPARISON,
            {
                "measure": measure,
                "earlier": earlier,
                "later": later,
                "asked": (first, second),
                "comparison": main,
                "pair": pair,
                "alternatives": alternatives,
            },
            facts=_unique([*earlier.facts, *later.facts]),
            statement=Statement("compare", measure.id, (main.earlier, main.later), main),
        )

    def _crossing_of_another(self, r: Reading, measure: Measure, choice: Choice) -> TimeRef | None:
        """When another measure the question names in full, one of the threshold's size, first
        reached it: the time a figure of this one is asked for ("how many cases did each judge have
        when the backlog crossed 3 million")."""
        threshold = r.numbers[-1]
        crossed = next(
            (
                m.target
                for m in choice.matches
                if m.target.kind == "measure"
                and m.target.id != measure.id
                and m.complete
                and m.score >= self.thresholds.suggest
                and self._of_size(m.target, threshold)
            ),
            None,
        )
        if crossed is None:
            return None
        _, reached = self.series(crossed.id).first_reaching(threshold)
        if reached is None:
            return None
        return TimeRef(reached.period.label, reached.period)

    def _value_from(self, measure: Measure, selection: Selection, ref: TimeRef) -> Answer:
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.FIGURE,
            {"measure": measure, "selection": selection, "asked": ref},
            facts=selection.facts,
            statement=Statement("value", measure.id, (selection.preferred,)),
        )

    def _cross_measure(self, r: Reading) -> Answer | None:
        times = _without_context(r.times)
        if len(times) > 2 or any(t.since for t in times):
            return None  # "since": one measure compared over time
        # "receipts vs completions oct 2024 to jun 2025": two counts over one stretch, side by side;
        # two levels at two times each are one measure compared over time.
        span = _span_of(*times) if len(times) == 2 else None
        if len(times) == 2 and span is None:
            return None
        # Two things named in the story around a question ("> Biden overwhelms immigration courts")
        # are not the two asked about, and two sentences are two questions, not one comparison.
        sentences = r.clauses or r.sentences
        texts = sentences if len(sentences) > 1 else (r.asked or r.topic,)
        if len(sentences) > 1 and any(self._whose_counts_set_against(r, s) for s in sentences):
            # "pending asylum applications in court end of fy24: eoir/crs vs trac": whose counts are
            # set against each other in a sentence of their own, of the thing the question names.
            texts = (*texts, r.asked or r.topic)
        against = [s for s in r.sentences if self._sets_two_against(r, s)]
        if against and not self._names_in_full(r.asked or r.topic):
            # "feb 2021 ice filing: ppl w/ final orders vs ppl still fighting in court", "trac says
            # 1.4m but eoir says 1.2m?? both figures": the asking words name nothing, so the two
            # things are those another sentence sets against each other.
            texts = (*texts, *against)
        elif against:
            # "fy23 new cases: trac says 1.4m, eoir says ~1.2m from DHS. put them side by side": the
            # asking words name the thing, the claims set against each other say whose.
            claims = [s for s in against if len(self._rival_claims(s)) > 1]
            texts = (*texts, *(f"{r.asked or r.topic} {s}" for s in claims))
        targets = next((found for text in texts if len(found := self._two_measures(r, text)) == 2), [])
        if len(targets) != 2 or self._level_and_its_change(*targets):
            return None
        measures = [self.kb.measures[t.id] for t in targets]
        if span is not None and (
            any(m.kind is not MeasureKind.FLOW for m in measures) or measures[0].comparable(measures[1])
        ):
            return None  # "trac completions fy21 vs fy24": one count at two times, not two counts
        ref = TimeRef(span.label, span) if span else times[0] if times else TimeRef("now")

        def select(measure: Measure) -> Selection | None:
            series = self.series(measure.id)
            return series.total(span.start, span.end) if span else series.select(ref, measure.kind)

        sides = []
        for index, measure in enumerate(measures):
            selection = select(measure)
            if selection is None:
                # Another count of the same thing with a figure then ("new cases, DOJ numbers") stands in.
                stand_in = next(
                    (
                        (sibling, found)
                        for sibling in self._siblings(
                            measure, None, r.asked or r.topic, r.set_aside, missing=True
                        )
                        if (sibling.unit, sibling.kind) == (measure.unit, measure.kind)
                        and (found := select(sibling)) is not None
                    ),
                    None,
                )
                if stand_in is None:
                    return self._no_fact_for_time(measure, ref, self.series(measure.id))
                measure, selection = stand_in
                measures[index] = measure
            sides.append({"measure": measure, "selection": selection})
        comparable = measures[0].comparable(measures[1])
        first, second = sides[0]["selection"].preferred, sides[1]["selection"].preferred
        result = compare(first, second) if comparable else None
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.CROSS_MEASURE,
            {"sides": sides, "comparable": comparable, "comparison": result, "asked": ref},
            facts=_unique([first, second]),
            statement=Statement("compare", None, (first, second), result),
        )

    def _whose_counts_set_against(self, r: Reading, sentence: str) -> bool:
        """Whether a sentence sets whose counts against each other, one side saying only whose:
        "eoir/crs vs trac", "eoir's number vs trac's, why are they different", "trac count vs eoir
        dhs referrals" (what TRAC counts is said elsewhere in the question)."""
        parts = r.parts_of(sentence, self.vocabulary.versus)
        v = self.vocabulary
        whose = v.counters | v.counter_nouns | v.noise | v.question_words | v.intent_words | v.differ_words
        said = v.counters | v.counter_nouns
        return len(parts) > 1 and any(set(p.split()) <= whose and set(p.split()) & said for p in parts)

    def _sets_two_against(self, r: Reading, sentence: str) -> bool:
        """Whether a sentence sets two things against each other: "X vs Y", "trac says A, eoir says B"."""
        return len(r.parts_of(sentence, self.vocabulary.versus)) > 1 or len(self._rival_claims(sentence)) > 1

    def _other_side_unknown(self, r: Reading) -> bool:
        """Whether "X vs Y" names X in full and Y only in words of names, none of them whole."""
        parts = r.parts_of(r.asked or r.topic, self.vocabulary.versus)
        if len(parts) != 2 or len(r.times) > 1 or r.places:
            return False  # "completions fy21 vs fy24", "hondurans vs mexicans": two of one thing
        named = [self._named_in_full(part) for part in parts]
        if sum(t is not None for t in named) != 1:
            return False
        v = self.vocabulary
        asking = v.question_words | v.intent_words | v.change_words
        plain = self._naming_words(parts[named.index(None)]) - asking
        return bool(self.index.words(" ".join(plain)).known)

    def _naming_words(self, part: str) -> set[str]:
        """The words of one side that may name a thing: not whose count, nor noise."""
        v = self.vocabulary
        return set(part.split()) - v.counters - v.counter_nouns - v.noise - v.determiners

    def _names_in_full(self, text: str) -> bool:
        """Whether some words hold one of a measure's names entirely, however unsurely."""
        return any(m.complete for m in self.index.match(text, limit=3))

    def _unlike_made_one(self, r: Reading) -> Answer | None:
        """ "The ice docket divided by the court backlog", "add the docket to the backlog": two
        measures that count different things are never made one figure. Each is offered alone."""
        arithmetic = self.vocabulary.arithmetic
        if not arithmetic or len(r.parts_of(r.asked or r.topic, arithmetic)) < 2:
            return None
        joiners = (*arithmetic, *self.vocabulary.joiners)
        targets = self._two_measures(r, r.asked or r.topic, joiners)
        if len(targets) != 2 or any(t.kind != "measure" for t in targets) or targets[0] == targets[1]:
            return None
        first, second = (self.kb.measures[t.id] for t in targets)
        if first.comparable(second) or self._level_and_its_change(*targets):
            return None
        if any({d.numerator, d.denominator} == {first.id, second.id} for d in self.kb.derivations.values()):
            return None  # "the docket divided by the cases per officer": a derivation kept for it
        when = next((t.text for t in r.times if t.period is not None), "now")
        alone = self._answering([f"{m.label} {when}" for m in (first, second)], MAX_SUGGESTIONS)
        answer = self._no_match(unsure="unlike", measures=[first, second])
        if alone:
            answer.data["examples"], answer.suggestions = alone, alone
        return answer

    def _two_measures(self, r: Reading, text: str, joiners: tuple[str, ...] | None = None) -> list[Target]:
        """The measures named on either side of "vs", "and", "compared to" in some words; where
        nothing asks for a comparison, only "vs" and "or" set two things side by side."""
        if joiners is None and r.intent is not Intent.COMPARE and not self._both_counters_asked(r):
            joiners = self.vocabulary.side_by_side
        parts = r.parts_of(text, joiners)
        if len(parts) < 2:
            parts = self._rival_claims(text)
        if len(parts) < 2:
            return []  # nothing joins two names: no need to read the whole as one
        if any(p.split()[-1] in self.vocabulary.change_words for p in parts[:-1]):
            return []  # "how many got added to ice's docket": a change of one thing, not two things
        # "judges fired or resigned" is one measure's name, not two things.
        whole = [
            m.complete
            for m in self.index.match(text, limit=3)
            if m.complete and m.score >= self.thresholds.answer
        ]
        # "X vs Y" sets two things against each other even when the words also hold a name joined
        # by "and": "court asylum backlog vs uscis affirmative asylum backlog" is not "asylum
        # backlog courts and uscis".
        versus = tuple(self.vocabulary.versus)
        set_against = len(r.parts_of(text, versus)) > 1 if versus else False
        if not set_against and any(len(r.parts_of(name, joiners)) > 1 for name in whole):
            return []
        targets: list[Target] = []
        alones = [self._named_in_full(part) for part in parts]
        for i, part in enumerate(parts):
            # A counter named once ("new cases vs completions per trac") counts for both sides.
            named = {w for w in part.split() if w in self.vocabulary.counters}
            counters = [] if named else sorted({w for w in r.topic.split() if w in self.vocabulary.counters})
            # "trac vs eoir backlog": the other side's words complete this one's ("trac backlog").
            others = " ".join(
                w
                for j, p in enumerate(parts)
                if j != i
                for w in p.split()
                if w not in self.vocabulary.counters
            )
            alone = alones[i]
            # The other side's words may complete this one's name, never name the other side again.
            target = alone or self._completed_side(part, others, alones)
            if counters:
                # The other side's counter says whose count this one is, never what it counts:
                # "the court backlog vs uscis pending applications" keeps the court's backlog.
                theirs = self._named_in_full(f"{part} {' '.join(counters)}", set(counters))
                if theirs is not None and (alone is None or self._comparable(theirs, alone)):
                    target = theirs
            if target is not None and target not in targets:
                targets.append(target)
        if len(targets) < 2 and len(parts) == 2:
            # "trac vs eoir count at end of fy24": each side names only whose count, so each is
            # theirs of the court backlog, unless the question names something else.
            # Only whose count each side names: "trac vs eoir end of fy24, which one higher n by how
            # much" asks about no other thing (what else the topic names is checked below).
            counters = self.vocabulary.counters
            headlines = [self._headline_of_counter(_only_of(part, counters)) for part in parts]
            if None not in headlines and headlines[0] != headlines[1] and not self._names_beside_counters(r):
                return headlines
        return targets

    def _both_counters_asked(self, r: Reading) -> bool:
        """ "why do trac and eoir disagree on fy2021 completions? give me both", "trac and eoir
        backlog end of fy24": two counters named together, or both asked for, or how they differ;
        "and" then joins two counts as "vs" does."""
        v = self.vocabulary
        words = r.text.split()
        if len(set(words) & v.counters) < 2:
            return False
        together = any(
            a in v.counters and b == "and" and c in v.counters and a != c
            for a, b, c in zip(words, words[1:], words[2:], strict=False)
        )
        return together or bool(set(words) & (v.differ_words | v.both_words))

    def _rival_claims(self, text: str) -> list[str]:
        """Some words split where another counter's claim begins: "trac says 682 judges eoir says
        734" is TRAC's judges beside EOIR's, though no "vs" joins them; so does one claim and
        another counter's number asked ("trac says 1.4m but whats eoir's number")."""
        words, v = text.split(), self.vocabulary
        pairs = list(pairwise(words))
        claimed = any(word in v.counters and after in v.claims for word, after in pairs)
        starts = [
            i
            for i, (word, after) in enumerate(pairs)
            if word in v.counters and (after in v.claims or (claimed and after in v.counter_nouns))
        ]
        if len({words[i] for i in starts}) < 2:
            return []
        bounds = [0, *starts[1:], len(words)]
        return [" ".join(words[a:b]) for a, b in pairwise(bounds) if a < b]

    def _names_beside_counters(self, r: Reading) -> bool:
        """Whether a question names something other than whose count it is, even unsurely."""
        rest = _without(r.topic, self.vocabulary.counters)
        return any(m.score >= self.thresholds.suggest for m in self.index.match(rest, limit=3))

    def _completed_side(self, part: str, others: str, alones: list[Target | None]) -> Target | None:
        """One side's measure, its name completed by the other side's words ("trac vs eoir backlog":
        TRAC's backlog). Never the other side's thing again: "receipts vs completions" is not EOIR's
        completions beside the press's, as the name takes no word of its own side."""
        words = f"{part} {others}"
        completed = self._named_in_full(words)
        if completed is None or completed in alones:
            return None
        # The words of this side that name things.
        own = set(self.index.words(" ".join(self._naming_words(part))).known)
        if own and any(o is not None and self._comparable(o, completed) for o in alones):
            return completed if own & self.index.alias_tokens(completed) else None
        return completed

    def _named_in_full(self, words: str, counters: set[str] | None = None) -> Target | None:
        """A measure one of whose names the words hold entirely, surely: one side of "X vs Y".
        With `counters` named ("trac fy2024: new cases received vs cases completed"), their
        measures first."""
        matches = self.index.match(_without(words, self.vocabulary.intent_words))
        whole = [
            m
            for m in matches
            if m.target.kind == "measure"
            and m.complete
            and m.score >= self.thresholds.suggest
            and not self._only_counter(m.complete)
        ]
        if counters:
            whole = [m for m in whole if counters & self._counters_of(m.target)] or whole
        if not whole:
            return None
        top = whole[0]
        rivals = [m for m in whole[1:] if top.score - m.score < self.thresholds.margin]
        if any(not self._comparable(top.target, m.target) for m in rivals):
            return None
        return top.target

    def _trend(
        self, measure: Measure, times: list[TimeRef] | None = None, series: Series | None = None
    ) -> Answer:
        series = series or self.series(measure.id)
        points = series.preferred_per_date()
        figures = series.facts
        if times and times[0].period is not None:
            start = times[0].period.start
            end = times[1].period.end if len(times) > 1 and times[1].period else date.max
            if len(times) == 1 and not times[0].since:
                end = times[0].period.end
            points = [p for p in points if start <= p.period.end <= end]
            figures = [f for f in figures if start <= f.period.end <= end]
        points = [p for p in points if not p.low_confidence] or points
        if not points:
            return self._no_fact_for_time(measure, times[0] if times else TimeRef("now"), series)
        shown = _spread(points, TREND_POINTS)
        change = compare(points[0], points[-1]) if len(points) > 1 else None
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.TREND,
            {
                "measure": measure,
                "points": shown,
                "total": len(points),
                "figures": len(figures),  # every source's figure, as the chart draws them
                "change": change,
            },
            facts=shown,
            statement=Statement("trend", measure.id, tuple(shown)),
        )

    def _threshold(self, r: Reading, measure: Measure, series: Series) -> Answer:
        # "three point four million... no wait, i mean 3 million": the last said, of those the asking
        # sentences say ("first top 700? my uncle thinks they've had 700 since the 90s": not 90).
        asked = [n for n in numbers_in(r.asked) if n in r.numbers] if r.asked else []
        threshold = (asked or r.numbers)[-1]
        below, reached = series.first_reaching(threshold)
        # When it passed is known only between a figure below and the first at or above: a series
        # that starts above ("TRAC's 1.4 million new cases in FY2023" for "first over 500k") or
        # never gets there says no date.
        crossed = below is not None and reached is not None
        return Answer(
            AnswerStatus.ANSWERED if crossed else AnswerStatus.NO_MATCH,
            AnswerKind.THRESHOLD,
            {"measure": measure, "threshold": threshold, "below": below, "reached": reached},
            facts=[f for f in (below, reached) if f is not None],
            statement=Statement("threshold", measure.id, (reached,) if crossed else ()),
        )

    def _rank(self, r: Reading, measure: Measure, series: Series) -> Answer:
        """ "Which country has the most": the facts of one date of a breakdown, largest first;
        "which has the fewest": smallest first."""
        latest = series.latest() if not r.times else series.select(r.times[0], measure.kind)
        if latest is None:
            return self._no_fact_for_time(measure, r.times[0] if r.times else TimeRef("now"), series)
        day = latest.preferred.period.end
        smallest_first = r.superlative == "min"
        ranked = sorted(
            series.between(day, day), key=lambda f: (f.value if smallest_first else -f.value, f.id)
        )
        # One per place (the preferred source's), or, where places are not recorded, one per value.
        ranked = list({(f.place or f.value): f for f in reversed(ranked)}.values())[::-1][: r.top]
        if len(ranked) < 2 and not r.places and not self._is_breakdown(Target("measure", measure.id)):
            # "Which state has the biggest backlog": the nation's figure is no state's.
            return self._no_breakdown(measure, r)
        if len(ranked) < 2:
            return self._value(r, measure, series=series)
        position = r.position
        data = {"measure": measure, "ranked": ranked, "smallest_first": smallest_first, "position": position}
        if position and position > len(ranked):
            # "Which country is fifth" of a ranking of four: the ranking, and no figure stated.
            return Answer(AnswerStatus.NO_MATCH, AnswerKind.RANK, data, facts=ranked)
        # "Which country was second": that place's figure is the one stated, the ranking beside it.
        asked = ranked[position - 1] if position else ranked[0]
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.RANK,
            data,
            facts=ranked,
            statement=Statement("rank", measure.id, (asked, *(f for f in ranked if f is not asked))),
        )

    def _definitions(self, measures: list[Measure]) -> Answer:
        """What each measure counts, by whom, and how many figures of it the fact base holds."""
        entries = []
        for measure in measures:
            series = self.series(measure.id)
            entries.append(
                {
                    "measure": measure,
                    "count": len(series),
                    "first": series.facts[0] if len(series) else None,
                    "last": series.facts[-1] if len(series) else None,
                    "comparable": [
                        self.kb.measures[m] for m in measure.comparable_with if m in self.kb.measures
                    ],
                }
            )
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.DEFINITION,
            {
                "definitions": entries,
                "comparable": measures[0].comparable(measures[-1]) if len(measures) > 1 else None,
            },
            statement=Statement("definition", measures[0].id),
        )

    def _source(self, r: Reading, measure: Measure | None, series: Series | None = None) -> Answer:
        """Where a figure comes from: by the number named, else the figure for the time asked."""
        if r.numbers:
            # The most precisely stated number names the figure ("542,411", not the "3" of "3 articles").
            number = max(r.numbers, key=_significant_digits)
            stating = self.facts_stating(number)
            # "The 'nearly 2 million' figure from july 2023": the ones of that time, or put out then.
            asked = [t.period for t in r.times if t.period is not None]
            timely = [f for f in stating if any(self._of_time_or_published(f, p) for p in asked)]
            stating = timely or stating
            if stating and not set(r.topic.split()) & self.vocabulary.counters:
                # "who said the backlog hit 4 million", naming no counter: the figures nearest the
                # number said, not a 3.7 million that rounds to it ("about 4 million" is EOIR's).
                # (a drop of 700k is -700,000: sizes are compared)
                nearest = min(abs(abs(f.value) - number) for f in stating)
                near = nearest + _NEAR_A_NUMBER * number
                stating = [f for f in stating if abs(abs(f.value) - number) <= near]
            # The measure named, if any fact of it states the number; else the closest-named one.
            facts = [f for f in stating if measure is not None and f.measure == measure.id]
            if not facts and stating:
                facts = self._best_named(stating, r)
        elif measure is not None:
            series = series or self.series(measure.id)
            selection = series.select(r.times[0] if r.times else TimeRef("now"), measure.kind)
            facts = selection.facts if selection else []
        else:
            facts = []
        if not facts:
            return self._value(r, measure, series=series) if measure else self._no_match()
        facts = _unique(facts)
        if r.numbers:
            number = max(r.numbers, key=_significant_digits)
            facts = sorted(facts, key=lambda f: (abs(f.value - number), self.series(f.measure).preference(f)))
        # Else in the selection's order: the figure the time asked answers with comes first.
        facts = facts[:3]
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.PROVENANCE,
            {"facts": facts},
            facts=facts,
            statement=Statement("source", facts[0].measure, tuple(facts)),
        )

    def _of_time_or_published(self, fact: Fact, period: Period) -> bool:
        if fact.period.start <= period.end and period.start <= fact.period.end:
            return True
        day = self._published_on(fact)
        return day is not None and period.start <= day <= period.end

    def _best_named(self, facts: list[Fact], r: Reading) -> list[Fact]:
        """Of facts of several measures stating one number, those of the measure the words name best."""
        measures = {f.measure for f in facts}
        if len(measures) == 1:
            return facts
        scores = {
            m.target.id: m.score for m in self.index.match(r.topic, limit=20) if m.target.id in measures
        }
        if not scores:
            # "who says 3.7m end fy24": no words name a measure; the court backlog's counts are what
            # a bare number of that size means, when one count of it states the number.
            headline = {m.id for m in self.headline_group}
            backlog = [f for f in facts if f.measure in headline]
            return backlog if len({f.measure for f in backlog}) == 1 else []
        best = max(scores, key=lambda m: scores[m])
        return [f for f in facts if f.measure == best]

    def _derived(self, r: Reading, derivation_id: str) -> Answer:
        derivation = self.kb.derivations[derivation_id]
        numerators = self.series(derivation.numerator)
        denominators = self.series(derivation.denominator)
        ref = r.times[0] if r.times else None
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
            return self._no_match(unsure="derivation", derivation=derivation)
        numerator, denominator = pairs[0]
        result = divide(numerator, denominator)
        if derivation.unit == "percent":
            result = replace(result, value=result.value * 100)  # a share: applications of cases
        return Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.DERIVED,
            {
                "derivation": derivation,
                "numerator": numerator,
                "denominator": denominator,
                "result": result,
                "numerator_measure": self.kb.measures[derivation.numerator],
                "denominator_measure": self.kb.measures[derivation.denominator],
            },
            facts=[numerator, denominator],
            # A figure computed from two is a comparison of the two: both are stated, and cited.
            statement=Statement("compare", None, (numerator, denominator)),
        )

    # -- when unsure -------------------------------------------------------------

    def _no_breakdown(self, measure: Measure, r: Reading) -> Answer:
        """A place named that the measure has no figure for: never the national figure instead."""
        return Answer(
            AnswerStatus.NO_MATCH,
            AnswerKind.NO_BREAKDOWN,
            {"measure": measure, "places": [p.title() for p in r.places]},
            suggestions=[self._as_question(r, measure.label)],
        )

    def _time_words(self, period: Period) -> str:
        """A period as words the time reader reads back ("in FY2024", "on 30 September 2024")."""
        form = self.vocabulary.questions["on_day" if period.precision is Precision.DAY else "in_period"]
        return form.format(time=period.label)

    def _no_fact_for_time(self, measure: Measure, ref: TimeRef, series: Series) -> Answer:
        period = ref.period or parse_period(self.today().isoformat())
        nearest = series.nearest(period)
        form = self.vocabulary.questions["value"]
        return Answer(
            AnswerStatus.NO_MATCH,
            AnswerKind.NO_FACT_FOR_TIME,
            {"measure": measure, "asked": ref, "nearest": nearest},
            facts=nearest,
            suggestions=[
                form.format(measure=measure.label, time=self._time_words(f.period)) for f in nearest
            ],
        )

    def _suggest(self, matches: list[Match], r: Reading) -> Answer:
        """ "Did you mean" the closest targets, asked the way the question was; or an honest no."""
        close = [m for m in matches if m.score >= self.thresholds.suggest and m.target.kind != "topic"]
        labels = [self._target_label(m.target) for m in close[: MAX_SUGGESTIONS + 2]]
        if not labels and r.intent is Intent.THRESHOLD and r.numbers:
            # "when did it first top 2m": nothing named, a number of the court backlog's size; its
            # counts are offered, never answered for.
            headline = sorted(self.headline_group, key=lambda m: (-m.priority, m.id))
            labels = [m.label for m in headline if self._of_size(Target("measure", m.id), r.numbers[-1])]
        if not labels:
            return self._no_match(unsure="measure")
        suggestions = [self._as_question(r, label) for label in labels]
        return Answer(
            AnswerStatus.SUGGESTIONS,
            AnswerKind.SUGGESTIONS,
            {"unsure": "measure"},
            suggestions=list(dict.fromkeys(suggestions)),
        )

    def _time_unclear(self, target: Target, r: Reading) -> Answer:
        """A time named that could not be read ("under trump?", "1111"): offer the times it can be."""
        label = self._target_label(target)
        names = {self._name_key(word) for word in r.unclear} - {None}
        questions = self.vocabulary.questions
        suggestions = [
            questions[form].format(measure=label, who=who.replace("_", " ").title())
            for who in sorted(names)
            for form in ("start_of", "end_of")
        ]
        if not suggestions:
            suggestions = [questions["value"].format(measure=label, time="").strip()]
        return Answer(
            AnswerStatus.SUGGESTIONS,
            AnswerKind.SUGGESTIONS,
            {"unsure": "time", "words": r.unclear},
            suggestions=suggestions,
        )

    def _name_key(self, word: str) -> str | None:
        return next((who for who, names in self.vocabulary.names.items() if word in names), None)

    def _off_topic_answer(self, topic: OffTopic) -> Answer:
        return Answer(
            AnswerStatus.NO_MATCH,
            AnswerKind.OFF_TOPIC,
            {"topic": topic, "covers": self.vocabulary.covers, "examples": self.example_questions()},
            suggestions=self.example_questions()[:MAX_SUGGESTIONS],
        )

    def _as_question(self, r: Reading, label: str) -> str:
        """A suggestion put as the question was asked: the same kind of answer, the same times."""
        forms = self.vocabulary.questions
        time = " ".join(t.text for t in r.times)
        kind = r.intent.value if r.intent.value in forms else "value"
        if kind == "threshold" and not r.numbers:
            kind = "value"
        # Written out in full: "2e+06" would read as no number at all.
        number = _written_out(r.numbers[-1]) if r.numbers else ""
        return " ".join(forms[kind].format(measure=label, time=time, number=number).split())

    def _unknown_measure(self, text: str) -> Answer:
        matches = self.index.match(normalise(text, self.vocabulary, self.today()))
        close = [m for m in matches if m.score >= self.thresholds.suggest and m.target.kind == "measure"]
        if not close:
            return self._no_match(unsure="measure_name", name=text)
        return Answer(
            AnswerStatus.SUGGESTIONS,
            AnswerKind.SUGGESTIONS,
            {"unsure": "measure_name", "name": text},
            suggestions=[self._target_label(m.target) for m in close[:MAX_SUGGESTIONS]],
        )

    def _no_match(self, unsure: str | None = None, **details: Any) -> Answer:
        return Answer(
            AnswerStatus.NO_MATCH,
            AnswerKind.NO_MATCH,
            {"unsure": unsure, "examples": self.example_questions(), **details},
            suggestions=self.example_questions()[:MAX_SUGGESTIONS],
        )

    def _target_label(self, target: Target) -> str:
        if target.kind == "derivation":
            return self.kb.derivations[target.id].label
        if target.kind == "topic":
            return self._off_topic[target.id].label
        return self.kb.measures[target.id].label

    def example_questions(self) -> list[str]:
        """Questions the fact base can answer, for the no-match reply and empty autocomplete."""
        headline = self.headline_group[0].label if self.headline_group else "immigration court backlog"
        return [
            f"{headline} now",
            "compare the immigration court backlog in 2017 and 2024",
            "ICE non-detained docket when Biden took office",
            "how many immigration judges are there",
            "when did the backlog pass 3 million",
        ]

    def _time(self, text: str) -> TimeRef:
        """A time typed on its own (`backlog compare ... 2017 2024`)."""
        normalised = normalise(text, self.vocabulary, self.today())
        times = find_times(normalised, self.vocabulary, self.kb.moments.values(), self.today()).times
        if times:
            return times[0]
        try:
            return TimeRef(text, parse_period(text))
        except DateFormatError:
            raise QuestionError(
                f"{text!r} is not a time I understand (try 2017, March 2024, FY2024 or now)"
            ) from None

    def _index_entries(self):
        """Every name of every target, as words without the times some aliases carry
        ("gotaways since biden took office"): a question's times are read apart, so an alias's are too."""
        kb, vocabulary = self.kb, self.vocabulary
        entries = [
            *(
                (Target("measure", m.id, m.priority), (*_labels(m.label), *self._in_units(m), *m.aliases))
                for m in kb.measures.values()
            ),
            *((Target("derivation", d.id, 0), (d.label, *d.aliases)) for d in kb.derivations.values()),
            *((Target("topic", t.id, -1), t.words) for t in vocabulary.off_topic),
        ]
        for target, phrases in entries:
            yield target, [self._timeless(p) for p in phrases]

    def _topics_within(self) -> list[tuple[Target, tuple[str, ...]]]:
        """The names of neighbouring topics that a measure counts among others, for that measure; and
        the words of asking a figure per head ("each", "on average"), for a measure kept per head."""
        within = [
            (Target("measure", m, self.kb.measures[m].priority), topic.words)
            for topic in self.vocabulary.off_topic
            for m in sorted(topic.within)
            if m in self.kb.measures
        ]
        per_head = [
            (target, self.vocabulary.asks_rate)
            for m in self.kb.measures.values()
            if self._per_head(target := Target("measure", m.id, m.priority))
        ]
        return within + per_head

    def _said_by(self) -> list[tuple[Target, list[str]]]:
        """Each measure's sources, as words (publisher, author, title), and its definition, from the
        shared base only: a server's own source or measure must not change how the shared index
        reads a question. A word of one measure's definition alone ("examined" of the PD review's
        cases reviewed) keeps a question using it from reading as about something else."""
        said: dict[str, set[str]] = {}
        for fact in self.kb.facts.values():
            source = self.kb.sources.get(fact.source)
            if fact.server is None and source is not None and source.server is None:
                said.setdefault(fact.measure, set()).add(
                    f"{source.publisher} {source.author or ''} {source.title}"
                )
        return [
            (Target("measure", m.id, m.priority), [*sorted(said.get(m.id, ())), m.definition])
            for m in self.kb.measures.values()
            if m.server is None
        ]

    def _in_units(self, measure: Measure) -> tuple[str, ...]:
        """ "average wait ... in days": a measure counted in time or a share is also named by its unit."""
        unit = self.kb.units.get(measure.unit)
        if unit is None or unit.id not in _NAMING_UNITS:
            return ()
        return (f"{_labels(measure.label)[-1]} {unit.plural}",)

    def _timeless(self, phrase: str) -> str:
        text = normalise(phrase, self.vocabulary)
        return find_times(text, self.vocabulary, self.kb.moments.values(), self.today()).without_times()

    def _who_counts(self, r: Reading) -> Target | None:
        """ "what's EOIR", "who is TRAC": who counts, asked about, is answered by what they count (its
        definition), never by their latest figure."""
        if r.intent is not Intent.VALUE or r.times or r.numbers:
            return None
        if not any(r.text.startswith(f"{words} ") for words in self.vocabulary.asks_what_is):
            return None
        named = self.index.surface_words(r.topic)
        if not named or not set(named) <= self.vocabulary.counters:
            return None
        if set(r.topic.split()) & self.vocabulary.counter_nouns:
            return None  # "what's the trac number" asks their figure
        return self._headline_of_counter(r.topic)

    def _headline_of_counter(self, topic: str) -> Target | None:
        """ "trac # aug 2019", "when did eoir's own count top 3m": a counter named with nothing else is
        their count of the court backlog."""
        skipped = self.vocabulary.intent_words | set(self.vocabulary.scale_words.values())
        # "exact trac count at the close of fy2024 pls": a word no name holds says nothing else
        words = [w for w in self.index.surface_words(topic) if w not in skipped and self.index.knows(w)]
        named = set(words) & self.vocabulary.counters
        if len(named) != 1 or not self._only_counter(" ".join(words)):
            return None
        for measure in sorted(self.headline_group, key=lambda m: (-m.priority, m.id)):
            target = Target("measure", measure.id, measure.priority)
            if named <= self._counters_of(target):
                return target
        return None

    def _headline_group(self) -> list[Measure]:
        """The measure of highest priority and its siblings: what people call "the court backlog"."""
        if not self.kb.measures:
            return []
        top = max(self.kb.measures.values(), key=lambda m: (m.priority, m.id))
        return [top, *self._siblings(top)]


def _comparables_of(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each measure's comparable others, both ways: stand-ins are looked for among these only."""
    comparables: dict[str, set[str]] = {m: set() for m in kb.measures}
    for m in kb.measures.values():
        for other in m.comparable_with:
            if other in kb.measures and other != m.id:
                comparables[m.id].add(other)
                comparables[other].add(m.id)
    return {m: sorted(others) for m, others in comparables.items()}


def _names_more(match: Match | None, than: Match) -> bool:
    """Whether a match names in full all that another names and more, and scores better: "trac's
    per-judge backlog" names the backlog per judge, not the backlog."""
    if match is None or match.complete is None or than.complete is None or match.score <= than.score:
        return False
    return set(than.complete.split()) < set(match.complete.split())


def _named_whole(choice: Choice) -> bool:
    return any(m.target == choice.target and m.complete for m in choice.matches)


def _surer(choice: Choice, than: Choice) -> bool:
    """Of two sentences' choices, the one that names its measure in full, then the better scored:
    "the backlog topped a million. when did it first go over 1 million cases in TRAC's count" is
    the backlog, not TRAC's new cases with "new" left out."""
    return (_named_whole(choice), _top(choice)) > (_named_whole(than), _top(than))


def _is_point(ref: TimeRef) -> bool:
    """A day or a month asked: a time to read a figure at, not a stretch to look across."""
    return ref.period is not None and ref.period.precision in (Precision.DAY, Precision.MONTH)


def _point(ref: TimeRef) -> date:
    """The day a time stands for when a change is measured from or to it (a year's end by default)."""
    period = ref.period
    assert period is not None
    return period.start if ref.anchor is Anchor.START else period.end


def _near(day: date, ref: TimeRef) -> bool:
    """A day within a month of the point a time stands for, or anywhere in a stretch or calendar
    year without one ("from 2005 to early 2016": a change reported from 2005 to December 2015)."""
    period = ref.period
    assert period is not None
    if period.precision in (Precision.SPAN, Precision.YEAR) and ref.anchor is Anchor.ANY:
        return (period.start - day).days <= 31 and (day - period.end).days <= 31
    return abs((day - _point(ref)).days) <= 31


@lru_cache(maxsize=1024)
def _counted_by_several(counted_by: str, counters: frozenset[str]) -> bool:
    """ "GAO and EOIR": more than one counter named before any "(from ...)"."""
    return len(set(_plain_words(counted_by.partition("(")[0]).split()) & counters) > 1


def _plain_words(text: str) -> str:
    """ "U.S. DOJ ... (EOIR)": folded, with only letters and digits between spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text))


def _top(choice: Choice) -> float:
    return next((m.score for m in choice.matches if m.target == choice.target), 0.0)


def _written_out(number: float) -> str:
    """A number as digits a question reads back: 2000000, 3.5, never 2e+06."""
    return f"{number:.0f}" if float(number).is_integer() else f"{number}"


_CONTEXT_MARGIN = timedelta(days=31)


def _without_context(times: list[TimeRef]) -> list[TimeRef]:
    """Of three or more times, those a stretch holding all the others only sets in context ("during
    trump's first term, from the end of fy2017 to the end of fy2020": the two ends are asked)."""
    if len(times) < 3:
        return times

    def within(other: TimeRef, stretch: Period) -> bool:
        if other.period is None:
            return False
        # A month of either end is still within: "biden's first 2 yrs (from 20 january 2021), from
        # jan 2021 to jan 2023".
        start, end = stretch.start - _CONTEXT_MARGIN, stretch.end + _CONTEXT_MARGIN
        if other.anchor in (Anchor.START, Anchor.END):  # "the end of fy2017" is a day
            return start <= _point(other) <= end
        return start <= other.period.start and other.period.end <= end

    inner = [
        t
        for t in times
        if t.period is None or t.since or not all(o is t or within(o, t.period) for o in times)
    ]
    return inner if len(inner) >= 2 else times


def _span_of(first: TimeRef, second: TimeRef) -> Period | None:
    """The stretch from the start of one time to the end of a later one."""
    if first.period is None or second.period is None or second.period.end <= first.period.start:
        return None
    return span_period(first.period.start, second.period.end)


def _labels(label: str) -> tuple[str, ...]:
    """A label, and its name without the bracketed counter: "Immigration court backlog (TRAC's count)"
    is also what people call "immigration court backlog"."""
    head = label.split("(")[0].strip()
    return (label, head) if head and head != label else (label,)


def _without(text: str, words: frozenset[str]) -> str:
    return " ".join(w for w in text.split() if w not in words)


def _only_of(text: str, words: frozenset[str]) -> str:
    return " ".join(w for w in text.split() if w in words)


def _previous(period: Period) -> Period:
    """The period of the same length just before: FY2023 before FY2024, 2023 before 2024."""
    match period.precision:
        case Precision.FISCAL_YEAR:
            return fiscal_year(period.end.year - 1)
        case Precision.YEAR:
            return calendar_year(period.start.year - 1)
        case _:  # a quarter: the one before
            start = _month_shift(period.start, -3).start
            text = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
            return Period(start, _month_shift(period.start, -1).end, Precision.QUARTER, text)


def _month_shift(day: date, months: int) -> Period:
    shifted = add_months(day.replace(day=1), months)
    return month_period(shifted.year, shifted.month)


def _order_key(ref: TimeRef) -> date:
    return date.max if ref.period is None else ref.period.start


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: dict[int, Fact] = {}
    for fact in facts:
        seen.setdefault(fact.id, fact)
    return list(seen.values())


def _newest_key(selection: Selection) -> date:
    period = selection.preferred.period
    return period.start + (period.end - period.start) / 2


def _spread(points: list[Fact], count: int) -> list[Fact]:
    """At most `count` points, evenly spread, always keeping the first and the last."""
    if len(points) <= count:
        return points
    step = (len(points) - 1) / (count - 1)
    return [points[round(i * step)] for i in range(count)]


def _significant_digits(number: float) -> int:
    return len(f"{number:.15g}".replace(".", "").replace("-", "").strip("0"))


def _rounding_range(stated: float) -> tuple[float, float]:
    """The values a stated number covers at its own rounding: "3.5 million" is 3,450,000-3,550,000."""
    digits = f"{stated:.15g}".replace(".", "").replace("-", "").strip("0") or "0"
    magnitude = 10 ** (len(str(int(abs(stated)))) - len(digits))
    return stated - magnitude / 2, stated + magnitude / 2


__all__ = ["Answer", "AnswerEngine", "AnswerStatus", "QuestionError", "Statement"]
