"""Sending an answer with its own buttons (Sources and Cite, or one per suggestion)."""

from __future__ import annotations

import discord

from ...core.engine import Answer
from ...replies import send_answer
from ._buttons import answer_view


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
    given, replaces the answer's own buttons; a public one waits out the member's cooldown
    (`bot.replies.send_answer`)."""
    view = view or (answer_view(answer) if buttons else None)
    await send_answer(interaction, answer, private=private, embed=embed, view=view, files=files)
