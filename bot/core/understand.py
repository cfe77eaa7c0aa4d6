"""Reading a question once: what kind of answer it wants, about which times, with which numbers.

    normalise -> read (this module) -> match the measure -> select facts -> compute -> render

A `Reading` is plain data, so it can be tested on its own and a "did you mean" can
name the part that was not understood. The words come from the language's
`Vocabulary` (`knowledge/language/<code>.yaml`); the few English patterns still written
here (quoted terms, "how many <noun>", "according to") are listed in NOTES.md to move there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from .dates import Period, Precision, span_period
from .models import Moment
from .normalise import CLAUSE_MARK, normalise, rephrase
from .numbers import WORD_MULTIPLIERS, numbers_in
from .timeparse import Anchor, TimeReading, TimeRef, find_times
from .vocabulary import IntentRule, Vocabulary, alternation, pattern

MAX_QUESTION_LENGTH = 1000  # a pasted headline and a story around the question fit
TIME_PLACEHOLDER = "TIME"  # upper case: normalised text is lower case, so it never collides

_FACT_ID = re.compile(r"\bfact (?:id |number )?(\d{1,9})\b")
# A four-digit number that is not a year the fact base could hold reads as a time not understood.
_YEAR_LIKE = re.compile(r"^(?:1\d{3}|2\d{3})$")


class QuestionError(ValueError):
    """A question that cannot be asked at all (empty, too long); the message is for the user."""


class Intent(StrEnum):
    VALUE = "value"  # a figure, now or at a time
    COMPARE = "compare"  # two times, a change over a period, or two measures
    TREND = "trend"  # a series over time
    SOURCE = "source"  # where a figure comes from
    THRESHOLD = "threshold"  # when did it pass N
    DEFINITION = "definition"  # what a measure means
    RANK = "rank"  # which country has the most, where the data has a breakdown


@dataclass(frozen=True)
class Reading:
    """One question, read: every part the engine needs, and what was not understood."""

    original: str
    text: str  # normalised
    intent: Intent
    times: list[TimeRef]
    topic: str  # the normalised words left once the times are cut out
    numbers: list[float]  # numbers in the topic, e.g. the threshold in "pass 3 million"
    clauses: tuple[str, ...] = ()  # the topic of the asking sentences, one by one
    sentences: tuple[str, ...] = ()  # the topic of every sentence, one by one
    asked: str = ""  # the topic of the sentences that ask, without the story around them
    fact_id: int | None = None
    unclear: list[str] = field(default_factory=list)  # words that looked like a time but were not one
    over_period: bool = False  # words of change ("grow", "drop") rather than of comparison ("vs")
    asks_count: bool = False  # "how many", "number of"
    asks_duration: bool = False  # "how long", "days", "wait": a time taken may be what is asked
    asks_how_long: bool = False  # "how long", "how many days": a time taken is asked outright
    asks_share: bool = False  # "what percent", "share", "rate"
    asks_rate: bool = False  # "per judge", "each officer", "on average"
    places: tuple[str, ...] = ()  # places named ("texas", "honduras"), as the language file's keys
    set_aside: tuple[str, ...] = ()  # words after "not the", "rather than": what is not asked for
    statuses_asked: tuple[str, ...] = ()  # "what was it supposed to hit": a projection is asked for
    superlative: str | None = None  # "max" ("the biggest jump", "the record"), "min", or None
    top: int | None = None  # "the top 5 countries": how many of a ranking are asked for
    position: int | None = None  # "which country is second": the place in a ranking asked for
    counted: str | None = None  # "how many immigration judges are there": what is counted, alone
    thanks: bool = False  # "ty bot, saved my deadline": thanks, and nothing asked
    versions: tuple[Period, ...] = ()  # "the April 2021 table": which version of a revised table
    ahead: tuple[TimeRef, ...] = ()  # "what will the backlog be by 2028": a deadline ahead, no time counted
    wholes: tuple[float, ...] = ()  # "of the 411k cases, how many...": a whole given, a part of it asked
    joiners: tuple[str, ...] = ()

    def parts_of(self, text: str, joiners: tuple[str, ...] | None = None) -> list[str]:
        """Some words split where they name two things ("the court backlog and the ice docket")."""
        return [p.strip() for p in _phrase_re(joiners or self.joiners).split(text) if p.strip()]


def clean_question(text: str | None) -> str:
    """The question as asked, with control characters removed; QuestionError if nothing is left."""
    if text is None:
        raise QuestionError("Ask a question, for example: how big is the immigration court backlog now?")
    # Control characters become spaces; format characters (zero-width, direction marks) are
    # invisible, so they never split a word ("immi\u200bgration").
    cleaned = "".join(_visible(ch) for ch in text)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise QuestionError("Ask a question, for example: how big is the immigration court backlog now?")
    if len(cleaned) > MAX_QUESTION_LENGTH:
        raise QuestionError(
            f"That question is {len(cleaned)} characters long; keep it under {MAX_QUESTION_LENGTH}."
        )
    return cleaned


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    return " " if category.startswith("C") else ch


def read(
    text: str,
    vocabulary: Vocabulary,
    moments: Iterable[Moment],
    today: date,
    spelled: Callable[[str], str] | None = None,
) -> Reading:
    """Read a question: intent, times, numbers and the words left for the measure. `spelled` puts
    typos right in the normalised text (the measure index's spelling)."""
    original = clean_question(text)
    normalised = normalise(original, vocabulary, today)
    if spelled is not None:
        corrected = spelled(normalised)
        if corrected != normalised:
            corrected = rephrase(corrected, vocabulary)
        normalised = corrected
    times = find_times(normalised, vocabulary, moments, today)
    plain = times.without_times()
    # In the order written; "one" alone ("the court one", "which one") is a pronoun, not a number.
    # "who's #2 on the docket": a place in a ranking is no figure.
    figures = plain
    for _, match in reversed(_positions(plain, vocabulary)):
        if any(c.isdigit() for c in match[0]):
            figures = figures[: match.start()] + " " * len(match[0]) + figures[match.end() :]
    numbers = [n for n in numbers_in(figures) if n > 0 and (n != 1 or _DIGIT_ONE.search(figures))]
    # "a 15-yr retrospective": a count of years is how long, never a figure asked about.
    for years in _years_long(plain, vocabulary):
        if years in numbers:
            numbers.remove(years)
    fact_match = _FACT_ID.search(normalised)
    intent_text = _without_purposes(times.without_times(TIME_PLACEHOLDER), vocabulary)
    asks = _asks_each(intent_text.split(CLAUSE_MARK), vocabulary)
    # Where the asking sentences are, in the text that still holds its times (their spans are there).
    asking = _asking(normalised, _asks_each(normalised.split(CLAUSE_MARK), vocabulary))
    versions, set_aside_times = _versions(normalised, times, vocabulary)
    dated = _distinct(
        [
            t
            for t in _times_asked(normalised, times, asking, vocabulary, today)
            if t not in versions and t not in set_aside_times
        ],
        today,
        vocabulary,
        # "After 2 yrs of biden (jan 2023) what was it": with nothing of change or comparison asked,
        # a term holding the one date beside it only places that date.
        placing=not (
            vocabulary.change_words & set(normalised.split())
            or _phrase_re(vocabulary.side_by_side).search(normalised)
        ),
    )
    dated = _from_as_since(normalised, times, dated, vocabulary)
    published = _publication_dates(normalised, times, vocabulary)
    if published and any(t not in published for t in dated):
        dated = [t for t in dated if t not in published]
    question = _question_sentences(intent_text, asks)
    quoted = _ASKS_QUOTED_TERM.search(original.lower()) is not None
    # "how many % still in us" asks a share, not a count.
    asks_count = any(
        not set(normalised[cue.end() :].split()[:1]) & set(vocabulary.asks_share)
        for cue in _phrase_re(vocabulary.asks_count).finditer(normalised)
    )
    # A small number in the story counts things of the story ("my students mix up two numbers"),
    # not a figure; a figure given there ("CRS says 700 more judges. is that real?") is asked about.
    in_question = numbers_in(question) if numbers else []
    number_asked = any(n in in_question or n >= _STORY_COUNT_BELOW for n in numbers)
    intent, rule, cues = _intent(question, vocabulary, dated, bool(numbers), quoted, asks_count, number_asked)
    if intent is Intent.THRESHOLD:
        # "When did the wait first pass 500 days? my grandma's case in 2011 took forever": a threshold
        # asks when; a time in the story around it is not a time asked.
        in_asking = [
            ref for ref, (start, _) in zip(times.times, times.spans, strict=False) if _inside(start, asking)
        ]
        dated = [ref for ref in dated if ref in in_asking]
    if fact_match:
        intent = Intent.SOURCE
    # The words that said what kind of answer is wanted ("which month", "where is it from") say
    # nothing of the measure. Words of change stay: they may name a measure of change, and
    # "which country" names a breakdown.
    cut: set[str] = set()
    if rule is not None and intent not in (Intent.COMPARE, Intent.RANK):
        cut = {w for cue in cues for w in rule.words.get(cue.re, ())}
    # "when W took office", "the number for that month": words of a moment or of a time named
    # before name no measure ("asylum office", "new cases in a month").
    topic_text = _naming_no_measure_re(vocabulary).sub(" ", intent_text)
    words, set_aside = _set_aside(_sources_named(topic_text, vocabulary), vocabulary)
    statuses_asked = tuple(
        status
        for status, phrases in vocabulary.asks_status.items()
        if _phrase_re(phrases).search(normalised) and not set(set_aside) & set(phrases)
    )
    if statuses_asked:
        # "Supposed to hit" says which kind of figure, not which measure.
        status_words = {w for s in statuses_asked for p in vocabulary.asks_status[s] for w in p.split()}
        words = [w for w in words if w not in status_words]
    words = [w for w in words if w != TIME_PLACEHOLDER and w not in cut]
    topic = " ".join(w for w in words if w != CLAUSE_MARK)
    sentences = " ".join(words).split(CLAUSE_MARK)
    asked = (
        " ".join(s for s, q in zip(sentences, asks, strict=True) if q) if 0 < sum(asks) < len(asks) else topic
    )
    # Read sentence by sentence, only the sentences that ask: a story's words never decide alone.
    mixed = 0 < sum(asks) < len(asks)
    clauses = tuple(c.strip() for c, q in zip(sentences, asks, strict=True) if c.strip() and (q or not mixed))
    if intent is Intent.VALUE and _per_year_over_years(question, dated, set_aside, vocabulary, today):
        intent = Intent.TREND
    # A name with no moment word ("the covid year") beside a date asked is only context.
    names = [] if any(t.period is not None or t.latest for t in dated) else times.unclear
    unclear = [*names, *_stray_years(topic, intent)]
    share_text = question if set(asked.split()) - vocabulary.noise - vocabulary.question_words else normalised
    return Reading(
        original=original,
        text=normalised,
        intent=intent,
        times=dated,
        topic=topic,
        clauses=clauses if len(clauses) > 1 or mixed else (),
        sentences=tuple(c.strip() for c in sentences if c.strip()),
        asked=" ".join(asked.split()),
        numbers=numbers,
        fact_id=int(fact_match.group(1)) if fact_match else None,
        unclear=unclear,
        over_period=any(word in vocabulary.change_words for word in intent_text.split()),
        asks_count=asks_count,
        asks_duration=_asks_duration(normalised, vocabulary),
        asks_how_long=bool(_phrase_re(vocabulary.how_long).search(normalised)),
        # In the asking sentences: "writing a piece on the clearance rate" is the story's, unless
        # they name nothing ("TRAC said it jumped by some percent — how much").
        # A share given ("with only 29% represented, how many lawyers...") asks none, unless it is a
        # claim to check ("did it grow 40%").
        # "the number pls (not the %)": a share set aside is not asked.
        asks_share=any(
            not set(cue[0].split()) <= set(set_aside)
            for cue in _phrase_re(vocabulary.asks_share).finditer(_GIVEN_SHARE.sub(" ", share_text))
        )
        or (bool(_GIVEN_SHARE.search(normalised)) and not asks_count),
        # In the asking sentences: "tryna figure out if 7k cases each adds up" is the story's.
        asks_rate=bool(_phrase_re(vocabulary.asks_rate).search(_according_to(question, vocabulary))),
        places=_places(normalised, asking, vocabulary),
        set_aside=tuple(set_aside),
        statuses_asked=statuses_asked,
        superlative=next(
            (k for k, words in vocabulary.superlatives.items() if _wildcard_re(words).search(normalised)),
            None,
        ),
        joiners=vocabulary.joiners,
        top=_top(normalised, vocabulary),
        position=_position(topic, vocabulary),
        counted=_counted(normalised, vocabulary),
        # "thanks for the help today": "today" dates no figure asked.
        thanks=_only_thanks(
            original, normalised, vocabulary, any(t.period is not None for t in dated) or bool(numbers)
        ),
        versions=tuple(t.period for t in versions if t.period is not None),
        ahead=tuple(_deadlines_ahead(normalised, times, asking, vocabulary, today)),
        wholes=tuple(n for m in _wholes_re(vocabulary).finditer(plain) for n in numbers_in(m[1])),
    )


@cache
def _naming_no_measure_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    # Not "sworn in": a class of judges is sworn in too.
    taking_office = [w for w in vocabulary.office_words if "office" in w]
    return _phrase_re((*taking_office, *vocabulary.back_to_a_time))


def _without_purposes(text: str, vocabulary: Vocabulary) -> str:
    """ "need a number for a CLE slide", "for my asylum seminar": what a figure is for names what the
    work is about, never what is asked; the question's own words say that (chosen on the tuning
    part, where keeping the subject's words only ever cost answers). Who counts stays: "the
    backlog for the GAO report" asks for GAO's figure."""
    counted_by = _counted_by(vocabulary)

    def kept(match: re.Match[str]) -> str:
        return " ".join(["", *(w for w in match["between"].split() if w in counted_by), ""])

    return _purposes_re(vocabulary).sub(kept, text)


@cache
def _counted_by(vocabulary: Vocabulary) -> frozenset[str]:
    return frozenset(vocabulary.counters | vocabulary.source_names)


@cache
def _purposes_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    needs, leads = alternation(vocabulary.purpose_needs), alternation(vocabulary.purpose_leads)
    things = alternation(vocabulary.purpose_things)
    return re.compile(rf"\b(?:(?:{needs}) )?(?:{leads})(?P<between>(?: [^\s|\dA-Z]+){{0,3}}) (?:{things})\b")


def _top(text: str, vocabulary: Vocabulary) -> int | None:
    """ "Top 5", "the biggest 3": how many of a ranking a question asks for."""
    found = _top_re(vocabulary).search(text)
    return int(found[1]) if found and int(found[1]) > 0 else None


def _position(topic: str, vocabulary: Vocabulary) -> int | None:
    """ "Which country was second", "who's #2": the place in a ranking asked for (times are cut
    out of the topic, so "trump's second term" asks none)."""
    return next((place for place, _ in _positions(topic, vocabulary)), None)


def _positions(text: str, vocabulary: Vocabulary) -> list[tuple[int, re.Match[str]]]:
    """Each place in a ranking named, and where: "number 2" is one, "the number 3 million" none."""
    regex, places = _position_re(vocabulary)
    return [(places[match[0]], match) for match in regex.finditer(text)]


@cache
def _position_re(vocabulary: Vocabulary) -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every place's words, and the place each phrase names."""
    places = {phrase: place for place, words in vocabulary.rank_positions.items() for phrase in words}
    magnitudes = alternation((*WORD_MULTIPLIERS, "mn", "bn", "k", "m", "b"))
    regex = re.compile(rf"\b(?:{alternation(places)})\b(?!\s*(?:[\d.,]|(?:{magnitudes})\b))")
    return regex, places


@cache
def _top_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(vocabulary.top_words)}) (\d{{1,2}})\b")


