"""A failing Discord and a bad fact base, through real discord.py and the emulator: every
interaction is answered within Discord's 3 seconds.

The emulator enforces the deadline as Discord does: a callback more than 3 seconds after the
interaction was dispatched is refused (404, code 10062), and any wait on an interaction that
missed it fails at once (`MissedDeadline`). So these tests assert no timing of their own: an
interaction that was not acknowledged in time fails the test whatever it awaits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

from conftest import TODAY
from lock_holder import hold_write_lock, released
from test_bot import EPHEMERAL, embed_text
from test_curation_bot import MEASURE
from test_hostile import FORM

from bot.core.curation import Actor
from bot.core.factbase import open_for_bot
from bot.core.library import Library
from bot.core.render import fact_base_unusable_words, read_only_words
from bot.core.store import FactStore
from tests.emulator import DiscordEmulator
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]


async def test_a_429_on_the_first_callback_is_waited_out_within_the_deadline(bot) -> None:
    bot.fail_requests("POST", "/callback", status=429, retry_after=1.0, times=1)
    it = await bot.invoke("backlog", "ask", question="court backlog now")
    assert "Immigration court backlog" in embed_text(await it.wait_for_reply())


async def test_a_rate_limited_audit_channel_does_not_delay_the_moderators_reply(bot) -> None:
    it = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": bot.channel})
    await it.wait_for_reply()
    bot.fail_requests("POST", f"/channels/{bot.channel_id}/messages", status=429, retry_after=2.5, times=2)
    changed = await bot.invoke("backlog", "config", user=bot.world.manager, options={"proposals-per-day": 4})
    assert "Saved." in (await changed.wait_for_reply()).content


async def test_a_dropped_gateway_resumes_and_the_next_interaction_is_answered_in_time(bot) -> None:
    await bot.request_reconnect()
    await bot.wait_for_resume()
    it = await bot.invoke("backlog", "ask", question="court backlog now")
    assert "Immigration court backlog" in embed_text(await it.wait_for_reply())


async def test_a_write_lock_held_4_s_by_another_process_delays_no_interaction_and_loses_nothing(
    bot, library: Library, db_path: Path
) -> None:
    """Members ask, autocomplete, a moderator retracts a fact and approves a proposal, while a
    maintainer's process keeps the write lock for 4 seconds: every interaction is answered within
    3 s, the writes land once the lock is free, and nothing asked is lost."""
    server = str(bot.guild_id)
    manager, member = bot.world.manager, bot.world.member
    added = library.curator.add(LOCKED_FIGURE, Actor("Manager", str(manager.id)), server).fact
    assert added is not None
    proposal = library.curator.propose(LOCKED_FIGURE_PROPOSED, Actor("Member", str(member.id)), server)
    review = await bot.invoke("fact", "review", user=manager)
    await review.response()
    card = await review.wait_for_followup()
    (approve,) = [c for c in card.custom_ids() if c.startswith("fact:approve:")]

    holder = hold_write_lock(db_path, 4.0)
    unanswerable = "how many goats does the court own while it is locked"
    interactions = [
        await bot.invoke("backlog", "now"),
        await bot.invoke("backlog", "ask", question="court backlog in 2017"),
        await bot.invoke("backlog", "ask", question=unanswerable, user=member),
        await bot.autocomplete("backlog", "ask", focused="question", question="ice dock"),
        await bot.autocomplete("backlog", "ask", focused="question", question=""),
        await bot.invoke("fact", "retract", user=manager, fact=added.id, reason="wrong table"),
        await bot.click(approve, message=card, user=manager),
    ]
    for it in interactions:
        await it.response()  # acknowledged in time, or `MissedDeadline`
    assert await asyncio.to_thread(released, holder)
    retract, approval = interactions[-2:]
    assert "is retracted" in (await retract.wait_for_reply()).content
    assert "Approved by" in str((await approval.wait_for_edit())["embeds"])
    assert library.curator.fact(added.id).retracted
    assert library.curator.submission(proposal.id, server).status == "approved"

    async def noted() -> list[str]:
        while not (listed := [q.question for q in library.unanswered.listed(server)]):
            await asyncio.sleep(0.05)  # written behind the replies, by the bot's own round
        return listed

    assert await asyncio.wait_for(noted(), 5) == [unanswerable]


LOCKED_FIGURE = FORM  # a plausible new figure, the one the hostile-input tests add
LOCKED_FIGURE_PROPOSED = replace(
    LOCKED_FIGURE,
    value="3,700,001",
    date="September 2026",
    quote="Immigration courts had 3,700,001 cases pending at the end of September 2026.",
)


async def test_a_429_on_the_first_callback_waited_out_twice_is_still_answered_within_the_deadline(
    bot,
) -> None:
    # discord.py would sleep 1.6 s twice and answer at 3.2 s, after Discord dropped the interaction.
    bot.fail_requests("POST", "/callback", status=429, retry_after=1.6, times=2)
    it = await bot.invoke("backlog", "ask", question="court backlog now")
    assert "Immigration court backlog" in embed_text(await it.wait_for_reply())


# -- a bad fact base: read-only, migrated by a newer version, damaged ---------------------------


def newer_version_migrates(db_path: Path) -> None:
    """What a newer version's `backlog db build` does to the file while this bot runs: a schema
    change, and its migration recorded."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("ALTER TABLE facts ADD COLUMN from_the_future TEXT")
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('backlog', 'm099_from_the_future', '2030-01-01')"
        )
    connection.close()


