"""Understanding a question: what kind of answer it wants, about which times, with which numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from .models import Moment
from .numbers import numbers_in
from .text import fold
from .timeparse import TimeRef, find_times

MAX_QUESTION_LENGTH = 300


class QuestionError(ValueError):
    """A question that cannot be asked at all (empty, too long); the message is for the user."""


class Intent(StrEnum):
    VALUE = "value"  # a figure, now or at a time
    COMPARE = "compare"  # two times, or two measures
    TREND = "trend"  # a series over time
    SOURCE = "source"  # where a figure comes from
    THRESHOLD = "threshold"  # when did it pass N
    DEFINITION = "definition"  # what a measure means


_SOURCE = re.compile(
    r"\b(sources?|where (?:does|do|did) .*(?:come from|from)|come from|who (?:says|said|reported)|"
    r"cite|citation|provenance|according to whom|fact (?:id )?\d+)\b"
)
_DEFINITION = re.compile(
    r"\b(define|definition|meaning|what (?:does|do|is) .*\b(?:mean|measure|count|include)s?\b|"
    r"what counts|explain)\b"
)
_THRESHOLD = re.compile(
    r"\bwhen (?:did|was|will|has)\b.*\b(pass|passed|exceed|exceeded|reach|reached|top|topped|hit|"
    r"cross|crossed|surpass|surpassed|break|broke|go over|went over|first)\b"
)
_TREND = re.compile(
    r"\b(trend|trends|over time|history|historical|chart|graph|plot|series|evolution|over the years|"
    r"year by year|each year|every year|by year)\b"
)
_COMPARE = re.compile(
    r"\b(compare|compared|comparison|vs|versus|against|difference|differ|change|changed|grow|grew|"
    r"grown|growth|increase|increased|rise|rose|risen|decline|declined|fall|fell|drop|dropped|since)\b"
)
_SPLIT_MEASURES = re.compile(r"\b(?:vs|versus|against|compared (?:to|with)|and|with|to)\b")
_SINCE = re.compile(r"\b(?:since|from|after)\s*$")
_FACT_ID = re.compile(r"\bfact (?:id )?#?(\d+)\b")


@dataclass(frozen=True)
class ParsedQuestion:
    original: str
    folded: str
    intent: Intent
    times: list[TimeRef]
    topic: str  # the folded words left once the times are cut out
    numbers: list[float]  # numbers in the topic, e.g. the threshold in "pass 3 million"
    fact_id: int | None = None

    def topic_parts(self) -> list[str]:
        """The topic split where it names two things ("the court backlog and the ice docket")."""
        return [p.strip() for p in _SPLIT_MEASURES.split(self.topic) if p.strip()]


def clean_question(text: str) -> str:
    """The question as asked, with control characters removed; QuestionError if nothing is left."""
    if text is None:
        raise QuestionError("Ask a question, for example: how big is the immigration court backlog now?")
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise QuestionError("Ask a question, for example: how big is the immigration court backlog now?")
    if len(cleaned) > MAX_QUESTION_LENGTH:
        raise QuestionError(
            f"That question is {len(cleaned)} characters long; keep it under {MAX_QUESTION_LENGTH}."
        )
    return cleaned


def parse_question(text: str, moments: Iterable[Moment], today: date) -> ParsedQuestion:
    original = clean_question(text)
    folded = fold(original)
    times, topic = find_times(folded, moments, today)
    times = [replace(t, since=True) if _SINCE.search(folded[: folded.find(t.text)]) else t for t in times]
    fact_match = _FACT_ID.search(folded)
    return ParsedQuestion(
        original=original,
        folded=folded,
        intent=_intent(folded, times, fact_match is not None),
        times=times,
        topic=topic,
        numbers=[n for n in numbers_in(topic) if n > 0],
        fact_id=int(fact_match.group(1)) if fact_match else None,
    )


def _intent(folded: str, times: list[TimeRef], names_fact: bool) -> Intent:
    if names_fact or _SOURCE.search(folded):
        return Intent.SOURCE
    if _THRESHOLD.search(folded):
        return Intent.THRESHOLD
    if _DEFINITION.search(folded):
        return Intent.DEFINITION
    if _TREND.search(folded):
        return Intent.TREND
    if len(times) >= 2 or _COMPARE.search(folded):
        return Intent.COMPARE
    return Intent.VALUE
