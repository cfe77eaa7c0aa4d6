"""What every curation button shares: only moderators may press it, checked at every press."""

from __future__ import annotations

import discord

from ...components import LoggedComponent
from ._access import require_moderator


class Moderated(LoggedComponent):
    """A button only moderators may press; a refusal (or a stale button) is raised to the one
    error explainer, which answers privately."""

    async def respond(self, interaction: discord.Interaction) -> None:
        require_moderator(interaction)
        await self.act(interaction)

    async def act(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


def moderator_button(label: str, custom_id: str, style: discord.ButtonStyle) -> discord.ui.Button:
    return discord.ui.Button(label=label[:80], custom_id=custom_id, style=style)
