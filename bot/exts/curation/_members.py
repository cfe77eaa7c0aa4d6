"""What every member and every server admin can do, under `/backlog`: propose a fact, configure the bot."""

from __future__ import annotations

import discord

from ...client import refuse, send_private, server_of
from ...core.forms import CurationError
from ._access import require_manager, require_server, require_writable
from ._cog import fact_form
from ._flows import NO_MENTIONS, actor_of, announce, library_of
from ._modals import FactModal


async def open_proposal(
    interaction: discord.Interaction, measure: str, publisher: str, qualifier: str, status: str
) -> None:
    """The fact form, for anyone: what they submit waits for a moderator in `/fact review`."""
    require_server(interaction)
    require_writable(interaction)

    async def submitted(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
        library = library_of(modal_interaction)
        form = fact_form(values, measure, publisher, qualifier, status)
        server = server_of(modal_interaction)
        assert server is not None
        try:
            proposal = library.curator.propose(form, actor_of(modal_interaction), server)
        except CurationError as error:
            await refuse(modal_interaction, error)
            return
        notes = "".join(f"\n{w}" for w in proposal.warnings)
        await send_private(
            modal_interaction,
            f"Thank you: proposal {proposal.id} waits for a moderator. "
            f"I will tell you by direct message when it is decided.{notes}",
        )

    await interaction.response.send_modal(FactModal("Propose a fact", submitted))


async def configure(
    interaction: discord.Interaction,
    moderator_role: discord.Role | None,
    audit_channel: discord.TextChannel | None,
) -> None:
    """Show, or change, who moderates and where changes are announced."""
    require_manager(interaction)
    curator = library_of(interaction).curator
    server = server_of(interaction)
    assert server is not None
    changes = {}
    if moderator_role is not None:
        changes["moderator_role"] = moderator_role.id
    if audit_channel is not None:
        changes["audit_channel"] = audit_channel.id
    if changes:
        settings, change = curator.configure(server, actor_of(interaction), **changes)
        await announce(interaction, change)
    else:
        settings = curator.settings(server)
    role = f"<@&{settings.moderator_role}>" if settings.moderator_role else "none (Manage Server only)"
    channel = f"<#{settings.audit_channel}>" if settings.audit_channel else "none"
    lines = [
        "Saved." if changes else "Current settings:",
        f"Moderator role: {role}",
        f"Audit channel: {channel}",
    ]
    if "moderator_role" in changes:
        lines.append(
            "Discord shows `/fact` to members with Manage Server; to show it to this role too, "
            "allow the role under Server Settings → Integrations → this bot."
        )
    await interaction.response.send_message("\n".join(lines), ephemeral=True, allowed_mentions=NO_MENTIONS)
