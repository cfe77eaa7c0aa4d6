"""One member's public answers in a server wait out its cooldown (`/backlog config
answer-cooldown:`), whichever command or button posts them: one member cannot flood a channel.

A private answer reaches only the member and never waits; neither does a DM.
"""

from __future__ import annotations

import discord

# An interaction whose public answer was let through: it is checked once, however many
# messages it sends (a command checks before deferring, and again when its answer goes out).
LET_THROUGH = "cooldown_let_through"


def check_public_answer(interaction: discord.Interaction) -> None:
    """Raise `LimitReached` (answered privately by `bot.errors.explain`) during the member's
    cooldown; otherwise start it."""
    if interaction.guild_id is None or interaction.extras.get(LET_THROUGH):
        return
    limits = interaction.client.limits  # type: ignore[attr-defined]
    limits.check_answer(str(interaction.guild_id), str(interaction.user.id))
    interaction.extras[LET_THROUGH] = True
