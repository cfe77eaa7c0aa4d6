"""Sending an answer: one embed, its buttons, optional files, never a mention."""

from __future__ import annotations

import discord

from ...core.engine import Answer
from ._buttons import answer_view
from ._embeds import answer_embed

NO_MENTIONS = discord.AllowedMentions.none()


async def reply(
    interaction: discord.Interaction,
    answer: Answer,
    *,
    private: bool = False,
    buttons: bool = True,
    files: list[discord.File] | None = None,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
) -> None:
    """Answer an interaction (or follow up a deferred one) with the rendered answer; `view`, when
    given, replaces the answer's own buttons."""
    bot = interaction.client
    if embed is None:  # not `embed or ...`: an Embed's truth value builds a proxy of each of its parts
        embed = answer_embed(answer, bot.renderer)  # type: ignore[attr-defined]
    view = view or (answer_view(answer) if buttons else None)
    kwargs: dict = {"embed": embed, "ephemeral": private, "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if files:
        kwargs["files"] = files
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