def damage_pages(db_path: Path) -> None:
    """A commit by another process, then pages after the header overwritten (a failing disk):
    the bot reads the file again at its next answer and meets the damage."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE sources SET title = title || '.' WHERE rowid = 1")
    connection.close()
    with db_path.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xa5" * (4096 * 7))


def rows(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read by another connection: equal when nothing was written."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(connection.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


async def members_and_moderators(emu: DiscordEmulator, own_fact: int, approve: str, card) -> dict:
    """What members and moderators do on a normal day: every kind of interaction, each of which
    must be acknowledged in time (the emulator fails the test otherwise)."""
    manager = emu.world.manager
    return {
        "now": await (await emu.invoke("backlog", "now")).wait_for_reply(),
        "ask": await (await emu.invoke("backlog", "ask", question="court backlog in 2017")).wait_for_reply(),
        "unanswerable": await (
            await emu.invoke("backlog", "ask", question="how many goats does the court own")
        ).wait_for_reply(),
        "autocomplete": await (
            await emu.autocomplete("backlog", "ask", focused="question", question="ice dock")
        ).response(),
        "retract": await (
            await emu.invoke("fact", "retract", user=manager, fact=own_fact, reason="wrong table")
        ).wait_for_reply(),
        "add": await (
            await emu.invoke("fact", "add", user=manager, measure=MEASURE, publisher="Example")
        ).wait_for_reply(),
        "propose": await (
            await emu.invoke("backlog", "propose", measure=MEASURE, publisher="Example")
        ).wait_for_reply(),
        "config": await (
            await emu.invoke("backlog", "config", user=manager, options={"proposals-per-day": 3})
        ).wait_for_reply(),
        "approve": await (await emu.click(approve, message=card, user=manager)).wait_for_reply(),
    }


def assert_answers_and_refusals(replies: dict, refusal: str) -> None:
    """Questions answered from the facts the bot holds; every change refused privately, saying why."""
    assert "Immigration court backlog" in embed_text(replies["now"])
    assert "542,411" in embed_text(replies["ask"])
    assert "No sourced answer" in embed_text(replies["unanswerable"])
    assert replies["autocomplete"].choices
    for action in ("retract", "add", "propose", "config", "approve"):
        reply = replies[action]
        assert reply.flags & EPHEMERAL and reply.content == refusal, (action, reply.content)


async def prepared(emu: DiscordEmulator, library: Library) -> tuple[int, str, object]:
    """A fact of the server's own to retract, and a member's proposal on a review card."""
    server = str(emu.guild_id)
    own = library.curator.add(LOCKED_FIGURE, Actor("Manager", str(emu.world.manager.id)), server).fact
    assert own is not None
    library.curator.propose(LOCKED_FIGURE_PROPOSED, Actor("Member", str(emu.world.member.id)), server)
    review = await emu.invoke("fact", "review", user=emu.world.manager)
    await review.response()
    card = await review.wait_for_followup()
    approve = next(c for c in card.custom_ids() if c.startswith("fact:approve:"))
    return own.id, approve, card


async def test_a_read_only_database_answers_every_interaction_in_time_and_keeps_nothing(
    discord_emulator: DiscordEmulator, db_path: Path
) -> None:
    emu = discord_emulator
    writable = Library(FactStore.open(db_path), today=lambda: TODAY)
    async with emu.running(make_bot(emu, writable)):
        await emu.wait_for_commands(emu.guild_id)
        own, approve, card = await prepared(emu, writable)
    writable.store.db.conn.close()
    db_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = rows(db_path)
    async with emu.running(make_bot(emu, Library(open_for_bot(db_path), today=lambda: TODAY))):
        await emu.wait_for_commands(emu.guild_id, syncs=2)
        replies = await members_and_moderators(emu, own, approve, card)
    assert_answers_and_refusals(replies, read_only_words(builtin=False))
    assert rows(db_path) == before


async def test_a_newer_version_migrating_the_file_stops_the_bots_writes_not_its_answers(
    bot, library: Library, db_path: Path, error_logs
) -> None:
    """A newer version upgraded the file while this one runs (a rolling upgrade of several
    processes): this one must not write a schema it does not know. It goes on answering from
    the facts it read, in time, and refuses every change, saying why; nothing more is written."""
    own, approve, card = await prepared(bot, library)
    newer_version_migrates(db_path)
    before = rows(db_path)
    replies = await members_and_moderators(bot, own, approve, card)
    assert_answers_and_refusals(replies, fact_base_unusable_words())
    assert_stopped_writing(library)
    assert rows(db_path) == before
    assert_logged_once(error_logs, "m099_from_the_future")


async def test_a_file_damaged_while_the_bot_runs_is_answered_from_and_never_written(
    bot, library: Library, db_path: Path, error_logs
) -> None:
    own, approve, card = await prepared(bot, library)
    await (await bot.invoke("backlog", "now")).wait_for_reply()  # the bot has read what it needs
    damage_pages(db_path)
    before = db_path.read_bytes()
    replies = await members_and_moderators(bot, own, approve, card)
    assert_answers_and_refusals(replies, fact_base_unusable_words())
    assert_stopped_writing(library)
    assert db_path.read_bytes() == before
    assert_logged_once(error_logs, "malformed")


def assert_stopped_writing(library: Library) -> None:
    """Nothing is kept behind the replies to be written later (unanswered questions, "most
    asked"): the writes the bot would make next are made now, and there are none."""
    assert not library.writable and library.flush_behind() and not library.asked.waiting


def assert_logged_once(error_logs, words: str) -> None:
    """The operator is told once, in the log, what happened to the file, and nothing else failed."""
    messages = [r.getMessage() for r in error_logs.records]
    assert len(messages) == 1 and words in messages[0], messages
    error_logs.records.clear()
