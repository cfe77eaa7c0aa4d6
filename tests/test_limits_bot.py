"""Per-member limits through real discord.py and the emulator, with the defaults a server gets.

Each limit is answered with a friendly private message, and set per server by `/backlog config`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from test_bot import EPHEMERAL, embed_text
from test_curation_bot import MEASURE, NEW_FIGURE, fill_fact_form

from bot.core.library import Library
from bot.core.limits import LimitSettings
from tests.emulator import DiscordEmulator
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]


@pytest_asyncio.fixture
async def bot(discord_emulator: DiscordEmulator, library: Library) -> AsyncIterator[DiscordEmulator]:
    emu = discord_emulator
    async with emu.running(make_bot(emu, library, limits=LimitSettings())):
        await emu.wait_for_commands(emu.guild_id)
        yield emu


async def configure(emu: DiscordEmulator, **options: object) -> str:
    it = await emu.invoke("backlog", "config", user=emu.world.manager, options=options)
    return (await it.wait_for_reply()).content


async def test_a_member_asking_fast_in_public_is_told_privately_to_wait(bot) -> None:
    first = await (await bot.invoke("backlog", "ask", question="court backlog now")).wait_for_reply()
    assert not first.flags & EPHEMERAL and "Immigration court backlog" in embed_text(first)
    second = await (await bot.invoke("backlog", "now")).wait_for_reply()
    assert second.flags & EPHEMERAL and "private:True" in second.content and "seconds" in second.content
    # Private answers reach only the member: never held back.
    private = await (
        await bot.invoke("backlog", "ask", question="court backlog now", private=True)
    ).wait_for_reply()
    assert private.flags & EPHEMERAL and "Immigration court backlog" in embed_text(private)
    # Another member is not held back by the first one.
    other = bot.world.add_user("other", guild=bot.guild)
    answered = await (await bot.invoke("backlog", "now", user=other)).wait_for_reply()
    assert not answered.flags & EPHEMERAL and "Immigration court backlog" in embed_text(answered)


async def test_a_suggestion_pressed_under_a_public_answer_waits_out_the_same_cooldown(bot) -> None:
    """A "did you mean" button posts its answer in the channel as a command does: pressed during
    the member's cooldown it gets the same private message, and nothing is posted."""
    suggested = await (await bot.invoke("backlog", "ask", question="asylum")).wait_for_reply()
    assert not suggested.flags & EPHEMERAL
    button = next(c for c in suggested.custom_ids() if c.startswith("backlog:ask:"))
    pressed = await bot.click(button, message=suggested)
    refused = await pressed.wait_for_reply()
    assert refused.flags & EPHEMERAL and "private:True" in refused.content and "seconds" in refused.content
    assert not refused.embeds and not pressed.followups  # no answer went to the channel
    # The same cooldown, not another one: a command right after the button is held back too.
    command = await (await bot.invoke("backlog", "now")).wait_for_reply()
    assert command.flags & EPHEMERAL and "private:True" in command.content
    # Another member's press is theirs: answered in public, and it starts their own cooldown.
    other = bot.world.add_user("other", guild=bot.guild)
    answered = await (await bot.click(button, message=suggested, user=other)).wait_for_reply()
    assert not answered.flags & EPHEMERAL and "asylum" in embed_text(answered).lower()
    again = await (await bot.invoke("backlog", "now", user=other)).wait_for_reply()
    assert again.flags & EPHEMERAL and "private:True" in again.content


