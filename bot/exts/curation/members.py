"""What every member and every server admin can do, under `/backlog`: propose a fact, configure the bot."""

from __future__ import annotations

import aiohttp
import discord

from ...client import server_of, written
from ...core.render import audit_refused_words, audit_welcome_words
from ...replies import NO_MENTIONS, send_private
from ._access import require_manager, require_server, require_writable
from ._cog import fact_form
from ._flows import actor_of, announce, failure_reason, library_of
from ._modals import FactModal


async def open_proposal(
    interaction: discord.Interaction, measure: str, publisher: str, qualifier: str, status: str
) -> None:
    """The fact form, for anyone: what they submit waits for a moderator in `/fact review`."""
    require_server(interaction)
    require_writable(interaction)
    limits = interaction.client.limits  # type: ignore[attr-defined]
    # Before the form opens, so nobody fills it in to be refused; and again on submit, since
    # a member may open several forms at once.
    limits.check_proposal(str(interaction.guild_id), str(interaction.user.id))

    async def submitted(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
        library = library_of(modal_interaction)
        form = fact_form(values, measure, publisher, qualifier, status)
        server = server_of(modal_interaction)
        assert server is not None
        member, actor = str(modal_interaction.user.id), actor_of(modal_interaction)
        limits.check_proposal(server, member)
        # The write may wait for another process's lock: the reply is deferred first (the deadline).
        await modal_interaction.response.defer(ephemeral=True, thinking=True)

        def propose():
            # Counted again inside the proposal's transaction: no other form lands between.
            limits.check_proposal(server, member)
            return library.curator.propose(form, actor, server)

        proposal = await library.write(propose)
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
    limits: dict[str, int | None] | None = None,
) -> None:
    """Show, or change, who moderates, where changes are announced, and what one member may do."""
    require_manager(interaction)
    config = library_of(interaction).config
    member_limits = interaction.client.limits  # type: ignore[attr-defined]
    server = server_of(interaction)
    assert server is not None
    changes = {}
    if moderator_role is not None:
        changes["moderator_role"] = moderator_role.id
    if audit_channel is not None:
        # The bot posts there once before saying "Saved": a channel it may not post in is refused.
        # A post may wait on Discord (a rate limit), so the reply is deferred first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            client = interaction.client
            channel = client.get_channel(audit_channel.id) or await client.fetch_channel(audit_channel.id)
            welcome = audit_welcome_words(actor_of(interaction).name)
            await channel.send(welcome, allowed_mentions=NO_MENTIONS)  # type: ignore[union-attr]
        except (discord.HTTPException, aiohttp.ClientError) as error:
            await send_private(interaction, audit_refused_words(audit_channel.id, failure_reason(error)))
            return
        changes["audit_channel"] = audit_channel.id
    actor = actor_of(interaction)
    if changes:
        settings, change = await written(interaction, lambda: config.configure(server, actor, **changes))
        await announce(interaction, change)
    else:
        settings = config.get(server)
    limit_changes = {k: v for k, v in (limits or {}).items() if v is not None}
    limit_settings, limit_change = await written(
        interaction, lambda: member_limits.configure(server, actor, **limit_changes)
    )
    if limit_change is not None:
        await announce(interaction, limit_change)
    role = f"<@&{settings.moderator_role}>" if settings.moderator_role else "none (Manage Server only)"
    channel = f"<#{settings.audit_channel}>" if settings.audit_channel else "none"
    cooldown = limit_settings.answer_cooldown
    lines = [
        "Saved." if changes or limit_changes else "Current settings:",
        f"Moderator role: {role}",
        f"Audit channel: {channel}",
        f"Proposals a member may make a day: {limit_settings.proposals_per_day}",
        f"Unanswered questions noted for a member a day: {limit_settings.unanswered_per_day}",
        "Seconds between a member's public answers: " + (f"{cooldown}" if cooldown else "no limit"),
    ]
    if "moderator_role" in changes:
        lines.append(
            "Discord shows `/fact` to members with Manage Server; to show it to this role too, "
            "allow the role under Server Settings → Integrations → this bot."
        )
    await send_private(interaction, "\n".join(lines))
