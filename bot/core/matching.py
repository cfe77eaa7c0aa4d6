"""Which measure a question is about: typo-tolerant, weighted word matching.

Aliases and questions go through the same normaliser, so they meet in the same
words. A question's words are then sorted three ways:

- noise (the language file's `noise`: function words, filler, chat-speak): ignored;
- known words (in some alias or off-topic phrase, or a typo of one): they score;
- unknown words: they count against every match, by how much a word says.

How much a word says comes from how common it is in the language (wordfreq's
Zipf scale): "backlog" or "docket" says much, "day", "back" or "one" little, so an
ordinary word cannot pull a question toward a measure that happens to use it, and
an ordinary unknown word ("cousin") cannot sink a match.

The score of an alias is the harmonic mean of two shares, each weighted by how
rare a word is among the aliases (IDF) and how much it says: how much of the alias
the question contains, and how much of the question the alias explains. An inverted
index gives the aliases that share a word with the question, so the cost grows with
the question, not with the fact base. Thresholds are named constants, chosen on the
tuning part of the question corpus (see `bench/thresholds.py`).
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from .normalise import CLAUSE_MARK, normalise
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Thresholds:
    """When to answer, when to ask "did you mean", when to say no.

    Chosen by `bench/thresholds.py` on the tuning part of the question corpus
    (tests/corpus/); the held-out part is only scored.
    """

    answer: float = 60.0  # at or above: answer (when not ambiguous)
    suggest: float = 45.0  # at or above: "did you mean"; below: an honest no-match
    margin: float = 5.0  # two different measures closer than this are ambiguous
    explained: float = 0.5  # at least this share of a question's words must be explained to answer
    unknown_word_weight: float = 2.0  # an unknown word's weight against every match, at most


DEFAULT_THRESHOLDS = Thresholds()
# How much a word says, from its Zipf frequency: at or above COMMON_ZIPF a word says little
# (WORD_FLOOR of its weight); at or below RARE_ZIPF it says all it can.
COMMON_ZIPF = 6.5
RARE_ZIPF = 3.0
WORD_FLOOR = 0.12
# A source's or definition's word explains a question only for the target whose sources and
# definition alone use it: a word of several measures' ("breitbart", "law360") names none of them
# (chosen on the tuning part).
CONTEXT_REACH = 1
# Who counts ("trac", "eoir") tells counts of one thing apart, but weighs less than what is counted.
COUNTER_WEIGHT = 0.4
# A telling word (the language file's `telling`: "new") weighs at least this much (chosen on the tuning part).
TELLING_WEIGHT = 0.35
# A typed word is only corrected when it is not a common word in its own right.
TYPO_MAX_ZIPF = 3.3
TYPO_SCORE = 80.0  # rapidfuzz ratio for words of six letters or more
SHORT_WORD = 5  # up to this length, one edit (a transposition counts as one) and the same first letter
# Words in more aliases than this only score; they do not propose candidates.
MAX_POSTINGS = 400
# When every word of a question is common, score at most this many aliases holding them all.
MAX_COMMON_CANDIDATES = 60
# How many completions of a half-typed word autocomplete tries.
COMPLETIONS_PER_PREFIX = 4


@dataclass(frozen=True)
class Target:
    """Something a question can be about: a measure, a derived figure, or a topic the base lacks."""

    kind: str  # "measure" | "derivation" | "topic"
    id: str
    # Ranks ties only: a target is the same one whatever priority a caller builds it with.
    priority: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Match:
    target: Target
    score: float
    alias: str
    alias_share: float = 1.0  # how much of the best alias the question holds (1.0: all of it)
    question_share: float = 1.0  # how much of the question's words the best alias explains
    complete: str | None = None  # an alias of the target the question holds all of, if any
    held: int = 0  # how many of the best alias's words the question holds


@dataclass(frozen=True)
class Words:
    """A question's words, sorted: known (with how sure the spelling is), unknown, and noise."""

    known: dict[str, float]
    unknown: list[str]
    # Words only some targets' sources use ("lyons testified", "kocher's substack"), stemmed, each
    # with what it says: they explain a question for those targets and count against the others.
    context: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=64)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "english") -> str:
    """The Snowball stem: "closed" and "close", "judges" and "judge" meet (the same on both sides)."""
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=200_000)
def informativeness(word: str, language: str) -> float:
    """How much a word says about a topic, 0..1, from how common it is (wordfreq's Zipf scale)."""
    zipf = zipf_frequency(word, language)
    share = (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)
    return min(1.0, max(WORD_FLOOR, share))


