"""`SHARD_IDS`: several bot processes each run a range of shards over one database file.

Two bots here share one emulator and one SQLite file, each with its own connection (as two
processes would have): each identifies only its own shards, one of them syncs the commands,
and a fact one of them writes is in the other's answers.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY

from bot.client import create_bot
from bot.core.curation import Actor
from bot.core.forms import FactForm
from bot.core.library import Library
from bot.core.limits import LimitSettings
from bot.core.store import FactStore
from bot.settings import Settings, SettingsError
from tests.emulator import DiscordEmulator

pytest_plugins = ["tests.emulator.fixtures"]
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