async def test_buttons_that_answer_privately_never_wait(bot) -> None:
    """Sources and Cite answer only the member who pressed, and a suggestion under a private
    answer answers privately: none of them waits for the cooldown."""
    public = await (await bot.invoke("backlog", "ask", question="court backlog now")).wait_for_reply()
    for prefix in ("backlog:src:", "backlog:cite:"):
        button = next(c for c in public.custom_ids() if c.startswith(prefix))
        shown = await (await bot.click(button, message=public)).wait_for_reply()
        assert shown.flags & EPHEMERAL and "private:True" not in shown.content
    private = await (await bot.invoke("backlog", "ask", question="asylum", private=True)).wait_for_reply()
    button = next(c for c in private.custom_ids() if c.startswith("backlog:ask:"))
    answered = await (await bot.click(button, message=private)).wait_for_reply()
    assert answered.flags & EPHEMERAL and "asylum" in embed_text(answered).lower()


async def test_a_server_sets_the_cooldown_and_zero_turns_it_off(bot) -> None:
    saved = await configure(bot, **{"answer-cooldown": 0})
    assert "Saved." in saved and "public answers: no limit" in saved
    for _ in range(3):
        reply = await (await bot.invoke("backlog", "now")).wait_for_reply()
        assert not reply.flags & EPHEMERAL


async def test_proposals_stop_at_the_servers_limit_before_the_form_opens(bot, library) -> None:
    assert "Proposals a member may make a day: 1" in await configure(bot, **{"proposals-per-day": 1})
    member = bot.world.member
    reply = await fill_fact_form(bot, "backlog propose", user=member, measure=MEASURE, publisher="Example")
    assert "waits for a moderator" in reply.content
    again = await bot.invoke("backlog", "propose", user=member, measure=MEASURE, publisher="Example")
    refused = await again.wait_for_reply()
    assert refused.flags & EPHEMERAL and "takes 1 a day" in refused.content and "24 hours" in refused.content
    assert again.callback is not None and again.callback.type != 9  # no form was opened
    assert library.curator.pending_count(str(bot.guild_id)) == 1


async def test_two_forms_open_at_once_do_not_pass_the_proposal_limit(bot, library) -> None:
    await configure(bot, **{"proposals-per-day": 1})
    member = bot.world.member
    opened = []
    for _ in range(2):
        it = await bot.invoke("backlog", "propose", user=member, measure=MEASURE, publisher="Example")
        opened.append((await it.response()).data["custom_id"])
    first = await (await bot.submit_modal(opened[0], NEW_FIGURE)).wait_for_reply()
    assert "waits for a moderator" in first.content
    second = await (await bot.submit_modal(opened[1], NEW_FIGURE)).wait_for_reply()
    assert second.flags & EPHEMERAL and "takes 1 a day" in second.content
    assert library.curator.pending_count(str(bot.guild_id)) == 1


async def test_unanswered_questions_are_noted_up_to_the_limit_then_the_member_is_told(bot, library) -> None:
    await configure(bot, **{"unanswered-per-day": 2, "answer-cooldown": 0})
    for number in range(2):
        it = await bot.invoke("backlog", "ask", question=f"how many goats number {number} does the court own")
        await it.wait_for_reply()
        assert not it.followups
    over = await bot.invoke("backlog", "ask", question="how many goats number 3 does the court own")
    assert "No sourced answer" in embed_text(await over.wait_for_reply())  # still answered
    note = await over.wait_for_followup()
    assert note.flags & EPHEMERAL and "2 of your questions" in note.content
    assert library.flush_behind()  # the questions are written behind the replies
    listed = [q.question for q in library.unanswered.listed(str(bot.guild_id))]
    assert len(listed) == 2 and not any("number 3" in q for q in listed)


async def test_config_shows_the_limits_and_announces_a_change(bot) -> None:
    current = await configure(bot)
    assert "Current settings:" in current and "Proposals a member may make a day: 5" in current
    await configure(bot, **{"audit-channel": bot.channel, "proposals-per-day": 3})

    def posted() -> bool | None:
        lines = [m.content for m in bot.world.messages.values() if m.channel_id == bot.channel_id]
        return any("proposals_per_day 5 → 3" in line for line in lines) or None

    await bot.changed.wait_for(posted, timeout=5, what="the audit line of the limits")