def _years_long(text: str, vocabulary: Vocabulary) -> list[float]:
    """The numbers of years in a text ("15 year", "10 yrs")."""
    return [float(m[1]) for m in _years_re(vocabulary).finditer(text)]


@cache
def _years_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    return re.compile(rf"\b(\d{{1,2}}) (?:{alternation(vocabulary.relative['units']['year'])})\b")


def _according_to(text: str, vocabulary: Vocabulary) -> str:
    """ "per trac", "per that fox report": "per" before who said it is "according to", not a rate."""
    return _per_said_by(vocabulary).sub("according to ", text)


@cache
def _per_said_by(vocabulary: Vocabulary) -> re.Pattern[str]:
    said_by = alternation(sorted(vocabulary.counters | vocabulary.publishers | set(vocabulary.determiners)))
    heads = alternation(vocabulary.rate_heads)  # "per ice officer" is a rate
    return re.compile(rf"\bper (?=(?:{said_by})\b(?! (?:{heads})\b))")


@cache
def _counted_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    there = alternation(vocabulary.asks_how_many_there)
    return re.compile(rf"\bhow many (?P<counted>(?:[^\s|]+ ){{0,3}}?[^\s|]+) (?:{there})\b")


def _only_thanks(original: str, text: str, vocabulary: Vocabulary, dated: bool) -> bool:
    """ "lol ty bot, saved my deadline 🙏": thanks with no question in it (no "?", no question word)."""
    if dated or "?" in original or not _phrase_re(vocabulary.thanks).search(text):
        return False
    return not vocabulary.question_words & set(text.split())


