"""Which two figures a comparison may set against each other.

Never two versions of one revised table: EOIR's FY2015 from its April 2021 table against
its FY2024 from the July 2025 table is 8.4×, most of it EOIR's revision, not the courts.
Two sources that state different figures for the same measure and date are versions of
its table; this is read from the facts themselves, so a version added by a moderator is
known at once.

Of the pairs left, a reported figure is preferred to a projection, an estimate or a claim.
A pair across versions (when no one version covers both times) or across a measure's change
of method (TRAC's 2018–2021 "active backlog" against its later full count) says so.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from .dates import Period, Precision, parse_period
from .models import Fact, KnowledgeBase, Measure, MethodChange, Qualifier, Status
from .selection import Selection


@dataclass(frozen=True)
class Pair:
    earlier: Fact
    later: Fact
    method_crossed: MethodChange | None = None  # one end counted before a change of method, one after
    across_versions: bool = False  # two versions of a revised table: no one version covers both times


class Pairing:
    """The rules above, over one fact base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._versions = _Versions(kb)
        self._changes = {m.id: m.method_changes for m in kb.measures.values() if m.method_changes}

    def over(
        self, kb: KnowledgeBase, measures: set[str], facts: Iterable[Fact], own: Iterable[Measure] = ()
    ) -> Pairing:
        """The rules over a server's view `kb`, where only `measures` gained facts (`facts`: all of
        theirs) and `own` are the server's measures: versions are read again for those measures
        only, the rest is this base's."""
        pairing = copy.copy(self)
        pairing.kb = kb
        pairing._versions = _LayeredVersions(
            self._versions, _Versions(KnowledgeBase(facts={f.id: f for f in facts})), measures
        )
        changes = {m.id: m.method_changes for m in own if m.method_changes}
        if changes:
            pairing._changes = {**self._changes, **changes}
        return pairing

    def other_versions(self, a: Fact, b: Fact) -> bool:
        return a.measure == b.measure and self._versions.differ(a.measure, a.source, b.source)

    def method_of(self, fact: Fact) -> MethodChange | None:
        """The change of method a fact's figure falls before, if any: its source was published within
        a stretch counted another way ("2018..2021-06": TRAC's reports then counted the active
        backlog only), or before a break. The method belongs to the report, not the date counted."""
        published = self.kb.sources[fact.source].published
        if published is None:
            return None
        day = parse_period(published).start
        for change in self._changes.get(fact.measure, ()):
            period = change.period
            if period.contains(day) if period.precision is Precision.SPAN else day < period.start:
                return change
        return None

    def method_crossed(self, a: Fact, b: Fact) -> MethodChange | None:
        """The change of method between two figures, when one was counted before it and one after."""
        first, second = self.method_of(a), self.method_of(b)
        return None if first == second else first or second

    def choose(self, earlier: Selection, later: Selection) -> Pair:
        """The two ends to compare: the figures each time's selection prefers, unless that sets two
        versions of one table against each other or a projection where a reported figure exists.
        Only when no one version covers both times is a pair across versions taken, and marked."""
        candidates = [
            (i + j, a, b)
            for i, a in enumerate(_ends(earlier))
            for j, b in enumerate(_ends(later))
            if a.id != b.id
        ]
        _, a, b = min(
            candidates,
            key=lambda c: (
                self.other_versions(c[1], c[2]),
                _unreported(c[1]) + _unreported(c[2]),
                c[1].low_confidence or c[2].low_confidence,
                c[0],
            ),
        )
        return self._pair(a, b)

    def alternatives(self, earlier: Selection, later: Selection, main: Pair) -> list[Pair]:
        """Other sources' figures give other results: each shown once, never across versions.

        A figure is set against the same source's figure at the other time when there is one,
        else against the main pair's other end, else against any figure it may be compared with.
        """
        found: dict[tuple, Pair] = {}
        shown = {_shown(main.earlier, self), _shown(main.later, self)}
        for other in earlier.differing:
            partner = self._partner(other, later, main.later)
            if partner is not None:
                found.setdefault((_shown(other, self), _shown(partner, self)), self._pair(other, partner))
        for other in later.differing:
            partner = self._partner(other, earlier, main.earlier)
            if partner is not None:
                found.setdefault((_shown(partner, self), _shown(other, self)), self._pair(partner, other))
        return [pair for key, pair in found.items() if set(key) != shown]

    def _pair(self, a: Fact, b: Fact) -> Pair:
        return Pair(a, b, self.method_crossed(a, b), self.other_versions(a, b))

    def _partner(self, fact: Fact, other_end: Selection, main_end: Fact) -> Fact | None:
        ends = _ends(other_end)
        same_source = [f for f in ends if f.source == fact.source]
        for candidate in [*same_source, main_end, *ends]:
            if candidate.id != fact.id and not self.other_versions(fact, candidate):
                return candidate
        return None


