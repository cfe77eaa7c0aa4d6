"""`SHARD_IDS`: several bot processes each run a range of shards over one database file.

Two bots share one emulator and one SQLite file: in this test process, each with its own
connection (as two processes would have), and as two real `python -m bot` processes, each
running one shard. Each identifies only its own shards, one of them syncs the commands, and
what one of them writes is in the other's answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from bot.client import create_bot
from bot.core.curation import Actor
from bot.core.forms import FactForm
from bot.core.library import Library
from bot.core.limits import LimitSettings
from bot.core.store import FactStore
from bot.settings import Settings, SettingsError
from tests.emulator import DiscordEmulator

pytest_plugins = ["tests.emulator.fixtures"]
MEASURE = "immigration_court_pending_cases_trac"
NO_LIMITS = LimitSettings(proposals_per_day=1000, unanswered_per_day=1000, answer_cooldown=0)
DAY = date(1990, 2, 5)


@pytest.mark.parametrize(
    ("raw", "ids"),
    [("0-3", (0, 1, 2, 3)), ("4,5, 7", (4, 5, 7)), ("0-1,6-7", (0, 1, 6, 7)), ("", None)],
)
def test_shard_ids_read_as_numbers_and_ranges(raw: str, ids: tuple[int, ...] | None) -> None:
    settings = Settings.from_env({"DISCORD_TOKEN": "t", "SHARD_COUNT": "8", "SHARD_IDS": raw})
    assert settings.shard_ids == ids
    assert settings.syncs_commands is (ids is None or 0 in ids)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"SHARD_IDS": "0-1"}, "needs SHARD_COUNT"),
        ({"SHARD_IDS": "2-5", "SHARD_COUNT": "4"}, "names shard 4"),
        ({"SHARD_IDS": "3-1", "SHARD_COUNT": "4"}, "runs backwards"),
        ({"SHARD_IDS": "one", "SHARD_COUNT": "4"}, "shard numbers and ranges"),
    ],
)
def test_a_wrong_shard_ids_is_one_line_for_the_operator(env: dict[str, str], says: str) -> None:
    with pytest.raises(SettingsError, match=says):
        Settings.from_env({"DISCORD_TOKEN": "t", **env})


@contextlib.asynccontextmanager
async def _patched(emu: DiscordEmulator) -> AsyncIterator[None]:
    with emu.patch_discord():
        yield


def bot_for(emu: DiscordEmulator, db_path: Path, shards: tuple[int, ...]):
    settings = Settings(token=emu.token, dev_guild_id=emu.guild_id, shard_count=2, shard_ids=shards)
    library = Library(FactStore.open(db_path), today=lambda: TODAY)
    return create_bot(settings, library, limits=NO_LIMITS, guild_ready_timeout=0.05)


async def test_two_processes_run_one_shard_each_and_answer_each_others_writes(
    db_path: Path, error_logs
) -> None:
    async with DiscordEmulator(shard_count=2) as emu, _patched(emu):
        guild_shard = (emu.guild_id >> 22) % 2
        serving, other = bot_for(emu, db_path, (guild_shard,)), bot_for(emu, db_path, (1 - guild_shard,))
        async with emu.running(serving), emu.running(other):
            await emu.wait_for_commands(emu.guild_id)
            assert sorted(s.shard[0] for s in emu.gateway.sessions.values() if s.shard) == [0, 1]
            # The write lands through the process that does not serve this guild...
            outcome = other.library.curator.add(
                FactForm(
                    measure="immigration_court_pending_cases_trac",
                    value="1,000,035",
                    date=DAY.isoformat(),
                    url="https://example.org/daily",
                    publisher="Example Research",
                    title="Daily counts",
                    quote="That day, 1,000,035 cases were pending.",
                ),
                Actor("moderator", "77"),
                str(emu.guild_id),
            )
            assert outcome.fact is not None
            # ...and the one that does answers with it.
            it = await emu.invoke("backlog", "ask", question="TRAC court backlog on 5 February 1990")
            reply = await it.wait_for_reply()
            text = " ".join((e.get("description") or "") for e in reply.embeds) + (reply.content or "")
            assert "1,000,035" in text


# -- two `python -m bot` processes, one shard each, over one file ---------------------------------

SHARD = 1 << 22  # a guild's shard is (id >> 22) % SHARD_COUNT
FIGURE = {
    "value": "1,000,035",
    "date": DAY.isoformat(),
    "url": "https://example.org/daily",
    "title": "Daily counts",
    "quote": "That day, 1,000,035 cases were pending.",
}
QUESTION = "TRAC court backlog on 5 February 1990"


def guilds_on_two_shards() -> tuple[int, int]:
    """Two server ids that Discord routes to shards 0 and 1 of 2."""
    first = (1_300_000_000_000_000_000 // (2 * SHARD)) * 2 * SHARD
    return first, first + SHARD


@contextlib.asynccontextmanager
async def bot_processes(emu: DiscordEmulator, db_path: Path, count: int) -> AsyncIterator[list]:
    """`python -m bot` once per shard, `SHARD_COUNT=count` and `SHARD_IDS` its own, all over
    `db_path`, until each has identified its shard and the commands are synced (globally: no
    `DEV_GUILD_ID`, as in production); stopped afterwards."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEV_GUILD_ID", "SHARD_IDS", "SHARD_COUNT")}
    env |= {
        "DISCORD_TOKEN": emu.token,
        "DISCORD_API_BASE": emu.api_base,
        "DISCORD_GATEWAY_URL": emu.gateway_url,
        "BACKLOG_DB": str(db_path),
        "SHARD_COUNT": str(count),
    }
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env={**env, "SHARD_IDS": str(shard)},
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        for shard in range(count)
    ]
    try:
        await emu.wait_for_commands(None, timeout=60)
        # READY and GUILD_CREATE go out at IDENTIFY, on the socket every later event follows.
        await emu.gateway.changed.wait_for(
            lambda: True if identified_shards(emu) == list(range(count)) else None,
            timeout=60,
            what=f"{count} shards identified",
        )
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            _, stderr = await process.communicate()
            assert b"Traceback" not in stderr and b" ERROR " not in stderr, stderr.decode()[-2000:]


def identified_shards(emu: DiscordEmulator) -> list[int]:
    return sorted(s.shard[0] for s in emu.gateway.sessions.values() if s.shard)


async def answer_in(emu: DiscordEmulator, guild: int) -> str:
    it = await emu.invoke("backlog", "ask", guild=guild, question=QUESTION, private=True)
    reply = await it.wait_for_reply(timeout=10)
    return " ".join(e.get("description") or "" for e in reply.embeds)


async def test_two_bot_processes_one_shard_each_answer_each_others_writes(db_path: Path) -> None:
    """A moderator adds a fact in a server of shard 0, through the process running it; the
    process running shard 1 answers its own server without it (a server's facts are its own),
    and with it once the maintainer promotes it into the shared base: each process reads the
    other's, and the command line's, commits before its next answer."""
    first, second = guilds_on_two_shards()
    async with DiscordEmulator(shard_count=2, guilds=[first, second]) as emu:
        async with bot_processes(emu, db_path, 2):
            assert emu.commands.sync_counts == {0: 1}  # once, globally, by the process with shard 0
            assert "1,000,035" not in await answer_in(emu, second)
            form = await emu.invoke(
                "fact",
                "add",
                guild=first,
                user=emu.world.manager,
                measure=MEASURE,
                publisher="Example Research",
            )
            modal = await form.response(timeout=10)
            saved = await (await emu.submit_modal(modal.data["custom_id"], FIGURE)).wait_for_reply(timeout=10)
            assert "added" in saved.content, saved.content
            fact_id = int(saved.content.split()[1])
            assert "1,000,035" in await answer_in(emu, first)  # the writer's own server
            assert "1,000,035" not in await answer_in(emu, second)  # not another server's
            promoted = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                "--db",
                str(db_path),
                "facts",
                "promote",
                str(fact_id),
                cwd=ROOT,
            )
            assert await promoted.wait() == 0
            assert "1,000,035" in await answer_in(emu, second)  # read by the other process
            assert "1,000,035" in await answer_in(emu, first)
        # Each answer came from the process running that server's shard.
        shards = {
            s.shard[0]: [e["d"]["guild_id"] for e in s.events if e["t"] == "INTERACTION_CREATE"]
            for s in emu.gateway.sessions.values()
        }
        assert set(shards[0]) == {str(first)} and set(shards[1]) == {str(second)}