def _a_term(ref: TimeRef) -> bool:
    """ "Under biden", "trump's first term": a stretch named by its moment."""
    return ref.period is not None and ref.period.precision is Precision.SPAN and ref.moment is not None


def _counted(text: str, vocabulary: Vocabulary) -> str | None:
    """ "How many immigration judges are there (rn, with all the firings)": "immigration judges"."""
    found = _counted_re(vocabulary).search(text)
    return found["counted"] if found else None


def _intent(
    text: str,
    vocabulary: Vocabulary,
    times: list[TimeRef],
    has_number: bool,
    quoted: bool = False,
    counted_before: bool = False,
    number_asked: bool | None = None,
) -> tuple[Intent, IntentRule | None, list[re.Match[str]]]:
    """The first rule of the language file that holds, and the cues that made it hold.
    `counted_before`: a sentence of the story asked how many ("told senators how many ... what was it?")."""
    asks_count = bool(_phrase_re(vocabulary.asks_count).search(text))
    # "did it pass 3 mil before or after biden left? when": a time to be before or after is no date
    # given for the crossing.
    given_a_date = TIME_PLACEHOLDER in text and any(not _a_term(t) and not t.since for t in times)
    for rule in vocabulary.intents:
        cues = rule.holds(text, has_number, bool(times), asks_count, number_asked)
        if not cues:
            continue
        if rule.intent == Intent.THRESHOLD and given_a_date:
            # "when the backlog crossed 3 million in nov 2023 (or late 2023), what was...": a date
            # asked is given, so nothing asks when ("was that under biden?" is a term the crossing
            # may fall in).
            continue
        if rule.intent == Intent.COMPARE and quoted and not times and not has_number:
            # "what's trac's 'active backlog' vs cases not on the active rolls": a term in quotes
            # asked about beside another is how they differ, not their figures.
            return Intent.DEFINITION, None, []
        if rule.intent == Intent.TREND:
            purposes = [m.span() for p in vocabulary.purposes for m in p.finditer(text)]
            cues = [c for c in cues if not any(s <= c.start() < e for s, e in purposes)]
            if not cues:
                continue  # "for a chart I'm making": what the figure is for, not a series
        return Intent(rule.intent), rule, cues
    if len([t for t in times if t.period is not None]) >= 2:
        return (
            Intent.COMPARE,
            None,
            [],
        )  # two dates; "now" in a sentence of its own ("need this rn") is not one
    if quoted and not any(TIME_PLACEHOLDER in s for s in text.split(CLAUSE_MARK) if _ASKS_WHAT.search(s)):
        # "what is trac's 'active backlog'?? reading a 2019 report...": the story's time is not asked.
        return Intent.DEFINITION, None, []
    if not times and not has_number and not counted_before and _names_a_thing(text, vocabulary):
        return Intent.DEFINITION, None, []
    return Intent.VALUE, None, []


