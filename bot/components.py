"""What every persistent button shares with the commands: one log line per press, and a failure
answered by the one error explainer (`bot.errors.explain`)."""

from __future__ import annotations

import time

import discord

from .client import log_interaction
from .errors import explain


class LoggedComponent:
    """A mixin before `discord.ui.DynamicItem`: subclasses answer in `respond` and raise to refuse."""

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        started = time.perf_counter()
        try:
            await self.respond(interaction)
        except Exception as error:
            await explain(interaction, error)
        finally:
            log_interaction(interaction, started)

    async def respond(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError
