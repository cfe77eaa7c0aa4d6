"""Per-member limits in the core (issue 11's Abuse): a real SQLite file, a clock the test moves.

Proposals are counted from the database, so the count survives a restart; the cooldown and the
unanswered-question allowance are in memory (`limits.py` says why).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import TODAY
from test_hostile import FORM, MEMBER, MODERATOR, SERVER

from bot.core.curation import Curator
from bot.core.limits import LimitReached, LimitSettings, MemberLimits
from bot.core.store import FactStore


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.seconds = 1_000.0
        self.moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def __call__(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.seconds += seconds
        self.moment += timedelta(seconds=seconds)


def limits_over(db_path: Path, clock: Clock) -> tuple[MemberLimits, Curator]:
    curator = Curator(FactStore.open(db_path), today=lambda: TODAY, now=clock.now)
    return MemberLimits(curator, clock=clock, now=clock.now), curator


def propose(curator: Curator, number: int) -> None:
    curator.propose(replace(FORM, url=f"https://example.org/report-{number}"), MEMBER, SERVER)


def test_a_member_proposes_up_to_the_servers_number_a_day_and_is_told_when_again(db_path: Path) -> None:
    clock = Clock()
    limits, curator = limits_over(db_path, clock)
    limits.configure(SERVER, MODERATOR, proposals_per_day=2)
    for number in range(2):
        limits.check_proposal(SERVER, MEMBER.id)
        propose(curator, number)
        clock.advance(3600)
    with pytest.raises(LimitReached, match="2 a day") as refused:
        limits.check_proposal(SERVER, MEMBER.id)
    # The first proposal leaves the 24 hours 22 hours from now.
    assert "22 hours" in str(refused.value)
    limits.check_proposal(SERVER, "333")  # another member is not held back
    limits.check_proposal("other server", MEMBER.id)  # nor the member in another server
    clock.advance(22 * 3600)
    limits.check_proposal(SERVER, MEMBER.id)


def test_the_proposal_count_survives_a_restart(db_path: Path) -> None:
    clock = Clock()
    limits, curator = limits_over(db_path, clock)
    limits.configure(SERVER, MODERATOR, proposals_per_day=1)
    propose(curator, 1)
    curator.store.db.conn.close()
    restarted, _ = limits_over(db_path, clock)
    assert restarted.settings(SERVER).proposals_per_day == 1
    with pytest.raises(LimitReached):
        restarted.check_proposal(SERVER, MEMBER.id)


def test_no_proposals_at_all_says_so(db_path: Path) -> None:
    limits, _ = limits_over(db_path, Clock())
    limits.configure(SERVER, MODERATOR, proposals_per_day=0)
    with pytest.raises(LimitReached, match="does not take proposals"):
        limits.check_proposal(SERVER, MEMBER.id)


def test_public_answers_wait_for_the_cooldown_and_say_how_long(db_path: Path) -> None:
    clock = Clock()
    limits, _ = limits_over(db_path, clock)
    limits.configure(SERVER, MODERATOR, answer_cooldown=30)
    limits.check_answer(SERVER, MEMBER.id)
    clock.advance(10)
    with pytest.raises(LimitReached, match="in 20 seconds") as refused:
        limits.check_answer(SERVER, MEMBER.id)
    assert "private:True" in str(refused.value)
    limits.check_answer(SERVER, "333")
    clock.advance(20)
    limits.check_answer(SERVER, MEMBER.id)
    limits.configure(SERVER, MODERATOR, answer_cooldown=0)
    for _ in range(100):
        limits.check_answer(SERVER, MEMBER.id)


def test_unanswered_questions_are_noted_up_to_the_limit_and_the_member_told_once(db_path: Path) -> None:
    clock = Clock()
    limits, _ = limits_over(db_path, clock)
    limits.configure(SERVER, MODERATOR, unanswered_per_day=3)
    assert [limits.take_unanswered(SERVER, MEMBER.id) for _ in range(3)] == [(True, None)] * 3
    noted, note = limits.take_unanswered(SERVER, MEMBER.id)
    assert not noted and note is not None and "3 of your questions" in note
    assert limits.take_unanswered(SERVER, MEMBER.id) == (False, None)  # told once, not every time
    assert limits.take_unanswered(SERVER, "333") == (True, None)
    clock.advance(24 * 3600)
    assert limits.take_unanswered(SERVER, MEMBER.id) == (True, None)


def test_limits_are_saved_per_server_with_a_revision(db_path: Path) -> None:
    limits, curator = limits_over(db_path, Clock())
    assert limits.settings(SERVER) == LimitSettings()
    saved, change = limits.configure(SERVER, MODERATOR, proposals_per_day=3, answer_cooldown=60)
    assert saved == LimitSettings(proposals_per_day=3, answer_cooldown=60)
    assert change is not None and ("proposals_per_day", 5, 3) in change.differences()
    assert limits.settings("another server") == LimitSettings()
    _, unchanged = limits.configure(SERVER, MODERATOR, proposals_per_day=3)
    assert unchanged is None  # nothing changed, nothing recorded
    revisions = curator.store.db["revisions"].rows_where("entity = 'settings' AND entity_id = ?", [SERVER])
    assert len(list(revisions)) == 1
