"""What happens after a form or a button: the change is made, reported, audited, and answers refresh."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from ...client import refuse, send_private, server_of
from ...core.audit import audit_line
from ...core.curation import Actor, Change, Outcome, Submission
from ...core.engine import Answer, AnswerKind, AnswerStatus
from ...core.forms import CurationError, FactForm
from ...core.library import Library
from ...core.render import audit_failed_words
from ...core.text import escape_markdown
from ..backlog._embeds import answer_embed
from ._access import require_moderator

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


def library_of(interaction: discord.Interaction) -> Library:
    return interaction.client.library  # type: ignore[attr-defined]


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(name=interaction.user.display_name, id=str(interaction.user.id))


async def save_fact(
    interaction: discord.Interaction, form: FactForm, *, edit_of: int | None = None, reason: str | None = None
) -> None:
    """Add or edit a fact from a moderator's form, or ask them to confirm it first.

    The submitter is checked again: a form stays open for 15 minutes, in which a moderator may
    lose the role, and a submission names its own user and server whoever opened the form.
    """
    require_moderator(interaction)
    # A write may wait for another process's lock, and many forms may land at once: the reply
    # is deferred first, so Discord's 3-second deadline is met whatever the write waits for.
    await interaction.response.defer(ephemeral=True, thinking=True)
    library = library_of(interaction)
    curator = library.curator
    server, actor = server_of(interaction), actor_of(interaction)
    try:
        # Off the loop's back: a lock held elsewhere is waited for while other interactions run.
        if edit_of is None:
            outcome = await library.write(lambda: curator.add(form, actor, server))
        else:
            outcome = await library.write(lambda: curator.edit(edit_of, form, actor, server, reason))
    except CurationError as error:
        await refuse(interaction, error)
        return
    await report(interaction, outcome)


async def report(interaction: discord.Interaction, outcome: Outcome) -> None:
    """Tell the moderator what became of their form: saved (with the fact), or what to confirm."""
    from ._buttons import ConfirmButton

    if outcome.pending is not None:
        view = discord.ui.View(timeout=None)
        if outcome.duplicate_of is not None:
            fact = outcome.duplicate_of
            text = (
                f"Fact {fact.id} already records this measure for {fact.period.label} from the same source. "
                f"Nothing was added. Update fact {fact.id} with the values you typed instead?"
            )
            view.add_item(ConfirmButton(outcome.pending.id, f"Update fact {fact.id}"))
        else:
            text = "\n".join(outcome.warnings) + "\nNothing was saved yet. Save it as it is?"
            view.add_item(ConfirmButton(outcome.pending.id, "Save it anyway"))
        kwargs = {"view": view, "ephemeral": True, "allowed_mentions": NO_MENTIONS}
        if interaction.response.is_done():
            await interaction.followup.send(text, **kwargs)
        else:
            await interaction.response.send_message(text, **kwargs)
        return
    assert outcome.change is not None and outcome.fact is not None
    await announce(interaction, outcome.change)
    library = library_of(interaction)
    answered = library.resolve_unanswered(server_of(interaction), outcome.fact.id)
    verb = "added" if outcome.change.action == "add" else "updated"
    content = f"Fact {outcome.fact.id} {verb}. It is in this server's answers now."
    if answered:
        # Members typed these questions: a masked link or a mention in one is shown as text.
        content += "\nIt answers questions people asked before: " + "; ".join(
            f"“{escape_markdown(q)}”" for q in answered[:5]
        )
    await send_fact(interaction, outcome.fact.id, content)


async def send_fact(interaction: discord.Interaction, fact_id: int, content: str) -> None:
    library = library_of(interaction)
    fact = library.kb.facts[fact_id]
    answer = Answer(AnswerStatus.ANSWERED, AnswerKind.PROVENANCE, {"facts": [fact]}, facts=[fact])
    embed = answer_embed(answer, library.renderer)
    kwargs = {"content": content, "embed": embed, "ephemeral": True, "allowed_mentions": NO_MENTIONS}
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


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
