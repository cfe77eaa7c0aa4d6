"""Answers as Discord embeds, always inside Discord's limits: shortened with an ellipsis, never refused."""

from __future__ import annotations

import discord

from .core.engine import Answer, AnswerKind, AnswerStatus
from .core.models import Fact
from .core.render import Renderer
from .core.text import escape_markdown

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
SOURCE_FIELDS = 5

COLOURS = {
    AnswerStatus.ANSWERED: discord.Colour.blue(),
    AnswerStatus.SUGGESTIONS: discord.Colour.gold(),
    AnswerStatus.NO_MATCH: discord.Colour.light_grey(),
}


def shorten(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_embed(answer: Answer, renderer: Renderer) -> discord.Embed:
    """The rendered answer, its sources as fields, and the fact ids in the footer."""
    embed = discord.Embed(
        title=title_of(answer), description=renderer.render(answer), colour=COLOURS[answer.status]
    )
    for source in _sources(answer.facts, renderer)[:SOURCE_FIELDS]:
        embed.add_field(name=source[0], value=source[1], inline=False)
    if answer.facts:
        ids = ", ".join(str(f.id) for f in answer.facts[:20])
        embed.set_footer(text=f"Facts {ids} · /backlog source fact:<id> for the full provenance")
    return fit(embed)


def title_of(answer: Answer) -> str:
    data = answer.data
    if "measure" in data:
        return data["measure"].label
    if "definitions" in data:
        return " · ".join(d["measure"].label for d in data["definitions"])
    if "derivation" in data:
        return data["derivation"].label
    return {
        AnswerKind.CROSS_MEASURE: "Two different measures",
        AnswerKind.PROVENANCE: "Where this figure comes from",
        AnswerKind.SUGGESTIONS: "Did you mean…",
        AnswerKind.NO_MATCH: "No sourced answer",
        AnswerKind.ABOUT: "About this bot",
    }.get(answer.kind, "Immigration court backlog")


def _sources(facts: list[Fact], renderer: Renderer) -> list[tuple[str, str]]:
    fields = []
    seen = set()
    for fact in facts:
        source = renderer.kb.sources[fact.source]
        if source.id in seen:
            continue
        seen.add(source.id)
        value = renderer.source_link(source, fact)
        name = f"Source: {escape_markdown(source.publisher)}"
        fields.append((shorten(name, FIELD_NAME_LIMIT), value))
    return fields


def fit(embed: discord.Embed) -> discord.Embed:
    """Bring an embed within every Discord limit, shortening the longest text first."""
    if embed.title:
        embed.title = shorten(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = shorten(embed.description, DESCRIPTION_LIMIT)
    fields = embed.fields[:FIELD_COUNT_LIMIT]
    embed.clear_fields()
    for field in fields:
        embed.add_field(
            name=shorten(field.name or "\u200b", FIELD_NAME_LIMIT),
            value=shorten(field.value or "\u200b", FIELD_VALUE_LIMIT),
            inline=field.inline,
        )
    if embed.footer.text:
        embed.set_footer(text=shorten(embed.footer.text, FOOTER_LIMIT))
    excess = len(embed) - TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = shorten(embed.description, max(1, len(embed.description) - excess))
    while len(embed) > TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed
