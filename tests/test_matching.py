"""`MeasureIndex` on a small hand-made index: which measure a question's words name, and how sure.

The engine's thresholds (`Thresholds`) read these scores; the question corpus measures them in
bulk. These tests say the properties scoring keeps, on three measures a maintainer can read.
"""

from __future__ import annotations

import pytest

from bot.core.matching import DEFAULT_THRESHOLDS, MeasureIndex, Target, informativeness, stem
from bot.core.normalise import normalise
from bot.core.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
BACKLOG = Target("measure", "court_backlog")
JUDGES = Target("measure", "immigration_judges")
ASYLUM = Target("measure", "asylum_decisions")
GREEN_CARDS = Target("topic", "green_cards")


@pytest.fixture(scope="module")
def index() -> MeasureIndex:
    return MeasureIndex(
        [
            (BACKLOG, ["immigration court backlog", "pending cases in immigration court"]),
            (JUDGES, ["immigration judges", "number of immigration judges"]),
            (ASYLUM, ["asylum decisions", "asylum grant rate"]),
            (GREEN_CARDS, ["green cards"]),
        ],
        VOCABULARY,
    )


def best(index: MeasureIndex, question: str):
    found = index.match(normalise(question, VOCABULARY))
    return found[0] if found else None


def test_a_measure_named_in_full_is_matched_above_the_answer_threshold(index: MeasureIndex) -> None:
    found = best(index, "how many immigration judges are there")
    assert found is not None and found.target == JUDGES
    assert found.score >= DEFAULT_THRESHOLDS.answer
    assert found.complete is not None  # the question holds a whole alias


def test_plurals_and_inflections_meet_through_the_stem(index: MeasureIndex) -> None:
    assert stem("judges") == stem("judge")
    found = best(index, "immigration judge count")
    assert found is not None and found.target == JUDGES


def test_a_typo_is_corrected_towards_a_known_word(index: MeasureIndex) -> None:
    found = best(index, "imigration judgs")
    assert found is not None and found.target == JUDGES


def test_a_word_the_base_does_not_know_counts_against_the_match(index: MeasureIndex) -> None:
    plain = best(index, "immigration judges")
    padded = best(index, "immigration judges salaries pensions")
    assert plain is not None and padded is not None and padded.target == JUDGES
    assert padded.score < plain.score
    assert "salaries" in index.words(normalise("immigration judges salaries", VOCABULARY)).unknown


def test_a_rare_word_weighs_more_than_a_common_one() -> None:
    """ "backlog" says more than "number" (wordfreq's frequencies), within 0..1."""
    assert 0 < informativeness("number", "en") < informativeness("backlog", "en") <= 1


def test_a_topic_the_base_lacks_is_matched_as_a_topic_not_as_a_measure(index: MeasureIndex) -> None:
    found = best(index, "how many green cards")
    assert found is not None and found.target.kind == "topic"


def test_a_question_about_nothing_indexed_matches_nothing(index: MeasureIndex) -> None:
    found = best(index, "what colour are the courtroom chairs")
    assert found is None or found.score < DEFAULT_THRESHOLDS.suggest


def test_numbers_carry_no_topic(index: MeasureIndex) -> None:
    assert index.tokens("immigration judges 2024") == index.tokens("immigration judges")


def test_a_half_typed_last_word_is_completed(index: MeasureIndex) -> None:
    assert "judges" in index.prefixed("jud")
    completed = index.complete(normalise("immigration jud", VOCABULARY))
    assert completed and completed[0].target == JUDGES
