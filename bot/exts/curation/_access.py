"""Who may change the fact base: moderators are members with Manage Server or the server's moderator role.

Discord hides `/fact` from other members (`default_permissions`); these checks
are what the bot itself enforces, on every command and every button, because
server admins can change what Discord shows.
"""

from __future__ import annotations

import discord
from discord import app_commands

from ...client import server_of

PROPOSE_HINT = "You can suggest a fact with `/backlog propose` instead: a moderator will review it."


class Refused(app_commands.CheckFailure):
    """The member may not do this here; the message says why, privately."""


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
        raise Refused(f"Only this server's moderators can change its facts. {PROPOSE_HINT}")
    require_writable(interaction)


def require_manager(interaction: discord.Interaction) -> None:
    require_server(interaction)
    if not can_manage(interaction):
        raise Refused("Only members with the Manage Server permission can change the bot's settings.")
    require_writable(interaction)


def require_server(interaction: discord.Interaction) -> None:
    if interaction.guild_id is None:
        raise Refused("Facts belong to a server: use this command in a server that has the bot.")


def require_writable(interaction: discord.Interaction) -> None:
    library = interaction.client.library  # type: ignore[attr-defined]
    if library.writable:
        return
    if library.store.path is not None:
        raise Refused(
            "This bot's fact base file is read-only, so it answers questions but cannot keep changes. "
            "Its operator must make BACKLOG_DB writable; nothing was saved."
        )
    raise Refused(
        "This bot runs on its read-only built-in fact base, so it cannot keep changes. "
        "Its operator must set BACKLOG_DB to a database file on persistent storage."
    )


def moderators_only():
    """A command check: `require_moderator`."""

    def predicate(interaction: discord.Interaction) -> bool:
        require_moderator(interaction)
        return True

    return app_commands.check(predicate)