# "wtf are EOIR "initial receipts"", "what's the parole 'test group'": a term in quotes, asked about.
_ASKS_QUOTED_TERM = re.compile(
    r"\b(?:what(?:'s|s| is| are)|wtf(?: is| are)?|mean by|meant by|define)\s+(?:[\w']+\s+){0,3}"
    r"(?:[\"“‘`]|(?<=\s)')\w"
)
_STORY_COUNT_BELOW = 10  # a number below this in a story counts its things, not a figure asked
_MORE_THAN_A_YEAR = 400  # days: a stretch longer than one (fiscal) year
_ASKS_WHAT = re.compile(r"\b(?:what is|what are|wtf|mean by|meant by|define)\b")
# "with only 29% represented, how many immigration lawyers are there": a share given, not asked.
_GIVEN_SHARE = re.compile(r"\b\d+(?:\.\d+)? percent\b")
_DIGIT_ONE = re.compile(r"(?<![\d.])1(?![\d.])")
_WHAT_IS = re.compile(r"(?:^|\|)\s*(?:what is|what are|wtf is|wtf are)\s+(?P<next>[^\s|]+)")
_ENDS_WHAT_IS = re.compile(
    r"\b(?:what is|what are|what was it|what is it|what are they|what are those|what are these|what is that)"
    r"\s*(?:\||$)"
)


def _names_a_thing(text: str, vocabulary: Vocabulary) -> bool:
    """ "what is inactive pending case", "initial receipts what is": a bare name asked about, not
    "the backlog" (a figure) nor "how many" (a count)."""
    if _phrase_re(vocabulary.asks_count).search(text):
        return False
    if _ENDS_WHAT_IS.search(text):
        return True
    match = _WHAT_IS.search(text)
    return match is not None and match["next"] not in vocabulary.determiners | vocabulary.counters


def _sentence_words(sentence: str, vocabulary: Vocabulary) -> list[str]:
    return _phrase_re(vocabulary.relative_question_words).sub(" ", sentence).split()


def _words_ask(words: list[str], vocabulary: Vocabulary) -> bool:
    """Whether a sentence's words ask: a question word in them, a verb of asking at the start, or a
    bare request that tells no story ("trac avg days pending fy08 vs fy13")."""
    words = [w for w in words if w != TIME_PLACEHOLDER]
    if not words:
        return False
    if vocabulary.question_words & set(words) or words[0] in vocabulary.question_starts:
        return True
    # "in FY2023 did the courts get more new cases than they completed": a question after a time.
    lead = 0
    while lead < len(words) - 1 and (
        words[lead] in vocabulary.question_leads or words[lead] == TIME_PLACEHOLDER
    ):
        lead += 1
    if lead and words[lead] in vocabulary.question_starts:
        return True
    return not vocabulary.story_words & set(words)


def _asks_each(sentences: list[str], vocabulary: Vocabulary) -> list[bool]:
    """Which sentences ask. When one asks directly ("how many judges did EOIR have?"), a question
    word inside another's story ("I'm trying to remember how busy things were") is the story's."""
    words = [_sentence_words(s, vocabulary) for s in sentences]
    asks = [_words_ask(w, vocabulary) for w in words]
    inside = [a and _asks_inside_a_story(w, vocabulary) for a, w in zip(asks, words, strict=True)]
    # Only a sentence with a question word of its own asks directly; "thank you kindly" is bare.
    direct = [
        a and not i and bool(set(w) & vocabulary.question_words)
        for a, i, w in zip(asks, inside, words, strict=True)
    ]
    asking = asks if not any(direct) else [a and not i for a, i in zip(asks, inside, strict=True)]
    return _with_bare_question_words(sentences, _with_restatements(sentences, asking, vocabulary), vocabulary)


