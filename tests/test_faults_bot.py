"""A failing Discord, through real discord.py and the emulator: no interaction answered past 3 s.

The emulator refuses a callback that comes more than 3 seconds after the interaction was
dispatched (404, code 10062), as Discord does; each test also reads when the callback came.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from test_bot import embed_text, make_bot

from bot.core.library import Library
from tests.emulator import DiscordEmulator

pytest_plugins = ["tests.emulator.fixtures"]

DEADLINE = 3.0


@pytest_asyncio.fixture
async def bot(discord_emulator: DiscordEmulator, library: Library) -> AsyncIterator[DiscordEmulator]:
    emu = discord_emulator
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        yield emu


async def test_a_429_on_the_first_callback_is_waited_out_within_the_deadline(bot) -> None:
    bot.fail_requests("POST", "/callback", status=429, retry_after=1.0, times=1)
    it = await bot.invoke("backlog", "ask", question="court backlog now")
    assert "Immigration court backlog" in embed_text(await it.wait_for_reply())
    assert it.answer_seconds is not None and it.answer_seconds <= DEADLINE and not it.late_callbacks


async def test_a_rate_limited_audit_channel_does_not_delay_the_moderators_reply(bot) -> None:
    it = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": bot.channel})
    await it.wait_for_reply()
    bot.fail_requests("POST", f"/channels/{bot.channel_id}/messages", status=429, retry_after=2.5, times=2)
    retract_target = await bot.invoke(
        "backlog", "config", user=bot.world.manager, options={"proposals-per-day": 4}
    )
    await retract_target.wait_for_reply()
    assert retract_target.answer_seconds is not None and retract_target.answer_seconds <= DEADLINE


async def test_a_dropped_gateway_resumes_and_the_next_interaction_is_answered_in_time(bot) -> None:
    await bot.request_reconnect()
    await bot.wait_for_resume()
    it = await bot.invoke("backlog", "ask", question="court backlog now")
    assert "Immigration court backlog" in embed_text(await it.wait_for_reply())
    assert it.answer_seconds is not None and it.answer_seconds <= DEADLINE
