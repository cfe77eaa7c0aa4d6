"""Abuse and a failing Discord, through real discord.py and the emulator (issue 11's Abuse and faults).

The audit channel is checked before "Saved", and a post that fails later is told to the moderator.
"""

from __future__ import annotations

from test_bot import EPHEMERAL
from test_curation_bot import MEASURE, NEW_FIGURE

from tests.emulator import DiscordEmulator

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]


def lines_in(emu: DiscordEmulator, channel_id: int) -> list[str]:
    return [m.content for m in emu.world.messages.values() if m.channel_id == channel_id and m.content]


def forbid_posting(emu: DiscordEmulator, channel_id: int):
    return emu.fail_requests(
        "POST",
        f"/channels/{channel_id}/messages",
        status=403,
        code=50013,
        message="Missing Permissions",
        times=None,
    )


async def test_an_audit_channel_the_bot_cannot_post_in_is_refused_before_saved(bot, library) -> None:
    forbid_posting(bot, bot.channel_id)
    it = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": bot.channel})
    refused = await it.wait_for_reply()
    assert (
        refused.flags & EPHEMERAL
        and "cannot post" in refused.content
        and "Missing Permissions" in refused.content
    )
    assert "Saved" not in refused.content
    assert library.config.get(str(bot.guild_id)).audit_channel is None
    bot.faults.clear()
    it = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": bot.channel})
    assert "Saved." in (await it.wait_for_reply()).content
    assert any("will be announced here" in line for line in lines_in(bot, bot.channel_id))
    assert library.config.get(str(bot.guild_id)).audit_channel == bot.channel_id


async def test_a_failed_audit_post_is_told_to_the_moderator_not_just_the_log(bot) -> None:
    it = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": bot.channel})
    assert "Saved." in (await it.wait_for_reply()).content
    forbid_posting(bot, bot.channel_id)
    opened = await bot.invoke("fact", "add", user=bot.world.manager, measure=MEASURE, publisher="Example")
    submitted = await bot.submit_modal((await opened.response()).data["custom_id"], NEW_FIGURE)
    saved = await submitted.wait_for_reply()
    assert "added" in saved.content
    note = await submitted.wait_for(
        lambda: submitted.followups[1] if len(submitted.followups) > 1 else None, what="the note"
    )
    assert note.flags & EPHEMERAL and "could not announce it in the audit channel" in note.content
    assert "Missing Permissions" in note.content and "/backlog config audit-channel:" in note.content