def _with_bare_question_words(sentences: list[str], asks: list[bool], vocabulary: Vocabulary) -> list[bool]:
    """ "gao's backlog is defined differently?? how": a sentence of question words alone, or one
    that only points back ("which is it", "whats up"), asks the sentence before it."""
    asking = list(asks)
    for i, sentence in enumerate(sentences):
        words = [w for w in sentence.split() if w != TIME_PLACEHOLDER]
        # "trac says 682 judges but eoir says 734?? which is it": the sentence before is asked.
        alone = set(words) <= vocabulary.question_words or " ".join(words) in vocabulary.pointing_questions
        if i and asks[i] and words and alone:
            asking[i - 1] = True
    return asking


def _with_restatements(sentences: list[str], asks: list[bool], vocabulary: Vocabulary) -> list[bool]:
    """A sentence that says the question of the one before it again ("like new cases vs
    completions") asks too."""
    opens = _phrase_re(vocabulary.restatements)

    def restates(sentence: str) -> bool:
        # "like is my cousin's bond hearing in there" asks a question of its own instead.
        rest = opens.sub("", sentence.strip(), count=1).split() if opens.match(sentence.strip()) else []
        return bool(rest) and rest[0] not in vocabulary.question_starts

    return [
        a or bool(i and asks[i - 1] and restates(s))
        for i, (s, a) in enumerate(zip(sentences, asks, strict=True))
    ]


def _asks_inside_a_story(words: list[str], vocabulary: Vocabulary) -> bool:
    """ "For my class I'm also comparing with how many district judges there are": the question
    word follows a story word and no verb of asking ("I want to know how many"); a sentence that
    opens as a question ("could somebody show me"), or a question after "but" or a date, asks."""
    if not words or words[0] in vocabulary.question_starts:
        return False
    first = next((i for i, w in enumerate(words) if w in vocabulary.question_words), None)
    if first is None:
        return False
    if first and (
        words[first - 1] in vocabulary.clause_joins
        or (words[first - 1] == TIME_PLACEHOLDER and words[first] not in vocabulary.relative_pronouns)
    ):
        return False  # "trac keeps saying 3.4m but what does it count": a question of its own
    before = set(words[:first])
    return bool(before & vocabulary.story_words) and not before & vocabulary.asking_verbs


def _per_year_over_years(
    question: str, dated: list[TimeRef], set_aside: list[str], vocabulary: Vocabulary, today: date
) -> bool:
    """ "eoir completions per year fy08-fy24", "new cases per yr since 2008": a yearly figure over
    several years asks the series of them, not one total ("the total, not per year" does not).
    "Completions per year fy2008 to now": a year and now are the stretch's ends."""
    cue = _phrase_re(vocabulary.per_year).search(question)
    if (
        not 1 <= len(dated) <= 2
        or dated[0].period is None
        or cue is None
        or set(cue[0].split()) & set(set_aside)
    ):
        return False
    if question[: cue.start()].split()[-1:] == ["not"]:
        return False  # "the whole decade, not per year"
    first, last = dated[0], dated[-1]
    if len(dated) == 2 and not last.latest:
        return False  # two dates: the two years compared ("completions per year, fy21 vs fy24")
    end = today if first.since or last.latest else first.period.end
    return (end - first.period.start).days > _MORE_THAN_A_YEAR


def _question_sentences(text: str, asks: list[bool]) -> str:
    """The sentences that ask something, when others tell a story around them."""
    sentences = [(s, a) for s, a in zip(text.split(CLAUSE_MARK), asks, strict=True) if s.strip()]
    asking = [s for s, a in sentences if a]
    if not asking or len(asking) == len(sentences):
        return text
    return f" {CLAUSE_MARK} ".join(asking)


_NOT = re.compile(r"(?:^|(?<=\s))not\s+(?=\S)")


def _bare_not(sentence: str, vocabulary: Vocabulary) -> re.Match[str] | None:
    """ "closed, not examined": a "not" before a word of substance that is no verb's ("weren't on
    the rolls", "not yet on the active rolls") sets aside what follows."""
    for match in _NOT.finditer(sentence):
        before = sentence[: match.start()].split()
        after = sentence[match.end() :].split()
        if (
            after
            and after[0] not in vocabulary.noise
            and (not before or before[-1] not in vocabulary.auxiliaries)
        ):
            return match
    return None


def _sources_named(text: str, vocabulary: Vocabulary) -> str:
    """ "Completions in FY2023 according to EOIR's own pending/new/completions table": after a
    closing "according to", only who counts says anything of the measure."""
    sentences = []
    for sentence in text.split(CLAUSE_MARK):
        before, found, after = sentence.partition(" according to ")
        if found and len(before.split()) >= 2:
            who = [w for w in after.split() if w in vocabulary.counters or w in vocabulary.publishers]
            sentence = " ".join([before, *who])
        sentences.append(sentence)
    return CLAUSE_MARK.join(sentences)


def _set_aside(text: str, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """The words of a text, and apart from them those set aside ("trac's count, not eoir's")."""
    kept: list[str] = []
    aside: list[str] = []
    regex = _phrase_re(vocabulary.negations)
    for index, sentence in enumerate(text.split(CLAUSE_MARK)):
        if index:
            kept.append(CLAUSE_MARK)  # one mark per sentence, even after one set aside whole
        match = regex.search(sentence) or _bare_not(sentence, vocabulary)
        if match is None:
            kept.extend(sentence.split())
            continue
        kept.extend(sentence[: match.start()].split())
        # "not trac": the name after "not" is set aside with what follows it.
        named = (
            match[0].split()[1:]
            if match[0].startswith(("not ", "no ")) and len(match[0].split()) == 2
            else []
        )
        aside.extend([*named, *sentence[match.end() :].split()])
    return kept, aside


@cache
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(phrases)})\b")