class MeasureIndex:
    """An index from words to the aliases of measures, derived figures and off-topic topics."""

    def __init__(
        self,
        entries: Iterable[tuple[Target, Iterable[str]]],
        vocabulary: Vocabulary,
        unknown_word_weight: float = DEFAULT_THRESHOLDS.unknown_word_weight,
        context: Iterable[tuple[Target, Iterable[str]]] = (),
        explains: Iterable[tuple[Target, Iterable[str]]] = (),
    ) -> None:
        self.vocabulary = vocabulary
        self.unknown_word_weight = unknown_word_weight
        self._noise = vocabulary.noise
        # Normalised once; in the order curated, once each: the order decides ties, so it must not
        # vary by run.
        entries = [
            (target, list(dict.fromkeys(normalise(p, vocabulary) for p in phrases if p)))
            for target, phrases in entries
        ]
        # Names of forms and visas ("n400", "h1b") that an alias holds are words, not numbers.
        self._codes = frozenset(
            word
            for _, phrases in entries
            for phrase in phrases
            for word in phrase.split()
            if _CODE.fullmatch(word)
        )
        self._aliases: list[tuple[int, str, frozenset[str]]] = []
        self._targets: list[Target] = []
        target_index: dict[Target, int] = {}
        postings: dict[str, set[int]] = defaultdict(set)
        # How much a stem says: that of its most common spelling in any alias ("judges", "judge").
        information: dict[str, float] = {}
        surfaces: set[str] = set()
        superlatives = {w for words in vocabulary.superlatives.values() for w in words}
        for target, phrases in entries:
            for phrase in phrases:
                words = self.surface_words(phrase)
                tokens = frozenset(self._stem(w) for w in words)
                if not tokens:
                    continue
                index = len(self._aliases)
                number = target_index.setdefault(target, len(self._targets))
                if number == len(self._targets):
                    self._targets.append(target)
                self._aliases.append((number, phrase, tokens))
                for word in words:
                    token = self._stem(word)
                    postings[token].add(index)
                    surfaces.add(word)
                    info = informativeness(word, vocabulary.wordfreq)
                    if word in vocabulary.telling:
                        info = max(info, TELLING_WEIGHT)
                    if word in vocabulary.counters or word in vocabulary.publishers or word in superlatives:
                        # "eoir" says whose count, "highest" which of its figures: not what is counted
                        info *= COUNTER_WEIGHT
                    information[token] = min(information.get(token, 1.0), info)
        self._postings = {token: frozenset(ids) for token, ids in postings.items()}
        # Who said it, for each target: the words of its sources (publisher, author, title) that no
        # alias holds. They never propose or score a target; they only keep a question that names
        # its source ("lyons told the senate ...") from reading as about something else.
        context_of: dict[int, set[str]] = defaultdict(set)
        for target, texts in context:
            number = target_index.get(target)
            if number is None:
                continue
            for text in texts:
                context_of[number].update(
                    t
                    for t in (self._stem(w) for w in self.surface_words(normalise(text, vocabulary)))
                    if t not in postings
                )
        spread = defaultdict(int)
        for words in context_of.values():
            for word in words:
                spread[word] += 1
        self._context_of = {
            number: frozenset(w for w in words if spread[w] <= CONTEXT_REACH)
            for number, words in context_of.items()
        }
        self._context_words = frozenset().union(*self._context_of.values())
        words_of: dict[int, set[str]] = defaultdict(set)
        for number, _, tokens in self._aliases:
            words_of[number] |= tokens
        self._target_words = {self._targets[n]: frozenset(words) for n, words in words_of.items()}
        # Words that explain a question for a target without naming it: a neighbouring topic that a
        # measure counts among others ("green cards" for USCIS's pending applications of all kinds).
        for target, phrases in explains:
            number = target_index.get(target)
            if number is not None:
                words_of[number].update(self.tokens(" ".join(normalise(p, vocabulary) for p in phrases)))
        self._words_of_target = {number: frozenset(words) for number, words in words_of.items()}
        # Each alias's place when aliases of common words are capped: fewest words first.
        by_specificity = sorted(range(len(self._aliases)), key=lambda i: (len(self._aliases[i][2]), i))
        self._specificity = array("l", [0]) * len(self._aliases)  # compact: one machine int each
        for place, index in enumerate(by_specificity):
            self._specificity[index] = place
        total = max(len(self._aliases), 1)
        self._weight = {
            t: math.log(1 + total / len(ids)) * information[t] for t, ids in self._postings.items()
        }
        self._alias_weight = [sum(self._weight[t] for t in tokens) for _, _, tokens in self._aliases]
        self._surfaces = sorted(surfaces)
        # Typos may also be of a word that carries no topic ("waht"): those are corrected to noise.
        self._spellings = sorted(surfaces | self._noise | vocabulary.intent_words)
        self._correct = lru_cache(maxsize=50_000)(self._correct_uncached)
        # Words the question's other readers know as they are: places ("salvadorans"), months,
        # presidents and numbers are never put right into a measure's word.
        self._read_elsewhere = (
            frozenset(
                word
                for phrases in (*vocabulary.places.values(), *vocabulary.names.values())
                for phrase in phrases
                for word in phrase.split()
            )
            | frozenset(vocabulary.months)
            | frozenset(vocabulary.number_words)
        )
        # A question is often matched more than once (whole, without words of change, sentence by
        # sentence), and autocomplete asks again at every keystroke.
        self._match = lru_cache(maxsize=20_000)(self._match_uncached)

    def __len__(self) -> int:
        return len(self._aliases)

    def _stem(self, word: str) -> str:
        lemmas = self.vocabulary.lemmas
        word = lemmas.get(word, word)
        return stem(lemmas.get(word, word), self.vocabulary.stemmer)  # "shrunk" -> "shrink" -> "decrease"

    def knows(self, word: str) -> bool:
        """Whether some alias, off-topic name or source holds this word (as its stem)."""
        return self._stem(word) in self._postings

    def surface_words(self, text: str) -> list[str]:
        """The words of normalised text that can carry a topic, as typed, in order."""
        return [
            t
            for t in text.split()
            if t not in self._noise and t != CLAUSE_MARK and (not _is_number(t) or t in self._codes)
        ]

    def tokens(self, text: str) -> list[str]:
        """The words of normalised text that can carry a topic, stemmed, in order."""
        return [self._stem(w) for w in self.surface_words(text)]

    def words(self, text: str) -> Words:
        """Sort a question's words into known stems (with the spelling's certainty) and unknown words."""
        known: dict[str, float] = {}
        unknown: list[str] = []
        context: dict[str, float] = {}
        for word in self.surface_words(text):
            token = self._stem(word)
            if token in self._postings:
                known[token] = 1.0
                continue
            if token in self._context_words:
                context[token] = self.unknown_word_weight * informativeness(word, self.vocabulary.wordfreq)
                continue
            corrected = self._correct(word)
            if corrected is None:
                unknown.append(word)
            elif corrected[0] not in self._noise:
                token = self._stem(corrected[0])
                known[token] = max(known.get(token, 0.0), corrected[1])
        return Words(known, unknown, context)

    def spelled(self, text: str) -> str:
        """Normalised text with its typos of the index's words put right ("cases per ice oficer"),
        so that the readers of intent and rate see the word meant. Known words, numbers and words
        too short or too common to guess are left as typed."""
        return " ".join(self._spelled(word) for word in text.split())

    def _spelled(self, word: str) -> str:
        if word == CLAUSE_MARK or _is_number(word) or word in self._read_elsewhere:
            return word
        token = self._stem(word)
        if token in self._postings or token in self._context_words:
            return word
        corrected = self._correct(word)
        return corrected[0] if corrected is not None else word

    def match(self, text: str, limit: int = 5) -> list[Match]:
        """Targets ranked by score (0-100) for normalised question text without its times."""
        return self._match(text, limit)

    def _match_uncached(self, text: str, limit: int) -> list[Match]:
        words = self.words(text)
        weighted = {t: self._weight[t] * c for t, c in words.known.items() if t in self._postings}
        candidates = self._candidates(weighted)
        if not candidates:
            return []
        language = self.vocabulary.wordfreq
        # An unknown word counts against every match by how much it says: "chairs" in "what colour are
        # the courtroom chairs" is the topic. A story around the question is read apart (see the engine).
        penalty = sum(self.unknown_word_weight * informativeness(w, language) for w in words.unknown)
        question_weight = sum(self._weight[t] for t in weighted) + penalty + sum(words.context.values())
        # Per target: (score, alias, alias share, question share, an alias held in full).
        best: dict[int, list] = {}
        explained: dict[int, float] = {}
        # Each alias's share of the question's words, summed over the question's few words' postings
        # rather than over every candidate's words (a common word has hundreds of candidates).
        found_of: dict[int, float] = {}
        held: dict[int, int] = {}
        for token, weight in weighted.items():
            for index in candidates.intersection(self._postings[token]):
                found_of[index] = found_of.get(index, 0.0) + weight
                held[index] = held.get(index, 0) + 1
        for index in candidates:
            found = found_of.get(index)
            if not found:
                continue
            target, phrase, tokens = self._aliases[index]
            whole = held[index] == len(tokens)
            if whole:
                found = self._alias_weight[index]  # exactly: summed in another order, 1.0 may be 0.99…
            alias_share = found / self._alias_weight[index]
            # The question is explained by every word the target is known by, not only this alias's:
            # "trac" in "the trac immigration court backlog" names the same measure as "backlog".
            share = explained.get(target)
            if share is None:
                vocabulary = self._words_of_target[target]
                said_by = self._context_of.get(target, frozenset())
                share = (
                    sum(w for t, w in weighted.items() if t in vocabulary)
                    + sum(w for t, w in words.context.items() if t in said_by)
                ) / question_weight
                explained[target] = share
            score = 200 * alias_share * share / (alias_share + share)
            previous = best.get(target)
            if previous is None:
                best[target] = [score, phrase, alias_share, share, phrase if whole else None, held[index]]
                continue
            if whole and previous[4] is None:
                previous[4] = phrase
            # Of equal scores, the longer alias says more of what was asked ("trac backlog", not "backlog").
            if score > previous[0] or (score == previous[0] and len(phrase) > len(previous[1])):
                previous[:4] = [score, phrase, alias_share, share]
                previous[5] = held[index]
        targets = self._targets
        ranked = heapq.nsmallest(
            limit,
            best.items(),
            key=lambda item: (-round(item[1][0], 1), -targets[item[0]].priority, targets[item[0]].id),
        )
        return [
            Match(
                self._targets[target],
                round(score, 1),
                phrase,
                alias_share=round(alias_share, 3),
                question_share=round(share, 3),
                complete=complete,
                held=words_held,
            )
            for target, (score, phrase, alias_share, share, complete, words_held) in ranked
        ]

    def complete(self, text: str, limit: int = 5) -> list[Match]:
        """Matches for text still being typed: the last word may be a prefix ("immigration co")."""
        words = text.split()
        if not words or text.endswith(" "):
            return self.match(text, limit)
        head, last = " ".join(words[:-1]), words[-1]
        completions = self.prefixed(last)[:COMPLETIONS_PER_PREFIX]
        if not completions or self._stem(last) in self._postings:
            return self.match(text, limit)
        best: dict[Target, Match] = {}
        for word in completions:
            for found in self.match(f"{head} {word}", limit):
                if found.target not in best or found.score > best[found.target].score:
                    best[found.target] = found
        ranked = sorted(best.values(), key=lambda m: (-m.score, -m.target.priority, m.target.id))
        return ranked[:limit]

    def prefixed(self, prefix: str) -> list[str]:
        """Alias words that start with `prefix`, shortest first (a sorted-list range, not a scan)."""
        start = bisect_left(self._surfaces, prefix)
        end = bisect_left(self._surfaces, prefix + "\uffff")
        return sorted(self._surfaces[start:end][:50], key=len)

    def alias_tokens(self, target: Target) -> frozenset[str]:
        """Every word of every alias of one target."""
        return self._target_words.get(target, frozenset())

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
        shared = smallest.intersection(*(ids for ids in lists if ids is not smallest))
        # Inserted most specific first, as the capped scan took them: the set's order decides ties.
        return set(heapq.nsmallest(MAX_COMMON_CANDIDATES, shared, key=self._specificity.__getitem__))

    def _correct_uncached(self, word: str) -> tuple[str, float] | None:
        """The word meant by a typed word, and how sure (1.0 when typed right); None if unknown."""
        if word in self._noise or word in self.vocabulary.intent_words:
            return word, 1.0
        if len(word) < 3 or zipf_frequency(word, self.vocabulary.wordfreq) > TYPO_MAX_ZIPF:
            return None  # too short to guess, or a real word of its own ("cousin" is not "count")
        if len(word) <= SHORT_WORD:
            found = process.extractOne(word, self._spellings, scorer=OSA.distance, score_cutoff=1)
            if found is None or found[0][0] != word[0]:
                return None
            return found[0], 0.85
        found = process.extractOne(word, self._spellings, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
        stemmed = stem(word, self.vocabulary.stemmer)
        if (
            found is None
            and stemmed != word
            and zipf_frequency(stemmed, self.vocabulary.wordfreq) <= TYPO_MAX_ZIPF
        ):
            # "dickets": the plural's ending makes the typo look further from "docket" than it is
            # (but "swelled" is a real word's form, not a typo of "well").
            found = process.extractOne(stemmed, self._spellings, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
            if found is not None and found[0][0] != word[0]:
                found = None
        if found is None:
            return None
        return found[0], found[1] / 100


def _is_number(token: str) -> bool:
    return _DIGIT.search(token) is not None


_DIGIT = re.compile(r"\d")
_CODE = re.compile(r"[a-z]+\d[a-z\d]*")
