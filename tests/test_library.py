"""The library keeps answers current by itself: a committed change refreshes its server's answers,
and commits by another process (the command line) are all read, however they interleave."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from lock_holder import hold_write_lock, released

from bot.core.curation import Actor
from bot.core.engine import AnswerEngine
from bot.core.forms import FactForm
from bot.core.library import FactBaseBusy, Library
from bot.core.store import FactStore, WriteBusy

MEASURE = "immigration_court_pending_cases_trac"
MODERATOR = Actor("moderator", "77")
SERVER = "111"


def form(day: date, value: int) -> FactForm:
    return FactForm(
        measure=MEASURE,
        value=f"{value:,}",
        date=day.isoformat(),
        url="https://example.org/daily",
        publisher="Example Research",
        title="Daily counts",
        quote=f"That day, {value:,} cases were pending.",
    )


def question(day: date) -> str:
    return f"TRAC court backlog on {day.day} {day:%B} {day.year}"


def figures(library: Library, server: str | None, day: date) -> list[int]:
    answer = library.engine(server).ask(question(day))
    return [fact.id for fact in answer.statement.figures]


def test_a_curators_add_alone_makes_its_servers_answers_current(library: Library) -> None:
    day = date(1990, 2, 5)
    assert figures(library, SERVER, day) == []
    outcome = library.curator.add(form(day, 1_000_035), MODERATOR, SERVER)
    assert outcome.fact is not None
    # No `library.changed(...)`: the curator told the library once the change was committed.
    assert figures(library, SERVER, day) == [outcome.fact.id]
    assert figures(library, "222", day) == []  # another server does not see it
    assert figures(library, None, day) == []

    library.curator.retract(outcome.fact.id, MODERATOR, SERVER, "a typo")
    assert figures(library, SERVER, day) == []
    library.curator.restore(outcome.fact.id, MODERATOR, SERVER)
    assert figures(library, SERVER, day) == [outcome.fact.id]


def test_a_change_is_heard_after_its_commit_and_a_rolled_back_one_never(library: Library) -> None:
    heard: list[str] = []
    store = library.store
    with store.writing():
        store.after_commit(lambda: heard.append("first"))
        assert heard == []  # not yet committed
    assert heard == ["first"]
    with pytest.raises(RuntimeError), store.writing():
        store.after_commit(lambda: heard.append("second"))
        raise RuntimeError("the write fails")
    assert heard == ["first"]


def test_an_overlay_engine_answers_as_a_full_engine_over_the_servers_view(library: Library) -> None:
    day = date(1990, 2, 5)
    library.curator.add(form(day, 1_000_035), MODERATOR, SERVER)
    full = AnswerEngine(library.view(SERVER), today=lambda: TODAY)
    overlay = library.engine(SERVER)
    assert overlay is not library.engine(None)
    for asked in (question(day), "court backlog now", "where does 1,000,035 come from", "backlog trend"):
        assert overlay.ask(asked).statement == full.ask(asked).statement


CLI_WRITER = """
import json, sys
from datetime import date, timedelta
from bot.cli import cli

db, server, count, measure = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for n in range(count):
    day = date(1990, 1, 1) + timedelta(days=n)
    value = 2_000_000 + n
    args = ["--db", db, "--server", server, "facts", "add", "--json", "--measure", measure,
            "--value", f"{value:,}", "--date", day.isoformat(), "--url", "https://example.org/cli",
            "--publisher", "Example Research", "--title", "Counts from the command line",
            "--quote", f"That day, {value:,} cases were pending."]
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as exit:
        if exit.code:
            raise
    sys.stdout.flush()