@cache
def _wildcard_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """`_phrase_re`, where "*" stands for up to eight words ("most * ever")."""
    return re.compile("|".join(pattern(p).pattern for p in sorted(phrases, key=len, reverse=True)))


@cache
def place_names(vocabulary: Vocabulary) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {name: place for place, names in vocabulary.places.items() for name in names}
    return _phrase_re(tuple(names)), names


def _places(text: str, asking: list[tuple[int, int]], vocabulary: Vocabulary) -> tuple[str, ...]:
    """The places a question asks about: in its asking sentences, unless it asks nationwide."""
    if _phrase_re(vocabulary.national).search(text):
        return ()
    regex, names = place_names(vocabulary)
    return tuple(dict.fromkeys(names[m[0]] for m in regex.finditer(text) if _inside(m.start(), asking)))


def _asking(text: str, asks: list[bool]) -> list[tuple[int, int]]:
    """Where the sentences that ask something are, when others tell a story around them (`asks`:
    which sentences of `text` ask)."""
    spans, start = [], 0
    for sentence, asking in zip(text.split(CLAUSE_MARK), asks, strict=True):
        spans.append((start, start + len(sentence), asking))
        start += len(sentence) + len(CLAUSE_MARK)
    asking = [(s, e) for s, e, q in spans if q]
    return asking if asking and len(asking) < len(spans) else [(0, len(text))]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position <= end for start, end in spans)


def _times_asked(
    text: str, times: TimeReading, asking: list[tuple[int, int]], vocabulary: Vocabulary, today: date
) -> list[TimeRef]:
    """The times a question asks about: those of its asking sentences when they name any (a time in
    the story around it is context), and never a deadline ahead ("judges needed by 2032")."""
    pairs = [
        (ref, start)
        for ref, (start, _) in zip(times.times, times.spans, strict=False)
        if not _deadline(ref, text[:start], vocabulary, today)
    ]
    pairs = _without_restated_moments(text, pairs, vocabulary)
    asked = [ref for ref, start in pairs if _inside(start, asking)]
    # "my tio's hearing is set for 2027... how big is the backlog now": a day ahead in the story is
    # no time a figure was counted at.
    pairs = [
        (ref, start)
        for ref, start in pairs
        if _inside(start, asking) or ref.period is None or ref.period.start <= today
    ]
    # A date asked replaces the story's; so does "now" when the asking sentences compare nothing
    # ("my uncle has waited since 2018... how big is the backlog now"), but "how many times bigger
    # is it now?" still means the story's dates.
    asking_text = " ".join(text[start:end] for start, end in asking)
    compares = _compares(asking_text, vocabulary) or bool(vocabulary.change_words & set(asking_text.split()))
    if not compares and any(r.period is not None and r.period.start <= today for r in asked):
        # "visiting the court next month for a field trip. how many courts were there in march
        # 2021": beside a date past, a time ahead that nothing compares with is the story's.
        asked = [r for r in asked if r.period is None or r.period.start <= today]
    if any(ref.period is not None for ref in asked):
        return asked
    if asked and not compares:
        return asked
    if asking and not compares:
        # "my tio is waiting since 2019. how many cases are in the backlog?": since when someone has
        # waited is the story's; a question that asks no change asks no "since".
        # ("After biden's june 2024 order, what % did it drop" dates the figure.)
        return [ref for ref, start in pairs if not (ref.since and text[start:].startswith("since "))]
    return [ref for ref, _ in pairs]


def _compares(text: str, vocabulary: Vocabulary) -> bool:
    """Whether some words ask for a comparison or a change (the language file's compare cues)."""
    return any(rule.intent == Intent.COMPARE and rule.holds(text, True, True) for rule in vocabulary.intents)


def _asks_duration(text: str, vocabulary: Vocabulary) -> bool:
    """Whether a time taken may be what is asked: "how long", "days", "wait" — but "how many cases
    are sitting there waiting" counts cases."""
    counted = _COUNTED.search(text)
    if counted is not None:
        return counted["noun"] in _DURATION_UNITS
    return bool(_phrase_re(vocabulary.duration_words).search(text))


_COUNTED = re.compile(r"\b(?:how many|number of)\s+(?:more\s+|fewer\s+|new\s+)?(?P<noun>[a-z]+)")
_DURATION_UNITS = frozenset({"days", "weeks", "months", "years", "day", "week", "month", "year"})


def _versions(text: str, times: TimeReading, vocabulary: Vocabulary) -> tuple[list[TimeRef], list[TimeRef]]:
    """Dates that name a version of a table, not a time asked: those wanted ("the apr 2021 table",
    "EOIR's table of July 2025") and those set aside ("not the 2025 one")."""
    wanted, aside = [], []
    starts = sorted(start for start, _ in times.spans)
    for ref, (start, end) in zip(times.times, times.spans, strict=False):
        if ref.period is None or ref.since or ref.period.precision is Precision.SPAN:
            # "year by year since fy2008, table pls", "fy2008-fy2024, eoir table": a time asked, a
            # table wanted (a table's version is one date)
            continue
        before = text[:start].split()[-2:]
        # "FY2023, July 2025 table": the words after a date up to the next one are its own.
        following = next((s for s in starts if s >= end), len(text))
        if before[-1:] == ["not"] or before == ["not", "the"]:
            aside.append(ref)
        elif ref.period.precision is Precision.FISCAL_YEAR:
            continue  # "fy2025, eoir motions table": a version wanted is the month it was generated
        elif _names_a_version(text[end:following].split(), vocabulary) or (
            len(before) == 2 and before[0] in vocabulary.version_words and before[1] in ("of", "from")
        ):
            wanted.append(ref)
    return wanted, aside


_OF_A_WORK = ("from", "in", "of", "dated")


@cache
def _publication_lead(vocabulary: Vocabulary) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(vocabulary.publication_leads)})\s*(?:on\s+|in\s+)?$")


