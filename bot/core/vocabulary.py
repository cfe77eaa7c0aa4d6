"""The words of one language, as data: `knowledge/language/<code>.yaml`, read once.

The understanding step (`normalise.py`, `timeparse.py`, `understand.py`) reads its word
lists from a `Vocabulary`, so another language is another file of the same shape (the few
English patterns still in code are listed in NOTES.md). Loading checks the shape and says
where it is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .paths import resource_dir
from .yaml_style import load_curated

DEFAULT_LANGUAGE = "en"


class VocabularyError(ValueError):
    """A language file does not hold together; the message says where."""


@dataclass(frozen=True)
class IntentRule:
    intent: str
    any: tuple[re.Pattern[str], ...] = ()
    all: tuple[tuple[re.Pattern[str], ...], ...] = ()
    needs_number: bool = False
    needs_no_time: bool = False  # "the difference between X and Y" asks what, not how many, only undated
    needs_no_count: bool = False  # "what does it leave out" asks what; "how many did it leave out" does not
    # Each cue's own words, never the words a "*" stands for: what a cue takes out of the topic.
    words: dict[re.Pattern[str], frozenset[str]] = field(default_factory=dict)
    # The "any" cues by one word each must hold, in their order: only those are tried.
    keyed: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def holds(
        self,
        text: str,
        has_number: bool,
        has_time: bool = False,
        has_count: bool = False,
        number_asked: bool | None = None,
    ) -> list[re.Match[str]]:
        """The cues of this rule found in `text` (one per group); empty when the rule does not hold.
        `number_asked`: a number in the asking sentences themselves (`has_number` if not told): "my
        students mix up two numbers. how is X different from Y?" names no number in what it asks."""
        dated = has_time or (has_number if number_asked is None else number_asked)
        if (self.needs_number and not has_number) or (self.needs_no_time and dated):
            return []
        if self.needs_no_count and has_count:
            return []
        present = set(text.split())
        # A cue can only be there if all its own words are: a set test before any regex.
        if self.any:
            tried = sorted({i for word in present & self.keyed.keys() for i in self.keyed[word]})
            cues = [self.any[i] for i in tried]
            return [m for p in cues if self.words[p] <= present and (m := p.search(text))]
        found = []
        for group in self.all:
            cue = next((m for p in group if self.words[p] <= present and (m := p.search(text))), None)
            if cue is None:
                return []
            found.append(cue)
        return found


@dataclass(frozen=True)
class OffTopic:
    id: str
    label: str
    words: tuple[str, ...]  # names of the topic, matched like a measure's ("green cards")
    phrases: tuple[str, ...] = ()  # ways of asking that are the topic whatever they name ("should i")
    # Measures that count this topic among others ("USCIS pending applications, all benefit types"
    # holds green cards): named in full, they answer a question that lists the topic inside them.
    within: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per language
