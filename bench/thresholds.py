"""Choose the matching thresholds on the tuning part of the question corpus (tests/corpus/tune/).

Sweeps the answer and suggestion scores, the ambiguity margin, the share of a question
that must be explained and the weight of unknown words, and prints the best settings.
A wrong answer (a figure for a different question) costs WRONG_COST right ones: a
refusal is the lesser failure. The held-out part (tests/corpus/heldout/) is never
read here. Run:

    python bench/thresholds.py
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from question_corpus import grade, load  # noqa: E402

from bot.core.build import build_database  # noqa: E402
from bot.core.engine import AnswerEngine  # noqa: E402
from bot.core.matching import DEFAULT_THRESHOLDS, Thresholds  # noqa: E402

WRONG_COST = 5
TODAY = date(2026, 12, 1)
GRID = {
    "unknown_word_weight": (2.0, 3.0),
    "answer": (55.0, 60.0, 65.0, 70.0),
    "suggest": (45.0,),
    "margin": (5.0, 8.0),
    "explained": (0.5, 0.6),
}


def main() -> None:
    kb = build_database(ROOT / "knowledge", None).load()
    entries = load("tune")
    results = []
    for unknown in GRID["unknown_word_weight"]:
        # The unknown-word weight is built into the index; the other thresholds are read per question.
        engine = AnswerEngine(
            kb, today=lambda: TODAY, thresholds=replace(DEFAULT_THRESHOLDS, unknown_word_weight=unknown)
        )
        for answer, suggest, margin, explained in itertools.product(
            GRID["answer"], GRID["suggest"], GRID["margin"], GRID["explained"]
        ):
            engine.thresholds = Thresholds(answer, suggest, margin, explained, unknown)
            engine.forget_suggestions()
            outcomes = [grade(engine, e).result for e in entries]
            right, wrong = outcomes.count("right"), outcomes.count("wrong")
            results.append((right - WRONG_COST * wrong, right, wrong, engine.thresholds))
    results.sort(key=lambda r: r[0], reverse=True)
    print(f"{len(entries)} tuning questions; a wrong answer costs {WRONG_COST} right ones. Best settings:")
    for _, right, wrong, t in results[:12]:
        print(f"  {right / len(entries):6.1%} right, {wrong:3} wrong  {t}")
    current = next((r for r in results if r[3] == DEFAULT_THRESHOLDS), None)
    if current:
        share = current[1] / len(entries)
        print(f"current defaults: {share:.1%} right, {current[2]} wrong  {DEFAULT_THRESHOLDS}")


if __name__ == "__main__":
    main()