def _ends(selection: Selection) -> list[Fact]:
    """The figures for exactly the time a selection answers, the preferred first."""
    return [selection.preferred, *selection.differing, *selection.also_reported_by]


def _unreported(fact: Fact) -> int:
    return int(fact.status is not Status.REPORTED)


def _shown(fact: Fact, pairing: Pairing) -> tuple:
    """What a reader sees of an end: two facts that read the same are one line, not two."""
    return (fact.value, fact.qualifier, fact.period, fact.status, pairing.kb.sources[fact.source].publisher)


class _Versions:
    """Which sources of one measure are different versions of its table, read from the facts.

    A measure is one counter's count (EOIR's, as EOIR, CRS or the press report it), so two
    sources that disagree on its figure for the same date are two versions; a source that only
    ever agrees with one version (a repost of its figure) is a copy of it. Two of these are the
    same version when they agree where they meet or one copies the other; otherwise different
    versions, even where they share no date (EOIR's April 2021 table against a repost of its
    July 2025 one).
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        by_point: dict[tuple[str, Period], list[Fact]] = defaultdict(list)
        for fact in kb.facts.values():
            if fact.status is Status.REPORTED:
                by_point[(fact.measure, fact.period)].append(fact)
        disagree: set[tuple[str, frozenset[str]]] = set()
        agree: set[tuple[str, frozenset[str]]] = set()
        for (measure, _), facts in by_point.items():
            for a, b in combinations(facts, 2):
                if a.source != b.source:
                    found = disagree if _disagree(a, b) else agree
                    found.add((measure, frozenset((a.source, b.source))))
        self._agree = agree - disagree
        versions = {(measure, source) for measure, pair in disagree for source in pair}
        partners: dict[tuple[str, str], set[str]] = defaultdict(set)
        for measure, pair in self._agree:
            a, b = tuple(pair)
            partners[(measure, a)].add(b)
            partners[(measure, b)].add(a)
        self._version_of: dict[tuple[str, str], str] = {key: key[1] for key in versions}
        for (measure, source), others in partners.items():
            copied = sorted(o for o in others if (measure, o) in versions)
            if (measure, source) not in versions and copied:
                self._version_of[(measure, source)] = copied[0] if len(copied) == 1 else source

    def differ(self, measure: str, a: str, b: str) -> bool:
        if a == b or (measure, frozenset((a, b))) in self._agree:
            return False
        version_a = self._version_of.get((measure, a))
        version_b = self._version_of.get((measure, b))
        return version_a is not None and version_b is not None and version_a != version_b


class _LayeredVersions:
    """The base's versions, but for the measures a server's facts touched, read again with them."""

    def __init__(self, base: _Versions, top: _Versions, measures: set[str]) -> None:
        self._base, self._top, self._measures = base, top, measures

    def differ(self, measure: str, a: str, b: str) -> bool:
        return (self._top if measure in self._measures else self._base).differ(measure, a, b)


def _disagree(a: Fact, b: Fact) -> bool:
    """Whether two figures cannot both be right: their ranges of possible values do not meet
    ("nearly 3.9 million" and 3,884,956 agree; 460,093 and 658,871 do not)."""
    low_a, high_a = _possible(a)
    low_b, high_b = _possible(b)
    return high_a < low_b or high_b < low_a


def _possible(fact: Fact) -> tuple[float, float]:
    value = fact.value
    match fact.qualifier:
        case Qualifier.EXACT:
            return value, value
        case Qualifier.MORE_THAN:
            return value, float("inf")
        case Qualifier.FEWER_THAN:
            return float("-inf"), value
        case Qualifier.NEARLY:
            return value * 0.95, value
        case _:
            return value * 0.95, value * 1.05
