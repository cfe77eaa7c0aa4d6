"""Who may change the fact base: moderators are members with Manage Server or the server's moderator role.

Discord hides `/fact` from other members (`default_permissions`); these checks
are what the bot itself enforces, on every command, every button and every form
submitted, because server admins can change what Discord shows. Each refuses with
`Refused`, which the one error explainer answers privately (`bot.errors`).
"""

from __future__ import annotations

import discord
from discord import app_commands

from ...client import server_of
from ...core.render import (
    fact_base_unusable_words,
    managers_only_words,
    moderators_only_words,
    read_only_words,
    server_only_words,
)
from ...errors import Refused


def can_manage(interaction: discord.Interaction) -> bool:
    permissions = interaction.permissions
    return permissions.administrator or permissions.manage_guild


def is_moderator(interaction: discord.Interaction) -> bool:
    if interaction.guild_id is None:
        return False
    if can_manage(interaction):
        return True
    role = interaction.client.library.config.get(server_of(interaction)).moderator_role  # type: ignore[attr-defined]
    roles = getattr(interaction.user, "roles", [])
    return role is not None and any(r.id == role for r in roles)


def require_moderator(interaction: discord.Interaction) -> None:
    """Raise `Refused` unless a moderator is asking, in a server, of a bot that can keep changes."""
    require_server(interaction)
    if not is_moderator(interaction):
        raise Refused(moderators_only_words())
    require_writable(interaction)


def require_manager(interaction: discord.Interaction) -> None:
    require_server(interaction)
    if not can_manage(interaction):
        raise Refused(managers_only_words())
    require_writable(interaction)


def require_server(interaction: discord.Interaction) -> None:
    if interaction.guild_id is None:
        raise Refused(server_only_words())


def require_writable(interaction: discord.Interaction) -> None:
    library = interaction.client.library  # type: ignore[attr-defined]
    if library.writable:
        return
    if library.failure is not None:
        raise Refused(fact_base_unusable_words())
    raise Refused(read_only_words(builtin=library.store.path is None))


def moderators_only():
    """A command check: `require_moderator`."""

    def predicate(interaction: discord.Interaction) -> bool:
        require_moderator(interaction)
        return True

    return app_commands.check(predicate)
