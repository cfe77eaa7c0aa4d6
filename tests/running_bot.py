"""The project's bot against the Discord emulator, for a test module to load with
``pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]``.

``make_bot`` builds the bot as ``python -m bot`` does; ``bot`` yields the emulator with that bot
connected and ``/backlog`` synced to the test guild.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from bot.client import create_bot
from bot.core.library import Library
from bot.core.limits import LimitSettings
from bot.settings import Settings
from tests.emulator import DiscordEmulator

# Tests ask many questions a second as one member: the per-member limits are tested on their own
# (`test_limits_bot.py`), with the defaults a server gets.
NO_LIMITS = LimitSettings(proposals_per_day=100, unanswered_per_day=1000, answer_cooldown=0)


def make_bot(
    emu: DiscordEmulator, library: Library, *, dev_guild: bool = True, limits: LimitSettings = NO_LIMITS
):
    settings = Settings(token=emu.token, dev_guild_id=emu.guild_id if dev_guild else None)
    return create_bot(settings, library, limits=limits, guild_ready_timeout=0.05)


@pytest_asyncio.fixture
async def bot(discord_emulator: DiscordEmulator, library: Library) -> AsyncIterator[DiscordEmulator]:
    """The bot, connected, with /backlog synced to the test guild."""
    emu = discord_emulator
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        yield emu