def _publication_dates(text: str, times: TimeReading, vocabulary: Vocabulary) -> list[TimeRef]:
    """Dates that name when something was published: "the FY23 annual report", "a 2019 Law360 piece",
    "the motions table, data generated nov 18 2025"."""
    starts = sorted(start for start, _ in times.spans)
    published = []
    for ref, (start, end) in zip(times.times, times.spans, strict=False):
        before = text[:start].split()[-2:]
        # "a CRS report from November 2020", "a CQ-Roll Call piece in 2025"
        after_a_work = (
            len(before) == 2 and before[0] in vocabulary.publication_words and before[1] in _OF_A_WORK
        )
        if after_a_work or _publication_lead(vocabulary).search(text[:start]):
            published.append(ref)
            continue
        following = next((s for s in starts if s >= end), len(text))
        for word in text[end:following].split()[:_VERSION_REACH]:
            if word in vocabulary.publication_words:
                published.append(ref)
            if (
                word == CLAUSE_MARK
                or word in vocabulary.publication_words
                or word in vocabulary.version_stops
            ):
                break
    return published


def _names_a_version(after: list[str], vocabulary: Vocabulary) -> bool:
    """ "July 2025 table", "July 2025 EOIR adjudication statistics table": a version word right after
    a date, or after a few words naming the table; "july 2025 per the eoir table" is a time asked."""
    for word in after[:_VERSION_REACH]:
        if word in vocabulary.version_words:
            return True
        if word == CLAUSE_MARK or word in vocabulary.version_stops:
            return False
    return False


_VERSION_REACH = 4  # words after a date in which a version word makes it a table's version


def _without_restated_moments(
    text: str, pairs: list[tuple[TimeRef, int]], vocabulary: Vocabulary
) -> list[tuple[TimeRef, int]]:
    """ "Right before covid hit, like end of feb 2020": a named moment and a date beside it, in the
    same sentence, that restate each other are one time: the date's, unless it is the month the
    moment falls in ("when covid hit in march 2020"), which the moment's day says more precisely.
    "The docket in fy2020, need a baseline b4 biden": a date said to be before a moment, within a
    year of it, is described by the moment, not compared with it."""
    dropped: set[int] = set()
    before_words = vocabulary.moment_words.get("before", ())
    for moment, at in pairs:
        if moment.moment is None or moment.period is None or moment.since:
            continue
        day = moment.period.end if moment.anchor is Anchor.END else moment.period.start
        if _said_before(moment, before_words) and any(
            _describes(text, ref, other, at, day, vocabulary) for ref, other in pairs
        ):
            dropped.add(pairs.index((moment, at)))
            continue
        for index, (ref, other) in enumerate(pairs):
            # A month or a day restates a moment; a year ("the day trump took office in 2017") only places it.
            if ref.moment is not None or not _is_point(ref) or ref.period.precision not in _RESTATING:
                continue
            if (
                CLAUSE_MARK in text[min(at, other) : max(at, other)]
                or _days_from(day, ref.period) > _RESTATED_DAYS
            ):
                continue
            within_month = (
                ref.period.precision is Precision.MONTH and ref.period.start <= day <= ref.period.end
            )
            dropped.add(index if within_month else pairs.index((moment, at)))
    return [pair for index, pair in enumerate(pairs) if index not in dropped]


_RESTATING = (Precision.DAY, Precision.MONTH)
_DESCRIBED_DAYS = 366  # "fy2020, before biden": a date this close before a moment is described by it


def _said_before(moment: TimeRef, before_words: tuple[str, ...]) -> bool:
    return any(moment.text == w or moment.text.startswith(f"{w} ") for w in before_words)


def _describes(text: str, ref: TimeRef, at: int, moment_at: int, day: date, vocabulary: Vocabulary) -> bool:
    """Whether a date before a moment said "before" is described by it: the date first, in the same
    sentence, nothing setting the two against each other, and no more than a year before it."""
    if ref.moment is not None or not _is_point(ref) or ref.period.precision is Precision.SPAN:
        return False
    between = text[at:moment_at]
    if at >= moment_at or CLAUSE_MARK in between or _compares(between, vocabulary):
        return False
    joined = f" {' '.join(between.split())} "
    if any(f" {w} " in joined for w in (*vocabulary.joiners, *vocabulary.from_words)):
        return False  # "fy2020 vs right before biden", "from fy2020 to just before biden"
    return ref.period.end <= day and (day - ref.period.end).days <= _DESCRIBED_DAYS


def _days_from(day: date, period: Period) -> int:
    if period.start <= day <= period.end:
        return 0
    return min(abs((day - period.start).days), abs((day - period.end).days))


def _from_as_since(
    text: str, times: TimeReading, dated: list[TimeRef], vocabulary: Vocabulary
) -> list[TimeRef]:
    """ "Grown from 2017" is since 2017; "TRAC's number from aug 2019" is the figure of aug 2019."""
    if len(dated) != 1 or dated[0].since:
        return dated
    change = vocabulary.change_words & set(text.split())
    start = next((s for ref, (s, _) in zip(times.times, times.spans, strict=False) if ref is dated[0]), None)
    before = text[:start].split() if start is not None else []
    if change and before and before[-1] in vocabulary.from_words:
        return [replace(dated[0], since=True)]
    return dated


@cache
def _wholes_re(vocabulary: Vocabulary) -> re.Pattern[str]:
    """A number given as the whole a question asks a part of: "of the 411 thousand cases"."""
    scales = alternation(vocabulary.scale_words.values())
    return re.compile(rf"\b(?:{alternation(vocabulary.whole_leads)}) (\d+(?:\.\d+)?(?: (?:{scales}))?)\b")


def _deadlines_ahead(
    text: str, times: TimeReading, asking: list[tuple[int, int]], vocabulary: Vocabulary, today: date
) -> list[TimeRef]:
    """The deadlines ahead an asking sentence names ("by 2028"): no figure was counted then."""
    return [
        ref
        for ref, (start, _) in zip(times.times, times.spans, strict=False)
        if _inside(start, asking) and _deadline(ref, text[:start], vocabulary, today)
    ]


