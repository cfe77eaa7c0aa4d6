"""Which measure a question is about: typo-tolerant, weighted word matching.

A question's words are first corrected against the vocabulary of every alias
(rapidfuzz, so "baclog" reads as "backlog"), then an inverted index gives the
aliases that share a word with it, and only those are scored. The cost grows
with the words of the question, not with the number of facts or measures.

The score of an alias is the harmonic mean of two shares, each weighted by how
rare a word is (IDF): how much of the alias the question contains, and how
much of the question the alias explains. Thresholds are named constants; see
`tests/questions.yaml` and `bench/thresholds.py` for the measurement behind them.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from .text import content_tokens, fold, stem


@dataclass(frozen=True)
class Thresholds:
    """When to answer, when to ask "did you mean", when to say no.

    The defaults were chosen by `bench/thresholds.py`, which sweeps them over the
    measured question set in tests/questions.yaml (see the CHANGELOG for the figures).
    """

    answer: float = 60.0  # at or above: answer (when not ambiguous)
    suggest: float = 55.0  # at or above: "did you mean"; below: an honest no-match
    margin: float = 2.0  # two different measures closer than this are ambiguous
    unknown_word_weight: float = 6.0  # a word no alias knows counts against every match


DEFAULT_THRESHOLDS = Thresholds()
# A typed word counts as a vocabulary word at this rapidfuzz ratio or above.
TYPO_SCORE = 80.0
# Words in more aliases than this only score; they do not propose candidates.
MAX_POSTINGS = 400
# When every word of a question is common, score at most this many aliases holding them all.
MAX_COMMON_CANDIDATES = 60
# How many completions of a half-typed word autocomplete tries.
COMPLETIONS_PER_PREFIX = 4


@dataclass(frozen=True)
class Target:
    """Something a question can be about: a measure or a derived figure."""

    kind: str  # "measure" | "derivation"
    id: str
    priority: int = 0


@dataclass(frozen=True)
class Match:
    target: Target
    score: float
    alias: str


class MeasureIndex:
    """An index from words to the aliases of measures and derived figures."""

    def __init__(
        self, entries: Iterable[tuple[Target, Iterable[str]]], unknown_word_weight: float = 6.0
    ) -> None:
        self.unknown_word_weight = unknown_word_weight
        self._aliases: list[tuple[Target, str, frozenset[str]]] = []
        postings: dict[str, set[int]] = defaultdict(set)
        for target, phrases in entries:
            for phrase in {fold(p) for p in phrases if p}:
                tokens = frozenset(content_tokens(phrase))
                if not tokens:
                    continue
                index = len(self._aliases)
                self._aliases.append((target, phrase, tokens))
                for token in tokens:
                    postings[token].add(index)
        self._postings = {token: frozenset(ids) for token, ids in postings.items()}
        # Each common word's aliases, shortest first: the order in which to take them when capped.
        self._by_specificity = {
            id(ids): sorted(ids, key=lambda i: (len(self._aliases[i][2]), i))
            for ids in self._postings.values()
            if len(ids) > MAX_POSTINGS
        }
        total = max(len(self._aliases), 1)
        self._idf = {t: math.log(1 + total / len(ids)) for t, ids in self._postings.items()}
        self._vocabulary = sorted(self._postings)
        self._correct = lru_cache(maxsize=50_000)(self._correct_uncached)

    def __len__(self) -> int:
        return len(self._aliases)

    def match(self, text: str, limit: int = 5) -> list[Match]:
        """Targets ranked by score (0-100) for folded question text without its times."""
        words = content_tokens(text)
        if not words:
            return []
        corrected = [self._correct(w) for w in words]
        known = {c[0]: c[1] for c in corrected if c is not None}
        unknown = sum(1 for c in corrected if c is None)
        candidates = self._candidates(known)
        if not candidates:
            return []
        question_weight = sum(self._idf[t] for t in known) + unknown * self.unknown_word_weight
        best: dict[Target, Match] = {}
        for index in candidates:
            target, phrase, tokens = self._aliases[index]
            shared = tokens.intersection(known)
            found = sum(self._idf[t] * known[t] for t in shared)
            alias_share = found / sum(self._idf[t] for t in tokens)
            question_share = found / question_weight
            if not alias_share or not question_share:
                continue
            score = 100 * 2 * alias_share * question_share / (alias_share + question_share)
            previous = best.get(target)
            if previous is None or score > previous.score:
                best[target] = Match(target, round(score, 1), phrase)
        ranked = sorted(best.values(), key=lambda m: (-m.score, -m.target.priority, m.target.id))
        return ranked[:limit]

    def complete(self, text: str, limit: int = 5) -> list[Match]:
        """Matches for text still being typed: the last word may be a prefix ("immigration co")."""
        words = text.split()
        if not words or text.endswith(" "):
            return self.match(text, limit)
        head, last = " ".join(words[:-1]), words[-1]
        completions = self.prefixed(last)[:COMPLETIONS_PER_PREFIX]
        if not completions or stem(last) in self._postings:
            return self.match(text, limit)
        best: dict[Target, Match] = {}
        for word in completions:
            for found in self.match(f"{head} {word}", limit):
                if found.target not in best or found.score > best[found.target].score:
                    best[found.target] = found
        ranked = sorted(best.values(), key=lambda m: (-m.score, -m.target.priority, m.target.id))
        return ranked[:limit]

    def prefixed(self, prefix: str) -> list[str]:
        """Vocabulary words that start with `prefix`, shortest first (a sorted-list range, not a scan)."""
        prefix = stem(prefix) if len(prefix) > 4 else prefix
        start = bisect_left(self._vocabulary, prefix)
        end = bisect_left(self._vocabulary, prefix + "\uffff")
        return sorted(self._vocabulary[start:end][:50], key=len)

    def _candidates(self, known: dict[str, float]) -> set[int]:
        """Aliases worth scoring: those sharing a specific word with the question.

        When every word is common ("pending cases"), only aliases holding all of
        them qualify, shortest (most specific) first, at most MAX_COMMON_CANDIDATES.
        """
        lists = [self._postings[t] for t in known]
        focused = [ids for ids in lists if len(ids) <= MAX_POSTINGS]
        if focused:
            return set().union(*focused)
        if not lists:
            return set()
        smallest = min(lists, key=len)
        others = [ids for ids in lists if ids is not smallest]
        chosen: set[int] = set()
        for index in self._by_specificity[id(smallest)]:
            if all(index in ids for ids in others):
                chosen.add(index)
                if len(chosen) >= MAX_COMMON_CANDIDATES:
                    break
        return chosen

    def _correct_uncached(self, word: str) -> tuple[str, float] | None:
        """The vocabulary word meant by a typed word, and how sure (1.0 when typed right)."""
        if word in self._postings:
            return word, 1.0
        if len(word) < 4:
            return None
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
        if found is None:
            return None
        return found[0], found[1] / 100
