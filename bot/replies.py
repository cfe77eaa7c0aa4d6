"""Replying to an interaction, whether or not it was answered or deferred already: answers,
private notes, and the deferral that keeps a slow answer within Discord's 3 seconds.

Every message locks mentions: no reply can ping anyone.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import discord

from .cooldown import check_public_answer
from .core.engine import Answer
from .embeds import answer_embed

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
# Set while a public "thinking…" holds the place of an interaction's reply. Discord puts the first
# follow-up in that place, in public: a private note must remove it first (`send_private`).
PUBLIC_DEFERRAL = "public_deferral"


async def defer_reply(interaction: discord.Interaction, *, private: bool) -> None:
    """ "Thinking…" until the answer comes (a chart to draw): Discord's 3 seconds are met. Once
    is enough: an interaction answered or deferred already is left as it is."""
    if interaction.response.is_done():
        return
    await interaction.response.defer(ephemeral=private, thinking=True)
    if not private:
        interaction.extras[PUBLIC_DEFERRAL] = True


async def send(interaction: discord.Interaction, **message: Any) -> None:
    """The interaction's reply, or a follow-up once it was answered or deferred."""
    message.setdefault("allowed_mentions", NO_MENTIONS)
    if interaction.response.is_done():
        await interaction.followup.send(**message)
    else:
        await interaction.response.send_message(**message)
    interaction.extras.pop(PUBLIC_DEFERRAL, None)


async def send_private(interaction: discord.Interaction, content: str, **message: Any) -> None:
    """A private message to the member. A public "thinking…" in its place is removed first, so
    that a refusal or an error never takes it over in the channel. A message Discord will not
    take is logged, not raised: it is a note, and the interaction has nothing else to say."""
    try:
        if interaction.extras.pop(PUBLIC_DEFERRAL, False):
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await send(interaction, content=content, ephemeral=True, **message)
    except discord.HTTPException:
        log.warning("could not send a private message to interaction %s", interaction.id)


async def send_answer(
    interaction: discord.Interaction,
    answer: Answer,
    *,
    private: bool,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
    files: list[discord.File] | None = None,
    content: str | None = None,
) -> None:
    """An answer as its embed, with `view`'s buttons and `files`. A public one waits out the
    member's cooldown first, whichever command or button posts it (`check_public_answer`)."""
    if not private:
        check_public_answer(interaction)
    bot = interaction.client
    message: dict[str, Any] = {
        # not `embed or ...`: an Embed's truth value builds a proxy of each of its parts
        "embed": embed if embed is not None else answer_embed(answer, bot.renderer),  # type: ignore[attr-defined]
        "ephemeral": private,
    }
    if content:
        message["content"] = content
    if view is not None:
        message["view"] = view
    if files:
        message["files"] = files
    await send(interaction, **message)
