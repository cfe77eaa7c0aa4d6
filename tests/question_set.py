"""The measured question set (questions.yaml) and how an answer is graded against it.

Shared by tests/test_questions.py (which asserts the score) and
bench/thresholds.py (which sweeps the matching thresholds over it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.core.engine import Answer, AnswerEngine

QUESTIONS = Path(__file__).with_name("questions.yaml")


def load_questions() -> list[dict[str, Any]]:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def answered_measure(answer: Answer) -> str | None:
    """The measure an answer is about, whatever its kind."""
    data = answer.data
    if "measure" in data:
        return data["measure"].id
    if answer.facts:
        return answer.facts[0].measure
    return None


def grade(engine: AnswerEngine, entry: dict[str, Any]) -> str | None:
    """None when the answer is right; otherwise what is wrong with it."""
    answer = engine.ask(entry["q"])
    expected_status = entry.get("status", "answered")
    problems = []
    if answer.status.value != expected_status:
        problems.append(f"status {answer.status.value} (expected {expected_status})")
    if "measure" in entry and answered_measure(answer) != entry["measure"]:
        problems.append(f"measure {answered_measure(answer)} (expected {entry['measure']})")
    if "kind" in entry and answer.kind != entry["kind"]:
        problems.append(f"kind {answer.kind} (expected {entry['kind']})")
    cited = {f.id for f in answer.facts}
    missing = [f for f in entry.get("facts", []) if f not in cited]
    if missing:
        problems.append(f"does not cite facts {missing} (cites {sorted(cited)[:8]})")
    return "; ".join(problems) or None


def score(engine: AnswerEngine) -> tuple[float, list[tuple[str, str]]]:
    """The share of questions answered right, and the failures with their reasons."""
    questions = load_questions()
    failures = [(e["q"], why) for e in questions if (why := grade(engine, e))]
    return 1 - len(failures) / len(questions), failures
