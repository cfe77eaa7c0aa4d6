"""How curation looks in Discord: a proposal as an embed, the unanswered questions as a list."""

from __future__ import annotations

import discord

from ...core.curation import Submission
from ...core.models import Source, SourceKind
from ...core.render import Renderer
from ...core.text import escape_markdown
from ...core.unanswered import Unanswered

PENDING = discord.Colour.gold()
DECIDED = discord.Colour.dark_grey()


def proposal_embed(proposal: Submission, renderer: Renderer, *, note: str | None = None) -> discord.Embed:
    """A proposal for review. Its source is shown as answers will show it once approved (the cite
    line and the linked title, rendered by the same code), so what the moderator approves is what
    members will see: a masked link shows up here as the text it will be, never hidden."""
    form = proposal.form
    measure = renderer.kb.measures.get(form.measure)
    embed = discord.Embed(
        title=escape_markdown(f"Proposal {proposal.id} by {proposal.author.name}")[:256],
        colour=DECIDED if note else PENDING,
    )
    embed.add_field(name="Measure", value=escape_markdown(measure.label if measure else form.measure)[:1024])
    embed.add_field(name="Value", value=escape_markdown(f"{form.qualifier} {form.value}".strip())[:1024])
    embed.add_field(name="Date", value=escape_markdown(form.date)[:1024])
    preview = Source(
        id=f"proposal-{proposal.id}",
        publisher=form.publisher,
        title=form.title,
        kind=SourceKind.UNCLASSIFIED,
        primary=False,
        url=form.url or None,
        server=proposal.server,
    )
    embed.add_field(name="Source, as answers will cite it", value=renderer.cite(preview)[:1024], inline=False)
    embed.add_field(name="Linked, as answers will show it", value=renderer.source_link(preview)[:1024])
    embed.add_field(name="Quote", value=f"> {escape_markdown(form.quote)}"[:1024], inline=False)
    if form.status != "reported":
        embed.add_field(name="Kind", value=escape_markdown(form.status))
    if proposal.warnings:
        embed.add_field(
            name="Check", value=escape_markdown("\n".join(proposal.warnings))[:1024], inline=False
        )
    if note:
        embed.set_footer(text=note)
    return embed


def unanswered_message(questions: list[Unanswered]) -> tuple[str, list[Unanswered]]:
    if not questions:
        return "No unanswered questions are waiting. Questions the bot cannot answer appear here.", []
    lines = ["**Questions this server asked that the bot could not answer** (most asked first):"]
    for number, question in enumerate(questions, 1):
        times = "once" if question.count == 1 else f"{question.count} times"
        lines.append(f"{number}. “{escape_markdown(question.question)}”, asked {times}")
    lines.append(
        "Answer one by adding a fact with `/fact add`: questions it answers leave this list. "
        "Or dismiss one with its button."
    )
    return "\n".join(lines)[:2000], questions