def _deadline(ref: TimeRef, before: str, vocabulary: Vocabulary, today: date) -> bool:
    if ref.period is None or ref.period.start <= today:
        return False
    words = before.split()
    return bool(words) and words[-1] in vocabulary.deadline_words


_RESTATED_DAYS = 45


def _is_point(time: TimeRef) -> bool:
    return time.period is not None and not time.since and time.period.precision is not Precision.SPAN


def _distinct(
    times: list[TimeRef], today: date, vocabulary: Vocabulary, placing: bool = False
) -> list[TimeRef]:
    """The times without repeats: "since trump took office (jan 2017)" names one time, not two, and
    "less now ... in the last year" one stretch up to now."""
    times = _without_terms_said_again(times, vocabulary)
    if any(
        t.period is not None and t.period.precision is Precision.SPAN and t.period.end >= today for t in times
    ):
        times = [t for t in times if t.period is not None]
    times = _trailing_as_of(_terms_placed_by_dates(times, placing))
    if placing and len(times) == 2:
        times = _narrower_of_two(times)
    kept: list[TimeRef] = []
    for time in times:
        same = next((k for k in kept if _same_time(k, time)), None)
        if same is None:
            kept.append(time)
        elif same.anchor is Anchor.ANY and time.anchor is not Anchor.ANY:
            kept[kept.index(same)] = time  # the one that says which end of it
    # "during biden's term, from when he came in to when he left": the term's own ends restate it.
    spans = [t.period for t in kept if t.period is not None and t.period.precision is Precision.SPAN]
    return [
        t
        for t in kept
        if not (
            t.period is not None
            and t.period.precision is Precision.DAY
            and any(t.period.start in (s.start, s.end) for s in spans)
        )
    ]


def _without_terms_said_again(times: list[TimeRef], vocabulary: Vocabulary) -> list[TimeRef]:
    """ "When trump came back for his 2nd term": "his 2nd term" says again which start is meant; it
    asks no stretch of its own ("from the start to the end of his term" does)."""
    numbered = _phrase_re(tuple(p for phrases in vocabulary.terms.values() for p in phrases))
    days = {
        t.moment.id
        for t in times
        if t.moment is not None and t.period is not None and t.period.precision is Precision.DAY
    }
    return [
        t
        for t in times
        if not (
            t.moment is not None
            and t.moment.id in days
            and t.period is not None
            and t.period.precision is Precision.SPAN
            and t.text.split()[0] in vocabulary.pronouns
            and numbered.search(t.text) is not None
        )
    ]


def _narrower_of_two(times: list[TimeRef]) -> list[TimeRef]:
    """ "In the middle of 2016 ... (end of June 2016)": with nothing compared, a time that holds the
    other only places it; the narrower is asked."""
    a, b = times
    if a.period is None or b.period is None or a.since or b.since:
        return times
    # "from oct 1 2024 thru q3 fy2025": a day that begins the stretch after it is that stretch's start.
    if (
        a.period.precision is Precision.DAY
        and b.period.precision is Precision.SPAN
        and a.period.start == b.period.start
    ):
        return [b]
    if a.period.start <= b.period.start and b.period.end <= a.period.end and a.period != b.period:
        return [b]
    if b.period.start <= a.period.start and a.period.end <= b.period.end and a.period != b.period:
        return [a]
    return times


def _terms_placed_by_dates(times: list[TimeRef], placing: bool = False) -> list[TimeRef]:
    """ "Feb and march 2025, the first full months under trump": a term that holds none of the dates
    asked beside it is only their context (and perhaps the wrong one of a president's terms). With
    `placing` (no change or comparison asked), a term holding the one date beside it is context too."""
    dates = [t for t in times if t.moment is None and t.period is not None and not t.since]
    if not dates:
        return times

    def context(term: TimeRef) -> bool:
        if term.moment is None or term.period is None:
            return False
        if term.period.precision is not Precision.SPAN:
            # "new cases a month in feb and march 2025, after trump came back": with nothing of change
            # asked, a moment shortly before the one date asked only says when that date was.
            return (
                placing
                and len(dates) == 1
                and len(times) == 2
                and timedelta(0) < dates[0].period.start - term.period.start <= timedelta(days=366)
            )
        inside = [d for d in dates if _within_term(d.period, term.period)]
        return not inside or (placing and len(dates) == 1 and len(times) == 2)

    return [t for t in times if not context(t)]


def _within_term(period: Period, term: Period) -> bool:
    """A date inside a term, give or take the month it starts or ends in ("jan 2021" for Biden's)."""
    slack = timedelta(days=31)
    return term.start - slack <= period.start and period.end <= term.end + slack


def _trailing_as_of(times: list[TimeRef]) -> list[TimeRef]:
    """ "Over the past year (as of feb 2026)": the same stretch, back from that date."""
    trailing = next((t for t in times if t.trailing and t.period is not None), None)
    points = [t for t in times if _is_point(t)]
    if trailing is None or len(points) != 1 or len(times) != 2:
        return times
    end = points[0].period.end
    length = trailing.period.end - trailing.period.start
    label = f"{trailing.label_text or trailing.text} to {points[0].period.label}"
    return [replace(trailing, period=span_period(end - length, end), label_text=label)]


def _same_time(a: TimeRef, b: TimeRef) -> bool:
    if a.period is None or b.period is None:
        return a.period is None and b.period is None
    if Precision.SPAN in (a.period.precision, b.period.precision):
        return a.period == b.period
    if a.period == b.period and Anchor.ANY in (a.anchor, b.anchor):
        return True  # "end of FY2023 backlog? (fy 2023 = oct 2022 - sep 2023)": one year, said twice
    return a.period.overlaps(b.period) and a.anchor == b.anchor


def _stray_years(topic: str, intent: Intent) -> list[str]:
    """Numbers shaped like a year that no time reader took ("in 1111"): a time not understood."""
    if intent in (Intent.THRESHOLD, Intent.SOURCE):
        return []
    return [word for word in topic.split() if _YEAR_LIKE.match(word)]
