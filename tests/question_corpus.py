"""The question corpus (tests/corpus/) and how a reply is graded against it.

The corpus is the specification of understanding. It has two parts:

- `tune/`: the questions rules, vocabulary, weights and thresholds may be chosen on;
- `heldout/`: questions only ever scored, never used to choose anything.

Each entry is graded on the figure the reply states as its answer (`Answer.statement`),
never on numbers that happen to be somewhere in its text. An outcome is one of:

- right: the expected answer, or a refusal where one is expected;
- wrong: a figure that is not an accepted one, of the wrong measure, or stated where the
  fact base has none (the one outcome that must never happen);
- refused: no figure where one was expected (a "did you mean", or an honest no).

Shared by tests/test_corpus.py (which asserts the scores) and bench/thresholds.py
(which sweeps the matching thresholds over the tuning part only).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.core.engine import Answer, AnswerEngine, AnswerStatus

CORPUS = Path(__file__).with_name("corpus")
PARTS = ("tune", "heldout")
# A stated figure matches a range at this relative tolerance (3.5 million written as 3,500,000.0001).
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Outcome:
    question: str
    result: str  # "right" | "wrong" | "refused"
    why: str = ""


@dataclass(frozen=True)
class Score:
    part: str
    outcomes: list[Outcome]

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.result for o in self.outcomes)

    @property
    def share(self) -> float:
        return self.counts["right"] / max(len(self.outcomes), 1)

    def line(self) -> str:
        c = self.counts
        return (
            f"{self.part}: {self.share:.1%} right of {len(self.outcomes)} "
            f"({c['wrong']} wrong answers, {c['refused']} refusals where an answer was expected)"
        )


def load(part: str) -> list[dict[str, Any]]:
    """Every entry of one part, each with the file it came from."""
    entries = []
    for path in sorted((CORPUS / part).glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append({**entry, "file": path.name})
    return entries


def grade(engine: AnswerEngine, entry: dict[str, Any]) -> Outcome:
    question = entry["q"]
    answer = engine.ask(question)
    if entry["status"] == "refused":
        if answer.status is AnswerStatus.ANSWERED:
            return Outcome(question, "wrong", f"answered {_stated(answer)} where no figure answers")
        return Outcome(question, "right")
    if answer.status is not AnswerStatus.ANSWERED:
        return Outcome(question, "refused", f"{answer.status.value} ({answer.kind})")
    multiple = any(
        engine.kb.measures[m].unit == "times" for m in entry.get("measures") or () if m in engine.kb.measures
    )
    problem = _problem(answer, entry, multiple)
    return Outcome(question, "wrong", problem) if problem else Outcome(question, "right")


def score(engine: AnswerEngine, part: str) -> Score:
    return Score(part, [grade(engine, entry) for entry in load(part)])


# Kinds of answer that state the same thing: a figure with its provenance is the figure; the
# change between two dated figures answers for a series over that time, and a series for them.
_SAME_STATEMENT = {
    ("value", "source"),
    ("source", "value"),
    ("trend", "compare"),
    ("compare", "trend"),
    ("compare", "rank"),  # "which is bigger, cubans or brazilians": the two, largest first
    ("value", "rank"),  # "which country has the most, and how many": the ranking's first figure
}


def _as_multiple(ratio: float | None, accepted: list[float] | None) -> bool:
    """A ratio that, rounded to a whole multiple, is an accepted "N times" figure."""
    return ratio is not None and bool(accepted) and any(round(ratio.value) == value for value in accepted)


def _problem(answer: Answer, entry: dict[str, Any], multiple: bool = False) -> str | None:
    """What is wrong with a stated answer, or None when it is the expected one."""
    stated = answer.statement
    intent = entry["intent"]
    measures = set(entry.get("measures") or [])
    side_by_side = intent == "value" and stated.intent == "compare" and stated.figures
    # Two counts set side by side ("CRS vs TRAC numbers"), each an accepted figure.
    if side_by_side and all(
        f.measure in measures and _within(f.value, entry.get("value")) for f in stated.figures
    ):
        return None
    if intent == "value" and stated.intent == "compare" and stated.comparison is not None:
        # A reported change ("grew by 313,396") and the same change computed from two levels.
        # A reported multiple ("2x since biden took office") and the ratio computed from two levels.
        difference, ratio = stated.comparison.difference.value, stated.comparison.ratio
        if _within(difference, entry.get("value")) or (multiple and _as_multiple(ratio, entry.get("value"))):
            return None
        return f"computed a change of {difference:g}, outside {entry.get('value')}: {_stated(answer)}"
    if stated.intent != intent and (intent, stated.intent) not in _SAME_STATEMENT:
        return f"intent {stated.intent} (expected {intent}): {_stated(answer)}"
    if stated.intent == "rank" and intent == "compare":
        return _compare_problem(entry, stated.figures, measures, answer)
    if stated.intent == "compare" and intent == "trend":
        intent = "trend"
    elif stated.intent == "trend" and intent == "compare":
        stated_ends = (stated.figures[0], stated.figures[-1]) if stated.figures else ()
        return _compare_problem(entry, stated_ends, measures, answer)
    figures = stated.figures
    if intent in ("definition", "trend"):
        return (
            None if stated.measure in measures else f"measure {stated.measure} (expected {sorted(measures)})"
        )
    if any(f.measure not in measures for f in figures):
        return f"measure {[f.measure for f in figures]} (expected {sorted(measures)}): {_stated(answer)}"
    if intent == "compare":
        return _compare_problem(entry, figures, measures, answer)
    if not figures:
        return f"states no figure: {_stated(answer)}"
    if not _within(figures[0].value, entry.get("value")):
        return f"states {figures[0].value:g} (fact {figures[0].id}) outside {entry.get('value')}"
    return None


def _compare_problem(entry: dict[str, Any], figures: Any, measures: set[str], answer: Answer) -> str | None:
    if len(figures) != 2:
        return f"states {len(figures)} figures, not a comparison: {_stated(answer)}"
    if any(f.measure not in measures for f in figures):
        return f"measure {[f.measure for f in figures]} (expected {sorted(measures)}): {_stated(answer)}"
    if "values" in entry:  # two measures at one time: each figure is one of the accepted ones
        stray = [f for f in figures if not any(math.isclose(f.value, v) for v in entry["values"])]
        return (
            f"states {stray[0].value:g} (fact {stray[0].id}), not one of {entry['values']}" if stray else None
        )
    for key, fact in (("from", figures[0]), ("to", figures[1])):
        if not _within(fact.value, entry.get(key)):
            return f"{key} end {fact.value:g} (fact {fact.id}) outside {entry.get(key)}"
    return None


def _within(value: float, accepted: list[float] | None) -> bool:
    if not accepted:
        return False
    low, high = accepted
    slack = TOLERANCE * max(abs(low), abs(high), 1)
    return low - slack <= value <= high + slack or math.isclose(value, low)


def _stated(answer: Answer) -> str:
    figures = ", ".join(f"{f.value:g} (fact {f.id}, {f.measure})" for f in answer.statement.figures)
    return f"{answer.kind}: {figures or 'no figure'}"
