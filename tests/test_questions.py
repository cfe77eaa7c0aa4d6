"""The question set: paraphrases, typos, every seed figure, comparisons, off-topic, years outside the data."""

from question_set import load_questions, score

REQUIRED_SCORE = 0.95


def test_the_question_set_is_large_and_varied() -> None:
    questions = load_questions()
    assert len(questions) >= 100
    assert sum(1 for q in questions if q.get("status") == "no_match") >= 10
    seed_facts = {f for q in questions for f in q.get("facts", []) if f <= 38}
    assert seed_facts == set(range(1, 39)), "every seed figure is asked for"


def test_question_set_score(engine) -> None:
    result, failures = score(engine)
    print(f"\nquestion set: {result:.1%} right ({len(failures)} wrong of {len(load_questions())})")
    for question, why in failures:
        print(f"  WRONG {question!r}: {why}")
    assert result >= REQUIRED_SCORE
