"""Autocomplete's "most asked" questions belong to the server they were asked in and survive a restart."""

from __future__ import annotations

from pathlib import Path

from bot.core.asked import FLUSH_EVERY, AskedQuestions
from bot.core.store import FactStore


def test_a_question_asked_in_one_server_is_offered_there_only(db_path: Path) -> None:
    asked = AskedQuestions(FactStore.open(db_path))
    for _ in range(3):
        asked.record("1", "how big is the backlog in Texas")
    asked.record("1", "how many immigration judges are there")
    asked.record("2", "ice docket now")
    assert asked.most("1", 10) == ["how big is the backlog in Texas", "how many immigration judges are there"]
    assert asked.most("2", 10) == ["ice docket now"]
    assert asked.most("3", 10) == []


def test_the_counts_are_kept_across_a_restart(db_path: Path) -> None:
    asked = AskedQuestions(FactStore.open(db_path))
    asked.record("1", "court backlog now")
    asked.record("1", "Court  backlog now")  # the same question, typed differently
    asked.record("1", "ice docket now")
    asked.flush()
    again = AskedQuestions(FactStore.open(db_path))
    assert again.most("1", 10) == ["Court backlog now", "ice docket now"]
    assert again.most("2", 10) == []


def test_counts_are_written_behind_a_batch_at_a_time(db_path: Path) -> None:
    asked = AskedQuestions(FactStore.open(db_path), clock=lambda: 0.0)
    for n in range(FLUSH_EVERY - 1):
        asked.record("1", f"question {n}")
    assert AskedQuestions(FactStore.open(db_path)).most("1", 50) == []  # not written yet
    asked.record("1", "the last of the batch")
    assert len(AskedQuestions(FactStore.open(db_path)).most("1", 50)) == FLUSH_EVERY