"""


def test_40_cli_writes_beside_bot_writes_are_all_in_the_bots_answers(library: Library, db_path: Path) -> None:
    writes = 40
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BACKLOG_DB": ""}
    writer = subprocess.Popen(
        [sys.executable, "-c", CLI_WRITER, str(db_path), SERVER, str(writes), MEASURE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    bot_facts: dict[date, int] = {}
    n = 0
    while writer.poll() is None or n < 5:
        day = date(1991, 1, 1) + timedelta(days=n)
        outcome = library.curator.add(form(day, 3_000_000 + n), MODERATOR, SERVER)
        assert outcome.fact is not None
        bot_facts[day] = outcome.fact.id
        # Asked between writes: the answers are read while the other process commits.
        assert figures(library, SERVER, day) == [outcome.fact.id]
        n += 1
    out, err = writer.communicate()
    assert writer.returncode == 0, err
    cli_facts = [json.loads(line)["added"] for line in out.splitlines() if line.strip()]
    assert len(cli_facts) == writes
    found = [
        fact_id
        for k, fact_id in enumerate(cli_facts)
        if figures(library, SERVER, date(1990, 1, 1) + timedelta(days=k)) == [fact_id]
    ]
    assert found == cli_facts
    assert all(figures(library, SERVER, day) == [fact_id] for day, fact_id in bot_facts.items())
    # And a fresh library over the file agrees: nothing was only in the bot's memory.
    fresh = Library(FactStore.open(db_path), today=lambda: TODAY)
    assert len([f for f in fresh.view(SERVER).facts.values() if f.server == SERVER]) == writes + n


def test_backlog_now_is_kept_ready_per_server_and_dropped_by_a_change(library: Library) -> None:
    first = library.now(SERVER)
    assert library.now(SERVER) is first  # kept: nothing changed
    outcome = library.curator.add(form(date(2026, 10, 31), 3_390_000), MODERATOR, SERVER)
    assert outcome.fact is not None
    newer = library.now(SERVER)
    assert newer is not first and outcome.fact.id in [f.id for f in newer.statement.figures]
    assert outcome.fact.id not in [f.id for f in library.now("222").statement.figures]


def test_a_question_asked_again_is_kept_until_a_change_or_the_next_day(db_path: Path) -> None:
    clock = [TODAY]
    library = Library(FactStore.open(db_path), today=lambda: clock[0])
    day = date(1990, 4, 7)
    first = library.ask(SERVER, question(day))
    assert first.statement is not None and first.statement.figures == ()
    assert library.ask(SERVER, question(day)) is first  # kept: nothing changed
    added = library.curator.add(form(day, 1_000_047), MODERATOR, SERVER).fact
    assert added is not None
    # The moderator's figure is the answer at once, in that server only.
    assert [f.id for f in library.ask(SERVER, question(day)).statement.figures] == [added.id]
    assert library.ask("222", question(day)).statement.figures == ()
    kept = library.ask(SERVER, question(day))
    clock[0] = TODAY + timedelta(days=1)  # a figure's age changes with the date: asked afresh
    assert library.ask(SERVER, question(day)) is not kept


async def test_writes_never_wait_on_the_event_loop_while_another_process_holds_the_lock(
    library: Library, db_path: Path
) -> None:
    day = date(1990, 3, 6)
    added = library.curator.add(form(day, 1_000_036), MODERATOR, SERVER).fact
    assert added is not None
    # Answered once before the lock is taken: building the server's engine takes longer than the
    # lock is held on a slow machine, and the write below must meet the lock still held.
    assert figures(library, SERVER, day) == [added.id]
    ticks = 0

    async def loop_keeps_running() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(loop_keeps_running())
    holder = hold_write_lock(db_path, 1.0)
    try:
        # A write that would wait raises at once instead of sleeping in SQLite's busy handler.
        with pytest.raises(WriteBusy):
            library.write_now(lambda: library.curator.restore(added.id, MODERATOR, SERVER))
        # Kept behind the reply: not written while the lock is held, never lost.
        library.note_unanswered(SERVER, "how many goats does the court own")
        library.asked.record(SERVER, question(day))
        library.asked.flush(wait=False)
        assert not library.flush_behind() and library.asked.waiting
        # Reads never wait on the writer (WAL): answers are given meanwhile.
        assert figures(library, SERVER, day) == [added.id]
        # A moderator's change waits for the lock beside the loop, and lands once it is free.
        change = await library.write(lambda: library.curator.retract(added.id, MODERATOR, SERVER, "typo"))
        assert change.action == "retract" and ticks > 0
    finally:
        assert released(holder)
        ticking.cancel()
    assert figures(library, SERVER, day) == []
    assert library.flush_behind()
    library.asked.flush(wait=False)
    assert not library.asked.waiting
    assert [q.question for q in library.unanswered.listed(SERVER)] == ["how many goats does the court own"]
    fresh = FactStore.open(db_path)
    assert fresh.most_asked(SERVER, 5)[0][2] == 1


async def test_a_change_that_waited_too_long_says_so_and_saves_nothing(
    library: Library, db_path: Path
) -> None:
    added = library.curator.add(form(date(1990, 3, 7), 1_000_037), MODERATOR, SERVER).fact
    assert added is not None
    holder = hold_write_lock(db_path, 1.0)
    try:
        with pytest.raises(FactBaseBusy, match="nothing was saved"):
            await library.write(
                lambda: library.curator.retract(added.id, MODERATOR, SERVER, "typo"), patience=0.2
            )
    finally:
        assert released(holder)
    assert not library.curator.fact(added.id).retracted


async def test_a_servers_engine_is_built_off_the_loop_right_after_a_change(library: Library) -> None:
    day = date(1990, 3, 8)
    library.engine(None)  # the bot has answered before: the shared engine is built
    outcome = await library.write(lambda: library.curator.add(form(day, 1_000_038), MODERATOR, SERVER))
    assert outcome.fact is not None and not library.built(SERVER)
    await library.ready(SERVER)
    # The first question there finds the engine ready, and it answers with the new fact.
    assert library.built(SERVER)
    assert figures(library, SERVER, day) == [outcome.fact.id]
    # A change landing while an engine is built is never lost: the stale engine is not kept.
    later = date(1990, 3, 9)
    first = await library.write(lambda: library.curator.add(form(later, 1_000_039), MODERATOR, SERVER))
    library.curator.retract(first.fact.id, MODERATOR, SERVER, "typo")
    await library.ready(SERVER)
    assert first.fact.id not in figures(library, SERVER, later)


def test_a_file_a_newer_version_migrated_meanwhile_is_answered_from_and_never_written(
    library: Library, db_path: Path, caplog
) -> None:
    """Opening such a file is refused (one line, exit status 2); one that becomes such a file
    while the library runs keeps the answers it had, and refuses every write, saying so once."""
    from test_hostile import newer_schema

    from bot.core.render import fact_base_unusable_words
    from bot.core.store import StoreError

    before = library.engine(SERVER).now().statement.figures
    newer_schema(db_path)
    assert library.engine(SERVER).now().statement.figures == before
    assert not library.writable and "m099_from_the_future" in (library.failure or "")
    with pytest.raises(StoreError) as refused:
        library.write_now(lambda: library.curator.add(form(date(1990, 2, 5), 1_000_035), MODERATOR, SERVER))
    assert str(refused.value) == fact_base_unusable_words()
    library.note_unanswered(SERVER, "how many goats")  # not kept for later either
    assert library.flush_behind()
    assert [r.levelname for r in caplog.records if "m099" in r.getMessage()] == ["ERROR"]
