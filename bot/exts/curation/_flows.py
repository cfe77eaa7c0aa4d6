"""What happens after a change: it is shown to the moderator, posted to the audit channel, and the
member who proposed it is told (the core refreshed the answers when it committed)."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from ...core.audit import audit_line
from ...core.curation import Actor, Change, Submission
from ...core.engine import Answer, AnswerKind, AnswerStatus
from ...core.library import Library
from ...core.render import audit_failed_words
from ...embeds import answer_embed
from ...replies import NO_MENTIONS, send, send_private

log = logging.getLogger(__name__)


def library_of(interaction: discord.Interaction) -> Library:
    return interaction.client.library  # type: ignore[attr-defined]


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(name=interaction.user.display_name, id=str(interaction.user.id))


async def send_fact(interaction: discord.Interaction, fact_id: int, content: str) -> None:
    library = library_of(interaction)
    fact = library.kb.facts[fact_id]
    answer = Answer(AnswerStatus.ANSWERED, AnswerKind.PROVENANCE, {"facts": [fact]}, facts=[fact])
    await send(interaction, content=content, embed=answer_embed(answer, library.renderer), ephemeral=True)


async def announce(interaction: discord.Interaction, change: Change) -> None:
    """Log the change and post it to the server's audit channel (the core refreshed the answers
    when the change was committed: `Curator.subscribe`).

    The post is sent beside the reply, not before it: the moderator's answer never waits on
    another channel (a rate limit there would take it past Discord's 3-second deadline).
    """
    library = library_of(interaction)
    line = audit_line(change)
    log.info("change in server %s: %s", change.server, line)
    if change.server is None:
        return
    channel_id = library.config.get(change.server).audit_channel
    if channel_id is None:
        return
    task = asyncio.create_task(_post_audit(interaction, change.server, channel_id, line))
    _POSTING.add(task)  # kept until done: the loop holds tasks only weakly
    task.add_done_callback(_POSTING.discard)


_POSTING: set[asyncio.Task[None]] = set()


async def _post_audit(interaction: discord.Interaction, server: str, channel_id: int, line: str) -> None:
    client = interaction.client
    try:
        channel = client.get_channel(channel_id) or await client.fetch_channel(channel_id)
        await channel.send(line, allowed_mentions=NO_MENTIONS)  # type: ignore[union-attr]
    except (discord.HTTPException, aiohttp.ClientError) as error:
        reason = failure_reason(error)
        log.warning("could not post to the audit channel %s of server %s: %s", channel_id, server, reason)
        await tell_moderator(interaction, audit_failed_words(channel_id, reason))


async def tell_moderator(interaction: discord.Interaction, text: str) -> None:
    """A private note to the moderator who made a change, after the reply to it (which is sent
    at once beside this): a note sent first would take the place of that reply."""
    for _ in range(50):
        if interaction.response.is_done():
            break
        await asyncio.sleep(0.05)
    await send_private(interaction, text)


def failure_reason(error: Exception) -> str:
    """What Discord said, in a few words ("Missing Permissions"), for a moderator to act on."""
    if isinstance(error, discord.HTTPException):
        return error.text or f"HTTP {error.status}"
    return type(error).__name__


async def tell_proposer(interaction: discord.Interaction, proposal: Submission, text: str) -> None:
    """A direct message to the member who proposed; members may close DMs, which is not an error."""
    if proposal.author.id is None:
        return
    client = interaction.client
    try:
        user = client.get_user(int(proposal.author.id)) or await client.fetch_user(int(proposal.author.id))
        await user.send(text, allowed_mentions=NO_MENTIONS)
    except (discord.HTTPException, aiohttp.ClientError) as error:
        log.warning("could not tell the proposer of proposal %s: %s", proposal.id, error)
