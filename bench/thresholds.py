"""Choose the matching thresholds from the measured question set (tests/questions.yaml).

Sweeps the answer and suggestion scores, the ambiguity margin and the weight of
unknown words, and prints the best settings by score on the question set, with
the share of off-topic questions that wrongly got an answer. Run:

    python bench/thresholds.py
"""

from __future__ import annotations

import itertools
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from question_set import grade, load_questions  # noqa: E402

from bot.core.build import build_database  # noqa: E402
from bot.core.engine import AnswerEngine  # noqa: E402
from bot.core.matching import DEFAULT_THRESHOLDS, Thresholds  # noqa: E402


def main() -> None:
    kb = build_database(ROOT / "knowledge", None).load()
    questions = load_questions()
    off_topic = [q for q in questions if q.get("status") == "no_match" and "measure" not in q]
    results = []
    for answer, suggest, margin, unknown in itertools.product(
        (50, 55, 60, 65, 70, 75), (30, 35, 40, 45, 50, 55), (2, 4, 6, 8, 10), (2.5, 4.0, 6.0)
    ):
        if suggest >= answer:
            continue
        thresholds = Thresholds(answer, suggest, margin, unknown)
        engine = AnswerEngine(kb, today=lambda: date(2026, 11, 23), thresholds=thresholds)
        right = sum(grade(engine, q) is None for q in questions)
        leaked = sum(engine.ask(q["q"]).status.value != "no_match" for q in off_topic)
        results.append((right / len(questions), -leaked, thresholds))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    print(f"{len(questions)} questions, {len(off_topic)} off-topic; best settings:")
    for share, leaked, t in results[:10]:
        print(f"  {share:6.1%} right, {-leaked} off-topic answered or suggested  {t}")
    current = next(r for r in results if r[2] == DEFAULT_THRESHOLDS)
    print(f"current defaults: {current[0]:.1%} right, {-current[1]} off-topic leaked  {DEFAULT_THRESHOLDS}")


if __name__ == "__main__":
    main()