class Vocabulary:
    language: str
    wordfreq: str
    stemmer: str
    symbols: dict[str, str]
    words: dict[str, str]
    loose_suffixes: tuple[str, ...]
    phrases: dict[str, str]
    clause_ends: dict[str, str]  # words that stand for another only ending a sentence ("gao backlog def")
    noise: frozenset[str]
    # Common words that still tell one count from another in this field ("new cases" are not the
    # cases pending): they weigh at least `matching.TELLING_WEIGHT`, whatever the word list says.
    telling: frozenset[str]
    lemmas: dict[str, str]
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    now: tuple[str, ...]
    to_date: tuple[str, ...]
    through: tuple[str, ...]
    anchors: dict[str, tuple[str, ...]]
    since: tuple[str, ...]
    since_after: tuple[str, ...]  # after a time: "2017 onward", "fy20 and after"
    relative: dict[str, Any]
    year_before: tuple[str, ...]
    year_after: tuple[str, ...]
    event_openers: tuple[str, ...]
    office_words: tuple[str, ...]
    back_to_a_time: tuple[str, ...]  # "that month", "the same year": a time named before, no measure
    arithmetic: tuple[str, ...]  # "divided by", "added to": one figure made of two
    number_words: dict[str, float]
    year_words: dict[str, Any]  # years said as words: centuries, units, teens, tens
    scales: dict[str, float]
    names: dict[str, tuple[str, ...]]
    moment_words: dict[str, tuple[str, ...]]
    moment_lead: tuple[str, ...]
    pronouns: frozenset[str]
    moment_gap: frozenset[str]
    determiners: frozenset[str]
    breakdown_words: tuple[str, ...]
    purposes: tuple[re.Pattern[str], ...]
    purpose_needs: tuple[str, ...]
    purpose_leads: tuple[str, ...]
    purpose_things: tuple[str, ...]
    version_words: frozenset[str]
    publication_words: frozenset[str]
    how_long: tuple[str, ...]
    fiscal_year_words: tuple[str, ...]
    fiscal_year_again: tuple[str, ...]
    publication_leads: tuple[str, ...]
    whole_leads: tuple[str, ...]
    version_stops: frozenset[str]
    terms: dict[int, tuple[str, ...]]
    intents: tuple[IntentRule, ...]
    intent_words: frozenset[str]
    change_words: frozenset[str]
    joiners: tuple[str, ...]
    side_by_side: tuple[str, ...]
    contrasts: tuple[str, ...]  # "X, is it different from Y": two things whose meanings are asked
    contrasts_alone: tuple[str, ...]  # the same without the joiners ("and", "to"), which a story uses too
    off_topic: tuple[OffTopic, ...]
    question_words: frozenset[str]
    question_starts: frozenset[str]
    story_words: frozenset[str]
    asking_verbs: frozenset[str]
    # Words that show a message asks for something even without a question word ("gao numbers pls").
    asking_signs: frozenset[str]
    # Words that take a neighbouring topic as one kind among all ("applications of every kind").
    all_kinds: frozenset[str]
    clause_joins: frozenset[str]
    story_openers: tuple[str, ...]  # after a comma, these begin a story of its own ("..., my son came alone")
    story_verbs: tuple[str, ...]  # after a comma, a name and these begin one too ("..., priya wants")
    both_words: frozenset[str]  # "give me both": two counters' counts asked, "and" joining them
    relative_pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    from_words: frozenset[str]
    superlatives: dict[str, tuple[str, ...]]
    top_words: tuple[str, ...]
    rank_positions: dict[int, tuple[str, ...]]  # "second", "#2": a place in a ranking
    asks_how_many_there: tuple[str, ...]
    thanks: tuple[str, ...]
    question_leads: frozenset[str]
    restatements: tuple[str, ...]
    pointing_questions: frozenset[str]  # "which is it", "whats up": the sentence before is asked
    per_year: tuple[str, ...]
    sum_words: frozenset[str]  # "combined", "in total": one sum over a stretch, not its yearly figures
    asks_what_is: tuple[str, ...]
    relative_question_words: tuple[str, ...]
    national: tuple[str, ...]
    deadline_words: frozenset[str]
    clause_words: tuple[str, ...]
    differ_words: frozenset[str]  # "why r they different": how two counts differ
    versus: tuple[str, ...]  # "X vs Y": two things set against each other, and nothing else
    counters: frozenset[str]
    claims: frozenset[str]  # "trac says 1.4m, eoir says 1.2m": two counters' figures set against each other
    counter_nouns: frozenset[str]
    duration_words: tuple[str, ...]
    publishers: frozenset[str]
    source_names: frozenset[str]
    pointing_back: frozenset[str]
    negations: tuple[str, ...]
    statuses: dict[str, tuple[str, ...]]
    asks_status: dict[str, tuple[str, ...]]
    asks_count: tuple[str, ...]
    asks_share: tuple[str, ...]
    asks_rate: tuple[str, ...]
    rate_heads: tuple[str, ...]
    places: dict[str, tuple[str, ...]]
    questions: dict[str, str]
    covers: str

    @property
    def scale_words(self) -> dict[str, str]:
        """Each scale word or shorthand and the English word the number reader knows ("m": "million")."""
        return {word: _CANONICAL_SCALES[value] for word, value in self.scales.items()}


_CANONICAL_SCALES = {1e3: "thousand", 1e6: "million", 1e9: "billion"}


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first (so "right now" is tried before "now"); one
    that matches nothing when there are none."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p) for p in ordered) if ordered else r"(?!)"


def whole_words_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases, longest first, never inside a longer word."""
    return re.compile(rf"(?<![\w])(?:{alternation(phrases)})(?![\w])")


def pattern(words: str) -> re.Pattern[str]:
    """A phrase of the language file as a regex over normalised text: "*" is up to eight words."""
    parts: list[str] = []
    for token in words.split():
        if token == "*":
            parts.append(r"(?:\s+[^\s|]+){0,8}?")  # never across the end of a sentence
        else:
            parts.append((r"\s+" if parts else "") + re.escape(token))
    return re.compile(r"(?<![\w])" + "".join(parts) + r"(?![\w])")


@cache
def load_vocabulary(language: str = DEFAULT_LANGUAGE, directory: Path | None = None) -> Vocabulary:
    """The vocabulary of `language`, from the shipped `knowledge/language/` unless told otherwise."""
    path = (directory or resource_dir("knowledge") / "language") / f"{language}.yaml"
    try:
        data = load_curated(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError(f"no vocabulary for language {language!r} ({path} is missing)") from None
    except yaml.YAMLError as error:
        raise VocabularyError(f"{path.name}: not valid YAML ({error})") from None
    try:
        return _vocabulary(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise VocabularyError(f"{path.name}: {error!r}") from None


def _vocabulary(data: dict[str, Any]) -> Vocabulary:
    months = {str(name): int(number) for number, names in data["months"].items() for name in names}
    scales = {str(word): float(value) for value, words in data["scales"].items() for word in words}
    rephrased = _rephrase(data["phrases"])
    return Vocabulary(
        language=data["language"],
        wordfreq=data.get("wordfreq") or data["language"],
        stemmer=data.get("stemmer") or "english",
        symbols={str(k): str(v) for k, v in data["symbols"].items()},
        words={str(k): str(v or "") for k, v in data["words"].items()},
        loose_suffixes=tuple(data["loose_suffixes"]),
        phrases={str(k): str(v or "") for k, v in data["phrases"].items()},
        clause_ends={str(k): str(v) for k, v in (data.get("clause_ends") or {}).items()},
        noise=frozenset(str(data["noise"]).split()),
        telling=frozenset(str(data.get("telling") or "").split()),
        lemmas={str(k): str(v) for k, v in data["lemmas"].items()},
        months=months,
        seasons={str(k): (int(v[0]), int(v[1])) for k, v in data["seasons"].items()},
        now=_phrases(data["now"]),
        to_date=_phrases(data["to_date"]),
        through=_phrases(data["through"]),
        anchors={k: _phrases(v) for k, v in data["anchors"].items()},
        since=_phrases(data["since"]),
        since_after=_phrases(data.get("since_after") or ()),
        relative=data["relative"],
        year_before=_phrases(data["year_before"]),
        year_after=_phrases(data["year_after"]),
        event_openers=_phrases(data["event_openers"]),
        office_words=_phrases(data["office_words"]),
        back_to_a_time=_phrases(data.get("back_to_a_time") or ()),
        arithmetic=_phrases(data.get("arithmetic") or ()),
        number_words={str(k): float(v) for k, v in data["number_words"].items()},
        year_words=data["year_words"],
        scales=scales,
        names={str(k): _phrases(v) for k, v in data["names"].items()},
        moment_words={k: _phrases(v) for k, v in data["moment_words"].items()},
        moment_lead=_phrases(data["moment_lead"]),
        pronouns=frozenset(data["pronouns"]),
        moment_gap=frozenset(data["moment_gap"].split()),
        determiners=frozenset(data["determiners"]),
        breakdown_words=_phrases(data["breakdown_words"]),
        purposes=tuple(pattern(p) for p in _phrases(data["purposes"])),
        purpose_needs=_phrases(data["purpose_needs"]),
        purpose_leads=_phrases(data["purpose_leads"]),
        purpose_things=_phrases(data["purpose_things"]),
        version_words=frozenset(data["version_words"]),
        publication_words=frozenset(data["publication_words"]),
        how_long=_phrases(data["how_long"]),
        fiscal_year_words=_phrases(data["fiscal_year_words"]),
        fiscal_year_again=_phrases(data["fiscal_year_again"]),
        publication_leads=_phrases(data["publication_leads"]),
        whole_leads=_phrases(data["whole_leads"]),
        version_stops=frozenset(data["version_stops"]),
        terms={int(k): _phrases(v) for k, v in data["terms"].items()},
        intents=tuple(_intent_rule(rule, rephrased) for rule in data["intents"]),
        intent_words=frozenset(str(data["intent_words"]).split()),
        change_words=frozenset(str(data["change_words"]).split()),
        joiners=_phrases(data["joiners"]),
        side_by_side=_phrases(data["side_by_side"]),
        differ_words=frozenset(data.get("differ_words") or ()),
        versus=_phrases(data.get("versus") or ()),
        contrasts=_phrases([*data["joiners"], *data["contrasts"]]),
        contrasts_alone=_phrases(data["contrasts"]),
        off_topic=tuple(
            OffTopic(
                str(t["id"]),
                str(t["label"]),
                _phrases(t["words"]),
                _phrases(t.get("phrases", ())),
                frozenset(map(str, t.get("within", ()))),
            )
            for t in data["off_topic"]
        ),
        question_words=frozenset(str(data["question_words"]).split()),
        question_starts=frozenset(str(data["question_starts"]).split()),
        story_words=frozenset(str(data["story_words"]).split()),
        asking_verbs=frozenset(str(data["asking_verbs"]).split()),
        asking_signs=frozenset(str(data["asking_signs"]).split()),
        all_kinds=frozenset(str(data["all_kinds"]).split()),
        story_openers=_phrases(data.get("story_openers") or ()),
        story_verbs=_phrases(data.get("story_verbs") or ()),
        both_words=frozenset(data.get("both_words") or ()),
        clause_joins=frozenset(data["clause_joins"]),
        relative_pronouns=frozenset(data["relative_pronouns"]),
        auxiliaries=frozenset(str(data["auxiliaries"]).split()),
        from_words=frozenset(data["from_words"]),
        superlatives={str(k): _phrases(v) for k, v in data["superlatives"].items()},
        top_words=_phrases(data["top_words"]),
        rank_positions={int(k): _phrases(v) for k, v in (data.get("rank_positions") or {}).items()},
        asks_how_many_there=_phrases(data["asks_how_many_there"]),
        thanks=_phrases(data["thanks"]),
        question_leads=frozenset(data["question_leads"]),
        restatements=_phrases(data["restatements"]),
        pointing_questions=frozenset(" ".join(str(p).split()) for p in data.get("pointing_questions") or ()),
        per_year=_phrases(data["per_year"]),
        sum_words=frozenset(str(data.get("sum_words") or "").split()),
        asks_what_is=_phrases(data["asks_what_is"]),
        relative_question_words=_phrases(data["relative_question_words"]),
        national=_phrases(data["national"]),
        deadline_words=frozenset(data["deadline_words"]),
        clause_words=_phrases(data["clause_words"]),
        counters=frozenset(data["counters"]),
        claims=frozenset(data.get("claims") or ()),
        counter_nouns=frozenset(data["counter_nouns"]),
        duration_words=_phrases(data["duration_words"]),
        publishers=frozenset(data["publishers"]),
        source_names=frozenset(data["source_names"]),
        pointing_back=frozenset(data["pointing_back"]),
        negations=_phrases(data["negations"]),
        statuses={str(k): _phrases(v) for k, v in data["statuses"].items()},
        asks_status={str(k): _phrases(v) for k, v in data["asks_status"].items()},
        asks_count=_phrases(data["asks_count"]),
        asks_share=_phrases(data["asks_share"]),
        asks_rate=_phrases(data["asks_rate"]),
        rate_heads=_phrases(data["rate_heads"]),
        places={str(k): _phrases(v) for k, v in data["places"].items()},
        questions={str(k): str(v) for k, v in data["questions"].items()},
        covers=str(data["covers"]),
    )


def _phrases(values: Any) -> tuple[str, ...]:
    """A list of phrases, longest first, so that "right now" is tried before "now"."""
    return tuple(sorted({str(v) for v in values}, key=lambda p: (-len(p.split()), -len(p), p)))


def _rephrase(phrases: dict[str, Any]) -> Callable[[Iterable[Any]], list[str]]:
    """A rule's phrases, and what the phrases table makes of them: questions reach the rules through
    it, so a rule written "go up or down" must read "grow or shrink" too. A phrase whose words the
    table drops ("or not") is not rephrased: what is left ("same") would say less than the rule."""
    table = {str(k): str(v) for k, v in phrases.items() if v}
    dropped = whole_words_re(str(k) for k, v in phrases.items() if not v)
    phrase_re = whole_words_re(table)

    def rephrased(values: Iterable[Any]) -> list[str]:
        written = [str(v) for v in values]
        kept = [v for v in written if not dropped.search(v)]
        return list(dict.fromkeys([*written, *(phrase_re.sub(lambda m: table[m[0]], v) for v in kept)]))

    return rephrased


def _intent_rule(rule: dict[str, Any], rephrased: Callable[[Iterable[Any]], list[str]]) -> IntentRule:
    compiled = {p: pattern(p) for p in rephrased(rule.get("any", ()))}
    groups = [{p: pattern(p) for p in rephrased(group)} for group in rule.get("all", ())]
    every = {**compiled, **{k: v for group in groups for k, v in group.items()}}
    keyed: dict[str, list[int]] = {}
    for index, phrase in enumerate(compiled):
        own = [w for w in phrase.split() if w != "*"]
        keyed.setdefault(own[0] if own else "", []).append(index)
    # One condition ("needs: no count") or several ("needs: [no count, no time]").
    needs = {rule["needs"]} if isinstance(rule.get("needs"), str) else set(rule.get("needs") or ())
    return IntentRule(
        intent=str(rule["intent"]),
        any=tuple(compiled.values()),
        all=tuple(tuple(group.values()) for group in groups),
        needs_number="number" in needs,
        needs_no_time="no time" in needs,
        needs_no_count="no count" in needs,
        words={regex: frozenset(w for w in phrase.split() if w != "*") for phrase, regex in every.items()},
        keyed={word: tuple(indexes) for word, indexes in keyed.items()},
    )
